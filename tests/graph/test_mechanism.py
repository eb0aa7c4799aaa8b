"""Tests of mechgraph.graph.mechanism: the bulk claim load against networkx's own API."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Relation

names = st.sampled_from(["a", "b", "c", "d"])


@settings(max_examples=200)
@given(pairs=st.lists(st.tuples(names, names), max_size=20))
def test_bulk_claims_build_what_add_edges_from_builds(pairs):
    """Check that add_claims builds exactly what networkx's ``add_edges_from`` builds."""
    claims = [Claim(i, s, Relation.INCREASES, o) for i, (s, o) in enumerate(pairs)]
    graph = MechanismGraph()
    graph.add_claims(claims)
    expected = nx.MultiDiGraph()
    expected.add_edges_from((c.subject, c.object, c.id, {"claim": c}) for c in claims)
    assert nx.utils.graphs_equal(graph.links, expected)
    assert list(graph.links.edges(keys=True, data=True)) == list(
        expected.edges(keys=True, data=True)
    )
    for node in expected:
        assert list(graph.links.in_edges(node, keys=True)) == list(
            expected.in_edges(node, keys=True)
        )
