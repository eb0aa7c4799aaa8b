"""Transitive ``isa`` lookups computed when asked, never materialised for every entity.

A hierarchy of depth ``d`` has a closure of ``d²/2`` pairs: an ``isa`` chain
of depth 5,000 held 12.5 million of them (1.8 GB) before a question could
start.  :class:`Closure` answers one entity at a time by a breadth-first
search over the hierarchy and keeps answers only up to a fixed total size.

>>> import networkx as nx
>>> isa = nx.DiGraph([("imipramine", "tricyclic"), ("tricyclic", "antidepressant")])
>>> up, down = Closure(isa, "up"), Closure(isa, "down")
>>> sorted(up["imipramine"]), sorted(down["antidepressant"]), "antidepressant" in up
(['antidepressant', 'tricyclic'], ['imipramine', 'tricyclic'], False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Literal, Protocol

__all__ = ["Closure", "Hierarchy"]

#: Entities a :class:`Closure` keeps in its answers, in all, before it stops keeping them.
MEMO_ENTRIES = 1_000_000


class Hierarchy(Protocol):
    """What :class:`Closure` reads of a hierarchy: a networkx ``DiGraph`` has it, and so
    has :class:`~mechgraph.graph.entities.IsaTable`."""

    def __contains__(self, name: object) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def successors(self, name: str) -> Iterable[str]: ...
    def predecessors(self, name: str) -> Iterable[str]: ...
    def out_degree(self, name: str) -> int: ...
    def in_degree(self, name: str) -> int: ...


class Closure(Mapping[str, frozenset[str]]):
    """Per entity, every entity above it (``"up"``: its transitive parents) or below it
    (``"down"``: its transitive members) in ``hierarchy`` (edges member → parent).

    The keys are the entities with a parent (``"up"``) or with a member
    (``"down"``), sorted; looking one up costs a search of its part of the
    hierarchy (kept while the answers kept hold under :data:`MEMO_ENTRIES`
    entities), and ``in``, ``len`` and iteration cost no search.

    Parameters
    ----------
    hierarchy : networkx.DiGraph or IsaTable
        Edges member → parent; read, never changed.
    direction : ``"up"`` or ``"down"``

    Examples
    --------
    >>> import networkx as nx
    >>> down = Closure(nx.DiGraph([("a", "A"), ("A", "top")]), "down")
    >>> list(down), down.get("a", frozenset())
    (['A', 'top'], frozenset())
    """

    def __init__(self, hierarchy: Hierarchy, direction: Literal["up", "down"]) -> None:
        self._hierarchy = hierarchy
        self._next = hierarchy.successors if direction == "up" else hierarchy.predecessors
        self._degree = hierarchy.out_degree if direction == "up" else hierarchy.in_degree
        self._keys: list[str] | None = None
        self._memo: dict[str, frozenset[str]] = {}
        self._kept = 0

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._hierarchy and self._degree(name) > 0

    def __getitem__(self, name: str) -> frozenset[str]:
        found = self._memo.get(name)
        if found is not None:
            return found
        if name not in self:
            raise KeyError(name)
        seen = {name}
        todo = [name]
        while todo:  # depth-first: the order does not matter for a set
            for nxt in self._next(todo.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        seen.discard(name)  # an entity is not its own parent (isa cycles are errors)
        found = frozenset(seen)
        if self._kept + len(found) <= MEMO_ENTRIES:
            self._memo[name] = found
            self._kept += len(found)
        return found

    def __iter__(self) -> Iterator[str]:
        if self._keys is None:
            self._keys = sorted(n for n in self._hierarchy if self._degree(n) > 0)
        return iter(self._keys)

    def __len__(self) -> int:
        return sum(1 for _ in self)
