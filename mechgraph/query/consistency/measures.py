"""The inconsistency measures (mcos, scenfit), their optimal repairs, and predictions.

A network and an experiment are *consistent* when the measure is 0.  The
optimal solutions are projected on what they change: the repairs (node,
sign) for ``mcos``, the observations labelled otherwise (observation number,
label) for ``scenfit``.  A prediction is the sign an entity takes in every
optimal solution (``+ - 0``), or the pair of signs it keeps to
(``notPlus``, ``notMinus``, ``CHANGE``).

>>> from mechgraph.graph.signed import ExperimentData, SignedNetwork
>>> net = SignedNetwork.of([("a", "b", 1), ("b", "c", -1)])
>>> exp = ExperimentData.of(inputs=["a"], observed=[("a", "+"), ("c", "+")])
>>> found = optimum(net, exp, "mcos", Budget(10))
>>> found.value, sorted(map(sorted, found.solutions))
(1, [[('b', -1)], [('c', 1)]])
>>> predictions(net, exp, "mcos", found.value, Budget(10))
{'a': '+', 'b': 'CHANGE', 'c': '+'}
"""

from __future__ import annotations

from dataclasses import dataclass

from mechgraph.graph.signed import ExperimentData, SignedNetwork
from mechgraph.query.consistency.encoding import DEFAULT, Constraints, facts, program
from mechgraph.query.consistency.solver import Budget, control, solve

__all__ = ["Optimum", "optimum", "predictions", "MAX_SOLUTIONS", "PREDICTED"]

#: Optimal solutions listed per experiment (a note says when there are more).
MAX_SOLUTIONS = 10
#: Label atoms to the prediction they make, strongest first.
PREDICTED = (("1", "+"), ("-1", "-"), ("0", "0"), ("np", "notPlus"), ("nm", "notMinus"))
_PROJECTION = {
    "mcos": "#show rep/2.",
    "scenfit": "fl(I,S) :- cost(I,_), obs(I,V,_), lab(V,S).\n#show fl/2.",
}
_BOUND = {
    "mcos": ":- #count {{ V : rep(V,_) }} > {k}.",
    "scenfit": ":- #sum {{ C,I : cost(I,C) }} > {k}.",
}


@dataclass(frozen=True)
class Optimum:
    """The measure (``None``: no labelling at all) and up to ``MAX_SOLUTIONS`` optimal
    solutions, each a frozenset of (node, sign) repairs or (observation, label) flips."""

    value: int | None
    solutions: tuple[frozenset, ...] = ()
    more: bool = False


def _text(network, experiment, measure, constraints, extra=""):
    names, fact_text = facts(network, experiment)
    rules = program(measure, constraints)
    return names, "\n".join((fact_text, rules, extra))


def optimum(
    network: SignedNetwork,
    experiment: ExperimentData,
    measure: str,
    budget: Budget,
    constraints: Constraints = DEFAULT,
    max_solutions: int = MAX_SOLUTIONS,
) -> Optimum:
    """The optimal value of ``measure`` (``mcos`` or ``scenfit``) and its solutions.

    Raises
    ------
    Undecided
        When the solver does not finish within ``budget``.
    """
    if experiment.is_empty or _consistent(network, experiment, budget, constraints):
        return Optimum(0, (frozenset(),))  # no repair, no observation read otherwise
    names, text = _text(network, experiment, measure, constraints, _PROJECTION[measure])
    # Core-guided optimisation finds the few repairs of mcos about 3x faster (benchmarks).
    strategy = ["--opt-strategy=usc"] if measure == "mcos" else []
    ctl = control(budget, text, ["--opt-mode=optN", "--project", "0", *strategy])
    found: list[frozenset] = []
    best: list[int] = []

    def on_model(model) -> bool:
        if model.cost and not model.optimality_proven:  # no cost: nothing to minimise
            return True
        best[:] = [model.cost[0] if model.cost else 0]
        if len(found) == max_solutions:
            return False  # one more exists
        found.append(frozenset(_solution(names, s) for s in model.symbols(shown=True)))
        return True

    solved = solve(ctl, budget, on_model=on_model, step=f"{measure} optimum")
    if not solved.satisfiable:
        return Optimum(None)
    more = len(found) == max_solutions and not solved.exhausted
    return Optimum(best[0], tuple(found), more)


def _consistent(network, experiment, budget: Budget, constraints: Constraints) -> bool:
    """Whether a labelling meets every observation with no repair (both measures 0)."""
    _, text = _text(network, experiment, "consistent", constraints)
    return solve(control(budget, text, ["1"]), budget, step="consistency").satisfiable


def _solution(names: list[str], symbol) -> tuple:
    first, second = (a.number for a in symbol.arguments)
    return (names[first], second) if symbol.name == "rep" else (first, second)


def predictions(
    network: SignedNetwork,
    experiment: ExperimentData,
    measure: str,
    value: int | None,
    budget: Budget,
    constraints: Constraints = DEFAULT,
) -> dict[str, str]:
    """Per species (AND nodes excluded), what every optimal solution agrees on.

    Raises
    ------
    Undecided
        When the solver does not finish within ``budget``.
    """
    if value is None or experiment.is_empty:
        return {}
    if value == 0:  # the solutions are the labellings that need no repair
        measure, bound = "consistent", "#show pred/2."
    else:
        bound = _BOUND[measure].format(k=value) + "\n#show pred/2."
    names, text = _text(network, experiment, measure, constraints, bound)
    ctl = control(budget, text, ["--opt-mode=ignore", "--enum-mode=cautious", "0"])
    last: list = []

    def on_model(model) -> None:
        last[:] = model.symbols(shown=True)

    solve(ctl, budget, on_model=on_model, step="predictions")
    held: dict[str, set[str]] = {}
    for symbol in last:
        node, label = symbol.arguments
        held.setdefault(names[node.number], set()).add(str(label))
    out = {}
    for node in sorted(held):
        labels = held[node]
        out[node] = next((p for atom, p in PREDICTED if atom in labels), "CHANGE")
    return out
