"""The Jinja environment Word templates run in. Templates are untrusted data (offices pass them around), so:

* Jinja's immutable sandbox: no attribute starting with "_", nothing that changes a list or dict; the only
  global is a bounded ``range``; no ``|safe``, ``|format``, ``str.format`` or ``"%" %`` formatting, and no
  ``|random`` (the same input makes the same file);
* no other file and no code of its own: ``include``, ``import``, ``extends``, macros, call blocks,
  recursive loops and ``autoescape`` blocks are refused when the template is compiled (``Refused``);
* bounded work: every call, filter, arithmetic operator, ``~`` join, loop step and piece of output is
  measured against the limits below, inside ``limits()``: a runaway loop or a huge string stops with
  ``LimitExceeded`` long before it costs seconds or memory.

The limits are module constants so that tests can make them small.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from functools import cache
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ...records import record

MAX_VALUE = 1_000_000  # characters (or items) in one value a tag computes
MAX_WORK = 10_000_000  # one call or operator: its two largest inputs multiplied (bounds "x".replace("", …))
MAX_OUTPUT = 20_000_000  # characters one render produces, all parts together
MAX_STEPS = 1_000_000  # calls, operators, loop steps and pieces of output in one render
MAX_SECONDS = 5.0  # one render
MAX_BITS = 4096  # integers a template computes

_REMOVED_FILTERS = ("safe", "format", "random")  # raw markup, unbounded widths, a different file each time


class LimitExceeded(SecurityError):
    """A template went past a limit; ``key`` and ``args`` name the catalogue message."""

    def __init__(self, key: str, **args: Any):
        super().__init__(key)
        self.key, self.args_ = key, args


class Refused(TemplateSyntaxError):
    """A construct templates may not use (``what`` says which), found when compiling."""

    def __init__(self, what: str, lineno: int):
        super().__init__(f"{what} is not allowed in templates", lineno)
        self.what = what


@record(frozen=False)
class _Budget:
    deadline: float
    steps: int = 0
    output: int = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise LimitExceeded("template.limit_steps", limit=MAX_STEPS)
        if not self.steps & 0xFF and time.monotonic() > self.deadline:
            raise LimitExceeded("template.limit_time", limit=MAX_SECONDS)


_BUDGET: ContextVar[_Budget | None] = ContextVar("gipr_gen_template_budget", default=None)


@contextmanager
def limits() -> Iterator[None]:
    """One render's budget: everything a template does inside counts against the limits."""
    token = _BUDGET.set(_Budget(time.monotonic() + MAX_SECONDS))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _budget() -> _Budget:
    # outside limits() (never, in gipr-gen) each call gets a budget of its own: still no single huge value
    return _BUDGET.get() or _Budget(time.monotonic() + MAX_SECONDS)


# ---- measuring values ------------------------------------------------------------------------------


def _size(value: Any, limit: int = MAX_VALUE) -> int:
    """Characters and items in a value, nested containers included, counted up to just past ``limit``."""
    total, stack = 0, [value]
    while stack and total <= limit:
        v = stack.pop()
        if isinstance(v, (str, bytes)):
            total += len(v)
        elif isinstance(v, range):
            total += _length(v)
        elif isinstance(v, (list, tuple, set, frozenset)):
            total += len(v)
            stack.extend(v)
        elif isinstance(v, dict):
            total += len(v)
            stack.extend(v.keys())
            stack.extend(v.values())
        else:
            total += 1
    return total


def _length(r: range) -> int:
    try:
        return len(r)
    except OverflowError:
        return MAX_WORK + 1


def _measure(value: Any) -> int:
    """An input's weight: an integer counts as much as it is large (a width, a count), else its size."""
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) if value.bit_length() < 64 else MAX_WORK + 1
    return _size(value, MAX_WORK)


def _check_inputs(*inputs: Any) -> None:
    weights = sorted(_measure(v) for v in inputs)
    if weights and (weights[-1] > MAX_WORK or (len(weights) > 1 and weights[-1] * max(weights[-2], 1) > MAX_WORK)):
        raise LimitExceeded("template.limit_value", limit=MAX_VALUE)


def _checked(value: Any) -> Any:
    """A computed value within MAX_VALUE; an iterator is measured as it is consumed."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_BITS:
            raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
    elif isinstance(value, (str, bytes, list, tuple, set, frozenset, dict, range)):
        if _size(value) > MAX_VALUE:
            raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
    elif isinstance(value, Iterator):
        return _Measured(value)
    return value


class _Measured:
    """An iterator a template got from a filter (map, select, batch…), measured item by item."""

    def __init__(self, items: Iterator[Any]):
        self._items, self._size = items, 0

    def __iter__(self) -> _Measured:
        return self

    def __next__(self) -> Any:
        item = next(self._items)
        _budget().step()
        self._size += _size(item) + 1
        if self._size > MAX_VALUE:
            raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
        return item


def _range(*args: int) -> range:
    r = range(*args)
    if _length(r) > MAX_STEPS:  # a loop over it could not finish
        raise LimitExceeded("template.limit_steps", limit=MAX_STEPS)
    return r


def _steps(items: Any) -> Iterator[Any]:
    """What every ``{% for %}`` loops over (put there when compiling): each step counts."""
    budget = _budget()
    for item in items:
        budget.step()
        yield item


def _guarded(f: Any) -> Any:
    """A filter that counts as a step and keeps within the limits."""

    @functools.wraps(f)  # keeps Jinja's pass_context and the like
    def filter_(*args: Any, **kwargs: Any) -> Any:
        _budget().step()
        _check_inputs(*args, *kwargs.values())
        return _checked(f(*args, **kwargs))

    return filter_


def _refused_format(*args: Any, **kwargs: Any) -> str:
    raise LimitExceeded("template.refused", what="format()")


# ---- the environment --------------------------------------------------------------------------------


class _NoFiles(BaseLoader):
    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateNotFound(template)


class _Generator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:  # a ~ b: the joined string is measured
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


_REFUSED = ((nodes.Include, "include"), (nodes.Import, "import"), (nodes.FromImport, "import"),
            (nodes.Extends, "extends"), (nodes.Macro, "macro"), (nodes.CallBlock, "call"),
            (nodes.EvalContextModifier, "autoescape"))


class Sandbox(ImmutableSandboxedEnvironment):
    """Sandboxed and bounded; compiles each distinct template source once: rendering a batch fills the
    same template again and again, and compiling its XML costs several times more than filling it."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, loader=_NoFiles())
        self.globals.clear()
        self.globals["range"] = _range
        self.filters = {name: _guarded(f) for name, f in self.filters.items() if name not in _REMOVED_FILTERS}
        self.filters["_steps"] = _steps
        self._compiled: dict[str, Any] = {}

    # -- compiling

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in list(tree.find_all((nodes.For, *(kind for kind, _ in _REFUSED)))):
            if not isinstance(node, nodes.For):
                raise Refused(next(what for kind, what in _REFUSED if isinstance(node, kind)), node.lineno)
            if node.recursive:
                raise Refused("recursive", node.lineno)
            node.iter = nodes.Filter(node.iter, "_steps", [], [], None, None, lineno=node.iter.lineno)
        return tree

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 64:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]

    # -- running

    def concat(self, pieces: Any) -> str:  # type: ignore[override]  # every render's output goes through here
        budget = _budget()
        out = []
        for piece in pieces:
            budget.output += len(piece)
            if budget.output > MAX_OUTPUT:
                raise LimitExceeded("template.limit_output", limit=MAX_OUTPUT)
            budget.step()
            out.append(piece)
        return "".join(out)

    def checked(self, value: Any) -> Any:
        _budget().step()
        return _checked(value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        _budget().step()
        if __obj is not _range:
            _check_inputs(getattr(__obj, "__self__", None), *args, *kwargs.values())
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _budget().step()
        if operator == "%" and isinstance(left, str):
            raise LimitExceeded("template.refused", what="%")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and right * abs(left).bit_length() > MAX_BITS:
                raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
        elif operator == "*":
            sizes = [_measure(v) for v in (left, right)]
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_BITS:
                    raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
            elif sizes[0] * sizes[1] > MAX_VALUE:
                raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
        elif operator == "+" and not (isinstance(left, (int, float)) and isinstance(right, (int, float))):
            if _size(left) + _size(right) > MAX_VALUE:
                raise LimitExceeded("template.limit_value", limit=MAX_VALUE)
        return _checked(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Any:
        return _refused_format if super().wrap_str_format(value) is not None else None


@cache
def environment() -> Sandbox:
    """The Jinja environment templates are rendered in: sandboxed, bounded, escaped, no silent blanks."""
    return Sandbox()
