"""``@record`` behaves as ``@dataclass`` does with the same options: compared against dataclasses itself."""

from __future__ import annotations

import dataclasses
import math
import pickle
from dataclasses import dataclass, field
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gipr_gen import records
from gipr_gen.pycache import Store
from gipr_gen.records import record


@pytest.fixture(autouse=True, scope="module")
def own_store(tmp_path_factory):
    """The classes these tests make keep their code in a store of the tests' own, not the package's."""
    saved = records._INITS
    records._INITS = Store("records", ())
    records._INITS.path = tmp_path_factory.mktemp("pycache") / "records.bin"
    yield records._INITS
    records._INITS = saved

VALUES = st.one_of(st.integers(-3, 3), st.sampled_from(["", "甲", "a"]), st.none(), st.just(math.nan),
                   st.tuples(st.integers(0, 2)))


@st.composite
def layouts(draw):
    """Fields (name, kind, compare, repr): kind is required, a default value or a list factory."""
    n = draw(st.integers(0, 5))
    kinds = sorted(draw(st.lists(st.sampled_from(["required", "default", "factory"]), min_size=n, max_size=n)),
                   key=lambda k: k != "required")  # required fields first, as Python requires
    return [(f"f{i}", kind, draw(st.booleans()), draw(st.booleans())) for i, kind in enumerate(kinds)]


def _pair(layout, frozen: bool, eq: bool):
    """The same class body made by dataclass and by record."""
    def body():
        annotations, namespace = {}, {}
        for name, kind, compare, shown in layout:
            annotations[name] = "object"
            if kind == "default":
                namespace[name] = field(default=7, compare=compare, repr=shown)
            elif kind == "factory":
                namespace[name] = field(default_factory=list, compare=compare, repr=shown)
            else:
                namespace[name] = field(compare=compare, repr=shown)
        namespace["__annotations__"] = annotations
        namespace["__module__"] = __name__
        namespace["__qualname__"] = "Shape"
        return type("Shape", (), namespace)
    return dataclass(frozen=frozen, eq=eq)(body()), record(frozen=frozen, eq=eq)(body())


@settings(max_examples=150, deadline=None)
@given(layout=layouts(), frozen=st.booleans(), eq=st.booleans(), data=st.data())
def test_a_record_behaves_as_the_dataclass(layout, frozen, eq, data):
    made, ours = _pair(layout, frozen, eq)
    required = [name for name, kind, _, _ in layout if kind == "required"]
    rows = [[data.draw(VALUES) for _ in required] for _ in range(3)]
    a = [made(*row) for row in rows]
    b = [ours(*row) for row in rows]
    def described(cls):
        return [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.hash, f.kw_only,
                 dict(f.metadata), getattr(cls, f.name, "no class attribute")) for f in dataclasses.fields(cls)]
    assert described(ours) == described(made) and ours.__match_args__ == made.__match_args__
    assert dataclasses.is_dataclass(ours) and dataclasses.is_dataclass(one := ours(*[0] * len(required)))
    assert dataclasses.asdict(dataclasses.replace(one)) == dataclasses.asdict(made(*[0] * len(required)))
    assert [repr(x) for x in b] == [repr(x) for x in a]
    assert [[x == y for y in b] for x in b] == [[x == y for y in a] for x in a]
    assert [[x != y for y in b] for x in b] == [[x != y for y in a] for x in a]
    assert (b[0] == "other") == (a[0] == "other")
    hashable = made.__hash__ is not None
    assert (ours.__hash__ is not None) == hashable
    if hashable and eq:
        for i, x in enumerate(b):
            for j, y in enumerate(b):
                if x == y:
                    try:
                        assert hash(x) == hash(y)
                    except TypeError:  # a list field: the dataclass cannot hash it either
                        with pytest.raises(TypeError):
                            hash(a[i])
    for x, y in zip(a, b):
        for name, kind, _, _ in layout:
            assert getattr(x, name) == getattr(y, name) or getattr(x, name) is getattr(y, name) \
                or (isinstance(getattr(x, name), float) and math.isnan(getattr(y, name)))
            if kind == "factory":
                assert getattr(y, name) == [] and getattr(y, name) is not getattr(b[0], name) or y is b[0]
    if layout:
        name = layout[0][0]
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(b[0], name, 1)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(b[0], name)
            with pytest.raises(dataclasses.FrozenInstanceError):
                b[0].other = 1
        else:
            setattr(b[0], name, "changed")
            assert getattr(b[0], name) == "changed"
        changed = dataclasses.replace(b[1], **{name: "new"})
        assert type(changed) is ours and getattr(changed, name) == "new"


@record
class Point:
    """A documented record."""
    x: int
    y: int = 0
    seen: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("x < 0")


def test_post_init_keyword_arguments_pickling_and_documentation():
    assert Point(1, y=2) == Point(x=1, y=2, seen=("a",))  # seen is not compared
    assert hash(Point(1, 2)) == hash(Point(1, 2, ("b",)))
    with pytest.raises(ValueError):
        Point(-1)
    with pytest.raises(TypeError):
        Point()  # x is required
    with pytest.raises(TypeError):
        Point(1, 2, (), 4)
    assert pickle.loads(pickle.dumps(Point(3, 4, ("c",)))) == Point(3, 4)
    assert Point.__doc__ == "A documented record." and Point.__init__.__qualname__ == "Point.__init__"
    assert Point.__match_args__ == ("x", "y", "seen")


def test_an_undocumented_record_names_its_fields():
    @record
    class Bare:
        a: int
        b: str = ""
    assert Bare.__doc__ == "Bare(a, b)"


def test_identity_records_equal_only_themselves():
    @record(eq=False)
    class Spec:
        name: str
    one, other = Spec("a"), Spec("a")
    assert one == one and one != other and hash(one) == object.__hash__(one)


def test_options_a_record_cannot_keep_are_refused():
    with pytest.raises(TypeError, match="kw_only"):
        @record
        class KeywordOnly:
            a: int = field(kw_only=True)
    with pytest.raises(TypeError, match="init"):
        @record
        class NotInInit:
            a: int = field(init=False, default=0)
    with pytest.raises(TypeError, match="InitVar"):
        @record
        class WithInitVar:
            a: int
            seed: dataclasses.InitVar[int] = 0
    with pytest.raises(TypeError, match="ClassVar"):
        @record
        class WithClassVar:
            a: int
            count: ClassVar[int] = 0
    with pytest.raises(TypeError, match="KW_ONLY"):
        @record
        class WithKeywordMarker:
            a: int
            _: dataclasses.KW_ONLY
    with pytest.raises(ValueError, match="default_factory"):  # as the dataclass refuses a shared list
        @record
        class SharedDefault:
            items: list = []  # noqa: RUF012
    with pytest.raises(TypeError, match="follows default"):
        @record
        class OutOfOrder:
            a: int = 0
            b: int
    with pytest.raises(TypeError, match="__repr__"):
        @record
        class OwnRepr:
            a: int

            def __repr__(self) -> str:
                return "mine"


def test_the_next_process_makes_a_record_from_the_stored_code(own_store, monkeypatch):
    def define():
        @record
        class Span:
            start: int
            words: list = field(default_factory=list)
            note: str = "-"
        return Span

    monkeypatch.setattr(own_store, "added", {})
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    first = define()
    assert len(own_store.added) == 1
    own_store.save()
    again = Store("records", ())
    again.path = own_store.path
    monkeypatch.setattr(records, "_INITS", again)
    monkeypatch.setattr("builtins.compile", None)  # nothing may be compiled: the code is in the store
    second = define()
    monkeypatch.undo()
    assert again.added == {}
    a, b = second(1), second(1)
    assert a.words == [] and a.words is not b.words and a.note == "-" and repr(a).endswith(".Span(start=1, words=[], note='-')")
    assert second(2, ["x"], "y") == second(start=2, words=["x"], note="y") != first(2, ["x"], "y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 3
