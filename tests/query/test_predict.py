"""Tests for mechgraph.query.predict, the what-if edits of Model, and the check/predict verbs."""

from __future__ import annotations

import importlib.util
import itertools
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.cli import main
from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import QueryError
from mechgraph.language.edits import without_entity
from mechgraph.language.parser import parse_file
from mechgraph.language.syntax import Quantifier
from mechgraph.model import Model
from mechgraph.query.ask import ask
from mechgraph.query.predict import knockout
from mechgraph.results.verdicts import Outcome

from conftest import ACUTE_NO_CHANGE, FIXTURES, RULES
from factories import hypothesis as block
from factories import random_rules, reaches

HYPO = FIXTURES / "hypotheses"
SEED = RULES / "skolnick1996.mg"  # the seed's own rules, as shipped
NAME = "final_common_pathway"


@pytest.fixture(scope="module")
def seed() -> Model:
    return Model.from_files([parse_file(str(SEED))])


class TestPredict:
    def test_seed_predicts_nothing_beyond_antidepressants(self, seed):
        """Check that in the seed only antidepressants reach NMDA_adaptation under chronic dosing."""
        result = seed.predict(NAME)
        assert (result.members, result.pathway, result.target) == (
            "antidepressant",
            "NMDA_adaptation",
            "antidepressant_effect",
        )
        assert result.candidates == ()

    def test_candidates_ranked_by_route_length(self, seed):
        """Check that entities outside C reaching X are listed, shortest route first, with routes."""
        model = seed.with_rules(
            "drug ketamine, lithium\nprocess AMPA_signalling\n"
            "lithium -> AMPA_signalling [duration=chronic]\n"
            "AMPA_signalling -> NMDA_adaptation\nketamine -> NMDA_adaptation [duration=acute]\n"
        )
        result = model.predict(NAME)
        assert [(c.entity, len(c.path.hops)) for c in result.candidates] == [
            ("AMPA_signalling", 1),
            ("lithium", 2),
        ]
        assert result.candidates[1].path.nodes == ("lithium", "AMPA_signalling", "NMDA_adaptation")
        assert all(c.reaches_target for c in result.candidates)
        assert result.to_dict()["candidates"][0]["entity"] == "AMPA_signalling"

    def test_needs_a_through_statement(self, seed):
        """Check predict explains which statement form it needs."""
        with pytest.raises(QueryError, match="through X"):
            seed.predict("antagonists_mimic_antidepressants")


class TestKnockout:
    def test_pathway_knockout_cuts_every_member(self, seed):
        """Check that removing NMDA_adaptation cuts every antidepressant off the effect."""
        result = seed.knockout(NAME, "NMDA_adaptation")
        assert [w.member for w in result.lost] == ["ECS", "citalopram", "imipramine"]
        assert all("NMDA_adaptation" in w.path.nodes for w in result.lost)
        assert result.kept == ()

    def test_unrelated_knockout_cuts_nothing(self, seed):
        """Check that removing an entity off the routes leaves every member its route."""
        result = seed.knockout(NAME, "beta_adrenoceptor")
        assert result.lost == () and result.kept == ("ECS", "citalopram", "imipramine")

    def test_unknown_entity(self, seed):
        """Check an unknown entity is a QueryError with close names."""
        with pytest.raises(QueryError, match="no entity or class .NMDA_adaptaton."):
            seed.knockout(NAME, "NMDA_adaptaton")


class TestWhatIf:
    def test_with_rules_bypass_fails(self, seed):
        """Check that added rules change the verdict and leave the original model alone."""
        bypass = (HYPO / "extra" / "bypass.mg").read_text()
        [changed] = seed.with_rules(bypass).check(NAME)
        assert changed.outcome is Outcome.FAILS
        assert seed.check(NAME)[0].outcome is Outcome.HOLDS

    def test_without_link_and_entity(self, seed):
        """Check that taking out the class link (and the detailed studies' links), or
        NMDA_function, fails the hypothesis."""
        without_links = seed
        for subject in ("antidepressant", "imipramine", "citalopram", "ECS"):
            while any(
                c.subject == subject and c.object == "NMDA_adaptation" and c.sign.value == "+"
                for c in without_links.graph.claims
            ):
                without_links = without_links.without(f"{subject} -> NMDA_adaptation")
        for model in (without_links, seed.without("NMDA_function")):
            [result] = model.check(NAME)
            assert result.statements[0].outcome is Outcome.FAILS
        assert "NMDA_function" in seed.without("NMDA_function").graph

    def test_without_a_witness_hop(self, seed):
        """Check that a hop of a witness names the link to take out."""
        witness = seed.check(NAME)[0].statements[0].witnesses[0]
        hop = next(h for h in witness.path.hops if h.object == "NMDA_function")
        [result] = seed.without(hop).check(NAME)
        assert result.statements[0].outcome is Outcome.FAILS


@st.composite
def knockout_case(draw):
    rules = draw(random_rules(max_size=5, max_links=8))
    cls, target = draw(st.sampled_from(list(itertools.permutations(rules.names, 2))))
    removed = draw(st.sampled_from(rules.names))
    return rules, cls, target, removed


@settings(max_examples=500, deadline=None)
@given(knockout_case())
def test_knockout_agrees_with_recomputation(case):
    """Check `knockout X` lists exactly the members with a route before and none once X is deleted."""
    rules, cls, target, removed = case
    rule_file = rules.rule_file()
    rule_file = replace(
        rule_file,
        statements=rule_file.statements + (block("h", reaches(Quantifier.EVERY, cls, target)),),
    )
    graph, _ = compile_rules([rule_file])
    after, _ = compile_rules(without_entity([rule_file], removed))
    members = [m for m in (graph.index.leaves(cls) or (cls,)) if m not in (target, removed)]

    def reaching(g):
        return {m for m in members if ask(g, m, target, hypotheses="exclude").holds}

    result = knockout(graph, "h", removed)
    assert {w.member for w in result.lost} == reaching(graph) - reaching(after)
    assert set(result.kept) == reaching(graph) & reaching(after)


# -- the command line ------------------------------------------------------------------------

needs_loader = pytest.mark.skipif(
    importlib.util.find_spec("mechgraph.language.loader") is None,
    reason="the loader lands on main separately",
)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr().out
    return code, out


@needs_loader
class TestCheckVerb:
    def test_seed_holds(self, capsys):
        """Check `mechgraph check rules/` prints the seed's hypotheses as holding and exits 0."""
        code, out = run(capsys, "check", RULES)
        assert code == 0
        assert "✓ every antidepressant reaches antidepressant_effect through NMDA_adaptation" in out
        assert (
            " hold, 0 fail, 0 undecided" in out
            and "✓ no antidepressant reaches NMDA_adaptation" in out
        )
        assert "imipramine: imipramine ─(+)→ NMDA_adaptation ─(-)→ NMDA_function" in out

    @pytest.mark.parametrize(
        "variant, problem, member",
        [
            ("bypass", "bypasses", "citalopram"),
            ("acute", "reaches", "imipramine"),
            ("opposite_sign", "other sign", "imipramine"),
        ],
    )
    def test_failing_variants(self, capsys, variant, problem, member):
        """Check each variant exits 1 and names its counterexample in text and JSON."""
        extra = HYPO / "extra" / f"{variant}.mg"
        code, out = run(capsys, "check", SEED, "--extra", extra, "--hypothesis", NAME)
        assert code == 1
        assert f"{member}: {problem}" in out and "✗" in out
        code, out = run(capsys, "check", SEED, "--extra", extra, "--hypothesis", NAME, "--json")
        assert code == 1
        document = json.loads(out)
        assert document["ok"] is False
        counters = [
            c for s in document["hypotheses"][0]["statements"] for c in s["counterexamples"]
        ]
        assert (problem, member) in {(c["problem"], c["member"]) for c in counters}

    def test_acute_json_names_no_change_claim(self, capsys):
        """Check the acute variant's JSON carries the -0 claim with its location."""
        extra = HYPO / "extra" / "acute.mg"
        _, out = run(capsys, "check", SEED, "--extra", extra, "--json")
        statements = json.loads(out)["hypotheses"][1]["statements"]
        [counter] = statements[2]["counterexamples"]
        [contradiction] = counter["contradictions"]
        assert contradiction["claim"]["relation"] == "causesNoChange"
        assert contradiction["claim"]["location"].endswith(f"skolnick1996.mg:{ACUTE_NO_CHANGE}:1")

    def test_no_route_variant(self, capsys):
        """Check the standalone no-route variant exits 1 naming ECS."""
        code, out = run(capsys, "check", HYPO / "standalone" / "no_route.mg")
        assert code == 1 and "ECS: no route" in out

    def test_unknown_hypothesis_is_usage_error(self, capsys):
        """Check an unknown --hypothesis exits 2."""
        assert main(["check", str(SEED), "--hypothesis", "final"]) == 2


@needs_loader
class TestPredictVerb:
    def test_knockout_text_and_json(self, capsys):
        """Check `predict --knockout` in text and JSON."""
        code, out = run(capsys, "predict", NAME, "--knockout", "NMDA_adaptation", "--rules", SEED)
        assert code == 0 and "cuts 3 of 3 members" in out
        code, out = run(capsys, "predict", NAME, "--rules", SEED, "--json")
        assert code == 0 and json.loads(out)["pathway"] == "NMDA_adaptation"

    def test_max_candidates(self, capsys, tmp_path):
        """Check `predict --max-candidates N` shows the N nearest with a note, and 0 exits 2."""
        rules = tmp_path / "chain.mg"
        text = "".join(f"n{i} -> n{i + 1}\n" for i in range(10))
        rules.write_text(text + "hypothesis h:\n    every n0 reaches n10 through n6\n")
        code, out = run(capsys, "predict", "h", "--max-candidates", "2", "--rules", rules)
        assert code == 0 and "2 entities outside n0" in out
        assert "note: 3 more entities with a walk to n6 not shown" in out
        code, out = run(capsys, "predict", "h", "--max-candidates", "2", "--rules", rules, "--json")
        assert [c["entity"] for c in json.loads(out)["candidates"]] == ["n5", "n4"]
        assert main(["predict", "h", "--max-candidates", "0", "--rules", str(rules)]) == 2
