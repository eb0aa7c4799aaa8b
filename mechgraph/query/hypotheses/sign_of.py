"""``sign of C to T is +|-``: every member's every route has that net sign.

A route of the other sign exists exactly when the target is reachable in the
other sign's product state, so each sign is one traversal.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Ref, Relation, Sign, SignOf
>>> from mechgraph.query.hypotheses.scope import Scope
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.DECREASES, "b")
>>> check_sign_of(g, SignOf(Ref("a"), Ref("b"), Sign.NEGATIVE), Scope.of(g, "h", ())).outcome
<Outcome.HOLDS: 'holds'>
"""

from __future__ import annotations

from dataclasses import replace

from mechgraph.graph.index import SIGN_CODE
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import (
    Sign,
    SignOf,
)
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses.decide import (
    decide,
    plural,
    statement_result,
    under,
    walk_only,
    with_reach,
)
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.query.member_routes import Reach, members_of, routes
from mechgraph.results.verdicts import (
    Counterexample,
    Outcome,
    Problem,
    StatementResult,
    Witness,
)

__all__ = ["check_sign_of"]


def check_sign_of(
    graph: MechanismGraph, statement: SignOf, scope: Scope, earlier=(), budget: int = DEFAULT_BUDGET
) -> StatementResult:
    """``sign of C to T is +|-``: every member's every route has that net sign.

    A route of the other sign exists exactly when the target is reachable in
    the other sign's product state, so each sign is one traversal.
    """
    cls, target, want = statement.members.name, statement.target.name, statement.sign
    members = [m for m in members_of(graph, cls) if m != target]
    search = scope.search(graph, cls, target)
    other = Sign.NEGATIVE if want is Sign.POSITIVE else Sign.POSITIVE
    by_sign = {
        sign: routes(replace(search, signs=frozenset({SIGN_CODE[sign]})), members, budget)
        for sign in (want, other, Sign.UNSIGNED)
    }
    failures = [
        Counterexample(Problem.OTHER_SIGN, r.member, r.path)
        for r in with_reach(by_sign[other], Reach.ROUTE)
    ]
    unsigned = with_reach(by_sign[Sign.UNSIGNED], Reach.ROUTE)
    reaching = with_reach(by_sign[want], Reach.ROUTE)
    if not (failures or unsigned or reaching or walk_only(*by_sign.values())):
        failures = [
            Counterexample(Problem.NO_ROUTE, None, why_not=scope.why_not(graph, cls, target))
        ]
        reason = f"no member of {cls} reaches {target} {under(scope)}: no route to take a sign of"
        return decide(statement, failures, None, reason)
    reason = (
        f"{plural(len(failures), 'member')} reaching {target} with sign {other.value} {under(scope)}"
        if failures
        else f"every route of the {len(reaching)} members that reach {target} has sign {want.value} {under(scope)}"
    )
    unsure = walk_only(*by_sign.values())
    if unsigned and not failures:
        examples = tuple(Counterexample(Problem.UNSIGNED, r.member, r.path) for r in unsigned)
        return statement_result(
            statement,
            Outcome.UNDECIDED,
            f"a route of unknown sign (an association) reaches {target} {under(scope)}",
            counterexamples=examples,
        )
    witnessed = tuple(Witness(r.member, r.witness) for r in reaching)
    return decide(statement, failures, unsure, reason, witnesses=witnessed)
