"""Tests of the facade (mechgraph.model), the CLI verbs, and the seed paper's rules."""

from __future__ import annotations

import json
import shutil

import pytest

from mechgraph.cli import main
from mechgraph.errors import CompileError, ParseError, QueryError
from mechgraph.model import Model, load, parse_where
from mechgraph.results.answers import BlockReason, Verdict

from conftest import FIXTURES

SEED = FIXTURES / "seed" / "skolnick1996.mg"  # a copy of rules/skolnick1996.mg

SMALL = """\
source s1 = pmid:1
drug d
class drugs
process p
phenotype e
d isa drugs
drugs -> p [duration=chronic] @s1
drugs -0 p [duration=acute] @s1
p -> e @s1
"""


@pytest.fixture(scope="module")
def seed() -> Model:
    return Model.from_text(SEED.read_text(), "rules/skolnick1996.mg")


class TestSeed:
    def test_chronic_route_through_nmda_adaptation(self, seed):
        """Check that imipramine reaches antidepressant_effect through NMDA_adaptation (+)."""
        answer = seed.ask(
            "imipramine",
            "antidepressant_effect",
            via="NMDA_adaptation",
            where={"duration": "chronic"},
            sign="+",
        )
        assert answer.verdict is Verdict.YES
        first = answer.paths[0]
        assert first.nodes == (
            "imipramine",
            "tricyclic",
            "antidepressant",
            "NMDA_adaptation",
            "antidepressant_effect",
        )
        assert first.sign.value == "+" and dict(first.context)["duration"] == "chronic"
        assert first.hops[2].inherited_by == "imipramine"
        assert first.depends_on_hypothesis

    def test_not_under_acute_names_clash_and_no_change_claim(self, seed):
        """Check that acute treatment is a no naming the duration clash and the -0 claim."""
        question = dict(via="NMDA_adaptation", where={"duration": "acute"}, sign="+")
        assert not seed.ask("imipramine", "antidepressant_effect", **question).holds
        found = seed.why_not("imipramine", "antidepressant_effect", **question)
        clashes = [b for b in found.blocked if b.reason is BlockReason.CONTEXT]
        assert [
            (b.hop.subject, b.hop.object, b.clash.key, b.clash.link_value) for b in clashes
        ] == [("antidepressant", "NMDA_adaptation", "duration", "chronic")]
        assert [(h.subject, h.relation.value, h.object) for h in found.no_change] == [
            ("antidepressant", "-0", "NMDA_adaptation")
        ]
        assert "needs duration=chronic, asked duration=acute" in found.format()

    def test_final_common_pathway(self, seed):
        """Check that every antidepressant's route to the effect passes NMDA_adaptation."""
        found = seed.pathways(
            "antidepressant", "antidepressant_effect", where={"duration": "chronic"}
        )
        assert found.pathway[0] == "NMDA_adaptation" and found.unreached == ()

    def test_lint_and_stats(self, seed):
        """Check that the seed lints clean and its stats count its claims."""
        assert seed.lint() == []
        assert seed.stats().claims == 16


class TestModel:
    def test_from_text(self):
        """Check that the facade answers, explains and finds pathways."""
        model = Model.from_text(SMALL, "small.mg")
        assert model.ask("d", "e", where={"duration": "chronic"}).holds
        assert not model.ask("d", "e", where={"duration": "acute"}).holds
        assert model.pathways("drugs", "e").pathway == ("p", "drugs")
        assert model.diagnostics == ()

    def test_errors_raise_and_warnings_are_kept(self):
        """Check that compile errors raise and warnings stay on the model."""
        with pytest.raises(CompileError, match="unknown source"):
            Model.from_text("entity a, b\na -> b @nowhere\n")
        with pytest.raises(ParseError):
            Model.from_text("a => b\n")
        model = Model.from_text("entity a\na -> b\n")
        assert [d.code for d in model.diagnostics] == ["undeclared-name"]

    def test_parse_where(self):
        """Check that malformed or repeated context pairs are QueryErrors."""
        assert parse_where(["a=b", "c = d"]) == {"a": "b", "c": "d"}
        for bad in (["a"], ["=b"], ["a=b", "a=c"]):
            with pytest.raises(QueryError):
                parse_where(bad)


@pytest.fixture
def rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "small.mg").write_text(SMALL)
    return folder


class TestLoadAndCli:
    def test_load(self, rules):
        """Check that load reads a folder of rule files."""
        assert load(rules).ask("d", "e").holds

    def test_a_loaded_model_is_changed_as_one_made_from_its_files(self, rules, tmp_path):
        """Check that with_rules and without work on a loaded model (which keeps no parsed
        files), from the compiled cache too, as on the model of the same files."""
        from mechgraph.compiler.cache import Cache
        from mechgraph.language.loader import load_paths

        store = Cache(tmp_path / "cache")
        made = Model.from_files(load_paths([rules])[0])
        extra = "phenotype f\ne -> f @s1"
        for loaded in (load(rules), load(rules, cache=store), load(rules, cache=store)):
            assert loaded.files == () and loaded.rule_files() == made.files
            assert loaded.with_rules(extra).graph.claims == made.with_rules(extra).graph.claims
            assert loaded.without("p -> e").graph.claims == made.without("p -> e").graph.claims

    def test_ask_yes_and_no(self, rules, capsys):
        """Check that ask prints the witness on a yes and why-not on a no, exit 0 both."""
        assert main(["ask", "d", "e", "--where", "duration=chronic", "--rules", str(rules)]) == 0
        assert capsys.readouterr().out.startswith("yes  d ─isa→ drugs ─(+)→ p ─(+)→ e")
        assert main(["ask", "d", "e", "--where", "duration=acute", "--rules", str(rules)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("no   d reaches e under duration=acute")
        assert "no-change claim: drugs -0 p [duration=acute]" in out

    def test_json(self, rules, capsys):
        """Check that --json prints the answer and, on a no, the why-not."""
        main(["ask", "d", "e", "--where", "duration=acute", "--json", "--rules", str(rules)])
        data = json.loads(capsys.readouterr().out)
        assert (
            data["answer"]["verdict"] == "no" and data["why_not"]["blocked"][0]["key"] == "duration"
        )
        for verb in (["why-not", "d", "e"], ["pathways", "drugs", "e"], ["stats"]):
            assert main(verb + ["--json", "--rules", str(rules)]) == 0
            assert json.loads(capsys.readouterr().out)

    def test_usage_and_rule_errors(self, rules, capsys, tmp_path):
        """Check exit 2 for an unknown name (with did-you-mean) and 1 for broken rules."""
        assert main(["ask", "dd", "e", "--rules", str(rules)]) == 2
        assert "did you mean 'd'" in capsys.readouterr().err
        assert main(["ask", "d", "e", "--where", "duration", "--rules", str(rules)]) == 2
        broken = tmp_path / "broken.mg"
        broken.write_text("entity a, b\na -> b @nowhere\n")
        assert main(["stats", "--rules", str(broken)]) == 1
        assert "unknown source" in capsys.readouterr().err

    def test_seed_copy_from_the_command_line(self, tmp_path, capsys):
        """Check the DESIGN example on a copy of the seed's rules."""
        shutil.copy(SEED, tmp_path / "skolnick1996.mg")
        code = main(
            [
                "ask",
                "imipramine",
                "NMDA_adaptation",
                "--where",
                "duration=acute",
                "--rules",
                str(tmp_path),
            ]
        )
        assert code == 0
        out = capsys.readouterr().out
        assert out.startswith("no   imipramine reaches NMDA_adaptation under duration=acute")
        assert "needs duration=chronic, asked duration=acute" in out
        assert "no-change claim: antidepressant -0 NMDA_adaptation" in out


def test_numbered_claims_are_the_claims_init_makes():
    """Check that Claim.numbered fills every field (the span too) and stays frozen."""
    import dataclasses

    import pytest

    from mechgraph.graph.mechanism import Claim
    from mechgraph.language.syntax import Relation, Span, Status

    rows = [
        (
            "a",
            Relation.DECREASES,
            "b",
            (("duration", "chronic"),),
            ("pmid:1", "src"),
            Status.HYPOTHESIS,
            Span("r.mg", 3, 1),
            (("predicate", "affects"),),
        ),
        ("b", Relation.ASSOCIATION, "c", (), (), Status.OBSERVED, Span("r.mg", 4, 2), ()),
    ]
    made = Claim.numbered(rows, start=7)
    expected = [Claim(7 + i, *row) for i, row in enumerate(rows)]
    fields = [f.name for f in dataclasses.fields(Claim)]
    assert [[getattr(c, f) for f in fields] for c in made] == [
        [getattr(c, f) for f in fields] for c in expected
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].subject = "z"


def _public_facade():
    import inspect

    import mechgraph.model as facade

    yield facade.load
    yield facade.parse_where
    for name, member in inspect.getmembers(facade.Model):
        if not name.startswith("_") and callable(member):
            yield member


@pytest.mark.parametrize("function", list(_public_facade()), ids=lambda f: f.__qualname__)
def test_facade_functions_have_numpydoc_sections(function):
    """Check that every public function of the facade documents its parameters, result,
    errors and an example, in numpydoc sections."""
    import inspect

    doc = inspect.getdoc(function) or ""
    takes = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
    wanted = ["Returns", "Examples"] + ["Parameters"] * bool(takes)
    missing = [s for s in wanted if f"{s}\n{'-' * len(s)}" not in doc]
    assert not missing, f"{function.__qualname__} lacks {missing}"
