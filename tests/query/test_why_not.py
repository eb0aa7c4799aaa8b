"""Tests of mechgraph.query.why_not.why_not on the hand-made seed rules."""

from __future__ import annotations

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.query.why_not import why_not
from mechgraph.results.answers import BlockReason, Sign, Verdict

from factories import seed_rules, walk_rules


@pytest.fixture(scope="module")
def seed():
    graph, _ = compile_rules([seed_rules()])
    return graph


def test_context_clash_and_no_change_claim(seed):
    """Check that an acute question names the chronic-only link and the no-change claim."""
    found = why_not(seed, "imipramine", "NMDA_adaptation", where={"duration": "acute"})
    assert found.verdict is Verdict.NO
    assert found.last_reached == ("antidepressant",)
    assert found.first_reaching == ("NMDA_adaptation",)
    [blocked] = found.blocked
    assert blocked.reason is BlockReason.CONTEXT
    assert (blocked.clash.key, blocked.clash.link_value, blocked.clash.query_value) == (
        "duration",
        "chronic",
        "acute",
    )
    assert str(blocked.hop.location) == "seed.mg:14:1"
    [no_change] = found.no_change
    assert no_change.describe() == "antidepressant -0 NMDA_adaptation [duration=acute]"
    text = found.format()
    assert "needs duration=chronic, asked duration=acute" in text
    assert (
        "no-change claim: antidepressant -0 NMDA_adaptation [duration=acute] (seed.mg:15:1)" in text
    )


def test_hypothesis_excluded(seed):
    """Check that observed-only questions name the hypothesised link they left out."""
    found = why_not(seed, "ECS", "antidepressant_effect", hypotheses="exclude")
    [blocked] = found.blocked
    assert blocked.reason is BlockReason.HYPOTHESIS and blocked.clash is None
    assert blocked.hop.subject == "NMDA_adaptation"


def test_wrong_sign(seed):
    """Check that a route with the other sign is shown."""
    found = why_not(seed, "NMDA_antagonist", "NMDA_function", sign="+")
    assert found.wrong_sign is not None and found.wrong_sign.sign is Sign.NEGATIVE
    assert "with the other sign: NMDA_antagonist ─(-)→ NMDA_function" in found.format()


def test_bypassing_via(seed):
    """Check that a route that does not pass via is shown."""
    found = why_not(seed, "ECS", "antidepressant_effect", via="NMDA_function")
    assert found.without_via.nodes[-2:] == ("NMDA_adaptation", "antidepressant_effect")


def test_unknown_names_are_reported(seed):
    """Check that unknown names come back with close names, not as an exception."""
    found = why_not(seed, "imipramin", "NMDA_adaptaton")
    assert [(u.role, u.suggestions[0]) for u in found.unknown] == [
        ("source", "imipramine"),
        ("target", "NMDA_adaptation"),
    ]
    assert "did you mean 'imipramine'?" in found.format()
    assert found.to_dict()["unknown"][0]["name"] == "imipramin"


def test_yes_is_said(seed):
    """Check that a question that holds is answered with its witness."""
    found = why_not(seed, "ECS", "NMDA_adaptation")
    assert found.verdict is Verdict.YES and found.note.startswith("it does: ECS ─isa→")


def test_route_with_wrong_sign_only():
    """Check that when the target is reached with the other sign, no cut is reported."""
    graph, _ = compile_rules([walk_rules()])
    found = why_not(graph, "s", "t", sign="-")
    assert found.verdict is Verdict.NO
    assert found.last_reached == () and found.first_reaching == ()
    assert found.wrong_sign.nodes == ("s", "x", "t")
    assert "repeats an entity" in found.note
