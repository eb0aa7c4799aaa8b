"""Hypotheses as checks: judge each statement of a ``hypothesis`` block on the graph.

One check function per statement form, looked up in :data:`CHECKS` by the
statement's type.  Every check answers from one backward traversal per
question over (entity, sign) product states (a virtual goal at the target,
so all members are served at once) and then reads a shortest simple witness
for each member off the exact distances.  ``... through X`` repeats the
traversal with X removed: any member that still reaches the target has a
route bypassing X.

No circular support: a statement is judged without the claims marked
``status=hypothesis`` and those whose only evidence is the hypothesis's own
name, unless its context asks for them with ``hypotheses=include``.

>>> from mechgraph.language.syntax import Quantifier, Reaches, Ref, Relation
>>> g = MechanismGraph()
>>> g.add_isa("imipramine", "antidepressant")
>>> _ = g.add_claim("antidepressant", Relation.INCREASES, "NMDA_adaptation")
>>> _ = g.add_claim("NMDA_adaptation", Relation.INCREASES, "effect")
>>> statement = Reaches(Quantifier.EVERY, Ref("antidepressant"), Ref("effect"),
...                     Ref("NMDA_adaptation"))
>>> result = check_reaches(g, statement, Scope.of(g, "h", ()))
>>> print(result.format())
✓ every antidepressant reaches effect through NMDA_adaptation
    1 of 1 member reaches effect under any context; no route bypasses NMDA_adaptation
    imipramine: imipramine ─isa→ antidepressant ─(+)→ NMDA_adaptation ─(+)→ effect
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import Context, format_context, merge
from mechgraph.graph.index import SIGN_CODE
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.formatter import format_statement
from mechgraph.language.syntax import (
    Comment,
    Consistent,
    Hypothesis,
    Qualifier,
    Quantifier,
    Reaches,
    Sign,
    SignOf,
)
from mechgraph.query.member_routes import Reach, Route, avoiding, members_of, routes
from mechgraph.query.question import make_question, where_note
from mechgraph.query.search import DEFAULT_BUDGET, Search
from mechgraph.query.why_not import why_not
from mechgraph.results.answers import Hop, Hypotheses, Path, hop_of_claim
from mechgraph.results.verdicts import (
    Contradiction,
    Counterexample,
    HypothesisResult,
    Outcome,
    Problem,
    StatementResult,
    Witness,
)

__all__ = [
    "HYPOTHESES_KEY",
    "Scope",
    "Check",
    "CHECKS",
    "contradictions",
    "check_reaches",
    "check_sign_of",
    "check_consistent",
    "judge",
    "judge_all",
    "find_hypothesis",
]

#: The statement context key that asks for hypothesised claims: ``[hypotheses=include]``.
HYPOTHESES_KEY = "hypotheses"
#: Members per statement that get a full why-not explanation (each costs a few traversals).
MAX_EXPLAINED = 3
_SIGNED = (Sign.POSITIVE, Sign.NEGATIVE)


@dataclass(frozen=True)
class Scope:
    """The claims one statement is judged on: its context and what is left out."""

    name: str
    where: Context
    hypotheses: Hypotheses
    left_out: frozenset[int]
    own: tuple[int, ...] = ()  # of those, the claims citing only the hypothesis itself

    @classmethod
    def of(cls, graph: MechanismGraph, name: str, qualifiers: Iterable[Qualifier]) -> Scope:
        """The scope of a statement of hypothesis ``name`` with context ``qualifiers``."""
        pairs, mode = [], Hypotheses.EXCLUDE
        for qualifier in qualifiers:
            if qualifier.key != HYPOTHESES_KEY:
                pairs.append((qualifier.key, qualifier.value))
            elif qualifier.value in ("include", "exclude"):
                mode = Hypotheses(qualifier.value)
            else:
                raise QueryError(
                    Diagnostic.error(
                        f"unknown value {HYPOTHESES_KEY}={qualifier.value}",
                        file=qualifier.span.file,
                        line=qualifier.span.line,
                        col=qualifier.span.col,
                        hint=f"use {HYPOTHESES_KEY}=include to count hypothesised links",
                    )
                )
        left_out: frozenset[int] = frozenset()
        own: tuple[int, ...] = ()
        if mode is Hypotheses.EXCLUDE:  # hypothesised claims and those citing only `name`
            own = tuple(
                claim.id
                for claim in graph.claims
                if name in claim.evidence and all(cited == name for cited in claim.evidence)
            )
            left_out = frozenset(np.flatnonzero(graph.index.hypothetical).tolist()).union(own)
        return cls(name, tuple(sorted(pairs)), mode, left_out, own)

    def search(
        self, graph: MechanismGraph, source: str, target: str, via: str | None = None
    ) -> Search:
        """The engine's search for ``source ⇝ target`` over the claims in scope."""
        question = make_question(source, target, via, dict(self.where), None, self.hypotheses)
        return Search.of(graph, question, self.own)  # the mode leaves out hypothesised ones

    def why_not(self, graph: MechanismGraph, source: str, target: str, via: str | None = None):
        """The engine's why-not for ``source ⇝ target`` under this scope."""
        return why_not(
            graph, source, target, via, dict(self.where), None, self.hypotheses, self.own
        )


def _denies(claim_sign: Sign, route_sign: Sign) -> bool:
    return claim_sign is Sign.NO_CHANGE or (claim_sign in _SIGNED and claim_sign is not route_sign)


def contradictions(graph: MechanismGraph, scope: Scope, path: Path) -> list[Contradiction]:
    """Claims in ``scope`` that deny a stretch of ``path`` under a compatible context.

    A stretch from entity A to B of net sign + or - is denied by a ``-0``
    claim or one of the other sign from A — or from a class A belongs to —
    to B, when its context and the stretch's (and the scope's) can hold
    together.
    """
    up, ancestors, nodes = graph.index.value_up, graph.index.ancestors, path.nodes
    own = {hop.claim_id for hop in path.hops}
    found: dict[tuple, Contradiction] = {}
    for i in range(len(path.hops)):
        sign, context = Sign.POSITIVE, scope.where
        for j in range(i, len(path.hops)):
            sign = sign * path.hops[j].sign
            context = merge(context, path.hops[j].context, values=up)
            if context is None:  # the stretch cannot hold under the scope
                break
            stretch = tuple(h for h in path.hops[i : j + 1] if not h.is_isa)
            if sign not in _SIGNED or not stretch:
                continue
            subject = nodes[i]
            for holder in (subject, *sorted(ancestors.get(subject, ()))):
                for claim_id in sorted(graph.links.get_edge_data(holder, nodes[j + 1]) or {}):
                    claim = graph.claims[claim_id]
                    if (
                        claim_id in own
                        or claim_id in scope.left_out
                        or not _denies(claim.sign, sign)
                        or merge(context, claim.context, values=up) is None
                    ):
                        continue
                    inherited = (subject, holder) if holder != subject else None
                    c = Contradiction(hop_of_claim(graph, claim), stretch, sign, inherited)
                    found.setdefault(c.key, c)
    return [found[key] for key in sorted(found)]


# -- the checks -------------------------------------------------------------------------------


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


def _count(n: int, noun: str) -> str:
    """``1 route``, ``2 routes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _under(scope: Scope) -> str:
    return f"under {format_context(scope.where)}"


def _no_route(
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


def _with(found: dict[str, Route], reach: Reach) -> list[Route]:
    return [route for route in found.values() if route.reach is reach]


def _walk_only(*found: dict[str, Route]) -> str | None:
    names = sorted({r.member for f in found for r in _with(f, Reach.WALK)})
    if not names:
        return None
    return f"reachable by a walk only (no simple route found within the search budget): {', '.join(names)}"


def _result(statement, outcome: Outcome, reason: str, **fields) -> StatementResult:
    return StatementResult(
        format_statement(statement), outcome, reason, location=statement.span, **fields
    )


def _decide(
    statement, failures: Sequence[Counterexample], unsure: str | None, reason: str, **holds
) -> StatementResult:
    """Fails with counterexamples, else undecided when unsure, else holds."""
    if failures:
        return _result(statement, Outcome.FAILS, reason, counterexamples=tuple(failures))
    if unsure:
        return _result(statement, Outcome.UNDECIDED, unsure)
    return _result(statement, Outcome.HOLDS, reason, **holds)


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
        Counterexample(Problem.BYPASS, r.member, r.path) for r in _with(bypass, Reach.ROUTE)
    ]
    reaching = _with(found, Reach.ROUTE)
    avoid = f"; no route bypasses {through}" if through else ""
    if statement.quantifier is Quantifier.EVERY:
        missing = [r.member for r in _with(found, Reach.NONE)]
        failures = _no_route(scope, graph, missing, target) + bypassing
        problems = [
            f"{_count(len(missing), 'member')} of {len(members)} with no route to {target}"
        ] * bool(missing)
        problems += [f"{_count(len(bypassing), 'route')} bypassing {through}"] * bool(bypassing)
        reason = (
            "; ".join(problems) + f" {_under(scope)}"
            if failures
            else (
                f"{len(members)} of {_count(len(members), 'member')} reach{'es' * (len(members) == 1)}"
                f" {target} {_under(scope)}{avoid}"
            )
        )
        witnessed = tuple(Witness(r.member, r.path) for r in reaching)
        return _decide(statement, failures, _walk_only(found, bypass), reason, witnesses=witnessed)
    good = sorted(
        (r for r in reaching if r.member not in bypass or bypass[r.member].reach is Reach.NONE),
        key=lambda r: (len(r.path.hops), r.member),
    )
    if good:
        reason = f"{good[0].member} reaches {target} {_under(scope)}" + (
            f"; none of its routes bypasses {through}" if through else ""
        )
        return _decide(
            statement, (), None, reason, witnesses=(Witness(good[0].member, good[0].path),)
        )
    failures = bypassing or [
        Counterexample(Problem.NO_ROUTE, None, why_not=scope.why_not(graph, cls, target))
    ]
    reason = (
        f"every member that reaches {target} bypasses {through}"
        if bypassing
        else f"no member of {cls} reaches {target} {_under(scope)}"
    )
    return _decide(statement, failures, _walk_only(found, bypass), reason)


def _check_no(graph, statement: Reaches, scope: Scope, members, through, budget) -> StatementResult:
    cls, target = statement.members.name, statement.target.name
    found = routes(scope.search(graph, cls, target, via=through), members, budget)
    failures = [
        Counterexample(
            Problem.REACHES,
            r.member,
            r.path,
            contradictions=tuple(contradictions(graph, scope, r.path)),
        )
        for r in _with(found, Reach.ROUTE)
    ]
    via = f" through {through}" if through else ""
    reason = (
        f"{_count(len(failures), 'member')} of {len(members)} reaching {target}{via} {_under(scope)}"
        if failures
        else f"none of {len(members)} members reaches {target}{via} {_under(scope)}"
    )
    explanation = None if failures else scope.why_not(graph, cls, target, via=through)
    return _decide(statement, failures, _walk_only(found), reason, explanation=explanation)


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
        for r in _with(by_sign[other], Reach.ROUTE)
    ]
    unsigned = _with(by_sign[Sign.UNSIGNED], Reach.ROUTE)
    reaching = _with(by_sign[want], Reach.ROUTE)
    if not (failures or unsigned or reaching or _walk_only(*by_sign.values())):
        failures = [
            Counterexample(Problem.NO_ROUTE, None, why_not=scope.why_not(graph, cls, target))
        ]
        reason = f"no member of {cls} reaches {target} {_under(scope)}: no route to take a sign of"
        return _decide(statement, failures, None, reason)
    reason = (
        f"{_count(len(failures), 'member')} reaching {target} with sign {other.value} {_under(scope)}"
        if failures
        else f"every route of the {len(reaching)} members that reach {target} has sign {want.value} {_under(scope)}"
    )
    unsure = _walk_only(*by_sign.values())
    if unsigned and not failures:
        examples = tuple(Counterexample(Problem.UNSIGNED, r.member, r.path) for r in unsigned)
        return _result(
            statement,
            Outcome.UNDECIDED,
            f"a route of unknown sign (an association) reaches {target} {_under(scope)}",
            counterexamples=examples,
        )
    witnessed = tuple(Witness(r.member, r.path) for r in reaching)
    return _decide(statement, failures, unsure, reason, witnesses=witnessed)


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
        relied = [(_single(graph, claim.id), ()) for claim in kept if claim.sign in _SIGNED]
        no_change = [hop_of_claim(graph, claim) for claim in kept if claim.sign is Sign.NO_CHANGE]
    found: dict[tuple, Contradiction] = {}
    for path, where in relied:
        within = replace(scope, where=merge(scope.where, where, values=up) or scope.where)
        for c in contradictions(graph, within, path):
            found.setdefault(c.key, c)
    for hop in no_change:
        for c in _denied(graph, scope, hop):
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
        f"{_count(len(failures), 'contradiction')} among the links relied on"
        if failures
        else f"no contradiction among the {checked} links relied on"
    )
    return _decide(statement, failures, None, reason)


def _denied(graph: MechanismGraph, scope: Scope, no_change: Hop) -> list[Contradiction]:
    """Signed claims in scope that a ``-0`` claim denies: on its pair, from its subject,
    a class above it or a member below it, under a compatible context."""
    up, index = graph.index.value_up, graph.index
    subject = no_change.subject
    holders = [(subject, None)]
    holders += [(above, (subject, above)) for above in sorted(index.ancestors.get(subject, ()))]
    holders += [(below, (below, subject)) for below in sorted(index.members.get(subject, ()))]
    found = []
    for holder, inherited in holders:
        for claim_id in sorted(graph.links.get_edge_data(holder, no_change.object) or {}):
            claim = graph.claims[claim_id]
            if (
                claim.sign in _SIGNED
                and claim_id not in scope.left_out
                and merge(scope.where, claim.context, no_change.context, values=up) is not None
            ):
                found.append(
                    Contradiction(no_change, (hop_of_claim(graph, claim),), claim.sign, inherited)
                )
    return found


def _single(graph: MechanismGraph, claim_id: int) -> Path:
    claim = graph.claims[claim_id]
    return Path((hop_of_claim(graph, claim),), claim.sign, claim.context)


#: Statement type → its check (sqlglot's ``RULES``).
CHECKS: dict[type, Check] = {
    Reaches: check_reaches,
    SignOf: check_sign_of,
    Consistent: check_consistent,
}


# -- judging whole hypotheses ---------------------------------------------------------------------


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
        result = CHECKS[type(statement)](graph, statement, scope, tuple(earlier), budget)
        note = where_note(graph, scope.where)  # a context no rule states: probably a typo
        reason = "; ".join(filter(None, (result.reason, note and f"note: {note}")))
        return scope, replace(result, where=scope.where, reason=reason)
    except QueryError as error:
        message = "; ".join(
            d.message + (f" ({d.hint})" if d.hint else "") for d in error.diagnostics
        )
        return None, _result(statement, Outcome.UNDECIDED, message)


def judge(graph: MechanismGraph, name: str, budget: int = DEFAULT_BUDGET) -> HypothesisResult:
    """Judge every statement of hypothesis ``name``; the claims used and left out.

    ``consistent`` statements are judged after the others, since they look
    at the claims the others rely on; results keep the written order.

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
    # `consistent` is judged last: it looks at what the other statements rely on.
    for position in sorted(range(len(written)), key=lambda i: isinstance(written[i], Consistent)):
        others = [judged[i] for i in sorted(judged) if not isinstance(written[i], Consistent)]
        scope, judged[position] = _judge_statement(
            graph, hypothesis, written[position], others, budget
        )
        left_out |= scope.left_out if scope else set()
    results = [judged[i] for i in range(len(written))]
    used = {hop.claim_id: hop for r in results for hop in r.relies_on()}
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
