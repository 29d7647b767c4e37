"""``@record``: the package's dataclasses, made for a fraction of the start-up cost.

Python 3.11's ``@dataclass(frozen=True)`` compiles six methods from source for each class, about 1 ms a
class; with some seventy classes on the path of a command that was a quarter of its start. A record is a
dataclass to ``dataclasses`` (``fields``, ``replace``, ``asdict`` and ``is_dataclass`` work on it), its fields
made as ``@dataclass`` makes them. Its ``__init__`` alone is made for the class (it runs for every instance),
from code compiled once and kept in ``__pycache__`` (``pycache.Store``); ``__repr__``, ``__eq__``,
``__hash__`` and, when frozen, ``__setattr__``/``__delattr__`` are shared functions that behave as the
dataclass ones do. Field options other than ``default``, ``default_factory``, ``compare`` and ``repr``,
ClassVar, InitVar and KW_ONLY annotations, and a class that writes one of those methods itself, are
refused, so a class never silently loses one.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

from .patterns import pattern
from .pycache import Store

T = TypeVar("T", bound=type)

_NO_ARGUMENT = object()  # an argument left out whose default is made by a factory
_MADE = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
_PSEUDO_FIELD = pattern(r"\s*(?:(?:typing|t|dataclasses)\.)?(?:ClassVar|InitVar|KW_ONLY)\b")
_INITS = Store("records", ())  # the compiled code of each ``__init__`` source: compiling is most of a class's cost


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, frozen: bool = True, eq: bool = True) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: Any = None, /, *, frozen: bool = True, eq: bool = True) -> Any:
    """``@dataclass(frozen=True)``; ``@record(frozen=False)`` and ``@record(eq=False)`` as the dataclass
    options of those names (``eq=False``: equal only to itself, hashed by identity)."""
    def make(cls: T) -> T:
        return _make(cls, frozen, eq)
    return make if cls is None else make(cls)


def _make(cls: T, frozen: bool, eq: bool) -> T:
    own = [name for name in _MADE if cls.__dict__.get(name) is not None]
    if own:
        raise TypeError(f"{cls.__qualname__} defines {', '.join(own)}, which a record makes")
    if cls.__dict__.get("__doc__") is None:  # as the dataclass names it, without its slow inspect.signature
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', {}))})"
    fields = _fields(cls)
    for f in fields:
        refused = [option for option, used in (("init", not f.init), ("hash", f.hash is not None),
                                                ("kw_only", f.kw_only is True), ("metadata", bool(f.metadata))) if used]
        if refused:
            raise TypeError(f"{cls.__qualname__}.{f.name}: a record's fields take default, default_factory, "
                            f"compare and repr, not {', '.join(refused)}")
    cls.__init__ = _init(cls, fields, frozen)  # type: ignore[misc]
    cls.__repr__ = _repr  # type: ignore[assignment]
    cls.__record_shown__ = tuple(f.name for f in fields if f.repr)
    if eq:
        compared = [f.name for f in fields if f.compare]
        cls.__record_key__ = staticmethod(_key(compared))
        cls.__eq__ = _eq  # type: ignore[assignment]
        cls.__hash__ = _hash if frozen else None  # type: ignore[assignment] - mutable and compared: unhashable
    if frozen:
        cls.__setattr__ = _frozen_set  # type: ignore[assignment]
        cls.__delattr__ = _frozen_delete  # type: ignore[assignment]
    return cls


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """The class's fields, made and set on it as ``@dataclass`` does (``__dataclass_fields__``, defaults as
    class attributes, ``__match_args__``) without its per-annotation lookups, which cost more than the rest."""
    fields: dict[str, dataclasses.Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:  # a dataclass base's fields first, as the dataclass takes them
        fields.update(getattr(base, "__dataclass_fields__", {}))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _not_a_field(annotation):
            raise TypeError(f"{cls.__qualname__}: a record takes no ClassVar, InitVar or KW_ONLY annotations")
        default = cls.__dict__.get(name, dataclasses.MISSING)
        f = default if isinstance(default, dataclasses.Field) else dataclasses.field(default=default)
        f.name, f.type, f._field_type = name, annotation, dataclasses._FIELD  # type: ignore[attr-defined]
        if f.kw_only is dataclasses.MISSING:
            f.kw_only = False
        if f.default is not dataclasses.MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: "
                             "use default_factory")
        if isinstance(default, dataclasses.Field):  # the class keeps the default, not the field
            if f.default is dataclasses.MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields[name] = f
    made = tuple(fields.values())
    defaulted = False
    for f in made:
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            defaulted = True
        elif defaulted:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(fields)  # type: ignore[attr-defined]
    return made


def _not_a_field(annotation: Any) -> bool:
    """ClassVar, InitVar and KW_ONLY annotations, which a record refuses (written as text or as objects)."""
    if isinstance(annotation, str):
        return bool(_PSEUDO_FIELD.match(annotation))
    return (typing.get_origin(annotation) is typing.ClassVar or annotation is typing.ClassVar
            or isinstance(annotation, dataclasses.InitVar) or annotation in (dataclasses.InitVar, dataclasses.KW_ONLY))


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Callable[..., None]:
    """The class's ``__init__``, compiled from its field names (identifiers, so the source is safe)."""
    scope: dict[str, Any] = {"_NO_ARGUMENT": _NO_ARGUMENT, "_set": object.__setattr__}
    params, lines = ["self"], []
    for f in fields:
        value = f.name
        if f.default is not dataclasses.MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_NO_ARGUMENT")
            value = f"_factory_{f.name}() if {f.name} is _NO_ARGUMENT else {f.name}"
        else:
            params.append(f.name)
        lines.append(f" _set(self, {f.name!r}, {value})" if frozen else f" self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append(" self.__post_init__()")
    source = "\n".join([f"def __init__({', '.join(params)}):", *(lines or [" pass"])])
    code = _INITS.get(source)
    if code is None:
        code = compile(source, "<record>", "exec")
        _INITS.put(source, code)
    made: dict[str, Any] = {}
    exec(code, scope, made)  # noqa: S102
    init = made["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _key(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The compared fields as a tuple, as the dataclass compares them (so NaN equals itself, as there)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda record: ()


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is self.__class__:
        key = self.__record_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_key__(self))


def _frozen_set(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delete(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
