"""Issue 18's pathological graphs as benchmarks: time and memory ceilings, as ratios.

Each case is a rule file the issue's audit made mechgraph hang or swell on (a
1M-hop chain answered ``walk only`` after 25 s; ``predict`` on a 5k chain ran
300 s and 1.6 GB; an ``isa`` chain of depth 5k took 15 s and 1.8 GB per ask;
8,000 parallel links took the lint 37 s and 2.35 GB; 66,000 references on one
line ran for minutes; ``--max-paths 1000000`` took 2.96 GB).  mechgraph and a
baseline doing the same job with networkx or ``re`` (reading the same file,
building the graph, answering the same question) each run in a fresh process;
the figures are their CPU seconds and peak RSS, **measured in the same run**,
and a case passes when both ratios keep under its ceilings and mechgraph's
answer is the right one::

    .venv/bin/python -m benchmarks.pathological               # the issue's sizes
    .venv/bin/python -m benchmarks.pathological --scale 0.01  # small, for trying things

Writes ``benchmarks/pathological.json`` (``pathological-quick.json`` below scale 1).

>>> [case.name for case in CASES]
['dag-chain', 'predict-chain', 'isa-chain', 'parallel-links', 'many-references', 'max-paths']
>>> chain(3)
'n0 -> n1\\nn1 -> n2\\nn2 -> n3\\n'
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["CASES", "Case", "chain", "main", "measure"]

HERE = Path(__file__).resolve().parent
_REFERENCE = re.compile(r"@(\w+)")


def chain(n: int) -> str:
    """``n0 -> n1 -> ... -> n{n}``, one link a line."""
    return "".join(f"n{i} -> n{i + 1}\n" for i in range(n))


def _predict_chain(n: int) -> str:
    return chain(n) + f"hypothesis h:\n    every n0 reaches n{n} through n{n // 2}\n"


def _isa_chain(n: int) -> str:
    return "".join(f"c{i} isa c{i + 1}\n" for i in range(n)) + f"c{n} -| x\n"


def _parallel(n: int) -> str:
    return "".join(f"a -> b [k=v{i}]\n" for i in range(n))


def _references(n: int) -> str:
    return "a -> b " + "@s " * n + "\n"


def _ladder(n: int) -> str:
    """``n`` rungs of two entities each: 2**n routes of equal length from s to t."""
    rungs = [["s"]] + [[f"a{i}", f"b{i}"] for i in range(n)] + [["t"]]
    return "".join(f"{x} -> {y}\n" for up, down in zip(rungs, rungs[1:]) for x in up for y in down)


@dataclass(frozen=True)
class Case:
    """One pathological rule file, what mechgraph does with it, and its ceilings."""

    name: str
    issue: str  # what the audit measured
    size: int  # at scale 1, the issue's size
    make: Callable[[int], str]
    time_ceiling: float  # mechgraph CPU seconds / baseline CPU seconds, at most
    memory_ceiling: float  # mechgraph peak RSS / baseline peak RSS, at most


CASES = (
    Case("dag-chain", "100k-hop chain: walk only after 25 s", 1_000_000, chain, 10, 5),
    Case("predict-chain", "predict on a 5k chain: 300 s, 1.6 GB", 5_000, _predict_chain, 10, 4),
    Case("isa-chain", "isa depth 5k: 15 s, 1.8 GB per ask", 5_000, _isa_chain, 40, 4),
    Case("parallel-links", "8,000 parallel links: lint 37 s, 2.35 GB", 8_000, _parallel, 40, 4),
    Case("many-references", "66,000 @s on one line: minutes", 66_000, _references, 40, 8),
    Case("max-paths", "--max-paths 1000000: 2.96 GB", 20, _ladder, 100, 4),
)


# -- the two sides of each case, run in a worker process ---------------------------------------


def _mechgraph(case: str, rules: Path, size: int) -> tuple[str, float]:
    """Load ``rules`` and do the case's job; a glimpse of the answer and the job's seconds."""
    from mechgraph.compiler.lint import lint
    from mechgraph.errors import MechgraphError
    from mechgraph.model import load

    try:
        model = load(rules, cache=None)
    except MechgraphError as error:  # many-references: errors, capped per line and file
        return f"{len(error.diagnostics)} diagnostics", 0.0
    started = time.process_time()
    if case == "dag-chain":
        glimpse = model.ask("n0", f"n{size}").verdict.value
    elif case == "predict-chain":
        glimpse = model.predict("h").note or "no note"
    elif case == "isa-chain":
        answer = model.ask("c0", "x")
        glimpse = f"{answer.verdict.value} {len(answer.paths[0].hops)} hops, {len(lint(model.graph))} warnings"
    elif case == "parallel-links":
        glimpse = f"{len(lint(model.graph))} warnings"
    elif case == "max-paths":
        glimpse = f"{len(model.ask('s', 't', max_paths=1000).paths)} paths"
    else:
        glimpse = f"{len(lint(model.graph))} warnings"
    return glimpse, time.process_time() - started


def _baseline(case: str, rules: Path, size: int) -> tuple[str, float]:
    """The same job done by networkx (or ``re``) on the same file."""
    text = rules.read_text(encoding="utf-8")
    if case == "many-references":  # each unknown reference, located and worded
        started = time.process_time()
        said = [
            f"{rules}:1:{m.start() + 1}: error: unknown source {m.group(1)!r}"
            for m in _REFERENCE.finditer(text)
        ]
        return f"{len(said)} references", time.process_time() - started
    graph = nx.MultiDiGraph() if case == "parallel-links" else nx.DiGraph()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] in ("->", "-|", "isa"):
            graph.add_edge(parts[0], parts[2], sign=parts[1])
    started = time.process_time()
    if case == "dag-chain":
        glimpse = f"{len(nx.shortest_path(graph, 'n0', f'n{size}')) - 1} hops"
    elif case == "predict-chain":
        pathway, target = f"n{size // 2}", f"n{size}"
        hops = dict(nx.single_target_shortest_path_length(graph, pathway))
        nearest = sorted(hops.items(), key=lambda p: p[1])
        for node, _ in nearest[1:101]:  # each candidate: to X, to T through X, to T
            for end in (pathway, target, target):
                nx.shortest_path(graph, node, end)
        glimpse = f"{len(nearest) - 1} candidates"
    elif case == "isa-chain":
        glimpse = f"{len(nx.shortest_path(graph, 'c0', 'x')) - 1} hops"
        glimpse += f", {len(nx.descendants(graph, 'c0'))} above"
    elif case == "parallel-links":
        groups: dict[tuple, int] = {}
        for s, t, data in graph.edges(data=True):
            groups[s, t, data["sign"]] = groups.get((s, t, data["sign"]), 0) + 1
        glimpse = f"{len(groups)} groups"
    else:  # max-paths
        glimpse = f"{len(list(islice(nx.all_shortest_paths(graph, 's', 't'), 1000)))} paths"
    return glimpse, time.process_time() - started


def _right(case: Case, size: int, glimpse: str) -> bool:
    """Whether mechgraph's answer is the one the case must give."""
    expected = {
        "dag-chain": "yes",
        "predict-chain": "more entities with a walk" if size // 2 > 101 else "no note",
        "isa-chain": f"yes {size + 1} hops",
        "parallel-links": "warnings",
        "many-references": "diagnostics",
        "max-paths": "1000 paths" if size >= 10 else "paths",
    }[case.name]
    return expected in glimpse


def _worker(args: argparse.Namespace) -> int:
    side = _mechgraph if args.side == "mechgraph" else _baseline
    if side is _mechgraph:  # imports are not timed, on either side
        import mechgraph.compiler.lint
        import mechgraph.model  # noqa: F401
    started = time.process_time()
    glimpse, job = side(args.worker, Path(args.rules), args.size)
    found = {
        "seconds": time.process_time() - started,
        "job_seconds": job,
        "peak_mib": _peak_mib(),
        "glimpse": glimpse,
    }
    Path(args.out).write_text(json.dumps(found), encoding="utf-8")
    return 0


def _peak_mib() -> float:
    """This process's peak RSS: ``VmHWM`` (``ru_maxrss`` survives ``exec`` on Linux, so
    it would report the runner's own peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spawn(case: Case, side: str, rules: Path, size: int, folder: Path) -> dict[str, Any]:
    out = folder / f"{case.name}-{side}.json"
    command = [sys.executable, "-m", "benchmarks.pathological", "--worker", case.name]
    command += ["--side", side, "--rules", str(rules), "--size", str(size), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(out.read_text(encoding="utf-8"))


def measure(case: Case, scale: float, folder: Path) -> dict[str, Any]:
    """Both sides of ``case`` at ``scale`` of its size, each in a fresh process, and the
    verdict: ``PASS`` when mechgraph answers right within both ceilings."""
    size = max(4, round(case.size * scale)) if case.name != "max-paths" else case.size
    rules = folder / f"{case.name}.mg"
    rules.write_text(case.make(size), encoding="utf-8")
    ours, theirs = (_spawn(case, side, rules, size, folder) for side in ("mechgraph", "baseline"))
    row: dict[str, Any] = {"case": case.name, "issue": case.issue, "size": size}
    row |= {"mechgraph": ours, "baseline": theirs}
    if "error" in ours or "error" in theirs:
        return row | {"verdict": "ERROR"}
    time_ratio = ours["seconds"] / max(theirs["seconds"], 1e-3)
    memory_ratio = ours["peak_mib"] / theirs["peak_mib"]
    row |= {
        "time_ratio": round(time_ratio, 2),
        "time_ceiling": case.time_ceiling,
        "memory_ratio": round(memory_ratio, 2),
        "memory_ceiling": case.memory_ceiling,
        "right_answer": _right(case, size, ours["glimpse"]),
    }
    if not row["right_answer"]:
        return row | {"verdict": "WRONG"}
    if scale < 1:  # ceilings hold at the issue's sizes; smaller ones show the growth
        return row | {"verdict": "info"}
    within = time_ratio <= case.time_ceiling and memory_ratio <= case.memory_ceiling
    return row | {"verdict": "PASS" if within else "FAIL"}


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"{'case':16} {'size':>9} {'mechgraph':>10} {'baseline':>9} {'time':>12} "
        f"{'MiB':>7} {'memory':>11}  verdict  answer"
    ]
    for row in rows:
        if row["verdict"] == "ERROR":
            lines.append(f"{row['case']:16} {row['size']:>9}  ERROR {row}")
            continue
        ours, theirs = row["mechgraph"], row["baseline"]
        lines.append(
            f"{row['case']:16} {row['size']:>9} {ours['seconds']:>9.2f}s {theirs['seconds']:>8.2f}s"
            f" {row['time_ratio']:>5.1f}x<={row['time_ceiling']:<4g} {ours['peak_mib']:>7.0f}"
            f" {row['memory_ratio']:>4.1f}x<={row['memory_ceiling']:<3g}  {row['verdict']:7}  "
            f"{ours['glimpse']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pathological")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes")
    parser.add_argument("--out", type=Path, help="the JSON file (default in benchmarks/)")
    parser.add_argument("--cases", help="comma-separated case names (default all)")
    for hidden in ("--worker", "--side", "--rules"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)
    chosen = [c for c in CASES if not args.cases or c.name in args.cases.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for case in chosen:
            rows.append(measure(case, args.scale, Path(folder)))
            print(_table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    name = "pathological.json" if args.scale >= 1 else "pathological-quick.json"
    out = args.out or HERE / name
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
    ).stdout.strip()
    document = {
        "scale": args.scale,
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "rows": rows,
    }
    out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(_table(rows))
    return 0 if all(row["verdict"] in ("PASS", "info") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
