"""``every|some|no C reaches T [through X]``: a witness per member, or a counterexample.

Every member's route comes from one backward traversal over (entity, sign)
product states; ``through X`` repeats it with X taken out: a member that
still reaches T has a route bypassing X.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Quantifier, Reaches, Ref, Relation
>>> from mechgraph.query.hypotheses.scope import Scope
>>> g = MechanismGraph()
>>> g.add_isa("imipramine", "antidepressant")
>>> _ = g.add_claim("antidepressant", Relation.INCREASES, "NMDA_adaptation")
>>> _ = g.add_claim("NMDA_adaptation", Relation.INCREASES, "effect")
>>> statement = Reaches(Quantifier.EVERY, Ref("antidepressant"), Ref("effect"),
...                     Ref("NMDA_adaptation"))
>>> print(check_reaches(g, statement, Scope.of(g, "h", ())).format())
✓ every antidepressant reaches effect through NMDA_adaptation
    1 of 1 member reaches effect under any context; no route bypasses NMDA_adaptation
    imipramine: imipramine ─isa→ antidepressant ─(+)→ NMDA_adaptation ─(+)→ effect
"""

from __future__ import annotations

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.stats import reported_members
from mechgraph.language.syntax import (
    Quantifier,
    Reaches,
)
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.hypotheses.contradictions import contradictions
from mechgraph.query.hypotheses.decide import (
    decide,
    no_route,
    plural,
    under,
    walk_only,
    with_reach,
)
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.query.member_routes import Reach, Route, avoiding, members_of, routes
from mechgraph.results.verdicts import (
    Counterexample,
    Problem,
    StatementResult,
    Witness,
)

__all__ = ["check_reaches"]


def check_reaches(
    graph: MechanismGraph,
    statement: Reaches,
    scope: Scope,
    earlier=(),
    budget: int = DEFAULT_BUDGET,
) -> StatementResult:
    """``every|some|no C reaches T [through X]``: a witness per member or a counterexample."""
    cls, target = statement.members.name, statement.target.name
    through = statement.through.name if statement.through else None
    members = [m for m in members_of(graph, cls) if m != target]
    if statement.quantifier is Quantifier.NO:
        return _check_no(graph, statement, scope, members, through, budget)
    search = scope.search(graph, cls, target)
    found = routes(search, members, budget)
    bypass: dict[str, Route] = {}
    if through is not None:
        tried = [m for m in members if m != through and found[m].reach is not Reach.NONE]
        bypass = routes(avoiding(search, through), tried, budget)
    bypassing = [
        Counterexample(Problem.BYPASS, r.member, r.path) for r in with_reach(bypass, Reach.ROUTE)
    ]
    reaching = with_reach(found, Reach.ROUTE)
    avoid = f"; no route bypasses {through}" if through else ""
    if statement.quantifier is Quantifier.EVERY:
        missing = [r.member for r in with_reach(found, Reach.NONE)]
        failures = no_route(scope, graph, missing, target) + bypassing
        problems = [
            f"{plural(len(missing), 'member')} of {len(members)} with no route to {target}"
        ] * bool(missing)
        problems += [f"{plural(len(bypassing), 'route')} bypassing {through}"] * bool(bypassing)
        reported = reported_members(graph, cls)
        if failures:
            reason = "; ".join(problems) + f" {under(scope)}"
        elif reported is not None:
            reason = (
                f"{len(members)} of {reported} reported members named; all {len(members)} "
                f"reach {target} {under(scope)}{avoid}"
            )
        else:
            reason = (
                f"{len(members)} of {plural(len(members), 'member')} reach{'es' * (len(members) == 1)}"
                f" {target} {under(scope)}{avoid}"
            )
        witnessed = tuple(Witness(r.member, r.witness) for r in reaching)
        return decide(statement, failures, walk_only(found, bypass), reason, witnesses=witnessed)
    good = sorted(
        (r for r in reaching if r.member not in bypass or bypass[r.member].reach is Reach.NONE),
        key=lambda r: (len(r.witness.hops), r.member),
    )
    if good:
        reason = f"{good[0].member} reaches {target} {under(scope)}" + (
            f"; none of its routes bypasses {through}" if through else ""
        )
        return decide(
            statement, (), None, reason, witnesses=(Witness(good[0].member, good[0].witness),)
        )
    failures = bypassing or [
        Counterexample(Problem.NO_ROUTE, None, why_not=scope.why_not(graph, cls, target))
    ]
    reason = (
        f"every member that reaches {target} bypasses {through}"
        if bypassing
        else f"no member of {cls} reaches {target} {under(scope)}"
    )
    return decide(statement, failures, walk_only(found, bypass), reason)


def _check_no(graph, statement: Reaches, scope: Scope, members, through, budget) -> StatementResult:
    cls, target = statement.members.name, statement.target.name
    found = routes(scope.search(graph, cls, target, via=through), members, budget)
    failures = [
        Counterexample(
            Problem.REACHES,
            r.member,
            r.path,
            contradictions=tuple(contradictions(graph, scope, r.witness)),
        )
        for r in with_reach(found, Reach.ROUTE)
    ]
    via = f" through {through}" if through else ""
    reason = (
        f"{plural(len(failures), 'member')} of {len(members)} reaching {target}{via} {under(scope)}"
        if failures
        else f"none of {len(members)} members reaches {target}{via} {under(scope)}"
    )
    explanation = None if failures else scope.why_not(graph, cls, target, via=through)
    return decide(statement, failures, walk_only(found), reason, explanation=explanation)
