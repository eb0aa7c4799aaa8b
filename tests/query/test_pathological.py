"""Regression tests of issue 18's pathological graphs, at sizes that run in seconds.

The full sizes (a 1M-hop chain, a 5k chain for ``predict``, an ``isa`` chain of
depth 5k) are rows of ``python -m benchmarks.pathological``, with time and
memory ceilings.
"""

from __future__ import annotations

import tracemalloc

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.compiler.lint import lint
from mechgraph.errors import QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import Relation, Sign
from mechgraph.model import Model
from mechgraph.query.ask import ask
from mechgraph.query.budget import MAX_CANDIDATES
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


def test_isa_climbing_memoised():
    """Check an ``isa`` chain of depth 3,000 compiles, lints and answers with no closure
    materialised (12.5 million pairs at depth 5,000 took 1.8 GB): the climb is exact
    and the memory a question needs stays far below the closure's."""
    depth = 3_000
    text = "".join(f"c{i} isa c{i + 1}\n" for i in range(depth)) + f"c{depth} -| x\n"
    tracemalloc.start()
    try:
        graph, diagnostics = compile_rules([parse_text(text, "isa.mg")])
        warnings = list(lint(graph))
        answer = ask(graph, "c0", "x")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not [d for d in diagnostics + warnings if d.is_error]
    assert answer.verdict is Verdict.YES and answer.paths[0].sign is Sign.NEGATIVE
    assert len(answer.paths[0].hops) == depth + 1
    assert peak < 100 * 2**20  # the closure alone: 4.5 million entries, over 300 MB
    assert graph.index.ancestors["c0"] == {f"c{i}" for i in range(1, depth + 1)}
    assert graph.index.members["c2"] == {"c0", "c1"} and "c0" not in graph.index.members


def test_predict_candidates_capped():
    """Check predict on a 400-link chain judges only the nearest candidates and says how
    many it left out (a 5,000-link chain ran 300 s and 1.6 GB), nearest first, and that a
    larger cap shows more."""
    hops = 400
    text = "".join(f"n{i} -> n{i + 1}\n" for i in range(hops))
    text += f"hypothesis h:\n    every n0 reaches n{hops} through n{hops // 2}\n"
    model = Model.from_text(text)
    found = model.predict("h")
    assert [c.entity for c in found.candidates] == [f"n{199 - i}" for i in range(MAX_CANDIDATES)]
    assert found.left_out == hops // 2 - 1 - MAX_CANDIDATES  # n1 .. n199 (n0 is the class)
    assert f"{found.left_out} more entities" in found.format().splitlines()[-1]
    assert found.to_dict()["left_out"] == found.left_out
    wider = model.predict("h", max_candidates=1_000)
    assert len(wider.candidates) == hops // 2 - 1 and wider.left_out == 0 and wider.note is None
    with pytest.raises(QueryError, match="at least 1"):
        model.predict("h", max_candidates=0)
