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

from collections.abc import Iterator
from itertools import combinations

from mechgraph.compiler.compile import diagnostic_at
from mechgraph.errors import Diagnostic, Severity, sort_diagnostics
from mechgraph.graph.admission import format_context, merge
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Relation, Sign

__all__ = ["lint"]

_SIGNED = (Sign.POSITIVE, Sign.NEGATIVE)


def _text(claim: Claim) -> str:
    context = f" [{format_context(claim.context)}]" if claim.context else ""
    return f"`{claim.subject} {claim.relation.value} {claim.object}{context}`"


def _clashes(a: Claim, b: Claim) -> bool:
    """Opposite signs, or one signed and one ``-0``."""
    if a.sign in _SIGNED and b.sign in _SIGNED:
        return a.sign is not b.sign
    return Sign.NO_CHANGE in (a.sign, b.sign) and (a.sign in _SIGNED or b.sign in _SIGNED)


def _warn(graph: MechanismGraph, code: str, message: str, claim: Claim, hint: str) -> Diagnostic:
    return diagnostic_at(graph, Severity.WARNING, code, message, claim.span, hint)


def _by_pair(graph: MechanismGraph) -> dict[tuple[str, str], list[Claim]]:
    pairs: dict[tuple[str, str], list[Claim]] = {}
    for claim in graph.claims:
        pairs.setdefault((claim.subject, claim.object), []).append(claim)
    return pairs


def _contradictions(graph: MechanismGraph, pairs) -> Iterator[Diagnostic]:
    up, ancestors = graph.index.value_up, graph.index.ancestors
    for (subject, obj), claims in sorted(pairs.items()):
        compared = list(combinations(claims, 2))
        for parent in sorted(ancestors.get(subject, ())):
            compared += [(a, b) for a in claims for b in pairs.get((parent, obj), ())]
        for a, b in compared:
            if _clashes(a, b) and merge(a.context, b.context, values=up) is not None:
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


def _feedback(graph: MechanismGraph, pairs) -> Iterator[Diagnostic]:
    up = graph.index.value_up
    for (subject, obj), claims in sorted(pairs.items()):
        for a in claims:
            for b in pairs.get((obj, subject), ()):
                if (
                    a.relation is not Relation.INCREASES
                    or merge(a.context, b.context, values=up) is None
                ):
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


def _orphans(graph: MechanismGraph) -> Iterator[Diagnostic]:
    for entity in graph.entities():
        name = entity.name
        if not graph.links.degree(name) and not graph.hierarchy.degree(name):
            yield diagnostic_at(
                graph,
                Severity.WARNING,
                "orphan",
                f"`{name}` is in no link and no isa",
                entity.span,
                f"link `{name}` to something, or remove its declaration",
            )


def lint(graph: MechanismGraph) -> list[Diagnostic]:
    """Warnings about contradictions, feedback pairs, unusable links and orphans.

    Returns
    -------
    list of Diagnostic
        Warnings, located at the claim (or declaration) concerned, sorted by location.
    """
    pairs = _by_pair(graph)
    found = [
        *_contradictions(graph, pairs),
        *_feedback(graph, pairs),
        *_self_contradicting(graph),
        *_orphans(graph),
    ]
    return sort_diagnostics(found)
