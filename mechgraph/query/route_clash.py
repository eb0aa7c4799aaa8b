"""Why a route the links allow is no answer: two of its links state clashing contexts.

A route holds under the union of its links' contexts, so links stating
different values of one key (``TextLocation=Abstract`` then
``TextLocation=Results``, once an import made ``TextLocation`` a context key)
cannot be chained.  When that is what stops every route, :func:`context_clash`
finds the shortest route that ignores the agreement and names the first key
it breaks and the two links that state it.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> from mechgraph.query.question import make_question
>>> g = MechanismGraph()
>>> _ = g.add_claim("EGFR", Relation.INCREASES, "MAPK1", context={"TextLocation": "Abstract"})
>>> _ = g.add_claim("MAPK1", Relation.INCREASES, "growth", context={"TextLocation": "Results"})
>>> found = context_clash(Search.of(g, make_question("EGFR", "growth")))
>>> print(found.describe())
contexts clash along EGFR ─(+)→ MAPK1 ─(+)→ growth: TextLocation=Abstract (EGFR -> MAPK1) vs TextLocation=Results (MAPK1 -> growth)
"""

from __future__ import annotations

from dataclasses import replace

from mechgraph.graph.admission import Context, merge
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.search import Search, to_path, witnesses
from mechgraph.results.answers import Hop
from mechgraph.results.why_not import ContextClash

__all__ = ["context_clash"]


def context_clash(search: Search, budget: int = DEFAULT_BUDGET) -> ContextClash | None:
    """The first context key the shortest route ignoring context agreement breaks, with the
    two links stating its clashing values; ``None`` when there is no such route.

    The route keeps everything else the question asks (admitted links, sign,
    via, simple paths); its links are merged in order, and the first link
    whose value for a key cannot join the narrowest value so far clashes with
    the link that stated that value.
    """
    loose = replace(search, mixed_contexts=True)
    found, _ = witnesses(loose, loose.distances(), 1, budget)
    if not found:
        return None
    route = to_path(loose, found[0])
    up = search.index.value_up
    context: Context = ()
    stated: dict[str, tuple[str, Hop]] = {}
    for hop in route.hops:
        for key, value in hop.context:
            merged = merge(context, ((key, value),), values=up)
            if merged is None:
                earlier_value, earlier = stated[key]
                return ContextClash(key, earlier, earlier_value, hop, value, route)
            if dict(merged).get(key) != dict(context).get(key):
                stated[key] = (value, hop)
            context = merged
    return None
