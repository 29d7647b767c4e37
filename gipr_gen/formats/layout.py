"""The shapes every table format is made of: sections, tables with their rows, columns and merged-cell
grid, rules and their guides, bundled as one ``Format``. A format package (``formats/f2021``) fills
them in; readers, rules and writers read only these types, never a format's own module.
"""

from __future__ import annotations

from dataclasses import field, replace
from functools import cache, cached_property
from typing import Any, Callable, Iterable, Iterator, Literal, Protocol, TypeVar

from ..records import record

Severity = Literal["error", "warning"]

# ---- sections ---------------------------------------------------------------------------------


@record
class Section:
    key: str  # YAML key
    number: str  # 一 … 六
    title: str  # heading text after "一、"
    kind: Literal["text", "table"]
    hint: str  # what the section must contain, shown in the schema and the init skeleton

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


# ---- tables -----------------------------------------------------------------------------------

Kind = Literal["integer", "decimal"]


@record
class Column:
    key: str
    label: str  # the official header text
    total: bool = False  # a 总计 column: may be omitted in YAML and is then derived
    kind: Kind = "integer"  # "decimal": an amount (the fee in 万元)
    rule: str | None = None  # the rule a bad value breaks, where it differs from the table's
    decimals: int | None = None  # decimal places allowed ("decimal" columns)
    signed: bool = False  # a change from last year: a decrease is written negative (本年增/减)
    units: tuple[str, ...] = ()  # an amount whose label names no unit: the units its row's ``unit`` may state


@record
class Row:
    """A data row: one line in YAML, one row of data cells in the official table."""

    key: str
    label: str
    total: bool = False  # a 总计 row: may be omitted in YAML and is then derived


@record
class Group:
    """Rows under a merged label cell, or under a header row of their own."""

    key: str | None  # YAML key of the nested mapping; None when the group is not nested in YAML
    label: str
    children: tuple[Row | Group, ...]
    columns: tuple[Column, ...] = ()  # the group's own column headers, where groups differ


Path = tuple[str, ...]  # YAML path of a row inside its section, e.g. ("results", "withheld", "state_secret")
CellKey = tuple[Path, str]  # (row path, column key)


@record
class DataRow:
    path: Path
    row: Row
    columns: tuple[Column, ...]
    labels: tuple[str, ...]  # the row's label and its enclosing group labels, outermost first

    @property
    def label(self) -> str:
        return self.row.label

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def unit_column(self) -> Column | None:
        """The amount whose unit the row's ``unit`` key states (a column with ``units``), if any."""
        return next((c for c in self.columns if c.units), None)


UNIT_KEY = "unit"  # a row's key for the unit of its amount (DataRow.unit_column), beside its cells


@record
class Typesetting:
    """How the Word writer sets a table: column widths in mm and the paragraph style of its cells."""

    column_mm: tuple[float, ...]
    style: str = "TableText"
    justified_labels: bool = False  # single-row label cells read left to right (table 三)


@record(eq=False)
class TableSpec:
    section: str  # the key of the section that holds this table
    title: str
    body: tuple[Row | Group, ...]
    columns: tuple[Column, ...] = ()  # shared columns, where every row has the same
    cell_rule: str = "Y-TYPE"  # the rule a cell that is not a number ≥ 0 breaks
    var: str = ""  # the table's name in Word templates (t3.results.disclosed.total)
    typesetting: Typesetting | None = None
    draw: Callable[[TableSpec], Grid] | None = field(default=None, repr=False)  # the merged-cell grid
    units: tuple[tuple[CellKey, str], ...] = ()  # units a report states for its amounts (``stating``)

    def stating(self, units: tuple[tuple[CellKey, str], ...]) -> TableSpec:
        """This table as a report fills it in, with the units it states for amounts whose label names none
        (``Column.units``): writers print each after its figure. The same table when it states none."""
        return _stating(self, units) if units else self

    def unit(self, cell: CellKey) -> str:
        """The unit printed after a cell's figure: the one the report states, or none."""
        return self._units.get(cell, "") if self.units else ""

    @cached_property
    def _units(self) -> dict[CellKey, str]:
        return dict(self.units)

    @cached_property
    def rows(self) -> tuple[DataRow, ...]:
        return tuple(_data_rows(self.body, (), (), self.columns))

    @cached_property
    def _index(self) -> dict[Path, DataRow]:
        return {r.path: r for r in self.rows}

    def row(self, path: Path) -> DataRow:
        return self._index[path]

    def locate(self, rel: Path) -> tuple[DataRow | None, Column | None]:
        """The row a YAML path inside this table stands in, and the column it names after the row's path."""
        for n in range(len(rel), 0, -1):
            row = self._index.get(rel[:n])
            if row is not None:
                return row, next((c for c in row.columns if len(rel) > n and c.key == rel[n]), None)
        return None, None

    def select(self, dotted: str) -> list[DataRow]:
        """The rows a dotted path names, as rules write them: ``results.total`` one row,
        ``results.withheld.*`` every data row under a group."""
        path = tuple(dotted.removesuffix(".*").split("."))
        if dotted.endswith(".*"):
            return [r for r in self.rows if r.path[:len(path)] == path]
        return [self._index[path]] if path in self._index else []

    def cells(self) -> Iterator[CellKey]:
        for r in self.rows:
            for c in r.columns:
                yield r.path, c.key

    @cached_property
    def grid(self) -> Grid:
        assert self.draw is not None, self.section
        return self.draw(self)

    def group_label(self, rel: Path) -> str | None:
        """The label of the group whose YAML path is ``rel``."""
        def walk(items, prefix):
            for item in items:
                if isinstance(item, Group):
                    p = prefix + ((item.key,) if item.key else ())
                    if p == rel:
                        return item.label
                    found = walk(item.children, p)
                    if found:
                        return found
            return None
        return walk(self.body, ())


@cache
def _stating(table: TableSpec, units: tuple[tuple[CellKey, str], ...]) -> TableSpec:
    return replace(table, units=units)  # once per table and units: writers cache by table


def _data_rows(items, prefix: Path, labels: tuple[str, ...], columns) -> Iterator[DataRow]:
    for item in items:
        if isinstance(item, Group):
            sub = prefix + ((item.key,) if item.key else ())
            yield from _data_rows(item.children, sub, labels + (item.label,), item.columns or columns)
        else:
            yield DataRow(prefix + (item.key,), item, columns, labels + (item.label,))


def leaf_count(item: Row | Group) -> int:
    return 1 if isinstance(item, Row) else sum(leaf_count(c) for c in item.children)


# ---- the merged-cell grid every writer draws ---------------------------------------------------


@record
class GridCell:
    row: int  # 0-based top row
    col: int  # 0-based left column
    text: str = ""  # label text for header and label cells
    rowspan: int = 1
    colspan: int = 1
    role: Literal["header", "label", "group", "data"] = "label"
    cell: CellKey | None = None  # for data cells: which value goes here


@record
class Grid:
    table: TableSpec
    nrows: int
    ncols: int
    cells: tuple[GridCell, ...]  # top-left cells only, in reading order
    header_rows: int  # rows to repeat when the table breaks across pages

    def rows(self) -> list[list[GridCell]]:
        """Top-left cells grouped by the row they start in."""
        return rows_of(self.cells, self.nrows)

    @cached_property
    def covered(self) -> dict[tuple[int, int], GridCell]:
        """Every grid position mapped to the cell that covers it (made once: read, never changed)."""
        return coverage(self.cells)


class Spanning(Protocol):
    """A cell on a grid: the official grid's, or a published table's."""

    row: int
    col: int
    rowspan: int
    colspan: int


C = TypeVar("C", bound=Spanning)


def rows_of(cells: Iterable[C], nrows: int) -> list[list[C]]:
    """Top-left cells grouped by the row they start in."""
    out: list[list[C]] = [[] for _ in range(nrows)]
    for c in cells:
        out[c.row].append(c)
    return out


def coverage(cells: Iterable[C]) -> dict[tuple[int, int], C]:
    """Every grid position mapped to the cell that covers it."""
    return {(c.row + i, c.col + j): c for c in cells for i in range(c.rowspan) for j in range(c.colspan)}


# ---- the report's other fields and kinds of body ------------------------------------------------


@record
class FieldInfo:
    title: str
    description: str


@record
class OrganType:
    key: str
    label: str
    rule_making: bool  # may issue 规章
    fee_limit: float  # 万元 of administrative fees above which the amount looks like yuan (T2-04)


# ---- rules -------------------------------------------------------------------------------------

# How a rule is checked. The engine has one evaluator per kind and refuses to start without one.
#   reader     the YAML reader (encoding, syntax, keys) reports it
#   schema     the JSON Schema reports it on the cells or keys it covers
#   narrative  the narrative Markdown parser reports it (constructs the layout cannot hold)
#   formula    the engine evaluates ``formula`` over one table
#   predicate  a function of the report, named by ``predicate`` in the format's predicates
#   previous   a function of the report and last year's, named by ``predicate``
#   import     the reader of published reports (import) reports it where it had to guess or could not read
CHECK_KINDS = ("reader", "schema", "narrative", "formula", "predicate", "previous", "import")
CheckKind = Literal["reader", "schema", "narrative", "formula", "predicate", "previous", "import"]
BLOCKING_KINDS = ("reader", "schema", "narrative")  # findings no writer can render past, even with --force


@record
class Rule:
    id: str  # its texts are in the message catalogue, keyed by it (i18n)
    severity: Severity
    formula: str = ""  # the arithmetic the engine evaluates ("formula" rules only)
    check: CheckKind = "formula"
    table: str | None = None  # section key of the table the rule speaks of
    rows: tuple[str, ...] = ()  # what R stands for in a formula
    predicate: str | None = None  # for "predicate" and "previous" rules
    anchor: str | None = None  # the formula term whose line a finding points to (default: the left-hand side)
    fix: str = "fix.sum_total"  # message key of the advice
    quiet_after: tuple[str, ...] = ()  # rules whose errors leave this one nothing sound to compare

    @property
    def blocking(self) -> bool:
        """Its errors stop a build even with --force: the report cannot be rendered as written."""
        return self.check in BLOCKING_KINDS


@record
class Guide:
    """What `gipr-gen explain` says beyond the rule itself, as message keys: why it holds and a fix."""

    why: str
    example: str


@record
class Carry:
    """A figure ``init --previous`` takes from last year's report: ``source`` row there → ``target`` row here
    (``column`` None: every non-total column)."""

    section: str
    source: Path
    target: Path
    column: str | None = None


# ---- a format ---------------------------------------------------------------------------------


@record(eq=False)
class Format:
    name: str  # the YAML ``format:`` value
    report_name: str  # what every title names
    sections: tuple[Section, ...]
    tables: tuple[TableSpec, ...]
    fields: dict[str, FieldInfo]
    organ_types: tuple[OrganType, ...]
    rules: tuple[Rule, ...]
    guides: dict[str, Guide]
    predicates: dict[str, Callable[..., Iterator[Any]]]
    first_year: int  # the first report year the format was issued for
    schema_file: str  # in schema/, generated from this format
    carry: tuple[Carry, ...] = ()  # what init --previous carries over
    init_balance: tuple[str, Path, Path] | None = None  # (section, row, row set equal to it) in a new skeleton
    overview_topics: tuple[str, ...] = ()  # sub-headings init writes into the first section
    text_help: str = ""  # how narrative Markdown maps to the official headings (schema hover text)

    def __post_init__(self) -> None:
        for rule in self.rules:  # a rule nobody can evaluate is a defect: refuse the format at import
            if rule.check not in CHECK_KINDS:
                raise ValueError(f"format {self.name}: rule {rule.id} has unknown check kind {rule.check!r}")
            if rule.check in ("predicate", "previous") and rule.predicate not in self.predicates:
                raise ValueError(f"format {self.name}: rule {rule.id} names unknown predicate {rule.predicate!r}")
            if rule.table is not None and rule.table not in self.table_by_section:
                raise ValueError(f"format {self.name}: rule {rule.id} names unknown table {rule.table!r}")
            if set(rule.quiet_after) - {r.id for r in self.rules}:
                raise ValueError(f"format {self.name}: rule {rule.id} waits on an unknown rule")
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"format {self.name}: a rule ID is declared twice")
        for table in self.tables:  # one ``unit`` key states the unit of one amount
            if any(sum(1 for c in row.columns if c.units) > 1 for row in table.rows):
                raise ValueError(f"format {self.name}: a row of table {table.section} has two amounts of any unit")

    @cached_property
    def section_by_key(self) -> dict[str, Section]:
        return {s.key: s for s in self.sections}

    @cached_property
    def table_by_section(self) -> dict[str, TableSpec]:
        return {t.section: t for t in self.tables}

    @cached_property
    def rule_by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def default_title(self, organ: str, year: int) -> str:
        return f"{organ}{year}年{self.report_name}"
