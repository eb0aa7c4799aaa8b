"""The search behind every question: reachability over product states, then witnesses.

Reachability
is a breadth-first search over product states (entity, sign so far, through
``via`` yet?), run backwards from the target so its hop counts guide the
witness search: a best-first search over simple partial paths, shortest
first, that drops partial paths whose context contradicts itself.

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> from mechgraph.query.question import make_question
>>> search = Search.of(g, make_question("a", "b"))
>>> search.starts, search.target, search.start_state(search.starts[0]) in search.distances()
((0,), 1, True)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import Context, admitted_mask, merge
from mechgraph.graph.cycles import on_cycles
from mechgraph.graph.index import ISA, SIGN_CODE, SIGN_OF_CODE, GraphIndex
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.traversal import Distances, Traversal
from mechgraph.language.syntax import Sign
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.question import require, require_quantities, where_note
from mechgraph.results.answers import (
    Answer,
    Hop,
    Hypotheses,
    Path,
    Question,
    Verdict,
    citations,
    hop_of_claim,
)

__all__ = [
    "answer",
    "witnesses",
    "to_path",
    "times",
    "Partial",
    "Search",
]


@dataclass(frozen=True)
class Search:
    """One resolved question, ready to traverse (node ids, admitted claims, signs)."""

    graph: MechanismGraph
    index: GraphIndex
    question: Question
    starts: tuple[int, ...]
    target: int
    via: int
    admitted: np.ndarray  # by claim id
    signs: frozenset[int] | None  # None: any sign, and states do not track it
    traversal: Traversal  # the usable hops, compiled
    avoid: int = -1  # an entity no route may pass (see avoiding)
    mixed_contexts: bool = False  # True: routes need not agree on context (see route_clash)

    @classmethod
    def of(cls, graph: MechanismGraph, question: Question, left_out: Iterable[int] = ()) -> Search:
        """Resolve names (:class:`QueryError` when unknown) and the admitted claims
        (those the question admits, but the claim ids ``left_out``)."""
        index = graph.index
        source = require(graph, "source", question.source)
        target = require(graph, "target", question.target)
        require_quantities(graph, question.where)
        if source == target:
            raise QueryError(
                Diagnostic.error("source and target are the same entity", file="<question>")
            )
        via = -1 if question.via is None else require(graph, "via", question.via)
        members = index.members.get(question.source, ())
        starts = tuple(sorted({source} | {index.ids[m] for m in members} - {target}))
        include = question.hypotheses is Hypotheses.INCLUDE
        admitted = admitted_mask(graph, dict(question.where), include)
        admitted[np.fromiter(left_out, np.int64)] = False
        signs = None if question.sign is None else frozenset({SIGN_CODE[question.sign]})
        traversal = index.hops.traversal(admitted)
        return cls(graph, index, question, starts, target, via, admitted, signs, traversal)

    def avoiding(self, name: str) -> Search:
        """This question on the graph without entity ``name``: no copy of the graph,
        the same compiled traversal with ``name`` made a dead end (see
        :meth:`mechgraph.graph.traversal.Traversal.avoiding`).  A start that still reaches the
        target has a route that bypasses ``name``.

        >>> from mechgraph.language.syntax import Relation
        >>> g = MechanismGraph()
        >>> for s, t in (("a", "x"), ("x", "t"), ("b", "t")):
        ...     _ = g.add_claim(s, Relation.INCREASES, t)
        >>> from mechgraph.query.question import make_question
        >>> search = Search.of(g, make_question("a", "t")).avoiding("x")
        >>> answer(search).verdict.value
        'no'
        """
        node = require(self.graph, "entity", name)
        traversal = self.traversal.avoiding(node)
        starts = tuple(start for start in self.starts if start != node)
        return replace(self, starts=starts, traversal=traversal, avoid=node)

    def usable(self, claim_id: int) -> bool:
        return claim_id == ISA or self.admitted[claim_id]

    def start_state(self, node: int) -> int:
        return _state(node, 0, 0 if self.via >= 0 and node != self.via else 1)

    def distances(self) -> Distances:
        """Hops from each product state to a goal state: breadth-first searches backwards
        over the compiled hops (signed states when the sign counts), one from the target
        and, with ``via``, one from each state of ``via`` that reaches it."""
        walk, nodes = self.traversal, len(self.index.names)
        width = 3 if self.signs else 1
        matrix = walk.backward(signed=bool(self.signs))
        after = walk.depth(matrix, [self.target * width + sign for sign in self.signs or (0,)])
        depth = np.full((nodes, 3, 2), -1, np.int64)
        depth[:, :width, 1] = after.reshape(nodes, width)
        if self.via >= 0:
            before = np.full(nodes * width, -1, np.int64)
            for state in range(self.via * width, self.via * width + width):
                if after[state] >= 0:
                    found = walk.depth(matrix, [state])
                    better = (found >= 0) & ((before < 0) | (found + after[state] < before))
                    before[better] = found[better] + after[state]
            depth[:, :width, 0] = before.reshape(nodes, width)
            depth[self.via, :, 0] = -1  # reaching via always starts phase 1
        return Distances(depth.reshape(-1))


def _state(node: int, sign: int, phase: int) -> int:
    return (node * 3 + sign) * 2 + phase


def times(a: int, b: int) -> int:
    """The sign code of a path of sign code ``a`` followed by a hop of sign code ``b``."""
    return 2 if 2 in (a, b) else a ^ b


def _signs_before(after: int, code: int) -> tuple[int, ...]:
    """The signs a path may have before a hop of sign ``code`` to have ``after``."""
    if code == 2:
        return (0, 1, 2) if after == 2 else ()
    return (2,) if after == 2 else (after ^ code,)


@dataclass(slots=True, eq=False)
class Partial:
    """A simple partial path in the witness search, kept as a link to the partial
    path it extends (so extending one costs the same at any length).

    Only entities on a cycle (:func:`mechgraph.graph.cycles.on_cycles`) go into
    ``visited``: no route can come back to any other.  Partial paths order as
    their hops do (the tuples ``(from, to, claim id)``, compared one by one), found
    by walking both back to the hop where they part.

    >>> root = Partial.start(0)
    >>> a, b = (root.extend(1, claim, 0, 1, (), frozenset()) for claim in (5, 3))
    >>> b < a, a < a.extend(2, 7, 0, 1, (), frozenset()), a.extend(2, 7, 0, 1, (), frozenset()).steps
    (True, True, ((0, 1, 5), (1, 2, 7)))
    """

    node: int
    sign: int
    phase: int
    visited: frozenset[int]
    context: Context
    parent: Partial | None = None
    claim: int = ISA  # of the hop from the parent
    length: int = 0

    @classmethod
    def start(cls, node: int, phase: int = 1, visited: frozenset[int] = frozenset()) -> Partial:
        """The partial path of no hops at ``node``."""
        return cls(node, 0, phase, visited, ())

    def extend(
        self,
        node: int,
        claim: int,
        sign: int,
        phase: int,
        context: Context,
        visited: frozenset[int],
    ) -> Partial:
        """This partial path and a hop to ``node`` by ``claim``."""
        return Partial(node, sign, phase, visited, context, self, claim, self.length + 1)

    @classmethod
    def along(
        cls, start: int, steps: Iterable[tuple[int, int, int]], sign: int, context: Context
    ) -> Partial:
        """The partial path of ``steps`` from ``start``, with the sign and context at its end."""
        partial = cls.start(start)
        for _, node, claim in steps:
            partial = partial.extend(node, claim, sign, 1, context, frozenset())
        return partial

    @property
    def steps(self) -> tuple[tuple[int, int, int], ...]:
        """The hops ``(from, to, claim id)`` from the start."""
        found = []
        partial = self
        while partial.parent is not None:
            found.append((partial.parent.node, partial.node, partial.claim))
            partial = partial.parent
        return tuple(reversed(found))

    def __lt__(self, other: Partial) -> bool:
        a, b = self, other
        while a.length > b.length:
            a = a.parent  # type: ignore[assignment]
        while b.length > a.length:
            b = b.parent  # type: ignore[assignment]
        if a is b:  # one extends the other
            return self.length < other.length
        while a.parent is not b.parent:
            a, b = a.parent, b.parent  # type: ignore[assignment]
        if a.parent is None:  # two searches' paths (never in one heap): compare them whole
            return (a.node, self.steps) < (b.node, other.steps)
        return (a.node, a.claim) < (b.node, b.claim)


def witnesses(
    search: Search, dist: Mapping[int, int], max_paths: int, budget: int = DEFAULT_BUDGET
) -> tuple[list[Partial], bool]:
    """Up to ``max_paths`` simple goal paths, shortest first, then in hop order (by start,
    then the index's order of each hop); and whether the budget ran out.

    Partial paths are popped by least ``length + distance`` (the distances are
    exact, so never more than a route's length), ties in hop order: along
    shortest routes the search goes depth-first, trying hops in order.

    The budget counts the partial paths popped at an entity on a cycle and
    those popped at a product state already expanded; the first expansion of
    each state elsewhere is free.  So on a DAG where no route combines
    contradicting contexts a witness of any length is found, at a cost linear in
    its length; past the budget the answer is "walk only", never a guess.
    """
    index, up = search.index, search.index.value_up
    contexts, context_of = index.contexts, index.context_of.item
    cyclic, signed, target, via, avoid = (
        on_cycles(index.hops),
        bool(search.signs),
        search.target,
        search.via,
        search.avoid,
    )
    hops_to = _lookup(dist)
    admitted = search.admitted.item
    mixed = search.mixed_contexts
    heap: list[tuple[int, int, Partial]] = []
    for node in search.starts:
        state = search.start_state(node)
        if hops_to(state) >= 0:
            visited = frozenset((node,)) if cyclic[node] else frozenset()
            heap.append((hops_to(state), node, Partial.start(node, state % 2, visited)))
    heapq.heapify(heap)
    found: list[Partial] = []
    seen: set[tuple[int, ...]] = set()
    expanded: set[int] = set()
    merged: dict[tuple[Context, Context], Context | None] = {}
    spent = 0
    while heap and len(found) < max_paths:
        if spent >= budget:
            return found, True
        _, start, p = heapq.heappop(heap)
        node, sign, phase, context = p.node, p.sign, p.phase, p.context
        state = _state(node, sign if signed else 0, phase)
        if cyclic[node] or state in expanded:
            spent += 1
        else:
            expanded.add(state)
        if node == target:
            nodes = tuple(step[1] for step in p.steps)
            if phase and (search.signs is None or sign in search.signs) and nodes not in seen:
                seen.add(nodes)
                found.append(p)
            continue
        for nxt, claim_id, code in index.out[node]:
            if nxt in p.visited or nxt == avoid or (claim_id != ISA and not admitted(claim_id)):
                continue
            after_sign = 2 if sign == 2 or code == 2 else sign ^ code  # times(sign, code)
            after_phase = 1 if nxt == via else phase
            after = (nxt * 3 + (after_sign if signed else 0)) * 2 + after_phase  # _state(...)
            left = hops_to(after)
            if left < 0:
                continue
            after_context = context
            if claim_id != ISA and not mixed and contexts[context_of(claim_id)]:
                key = (context, contexts[context_of(claim_id)])
                if key not in merged:
                    merged[key] = merge(*key, values=up)
                if merged[key] is None:
                    continue
                after_context = merged[key]  # type: ignore[assignment]
            visited = p.visited | {nxt} if cyclic[nxt] else p.visited
            length = p.length + 1
            child = Partial(
                nxt, after_sign, after_phase, visited, after_context, p, claim_id, length
            )
            heapq.heappush(heap, (length + left, start, child))
    return found, False


def _lookup(dist: Mapping[int, int]) -> Callable[[int], int]:
    """``state → hops to the goal`` (``-1`` when it never gets there), fast on :class:`Distances`."""
    if isinstance(dist, Distances):
        return dist.depth.item  # states are always in range here
    return lambda state: dist.get(state, -1)


def to_path(search: Search, partial: Partial, known: dict | None = None) -> Path:
    """The :class:`Path` of a found partial path; claims after an isa climb are inherited.

    ``known`` keeps the hops made so far (by step, and the member a claim is
    inherited by) and the citations of their claims (by claim id) for paths that
    share them."""
    graph, names = search.graph, search.index.names
    known = {} if known is None else known
    hops: list[Hop] = []
    climber: str | None = None
    for step in partial.steps:
        start, end, claim_id = step
        if claim_id == ISA:
            climber = climber or names[start]
            key: tuple = step
        else:
            key, climber = (step, climber), None
        hop = known.get(key)
        if hop is None and claim_id == ISA:
            hop = known[key] = Hop(names[start], names[end], Sign.POSITIVE)
        elif hop is None:
            claim = graph.claims[claim_id]
            evidence = known.get(claim_id)
            if evidence is None:
                evidence = known[claim_id] = citations(graph, claim)
            hop = known[key] = hop_of_claim(graph, claim, key[1], evidence)
        hops.append(hop)
    return Path(tuple(hops), SIGN_OF_CODE[partial.sign], partial.context)


def answer(search: Search, max_paths: int = 3, budget: int = DEFAULT_BUDGET) -> Answer:
    """Answer a resolved :class:`Search` (see :func:`ask`)."""
    dist = search.distances()
    notes = [where_note(search.graph, search.question.where)]
    if not any(search.start_state(node) in dist for node in search.starts):
        return Answer(search.question, Verdict.NO, note=_join(notes))
    found, exhausted = witnesses(search, dist, max_paths, budget)
    if found:
        verdict = Verdict.YES
    elif exhausted:
        verdict = Verdict.WALK_ONLY
        notes.append(f"reachable by a walk only: no simple witness within {budget} search steps")
    else:
        verdict = Verdict.NO
        notes.append("every route repeats an entity or combines contradicting contexts")
    paths = tuple(to_path(search, p) for p in found)
    return Answer(search.question, verdict, paths, _join(notes))


def _join(notes: Iterable[str | None]) -> str | None:
    text = "; ".join(n for n in notes if n)
    return text or None
