"""Tests of mechgraph.query.ask.ask: unit cases on the seed, properties against brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Sign
from mechgraph.query.ask import ask
from mechgraph.results.answers import Verdict

from factories import random_rules, seed_rules, walk_rules
from oracles import check_witness as _check_witness
from oracles import oracle as _oracle
from oracles import questions


@pytest.fixture(scope="module")
def seed() -> MechanismGraph:
    graph, diagnostics = compile_rules([seed_rules()])
    assert not [d for d in diagnostics if d.is_error]
    return graph


class TestAskSeed:
    def test_chronic_route_through_class_link(self, seed):
        """Check that imipramine reaches the effect through NMDA_adaptation, climbing isa."""
        answer = ask(
            seed,
            "imipramine",
            "antidepressant_effect",
            via="NMDA_adaptation",
            where={"duration": "chronic"},
            sign="+",
        )
        assert answer.verdict is Verdict.YES
        path = answer.paths[0]
        assert path.chain() == (
            "imipramine ─isa→ tricyclic ─isa→ antidepressant ─(+)→ NMDA_adaptation "
            "─(+)→ antidepressant_effect"
        )
        assert path.sign is Sign.POSITIVE
        assert path.context == (("duration", "chronic"), ("region", "cerebral_cortex"))
        assert path.depends_on_hypothesis
        class_hop = path.hops[2]
        assert class_hop.inherited_by == "imipramine"
        assert [str(c) for c in class_hop.evidence] == ["skolnick1996 (pmid:8852531)"]
        assert str(class_hop.location) == "seed.mg:14:1"
        assert path.hops[3].inherited_by is None
        assert path.edges[1:3] == (
            ("tricyclic", "antidepressant", None),
            ("antidepressant", "NMDA_adaptation", class_hop.claim_id),
        )

    def test_text_form(self, seed):
        """Check that the text form starts with the verdict and the chain, then details."""
        text = ask(seed, "imipramine", "NMDA_adaptation").format()
        lines = text.splitlines()
        assert lines[0] == (
            "yes  imipramine ─isa→ tricyclic ─isa→ antidepressant ─(+)→ NMDA_adaptation"
        )
        assert lines[1] == "     net sign +, holds under duration=chronic, region=cerebral_cortex"
        assert lines[2] == "     evidence: skolnick1996 (pmid:8852531) for hop 3"
        assert "hop 3 holds for imipramine as a member of antidepressant" in text

    def test_acute_is_no(self, seed):
        """Check that under duration=acute only the no-change claim matches: no route."""
        answer = ask(seed, "imipramine", "NMDA_adaptation", where={"duration": "acute"})
        assert answer.verdict is Verdict.NO and not answer.paths

    def test_exclude_hypotheses(self, seed):
        """Check that the hypothesised last hop is dropped with hypotheses=exclude."""
        assert ask(seed, "ECS", "antidepressant_effect").holds
        assert not ask(seed, "ECS", "antidepressant_effect", hypotheses="exclude").holds

    def test_value_hierarchy(self, seed):
        """Check that a cortex-wide claim answers cortex and frontal questions, not others."""
        assert ask(seed, "ECS", "NMDA_adaptation", where={"region": "cerebral_cortex"}).holds
        assert ask(seed, "ECS", "NMDA_adaptation", where={"region": "frontal_cortex"}).holds
        assert not ask(seed, "ECS", "NMDA_adaptation", where={"region": "non_cortical"}).holds

    def test_class_source(self, seed):
        """Check that a class source starts at the class itself when that is shortest."""
        answer = ask(seed, "antidepressant", "NMDA_adaptation")
        assert answer.paths[0].nodes == ("antidepressant", "NMDA_adaptation")

    def test_sign(self, seed):
        """Check that a sign constraint is a real filter."""
        assert ask(seed, "NMDA_antagonist", "NMDA_function", sign="-").holds
        assert not ask(seed, "NMDA_antagonist", "NMDA_function", sign="+").holds

    def test_unknown_names(self, seed):
        """Check that unknown names and words raise QueryError with a did-you-mean."""
        with pytest.raises(
            QueryError, match="no entity or class 'imipramin' \\(the question's source\\)"
        ) as error:
            ask(seed, "imipramin", "NMDA_adaptation")
        assert "did you mean 'imipramine'" in error.value.diagnostics[0].hint
        with pytest.raises(QueryError, match="unknown sign"):
            ask(seed, "imipramine", "NMDA_adaptation", sign="x")
        with pytest.raises(QueryError, match="hypotheses mode"):
            ask(seed, "imipramine", "NMDA_adaptation", hypotheses="maybe")
        with pytest.raises(QueryError, match="between 1 and 1000"):
            ask(seed, "imipramine", "NMDA_adaptation", max_paths=0)
        with pytest.raises(QueryError, match="between 1 and 1000"):  # 2.96 GB before the cap
            ask(seed, "imipramine", "NMDA_adaptation", max_paths=1_000_000)
        with pytest.raises(QueryError, match="same entity"):
            ask(seed, "imipramine", "imipramine")

    def test_unknown_context_value_is_noted(self, seed):
        """Check that a question naming a context value nothing states says so."""
        answer = ask(seed, "ECS", "NMDA_adaptation", where={"duration": "chronc"})
        assert "nothing states duration=chronc (did you mean chronic?)" in answer.note

    def test_to_dict(self, seed):
        """Check that the JSON form carries the question, the verdict and the hops."""
        data = ask(seed, "imipramine", "NMDA_adaptation", max_paths=1).to_dict()
        assert data["verdict"] == "yes" and data["question"]["source"] == "imipramine"
        assert data["paths"][0]["hops"][2]["evidence"][0]["reference"] == "pmid:8852531"


def _walk_graph() -> MechanismGraph:
    graph, _ = compile_rules([walk_rules()])
    return graph


def test_walk_without_simple_path():
    """Check that a negative walk with no simple negative path is a no, said so."""
    answer = ask(_walk_graph(), "s", "t", sign="-")
    assert answer.verdict is Verdict.NO and "repeats an entity" in answer.note
    assert ask(_walk_graph(), "s", "t", sign="+").holds


def test_walk_only_when_budget_runs_out():
    """Check that an exhausted witness search says walk only, never yes."""
    answer = ask(_walk_graph(), "s", "t", sign="-", budget=1)
    assert answer.verdict is Verdict.WALK_ONLY and "walk only" in answer.note


# -- brute force ----------------------------------------------------------------------


def _check_against_oracle(rules, data):
    graph, _ = compile_rules([rules.rule_file()])
    q = data.draw(questions(rules))
    answer = ask(graph, **q)
    truth = _oracle(
        graph,
        q["source"],
        q["target"],
        q["via"],
        dict(q["where"]),
        q["sign"],
        q["hypotheses"] == "include",
    )
    lengths = [len(p.hops) for p in answer.paths]
    assert lengths == sorted(lengths) and len(lengths) <= 3
    assert len({p.nodes for p in answer.paths}) == len(answer.paths)
    for path in answer.paths:
        _check_witness(graph, path, q)
    return graph, answer, truth


@settings(max_examples=500)
@given(rules=random_rules(dag=True), data=st.data())
def test_ask_exact_on_dags(rules, data):
    """Check that on DAGs ask's verdict and shortest witness match brute force."""
    _, answer, truth = _check_against_oracle(rules, data)
    assert answer.holds == bool(truth)
    if truth:
        assert len(answer.paths[0].hops) == min(len(nodes) - 1 for nodes, _ in truth)


@settings(max_examples=500)
@given(rules=random_rules(dag=False), data=st.data())
def test_ask_never_a_false_yes_on_cyclic_graphs(rules, data):
    """Check that on cyclic graphs a yes always has a simple witness and a no is true."""
    _, answer, truth = _check_against_oracle(rules, data)
    if answer.verdict is Verdict.YES:
        assert truth
    elif answer.verdict is Verdict.NO:
        assert not truth


@settings(max_examples=500)
@given(rules=random_rules(), data=st.data())
def test_answers_do_not_depend_on_rule_order(rules, data):
    """Check that shuffling the statements gives identical answers."""
    order = data.draw(st.permutations(range(len(rules.statements))))
    first, _ = compile_rules([rules.rule_file()])
    second, _ = compile_rules([rules.rule_file(order)])
    q = data.draw(questions(rules))
    assert ask(first, **q).to_dict() == ask(second, **q).to_dict()
