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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from mechgraph.graph.context_values import ContextValues
from mechgraph.graph.hierarchy import Closure
from mechgraph.graph.traversal import HopArrays
from mechgraph.language.syntax import Sign

if TYPE_CHECKING:
    from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["GraphIndex", "ISA", "SIGN_CODE", "SIGN_OF_CODE", "build_index"]

#: The claim id a membership hop (member ``isa`` class) carries in :class:`GraphIndex`.
ISA = -1
#: Integer sign codes of the traversal indexes: ``+`` 0, ``-`` 1, unsigned 2.
SIGN_CODE = {Sign.POSITIVE: 0, Sign.NEGATIVE: 1, Sign.UNSIGNED: 2}
SIGN_OF_CODE = (Sign.POSITIVE, Sign.NEGATIVE, Sign.UNSIGNED)


Adjacency = tuple[tuple[tuple[int, int, int], ...], ...]


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
    out: Adjacency
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
    names = tuple(sorted(set(graph.links) | set(graph.hierarchy)))
    ids = {name: i for i, name in enumerate(names)}
    out: list[list[tuple[int, int, int]]] = [[] for _ in names]
    for claim in graph.claims:
        sign = claim.relation.sign
        if sign is not Sign.NO_CHANGE:
            s, t, code = ids[claim.subject], ids[claim.object], SIGN_CODE[sign]
            out[s].append((t, claim.id, code))
    for member, parent in graph.hierarchy.edges:
        out[ids[member]].append((ids[parent], ISA, 0))
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
    for claim in graph.claims:
        for key, value in claim.context:
            known.setdefault(key, set()).add(value)
    contexts = tuple(sorted({claim.context for claim in graph.claims}))
    position = {context: i for i, context in enumerate(contexts)}
    claims = len(graph.claims)
    out_hops = tuple(tuple(sorted(hops)) for hops in out)
    return GraphIndex(
        names,
        ids,
        out_hops,
        Closure(graph.hierarchy, "up"),
        Closure(graph.hierarchy, "down"),
        value_up,
        {key: frozenset(values) for key, values in sorted(known.items())},
        HopArrays.of(out_hops),
        contexts,
        np.fromiter((position[c.context] for c in graph.claims), np.int64, claims),
        np.fromiter((c.is_hypothesis for c in graph.claims), bool, claims),
    )
