"""``why_not``: what a source reaches, what reaches the target, and what blocked the routes.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b", context={"duration": "chronic"})
>>> print(why_not(g, "a", "b", where={"duration": "acute"}).format().splitlines()[0])
no   a reaches b under duration=acute
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from mechgraph.graph.admission import clash
from mechgraph.graph.index import ISA
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.traversal import Traversal
from mechgraph.language.syntax import Relation
from mechgraph.query.coverage import coverage
from mechgraph.query.hops import within_hops
from mechgraph.query.question import (
    SignLike,
    Where,
    make_question,
    noted,
    resolve_names,
    unknown_name,
)
from mechgraph.query.route_clash import context_clash
from mechgraph.query.search import Search, answer
from mechgraph.results.answers import (
    Blocked,
    BlockReason,
    Hop,
    Hypotheses,
    Path,
    Question,
    Verdict,
    hop_of_claim,
)
from mechgraph.results.why_not import Gap, Side, WhyNot

__all__ = ["why_not"]


_MAX_LISTED = 10  # blocked and no-change claims listed by why_not


_MAX_NEAREST = 5


def _hop_counts(walk: Traversal, matrix, starts: Sequence[int]) -> dict[int, int]:
    """Breadth-first hop counts from ``starts`` along ``matrix`` of ``walk``, by node."""
    depth = walk.depth(matrix, starts)
    reached = np.flatnonzero(depth >= 0)
    return dict(zip(reached.tolist(), depth[reached].tolist()))


def _nearest(found: dict[int, int], distance: dict[int, int], names) -> tuple[str, ...]:
    """The nodes of ``found`` with the least ``distance`` (ties by name)."""
    ranked = sorted((distance[n], names[n]) for n in found if n in distance)
    best = [name for d, name in ranked if d == ranked[0][0]] if ranked else []
    return tuple(best[:_MAX_NEAREST])


def _side(found: dict[int, int], names) -> Side | None:
    """A few entities of ``found`` but where the search began (the furthest first);
    ``None`` when it found nothing else."""
    ranked = sorted((n for n in found if found[n]), key=lambda n: (-found[n], names[n]))
    if not ranked:
        return None
    return Side(tuple(names[n] for n in ranked[:_MAX_NEAREST]), len(ranked))


def _gap(index, forward: dict[int, int], backward: dict[int, int]) -> Gap:
    """The pair (one reached from the source, one reaching the target) closest in the whole
    network, every hop in either direction; else the two furthest ends of both sides.

    One breadth-first search from every reached entity at once (the furthest from the
    source first, so ties keep the most progress) stops at the first entity that reaches
    the target.
    """
    names = index.names
    neighbours: list[list[int]] = [[t for t, _, _ in hops] for hops in index.out]
    for node, hops in enumerate(index.out):
        for t, _, _ in hops:
            neighbours[t].append(node)
    seeds = sorted(forward, key=lambda n: (-forward[n], names[n]))
    origin = {node: node for node in seeds}
    depth = dict.fromkeys(seeds, 0)
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        if node in backward:
            return Gap(names[origin[node]], names[node], depth[node])
        for nxt in neighbours[node]:
            if nxt not in depth:
                depth[nxt], origin[nxt] = depth[node] + 1, origin[node]
                queue.append(nxt)
    far = min(backward, key=lambda n: (-backward[n], names[n]))
    return Gap(names[seeds[0]], names[far], None)


def _first_path(graph: MechanismGraph, question: Question, left_out: Iterable[int]) -> Path | None:
    found = answer(Search.of(graph, question, left_out), max_paths=1)
    return found.paths[0] if found.paths else None


def _blocked(search: Search, forward: dict[int, int], to_target: dict[int, int]) -> list[Blocked]:
    """Claims leaving what the source reaches toward what could reach the target."""
    graph, index = search.graph, search.index
    query = dict(search.question.where)
    excluding = search.question.hypotheses is Hypotheses.EXCLUDE
    out = []
    for node in sorted(forward):
        for nxt, claim_id, _ in index.out[node]:
            if (
                claim_id == ISA
                or search.admitted[claim_id]
                or nxt in forward
                or nxt not in to_target
            ):
                continue
            claim = graph.claims[claim_id]
            found = clash(query, claim.context, index.value_up)
            if found:
                reason = BlockReason.CONTEXT
            elif claim.is_hypothesis and excluding:
                reason = BlockReason.HYPOTHESIS
            else:  # left out by the caller: it cites only the hypothesis being judged
                reason = BlockReason.CIRCULAR
            out.append(Blocked(hop_of_claim(graph, claim), reason, found))
    return out[:_MAX_LISTED]


def _no_change(search: Search, forward: dict[int, int], to_target: dict[int, int]) -> list[Hop]:
    """``-0`` claims the question admits, from what the source reaches toward the target."""
    graph, names, ids = search.graph, search.index.names, search.index.ids
    out = []
    for node in sorted(forward):
        for obj, claim_id in graph.claims_from(names[node]):
            claim = graph.claims[claim_id]
            no_change = claim.relation is Relation.NO_CHANGE and search.admitted[claim_id]
            if no_change and ids[obj] in to_target:
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
    left_out: Iterable[int] = (),
    max_hops: int | None = None,
) -> WhyNot:
    """Explain why :func:`mechgraph.query.ask.ask` does not say yes (arguments as for ``ask``;
    the claim ids ``left_out`` are not used, as when a hypothesis is judged without the
    claims that cite only itself; with ``max_hops``, a route longer than that is no answer
    and the explanation is that route, ``longer``).

    Unknown names are reported in the result (with close names), not raised;
    names are read as :func:`~mechgraph.query.ask.ask` reads them (identifiers,
    synonyms, another case), a name several entities answer to raises
    :class:`~mechgraph.errors.QueryError`.
    "Nearest" is measured over every claim, whatever its context or status:
    ``last_reached`` are the entities the source reaches under the question
    that lie fewest hops from the target; ``first_reaching`` the entities
    reaching the target that lie fewest hops from the source.  Both are left
    empty when the target is reached after all, ignoring sign and ``via``.

    Returns
    -------
    WhyNot
        With the verdict ``ask`` gives; when it is yes, only a note with the witness.

    Examples
    --------
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("drug", Relation.INCREASES, "effect", context={"duration": "chronic"})
    >>> _ = g.add_claim("drug", Relation.NO_CHANGE, "effect", context={"duration": "acute"})
    >>> print(why_not(g, "drug", "effect", where={"duration": "acute"}).format())
    no   drug reaches effect under duration=acute
         drug reaches nothing here
         nothing reaches effect here
         nearest gap: drug → effect would join them (1 link apart ignoring context, status and direction)
         blocked: drug -> effect [duration=chronic] needs duration=chronic, asked duration=acute
         no-change claim: drug -0 effect [duration=acute] holds here
    """
    roles = {"source": source, "target": target, "via": via}
    unknown = tuple(
        u for role, name in roles.items() if name for u in [unknown_name(graph, role, name)] if u
    )
    question = make_question(source, target, via, where, sign, hypotheses)
    if unknown:
        return WhyNot(question, Verdict.NO, unknown=unknown)
    question, name_note = resolve_names(graph, question)
    left_out = tuple(left_out)
    if max_hops is not None:
        shortest = answer(Search.of(graph, question, left_out), max_paths=1)
        limited = within_hops(shortest, max_hops)
        if shortest.holds and not limited.holds:
            found = WhyNot(question, Verdict.NO, longer=shortest.paths[0], note=limited.note)
            return noted(found, name_note)
    return noted(_explain(graph, question, left_out), name_note)


def _explain(graph: MechanismGraph, question: Question, left_out: tuple[int, ...]) -> WhyNot:
    """:func:`why_not` of a question whose names are resolved."""
    search = Search.of(graph, question, left_out)
    result = answer(search, max_paths=1)
    if result.holds:
        return WhyNot(question, Verdict.YES, note=f"it does: {result.paths[0].chain()}")
    index = search.index
    walk, every = search.traversal, index.hops.traversal(None)  # admitted hops; all hops
    forward = _hop_counts(walk, walk.forward(), search.starts)
    backward = _hop_counts(walk, walk.backward(signed=False), [search.target])
    to_target = _hop_counts(every, every.backward(signed=False), [search.target])
    from_source = _hop_counts(every, every.forward(), search.starts)
    wrong_sign = without_via = None
    if question.sign is not None:
        wrong_sign = _first_path(graph, replace(question, sign=None), left_out)
    if question.via is not None:
        without_via = _first_path(graph, replace(question, via=None), left_out)
    cut = search.target not in forward  # else the route fails on sign, via or simplicity
    clashing = context_clash(search) if not cut and result.verdict is Verdict.NO else None
    last_reached = _nearest(forward, to_target, index.names) if cut else ()
    first_reaching = _nearest(backward, from_source, index.names) if cut else ()
    reached = _side(forward, index.names) if cut and not last_reached else None
    reaching = _side(backward, index.names) if cut and not first_reaching else None
    if cut and not (last_reached or reached):
        last_reached = (question.source,)  # only the source itself
    if cut and not (first_reaching or reaching):
        first_reaching = (question.target,)
    uncovered = coverage(search) if result.verdict is Verdict.NO and question.where else None
    return WhyNot(
        question,
        result.verdict if uncovered is None else Verdict.UNCOVERED,
        last_reached=last_reached,
        first_reaching=first_reaching,
        reached=reached,
        reaching=reaching,
        gap=_gap(index, forward, backward) if cut else None,
        blocked=tuple(_blocked(search, forward, to_target)),
        no_change=tuple(_no_change(search, forward, to_target)),
        wrong_sign=wrong_sign,
        without_via=without_via,
        note=result.note,
        coverage=uncovered,
        context_clash=clashing,
    )
