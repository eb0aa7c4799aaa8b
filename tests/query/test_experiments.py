"""Experiments confronted with the links their context admits: the seed's, and perturbed ones."""

from __future__ import annotations

import json

import pytest

from mechgraph.cli import main
from mechgraph.model import Model, load

from conftest import RULES

TWO_CONTEXTS = """
process a, b
a -> b [duration=chronic] @pmid:1
experiment {name} [duration={duration}]:
    input a
    a = +
    b = 0
"""


@pytest.mark.parametrize("duration,consistent", [("acute", True), ("chronic", False)])
def test_the_same_observations_are_judged_under_their_own_context(duration, consistent):
    """Check that context admission decides: b unchanged fits acute, clashes with chronic."""
    model = Model.from_text(TWO_CONTEXTS.format(name="e", duration=duration))
    (result,) = model.observe()
    assert result.consistent is consistent
    if not consistent:
        (core,) = [c for c in result.cores if len(c.observations) == 2]
        assert [(o.node, o.value) for o in core.observations] == [("a", "+"), ("b", "0")]
        assert [h.describe() for h in core.links] == ["a -> b [duration=chronic]"]
        assert str(core.links[0].evidence[0]) == "pmid:1"


def test_the_seed_experiments_are_consistent_with_the_seed_rules():
    """Check every shipped experiment: chronic changes, acute and non-cortical ones do not."""
    results = {r.name: r for r in load(RULES).observe()}
    assert set(results) >= {
        "chronic_antidepressants",
        "acute_antidepressants",
        "imipramine_outside_cortex",
        "chronic_nmda_antagonists",
        "suicide_victims",
    }
    assert all(r.consistent for r in results.values())
    chronic = dict(results["chronic_antidepressants"].predictions)
    assert chronic["NMDA_function"] == "-" and chronic["antidepressant_effect"] == "+"
    assert dict(results["acute_antidepressants"].predictions)["antidepressant_effect"] == "0"


def test_a_perturbed_mechanism_gives_a_core_naming_the_link_and_the_observation():
    """Check that NMDA_adaptation -| antidepressant_effect clashes with an observed effect."""
    model = (
        load(RULES)
        .without("NMDA_adaptation -> antidepressant_effect")
        .without("NMDA_function -| antidepressant_effect")
        .with_rules(
            "NMDA_adaptation -| antidepressant_effect @skolnick1996 status=hypothesis\n"
            "experiment effect [duration=chronic, species=mouse, region=cerebral_cortex]"
            " @skolnick1996:\n"
            "    input antidepressant\n"
            "    antidepressant, antidepressant_effect = +\n"
        )
    )
    (result,) = model.observe("effect")
    assert result.consistent is False
    observed = {(o.node, o.value) for core in result.cores for o in core.observations}
    assert ("antidepressant_effect", "+") in observed
    links = {h.located() for core in result.cores for h in core.links}
    assert "NMDA_adaptation -| antidepressant_effect (<extra>:1:1)" in links
    assert result.mcos == 1 and result.scenfit == 2


def test_observe_cli_exit_codes_json_and_render(tmp_path, capsys):
    """Check exit 1 on an inconsistent experiment, the JSON document and the drawing."""
    rules = tmp_path / "e.mg"
    rules.write_text(
        TWO_CONTEXTS.format(name="acute", duration="acute")
        + TWO_CONTEXTS.format(name="chronic", duration="chronic").split("\n", 3)[3]
    )
    assert main(["observe", str(rules), "--json", "--render", str(tmp_path / "c.dot")]) == 1
    document = json.loads(capsys.readouterr().out)
    verdicts = {e["experiment"]: e["consistent"] for e in document["experiments"]}
    assert verdicts == {"acute": True, "chronic": False}
    chronic = document["experiments"][1]
    assert chronic["mcos"] == 1 and chronic["cores"][0]["links"][0]["location"].endswith(":3:1")
    assert "penwidth" in (tmp_path / "c.dot").read_text()
    assert main(["observe", str(rules), "--experiment", "acute"]) == 0
    assert "consistent" in capsys.readouterr().out
    assert main(["observe", str(rules), "--experiment", "acut"]) == 2
    assert "did you mean `acute`" in capsys.readouterr().err


def test_a_time_limit_gives_undecided_not_a_hang():
    """Check that a budget already spent gives an undecided verdict that says so."""
    model = Model.from_text(TWO_CONTEXTS.format(name="e", duration="chronic"))
    (result,) = model.observe(time_limit=0.0)
    assert result.consistent is None and result.verdict == "undecided within 0 s (grounding)"
