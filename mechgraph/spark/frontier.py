"""The product-state search as DataFrame joins: a frontier joined with the hop table, level by level.

A state is ``(root, entity, sign so far, through via yet, context so far)``:
the in-memory engine's product state (:mod:`mechgraph.query.search`) with
the route's merged context added, so that a route combining contradicting
contexts is never taken, as the in-memory witness search never takes one.
Each *root* is one search — one question of ``ask --pairs``, or one member
of a hypothesis's class — with its own starts, target, ``via``, avoided
entity and sign, and the spec (the claims it may use) it shares with
others.  The hops each spec may take (contexts admitted, less the claims
it leaves out) are joined once per search.  All roots of a batch advance
together; one level is

1. the frontier joined with the usable hops leaving its entities;
2. each new state's context: the merge table (route context, claim
   context) → merged context, broadcast; pairs it lacks are collected,
   merged on the driver (:class:`~mechgraph.spark.contexts.Contexts`) and
   added, so executors run no Python;
3. an anti-join with the states visited before; one parent pointer kept per
   new state (the least, so the result does not depend on partitioning).

A level costs four Spark jobs: three broadcasts (frontier, merge table,
visited states) and the job that makes it and sums it up.

A root is done at the first level where it reaches its target (in phase
"through via", with the sign asked): breadth-first, that is its shortest
route whose contexts agree.  Its witness is read back along the parent
pointers, one lookup per level.

>>> Root(0, 0, (1,), 2).want
-1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from mechgraph.spark.contexts import CLASH, Contexts

__all__ = ["Found", "Root", "Spec", "search"]

_STATE = ["rid", "node", "sign", "phase", "ctx"]
#: Route contexts times claim contexts merged on the driver in one go; beyond, only the
#: pairs a level meets (one more job).
_DRIVER_MERGES = 20_000
#: States up to which a frontier, or the states visited, are broadcast in a join.
_BROADCAST = 200_000
#: What each state row carries of its root, so that a level needs no join with the roots.
_ROOT = ["sid", "target", "via", "avoid", "want", "mixed"]
_COLUMNS = [
    ("rid", "int"),
    ("node", "int"),
    ("sign", "int"),
    ("phase", "int"),
    ("ctx", "int"),
    ("sid", "int"),
    ("target", "int"),
    ("via", "int"),
    ("avoid", "int"),
    ("want", "int"),
    ("mixed", "boolean"),
    ("pnode", "int"),
    ("claim", "long"),
    ("code", "int"),
]


@dataclass(frozen=True)
class Spec:
    """The claims a group of roots may use: admitted context ids, hypothesised claims
    or not, and claim ids left out."""

    sid: int
    admitted: tuple[int, ...]
    include: bool
    denied: tuple[int, ...] = ()


@dataclass(frozen=True)
class Root:
    """One search: from any of ``starts`` to ``target`` under spec ``sid``."""

    rid: int
    sid: int
    starts: tuple[int, ...]
    target: int
    via: int = -1
    avoid: int = -1
    want: int = -1  # the sign code the route must have; -1: any (signs not tracked)
    mixed: bool = False  # True: contexts are not merged (routes need not agree)


class Found(NamedTuple):
    """A root's shortest route: its start, hops ``(from, to, claim)``, sign code, context id."""

    start: int
    steps: tuple[tuple[int, int, int], ...]
    sign: int
    context: int


@dataclass
class Stats:
    """What a search did: levels run, states expanded."""

    levels: int = 0
    states: int = 0


def search(
    spark: Any,
    hops: Any,
    contexts: Contexts,
    specs: Sequence[Spec],
    roots: Sequence[Root],
    stats: Stats | None = None,
) -> dict[int, Found]:
    """Every root's shortest route (roots with none are missing from the result).

    ``hops`` is the hop table (columns of the ``hops`` Parquet table).
    """
    from pyspark.sql import functions as F

    stats = stats if stats is not None else Stats()
    empty = contexts.empty
    edges = hops.select(
        F.col("source").cast("int").alias("node"),
        F.col("target").cast("int").alias("dst"),
        F.col("claim").cast("long").alias("claim"),
        F.col("code").cast("int").alias("code"),
        F.when(F.col("context") < 0, F.lit(empty)).otherwise(F.col("context")).alias("cctx"),
        F.col("hypothetical").alias("hyp"),
    )
    usable = _usable(spark, edges, specs, empty)
    level = spark.createDataFrame(
        [
            (r.rid, node, 0, 0 if r.via >= 0 and node != r.via else 1, empty)
            + (r.sid, r.target, r.via, r.avoid, r.want, r.mixed, -1, -1, 0)
            for r in roots
            for node in r.starts
            if node != r.avoid
        ],
        ", ".join(f"{name} {kind}" for name, kind in _COLUMNS),
    ).withColumn("pkey", F.lit(None).cast("struct<sign:int,phase:int,ctx:int>"))
    levels = [level.localCheckpoint()]
    visited = levels[0].select(*_STATE)
    found: dict[int, tuple] = {}
    merges = _merge_table(spark, contexts)
    claim_contexts = sorted({c for s in specs for c in s.admitted} - {empty})
    merged_from: set[int] = set()
    loose = all(r.mixed for r in roots)
    while True:
        count, ctxs, goals = _summary(levels[-1], F)
        stats.levels += 1
        stats.states += count
        for goal in sorted(goals):
            if goal.rid not in found:
                found[goal.rid] = (len(levels) - 1, goal)
        if not count or len(found) == len(roots):
            break
        frontier = levels[-1].filter(F.col("node") != F.col("target"))
        if found:
            frontier = frontier.filter(~F.col("rid").isin(list(found)))
        frontier = frontier.drop("pnode", "claim", "code", "pkey")
        if count <= _BROADCAST:  # a small frontier goes to the hops, not the hops to it
            frontier = F.broadcast(frontier)
        step = frontier.join(usable, ["sid", "node"]).filter(F.col("dst") != F.col("avoid"))
        new = sorted(set(ctxs) - merged_from)
        if loose or not new:
            pass
        elif len(new) * len(claim_contexts) <= _DRIVER_MERGES:
            contexts.merge_all((a, b) for a in new for b in claim_contexts)
            merged_from.update(new)
            merges = _merge_table(spark, contexts)
        else:  # too many to merge them all: the pairs this level meets
            wanted = (
                step.filter(~F.col("mixed") & (F.col("cctx") != empty))
                .select("ctx", "cctx")
                .distinct()
                .join(merges, ["ctx", "cctx"], "left_anti")
                .collect()
            )
            if wanted:
                contexts.merge_all((row.ctx, row.cctx) for row in wanted)
                merges = _merge_table(spark, contexts)
        after = step.join(merges, ["ctx", "cctx"], "left").select(
            "rid",
            F.col("dst").alias("node"),
            F.when(F.col("want") < 0, F.lit(0))
            .when((F.col("sign") == 2) | (F.col("code") == 2), F.lit(2))
            .otherwise(F.col("sign").bitwiseXOR(F.col("code")))
            .alias("sign"),
            F.when(F.col("dst") == F.col("via"), F.lit(1)).otherwise(F.col("phase")).alias("phase"),
            F.when(F.col("mixed") | (F.col("cctx") == empty), F.col("ctx"))
            .otherwise(F.col("merged"))
            .alias("ctx"),
            *_ROOT,
            F.col("node").alias("pnode"),
            "claim",
            "code",
            F.struct(
                F.col("sign").alias("sign"),
                F.col("phase").alias("phase"),
                F.col("ctx").alias("ctx"),
            ).alias("pkey"),
        )
        after = _unvisited(after.filter(F.col("ctx") != CLASH), visited, empty, stats, F)
        best = after.groupBy(*_STATE, *_ROOT).agg(
            F.min(F.struct("pnode", "claim", "code", "pkey")).alias("parent")
        )
        level = best.select(
            *_STATE, *_ROOT, "parent.pnode", "parent.claim", "parent.code", "parent.pkey"
        )
        levels.append(level.localCheckpoint(eager=False))  # made by the summary's job
        visited = visited.unionByName(levels[-1].select(*_STATE))
    return _witnesses(spark, levels, found, F)


def _usable(spark: Any, edges: Any, specs: Sequence[Spec], empty: int) -> Any:
    """The hops each spec may take (a ``sid`` column added), made once for a search so that
    a level joins its frontier with them alone: contexts admitted, hypothesised claims only
    where included, claims left out dropped."""
    from pyspark.sql import functions as F

    admit = _local(
        spark,
        [(s.sid, c, s.include) for s in specs for c in sorted(set(s.admitted) | {empty})],
        sid="int32",
        cctx="int32",
        include="bool_",
    )
    usable = edges.join(F.broadcast(admit), "cctx").filter(F.col("include") | ~F.col("hyp"))
    denied = [(s.sid, c) for s in specs for c in s.denied]
    if denied:
        left_out = _local(spark, denied, sid="int32", claim="int64")
        usable = usable.join(F.broadcast(left_out), ["sid", "claim"], "left_anti")
    return usable.select("sid", "node", "dst", "claim", "code", "cctx").localCheckpoint()


def _unvisited(after: Any, visited: Any, empty: int, stats: Stats, F: Any) -> Any:
    """The new states of ``after`` worth expanding, ``after`` read once (each use of it in a
    plan would be a join of its own, and a job for each broadcast in it).

    A state is dropped when it was visited, or when the same state under any context
    (``ctx`` empty) was visited or is reached now: every hop on from the narrower context
    is open to it, so it is at least as good.
    """
    from pyspark.sql import Window

    key = _STATE[:-1]
    seen = visited.select(*(F.col(c).alias(f"seen_{c}") for c in _STATE))
    if stats.states <= _BROADCAST:
        seen = F.broadcast(seen)
    same = [F.col(c) == F.col(f"seen_{c}") for c in key]
    either = (F.col("ctx") == F.col("seen_ctx")) | (F.col("seen_ctx") == F.lit(empty))
    fresh = after.join(seen, [*same, either], "left_anti")
    free = F.max((F.col("ctx") == F.lit(empty)).cast("int")).over(Window.partitionBy(*key))
    return (
        fresh.withColumn("free", free)
        .filter((F.col("ctx") == F.lit(empty)) | (F.col("free") == 0))
        .drop("free")
    )


def _summary(level: Any, F: Any) -> tuple[int, list[int], list]:
    """One job over a level: its size, the contexts its states hold, and its goal states
    (at their root's target, in phase 1, with the sign asked)."""
    goal = (
        (F.col("node") == F.col("target"))
        & (F.col("phase") == 1)
        & ((F.col("want") < 0) | (F.col("sign") == F.col("want")))
    )
    fields = F.struct("rid", *_STATE[1:], "pnode", "claim", "code", "pkey")
    row = level.agg(
        F.count(F.lit(1)).alias("count"),
        F.collect_set("ctx").alias("ctxs"),
        F.collect_list(F.when(goal, fields)).alias("goals"),
    ).collect()[0]
    return row["count"], list(row["ctxs"]), list(row["goals"])


def _merge_table(spark: Any, contexts: Contexts) -> Any:
    from pyspark.sql import functions as F

    rows = [(a, b, m) for (a, b), m in contexts.merged.items()] or [(-1, -1, CLASH)]
    return F.broadcast(_local(spark, rows, ctx="int32", cctx="int32", merged="int32"))


def _local(spark: Any, rows: Sequence[tuple], **columns: str) -> Any:
    """A small table held in the plan itself (made from Arrow, so broadcasting it needs
    no Spark job, as one made from Python rows would)."""
    import pyarrow as pa

    values = list(zip(*rows)) if rows else [()] * len(columns)
    return spark.createDataFrame(
        pa.table(
            {
                name: pa.array(column, type=getattr(pa, kind)())
                for (name, kind), column in zip(columns.items(), values)
            }
        )
    )


def _witnesses(spark: Any, levels: list, found: dict[int, tuple], F: Any) -> dict[int, Found]:
    """Each found root's route, read back along the parent pointers (one join per level)."""
    current = dict(found)
    steps: dict[int, list[tuple[int, int, int, int]]] = {rid: [] for rid in found}
    for depth in range(max((d for d, _ in found.values()), default=0), 0, -1):
        here = {rid: row for rid, (d, row) in current.items() if d == depth}
        for rid, row in here.items():
            steps[rid].append((row.pnode, row.node, row.claim, row.code))
        if depth == 1:
            break
        keys = {
            (rid, row.pnode, row.pkey.sign, row.pkey.phase, row.pkey.ctx)
            for rid, row in here.items()
        }
        rids, nodes = sorted({k[0] for k in keys}), sorted({k[1] for k in keys})
        near = levels[depth - 1].filter(F.col("rid").isin(rids) & F.col("node").isin(nodes))
        for row in near.collect():
            if (row.rid, row.node, row.sign, row.phase, row.ctx) in keys:
                current[row.rid] = (depth - 1, row)
    result = {}
    for rid, (_, goal) in found.items():
        hops = list(reversed(steps[rid]))
        start = hops[0][0] if hops else goal.node
        sign = 0
        for *_, code in hops:
            sign = 2 if 2 in (sign, code) else sign ^ code
        result[rid] = Found(start, tuple(h[:3] for h in hops), sign, goal.ctx)
    return result
