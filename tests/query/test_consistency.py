"""Sign consistency against brute force: every labelling of small random signed graphs."""

from __future__ import annotations

import pytest
from consistency_oracle import instances, measure, minimal_cores, predictions
from hypothesis import given, settings

from mechgraph.query.consistency.cores import cores
from mechgraph.query.consistency.encoding import Constraints
from mechgraph.query.consistency.measures import optimum
from mechgraph.query.consistency.measures import predictions as solver_predictions
from mechgraph.query.consistency.solver import Budget


@pytest.mark.parametrize("kind", ["mcos", "scenfit"])
@pytest.mark.parametrize("founded,propagation", [(True, True), (False, True), (True, False)])
@given(instance=instances())
@settings(max_examples=40)
def test_measure_solutions_and_predictions_agree_with_brute_force(
    kind, founded, propagation, instance
):
    """Check that the optimum, every optimal repair (or flip) set and the predictions agree."""
    net, exp = instance
    best, optimal = measure(net, exp, kind, founded, propagation)
    constraints = Constraints(founded, propagation)
    found = optimum(net, exp, kind, Budget(30), constraints, max_solutions=10**6)
    assert found.value == best
    if best is not None and not exp.is_empty:
        assert set(found.solutions) == {change for _, change in optimal}
    expected = predictions(net, exp, optimal) if best is not None else {}
    got = solver_predictions(net, exp, kind, found.value, Budget(30), constraints)
    assert got == expected


@given(instance=instances(max_nodes=5))
@settings(max_examples=60)
def test_every_minimal_inconsistent_core_agrees_with_brute_force(instance):
    """Check that the cores are exactly the minimal inconsistent sets of observations."""
    net, exp = instance
    found = cores(net, exp, Budget(30))
    assert found.complete
    assert set(found.cores) == minimal_cores(net, exp)


@given(instance=instances(max_nodes=5))
@settings(max_examples=60)
def test_consistent_exactly_when_measures_are_zero(instance):
    """Check that mcos and scenfit are 0 on the same instances, those without a core."""
    net, exp = instance
    mcos = optimum(net, exp, "mcos", Budget(30)).value
    scenfit = optimum(net, exp, "scenfit", Budget(30)).value
    assert (mcos == 0) == (scenfit == 0) == (not minimal_cores(net, exp))
