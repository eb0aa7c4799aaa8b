"""Shortest witnesses read straight off exact distances, for many starts at once.

:func:`mechgraph.query.search.witnesses` is a best-first search over simple partial
paths guided by the exact distances of :meth:`Search.distances`: it pops
partial paths by least ``length + distance``, ties in hop order.  So among
the routes of the least length ``L`` it can find, it goes depth-first in hop
order, and it finds the first of them after popping every partial path of
``length + distance < L``.  :func:`descend` replays that for many starts at
once: a depth-first search over walks (entities may repeat) that keeps its
answers by (context merged so far, product state, hops to spare), so starts
whose routes meet share the work.  It tries ``L`` = the distance, then a hop
more, and so on.  The first consistent walk it finds is the witness when it
is simple and the partial paths it counted fit in the budget; otherwise the
start is left to the best-first search.  The first hop of each shortest
descent is found for all starts together, one vectorised step per hop.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.query.question import make_question
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> for s, t in (("a", "x"), ("b", "x"), ("x", "t")):
...     _ = g.add_claim(s, Relation.INCREASES, t)
>>> search = Search.of(g, make_question("a", "t"))
>>> dist = search.distances()
>>> found = descend(search, dist, [search.start_state(0), search.start_state(1)])
>>> [[search.index.names[n] for _, n, _ in p.steps] for p in found.values()]
[['x', 't'], ['x', 't']]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import NamedTuple

import numpy as np

from mechgraph.graph.admission import Context, merge
from mechgraph.graph.index import ISA
from mechgraph.graph.traversal import Distances
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.search import Partial, Search, times

__all__ = ["descend"]

#: Hops beyond the distance a replayed route may take (longer ones: best-first search).
_SLACK = 3
#: Longest route replayed here (the replay recurses once per hop).
_DEEPEST = 200


class _Step(NamedTuple):
    """A hop out of a product state."""

    state: int  # the product state it leads to
    node: int
    claim: int
    code: int
    depth: int  # the distance of that state


def descend(
    search: Search, dist: Distances, starts: Sequence[int], budget: int = DEFAULT_BUDGET
) -> dict[int, Partial]:
    """The witness :func:`~mechgraph.query.search.witnesses` finds first from each start
    state, where the replay finds it; starts missing from the result need the full
    search (the first walk repeats an entity, the search might run out of budget,
    the route is much longer than the distance, or the start is the goal or out
    of reach)."""
    depth = dist.depth
    todo = [s for s in starts if 0 < depth[s] < min(budget, _DEEPEST)]
    walk = _Walk(search, depth, _steps(search, depth, todo), budget)
    found = {}
    for start in todo:
        partial = walk.witness(start)
        if partial is not None:
            found[start] = partial
    return found


class _Choice(NamedTuple):
    """What the replay finds from a state, given the context so far and hops to spare."""

    ok: bool  # a consistent walk to the goal within the budget
    pops: int  # partial paths the best-first search pops on the way, at most (≤ budget + 1)
    nodes: tuple[int, ...] = ()  # the walk's entities, this state's first
    moves: tuple[tuple[int, int, int], ...] = ()  # its hops (from, to, claim id)
    sign: int = 0  # the sign code of its hops
    context: Context = ()  # the context at the goal


class _Walk:
    """The replay, with its answers kept by (context so far, state, hops to spare).
    Hops out of a state are tried in hop order (the first, on shortest routes,
    taken from the vectorised ``greedy`` hops)."""

    def __init__(self, search: Search, depth: np.ndarray, greedy: dict[int, _Step], budget: int):
        self.search, self.depth, self.greedy, self.budget = search, depth, greedy, budget
        self.claims, self.up, self.target = (
            search.graph.claims,
            search.index.value_up,
            search.target,
        )
        self.known: dict[tuple[Context, int, int], _Choice] = {}
        self.merged: dict[tuple[Context, Context], Context | None] = {}
        self.scanned: dict[tuple[int, int], list[_Step]] = {}

    def witness(self, start: int) -> Partial | None:
        """The first witness from ``start`` when the replay finds it, else ``None``."""
        before = 0  # partial paths popped before any of length + distance = L
        for slack in range(min(_SLACK, _DEEPEST - self.depth.item(start)) + 1):
            found = self.solve((), start, slack)
            if before + found.pops > self.budget:
                return None
            if found.ok:
                if len(set(found.nodes)) < len(found.nodes):
                    return None  # the best-first search keeps paths simple: its first may differ
                return Partial.along(found.nodes[0], found.moves, found.sign, found.context)
            before = found.pops  # every partial path of length + distance <= L
        return None

    def solve(self, context: Context, state: int, slack: int) -> _Choice:
        key = (context, state, slack)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._solve(context, state, slack)
        return found

    def _solve(self, context: Context, state: int, slack: int) -> _Choice:
        node = state // 6
        if node == self.target:  # the best-first search stops at the target
            return _Choice(slack == 0 and self.depth.item(state) == 0, 1, (node,), context=context)
        pops, left, budget = 1, self.depth.item(state) + slack - 1, self.budget
        for step in self._hops(state, slack):
            after = context
            if step.claim != ISA:
                merged = self._merge(context, self.claims[step.claim].context)
                if merged is None:
                    continue  # the best-first search drops it unpopped
                after = merged
            found = self.solve(after, step.state, left - step.depth)
            pops += found.pops
            if pops > budget:
                return _Choice(False, budget + 1)
            if found.ok:
                return _Choice(
                    True,
                    pops,
                    (node,) + found.nodes,
                    ((node, step.node, step.claim),) + found.moves,
                    times(step.code, found.sign),
                    found.context,
                )
        return _Choice(False, pops)

    def _merge(self, context: Context, claim: Context) -> Context | None:
        key = (context, claim)
        if key in self.merged:
            return self.merged[key]
        merged = self.merged[key] = merge(context, claim, values=self.up)
        return merged

    def _hops(self, state: int, slack: int) -> Iterator[_Step]:
        """The hops from ``state`` to a state at most ``slack`` hops off the shortest, in
        order; on shortest routes the first is the ``greedy`` one, and the others are
        only looked for when it fails (once per state, whatever the context)."""
        greedy = self.greedy.get(state) if slack == 0 else None
        if greedy is not None:
            yield greedy
        key = (state, slack)
        if key not in self.scanned:
            self.scanned[key] = self._scan(state, slack)
        yield from islice(self.scanned[key], greedy is not None, None)

    def _scan(self, state: int, slack: int) -> list[_Step]:
        search, item = self.search, self.depth.item
        avoid, via, signed, admitted = search.avoid, search.via, search.signs, search.admitted
        sign, phase, below = state // 2 % 3, state % 2, item(state) + slack
        found = []
        for nxt, claim, code in search.index.out[state // 6]:
            if nxt == avoid or (claim != ISA and not admitted[claim]):
                continue
            after = (nxt * 3 + (times(sign, code) if signed else 0)) * 2 + (
                1 if nxt == via else phase
            )
            distance = item(after)
            if 0 <= distance < below:
                found.append(_Step(after, nxt, claim, code, distance))
        return found


def _steps(search: Search, depth: np.ndarray, starts: Sequence[int]) -> dict[int, _Step]:
    """The greedy descent's hop out of every state on the descents from ``starts``:
    each round takes the states reached last and looks at all their hops at once."""
    hops, begin = search.index.hops, search.index.hops.out_start
    chosen: dict[int, _Step] = {}
    seen = np.zeros(len(depth), bool)
    frontier = np.unique(np.asarray(starts, np.int64))
    while len(frontier):
        seen[frontier] = True
        node, sign, phase = frontier // 6, frontier // 2 % 3, frontier % 2
        count = begin[node + 1] - begin[node]
        owner = np.repeat(np.arange(len(frontier)), count)
        hop = np.arange(len(owner)) + np.repeat(begin[node] - (np.cumsum(count) - count), count)
        after, code = hops.target[hop].astype(np.int64), hops.code[hop]
        signed = np.where((sign[owner] == 2) | (code == 2), 2, sign[owner] ^ code)
        nxt = (after * 3 + (signed if search.signs else 0)) * 2 + np.where(
            after == search.via, 1, phase[owner]
        )
        ok = (depth[nxt] == depth[frontier][owner] - 1) & search.traversal.usable(hop)
        if search.avoid >= 0:
            ok &= after != search.avoid
        hit = np.flatnonzero(ok)
        hit = hit[np.unique(owner[hit], return_index=True)[1]]  # the first such hop per state
        columns = (
            frontier[owner[hit]],
            nxt[hit],
            after[hit],
            hops.claim[hop[hit]],
            code[hit],
            depth[nxt[hit]],
        )
        for state, *step in zip(*(column.tolist() for column in columns)):
            chosen[state] = _Step(*step)
        following = np.unique(nxt[hit])
        frontier = following[(depth[following] > 0) & ~seen[following]]
    return chosen
