"""Questions over a mechanism graph: ``ask``, ``why_not`` and ``pathways``.

A route follows claims (never ``-0`` ones, which are negative evidence) and
membership climbs ``member ─isa→ class`` (sign ``+``), so a claim stated for
a class holds for each of its members.  ``ask`` decides reachability by a
breadth-first search over product states (entity, sign so far, through
``via`` yet?) — polynomial, never an enumeration of paths — then draws
simple witnesses shortest first (see :mod:`mechgraph.query.search`).  ``why_not``
explains a no; ``pathways`` finds the entities every route passes
(one sweep along a shortest walk from the members, see
:func:`mechgraph.graph.traversal.on_every_route`).

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> _ = g.add_claim("b", Relation.DECREASES, "c")
>>> print(ask(g, "a", "c").format().splitlines()[0])
yes  a ─(+)→ b ─(-)→ c
>>> ask(g, "a", "c", sign="+").verdict
<Verdict.NO: 'no'>
>>> pathways(g, ["a"], "c").pathway
('b',)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import admitted_mask, clash
from mechgraph.graph.mechanism import ISA, MechanismGraph
from mechgraph.graph.traversal import on_every_route
from mechgraph.language.syntax import Relation
from mechgraph.query.search import (
    DEFAULT_BUDGET,
    Search,
    SignLike,
    Where,
    answer,
    make_question,
    parse_mode,
    reach,
    require,
    unknown_name,
)
from mechgraph.results.answers import (
    Answer,
    Blocked,
    BlockReason,
    Hop,
    Hypotheses,
    Path,
    Pathways,
    Question,
    Verdict,
    WhyNot,
    hop_of_claim,
)

__all__ = ["ask", "why_not", "pathways"]

_MAX_LISTED = 10  # blocked and no-change claims listed by why_not
_MAX_NEAREST = 5


def ask(
    graph: MechanismGraph,
    source: str,
    target: str,
    via: str | None = None,
    where: Where = None,
    sign: SignLike = None,
    max_paths: int = 3,
    hypotheses: Hypotheses | str = "include",
    budget: int = DEFAULT_BUDGET,
) -> Answer:
    """Does ``source`` reach ``target`` (through ``via``, under ``where``, with ``sign``)?

    Parameters
    ----------
    graph : MechanismGraph
    source, target : str
        Entities or classes.  A class as ``source`` means the class itself or
        any of its members (routes may start at either; a member climbs to the
        class by ``isa`` hops).  A class as ``target`` is reached as a node —
        which includes reaching any member, since members climb to it.
    via : str, optional
        An entity every witness must pass (a simple path ``source ⇝ via ⇝ target``).
    where : mapping, optional
        The question's context; only claims it admits are used.
    sign : ``"+"``, ``"-"`` or :class:`Sign`, optional
        The net sign the route must have (unsigned routes never match).
    max_paths : int
        How many witnesses to return, shortest first, distinct in their nodes.
    hypotheses : ``"include"`` or ``"exclude"``
        ``"exclude"`` answers from observed claims only.
    budget : int
        Partial paths the witness search may expand; when it runs out before a
        simple witness is found the verdict is ``WALK_ONLY``, never a guess.

    Returns
    -------
    Answer

    Raises
    ------
    QueryError
        When a name is unknown (with close names as a hint), the sign or mode
        is not one of the allowed words, or ``max_paths``/``budget`` is below 1.

    Examples
    --------
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("drug", Relation.DECREASES, "enzyme", context={"dose": "high"})
    >>> ask(g, "drug", "enzyme", where={"dose": "low"}).holds
    False
    """
    if max_paths < 1 or budget < 1:
        raise QueryError(
            Diagnostic.error("max_paths and budget must be at least 1", file="<question>")
        )
    question = make_question(source, target, via, where, sign, hypotheses)
    return answer(Search.of(graph, question), max_paths, budget)


def _nearest(found: dict[int, int], distance: dict[int, int], names) -> tuple[str, ...]:
    """The nodes of ``found`` with the least ``distance`` (ties by name)."""
    ranked = sorted((distance[n], names[n]) for n in found if n in distance)
    best = [name for d, name in ranked if d == ranked[0][0]] if ranked else []
    return tuple(best[:_MAX_NEAREST])


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
        for _, obj, claim_id in sorted(graph.links.out_edges(names[node], keys=True)):
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
) -> WhyNot:
    """Explain why :func:`mechgraph.query.questions.ask` does not say yes (arguments as for ``ask``;
    the claim ids ``left_out`` are not used, as when a hypothesis is judged without the
    claims that cite only itself).

    Unknown names are reported in the result (with close names), not raised.
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
         blocked: drug -> effect [duration=chronic] needs duration=chronic, asked duration=acute
         no-change claim: drug -0 effect [duration=acute] holds here
    """
    question = make_question(source, target, via, where, sign, hypotheses)
    roles = (("source", source), ("target", target), ("via", via))
    unknown = tuple(
        u for role, name in roles if name for u in [unknown_name(graph, role, name)] if u
    )
    if unknown:
        return WhyNot(question, Verdict.NO, unknown=unknown)
    left_out = tuple(left_out)
    search = Search.of(graph, question, left_out)
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
        wrong_sign = _first_path(graph, replace(question, sign=None), left_out)
    if question.via is not None:
        without_via = _first_path(graph, replace(question, via=None), left_out)
    cut = search.target not in forward  # else the route fails on sign, via or simplicity
    return WhyNot(
        question,
        result.verdict,
        last_reached=_nearest(forward, to_target, index.names) if cut else (),
        first_reaching=_nearest(backward, from_source, index.names) if cut else (),
        blocked=tuple(_blocked(search, forward, to_target)),
        no_change=tuple(_no_change(search, forward, to_target)),
        wrong_sign=wrong_sign,
        without_via=without_via,
        note=result.note,
    )


def pathways(
    graph: MechanismGraph,
    members: str | Sequence[str],
    target: str,
    where: Where = None,
    hypotheses: Hypotheses | str = "include",
) -> Pathways:
    """Entities on every route from ``members`` to ``target``, nearest to the target first.

    Parameters
    ----------
    graph : MechanismGraph
    members : str or sequence of str
        A class (its members that have no members themselves; the class alone
        when it has none) or a list of entities.
    target : str
    where : mapping, optional
        Only claims this context admits are routes.
    hypotheses : ``"include"`` or ``"exclude"``

    Returns
    -------
    Pathways
        ``pathway`` lists the entities (members excluded) every route passes;
        ``unreached`` the members with no route at all, which do not count.

    Notes
    -----
    Routes here are walks along usable hops; a node every walk passes is on
    every simple path too.  Path-level context consistency is not checked.

    Examples
    --------
    >>> from mechgraph.graph.mechanism import Entity
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> for drug in ("a", "b"):
    ...     _ = g.add_claim(drug, Relation.INCREASES, "receptor")
    >>> _ = g.add_claim("receptor", Relation.INCREASES, "effect")
    >>> g.add_entity(Entity("c", "drug"))
    >>> found = pathways(g, ["a", "b", "c"], "effect")
    >>> found.pathway, found.unreached
    (('receptor',), ('c',))
    """
    index = graph.index
    if isinstance(members, str):
        require(graph, "class", members)
        names = index.leaves(members) or (members,)
    else:
        names = tuple(sorted(set(members)))
        for name in names:
            require(graph, "member", name)
    goal = require(graph, "target", target)
    include = parse_mode(hypotheses) is Hypotheses.INCLUDE
    walk = index.hops.traversal(admitted_mask(graph, where, include))
    backward = np.zeros(len(index.names), bool)
    backward[walk.reached(walk.backward(signed=False), [goal])] = True
    starts = [index.ids[name] for name in names if backward[index.ids[name]]]
    unreached = tuple(name for name in names if not backward[index.ids[name]])
    pathway: list[str] = []
    if starts:
        passed = on_every_route(walk.forward(), starts, goal, backward)
        pathway = [index.names[node] for node in passed]
    return Pathways(names, target, tuple(pathway), unreached, tuple(sorted((where or {}).items())))
