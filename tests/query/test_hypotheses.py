"""Tests for mechgraph.query.hypotheses: the seed's hypotheses, failing variants, brute force."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import QueryError
from mechgraph.graph.admission import merge
from mechgraph.language.parser import parse_file, parse_text
from mechgraph.language.syntax import Consistent, Qualifier, Quantifier, Reaches, Ref, Sign
from mechgraph.query.hypotheses import Scope, check_reaches, judge, judge_all
from mechgraph.results.answers import BlockReason, Verdict
from mechgraph.results.verdicts import Outcome, Problem

from conftest import ACUTE_NO_CHANGE, FIXTURES, SEED
from factories import hypothesis as block
from factories import random_rules
from oracles import brute_routes

HYPO = FIXTURES / "hypotheses"


def compiled(*paths, text: str | None = None):
    files = [parse_file(str(p)) for p in paths]
    if text is not None:
        files.append(parse_text(text, "extra.mg"))
    graph, diagnostics = compile_rules(files)
    assert not [d for d in diagnostics if d.is_error], diagnostics
    return graph


def statements(graph, name):
    return {r.statement: r for r in judge(graph, name).statements}


EVERY_THROUGH = (
    "every antidepressant reaches antidepressant_effect through NMDA_adaptation [duration=chronic]"
)
SIGN = "sign of antidepressant to antidepressant_effect is + [duration=chronic]"
NONE_ACUTE = "no antidepressant reaches NMDA_adaptation [duration=acute]"


class TestSeed:
    def test_every_hypothesis_holds(self):
        """Check that both of the seed's hypotheses hold on its rules."""
        results = judge_all(compiled(SEED))
        assert [(r.name, r.outcome) for r in results] == [
            ("antagonists_mimic_antidepressants", Outcome.HOLDS),
            ("final_common_pathway", Outcome.HOLDS),
            ("time_course", Outcome.HOLDS),
        ]

    def test_chronic_witness_per_member_through_pathway(self):
        """Check that under chronic dosing each antidepressant has a witness through NMDA_adaptation."""
        result = statements(compiled(SEED), "final_common_pathway")[EVERY_THROUGH]
        assert [w.member for w in result.witnesses] == ["ECS", "citalopram", "imipramine"]
        for witness in result.witnesses:
            assert witness.path.nodes[0] == witness.member
            assert witness.path.nodes[-1] == "antidepressant_effect"
            assert "NMDA_adaptation" in witness.path.nodes
            assert not witness.path.depends_on_hypothesis

    def test_acute_shows_no_change_claim(self):
        """Check that the acute statement holds and its explanation names the -0 claim."""
        result = statements(compiled(SEED), "final_common_pathway")[NONE_ACUTE]
        assert result.outcome is Outcome.HOLDS
        [no_change] = result.explanation.no_change
        assert (no_change.subject, no_change.object) == ("antidepressant", "NMDA_adaptation")
        assert no_change.location.line == ACUTE_NO_CHANGE
        assert "-0 NMDA_adaptation [duration=acute" in result.format()
        assert result.explanation.blocked[0].clash.key == "duration"

    def test_hypothesised_links_left_out_and_reported(self):
        """Check that the proposal's own link is left out, listed, and never used."""
        result = judge(compiled(SEED), "final_common_pathway")
        assert {(h.subject, h.object) for h in result.left_out} == {
            ("NMDA_adaptation", "antidepressant_effect"),
            ("NMDA_receptor", "depression"),
        }
        assert all(not h.hypothesis for h in result.used)
        assert ("antidepressant", "NMDA_adaptation") in {(h.subject, h.object) for h in result.used}

    def test_statement_may_ask_for_hypothesised_links(self):
        """Check that `hypotheses=include` lets the hypothesised link carry the route."""
        text = (
            "hypothesis with_proposal @skolnick1996:\n    every antidepressant reaches"
            " antidepressant_effect [duration=chronic, hypotheses=include]\n"
        )
        result = judge(compiled(SEED, text=text), "with_proposal")
        assert result.outcome is Outcome.HOLDS and not result.left_out
        assert all(w.path.depends_on_hypothesis for w in result.statements[0].witnesses)

    def test_text_and_json(self):
        """Check the marks in text and the JSON shape of a judged hypothesis."""
        result = judge(compiled(SEED), "final_common_pathway")
        text = result.format()
        assert text.splitlines()[1] == "    ✓ " + EVERY_THROUGH
        document = result.to_dict()
        assert document["outcome"] == "holds"
        assert [s["outcome"] for s in document["statements"]] == ["holds"] * 5
        assert document["statements"][0]["witnesses"][0]["path"]["nodes"][0] == "ECS"


class TestFailingVariants:
    def test_bypass(self):
        """Check that a route avoiding NMDA_adaptation fails the statement and is shown."""
        result = statements(compiled(SEED, HYPO / "extra" / "bypass.mg"), "final_common_pathway")
        every = result[EVERY_THROUGH]
        assert every.outcome is Outcome.FAILS
        [counter] = every.counterexamples
        assert counter.problem is Problem.BYPASS and counter.member == "citalopram"
        assert counter.path.nodes == ("citalopram", "serotonin_signalling", "antidepressant_effect")
        assert result[SIGN].outcome is Outcome.HOLDS

    def test_no_route(self):
        """Check that an antidepressant with no route fails the statement, with why-not."""
        graph = compiled(HYPO / "standalone" / "no_route.mg")
        [every] = judge(graph, "final_common_pathway").statements
        assert every.outcome is Outcome.FAILS
        [counter] = every.counterexamples
        assert (counter.problem, counter.member) == (Problem.NO_ROUTE, "ECS")
        assert counter.why_not.question.source == "ECS"
        assert "ECS: no route" in every.format()

    def test_acute_link_contradicts_no_change(self):
        """Check that an acute route fails the `no` statement and names the -0 claim it defies."""
        result = statements(compiled(SEED, HYPO / "extra" / "acute.mg"), "final_common_pathway")
        no = result[NONE_ACUTE]
        assert no.outcome is Outcome.FAILS
        [counter] = no.counterexamples
        assert (counter.problem, counter.member) == (Problem.REACHES, "imipramine")
        [contradiction] = counter.contradictions
        assert contradiction.claim.sign is Sign.NO_CHANGE
        assert contradiction.claim.location.line == ACUTE_NO_CHANGE
        assert contradiction.route[0].location.file.endswith("acute.mg")
        assert contradiction.inherited == ("imipramine", "antidepressant")
        assert (
            f"skolnick1996.mg:{ACUTE_NO_CHANGE}:1" in no.format() and "acute.mg:4:1" in no.format()
        )

    def test_opposite_sign(self):
        """Check that a route of sign - fails the sign statement, and consistent names the pair."""
        result = statements(
            compiled(SEED, HYPO / "extra" / "opposite_sign.mg"), "final_common_pathway"
        )
        sign = result[SIGN]
        assert sign.outcome is Outcome.FAILS
        assert {c.problem for c in sign.counterexamples} == {Problem.OTHER_SIGN}
        assert all(c.path.sign is Sign.NEGATIVE for c in sign.counterexamples)
        consistent = result["consistent"]
        assert consistent.outcome is Outcome.FAILS
        [counter] = consistent.counterexamples
        [contradiction] = counter.contradictions
        pair = {contradiction.claim.relation.value, contradiction.route[0].relation.value}
        assert pair == {"->", "-|"}
        assert {contradiction.claim.object, contradiction.route[0].object} == {"NMDA_function"}


SMALL = """
entity a, b, c, x, t
class C
a, b isa C
"""


def _judge_text(text: str, name: str = "h"):
    return judge(compiled(text=SMALL + text), name)


class TestForms:
    def test_some(self):
        """Check `some`: holds with one witness when one member reaches."""
        result = _judge_text("a -> t\nhypothesis h:\n    some C reaches t\n")
        [statement] = result.statements
        assert statement.outcome is Outcome.HOLDS
        assert [w.member for w in statement.witnesses] == ["a"]

    def test_some_through_fails_when_every_route_bypasses(self):
        """Check `some ... through X` fails when every reaching member bypasses X."""
        result = _judge_text(
            "a -> t\na -> x\nx -> t\nhypothesis h:\n    some C reaches t through x\n"
        )
        [statement] = result.statements
        assert statement.outcome is Outcome.FAILS
        assert statement.counterexamples[0].problem is Problem.BYPASS

    def test_unsigned_route_is_undecided(self):
        """Check a route through an association leaves the sign undecided."""
        result = _judge_text("a -- t\nhypothesis h:\n    sign of C to t is +\n")
        [statement] = result.statements
        assert statement.outcome is Outcome.UNDECIDED
        assert statement.counterexamples[0].problem is Problem.UNSIGNED

    def test_sign_without_any_route_fails(self):
        """Check a sign statement fails when no member reaches the target at all."""
        [statement] = _judge_text("hypothesis h:\n    sign of C to t is -\n").statements
        assert statement.outcome is Outcome.FAILS
        assert statement.counterexamples[0].problem is Problem.NO_ROUTE

    def test_walk_only_is_undecided(self):
        """Check that a search budget too small for a witness gives undecided, not a guess
        (the budget counts the partial paths expanded on a cycle, here c and x)."""
        graph = compiled(text=SMALL + "a -> c\nc -> x\nx -> c\nx -> t\nb -> t\n")
        statement = Reaches(Quantifier.EVERY, Ref("C"), Ref("t"))
        result = check_reaches(graph, statement, Scope.of(graph, "h", ()), budget=2)
        assert result.outcome is Outcome.UNDECIDED
        assert "walk only" in result.reason

    def test_circular_citation_left_out(self):
        """Check a link whose only evidence is the hypothesis's own name is left out."""
        text = "source h = pmid:1\na -> t @h\nb -> t\nhypothesis h @h:\n    every C reaches t\n"
        result = _judge_text(text)
        assert result.outcome is Outcome.FAILS
        assert [(h.subject, h.object) for h in result.left_out] == [("a", "t")]
        [counter] = result.statements[0].counterexamples
        assert counter.member == "a" and counter.why_not.verdict is Verdict.NO
        [blocked] = counter.why_not.blocked
        assert (blocked.hop.subject, blocked.reason) == ("a", BlockReason.CIRCULAR)
        assert "cites only the hypothesis being judged" in blocked.describe()

    def test_bad_hypotheses_value_is_undecided(self):
        """Check a malformed `hypotheses=` value gives an undecided statement with a hint."""
        [statement] = _judge_text(
            "a -> t\nhypothesis h:\n    some C reaches t [hypotheses=maybe]\n"
        ).statements
        assert statement.outcome is Outcome.UNDECIDED
        assert "hypotheses=include" in statement.reason

    def test_consistent_alone_checks_every_claim(self):
        """Check a lone `consistent` finds a member's -0 claim against its class's link."""
        text = "C -> t [duration=chronic]\na -0 t\nhypothesis h:\n    consistent\n"
        [statement] = _judge_text(text).statements
        assert statement.outcome is Outcome.FAILS
        [counter] = statement.counterexamples
        [contradiction] = counter.contradictions
        assert contradiction.inherited == ("a", "C")
        assert contradiction.claim.sign is Sign.NO_CHANGE

    def test_consistent_first_still_sees_the_other_statements(self):
        """Check `consistent` written first relies on the witnesses of the statements after it."""
        text = (
            "a -> x\nx -> t\nx -| t [duration=acute]\nb -> x\n"
            "hypothesis h:\n    consistent\n    every C reaches t [duration=chronic]\n"
        )
        first, second = _judge_text(text).statements
        assert second.outcome is Outcome.HOLDS
        assert first.outcome is Outcome.HOLDS, first.format()
        assert "no contradiction among the 3 links" in first.reason

    def test_unstated_context_is_noted(self):
        """Check a statement context no rule states gets a did-you-mean note."""
        [statement] = _judge_text(
            "a -> t [duration=chronic]\nhypothesis h:\n    some C reaches t [duraton=chronic]\n"
        ).statements
        assert "nothing states duraton=chronic (did you mean duration?)" in statement.reason

    def test_unknown_hypothesis(self):
        """Check an unknown hypothesis name raises QueryError with close names."""
        with pytest.raises(QueryError, match="did you mean final_common_pathway"):
            judge(compiled(SEED), "final_common_pathwy")


# -- brute force ---------------------------------------------------------------------------


@st.composite
def reaches_case(draw):
    rules = draw(random_rules(max_size=5, max_links=8))
    names = rules.names
    cls, target = draw(st.sampled_from(list(itertools.permutations(names, 2))))
    through = draw(st.sampled_from(names))
    key = draw(st.sampled_from(["duration", "region", None]))
    where = {}
    if key:
        where[key] = draw(
            st.sampled_from(
                {"duration": ("acute", "chronic"), "region": ("cortex", "frontal")}[key]
            )
        )
    quantifier = draw(st.sampled_from(list(Quantifier)))
    return rules, cls, target, through, where, quantifier


@settings(max_examples=500, deadline=None)
@given(reaches_case())
def test_every_through_agrees_with_brute_force(case):
    """Check `every C reaches T through X` holds iff every member has a route and none avoids X."""
    rules, cls, target, through, where, _ = case
    context = tuple(Qualifier(k, v) for k, v in where.items())
    statement = Reaches(Quantifier.EVERY, Ref(cls), Ref(target), Ref(through), context)
    graph, _ = compile_rules([_with_block(rules, statement)])
    result = judge(graph, "h").statements[0]
    members = [m for m in (graph.index.leaves(cls) or (cls,)) if m != target]
    found = {m: list(brute_routes(graph, where, m, target)) for m in members}
    expected = all(found[m] for m in members) and not any(
        through not in route for m in members for route in found[m]
    )
    assert (result.outcome is Outcome.HOLDS) == expected, result.format()
    for counter in result.counterexamples:
        if counter.problem is Problem.BYPASS:
            assert through not in counter.path.nodes
            assert counter.path.nodes in found[counter.member]


@settings(max_examples=500, deadline=None)
@given(reaches_case())
def test_quantifiers_agree_with_brute_force(case):
    """Check every/some/no (without through) against brute-force simple routes."""
    rules, cls, target, _, where, quantifier = case
    context = tuple(Qualifier(k, v) for k, v in where.items())
    statement = Reaches(quantifier, Ref(cls), Ref(target), None, context)
    graph, _ = compile_rules([_with_block(rules, statement)])
    result = judge(graph, "h").statements[0]
    members = [m for m in (graph.index.leaves(cls) or (cls,)) if m != target]
    reaching = [m for m in members if any(brute_routes(graph, where, m, target))]
    expected = {
        Quantifier.EVERY: len(reaching) == len(members),
        Quantifier.SOME: bool(reaching),
        Quantifier.NO: not reaching,
    }[quantifier]
    assert (result.outcome is Outcome.HOLDS) == expected, result.format()
    for witness in result.witnesses:
        assert witness.path.nodes in list(brute_routes(graph, where, witness.member, target))


def _with_block(rules, statement):
    """The random rules plus ``hypothesis h:`` holding ``statement``."""
    rule_file = rules.rule_file()
    return replace(rule_file, statements=rule_file.statements + (block("h", statement),))


def brute_contradictions(graph) -> set[tuple[int, int]]:
    """Pairs of observed claims on one object, subjects equal or one a class of the other,
    with opposite signs or a signed and a -0 claim, whose contexts can hold together."""
    up, ancestors = graph.index.value_up, graph.index.ancestors
    signed = (Sign.POSITIVE, Sign.NEGATIVE)
    found = set()
    claims = [c for c in graph.claims if not c.is_hypothesis]
    for a, b in itertools.combinations(claims, 2):
        related = (
            a.subject == b.subject
            or b.subject in ancestors.get(a.subject, ())
            or (a.subject in ancestors.get(b.subject, ()))
        )
        clash = ({a.sign, b.sign} == set(signed)) or (
            Sign.NO_CHANGE in (a.sign, b.sign) and {a.sign, b.sign} & set(signed)
        )
        if (
            a.object == b.object
            and related
            and clash
            and merge(a.context, b.context, values=up) is not None
        ):
            found.add((a.id, b.id))
    return found


@settings(max_examples=500, deadline=None)
@given(random_rules(max_size=4, max_links=8))
def test_consistent_alone_agrees_with_brute_force(rules):
    """Check a lone `consistent` fails exactly on the contradicting pairs brute force finds."""
    rule_file = rules.rule_file()
    graph, _ = compile_rules(
        [replace(rule_file, statements=rule_file.statements + (block("h", Consistent()),))]
    )
    [result] = judge(graph, "h").statements
    pairs = {
        tuple(sorted((c.claim.claim_id, c.route[0].claim_id)))
        for counter in result.counterexamples
        for c in counter.contradictions
    }
    assert pairs == brute_contradictions(graph)
    assert (result.outcome is Outcome.FAILS) == bool(pairs)
