"""Run the benchmarks: each size in fresh subprocesses, then the tables and the JSON.

``python -m benchmarks.run [--sizes 1k,10k,100k,1M] [--repeat 5] [--quick]``

For every size the runner (re)generates the corpus when missing or stale,
then starts two workers: one times every stage beside its baseline
(round-robin, median of ``--repeat`` runs) and reports its peak RSS; one
runs mechgraph's stages once with no baseline loaded, for mechgraph's own
peak RSS.  Results go to ``benchmarks/results.json`` (``--quick``:
``benchmarks/results-quick.json``) with a description of the machine.

>>> _sizes("1k,10k")
[1000, 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mechgraph.memory import allow_gc_pause

from . import figures, report
from .drawing import BUDGET_S, LINKS, corpus_spec, measure_drawing
from .generate import header, parse_size, write_files
from .layout import CorpusSpec

__all__ = ["main", "ensure_corpus"]

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = "1k,10k,100k,1M"
QUICK_SIZES = "1k,10k"


def _sizes(text: str) -> list[int]:
    return [parse_size(part.strip()) for part in text.split(",") if part.strip()]


def ensure_corpus(spec: CorpusSpec, folder: Path) -> Path:
    """The corpus file for ``spec`` in ``folder``, generated unless already current."""
    path = folder / f"{report.size_label(spec.links)}-seed{spec.seed}.mg"
    try:
        with open(path, encoding="utf-8") as existing:
            current = existing.readline().rstrip("\n") == header(spec)
    except OSError:
        current = False
    if not current:
        print(f"generating {path} ...", file=sys.stderr, flush=True)
        write_files(spec, path)
    return path


def _worker(args: argparse.Namespace) -> int:
    spec = CorpusSpec(parse_size(args.worker), args.seed)
    corpus = ensure_corpus(spec, args.corpora)
    allow_gc_pause()  # measure the stages as the command line runs them
    if args.mode == "memory":
        result = figures.measure_memory(corpus, spec)
    else:
        result = figures.measure(corpus, spec, args.repeat, figures.Clock(args.clock))
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


def _spawn(spec: CorpusSpec, args: argparse.Namespace, mode: str) -> dict[str, Any]:
    """Run one worker in a fresh interpreter; its JSON, or the error it ended with."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--worker",
            str(spec.links),
            "--mode",
            mode,
            "--repeat",
            str(args.repeat),
            "--seed",
            str(spec.seed),
            "--clock",
            args.clock,
            "--corpora",
            str(args.corpora),
            "--out",
            str(out),
        ]
        done = subprocess.run(command, cwd=HERE.parent, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0 or not out.exists():
            tail = done.stderr.strip().splitlines()[-3:]
            return {"error": f"worker exited {done.returncode}: " + " | ".join(tail)}
        return json.loads(out.read_text(encoding="utf-8"))


def _cli_start(corpus: Path) -> dict[str, float]:
    """Wall seconds of a whole ``mechgraph ask`` process: without the compiled cache,
    cold (an empty cache, which it fills) and warm (median of three)."""
    ask = [
        sys.executable,
        "-m",
        "mechgraph",
        "ask",
        "drug_0",
        "antidepressant_effect",
        "--rules",
        str(corpus),
    ]

    def run(extra: list[str], folder: str) -> float:
        started = time.perf_counter()
        subprocess.run(
            ask + extra,
            cwd=HERE.parent,
            env={**os.environ, "MECHGRAPH_CACHE": folder},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        return time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        times = {"no_cache": run(["--no-cache"], folder), "cold": run([], folder)}
        times["warm"] = statistics.median(run([], folder) for _ in range(3))
    return times


def _measure_size(spec: CorpusSpec, args: argparse.Namespace) -> dict[str, Any]:
    ensure_corpus(spec, args.corpora)
    label = report.size_label(spec.links)
    print(f"[{label}] timing, {args.repeat} repetitions ...", file=sys.stderr, flush=True)
    result = _spawn(spec, args, "time")
    print(f"[{label}] mechgraph memory ...", file=sys.stderr, flush=True)
    memory = _spawn(spec, args, "memory")
    if "error" in memory:
        result["memory_error"] = memory["error"]
    else:
        result["memory_peak_rss_mib"] = memory["peak_rss_mib"]
        result["memory_checkpoints_mib"] = memory["checkpoints_mib"]
    print(f"[{label}] mechgraph ask start, compiled cache ...", file=sys.stderr, flush=True)
    result["cli_start_s"] = start = _cli_start(ensure_corpus(spec, args.corpora))
    print(
        f"[{label}] mechgraph ask: no cache {start['no_cache']:.2f} s, cold cache "
        f"{start['cold']:.2f} s, warm cache {start['warm']:.2f} s",
        file=sys.stderr,
        flush=True,
    )
    return result


def _write_json(path: Path, document: dict[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _record_drawing(args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """Measure the drawing benchmark and store it as the ``drawing`` row of ``out``
    (with the commit and date it was measured at), keeping everything else ``out`` holds."""
    print(f"[{LINKS // 1000}k] drawing within {BUDGET_S:g} s ...", file=sys.stderr, flush=True)
    drawing = measure_drawing(ensure_corpus(corpus_spec(args.seed), args.corpora))
    machine = report.machine()
    drawing["measured"] = {"commit": machine["commit"], "date": machine["date"]}
    try:
        document = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = {"machine": machine}
    _write_json(out, {**document, "drawing": drawing})
    return drawing


def _drawing_line(drawing: dict[str, Any]) -> str:
    """One line for the drawing benchmark: both wall times against the budget.

    >>> _drawing_line({"render": {"seconds": 9.0}, "ask_render": {"seconds": 3.6},
    ...                "within_budget": True})
    'drawing a 20,000-link network: render 9.0 s, ask --render 3.6 s (budget 15 s) ✓'
    """
    verdict = "✓" if drawing["within_budget"] else "✗"
    return (
        f"drawing a {LINKS:,}-link network: render {drawing['render']['seconds']} s, "
        f"ask --render {drawing['ask_render']['seconds']} s (budget {BUDGET_S:g} s) {verdict}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Measure mechgraph against same-run baselines on synthetic corpora.",
    )
    parser.add_argument("--sizes", help=f"comma-separated link counts (default {DEFAULT_SIZES})")
    parser.add_argument(
        "--repeat", type=int, help="repetitions per figure (default 5, at least 5 for the record)"
    )
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}, 3 repetitions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="read figures from process CPU time (default: robust on a shared "
        "machine) or wall-clock time; both are kept in the JSON",
    )
    parser.add_argument("--corpora", type=Path, default=HERE / "corpora")
    parser.add_argument("--json", type=Path, help="where to write the results")
    parser.add_argument(
        "--drawing",
        action="store_true",
        help="only the drawing benchmark (a 20k-link network): its row in the JSON is "
        "replaced, the other figures are kept",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument(
        "--mode", choices=("time", "memory"), default="time", help=argparse.SUPPRESS
    )
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.repeat = args.repeat or (3 if args.quick else 5)
    if args.worker:
        return _worker(args)
    sizes = _sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    out = args.json or HERE / ("results-quick.json" if args.quick else "results.json")
    if args.drawing:
        print(_drawing_line(_record_drawing(args, out)) + f"\nwrote {out}")
        return 0
    settings = {
        "sizes": [report.size_label(n) for n in sizes],
        "repeat": args.repeat,
        "seed": args.seed,
        "statistic": "median",
        "clock": args.clock,
    }
    results: dict[str, Any] = {}
    for n in sizes:  # the JSON is rewritten after each size: a long run leaves what it measured
        results[report.size_label(n)] = _measure_size(CorpusSpec(n, args.seed), args)
        _write_json(
            out,
            {
                "machine": report.machine(),
                "settings": settings,
                "complete": len(results) == len(sizes),
                "figures": [row.to_dict() for row in report.figure_rows(results)],
                "sizes": results,
            },
        )
    drawing = _record_drawing(args, out)
    print(report.figure_table(report.figure_rows(results)))
    print("\n" + _drawing_line(drawing) + "\n")
    print(report.growth_table(results))
    for label, result in results.items():
        for key in ("error", "memory_error"):
            if key in result:
                print(f"[{label}] {key}: {result[key]}")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
