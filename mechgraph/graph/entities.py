"""Entities and ``isa`` edges as columns, for graphs read back from the compiled cache.

A graph loaded from the cache has hundreds of thousands of entities, of
which a question reads a handful; :class:`EntityTable` keeps them as
arrays and makes an :class:`Entity` only when one is read.  :class:`IsaTable`
keeps the ``isa`` edges as arrays and answers what
:class:`~mechgraph.graph.hierarchy.Closure` asks of a hierarchy (parents,
members, degrees) without building a networkx graph.

>>> table = EntityTable.from_nodes({"b": Entity("b", "drug"), "a": None})
>>> table["b"].kind, table["a"], "c" in table, list(table)
('drug', None, False, ['b', 'a'])
>>> isa = IsaTable.from_edges(("a", "A", "b"), [("a", "A", NOWHERE), ("b", "A", NOWHERE)])
>>> list(isa.successors("a")), sorted(isa.predecessors("A")), isa.in_degree("a")
(['A'], ['a', 'b'], 0)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mechgraph.language.syntax import NOWHERE, Span

__all__ = ["Entity", "EntityTable", "IsaTable", "Source"]


@dataclass(frozen=True)
class Entity:
    """A declared thing: a drug, receptor, process, phenotype, class, ..."""

    name: str
    kind: str
    label: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    span: Span = field(default=NOWHERE, compare=False)

    @property
    def is_class(self) -> bool:
        return self.kind == "class"


@dataclass(frozen=True)
class Source:
    """A declared citation: ``skolnick1996 = pmid:8852531 "title"``; by title alone
    (``skolnick1996 "title"``), its ``reference`` is ``None``."""

    name: str
    reference: str | None
    title: str | None = None
    span: Span = field(default=NOWHERE, compare=False)


def _intern(values: Iterable[Any], table: dict[Any, int]) -> np.ndarray:
    return np.fromiter((table.setdefault(v, len(table)) for v in values), np.int32)


class _Lookup:
    """Name → position in a tuple of names: by bisection when they are sorted, else by a
    dict made on first use."""

    def __init__(self, names: tuple[str, ...], sorted_names: bool | None = None) -> None:
        self.names = names
        self.sorted = (
            all(a < b for a, b in zip(names, names[1:])) if sorted_names is None else sorted_names
        )
        self._positions: dict[str, int] | None = None

    def find(self, name: object) -> int:
        """The position of ``name``; ``-1`` when absent."""
        if not isinstance(name, str):
            return -1
        if self.sorted:
            i = bisect_left(self.names, name)
            return i if i < len(self.names) and self.names[i] == name else -1
        if self._positions is None:
            self._positions = {n: i for i, n in enumerate(self.names)}
        return self._positions.get(name, -1)


class EntityTable(Mapping[str, "Entity | None"]):
    """Every node of a graph, in order, with its declared :class:`Entity` (``None``: a
    node only a claim introduced), as columns: ``kind`` (int32 into ``kinds``; ``-1``:
    not declared), ``label`` (int32 into ``labels``; ``-1``: none), ``attributes``
    (int32 into ``attribute_sets``) and the span's ``file`` (into ``files``), ``line``, ``col``.
    """

    COLUMNS = ("kind", "label", "attributes", "file", "line", "col")
    TABLES = ("kinds", "labels", "attribute_sets", "files")

    def __init__(
        self,
        names: Sequence[str],
        columns: Mapping[str, np.ndarray],
        tables: Mapping[str, Sequence],
        sorted_names: bool | None = None,
    ) -> None:
        self.names = tuple(names)
        self.columns = {name: np.asarray(columns[name], np.int32) for name in self.COLUMNS}
        self.tables = {name: tuple(tables[name]) for name in self.TABLES}
        if any(len(c) != len(self.names) for c in self.columns.values()):
            raise ValueError("entity columns differ in length")
        self._lookup = _Lookup(self.names, sorted_names)

    @classmethod
    def from_nodes(cls, nodes: Mapping[str, Entity | None]) -> EntityTable:
        """The table of ``nodes`` (name → declared entity or ``None``), in their order."""
        tables: dict[str, dict[Any, int]] = {name: {} for name in cls.TABLES}
        entities = list(nodes.values())
        declared = [e for e in entities if e is not None]
        kind = np.full(len(entities), -1, np.int32)
        label = np.full(len(entities), -1, np.int32)
        at = np.flatnonzero([e is not None for e in entities]) if entities else np.zeros(0, int)
        kind[at] = _intern((e.kind for e in declared), tables["kinds"])
        labelled = [i for i, e in zip(at.tolist(), declared) if e.label is not None]
        label[labelled] = _intern((entities[i].label for i in labelled), tables["labels"])
        spans = [e.span if e is not None else NOWHERE for e in entities]
        columns = {
            "kind": kind,
            "label": label,
            "attributes": _intern(
                (e.attributes if e else () for e in entities), tables["attribute_sets"]
            ),
            "file": _intern((s.file for s in spans), tables["files"]),
            "line": np.fromiter((s.line for s in spans), np.int32, len(spans)),
            "col": np.fromiter((s.col for s in spans), np.int32, len(spans)),
        }
        return cls(list(nodes), columns, {name: tuple(t) for name, t in tables.items()})

    def declared(self) -> Iterator[str]:
        """The names of the declared entities, in order."""
        names = self.names
        return (names[i] for i in np.flatnonzero(self.columns["kind"] >= 0).tolist())

    def __contains__(self, name: object) -> bool:
        return self._lookup.find(name) >= 0

    def __getitem__(self, name: str) -> Entity | None:
        i = self._lookup.find(name)
        if i < 0:
            raise KeyError(name)
        c, t = self.columns, self.tables
        kind = int(c["kind"][i])
        if kind < 0:
            return None
        label = int(c["label"][i])
        return Entity(
            name,
            t["kinds"][kind],
            t["labels"][label] if label >= 0 else None,
            t["attribute_sets"][c["attributes"][i]],
            Span(t["files"][c["file"][i]], int(c["line"][i]), int(c["col"][i])),
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class IsaTable:
    """``isa`` edges member → parent as arrays over ``names``: ``member``, ``parent``
    and the span's ``file`` (into ``files``), ``line``, ``col`` (all int32, in the order
    the edges were stated).  Reads like the networkx hierarchy it stands for
    (``successors``, ``predecessors``, degrees, ``in``: every name is a node)."""

    COLUMNS = ("member", "parent", "file", "line", "col")

    def __init__(
        self,
        names: Sequence[str],
        columns: Mapping[str, np.ndarray],
        files: Sequence[str],
        sorted_names: bool | None = None,
        orders: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        """``orders``: :meth:`order` of either direction, known already (``ValueError``
        when out of range)."""
        self.names = tuple(names)
        self.columns = {name: np.asarray(columns[name], np.int32) for name in self.COLUMNS}
        self.files = tuple(files)
        if len({len(c) for c in self.columns.values()}) > 1:
            raise ValueError("isa columns differ in length")
        self._lookup = _Lookup(self.names, sorted_names)
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._orders = dict(orders or {})
        edges = len(self.columns["member"])
        for order in self._orders.values():
            if len(order) != edges or (edges and (order.min() < 0 or order.max() >= edges)):
                raise ValueError("isa edge order out of range")

    @classmethod
    def from_edges(cls, names: Sequence[str], edges: Iterable[tuple[str, str, Span]]) -> IsaTable:
        """The table of ``(member, parent, span)`` edges over ``names`` (which hold both ends)."""
        edges = list(edges)
        lookup, files = _Lookup(tuple(names)), dict[str, int]()
        columns = {
            "member": np.fromiter((lookup.find(m) for m, _, _ in edges), np.int32, len(edges)),
            "parent": np.fromiter((lookup.find(p) for _, p, _ in edges), np.int32, len(edges)),
            "file": _intern((s.file for _, _, s in edges), files),
            "line": np.fromiter((s.line for _, _, s in edges), np.int32, len(edges)),
            "col": np.fromiter((s.col for _, _, s in edges), np.int32, len(edges)),
        }
        if len(edges) and (columns["member"].min() < 0 or columns["parent"].min() < 0):
            raise ValueError("an isa edge names an entity not in names")
        return cls(names, columns, tuple(files))

    def edges(self) -> Iterator[tuple[str, str, Span]]:
        """Every edge ``(member, parent, span)``, in order."""
        c, names, files = self.columns, self.names, self.files
        rows = zip(*(c[name].tolist() for name in self.COLUMNS))
        for m, p, f, line, col in rows:
            yield names[m], names[p], Span(files[f], line, col)

    def order(self, direction: str) -> np.ndarray:
        """The edges in order of member (``"up"``) or of parent (``"down"``), stably."""
        if direction not in self._orders:
            start = "member" if direction == "up" else "parent"
            self._orders[direction] = np.argsort(self.columns[start], kind="stable")
        return self._orders[direction]

    def _row(self, direction: str, name: object) -> np.ndarray:
        if direction not in self._rows:
            start, end = ("member", "parent") if direction == "up" else ("parent", "member")
            order = self.order(direction)
            counts = np.bincount(self.columns[start], minlength=len(self.names))
            indptr = np.concatenate([[0], np.cumsum(counts)])
            self._rows[direction] = (indptr, self.columns[end][order])
        indptr, ends = self._rows[direction]
        i = self._lookup.find(name)
        return ends[indptr[i] : indptr[i + 1]] if i >= 0 else ends[:0]

    def successors(self, name: str) -> Iterator[str]:
        return (self.names[i] for i in self._row("up", name).tolist())

    def predecessors(self, name: str) -> Iterator[str]:
        return (self.names[i] for i in self._row("down", name).tolist())

    def out_degree(self, name: str) -> int:
        return len(self._row("up", name))

    def in_degree(self, name: str) -> int:
        return len(self._row("down", name))

    def __contains__(self, name: object) -> bool:
        return self._lookup.find(name) >= 0

    def __iter__(self) -> Iterator[str]:
        """The names on some edge, in name order (:class:`~mechgraph.graph.hierarchy.Closure`
        lists those with a parent, or with a member, among them)."""
        ends = np.union1d(self.columns["member"], self.columns["parent"])
        return (self.names[i] for i in ends.tolist())
