"""Tests of mechgraph.render.highlights and mechgraph.results.display: results drawn as diagrams."""

from __future__ import annotations

import pytest

from mechgraph import load
from mechgraph.cli import main
from mechgraph.render.diagram import to_dot
from mechgraph.render.highlights import diagram_options

from conftest import RULES
from drawings import svg_items


@pytest.fixture(scope="module")
def model():
    return load(RULES)


def _marked(svg: str, role: str) -> set[str]:
    return {item.title for item in svg_items(svg) if role in item.classes}


class TestAnswer:
    def test_witness_path_is_highlighted(self, model):
        """Check that every hop of the first witness is drawn as a witness edge."""
        answer = model.ask(
            "imipramine", "antidepressant_effect", where={"duration": "chronic"}, max_paths=1
        )
        marked = _marked(answer._repr_svg_(), "witness")
        hops = answer.paths[0].hops
        assert {f"{h.subject}->{h.object}" for h in hops} <= marked
        assert {h.subject for h in hops} <= marked

    def test_no_answer_marks_blocked_and_no_change_claims(self, model):
        """Check that a why-not draws the blocked class link and the -0 claim as counterexamples."""
        why = model.why_not("imipramine", "NMDA_adaptation", where={"duration": "acute"})
        marked = _marked(why._repr_svg_(), "counterexample")
        assert "antidepressant->NMDA_adaptation" in marked

    def test_options_focus_on_the_question(self, model):
        """Check that a yes is drawn between its ends, under the question's context."""
        answer = model.ask("ECS", "NMDA_adaptation", where={"duration": "chronic"})
        options = diagram_options(answer, model.graph)
        assert options["between"] == ("ECS", "NMDA_adaptation")
        assert options["where"] == {"duration": "chronic"}
        assert "acute" not in to_dot(model.graph, **options)


def test_pathway_nodes_are_emphasised(model):
    """Check that the common pathway of the antidepressants is drawn in the pathway role."""
    found = model.pathways("antidepressant", "antidepressant_effect")
    assert "NMDA_adaptation" in _marked(found._repr_svg_(), "pathway")


def test_results_without_a_graph_show_as_text_only(model):
    """Check that a result the engine returns directly has no SVG but a text form."""
    from mechgraph.query.ask import ask

    answer = ask(model.graph, "imipramine", "NMDA_adaptation")
    assert answer._repr_svg_() is None
    assert model._repr_svg_().lstrip().startswith(("<?xml", "<svg", "<!--"))


@pytest.mark.parametrize("verb", [["ask"], ["why-not"], ["pathways"]])
def test_render_option_writes_the_diagram(tmp_path, verb, capsys):
    """Check that --render writes a whole diagram next to the normal answer."""
    out = tmp_path / "answer.svg"
    ends = ["antidepressant", "antidepressant_effect"]
    assert main(verb + ends + ["--rules", str(RULES), "--render", str(out), "--json"]) == 0
    assert out.read_text().rstrip().endswith("</svg>")
    assert capsys.readouterr().out.lstrip().startswith("{")


class TestVerdict:
    def test_holding_hypothesis_marks_pathway_and_witnesses(self, model):
        """Check that the common pathway is emphasised and every member's witness drawn."""
        result = model.check("final_common_pathway")[0]
        svg = result._repr_svg_()
        assert "NMDA_adaptation" in _marked(svg, "pathway")
        assert {"imipramine", "citalopram", "ECS"} <= _marked(svg, "witness")
        assert not _marked(svg, "counterexample")

    def test_bypass_is_drawn_as_counterexample(self, model):
        """Check that the route bypassing NMDA_adaptation is drawn in the counterexample role."""
        bypass = (RULES.parent / "tests/fixtures/hypotheses/extra/bypass.mg").read_text()
        result = model.with_rules(bypass).check("final_common_pathway")[0]
        marked = _marked(result._repr_svg_(), "counterexample")
        counter = next(c for s in result.statements for c in s.counterexamples if c.path)
        assert {f"{h.subject}->{h.object}" for h in counter.path.hops} <= marked


def test_check_render_writes_one_diagram_per_hypothesis(tmp_path, capsys):
    """Check that check --render DIR writes NAME.svg for each judged hypothesis."""
    code = main(["check", str(RULES), "--render", str(tmp_path), "--json"])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "antagonists_mimic_antidepressants.svg",
        "final_common_pathway.svg",
        "final_common_pathway_meets_data.svg",
        "time_course.svg",
    ]
    assert '"diagrams"' in capsys.readouterr().out
