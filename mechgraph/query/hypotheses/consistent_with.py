"""``consistent with EXPERIMENT, ...``: the mechanism explains every observation of each experiment.

Each experiment is judged by :func:`mechgraph.query.consistency.experiment.analyse`
on the links its own context admits (hypothesised links included: the
data are independent evidence, so a hypothesis may rely on its own links
here); an inconsistent experiment is a counterexample carrying its minimal
inconsistent cores and repairs, an undecided one (time limit) makes the
statement undecided.

>>> from mechgraph.model import Model
>>> model = Model.from_text('''
... process a, b
... a -| b [duration=chronic]
... experiment chronic [duration=chronic]:
...     input a
...     a, b = +
... hypothesis h:
...     consistent with chronic
... ''')
>>> (result,) = model.check("h")
>>> result.statements[0].outcome, result.statements[0].counterexamples[0].member
(<Outcome.FAILS: 'fails'>, 'chronic')
"""

from __future__ import annotations

from collections.abc import Sequence

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import ConsistentWith
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.consistency.experiment import analyse
from mechgraph.query.hypotheses.decide import decide, plural
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.results.verdicts import Counterexample, Problem, StatementResult

__all__ = ["check_consistent_with"]


def check_consistent_with(
    graph: MechanismGraph,
    statement: ConsistentWith,
    scope: Scope,
    earlier: Sequence[StatementResult] = (),
    budget: int = DEFAULT_BUDGET,
) -> StatementResult:
    """Holds when every named experiment is consistent with the links its context admits."""
    results = [analyse(graph, ref.name, with_predictions=False) for ref in statement.experiments]
    failures = [
        Counterexample(Problem.INCONSISTENT, r.name, experiment=r)
        for r in results
        if r.consistent is False
    ]
    unsure = "; ".join(f"{r.name}: {r.verdict}" for r in results if r.consistent is None)
    observed = sum(len(core.observations) for r in results for core in r.cores)
    reason = (
        f"{plural(len(failures), 'experiment')} the links cannot explain "
        f"({plural(observed, 'observation')} in minimal inconsistent cores)"
        if failures
        else f"the links explain every observation of {plural(len(results), 'experiment')}"
    )
    return decide(statement, failures, unsure or None, reason)
