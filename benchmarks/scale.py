"""The rows of issue 16 in a size's JSON: RSS ratio, warm start, phases, big-size timings.

Each function takes what the phase processes of :mod:`benchmarks.phases` and
:mod:`benchmarks.warm_start` returned (a phase that failed returns ``error``
and its ``process``) and shapes it for ``results.json``:

* ``memory``: mechgraph's peak RSS after ``load`` against the bare networkx
  graph's, both whole processes of the same run, and their ratio (target ≤ 2×
  at 1M links);
* ``warm_start``: the whole ``ask`` process without the cache, cold and warm,
  and the warm start's ratio to the seed's (targets ≤ 1 s and ≤ 10× at 1M);
* ``phases``: how every process of the size ended (``ok``, ``out of memory``
  under the cap, ``failed``).

>>> load = {"checkpoints_mib": {"load": 300.0}, "seconds": {"load": {"cpu_s": 2.0}},
...         "process": {"status": "ok", "peak_rss_mib": 310.0}}
>>> nx = {"peak_rss_mib": 200.0, "cpu_s": 1.0, "process": {"status": "ok"}}
>>> row = memory_row(load, nx)
>>> row["rss_ratio_vs_networkx"], row["status"]
(1.5, 'ok')
>>> memory_row({"error": "out of memory at 10M in load (exit 1): MemoryError",
...             "process": {"status": "out of memory", "peak_rss_mib": 16000.0}}, nx)["status"]
'out of memory at 10M in load (exit 1): MemoryError'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "RSS_TARGET",
    "WARM_TARGET_S",
    "SEED_RATIO_TARGET",
    "memory_row",
    "phase_timings",
    "warm_row",
    "warm_line",
    "big_timings",
    "phase_status",
    "problems",
]

#: Issue 16's targets, judged at 1M links.
RSS_TARGET = 2.0
WARM_TARGET_S = 1.0
SEED_RATIO_TARGET = 10.0


def _status(phase: dict[str, Any]) -> str:
    return phase.get("error") or "ok"


def memory_row(load: dict[str, Any], nx: dict[str, Any]) -> dict[str, Any]:
    """Peak RSS of mechgraph's load (parse and compile, no cache) and of the bare networkx
    graph, each its own process; their ratio when both finished."""
    mech = load.get("checkpoints_mib", {}).get("load")
    base = nx.get("peak_rss_mib")
    failed = [_status(p) for p in (load, nx) if "error" in p]
    return {
        "status": failed[0] if failed else "ok",
        "mechgraph_peak_rss_mib": mech,
        "networkx_peak_rss_mib": base,
        "process_peak_rss_mib": {  # from wait4: what a failed process reached
            "mechgraph": load["process"].get("peak_rss_mib"),
            "networkx": nx["process"].get("peak_rss_mib"),
        },
        "rss_ratio_vs_networkx": round(mech / base, 3) if mech and base else None,
        "target": RSS_TARGET,
        "mechgraph": load,
        "networkx": nx,
    }


def _single(name: str, seconds: dict[str, float] | None, note: str, answer: str = "") -> dict:
    """A timing measured once in its own process, shaped like :class:`figures.Timing`'s."""
    cpu, wall = (seconds or {}).get("cpu_s"), (seconds or {}).get("wall_s")
    return {
        "name": name,
        "median_s": cpu,
        "first_call_s": None,
        "cpu_median_s": cpu,
        "wall_median_s": wall,
        "samples_cpu_s": [cpu] if cpu is not None else [],
        "samples_wall_s": [wall] if wall is not None else [],
        "calls_per_sample": 1 if cpu is not None else 0,
        "note": note,
        "answer": answer,
    }


def phase_timings(load: dict[str, Any], nx: dict[str, Any], in_memory: bool) -> dict:
    """``load`` (read, parse, compile in a fresh process) and ``nx_load`` (read the edge
    list and build the bare graph in a fresh process), once each, CPU seconds; at a size
    past the in-memory limit, ``compile`` and ``nx_build`` say why they are not timed."""
    found = {
        "load": _single(
            "load",
            load.get("seconds", {}).get("load"),
            load.get("error", ""),
            load.get("answer", ""),
        ),
        "nx_load": _single("nx_load", nx if "error" not in nx else None, nx.get("error", "")),
    }
    if not in_memory:
        note = "n/a at a phased size (see load)"
        found |= {name: _single(name, None, note) for name in ("compile", "nx_build")}
    return found


def warm_row(start: dict[str, Any], seed: dict[str, Any]) -> dict[str, Any]:
    """The size's ``ask`` processes with the warm start's ratio to the seed's."""
    ratio = None
    if start.get("warm") and seed.get("warm"):
        ratio = round(start["warm"] / seed["warm"], 3)
    return {
        **start,
        "seed_warm_s": seed.get("warm"),
        "ratio_to_seed": ratio,
        "targets": {"warm_s": WARM_TARGET_S, "ratio_to_seed": SEED_RATIO_TARGET, "at": "1M"},
    }


def warm_line(row: dict[str, Any]) -> str:
    """One progress line for a size's ``ask`` processes.

    >>> warm_line({"status": "ok", "no_cache": None, "cold": 9.0, "warm": 0.5,
    ...            "ratio_to_seed": 1.7})
    'mechgraph ask: cold cache 9.00 s, warm cache 0.50 s (1.7x the seed)'
    """
    if row["status"] != "ok":
        return f"mechgraph ask: {row['status']}"
    parts = [f"no cache {row['no_cache']:.2f} s"] if row.get("no_cache") is not None else []
    parts += [f"cold cache {row['cold']:.2f} s"] if row.get("cold") is not None else []
    parts += [f"warm cache {row['warm']:.2f} s"]
    return "mechgraph ask: " + ", ".join(parts) + f" ({row['ratio_to_seed']}x the seed)"


def big_timings(
    timings: dict[str, Any], parse: dict[str, Any], queries: dict[str, Any]
) -> dict[str, Any]:
    """A big size's figures from its parse and query processes, merged into ``timings``."""
    merged = dict(timings)
    for phase, names in ((parse, ("ceiling", "parse")), (queries, ("igraph_bfs", "ask"))):
        if "error" in phase:
            merged |= {name: _single(name, None, "error: " + phase["error"]) for name in names}
        else:
            merged |= phase["timings"]
    peaks = [p["peak_rss_mib"] for p in (parse, queries) if "peak_rss_mib" in p]
    return {
        "timings": dict(sorted(merged.items())),
        "lines": parse.get("lines"),
        "chunks": parse.get("chunks"),
        "graph_from_cache": queries.get("graph_from_cache"),
        "peak_rss_mib": max(peaks) if peaks else None,
    }


def phase_status(result: dict[str, Any], phases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """How every process of the size ended, and whether all did (``ok``)."""
    found = {
        mode: {**phase["process"], "error": phase.get("error", "")}
        for mode, phase in phases.items()
    }
    if "process" in result:  # the timing worker of an in-memory size
        found["time"] = {**result["process"], "error": result.get("error", "")}
    start = result.get("warm_start", {})
    found["ask"] = {"status": start.get("status", "not run"), "runs": len(start.get("runs", {}))}
    bad = [
        f"{mode}: {entry.get('error') or entry['status']}"
        for mode, entry in found.items()
        if entry["status"] != "ok"
    ]
    return {"ok": not bad, "failed": bad, "processes": found}


def problems(result: dict[str, Any]) -> list[str]:
    """What went wrong at a size, one line each (empty when every phase finished)."""
    return list(result.get("phases", {}).get("failed", []))
