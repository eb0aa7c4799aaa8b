"""Turn measured timings into figures, ratios, verdicts and tables.

A target is judged at the size issue 6 states it for (parse on the 100k
corpus, everything else on the 1M-link graph); at other sizes its ratio is
shown for the growth of costs, with the verdict ``info``.

>>> sizes = {"100k": {"links": 100_000, "lines": 101_000, "peak_rss_mib": 50.0,
...     "timings": {"ceiling": {"median_s": 0.1, "note": ""},
...                 "parse": {"median_s": 0.2, "note": ""}}}}
>>> rows = figure_rows(sizes)
>>> rows[0].ratio, rows[0].verdict
(0.5, 'PASS')
>>> rows[1].verdict
'n/a'
>>> figure_rows({"1k": sizes["100k"]})[0].verdict
'info'
"""

from __future__ import annotations

import enum
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "Direction",
    "Target",
    "TARGETS",
    "Row",
    "figure_rows",
    "figure_table",
    "table",
    "machine",
    "size_label",
]


@dataclass(frozen=True)
class Target:
    """One figure of the issue: a mechgraph timing against a baseline timing."""

    figure: str
    baseline: str
    label: str
    direction: Direction
    limit: float
    size: str = "1M"  # the corpus the issue states the target for


class Direction(enum.Enum):
    """Whether a ratio must stay above (throughput) or below (time) its limit."""

    AT_LEAST = ">="
    AT_MOST = "<="


TARGETS = (
    Target("parse", "ceiling", "parse lines/s vs re+split", Direction.AT_LEAST, 0.25, "100k"),
    Target("compile", "nx_build", "compile vs bare nx build", Direction.AT_MOST, 2.0),
    Target("ask", "igraph_bfs", "ask vs igraph BFS", Direction.AT_MOST, 3.0),
    Target("ask_via", "igraph_bfs", "ask --via vs igraph BFS", Direction.AT_MOST, 3.0),
    Target("ask_sign", "igraph_bfs", "ask --sign + vs igraph BFS", Direction.AT_MOST, 3.0),
    Target("pathways", "igraph_bfs", "pathways C T vs igraph BFS", Direction.AT_MOST, 3.0),
    Target(
        "every_through", "igraph_bfs", "every C reaches T through X vs BFS", Direction.AT_MOST, 3.0
    ),
)


@dataclass(frozen=True)
class Row:
    """One line of the figure table: the median, the first (cold) call, the baseline."""

    size: str
    label: str
    value: str
    first: str
    baseline: str
    ratio: float | None
    target: str
    verdict: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def size_label(links: int) -> str:
    """``1000`` → ``"1k"``, ``1000000`` → ``"1M"``, ``2500`` → ``"2500"``.

    >>> [size_label(n) for n in (1000, 100_000, 1_000_000, 2500)]
    ['1k', '100k', '1M', '2500']
    """
    for scale, suffix in ((1_000_000, "M"), (1_000, "k")):
        if links % scale == 0:
            return f"{links // scale}{suffix}"
    return str(links)


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.2f} ms" if value >= 1e-3 else f"{value * 1e6:.0f} µs"


def _show(target: Target, seconds: float, lines: int | None) -> str:
    if target.direction is Direction.AT_LEAST and lines:
        return f"{lines / seconds / 1e3:,.1f}k lines/s"
    return _seconds(seconds)


def _row(size: str, result: dict[str, Any], target: Target) -> Row:
    timings, lines = result["timings"], result.get("lines")
    figure, baseline = timings.get(target.figure, {}), timings.get(target.baseline, {})
    shown_target = f"{target.direction.value} {target.limit:g} at {target.size}"
    base_s = baseline.get("median_s")
    base = _show(target, base_s, lines) if base_s else baseline.get("note", "?")
    seconds = figure.get("median_s")
    if not seconds or not base_s:
        note = figure.get("note") or "not measured"
        verdict = "ERROR" if note.startswith("error") else "n/a"
        return Row(size, target.label, note, "-", base, None, shown_target, verdict, note)
    if target.direction is Direction.AT_LEAST:
        ratio = base_s / seconds
        ok = ratio >= target.limit
    else:
        ratio = seconds / base_s
        ok = ratio <= target.limit
    first = figure.get("first_call_s")
    verdict = ("PASS" if ok else "FAIL") if size == target.size else "info"
    return Row(
        size,
        target.label,
        _show(target, seconds, lines),
        _show(target, first, lines) if first else "-",
        base,
        round(ratio, 3),
        shown_target,
        verdict,
        figure.get("answer", ""),
    )


def figure_rows(sizes: dict[str, dict[str, Any]]) -> list[Row]:
    """Every target at every size that was measured, in size then target order; then
    issue 16's rows of the size (peak RSS, warm start, its processes)."""
    return [
        row
        for size, result in sizes.items()
        if "timings" in result
        for row in [*(_row(size, result, target) for target in TARGETS), *_scale_rows(size, result)]
    ]


def _verdict(size: str, at: str, ok: bool | None) -> str:
    if size != at:
        return "info" if ok is not None else "ERROR"
    return "PASS" if ok else "FAIL"


def _rss_row(size: str, memory: dict[str, Any]) -> Row:
    ratio, limit = memory.get("rss_ratio_vs_networkx"), memory["target"]
    mech, base = memory.get("mechgraph_peak_rss_mib"), memory.get("networkx_peak_rss_mib")
    status = memory.get("status", "ok")
    return Row(
        size,
        "peak RSS: mechgraph load vs bare nx graph",
        f"{mech:,.0f} MiB" if ratio is not None else status[:80],
        "-",
        f"{base:,.0f} MiB" if base else "?",
        ratio,
        f"<= {limit:g} at 1M",
        _verdict(size, "1M", None if ratio is None else ratio <= limit),
        status if ratio is None else "",
    )


def _load_row(size: str, timings: dict[str, Any]) -> Row:
    load, nx = timings.get("load", {}), timings.get("nx_load", {})
    seconds, base = load.get("median_s"), nx.get("median_s")
    ratio = round(seconds / base, 3) if seconds and base else None
    return Row(
        size,
        "load (read+parse+compile) vs nx read+build",
        _seconds(seconds) if seconds else load.get("note", "?")[:80],
        "-",
        _seconds(base) if base else nx.get("note", "?")[:80],
        ratio,
        "-",
        "info" if ratio is not None else "ERROR",
        load.get("answer", ""),
    )


def _warm_rows(size: str, start: dict[str, Any]) -> list[Row]:
    warm, targets = start.get("warm"), start["targets"]
    cold = f"cold {_seconds(start['cold'])}" if start.get("cold") else "-"
    shown = _seconds(warm) if warm else start.get("status", "?")[:80]
    if warm and start.get("warm_cpu"):
        shown += f" (CPU {_seconds(start['warm_cpu'])})"
    ratio = start.get("ratio_to_seed")
    seed = start.get("seed_warm_s")
    return [
        Row(
            size,
            "warm `mechgraph ask` process (wall)",
            shown,
            cold,
            "-",
            None,
            f"<= {targets['warm_s']:g} s at 1M",
            _verdict(size, "1M", None if warm is None else warm <= targets["warm_s"]),
            start.get("status", ""),
        ),
        Row(
            size,
            "warm `ask` vs the seed's 16 links (wall)",
            shown,
            cold,
            _seconds(seed) if seed else "?",
            ratio,
            f"<= {targets['ratio_to_seed']:g} at 1M",
            _verdict(size, "1M", None if ratio is None else ratio <= targets["ratio_to_seed"]),
        ),
    ]


def _phases_row(size: str, phases: dict[str, Any]) -> Row:
    count = len(phases["processes"])
    failed = phases["failed"]
    return Row(
        size,
        "every process within the memory cap",
        f"all {count} ok" if not failed else failed[0][:80],
        "-",
        "-",
        None,
        "all ok at 10M",
        _verdict(size, "10M", not failed) if size == "10M" or not failed else "ERROR",
        "; ".join(failed),
    )


def _scale_rows(size: str, result: dict[str, Any]) -> list[Row]:
    rows = []
    if "memory" in result:
        rows += [_rss_row(size, result["memory"]), _load_row(size, result["timings"])]
    if "warm_start" in result:
        rows += _warm_rows(size, result["warm_start"])
    if "phases" in result:
        rows.append(_phases_row(size, result["phases"]))
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def figure_table(rows: list[Row]) -> str:
    """The figures with their baselines, ratios and verdicts as aligned text."""
    header = ["size", "figure", "mechgraph", "first call", "baseline", "ratio", "target", "verdict"]
    cut = 60  # an error is kept whole in the JSON
    return table(
        header,
        [
            [
                r.size,
                r.label,
                r.value[:cut],
                r.first,
                r.baseline[:cut],
                "-" if r.ratio is None else f"{r.ratio:.2f}",
                r.target,
                r.verdict,
            ]
            for r in rows
        ],
    )


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _field(text: str, key: str) -> str:
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, OS, Python and library versions, commit and date."""
    meminfo = _field(_read("/proc/meminfo"), "MemTotal")
    return {
        "cpu": _field(_read("/proc/cpuinfo"), "model name"),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory": meminfo,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "libraries": {p: _version(p) for p in ("networkx", "pyparsing", "igraph", "scipy")},
        "commit": _commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
