"""``coverage``: does any claim speak for the quantity a question asks?

A question that asks a quantity (``--where period=7d``) and gets no route
may simply lie where no claim speaks: the claims toward the target state
other intervals (``period<=1d`` no change, ``period>=14d`` increase).  Then
the verdict is ``uncovered`` with the nearest claims on either side, not a
no.  It stays a no when a ``-0`` claim the question admits lies on the way,
or when nothing on the way was left out for the quantity.

>>> from mechgraph.language.parser import parse_text
>>> from mechgraph.model import Model
>>> model = Model.from_files((parse_text('''
... context period: time
... a -> b [period>=14d] @pmid:1
... a -0 b [period<=1d] @pmid:1
... '''),))
>>> print(model.ask("a", "b", where={"period": "7d"}).format())
uncovered a reaches b under period=7d
     no claim covers period=7d; nearest: a -0 b at period<=1d (no change), a -> b at period>=14d (increase)
"""

from __future__ import annotations

import math

import numpy as np

from mechgraph.graph.admission import clash
from mechgraph.graph.context_values import pair_text
from mechgraph.language.syntax import NOWHERE, Relation
from mechgraph.query.search import Search
from mechgraph.results.coverage import EFFECTS, Coverage, Nearby

__all__ = ["coverage"]

_MAX_NEAREST = 4


def coverage(search: Search) -> Coverage | None:
    """The :class:`Coverage` of a question answered no, or ``None`` when claims do
    speak for its quantities (or it asks none)."""
    graph, index = search.graph, search.index
    where = dict(search.question.where)
    values = index.value_up
    asked = values.expand(tuple(sorted(where.items())))
    if not asked.bounds:
        return None
    walk, every = search.traversal, index.hops.traversal(None)  # admitted hops; all hops
    forward = np.flatnonzero(walk.depth(walk.forward(), search.starts) >= 0).tolist()
    toward = set(
        np.flatnonzero(every.depth(every.backward(signed=False), [search.target]) >= 0).tolist()
    )
    names, ids = index.names, index.ids
    missed: dict[str, list] = {}
    for node in sorted(forward):
        for obj, claim_id in graph.claims_from(names[node]):
            if ids[obj] not in toward:
                continue
            claim = graph.claims[claim_id]
            if search.admitted[claim_id]:
                if claim.relation is Relation.NO_CHANGE:
                    return None  # a no-change claim speaks for this quantity
                continue
            found = clash(where, claim.context, values)
            if found is not None and found.key in asked.bounds:
                missed.setdefault(found.key, []).append(claim)
    if not missed:
        return None
    key = sorted(missed, key=lambda k: (-len(missed[k]), k))[0]
    return Coverage(key, asked.bounds[key].text, _nearest(search, key, missed[key]))


def _nearest(search: Search, key: str, claims: list) -> tuple[Nearby, ...]:
    """The claims nearest below and above the asked interval (all tied ones)."""
    values = search.index.value_up
    where = dict(search.question.where)
    asked = values.expand(tuple(sorted(where.items()))).bounds[key].interval
    below: list[tuple] = []
    above: list[tuple] = []
    for claim in claims:
        stated = values.expand(claim.context).bounds.get(key)
        if stated is None:
            continue
        side = below if stated.interval.high < asked.low else above
        gap = asked.distance(stated.interval)
        side.append((gap, claim.id, claim, stated))
    chosen = []
    for side in (below, above):
        best = min((gap for gap, *_ in side), default=math.inf)
        chosen += sorted(item for item in side if item[0] == best)[:_MAX_NEAREST]
    nearest: list[Nearby] = []
    for _, _, claim, stated in sorted(chosen, key=lambda item: item[3].interval.low):
        nearest.append(
            Nearby(
                f"{claim.subject} {claim.relation.value} {claim.object}",
                pair_text(key, stated.text),
                EFFECTS[claim.relation.word],
                str(claim.span) if claim.span != NOWHERE else None,
                stated.via,
            )
        )
    unique = {(n.claim, n.bound, n.effect): n for n in reversed(nearest)}
    return tuple(n for n in nearest if unique[n.claim, n.bound, n.effect] is n)[:_MAX_NEAREST]
