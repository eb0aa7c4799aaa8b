"""Run the benchmarks: each size in fresh, memory-capped subprocesses, then the tables.

``python -m benchmarks.run [--sizes 1k,10k,100k,1M] [--big] [--repeat 5] [--quick] [--update]``

For every size the runner (re)generates the corpus when missing or stale
(streamed: a 10M-link corpus needs about 30 MB), then measures it in
processes of its own, each under an address-space cap (``--memory-cap``,
16 GiB): up to 1M links, one worker times every stage beside its baseline
(round-robin, median of ``--repeat`` runs); at every size, one process loads
the corpus as the command line does (read, parse, compile) and one builds a
bare networkx graph of the same links, for their times and peak RSS; then
whole ``mechgraph ask`` processes without the cache, cold and warm, beside
the seed's question measured once in the same run.  Past 1M links (``--big``
adds 10M) parsing is timed chunk by chunk and the questions run on the graph
read from the compiled cache, each in its own process.  A process that runs
out of memory is a row saying so.  Results go to ``benchmarks/results.json``
(``--quick``: ``benchmarks/results-quick.json``) with a description of the
machine; ``--update`` adds sizes to what the JSON holds.

>>> _sizes("1k,10k")
[1000, 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mechgraph.memory import allow_gc_pause

from . import figures, growth, phases, report, scale, warm_start
from .drawing import BUDGET_S, LINKS, corpus_spec, measure_drawing
from .generate import header, parse_size, write_files
from .guard import DEFAULT_CAP_GIB, run_capped
from .layout import TARGET, CorpusSpec, Layout
from .parts import first_line, is_sharded

__all__ = ["main", "ensure_corpus"]

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = "1k,10k,100k,1M"
BIG_SIZES = "10M"  # added by --big (make bench BIG=1)
QUICK_SIZES = "1k,10k"


def _sizes(text: str) -> list[int]:
    return [parse_size(part.strip()) for part in text.split(",") if part.strip()]


def ensure_corpus(spec: CorpusSpec, folder: Path) -> Path:
    """The corpus for ``spec`` in ``folder`` (a file; past 1M links a folder of parts),
    generated unless already current."""
    name = f"{report.size_label(spec.links)}-seed{spec.seed}"
    path = folder / (name if is_sharded(spec.links) else f"{name}.mg")
    if first_line(path) != header(spec):
        print(f"generating {path} ...", file=sys.stderr, flush=True)
        write_files(spec, path)
    return path


def _worker(args: argparse.Namespace) -> int:
    spec = CorpusSpec(parse_size(args.worker), args.seed)
    corpus = ensure_corpus(spec, args.corpora)
    allow_gc_pause()  # measure the stages as the command line runs them
    if args.mode == "load":
        result = phases.load_phase(corpus, spec, Path(args.cache) if args.cache else None)
    elif args.mode == "nx":
        result = phases.nx_phase(corpus)
    elif args.mode == "parse":
        result = phases.parse_phase(corpus, args.repeat)
    elif args.mode == "queries":
        result = phases.query_phase(corpus, spec, args.repeat, Path(args.cache))
    else:
        result = figures.measure(corpus, spec, args.repeat, figures.Clock(args.clock))
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


def _spawn(
    spec: CorpusSpec, args: argparse.Namespace, mode: str, cache: str = ""
) -> dict[str, Any]:
    """Run one phase in a fresh interpreter under the memory cap: its JSON and ``process``
    (status, wall time, its own peak RSS), or ``error`` with how it ended."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, "-m", "benchmarks.run", "--worker", str(spec.links)]
        command += ["--mode", mode, "--repeat", str(args.repeat), "--seed", str(spec.seed)]
        command += ["--clock", args.clock, "--corpora", str(args.corpora), "--out", str(out)]
        command += ["--cache", cache] if cache else []
        done = run_capped(command, args.memory_cap, cwd=HERE.parent, capture=False)
        if done.ok and out.exists():
            return {**json.loads(out.read_text(encoding="utf-8")), "process": done.to_dict()}
    label = report.size_label(spec.links)
    where = f"{done.status} at {label} in {mode}"
    return {"error": f"{where} (exit {done.returncode}): {done.error}", "process": done.to_dict()}


def _say(label: str, text: str) -> None:
    print(f"[{label}] {text}", file=sys.stderr, flush=True)


def _ended(label: str, mode: str, found: dict[str, Any]) -> dict[str, Any]:
    """Say how a phase ended (status, wall time, its peak RSS); return what it found."""
    done = found["process"]
    _say(
        label,
        f"{mode}: {found.get('error') or 'ok'}; {done['wall_s']:.1f} s wall, "
        f"peak RSS {done['peak_rss_mib']:,.0f} MiB",
    )
    return found


def _measure_size(
    spec: CorpusSpec, args: argparse.Namespace, seed: dict[str, Any], save: Callable[[dict], None]
) -> dict[str, Any]:
    corpus = ensure_corpus(spec, args.corpora)
    label = report.size_label(spec.links)
    if spec.links > args.in_memory_up_to:
        return _measure_phased(spec, args, seed, save)
    result: dict[str, Any] = {"links": spec.links, "timings": {}}
    _say(label, f"timing, {args.repeat} repetitions ...")
    result |= _ended(label, "time", _spawn(spec, args, "time"))
    phase: dict[str, Any] = {}
    for mode, what in (("nx", "bare networkx graph"), ("load", "mechgraph load")):
        _say(label, f"{what}: time and peak RSS in a fresh process ...")
        phase[mode] = _ended(label, mode, _spawn(spec, args, mode))
    result["memory"] = scale.memory_row(phase["load"], phase["nx"])
    result["timings"] |= scale.phase_timings(phase["load"], phase["nx"], in_memory=True)
    with tempfile.TemporaryDirectory() as cache:
        _say(label, "mechgraph ask, whole process: no cache, cold, warm ...")
        question = (Layout.of(spec).name(0), TARGET)
        start = warm_start.measure(corpus, *question, Path(cache), cap_gib=args.memory_cap)
    result["warm_start"] = scale.warm_row(start, seed)
    _say(label, scale.warm_line(result["warm_start"]))
    result["phases"] = scale.phase_status(result, phase)
    return result


def _measure_phased(
    spec: CorpusSpec, args: argparse.Namespace, seed: dict[str, Any], save: Callable[[dict], None]
) -> dict[str, Any]:
    """A size past the in-memory limit, phase by phase, the most telling first; the JSON
    is saved after each phase (``"partial": true`` until the last), so a run stopped at a
    deadline keeps every phase it finished.  The load also writes the compiled cache (as a
    first ``ask`` does), which the warm ``ask`` processes and the questions then read."""
    label = report.size_label(spec.links)
    corpus = ensure_corpus(spec, args.corpora)
    question = (Layout.of(spec).name(0), TARGET)
    result: dict[str, Any] = {"links": spec.links, "timings": {}, "partial": True}
    phase: dict[str, Any] = {}
    unmeasured = {"error": "not measured yet", "process": {"status": "not run"}}

    def record() -> None:
        load, nx = phase.get("load", unmeasured), phase.get("nx", unmeasured)
        result["memory"] = scale.memory_row(load, nx)
        result["timings"] |= scale.phase_timings(load, nx, in_memory=False)
        parse, queries = phase.get("parse", unmeasured), phase.get("queries", unmeasured)
        result.update(scale.big_timings(result["timings"], parse, queries))
        result["edges"] = phase.get("nx", {}).get("edges")
        result["phases"] = scale.phase_status(result, phase)
        save(result)

    with tempfile.TemporaryDirectory() as cache:
        _say(label, "mechgraph load, writing the compiled cache: time and peak RSS ...")
        phase["load"] = _ended(label, "load", _spawn(spec, args, "load", cache))
        record()
        _say(label, "mechgraph ask, whole process, warm cache ...")
        start = warm_start.measure(
            corpus, *question, Path(cache), no_cache=False, cold=False, cap_gib=args.memory_cap
        )
        result["warm_start"] = scale.warm_row(start, seed)
        _say(label, scale.warm_line(result["warm_start"]))
        record()
        _say(label, "questions on the graph from the cache, beside igraph ...")
        phase["queries"] = _ended(label, "queries", _spawn(spec, args, "queries", cache))
        record()
    _say(label, "bare networkx graph: time and peak RSS in a fresh process ...")
    phase["nx"] = _ended(label, "nx", _spawn(spec, args, "nx"))
    record()
    _say(label, "parse, chunk by chunk, beside the ceiling reader ...")
    phase["parse"] = _ended(label, "parse", _spawn(spec, args, "parse"))
    del result["partial"]
    record()
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
        "--big", action="store_true", help=f"add the size {BIG_SIZES} (about 1 GB of corpus)"
    )
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
        "--update",
        action="store_true",
        help="add the sizes measured to those the JSON holds (replacing the same sizes), "
        "instead of starting it afresh; the drawing is not measured",
    )
    parser.add_argument(
        "--merge",
        type=Path,
        metavar="FILE",
        help="measure nothing: add the sizes of FILE (another run's JSON) to the JSON, "
        "replacing the same sizes, and print the tables",
    )
    parser.add_argument(
        "--memory-cap",
        type=float,
        default=DEFAULT_CAP_GIB,
        metavar="GIB",
        help=f"address-space cap of every measuring process (default {DEFAULT_CAP_GIB:g} GiB)",
    )
    parser.add_argument(
        "--in-memory-up-to",
        type=parse_size,
        default=phases.IN_MEMORY_LIMIT,
        metavar="N",
        help="sizes above N links are measured phase by phase, each process holding only "
        "what its phase needs (default 1M)",
    )
    parser.add_argument(
        "--drawing",
        action="store_true",
        help="only the drawing benchmark (a 20k-link network): its row in the JSON is "
        "replaced, the other figures are kept",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    modes = ("time", "load", "nx", "parse", "queries")
    parser.add_argument("--mode", choices=modes, default="time", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _document(
    kept: dict[str, Any], settings: dict[str, Any], seed: dict[str, Any], sizes: dict, done: bool
) -> dict[str, Any]:
    """The JSON: what ``kept`` holds (other benchmarks' rows) with this run's figures."""
    ordered = dict(sorted(sizes.items(), key=lambda item: item[1]["links"]))
    return {
        **kept,
        "machine": report.machine(),
        "settings": settings,
        "complete": done,
        "warm_start_seed": seed,
        "figures": [row.to_dict() for row in report.figure_rows(ordered)],
        "sizes": ordered,
    }


def _print_tables(sizes: dict[str, Any], drawing: dict[str, Any] | None) -> None:
    print(report.figure_table(report.figure_rows(sizes)))
    if drawing:
        print("\n" + _drawing_line(drawing))
    print("\n" + growth.growth_table(sizes))
    for label, result in sizes.items():
        for problem in scale.problems(result):
            print(f"[{label}] {problem}")


def _merge(out: Path, kept: dict[str, Any], other: dict[str, Any]) -> int:
    """Add ``other``'s sizes (with its settings and seed measurement) to ``out``."""
    if not other.get("sizes"):
        print("nothing to merge: no sizes in that file", file=sys.stderr)
        return 2
    settings = {**kept.get("settings", {}), "merged": other.get("settings", {})}
    seed = kept.get("warm_start_seed") or other.get("warm_start_seed", {})
    sizes = {**kept.get("sizes", {}), **other["sizes"]}
    document = _document(kept, settings, seed, sizes, kept.get("complete", False))
    _write_json(out, document)
    _print_tables(document["sizes"], kept.get("drawing"))
    print(f"\nwrote {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.repeat = args.repeat or (3 if args.quick else 5)
    if args.worker:
        return _worker(args)
    chosen = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    sizes = _sizes(chosen + ("," + BIG_SIZES if args.big else ""))
    out = args.json or HERE / ("results-quick.json" if args.quick else "results.json")
    if args.drawing:
        print(_drawing_line(_record_drawing(args, out)) + f"\nwrote {out}")
        return 0
    kept = _read_json(out)
    if args.merge:
        return _merge(out, kept, _read_json(args.merge))
    if not args.update:  # a fresh run keeps only what other benchmarks wrote (drawing, lsp)
        kept = {key: kept[key] for key in ("drawing", "lsp") if key in kept}
    results: dict[str, Any] = dict(kept.get("sizes", {}))
    settings = {
        "sizes": [report.size_label(n) for n in sizes],
        "repeat": args.repeat,
        "seed": args.seed,
        "statistic": "median",
        "clock": args.clock,
        "memory_cap_gib": args.memory_cap,
    }
    with tempfile.TemporaryDirectory() as cache:
        print("[seed] mechgraph ask on rules/: cold, warm ...", file=sys.stderr, flush=True)
        seed = warm_start.measure_seed(Path(cache), args.memory_cap)
    for count, n in enumerate(sizes, 1):  # rewritten after each size: a stopped run keeps some
        label = report.size_label(n)

        def save(partial: dict[str, Any], label: str = label) -> None:
            _write_json(out, _document(kept, settings, seed, {**results, label: partial}, False))

        results[label] = _measure_size(CorpusSpec(n, args.seed), args, seed, save)
        _write_json(out, _document(kept, settings, seed, results, count == len(sizes)))
    drawing = kept.get("drawing") if args.update else _record_drawing(args, out)
    _print_tables(_document(kept, settings, seed, results, True)["sizes"], drawing)
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
