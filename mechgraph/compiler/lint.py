"""Warnings about rules that compile but look wrong: ``lint``.

- contradictions: opposite signs, or a signed claim and a ``-0`` claim, on
  the same subject/object pair under contexts that admit each other — also
  when one of them is stated for a class the subject belongs to (inherited
  through ``isa``);
- feedback pairs: ``A -> B`` with ``B -| A`` (regulatory) or with ``B -> A``
  (chaotic), under compatible contexts;
- claims whose own context contradicts itself (usable under no context);
- orphan entities: declared, but in no claim and no ``isa``.

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b", context={"dose": "high"})
>>> _ = g.add_claim("a", Relation.DECREASES, "b")
>>> [d.code for d in lint(g)]
['contradiction']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from mechgraph.compiler.compile import diagnostic_at
from mechgraph.errors import Diagnostic, Severity, sort_diagnostics
from mechgraph.graph.admission import format_context, merge
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Relation, Sign

__all__ = ["lint"]

_SIGNED = (Sign.POSITIVE, Sign.NEGATIVE)
#: The sign pairs that contradict each other (in either order).
_CLASHING = tuple(
    pair
    for a, b in (
        (Sign.POSITIVE, Sign.NEGATIVE),
        (Sign.POSITIVE, Sign.NO_CHANGE),
        (Sign.NEGATIVE, Sign.NO_CHANGE),
    )
    for pair in ((a, b), (b, a))
)
_FEEDBACK = (Relation.INCREASES, Relation.DECREASES)
#: Pairs of links of clashing signs the lint compares at most.
MAX_COMPARED = 1_000_000


def _text(claim: Claim) -> str:
    context = f" [{format_context(claim.context)}]" if claim.context else ""
    return f"`{claim.subject} {claim.relation.value} {claim.object}{context}`"


def _warn(graph: MechanismGraph, code: str, message: str, claim: Claim, hint: str) -> Diagnostic:
    return diagnostic_at(graph, Severity.WARNING, code, message, claim.span, hint)


def _by_pair(graph: MechanismGraph) -> dict[tuple[str, str], list[Claim]]:
    pairs: dict[tuple[str, str], list[Claim]] = {}
    for claim in graph.claims:
        pairs.setdefault((claim.subject, claim.object), []).append(claim)
    return pairs


class _Budget:
    """How many pairs of claims the lint may still compare: bounded work on any input
    (8,000 parallel links make 32 million pairs; only pairs whose signs clash are counted)."""

    def __init__(self, pairs: int) -> None:
        self.left = pairs
        self.stopped_at: Claim | None = None

    def take(self, pairs: Iterable[tuple[Claim, Claim]]) -> Iterator[tuple[Claim, Claim]]:
        for pair in pairs:
            if self.left <= 0:
                self.stopped_at = self.stopped_at or pair[0]
                return
            self.left -= 1
            yield pair


def _clashing(claims: Sequence[Claim], others: Sequence[Claim] | None = None):
    """The pairs ``(a, b)`` whose signs clash: of ``claims`` among themselves (``a`` before
    ``b``, as ``combinations`` gives them) or of ``claims`` with ``others``.  Claims are
    grouped by sign first, so claims of one sign are never paired."""
    mine = _by_sign(claims)
    theirs = mine if others is None else _by_sign(others)
    found = [
        (i, j)
        for first, second in _CLASHING
        for i in mine.get(first, ())
        for j in theirs.get(second, ())
        if others is not None or i < j
    ]
    pool = claims if others is None else others
    return ((claims[i], pool[j]) for i, j in sorted(found))


def _by_sign(claims: Sequence[Claim]) -> dict[Sign, list[int]]:
    groups: dict[Sign, list[int]] = {}
    for position, claim in enumerate(claims):
        groups.setdefault(claim.sign, []).append(position)
    return groups


def _contradictions(graph: MechanismGraph, pairs, budget: _Budget) -> Iterator[Diagnostic]:
    up, ancestors = graph.index.value_up, graph.index.ancestors
    for (subject, obj), claims in sorted(pairs.items()):
        compared = [_clashing(claims)]
        for parent in sorted(ancestors.get(subject, ())):
            compared.append(_clashing(claims, pairs.get((parent, obj), ())))
        for a, b in budget.take(pair for group in compared for pair in group):
            if merge(a.context, b.context, values=up) is not None:
                inherited = (
                    "" if a.subject == b.subject else f", inherited by {subject} through isa"
                )
                yield _warn(
                    graph,
                    "contradiction",
                    f"{_text(a)} contradicts {_text(b)} ({b.span}{inherited})",
                    a,
                    "give them contexts that exclude each other (e.g. duration=acute vs chronic),"
                    " or drop one",
                )


def _feedback(graph: MechanismGraph, pairs, budget: _Budget) -> Iterator[Diagnostic]:
    up = graph.index.value_up
    for (subject, obj), claims in sorted(pairs.items()):
        increases = [a for a in claims if a.relation is Relation.INCREASES]
        back = [b for b in pairs.get((obj, subject), ()) if b.relation in _FEEDBACK]
        for a, b in budget.take((a, b) for a in increases for b in back):
            if merge(a.context, b.context, values=up) is None:
                continue
            if b.relation is Relation.DECREASES:
                kind = "regulatory"
            elif b.relation is Relation.INCREASES and subject < obj:
                kind = "chaotic"
            else:
                continue
            yield _warn(
                graph,
                f"{kind}-pair",
                f"{kind} pair: {_text(a)} and {_text(b)} ({b.span}) feed back on each other",
                a,
                "a feedback loop is fine when intended; check the contexts and signs",
            )


def _self_contradicting(graph: MechanismGraph) -> Iterator[Diagnostic]:
    up = graph.index.value_up
    for claim in graph.claims:
        if merge(claim.context, values=up) is None:
            yield _warn(
                graph,
                "unusable-link",
                f"{_text(claim)} holds under no context",
                claim,
                "its context states one key with values that exclude each other",
            )


def _orphans(graph: MechanismGraph, unparsed: Collection[str]) -> Iterator[Diagnostic]:
    for entity in graph.entities():
        name = entity.name
        if name in unparsed:  # its links may be on the lines that did not parse
            continue
        if not graph.links.degree(name) and not graph.hierarchy.degree(name):
            yield diagnostic_at(
                graph,
                Severity.WARNING,
                "orphan",
                f"`{name}` is in no link and no isa",
                entity.span,
                f"link `{name}` to something, or remove its declaration",
            )


def lint(graph: MechanismGraph, unparsed: Collection[str] = ()) -> list[Diagnostic]:
    """Warnings about contradictions, feedback pairs, unusable links and orphans.

    ``unparsed``: names written on lines that did not parse
    (:attr:`~mechgraph.language.syntax.RuleFile.unparsed_names`), never called orphans.

    Returns
    -------
    list of Diagnostic
        Warnings, located at the claim (or declaration) concerned, sorted by location.
    """
    pairs, budget = _by_pair(graph), _Budget(MAX_COMPARED)
    found = [
        *_contradictions(graph, pairs, budget),
        *_feedback(graph, pairs, budget),
        *_self_contradicting(graph),
        *_orphans(graph, unparsed),
    ]
    if budget.stopped_at is not None:
        found.append(
            _warn(
                graph,
                "lint-budget",
                f"the lint stopped after comparing {MAX_COMPARED:,} pairs of links of clashing"
                " signs; contradictions and feedback pairs beyond them are not reported",
                budget.stopped_at,
                "split the rules, or give parallel links contexts that keep them apart",
            )
        )
    return sort_diagnostics(found)
