"""Claims as columns: one numpy array per field, the strings interned in tables.

A :class:`ClaimTable` is a read-only sequence of :class:`~mechgraph.graph.mechanism.Claim`
kept as columns, so that a million claims take a few arrays, not a million
objects; a :class:`Claim` is made only when one is read (``table[i]`` or
iteration).  The claim id is the row.  The columns and their tables:

=============  ===========  ==============================================
column         dtype        points into
=============  ===========  ==============================================
``subject``    int32        ``names`` (sorted entity names)
``object``     int32        ``names``
``relation``   int8         ``list(Relation)``
``status``     int8         ``list(Status)``
``context``    int32        ``contexts`` (sorted ``((key, value), ...)``)
``evidence``   int32        ``citations`` (tuples of str)
``attributes`` int32        ``attribute_sets`` (tuples of ``(key, value)``)
``file``       int32        ``files``; with ``line``, ``col`` (int32): the span
=============  ===========  ==============================================

Claims appended one by one (:meth:`ClaimTable.append`, what graphs built by
hand do) wait as objects and join the columns when a column is next read.

>>> from mechgraph.language.syntax import Relation
>>> table = ClaimTable.from_claims([Claim(0, "b", Relation.DECREASES, "a", evidence=("pmid:1",))])
>>> table.names, table.subject.tolist(), table.relation.tolist(), table.citations
(('a', 'b'), [1], [1], (('pmid:1',),))
>>> table[0] == Claim(0, "b", Relation.DECREASES, "a", evidence=("pmid:1",))
True
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np

from mechgraph.language.syntax import NOWHERE, Relation, Sign, Span, Status

__all__ = ["Claim", "ClaimTable", "COLUMNS", "TABLES", "RELATIONS", "STATUSES"]

#: The positions ``relation`` and ``status`` hold.
RELATIONS: tuple[Relation, ...] = tuple(Relation)
STATUSES: tuple[Status, ...] = tuple(Status)

#: Column name → dtype, in the order of :class:`ClaimTable`'s fields.
COLUMNS: dict[str, type] = {
    "subject": np.int32,
    "object": np.int32,
    "relation": np.int8,
    "status": np.int8,
    "context": np.int32,
    "evidence": np.int32,
    "attributes": np.int32,
    "file": np.int32,
    "line": np.int32,
    "col": np.int32,
}
#: The interned tables the columns point into.
TABLES = ("names", "contexts", "citations", "attribute_sets", "files")
_TABLE_OF = {
    "subject": "names",
    "object": "names",
    "context": "contexts",
    "evidence": "citations",
    "attributes": "attribute_sets",
    "file": "files",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """One stated causal link, as compiled: names resolved, context sorted by key."""

    id: int
    subject: str
    relation: Relation
    object: str
    context: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()
    status: Status = Status.OBSERVED
    span: Span = field(default=NOWHERE, compare=False)
    #: ``key=value`` attributes of the link (``predicate``, ...): said, never traversed.
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def sign(self) -> Sign:
        return self.relation.sign

    @property
    def context_dict(self) -> dict[str, str]:
        return dict(self.context)

    @property
    def is_hypothesis(self) -> bool:
        return self.status is Status.HYPOTHESIS

    @classmethod
    def numbered(cls, rows: Iterable[tuple], start: int = 0) -> list[Claim]:
        """Claims with ids ``start, start + 1, ...`` from rows of their other eight fields.

        The same as calling ``Claim(id, *row)``, in half the time: a frozen
        dataclass's ``__init__`` calls ``object.__setattr__`` once per field;
        this fills the slots directly, for the compiler's millions of claims.

        >>> row = ("a", Relation.INCREASES, "b", (), ("pmid:1",), Status.OBSERVED, NOWHERE, ())
        >>> Claim.numbered([row], start=4) == [Claim(4, *row)]
        True
        """
        new = object.__new__
        set_id, set_subject, set_relation, set_object, *rest = (
            getattr(cls, name).__set__ for name in cls.__slots__
        )
        set_context, set_evidence, set_status, set_span, set_attributes = rest
        claims = []
        for number, row in enumerate(rows, start):
            subject, relation, obj, context, evidence, status, span, attributes = row
            claim = new(cls)
            set_id(claim, number)
            set_subject(claim, subject)
            set_relation(claim, relation)
            set_object(claim, obj)
            set_context(claim, context)
            set_evidence(claim, evidence)
            set_status(claim, status)
            set_span(claim, span)
            set_attributes(claim, attributes)
            claims.append(claim)
        return claims


class _Interner:
    """Distinct values and the number of each, in first-seen order."""

    def __init__(self, values: Iterable = ()) -> None:
        self.numbers: dict[Any, int] = {}
        for value in values:
            self.numbers.setdefault(value, len(self.numbers))

    def number(self, value: Any) -> int:
        return self.numbers.setdefault(value, len(self.numbers))

    def values(self) -> tuple:
        return tuple(self.numbers)


class ClaimTable(Sequence["Claim"]):
    """Claims as numpy columns and interned tables (see the module); claim id = row.

    Build one with :meth:`from_columns` or :meth:`from_claims`; ``ClaimTable()``
    is empty.  Equal to any sequence of the same claims.

    >>> from mechgraph.language.syntax import Relation, Status
    >>> table = ClaimTable()
    >>> table.append(Claim(0, "x", Relation.INCREASES, "y", status=Status.HYPOTHESIS))
    >>> len(table), table[0].is_hypothesis, table.status.tolist()
    (1, True, [1])
    """

    __slots__ = ("_columns", "_tables", "_rows", "_extra")

    # Columns and tables, read through properties (appended claims joined in first).
    names: tuple[str, ...]
    subject: np.ndarray
    object: np.ndarray
    relation: np.ndarray
    status: np.ndarray
    context: np.ndarray
    contexts: tuple[tuple[tuple[str, str], ...], ...]
    evidence: np.ndarray
    citations: tuple[tuple[str, ...], ...]
    attributes: np.ndarray
    attribute_sets: tuple[tuple[tuple[str, str], ...], ...]
    file: np.ndarray
    files: tuple[str, ...]
    line: np.ndarray
    col: np.ndarray

    def __init__(self) -> None:
        self._columns: dict[str, np.ndarray] = {
            name: np.zeros(0, dtype) for name, dtype in COLUMNS.items()
        }
        self._tables: dict[str, tuple] = dict.fromkeys(TABLES, ())
        self._rows = 0
        self._extra: list[Claim] = []  # appended, not yet in the columns

    @classmethod
    def from_columns(
        cls,
        *,
        names: Sequence[str],
        subject: Any,
        object: Any,
        relation: Any,
        status: Any,
        context: Any,
        contexts: Sequence[tuple[tuple[str, str], ...]],
        evidence: Any,
        citations: Sequence[tuple[str, ...]],
        attributes: Any,
        attribute_sets: Sequence[tuple[tuple[str, str], ...]],
        file: Any,
        files: Sequence[str],
        line: Any,
        col: Any,
    ) -> ClaimTable:
        """A table of the given columns (array-likes, cast to their dtypes; numpy
        arrays of the right dtype, memory-mapped ones too, are kept as they are)
        and tables.  ``ValueError`` when the columns differ in length.

        >>> t = ClaimTable.from_columns(names=("a", "b"), subject=[0], object=[1],
        ...     relation=[0], status=[0], context=[0], contexts=((),), evidence=[0],
        ...     citations=((),), attributes=[0], attribute_sets=((),), file=[0],
        ...     files=("<nowhere>",), line=[0], col=[0])
        >>> t[0]
        Claim(id=0, subject='a', relation=<Relation.INCREASES: '->'>, object='b', context=(), \
evidence=(), status=<Status.OBSERVED: 'observed'>, span=Span(file='<nowhere>', line=0, col=0), \
attributes=())
        """
        given = {
            "subject": subject,
            "object": object,
            "relation": relation,
            "status": status,
            "context": context,
            "evidence": evidence,
            "attributes": attributes,
            "file": file,
            "line": line,
            "col": col,
        }
        table = cls()
        table._columns = {name: _as_column(given[name], dtype) for name, dtype in COLUMNS.items()}
        lengths = {len(column) for column in table._columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"claim columns differ in length: {sorted(lengths)}")
        table._rows = lengths.pop()
        table._tables = {
            "names": tuple(names),
            "contexts": tuple(contexts),
            "citations": tuple(citations),
            "attribute_sets": tuple(attribute_sets),
            "files": tuple(files),
        }
        return table

    @classmethod
    def from_claims(cls, claims: Iterable[Claim]) -> ClaimTable:
        """The table of ``claims`` (their ids must be ``0, 1, ...``: ids are rows).

        >>> from mechgraph.language.syntax import Relation
        >>> claims = [Claim(0, "a", Relation.INCREASES, "b"), Claim(1, "b", Relation.NO_CHANGE, "a")]
        >>> list(ClaimTable.from_claims(claims)) == claims
        True
        """
        claims = list(claims)
        if any(c.id != i for i, c in enumerate(claims)):
            raise ValueError("claim ids must be 0, 1, ... in order")
        names = tuple(sorted({c.subject for c in claims} | {c.object for c in claims}))
        position = {name: i for i, name in enumerate(names)}
        relation = {r: i for i, r in enumerate(RELATIONS)}
        status = {s: i for i, s in enumerate(STATUSES)}
        contexts = _Interner(sorted({c.context for c in claims}))
        citations, attribute_sets, files = _Interner(), _Interner(), _Interner()
        count = len(claims)

        def column(values: Iterable[int], name: str) -> np.ndarray:
            return np.fromiter(values, COLUMNS[name], count)

        return cls.from_columns(
            names=names,
            subject=column((position[c.subject] for c in claims), "subject"),
            object=column((position[c.object] for c in claims), "object"),
            relation=column((relation[c.relation] for c in claims), "relation"),
            status=column((status[c.status] for c in claims), "status"),
            context=column((contexts.number(c.context) for c in claims), "context"),
            contexts=contexts.values(),
            evidence=column((citations.number(c.evidence) for c in claims), "evidence"),
            citations=citations.values(),
            attributes=column((attribute_sets.number(c.attributes) for c in claims), "attributes"),
            attribute_sets=attribute_sets.values(),
            file=column((files.number(c.span.file) for c in claims), "file"),
            files=files.values(),
            line=column((c.span.line for c in claims), "line"),
            col=column((c.span.col for c in claims), "col"),
        )

    # -- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return self._rows + len(self._extra)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | list[Claim]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = int(index)  # numpy integers too
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("claim id out of range")
        if i >= self._rows:
            return self._extra[i - self._rows]
        c, t = self._columns, self._tables
        return Claim(
            i,
            t["names"][c["subject"][i]],
            RELATIONS[c["relation"][i]],
            t["names"][c["object"][i]],
            t["contexts"][c["context"][i]],
            t["citations"][c["evidence"][i]],
            STATUSES[c["status"][i]],
            Span(t["files"][c["file"][i]], int(c["line"][i]), int(c["col"][i])),
            t["attribute_sets"][c["attributes"][i]],
        )

    def __iter__(self) -> Iterator[Claim]:
        yield from self._materialise(0, self._rows)
        yield from list(self._extra)

    def _materialise(self, start: int, stop: int, step: int = 50_000) -> Iterator[Claim]:
        """Claims ``start`` to ``stop`` of the columns, made a block at a time."""
        claim = Claim
        t = self._tables
        names, contexts, citations = t["names"], t["contexts"], t["citations"]
        attribute_sets, files = t["attribute_sets"], t["files"]
        for begin in range(start, stop, step):
            end = min(stop, begin + step)
            block = {name: column[begin:end].tolist() for name, column in self._columns.items()}
            rows = zip(
                block["subject"],
                block["relation"],
                block["object"],
                block["context"],
                block["evidence"],
                block["status"],
                block["file"],
                block["line"],
                block["col"],
                block["attributes"],
            )
            yield from claim.numbered(
                (
                    (
                        names[s],
                        RELATIONS[r],
                        names[o],
                        contexts[x],
                        citations[e],
                        STATUSES[u],
                        Span(files[f], line, col),
                        attribute_sets[a],
                    )
                    for s, r, o, x, e, u, f, line, col, a in rows
                ),
                start=begin,
            )

    def __eq__(self, other: builtins.object) -> bool:
        if not isinstance(other, (ClaimTable, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ClaimTable of {len(self)} claims>"

    def columns(self) -> dict[str, np.ndarray]:
        """Every column by name (appended claims joined in first)."""
        self._settle()
        return dict(self._columns)

    def tables(self) -> dict[str, tuple]:
        """Every interned table by name (appended claims joined in first)."""
        self._settle()
        return dict(self._tables)

    # -- growing ---------------------------------------------------------------------

    def append(self, claim: Claim) -> None:
        """Add ``claim``, whose id must be ``len(self)``."""
        if claim.id != len(self):
            raise ValueError("claim ids must continue the table")
        self._extra.append(claim)

    def extend(self, claims: Iterable[Claim]) -> None:
        """Add ``claims``, numbered ``len(self)``, then the next, ..."""
        new = list(claims)
        if any(c.id != len(self) + i for i, c in enumerate(new)):
            raise ValueError("claim ids must continue the table")
        self._extra.extend(new)

    def _settle(self) -> None:
        """Join the appended claims into the columns."""
        if not self._extra:
            return
        extra = [Claim(i, *(getattr(c, f) for f in _FIELDS)) for i, c in enumerate(self._extra)]
        joined = _concatenate(self, ClaimTable.from_claims(extra))
        self._columns, self._tables, self._rows = joined._columns, joined._tables, joined._rows
        self._extra = []


def _column(name: str) -> property:
    def read(self: ClaimTable) -> np.ndarray:
        self._settle()
        return self._columns[name]

    return property(read, doc=f"The ``{name}`` column ({np.dtype(COLUMNS[name]).name}).")


def _table(name: str) -> property:
    def read(self: ClaimTable) -> tuple:
        self._settle()
        return self._tables[name]

    return property(read, doc=f"The interned ``{name}`` table.")


for _name in COLUMNS:
    setattr(ClaimTable, _name, _column(_name))
for _name in TABLES:
    setattr(ClaimTable, _name, _table(_name))
del _name


_FIELDS = ("subject", "relation", "object", "context", "evidence", "status", "span", "attributes")


def _concatenate(first: ClaimTable, second: ClaimTable) -> ClaimTable:
    """The claims of ``first`` then those of ``second`` (both settled), tables merged."""
    if not first._rows:
        return second
    one, two = first._tables, second._tables
    names = tuple(sorted(set(one["names"]) | set(two["names"])))
    position = {name: i for i, name in enumerate(names)}
    renumber = {"names": (_positions(one["names"], position), _positions(two["names"], position))}
    merged: dict[str, tuple] = {"names": names}
    for table in TABLES[1:]:
        interner = _Interner(one[table])
        renumber[table] = (
            np.arange(len(one[table]), dtype=np.int32),
            np.fromiter((interner.number(v) for v in two[table]), np.int32, len(two[table])),
        )
        merged[table] = interner.values()
    columns: dict[str, Any] = {}
    for name in COLUMNS:
        a, b = first._columns[name], second._columns[name]
        if name in _TABLE_OF:
            old, new = renumber[_TABLE_OF[name]]
            a, b = old[a], new[b]
        columns[name] = np.concatenate([a, b]).astype(COLUMNS[name])
    return ClaimTable.from_columns(**columns, **merged)


def _as_column(values: Any, dtype: type) -> np.ndarray:
    """``values`` as a 1-d array of ``dtype``: an array that already is one is kept (a
    memory map stays one)."""
    if isinstance(values, np.ndarray) and values.dtype == dtype and values.ndim == 1:
        return values
    return np.asarray(values, dtype=dtype).reshape(-1)


def _positions(names: Sequence[str], position: dict[str, int]) -> np.ndarray:
    return np.fromiter((position[n] for n in names), np.int32, len(names))
