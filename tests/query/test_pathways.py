"""Tests of mechgraph.query.pathways.pathways: the seed, and brute force over random graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import QueryError
from mechgraph.graph.admission import admitted_claims
from mechgraph.language.syntax import Relation
from mechgraph.query.pathways import pathways

from factories import contexts, random_rules, seed_rules


@pytest.fixture(scope="module")
def seed():
    graph, _ = compile_rules([seed_rules()])
    return graph


def test_final_common_pathway(seed):
    """Check that every antidepressant's route passes NMDA_adaptation, then the class link."""
    found = pathways(seed, "antidepressant", "antidepressant_effect")
    assert found.members == ("ECS", "citalopram", "imipramine")
    assert found.pathway == ("NMDA_adaptation", "antidepressant")
    assert "NMDA_adaptation ← antidepressant" in found.format()


def test_context_leaves_members_without_route(seed):
    """Check that under duration=acute no member has a route, and the JSON says so."""
    found = pathways(seed, "antidepressant", "antidepressant_effect", where={"duration": "acute"})
    assert found.pathway == () and found.unreached == found.members
    assert found.to_dict()["where"] == {"duration": "acute"}


def test_unknown_class(seed):
    """Check that an unknown class is a QueryError."""
    with pytest.raises(
        QueryError, match="no entity or class .antidepresant. \\(the question.s class\\)"
    ):
        pathways(seed, "antidepresant", "antidepressant_effect")


def _brute_force(graph, members, target, where, include):
    admitted = admitted_claims(graph, where, include)
    routes = nx.DiGraph()
    routes.add_nodes_from(graph.links)
    routes.add_edges_from(
        (c.subject, c.object)
        for c in graph.claims
        if admitted[c.id] and c.relation is not Relation.NO_CHANGE
    )
    routes.add_edges_from(graph.hierarchy.edges)
    reached = [m for m in members if m == target or nx.has_path(routes, m, target)]
    listed = set()
    for node in set(routes) - set(members) - {target}:
        cut = routes.copy()
        cut.remove_node(node)
        if reached and not any(m == target or nx.has_path(cut, m, target) for m in reached):
            listed.add(node)
    return listed, set(members) - set(reached), routes, reached


@settings(max_examples=500)
@given(rules=random_rules(), data=st.data())
def test_pathways_agree_with_brute_force(rules, data):
    """Check that a node is listed iff deleting it cuts every member from the target."""
    graph, _ = compile_rules([rules.rule_file()])
    members = data.draw(st.lists(st.sampled_from(rules.names), min_size=1, max_size=3))
    target = data.draw(st.sampled_from(rules.names))
    where = data.draw(st.just({}) | contexts)
    include = data.draw(st.booleans())
    found = pathways(graph, members, target, where, "include" if include else "exclude")
    listed, unreached, routes, reached = _brute_force(
        graph, sorted(set(members)), target, where, include
    )
    assert set(found.pathway) == listed and len(found.pathway) == len(listed)
    assert set(found.unreached) == unreached
    # nearest to the target first: every route to a listed node passes the next one
    for near, far in zip(found.pathway, found.pathway[1:]):
        cut = routes.copy()
        cut.remove_node(far)
        assert not any(nx.has_path(cut, m, near) for m in reached)
