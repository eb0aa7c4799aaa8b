"""Regression tests of issue 18's pathological graphs, at sizes that run in seconds.

The full sizes (a 1M-hop chain, a 5k chain for ``predict``, an ``isa`` chain of
depth 5k) are rows of ``python -m benchmarks.pathological``, with time and
memory ceilings.
"""

from __future__ import annotations

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation
from mechgraph.query.ask import ask
from mechgraph.results.answers import Verdict


def chain(hops: int, back: int | None = None) -> MechanismGraph:
    """``n0 -> n1 -> ... -> n{hops}``, with a link ``n{back+1} -> n{back}`` when asked."""
    graph = MechanismGraph()
    for i in range(hops):
        graph.add_claim(f"n{i}", Relation.INCREASES, f"n{i + 1}")
    if back is not None:
        graph.add_claim(f"n{back + 1}", Relation.INCREASES, f"n{back}")
    return graph


def test_dag_chains_answered_exactly():
    """Check a 20,000-hop chain is a yes with its one witness, even with a budget of 1: on
    a DAG the witness search spends no budget (a 1M-hop chain answered `walk only`)."""
    hops = 20_000
    answer = ask(chain(hops), "n0", f"n{hops}", budget=1, max_paths=2)
    assert answer.verdict is Verdict.YES and len(answer.paths) == 1
    [path] = answer.paths
    assert len(path.hops) == hops and path.hops[-1].object == f"n{hops}"


def test_dag_chains_budget_counts_only_cycles():
    """Check that a cycle on the route is where the budget is spent: two entities on it,
    so a budget of 1 is walk only and a budget of 3 finds the witness."""
    graph = chain(5_000, back=2_500)
    assert ask(graph, "n0", "n5000", budget=1).verdict is Verdict.WALK_ONLY
    answer = ask(graph, "n0", "n5000", budget=3)
    assert answer.verdict is Verdict.YES and len(answer.paths[0].hops) == 5_000
