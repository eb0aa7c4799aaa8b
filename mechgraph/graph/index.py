"""The traversal index of a mechanism graph: integer ids, hops, hierarchy closures.

Built once per graph (:attr:`MechanismGraph.index <mechgraph.graph.mechanism.MechanismGraph.index>`)
and read by every search.  Nodes get ids in sorted name order; each traversable
hop is ``(neighbour id, claim id, sign code)``, a membership climb carrying
claim id :data:`ISA`.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.DECREASES, "b")
>>> index = build_index(g)
>>> index.names, index.out[index.ids["a"]]
(('a', 'b'), ((1, 0, 1),))
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import networkx as nx
import numpy as np

from mechgraph.graph.claims import RELATIONS, STATUSES
from mechgraph.graph.context_values import ContextValues
from mechgraph.graph.hierarchy import Closure
from mechgraph.graph.traversal import HopArrays
from mechgraph.language.syntax import Sign, Status

if TYPE_CHECKING:
    from mechgraph.graph.mechanism import MechanismGraph

__all__ = [
    "Adjacency",
    "GraphIndex",
    "ISA",
    "NodeIds",
    "SIGN_CODE",
    "SIGN_OF_CODE",
    "build_index",
    "index_of",
]

#: The claim id a membership hop (member ``isa`` class) carries in :class:`GraphIndex`.
ISA = -1
#: Integer sign codes of the traversal indexes: ``+`` 0, ``-`` 1, unsigned 2.
SIGN_CODE = {Sign.POSITIVE: 0, Sign.NEGATIVE: 1, Sign.UNSIGNED: 2}
SIGN_OF_CODE = (Sign.POSITIVE, Sign.NEGATIVE, Sign.UNSIGNED)


class NodeIds(Mapping[str, int]):
    """Name → node id over names in sorted order, found by bisection (no dict to build).

    >>> ids = NodeIds(("a", "c"))
    >>> ids["c"], "b" in ids, list(ids)
    (1, False, ['a', 'c'])
    """

    __slots__ = ("names",)

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def __getitem__(self, name: str) -> int:
        i = bisect_left(self.names, name) if isinstance(name, str) else len(self.names)
        if i == len(self.names) or self.names[i] != name:
            raise KeyError(name)
        return i

    def __contains__(self, name: object) -> bool:
        try:
            self[name]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class Adjacency(Sequence[tuple[tuple[int, int, int], ...]]):
    """Per node id, its hops ``(neighbour id, claim id, sign code)`` as tuples, read
    from :class:`HopArrays` when a node is first asked for.

    >>> out = Adjacency(HopArrays.of([[(1, 0, 0)], []]))
    >>> out[0], out[1], len(out)
    (((1, 0, 0),), (), 2)
    """

    def __init__(self, hops: HopArrays) -> None:
        self.hops = hops
        self._start: list[int] | None = None
        self._rows: dict[int, tuple[tuple[int, int, int], ...]] = {}

    def __len__(self) -> int:
        return self.hops.nodes

    @overload
    def __getitem__(self, node: int) -> tuple[tuple[int, int, int], ...]: ...
    @overload
    def __getitem__(self, node: slice) -> list[tuple[tuple[int, int, int], ...]]: ...
    def __getitem__(self, node: int | slice) -> Any:
        if isinstance(node, slice):
            return [self[i] for i in range(*node.indices(len(self)))]
        row = self._rows.get(node)
        if row is None:
            if not 0 <= node < self.hops.nodes:
                raise IndexError(node)
            if self._start is None:
                self._start = self.hops.starts().tolist()
            begin, end = self._start[node], self._start[node + 1]
            hops = self.hops
            row = tuple(
                zip(
                    hops.target[begin:end].tolist(),
                    hops.claim[begin:end].tolist(),
                    hops.code[begin:end].tolist(),
                )
            )
            self._rows[node] = row
        return row


@dataclass(frozen=True)
class GraphIndex:
    """Precomputed integer adjacency and hierarchy lookups for fast queries.

    Attributes
    ----------
    names : tuple of str
        Node id → name; ids follow sorted name order.
    ids : dict
        Name → node id.
    out : tuple
        Per node id, the traversable hops ``(neighbour id, claim id, sign code)``
        leaving it: every claim but ``-0`` ones,
        plus membership hops member → class with claim id :data:`ISA` and sign ``+``.
    ancestors, members : Mapping
        Transitive ``isa`` parents of each entity; transitive members of each class
        (:class:`~mechgraph.graph.hierarchy.Closure`: computed when looked up).
    value_up : ContextValues
        Per context key, each declared value → itself and every broader value; with
        the quantity keys, units and named values of the graph.
    context_values : dict
        Per context key, every value declared for it or stated on a claim.
    hops : HopArrays
        The hops of ``out`` as arrays, for the compiled searches of :mod:`mechgraph.graph.traversal`.
    contexts : tuple
        The distinct contexts claims state, sorted.
    context_of : numpy.ndarray
        Per claim id, the position of its context in ``contexts``.
    hypothetical : numpy.ndarray
        Per claim id, whether it is a hypothesis (``status=hypothesis``).
    """

    names: tuple[str, ...]
    ids: Mapping[str, int]
    out: Sequence[tuple[tuple[int, int, int], ...]]
    ancestors: Mapping[str, frozenset[str]]
    members: Mapping[str, frozenset[str]]
    value_up: ContextValues
    context_values: Mapping[str, frozenset[str]]
    hops: HopArrays
    contexts: tuple[tuple[tuple[str, str], ...], ...]
    context_of: np.ndarray
    hypothetical: np.ndarray

    def leaves(self, name: str) -> tuple[str, ...]:
        """Members of ``name`` that have no members themselves, sorted.

        >>> from mechgraph.graph.mechanism import MechanismGraph
        >>> g = MechanismGraph()
        >>> g.add_isa("tricyclic", "antidepressant"); g.add_isa("imipramine", "tricyclic")
        >>> g.index.leaves("antidepressant")
        ('imipramine',)
        """
        return tuple(sorted(m for m in self.members.get(name, ()) if m not in self.members))


def _closure(digraph: nx.DiGraph) -> dict[str, frozenset[str]]:
    """Every node with out-edges → the nodes it reaches (its transitive parents)."""
    return {
        node: frozenset(nx.descendants(digraph, node))
        for node in sorted(digraph)
        if digraph.out_degree(node)
    }


def build_index(graph: MechanismGraph) -> GraphIndex:
    """Build the :class:`GraphIndex` of ``graph`` (see :attr:`MechanismGraph.index`).

    >>> from mechgraph.graph.mechanism import MechanismGraph
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.DECREASES, "b")
    >>> g.add_isa("a", "A")
    >>> index = build_index(g)
    >>> index.names, index.out[index.ids["a"]]
    (('A', 'a', 'b'), ((0, -1, 0), (2, 0, 1)))
    """
    names = tuple(sorted(set(graph.node_names()) | set(graph.hierarchy)))
    claims = graph.claims
    columns, tables = claims.columns(), claims.tables()
    contexts, context_of, known = _contexts(graph, columns["context"], tables["contexts"])
    return index_of(
        graph,
        names,
        _hops(graph, names, columns, tables["names"]),
        contexts,
        context_of,
        columns["status"] == STATUSES.index(Status.HYPOTHESIS),
        known,
    )


def index_of(
    graph: MechanismGraph,
    names: tuple[str, ...],
    hops: HopArrays,
    contexts: tuple[tuple[tuple[str, str], ...], ...],
    context_of: np.ndarray,
    hypothetical: np.ndarray,
    claim_values: Mapping[str, Iterable[str]],
) -> GraphIndex:
    """The :class:`GraphIndex` of ``graph`` from its arrays, already built (by
    :func:`build_index`, or read back from the compiled cache); ``claim_values``:
    per context key, the values claims state."""
    value_up = ContextValues(
        {
            key: {value: up | {value} for value, up in _closure(values).items()}
            for key, values in sorted(graph.values.items())
        },
        graph.dimensions,
        graph.definitions,
        graph.scales,
    )
    known: dict[str, set[str]] = {key: set(values) for key, values in graph.values.items()}
    for key, values in claim_values.items():
        known.setdefault(key, set()).update(values)
    return GraphIndex(
        names,
        NodeIds(names),
        Adjacency(hops),
        Closure(graph.hierarchy, "up"),
        Closure(graph.hierarchy, "down"),
        value_up,
        {key: frozenset(values) for key, values in sorted(known.items())},
        hops,
        contexts,
        context_of,
        hypothetical,
    )


def _hops(
    graph: MechanismGraph,
    names: tuple[str, ...],
    columns: Mapping[str, np.ndarray],
    claim_names: tuple[str, ...],
) -> HopArrays:
    """Every traversable hop of ``graph``, sorted by source, neighbour, claim, sign."""
    ids = {name: i for i, name in enumerate(names)}
    if claim_names == names:
        renumber = np.arange(len(names), dtype=np.int64)
    else:
        renumber = np.fromiter((ids[n] for n in claim_names), np.int64, len(claim_names))
    code_of = np.array([SIGN_CODE.get(r.sign, -1) for r in RELATIONS], np.int64)
    code = code_of[columns["relation"]]
    kept = np.flatnonzero(code >= 0)
    edges = list(graph.hierarchy.edges)
    member = np.fromiter((ids[m] for m, _ in edges), np.int64, len(edges))
    parent = np.fromiter((ids[p] for _, p in edges), np.int64, len(edges))
    source = np.concatenate([renumber[columns["subject"][kept]], member])
    target = np.concatenate([renumber[columns["object"][kept]], parent])
    claim = np.concatenate([kept, np.full(len(edges), ISA, np.int64)])
    code = np.concatenate([code[kept], np.zeros(len(edges), np.int64)])
    order = np.lexsort((code, claim, target, source))
    return HopArrays(
        len(names),
        source[order].astype(np.int32),
        target[order].astype(np.int32),
        claim[order],
        code[order],
    )


def _contexts(
    graph: MechanismGraph, column: np.ndarray, table: tuple[tuple[tuple[str, str], ...], ...]
) -> tuple[tuple, np.ndarray, dict[str, set[str]]]:
    """The distinct contexts claims state (sorted), each claim's position among them,
    and per context key the values they state."""
    used = np.unique(column).tolist()
    contexts = tuple(sorted({table[i] for i in used}))
    position = {context: i for i, context in enumerate(contexts)}
    renumber = np.zeros(len(table), np.int64)
    renumber[used] = [position[table[i]] for i in used]
    known: dict[str, set[str]] = {}
    for context in contexts:
        for key, value in context:
            known.setdefault(key, set()).add(value)
    return contexts, renumber[column], known
