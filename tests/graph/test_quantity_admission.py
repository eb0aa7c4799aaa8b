"""Quantity contexts: interval admission against a brute-force oracle, units, named values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mechgraph.graph.admission import admits, clash, merge
from mechgraph.graph.context_values import ContextValues
from mechgraph.graph.quantities import parse_condition, unit_scale
from mechgraph.language.parser import parse_text
from mechgraph.model import Model

from oracles import GRID, allowed, time_conditions


def values() -> ContextValues:
    return ContextValues(
        dimensions={"period": "[time]"},
        definitions={"duration": {"chronic": ("period", ">=14d"), "acute": ("period", "<=1d")}},
    )


@given(time_conditions(), time_conditions())
def test_admission_is_interval_overlap(asked, stated):
    """Check that a question admits a link exactly when some time satisfies both."""
    oracle = any(allowed(asked, t) and allowed(stated, t) for t in GRID)
    assert admits({"period": asked}, [("period", stated)], values()) == oracle
    assert (clash({"period": asked}, [("period", stated)], values()) is None) == oracle


@given(st.lists(time_conditions(), min_size=1, max_size=3))
def test_merge_is_intersection(stated):
    """Check that a path's context is the intersection of its links' conditions."""
    merged = merge(*([("period", c)] for c in stated), values=values())
    inside = [t for t in GRID if all(allowed(c, t) for c in stated)]
    if not inside:
        assert merged is None
    else:
        ((key, text),) = merged
        assert key == "period"
        assert [t for t in GRID if allowed(text, t)] == inside


@given(time_conditions())
def test_named_values_are_their_conditions(asked):
    """Check that duration=chronic admits exactly what period>=14d admits."""
    v = values()
    named = admits({"period": asked}, [("duration", "chronic")], v)
    assert named == admits({"period": asked}, [("period", ">=14d")], v)


def test_units_agree_with_the_table():
    """Check pint's factors against the oracle's table."""
    for unit, seconds in {"h": 3600, "d": 86400, "wk": 604800}.items():
        assert unit_scale(unit) == (float(seconds), "[time]")
    assert parse_condition("5 .. 20 mg/kg") is not None


RULES = """
context period: time
context duration chronic = period>=14d, acute = period<=1d
drug imipramine
process adaptation, effect
imipramine -> adaptation [duration=chronic] @pmid:1
imipramine -0 adaptation [duration=acute] @pmid:1
adaptation -> effect [period=PERIOD] @pmid:1
"""


@given(st.sampled_from(["3d", "14d", "21d", "<=1d", ">=14d", "1..2wk", "12h", "336h"]))
def test_two_weeks_is_fourteen_days(asked):
    """Check that 2wk, 14d and 336h give identical answers to every question."""
    seen = []
    for period in ("2wk", "14d", "336h"):
        model = Model.from_files((parse_text(RULES.replace("PERIOD", period), "q.mg"),))
        for where in ({"period": asked}, {"duration": "chronic", "period": asked}):
            answer = model.ask("imipramine", "effect", where=where)
            seen.append((str(where), answer.verdict, [p.nodes for p in answer.paths]))
    by_where = {}
    for where, verdict, paths in seen:
        by_where.setdefault(where, set()).add((verdict, str(paths)))
    assert all(len(answers) == 1 for answers in by_where.values())
