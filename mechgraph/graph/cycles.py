"""Which entities lie on a cycle of traversable hops (the only ones a route can repeat).

A route can come back to an entity only when that entity lies on a cycle:
in a strongly connected component of more than one entity, or with a hop to
itself.  Everywhere else — all of a DAG — every walk is a simple path, so the
witness search (:func:`mechgraph.query.search.witnesses`) keeps no visited set
there and spends no budget.

>>> from mechgraph.graph.traversal import HopArrays
>>> hops = HopArrays.of([[(1, 0, 0)], [(2, 1, 0)], [(1, 2, 0), (3, 3, 0)], []])
>>> list(on_cycles(hops))
[0, 1, 1, 0]
"""

from __future__ import annotations

import numpy as np

from mechgraph.graph.traversal import SCIPY_FROM, HopArrays

__all__ = ["on_cycles"]


def on_cycles(hops: HopArrays) -> bytes:
    """Per entity id, 1 when it lies on a cycle of ``hops`` (any claim, admitted or
    not: a superset of the cycles of any question), else 0; computed once per graph.

    Components are found by :func:`scipy.sparse.csgraph.connected_components` on
    large graphs and by :mod:`networkx` on small ones (see
    :data:`~mechgraph.graph.traversal.SCIPY_FROM`).

    >>> from mechgraph.graph.traversal import HopArrays
    >>> list(on_cycles(HopArrays.of([[(0, 0, 0)], []])))  # a hop to itself
    [1, 0]
    """
    memo = hops._memo
    if "cycles" not in memo:
        memo["cycles"] = _on_cycles(hops)
    return memo["cycles"]


def _on_cycles(hops: HopArrays) -> bytes:
    source, target = hops.source.astype(np.int64), hops.target.astype(np.int64)
    label = _components(hops.nodes, source, target)
    size = np.bincount(label, minlength=hops.nodes) if hops.nodes else np.zeros(0, np.int64)
    cyclic = size[label] > 1
    cyclic[source[source == target]] = True
    return cyclic.astype(np.uint8).tobytes()


def _components(nodes: int, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The strongly connected component of each entity, as labels."""
    if len(source) > SCIPY_FROM:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        matrix = csr_matrix((np.ones(len(source)), (source, target)), shape=(nodes, nodes))
        return connected_components(matrix, directed=True, connection="strong")[1]
    import networkx as nx

    digraph = nx.DiGraph()
    digraph.add_nodes_from(range(nodes))
    digraph.add_edges_from(zip(source.tolist(), target.tolist()))
    label = np.zeros(nodes, np.int64)
    for number, component in enumerate(nx.strongly_connected_components(digraph)):
        label[list(component)] = number
    return label
