"""``consistent``: no claim in scope denies a route or a ``-0`` claim the hypothesis relies on.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Consistent, Relation
>>> from mechgraph.query.hypotheses.scope import Scope
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> _ = g.add_claim("a", Relation.NO_CHANGE, "b")
>>> check_consistent(g, Consistent(), Scope.of(g, "h", ())).outcome
<Outcome.FAILS: 'fails'>
"""

from __future__ import annotations

from dataclasses import replace

from mechgraph.graph.admission import merge
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import (
    Consistent,
    Sign,
)
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses.contradictions import SIGNED, contradictions, denied_no_change
from mechgraph.query.hypotheses.decide import decide, plural
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.results.answers import Path, hop_of_claim
from mechgraph.results.verdicts import (
    Contradiction,
    Counterexample,
    Problem,
    StatementResult,
)

__all__ = ["check_consistent"]


def check_consistent(
    graph: MechanismGraph,
    statement: Consistent,
    scope: Scope,
    earlier=(),
    budget: int = DEFAULT_BUDGET,
) -> StatementResult:
    """``consistent``: no claim in scope denies a route or claim the hypothesis relies on.

    The hypothesis relies on the witnesses of its other statements and the
    ``-0`` claims behind its ``no`` statements; a block with no other
    statement relies on every claim in scope.
    """
    up = graph.index.value_up
    relied = [(w.path, r.where) for r in earlier for w in r.witnesses]
    no_change = [hop for r in earlier for hop in (r.explanation.no_change if r.explanation else ())]
    if not earlier:
        kept = [claim for claim in graph.claims if claim.id not in scope.left_out]
        relied = [(_single(graph, claim.id), ()) for claim in kept if claim.sign in SIGNED]
        no_change = [hop_of_claim(graph, claim) for claim in kept if claim.sign is Sign.NO_CHANGE]
    found: dict[tuple, Contradiction] = {}
    for path, where in relied:
        within = replace(scope, where=merge(scope.where, where, values=up) or scope.where)
        for c in contradictions(graph, within, path):
            found.setdefault(c.key, c)
    for hop in no_change:
        for c in denied_no_change(graph, scope, hop):
            found.setdefault(c.key, c)
    failures = [
        Counterexample(Problem.CONTRADICTION, c.route[0].subject, contradictions=(c,))
        for _, c in sorted(found.items())
    ]
    checked = len(
        {hop.claim_id for path, _ in relied for hop in path.hops if not hop.is_isa}
        | {hop.claim_id for hop in no_change}
    )
    reason = (
        f"{plural(len(failures), 'contradiction')} among the links relied on"
        if failures
        else f"no contradiction among the {checked} links relied on"
    )
    return decide(statement, failures, None, reason)


def _single(graph: MechanismGraph, claim_id: int) -> Path:
    claim = graph.claims[claim_id]
    return Path((hop_of_claim(graph, claim),), claim.sign, claim.context)
