"""The compiled CSR searches answer exactly as plain Python searches over the same hops."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.graph import traversal
from mechgraph.graph.index import ISA
from mechgraph.graph.traversal import HopArrays, Rows
from mechgraph.query.question import make_question
from mechgraph.query.search import Search

from factories import random_rules
from oracles import questions

#: (neighbour, claim id, sign code) hops per node of a small random multigraph.
adjacency = st.integers(1, 8).flatmap(
    lambda n: st.lists(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(-1, 5), st.integers(0, 2)), max_size=4
        ),
        min_size=n,
        max_size=n,
    )
)


@settings(max_examples=300)
@given(out=adjacency, data=st.data())
def test_depth_and_reach_match_a_python_search(out, data):
    """Check hop counts (one start or several) and reached sets against a plain BFS."""
    n = len(out)
    starts = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3))
    usable = data.draw(st.sets(st.integers(0, 5)))
    admitted = [i in usable for i in range(6)]
    walk = HopArrays.of(out).traversal(np.array(admitted))
    hops = nx.DiGraph()
    hops.add_nodes_from(range(n))
    hops.add_edges_from(
        (node, nxt)
        for node, row in enumerate(out)
        for nxt, claim, _ in row
        if claim == ISA or admitted[claim]
    )
    truth = nx.multi_source_dijkstra_path_length(hops, set(starts))
    depth = walk.depth(walk.forward(), starts)
    assert {i: int(d) for i, d in enumerate(depth) if d >= 0} == truth
    assert sorted(walk.reached(walk.forward(), starts).tolist()) == sorted(truth)
    back = walk.depth(walk.backward(signed=False), starts)
    assert {i: int(d) for i, d in enumerate(back) if d >= 0} == (
        nx.multi_source_dijkstra_path_length(hops.reverse(), set(starts))
    )


def _times(a: int, b: int) -> int:
    return 2 if 2 in (a, b) else a ^ b


def _product_distances(search: Search) -> dict[int, int]:
    """Hops to the goal per state (entity, sign, phase), by a plain BFS over the
    explicit product graph built with networkx: the specification."""
    index, via = search.index, search.via
    signs = range(3) if search.signs else (0,)
    product = nx.DiGraph()
    for node, hops in enumerate(index.out):
        for nxt, claim, code in hops:
            if not search.usable(claim) or search.avoid in (node, nxt):
                continue
            for sign in signs:
                after = _times(sign, code) if search.signs else 0
                for phase in (0, 1):
                    if phase == 0 and node == via:
                        continue  # a walk at via is past it
                    then = 1 if nxt == via else phase
                    product.add_edge(
                        ((node * 3 + sign) * 2 + phase), ((nxt * 3 + after) * 2 + then)
                    )
    goals = [(search.target * 3 + sign) * 2 + 1 for sign in (search.signs or (0,))]
    product.add_nodes_from(goals)
    lengths = nx.multi_source_dijkstra_path_length(product.reverse(), goals)
    return {state: int(d) for state, d in lengths.items()}


@settings(max_examples=300)
@given(rules=random_rules(), data=st.data())
def test_distances_match_the_product_graph(rules, data):
    """Check the compiled product-state distances (sign, via, an avoided entity) against
    networkx on the explicit product graph."""
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    search = Search.of(graph, make_question(**q))
    avoid = data.draw(st.none() | st.sampled_from(rules.names))
    if avoid not in (None, q["source"], q["target"]):
        search = search.avoiding(avoid)  # the graph without one entity
    truth = _product_distances(search)
    got = dict(search.distances())
    if search.via < 0:  # without via only phase 1 is used
        truth = {s: d for s, d in truth.items() if s % 2}
    assert got == truth


@settings(max_examples=300)
@given(
    size=st.integers(1, 12),
    pairs=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40),
    root=st.integers(0, 11),
)
def test_python_search_is_scipys_search(size, pairs, root):
    """Check that small graphs searched in Python give scipy's order and predecessors."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    pairs = [(a % size, b % size) for a, b in pairs]
    rows = Rows.of_pairs([a for a, _ in pairs], [b for _, b in pairs], size)
    order, before = traversal._breadth_first(rows, root % size)
    matrix = csr_matrix((np.ones(len(rows.indices)), rows.indices, rows.indptr), (size, size))
    truth_order, truth_before = breadth_first_order(matrix, root % size, directed=True)
    assert order.tolist() == truth_order.tolist()
    assert before.tolist() == np.where(truth_before < 0, -1, truth_before).tolist()


def test_large_searches_run_in_numpy_and_scipy(monkeypatch):
    """Check that a question gives the same hop counts on either side of SCIPY_FROM: hop
    counts a level at a time in numpy (no scipy), search orders in scipy."""
    out = [[(1, 0, 0), (2, 1, 1)], [(3, 2, 0)], [(3, 3, 1)], []]
    walk = HopArrays.of(out).traversal(None)
    in_python = walk.depth(walk.backward(signed=True), [9]).tolist()
    reached = walk.reached(walk.forward(), [0]).tolist()
    monkeypatch.setattr(traversal, "SCIPY_FROM", 0)
    called = []
    real = traversal._breadth_first
    monkeypatch.setattr(traversal, "_breadth_first", lambda *a: called.append(a) or real(*a))
    walk = HopArrays.of(out).traversal(None)
    assert walk.depth(walk.backward(signed=True), [9]).tolist() == in_python
    assert not called  # hop counts: numpy levels
    assert walk.reached(walk.forward(), [0]).tolist() == reached
    assert called and len(called[0][0].indices) > traversal.SCIPY_FROM


@settings(max_examples=300)
@given(out=adjacency, data=st.data())
def test_numpy_levels_are_the_python_search(out, data):
    """Check the level-at-a-time hop counts against the Python search, one start or several."""
    starts = data.draw(st.lists(st.integers(0, len(out) - 1), min_size=1, max_size=3))
    hops = HopArrays.of(out)
    for name in ("forward", "signed"):
        matrix = hops.layout(name).matrix(None)
        rows = [s * (3 if name == "signed" else 1) for s in starts]
        assert traversal._levels(matrix, rows).tolist() == traversal._depth(matrix, rows).tolist()


def test_stored_hops_search_as_the_built_ones():
    """Check that hops read back from their stored arrays (layouts included) answer alike,
    and that arrays out of range are refused."""
    import pytest

    out = [[(1, 0, 0), (2, 1, 1)], [(3, 2, 0)], [(3, -1, 0)], []]
    hops = HopArrays.of(out)
    again = HopArrays.from_stored(4, 3, hops.stored())
    for name in ("forward", "backward", "signed"):
        assert again.layout(name).matrix(None).indices.tolist() == (
            hops.layout(name).matrix(None).indices.tolist()
        )
    stored = hops.stored()
    stored["hops.target"] = stored["hops.target"] + 4
    with pytest.raises(ValueError):
        HopArrays.from_stored(4, 3, stored)
    stored = hops.stored()
    stored["backward.indptr"] = stored["backward.indptr"][:-1]
    with pytest.raises(ValueError):
        HopArrays.from_stored(4, 3, stored)
