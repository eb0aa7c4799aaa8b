"""``max_hops`` on ask, why-not and pathways, and why-not's context clash, against brute force."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.graph.admission import merge
from mechgraph.query.ask import ask
from mechgraph.query.pathways import pathways
from mechgraph.query.why_not import why_not
from mechgraph.results.answers import Verdict

from factories import contexts, random_rules
from oracles import oracle, questions


def _oracle(graph, q, consistent=True):
    include = q["hypotheses"] == "include"
    args = (q["source"], q["target"], q["via"], q["where"], q["sign"], include)
    return oracle(graph, *args, consistent=consistent)


@settings(max_examples=300)
@given(rules=random_rules(dag=True), data=st.data())
def test_ask_and_why_not_within_max_hops_agree_with_brute_force(rules, data):
    """Check that ask holds within N hops iff brute force finds a simple route of at most N
    hops, and that why-not then shows the shortest longer route when there is one."""
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    max_hops = data.draw(st.integers(1, 4))
    lengths = sorted(len(nodes) - 1 for nodes, _ in _oracle(graph, q))
    answer = ask(graph, **q, max_hops=max_hops)
    assert answer.holds == bool(lengths and lengths[0] <= max_hops)
    assert all(len(p.hops) <= max_hops for p in answer.paths)
    explained = why_not(graph, **q, max_hops=max_hops)
    if lengths and lengths[0] > max_hops:
        assert explained.verdict is Verdict.NO
        assert len(explained.longer.hops) == lengths[0]
        assert f"{lengths[0]} hops, more than --max-hops {max_hops}" in explained.note
    else:
        assert explained.longer is None


@settings(max_examples=300)
@given(rules=random_rules(dag=True), data=st.data())
def test_why_not_names_a_context_clash_when_contexts_block(rules, data):
    """Check that why-not names a clash exactly when routes exist that only disagree on
    context, and that its two links state values of the key that do not merge."""
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    blocked = not _oracle(graph, q) and bool(_oracle(graph, q, consistent=False))
    found = why_not(graph, **q).context_clash
    assert (found is not None) == blocked
    if found is not None:
        assert found.first in found.route.hops and found.second in found.route.hops
        assert (found.key, found.first_value) in found.first.context
        assert (found.key, found.second_value) in found.second.context
        pair = ((found.key, found.first_value),), ((found.key, found.second_value),)
        assert merge(*pair, values=graph.index.value_up) is None


def _short_pathway(graph, members, target, where, include, max_hops):
    """Brute force: nodes on every simple path of at most ``max_hops`` hops, and the members
    with none."""
    from mechgraph.graph.admission import admitted_claims
    from mechgraph.language.syntax import Relation

    admitted = admitted_claims(graph, where, include)
    routes = nx.DiGraph()
    routes.add_nodes_from(graph.index.names)
    routes.add_edges_from(
        (c.subject, c.object)
        for c in graph.claims
        if admitted[c.id] and c.relation is not Relation.NO_CHANGE
    )
    routes.add_edges_from(graph.hierarchy.edges)
    paths = [
        path
        for m in members
        if m != target
        for path in nx.all_simple_paths(routes, m, target, cutoff=max_hops)
    ]
    reached = {path[0] for path in paths} | ({target} & set(members))
    if target in members:  # a route of no hops passes nothing
        paths.append([target])
    on_all = set.intersection(*(set(p) for p in paths)) if paths else set()
    return on_all - set(members) - {target}, set(members) - reached


@settings(max_examples=300)
@given(rules=random_rules(), data=st.data())
def test_pathways_within_max_hops_agree_with_brute_force(rules, data):
    """Check pathways --max-hops N against the nodes on every simple path of at most N hops."""
    graph, _ = compile_rules([rules.rule_file()])
    members = sorted(set(data.draw(st.lists(st.sampled_from(rules.names), min_size=1, max_size=3))))
    target = data.draw(st.sampled_from(rules.names))
    where = data.draw(st.just({}) | contexts)
    include = data.draw(st.booleans())
    max_hops = data.draw(st.integers(1, 4))
    mode = "include" if include else "exclude"
    found = pathways(graph, members, target, where, mode, max_hops=max_hops)
    listed, unreached = _short_pathway(graph, members, target, where, include, max_hops)
    assert set(found.pathway) == listed and len(found.pathway) == len(listed)
    assert set(found.unreached) == unreached
