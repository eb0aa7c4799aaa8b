"""What every statement check shares: the check's signature, wording, and the verdict rule.

A statement fails when it has counterexamples, is undecided when a search was
unsure (a walk only, within the budget), and holds otherwise.

>>> from mechgraph.language.syntax import Consistent
>>> decide(Consistent(), (), None, "nothing to deny").outcome
<Outcome.HOLDS: 'holds'>
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mechgraph.graph.admission import format_context
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.formatter import format_statement
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.query.member_routes import Reach, Route
from mechgraph.results.verdicts import (
    Counterexample,
    Outcome,
    Problem,
    StatementResult,
)

__all__ = [
    "Check",
    "MAX_EXPLAINED",
    "decide",
    "no_route",
    "plural",
    "statement_result",
    "under",
    "walk_only",
    "with_reach",
]


#: Members per statement that get a full why-not explanation (each costs a few traversals).
MAX_EXPLAINED = 3


class Check(Protocol):
    """A statement's check: the graph, the statement, its scope, the results judged before it."""

    def __call__(
        self,
        graph: MechanismGraph,
        statement,
        scope: Scope,
        earlier: Sequence[StatementResult] = (),
        budget: int = DEFAULT_BUDGET,
    ) -> StatementResult: ...


def plural(n: int, noun: str) -> str:
    """``1 route``, ``2 routes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def under(scope: Scope) -> str:
    return f"under {format_context(scope.where)}"


def no_route(
    scope: Scope, graph: MechanismGraph, missing: Sequence[str], target: str
) -> list[Counterexample]:
    return [
        Counterexample(
            Problem.NO_ROUTE,
            name,
            why_not=scope.why_not(graph, name, target) if n < MAX_EXPLAINED else None,
        )
        for n, name in enumerate(missing)
    ]


def with_reach(found: dict[str, Route], reach: Reach) -> list[Route]:
    return [route for route in found.values() if route.reach is reach]


def walk_only(*found: dict[str, Route]) -> str | None:
    names = sorted({r.member for f in found for r in with_reach(f, Reach.WALK)})
    if not names:
        return None
    return f"reachable by a walk only (no simple route found within the search budget): {', '.join(names)}"


def statement_result(statement, outcome: Outcome, reason: str, **fields) -> StatementResult:
    return StatementResult(
        format_statement(statement), outcome, reason, location=statement.span, **fields
    )


def decide(
    statement, failures: Sequence[Counterexample], unsure: str | None, reason: str, **holds
) -> StatementResult:
    """Fails with counterexamples, else undecided when unsure, else holds."""
    if failures:
        return statement_result(statement, Outcome.FAILS, reason, counterexamples=tuple(failures))
    if unsure:
        return statement_result(statement, Outcome.UNDECIDED, unsure)
    return statement_result(statement, Outcome.HOLDS, reason, **holds)
