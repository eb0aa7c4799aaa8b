"""The compiled traversal index: every hop as arrays, breadth-first searches over them.

A graph's traversable hops (claims but ``-0`` ones, and membership climbs)
are kept as parallel integer arrays (:class:`HopArrays`).  A question picks
the hops it may use and gets a :class:`Traversal`: sparse CSR matrices of
the hops — forwards over entities, backwards over entities or over signed
states ``entity * 3 + sign`` — searched by
:func:`scipy.sparse.csgraph.breadth_first_order` on large graphs (a Python
search on small ones, where loading scipy would cost more than the search).  Several starts are one
search from a virtual row joined to them all.

>>> hops = HopArrays.of([[(1, 0, 0)], [(2, 1, 1)], []])
>>> walk = hops.traversal(None)
>>> walk.depth(walk.backward(signed=False), [2]).tolist()
[2, 1, 0]
>>> sorted(walk.reached(walk.forward(), [1]).tolist())
[1, 2]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Distances", "HopArrays", "Rows", "SCIPY_FROM", "Traversal", "on_every_route"]

_SIGNS = 3  # sign codes: + 0, - 1, unsigned 2


#: Searches over more entries than this run in C (scipy); smaller ones in Python, which
#: answers a small graph before scipy would have finished loading.
SCIPY_FROM = 20_000


@dataclass(frozen=True, eq=False)
class Rows:
    """A sparse 0/1 matrix in compressed rows: row ``i`` leads to the columns
    ``indices[indptr[i]:indptr[i + 1]]`` (scipy's CSR layout, without scipy).

    >>> Rows.of_pairs([0, 0, 1], [1, 2, 2], 3).row(0).tolist()
    [1, 2]
    """

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def size(self) -> int:
        return len(self.indptr) - 1

    @classmethod
    def of_pairs(cls, rows: np.ndarray, cols: np.ndarray, size: int) -> Rows:
        """The matrix with an entry at each ``(rows[i], cols[i])`` (kept in row order)."""
        rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
        order = np.argsort(rows, kind="stable")
        indptr = np.zeros(size + 1, np.int32)
        np.cumsum(np.bincount(rows, minlength=size), out=indptr[1:])
        return cls(indptr, cols[order].astype(np.int32))

    def row(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]


def _breadth_first(graph: Rows, root: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows reached from ``root`` in breadth-first order, and each one's predecessor
    (``-1`` for the root and unreached rows); neighbours are taken in column order, as
    ``scipy.sparse.csgraph.breadth_first_order`` takes them, which runs large searches."""
    if len(graph.indices) > SCIPY_FROM:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import breadth_first_order

        size = graph.size
        matrix = csr_matrix(
            (np.ones(len(graph.indices)), graph.indices, graph.indptr), shape=(size, size)
        )
        order, before = breadth_first_order(matrix, root, directed=True)
        return order, np.where(before < 0, -1, before)
    indptr, indices = graph.indptr.tolist(), graph.indices.tolist()
    before = [-1] * graph.size
    seen = bytearray(graph.size)
    seen[root] = 1
    order = [root]
    for node in order:  # the list grows while it is read: a queue
        for nxt in indices[indptr[node] : indptr[node + 1]]:
            if not seen[nxt]:
                seen[nxt] = 1
                before[nxt] = node
                order.append(nxt)
    return np.array(order, np.int32), np.array(before, np.int32)


@dataclass(frozen=True, eq=False)
class HopArrays:
    """Every traversable hop: ``source[i] → target[i]`` by ``claim[i]`` with sign ``code[i]``.

    Hops are sorted by source (``out_start`` gives each node's first hop).
    Membership climbs carry a negative claim id.  ``traversal(None)`` (every
    hop usable) is built once and kept; it is what unrestricted questions use.
    """

    nodes: int
    source: np.ndarray
    target: np.ndarray
    claim: np.ndarray
    code: np.ndarray
    _memo: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, out: Sequence[Sequence[tuple[int, int, int]]]) -> HopArrays:
        """From per-node lists of ``(neighbour, claim id, sign code)`` hops."""
        counts = np.fromiter((len(hops) for hops in out), np.int64, len(out))
        flat = np.array([hop for hops in out for hop in hops], np.int64).reshape(-1, 3)
        source = np.repeat(np.arange(len(out), dtype=np.int32), counts)
        return cls(len(out), source, flat[:, 0].astype(np.int32), flat[:, 1], flat[:, 2])

    def starts(self) -> np.ndarray:
        """Per node (and one past the last), the position of its first hop (hops
        are sorted by source), without building a layout.

        >>> HopArrays.of([[(1, 0, 0)], [], [(0, 1, 0)]]).starts().tolist()
        [0, 1, 1, 2]
        """
        return np.searchsorted(self.source, np.arange(self.nodes + 1), side="left")

    @property
    def out_start(self) -> np.ndarray:
        """Per node (and one past the last), the position of its first hop."""
        return self.layout("forward").indptr

    def traversal(self, admitted: np.ndarray | None) -> Traversal:
        """The traversal over membership climbs and the claims ``admitted`` marks
        (a boolean array by claim id; ``None`` or all true: every hop)."""
        if admitted is None or bool(admitted.all()):
            if "all" not in self._memo:
                self._memo["all"] = Traversal(self, None)
            return self._memo["all"]
        return Traversal(self, admitted)

    def layout(self, name: str) -> _Layout:
        """Every hop as CSR entries, built once: ``forward`` (entity → entity),
        ``backward`` (reversed) or ``signed`` (reversed, over signed states)."""
        if name not in self._memo:
            self._memo[name] = self._layout(name)
        return self._memo[name]

    def _layout(self, name: str) -> _Layout:
        hop = self.claim + 1  # each entry's claim id + 1: 0 for a membership climb
        if name == "forward":
            return _Layout.of(self.source, self.target, hop, self.nodes)
        if name == "backward":
            return _Layout.of(self.target, self.source, hop, self.nodes)
        # signed: a state leads to the states a path may have had one hop earlier
        known = self.code < 2  # +/-: sign s after the hop was s ^ code before; unsigned stays
        v, u, c = self.target[known] * 3, self.source[known] * 3, self.code[known]
        w, x = self.target[~known] * 3 + 2, self.source[~known] * 3  # unsigned: anything → unsigned
        rows = np.concatenate([v, v + 1, v + 2, w, w, w])
        cols = np.concatenate([u + c, u + (1 ^ c), u + 2, x, x + 1, x + 2])
        claims = np.concatenate([np.tile(hop[known], 3), np.tile(hop[~known], 3)])
        return _Layout.of(rows, cols, claims, self.nodes * _SIGNS)


@dataclass(frozen=True, eq=False)
class _Layout:
    """A CSR adjacency in which each entry remembers its claim, so the matrix
    of the hops a question admits is a filter, not a rebuild."""

    indptr: np.ndarray
    indices: np.ndarray
    claim: np.ndarray  # per entry, its claim id + 1 (0: a membership climb)

    @classmethod
    def of(cls, rows: np.ndarray, cols: np.ndarray, claim: np.ndarray, size: int) -> _Layout:
        matrix = Rows.of_pairs(rows, cols, size)
        order = np.argsort(rows, kind="stable")
        return cls(matrix.indptr, matrix.indices, claim[order].astype(np.int32))

    def matrix(self, admitted: np.ndarray | None) -> Rows:
        """The adjacency of membership climbs and the claims ``admitted`` marks (``None``: all)."""
        indptr, indices = self.indptr, self.indices
        if admitted is not None:
            kept = np.take(np.concatenate([[True], admitted]), self.claim)
            before = np.empty(len(kept) + 1, np.int32)
            before[0] = 0
            np.cumsum(kept, dtype=np.int32, out=before[1:])
            indptr, indices = before[indptr], indices[kept]
        return Rows(indptr, indices)


@dataclass(frozen=True, eq=False)
class Traversal:
    """The hops one question may use — membership climbs and the claims ``admitted``
    marks (``None``: all) — never entering or leaving entity ``avoid`` (``-1``: none),
    with its CSR matrices built on first use."""

    hops: HopArrays
    admitted: np.ndarray | None
    avoid: int = -1
    base: Traversal | None = None  # the same traversal with nothing avoided
    _matrices: dict = field(default_factory=dict, repr=False)

    def avoiding(self, node: int) -> Traversal:
        """This traversal without entity ``node``.  Its matrices are this one's with
        the rows of ``node`` turned into loops (nothing leads on from it), so
        searches may reach ``node``; :meth:`depth` and :meth:`reached` drop it."""
        return Traversal(self.hops, self.admitted, node, self)

    def _matrix(self, name: str) -> Rows:
        if name not in self._matrices:
            if self.base is None:
                self._matrices[name] = self.hops.layout(name).matrix(self.admitted)
            else:
                self._matrices[name] = _looped(self.base._matrix(name), self._rows(name))
        return self._matrices[name]

    def usable(self, hops: np.ndarray) -> np.ndarray:
        """Whether each of the hops at positions ``hops`` of :class:`HopArrays` may be
        used (the avoided entity aside)."""
        if self.admitted is None:
            return np.ones(len(hops), bool)
        claim = self.hops.claim[hops]
        return (claim < 0) | self.admitted[np.maximum(claim, 0)]

    def _rows(self, name: str) -> np.ndarray:
        """The rows of the avoided entity in matrix ``name``."""
        width = _SIGNS if name == "signed" else 1
        return np.arange(self.avoid * width, self.avoid * width + width)

    def forward(self) -> Rows:
        """Entity → entity along usable hops."""
        return self._matrix("forward")

    def backward(self, signed: bool) -> Rows:
        """Usable hops reversed; ``signed``: over states ``entity * 3 + sign so far``, a
        state leading to the states a path may have had one hop earlier."""
        return self._matrix("signed" if signed else "backward")

    def _avoided(self, matrix: Rows, starts: Sequence[int]) -> np.ndarray:
        """The avoided entity's rows of ``matrix`` but the starts among them."""
        if self.avoid < 0:
            return np.zeros(0, np.int64)
        rows = self._rows("signed" if matrix.size > self.hops.nodes else "forward")
        return np.setdiff1d(rows, np.asarray(starts, np.int64))

    def depth(self, matrix: Rows, starts: Sequence[int]) -> np.ndarray:
        """Breadth-first hop counts from ``starts`` along ``matrix`` rows (``-1``: unreached)."""
        depth = _depth(matrix, starts)
        depth[self._avoided(matrix, starts)] = -1
        return depth

    def reached(self, matrix: Rows, starts: Sequence[int]) -> np.ndarray:
        """The rows reached from ``starts`` (themselves included), in search order."""
        order = _reached(matrix, starts)
        return order[~np.isin(order, self._avoided(matrix, starts))]


def _depth(matrix: Rows, starts: Sequence[int]) -> np.ndarray:
    """Breadth-first hop counts from ``starts`` along ``matrix`` rows (``-1``: unreached)."""
    graph, root = _rooted(matrix, starts)
    order, predecessors = _breadth_first(graph, root)
    # order lists states level by level; parents' positions never decrease along it
    position = np.empty(graph.size, np.int64)
    position[order] = np.arange(len(order))
    parents = position[predecessors[order[1:]]]
    bounds = [0, 1]
    while bounds[-1] < len(order):
        bounds.append(1 + int(np.searchsorted(parents, bounds[-1], side="left")))
    levels = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    depth = np.full(graph.size, -1, np.int64)
    depth[order] = levels - (root == matrix.size)
    return depth[: matrix.size]


def _reached(matrix: Rows, starts: Sequence[int]) -> np.ndarray:
    """The rows reached from ``starts`` (themselves included), in search order."""
    graph, root = _rooted(matrix, starts)
    order = _breadth_first(graph, root)[0]
    return order[order < matrix.size]


def _looped(matrix: Rows, rows: np.ndarray) -> Rows:
    """``matrix`` with each of ``rows`` leading only to itself (a copy of its columns)."""
    indices = matrix.indices.copy()
    for row in rows.tolist():
        indices[matrix.indptr[row] : matrix.indptr[row + 1]] = row
    return Rows(matrix.indptr, indices)


def on_every_route(
    matrix: Rows, starts: Sequence[int], goal: int, reaching: np.ndarray
) -> list[int]:
    """The rows every walk from ``starts`` to ``goal`` along ``matrix`` passes (starts
    and ``goal`` left out), nearest to ``goal`` first.  ``reaching`` marks the rows
    that reach ``goal``; ``goal`` must be reached from a start.

    One shortest walk ``p0 … pk`` is found; ``pi`` is on every walk unless some walk
    leaves the walk before ``pi`` and re-enters it after.  Each row off the walk gets
    the first ``pl`` it can be reached from without passing the walk (one search
    per ``pl``); an edge from level ``l`` to ``pj`` then clears ``p(l+1) … p(j-1)``.

    >>> m = Rows.of_pairs([0, 0, 1, 2], [1, 2, 3, 3], 4)
    >>> on_every_route(m, [0], 3, np.ones(4, bool)), on_every_route(m, [1, 2], 3, np.ones(4, bool))
    ([], [])
    >>> on_every_route(Rows.of_pairs([0, 1], [1, 2], 3), [0], 2, np.ones(3, bool))
    [1]
    """
    graph, root = _rooted(matrix, starts)
    size = graph.size
    order, predecessors = _breadth_first(graph, root)
    walk = [goal]
    while walk[-1] != root:
        walk.append(int(predecessors[walk[-1]]))
    walk.reverse()
    place = np.full(size, -1, np.int64)
    place[walk] = np.arange(len(walk))
    usable = np.zeros(size, bool)
    usable[order] = True  # reached from a start ...
    usable[: len(reaching)] &= reaching  # ... and reaching the goal: on some walk
    usable[root] = True
    source = np.repeat(np.arange(size), np.diff(graph.indptr))
    target = graph.indices
    keep = usable[source] & usable[target]
    source, target = source[keep], target[keep]
    off_walk = place[source] < 0
    detour = Rows.of_pairs(source[off_walk], target[off_walk], size)
    level = place.copy()
    for i, node in enumerate(walk):
        after = graph.indices[graph.indptr[node] : graph.indptr[node + 1]]
        first = after[usable[after] & (level[after] < 0)]
        if len(first):
            found = _reached(detour, first)
            found = found[level[found] < 0]
            level[found] = i
    back = place[target] >= 0
    begin, end = level[source[back]] + 1, place[target[back]]
    jumps = end > begin
    cleared = np.zeros(len(walk) + 1, np.int64)
    np.add.at(cleared, begin[jumps], 1)
    np.add.at(cleared, end[jumps], -1)
    covered = np.cumsum(cleared)
    first_ones = set(np.asarray(starts).tolist())
    return [
        walk[i]
        for i in range(len(walk) - 2, 0, -1)
        if covered[i] == 0 and walk[i] not in first_ones
    ]


def _rooted(matrix: Rows, starts: Sequence[int]) -> tuple[Rows, int]:
    """``matrix`` and the row to search from: the start itself when there is one,
    else a virtual row (one more than ``matrix`` has) joined to every start."""
    first = np.unique(np.asarray(starts, dtype=matrix.indices.dtype))
    size = matrix.size
    if len(first) == 1:
        return matrix, int(first[0])
    indptr = np.append(matrix.indptr, matrix.indptr[-1] + len(first)).astype(matrix.indptr.dtype)
    indices = np.concatenate([matrix.indices, first])
    return Rows(indptr, indices), size


class Distances(Mapping[int, int]):
    """Hops to the goal by product state (see :class:`mechgraph.query.search.Search`), read-only.

    >>> d = Distances(np.array([-1, 3]))
    >>> 1 in d, 0 in d, d[1], list(d)
    (True, False, 3, [1])
    """

    def __init__(self, depth: np.ndarray) -> None:
        self.depth = depth

    def __contains__(self, state: object) -> bool:
        return isinstance(state, int) and 0 <= state < len(self.depth) and self.depth[state] >= 0

    def __getitem__(self, state: int) -> int:
        if state not in self:
            raise KeyError(state)
        return int(self.depth[state])

    def __iter__(self) -> Iterator[int]:
        return iter(np.flatnonzero(self.depth >= 0).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.depth >= 0))
