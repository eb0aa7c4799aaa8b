"""Judge whole hypothesis blocks: each statement by its registered check, in registry order.

>>> from mechgraph.compiler.compile import compile_rules
>>> from mechgraph.language.parser import parse_text
>>> rules = "a -> b\\nhypothesis h:\\n    some a reaches b\\n"
>>> judge(compile_rules([parse_text(rules)])[0], "h").outcome
<Outcome.HOLDS: 'holds'>
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import (
    Comment,
    Hypothesis,
)
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses.decide import statement_result
from mechgraph.query.hypotheses.registry import CHECKS, rank_of
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.query.question import where_note
from mechgraph.results.answers import hop_of_claim
from mechgraph.results.verdicts import (
    HypothesisResult,
    Outcome,
    StatementResult,
)

__all__ = ["find_hypothesis", "judge", "judge_all"]


# -- the checks -------------------------------------------------------------------------------


def find_hypothesis(graph: MechanismGraph, name: str) -> Hypothesis:
    """The hypothesis block called ``name``; :class:`QueryError` with close names otherwise."""
    if name in graph.hypotheses:
        return graph.hypotheses[name]
    close = difflib.get_close_matches(name, sorted(graph.hypotheses), n=3)
    hint = (
        f"did you mean {' or '.join(close)}?"
        if close
        else (
            "known: " + ", ".join(sorted(graph.hypotheses))
            if graph.hypotheses
            else "the rules state no hypothesis"
        )
    )
    raise QueryError(Diagnostic.error(f"unknown hypothesis {name!r}", file="<question>", hint=hint))


def _judge_statement(graph, hypothesis: Hypothesis, statement, earlier, budget):
    try:
        scope = Scope.of(graph, hypothesis.name.name, getattr(statement, "context", ()))
        check = CHECKS[rank_of(statement)].check
        result = check(graph, statement, scope, tuple(earlier), budget)
        note = where_note(graph, scope.where)  # a context no rule states: probably a typo
        reason = "; ".join(filter(None, (result.reason, note and f"note: {note}")))
        return scope, replace(result, where=scope.where, reason=reason)
    except QueryError as error:
        message = "; ".join(
            d.message + (f" ({d.hint})" if d.hint else "") for d in error.diagnostics
        )
        return None, statement_result(statement, Outcome.UNDECIDED, message)


def judge(graph: MechanismGraph, name: str, budget: int = DEFAULT_BUDGET) -> HypothesisResult:
    """Judge every statement of hypothesis ``name``; the claims used and left out.

    Statements are judged in the order of the check registry
    (:data:`~mechgraph.query.hypotheses.registry.CHECKS`: ``consistent``
    last, since it looks at the claims the others rely on); results keep the
    written order.

    >>> from mechgraph.compiler.compile import compile_rules
    >>> from mechgraph.language.parser import parse_text
    >>> rules = "a -> b\\nb -> c status=hypothesis\\nhypothesis h:\\n    some a reaches c\\n"
    >>> result = judge(compile_rules([parse_text(rules)])[0], "h")
    >>> result.outcome, [hop.describe() for hop in result.left_out]
    (<Outcome.FAILS: 'fails'>, ['b -> c'])

    Raises
    ------
    QueryError
        When no hypothesis is called ``name`` (with close names as a hint).
    """
    hypothesis = find_hypothesis(graph, name)
    left_out: set[int] = set()
    written = [s for s in hypothesis.statements if not isinstance(s, Comment)]
    judged: dict[int, StatementResult] = {}
    rank = [rank_of(statement) for statement in written]
    for position in sorted(range(len(written)), key=rank.__getitem__):
        others = [judged[i] for i in sorted(judged) if rank[i] < rank[position]]
        scope, judged[position] = _judge_statement(
            graph, hypothesis, written[position], others, budget
        )
        left_out |= scope.left_out if scope else set()
    results = [judged[i] for i in range(len(written))]
    used = {h.claim_id: h for r in results for h in r.relies_on() if h.claim_id is not None}
    return HypothesisResult(
        name,
        tuple(results),
        tuple(used[i] for i in sorted(used)),
        tuple(hop_of_claim(graph, graph.claims[i]) for i in sorted(left_out)),
        hypothesis.span,
    )


def judge_all(
    graph: MechanismGraph, names: Sequence[str] | None = None, budget: int = DEFAULT_BUDGET
) -> tuple[HypothesisResult, ...]:
    """Judge the hypotheses called ``names`` (default: all, by name)."""
    return tuple(judge(graph, name, budget) for name in (names or sorted(graph.hypotheses)))
