"""The witnesses read off exact distances for many members at once (mechgraph.query.witnesses)
are exactly those of the best-first search run once per member."""

from __future__ import annotations

import io
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import generate
from benchmarks.layout import CLASS, PATHWAY, TARGET, CorpusSpec
from mechgraph.compiler.compile import compile_rules
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import RuleFile
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses import Scope
from mechgraph.query.member_routes import Reach, Route, avoiding, members_of, routes
from mechgraph.query.question import make_question
from mechgraph.query.search import Search, to_path, witnesses
from mechgraph.query.witnesses import descend

from factories import link, random_rules
from oracles import brute_routes, questions
from oracles import check_witness as _check_witness
from oracles import oracle as _oracle


def one_by_one(search: Search, members, budget: int = DEFAULT_BUDGET) -> dict[str, Route]:
    """The specification: the best-first search from each member alone."""
    dist = search.distances()
    found = {}
    for name in members:
        node = search.index.ids[name]
        if search.start_state(node) not in dist:
            found[name] = Route(name, Reach.NONE)
            continue
        paths, exhausted = witnesses(replace(search, starts=(node,)), dist, 1, budget)
        found[name] = (
            Route(name, Reach.ROUTE, to_path(search, paths[0]))
            if paths
            else Route(name, Reach.WALK if exhausted else Reach.NONE)
        )
    return found


@settings(max_examples=400, deadline=None)
@given(rules=random_rules(max_size=8, max_links=20), data=st.data())
def test_routes_match_the_best_first_search(rules, data):
    """Check verdicts and witnesses of every entity as a member, with sign, via, context,
    hypotheses left out, an avoided entity and small budgets, against one search each."""
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    search = Search.of(graph, make_question(**q))
    avoid = data.draw(st.none() | st.sampled_from(rules.names))
    if avoid not in (None, q["source"], q["target"]):
        search = avoiding(search, avoid)
    budget = data.draw(st.sampled_from([DEFAULT_BUDGET, 1, 2, 3, 5, 8, 13]))
    assert routes(search, rules.names, budget) == one_by_one(search, rules.names, budget)


@settings(max_examples=300, deadline=None)
@given(rules=random_rules(dag=True, max_size=7, max_links=16), data=st.data())
def test_witnesses_are_shortest_simple_routes(rules, data):
    """Check on DAGs that each member's witness is a valid simple route of the least
    length brute force finds, and that a member has one exactly when brute force does."""
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    search = Search.of(graph, make_question(**q))
    for name, route in routes(search, rules.names).items():
        q_member = dict(q, source=name)
        truth = (
            []
            if name == q["target"]
            else _oracle(
                graph,
                name,
                q["target"],
                q["via"],
                dict(q["where"]),
                q["sign"],
                q["hypotheses"] == "include",
            )
        )
        own = [nodes for nodes, _ in truth if nodes[0] == name]  # starting at the member
        assert (route.reach is Reach.ROUTE) == bool(own) or name == q["target"]
        if route.reach is Reach.ROUTE and name != q["target"]:
            _check_witness(graph, route.path, q_member)
            assert len(route.path.hops) == min(len(nodes) - 1 for nodes in own)


def test_backtracks_past_a_contradicting_context():
    """Check a shared shortest route whose contexts contradict one member's first link:
    that member gets the next route in hop order, the others the first, all read at once."""
    rules = RuleFile(
        "r.mg",
        (
            link("a", "->", "x", {"duration": "chronic"}),
            link("b", "->", "x"),
            link("x", "->", "y", {"duration": "acute"}),
            link("x", "->", "z"),
            link("y", "->", "t"),
            link("z", "->", "t"),
        ),
    )
    graph, _ = compile_rules([rules])
    search = Search.of(graph, make_question("a", "t"))
    dist = search.distances()
    starts = [search.start_state(graph.index.ids[name]) for name in ("a", "b")]
    read = descend(search, dist, starts)
    assert sorted(read) == sorted(starts)  # both answered without the best-first search
    found = routes(search, ["a", "b"])
    assert found["a"].path.nodes == ("a", "x", "z", "t")
    assert found["b"].path.nodes == ("b", "x", "y", "t")
    assert found == one_by_one(search, ["a", "b"])


def test_benchmark_corpus_is_read_without_the_full_search():
    """Check on a small benchmark corpus that every member of the big class is read off
    the distances (none left to the per-member search) and agrees with it, for the
    hypothesis `every antidepressant reaches antidepressant_effect through NMDA_adaptation`."""
    text = io.StringIO()
    generate.write(CorpusSpec(links=3000, seed=5), text, io.StringIO())
    graph, _ = compile_rules([parse_text(text.getvalue(), "bench.mg")])
    scope = Scope.of(graph, "bench", ())
    search = scope.search(graph, CLASS, TARGET)
    members = [m for m in members_of(graph, CLASS) if m != TARGET]
    dist = search.distances()
    starts = [search.start_state(graph.index.ids[m]) for m in members]
    assert len(descend(search, dist, starts)) == len(members) > 10
    found = routes(search, members)
    assert found == one_by_one(search, members)
    assert all(route.reach is Reach.ROUTE for route in found.values())
    bypass = avoiding(search, PATHWAY)
    assert routes(bypass, members) == one_by_one(bypass, members)


def test_brute_force_agrees_on_the_benchmark_members():
    """Check a few benchmark members' witnesses are simple consistent routes of least length."""
    text = io.StringIO()
    generate.write(CorpusSpec(links=400, seed=2), text, io.StringIO())
    graph, _ = compile_rules([parse_text(text.getvalue(), "bench.mg")])
    scope = Scope.of(graph, "bench", ())
    members = [m for m in members_of(graph, CLASS) if m != TARGET][:3]
    for name, route in routes(scope.search(graph, CLASS, TARGET), members).items():
        simple = list(brute_routes(graph, {}, name, TARGET))
        assert route.path.nodes in simple
        assert len(route.path.hops) == min(len(nodes) - 1 for nodes in simple)
