"""Why a question is not answered yes: ``why_not``.

It reports unknown names (with close ones), how far the routes from the
source get and where the routes into the target begin, the claims on a
possible route that the question's context (or ``hypotheses="exclude"``)
left out — with the clashing key — the no-change claims that hold under the
question's context, and a route that exists with the other sign or that
bypasses ``via``.

>>> from mechgraph.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("drug", Relation.INCREASES, "effect", context={"duration": "chronic"})
>>> _ = g.add_claim("drug", Relation.NO_CHANGE, "effect", context={"duration": "acute"})
>>> print(why_not(g, "drug", "effect", where={"duration": "acute"}).format())
no   drug reaches effect under duration=acute
     reached from drug, nearest to effect: drug
     reaching effect, nearest to drug: effect
     blocked: drug -> effect [duration=chronic] (<nowhere>:0:0) needs duration=chronic, asked duration=acute
     no-change claim: drug -0 effect [duration=acute] (<nowhere>:0:0) holds here
"""

from __future__ import annotations

from dataclasses import replace

from .answers import (
    Blocked,
    BlockReason,
    Hop,
    Hypotheses,
    Path,
    Question,
    Verdict,
    WhyNot,
    hop_of_claim,
)
from .context import clash
from .graph import ISA, MechanismGraph
from .paths import Search, SignLike, Where, answer, make_question, reach, unknown_name
from .syntax import Relation

__all__ = ["why_not"]

_MAX_LISTED = 10
_MAX_NEAREST = 5


def _nearest(found: dict[int, int], distance: dict[int, int], names) -> tuple[str, ...]:
    """The nodes of ``found`` with the least ``distance`` (ties by name)."""
    ranked = sorted((distance[n], names[n]) for n in found if n in distance)
    best = [name for d, name in ranked if d == ranked[0][0]] if ranked else []
    return tuple(best[:_MAX_NEAREST])


def _first_path(graph: MechanismGraph, question: Question) -> Path | None:
    found = answer(Search.of(graph, question), max_paths=1)
    return found.paths[0] if found.paths else None


def _blocked(search: Search, forward: dict[int, int], to_target: dict[int, int]) -> list[Blocked]:
    """Claims leaving what the source reaches toward what could reach the target."""
    graph, index = search.graph, search.index
    query = dict(search.question.where)
    excluding = search.question.hypotheses is Hypotheses.EXCLUDE
    out = []
    for node in sorted(forward):
        for nxt, claim_id, _ in index.out[node]:
            if claim_id == ISA or search.admitted[claim_id] or nxt in forward or nxt not in to_target:
                continue
            claim = graph.claims[claim_id]
            found = clash(query, claim.context, index.value_up)
            reason = BlockReason.CONTEXT if found else BlockReason.HYPOTHESIS
            if reason is BlockReason.HYPOTHESIS and not excluding:
                continue
            out.append(Blocked(hop_of_claim(graph, claim), reason, found))
    return out[:_MAX_LISTED]


def _no_change(search: Search, forward: dict[int, int], to_target: dict[int, int]) -> list[Hop]:
    """``-0`` claims the question admits, from what the source reaches toward the target."""
    graph, names, ids = search.graph, search.index.names, search.index.ids
    out = []
    for node in sorted(forward):
        for _, obj, claim_id in sorted(graph.links.out_edges(names[node], keys=True)):
            claim = graph.claims[claim_id]
            if claim.relation is Relation.NO_CHANGE and search.admitted[claim_id]:
                if ids[obj] in to_target:
                    out.append(hop_of_claim(graph, claim))
    return out[:_MAX_LISTED]


def why_not(
    graph: MechanismGraph,
    source: str,
    target: str,
    via: str | None = None,
    where: Where = None,
    sign: SignLike = None,
    hypotheses: Hypotheses | str = "include",
) -> WhyNot:
    """Explain why :func:`mechgraph.paths.ask` does not say yes (arguments as for ``ask``).

    Unknown names are reported in the result (with close names), not raised.
    "Nearest" is measured over every claim, whatever its context or status:
    ``last_reached`` are the entities the source reaches under the question
    that lie fewest hops from the target; ``first_reaching`` the entities
    reaching the target that lie fewest hops from the source.

    Returns
    -------
    WhyNot
        With the verdict ``ask`` gives; when it is yes, only a note with the witness.
    """
    question = make_question(source, target, via, where, sign, hypotheses)
    roles = (("source", source), ("target", target), ("via", via))
    unknown = tuple(u for role, name in roles if name for u in [unknown_name(graph, role, name)] if u)
    if unknown:
        return WhyNot(question, Verdict.NO, unknown=unknown)
    search = Search.of(graph, question)
    result = answer(search, max_paths=1)
    if result.holds:
        return WhyNot(question, Verdict.YES, note=f"it does: {result.paths[0].chain()}")
    index = search.index
    forward = reach(index.out, search.starts, search.usable)
    backward = reach(index.into, [search.target], search.usable)
    to_target = reach(index.into, [search.target], lambda claim: True)
    from_source = reach(index.out, search.starts, lambda claim: True)
    wrong_sign = without_via = None
    if question.sign is not None:
        wrong_sign = _first_path(graph, replace(question, sign=None))
    if question.via is not None:
        without_via = _first_path(graph, replace(question, via=None))
    return WhyNot(
        question,
        result.verdict,
        last_reached=_nearest(forward, to_target, index.names),
        first_reaching=_nearest(backward, from_source, index.names),
        blocked=tuple(_blocked(search, forward, to_target)),
        no_change=tuple(_no_change(search, forward, to_target)),
        wrong_sign=wrong_sign,
        without_via=without_via,
        note=result.note,
    )
