"""Measure one corpus in this process: mechgraph's stages beside their baselines.

Each group of tasks runs round-robin (baseline, mechgraph, baseline, ...)
so that a noisy neighbour slows both alike; every task runs ``repeat``
times after a ``gc.collect()`` and keeps its samples.  A mechgraph function
that is not importable yet becomes a :class:`Timing` with a note instead of
samples, so the runner works before the code lands.

>>> t = Timing("ask", (Sample(0.3, 0.4), Sample(0.1, 0.1), Sample(0.2, 0.5)))
>>> t.median(Clock.CPU), t.to_dict(Clock.WALL)["median_s"]
(0.2, 0.4)
>>> time_round_robin({"sum": lambda: sum(range(10))}, repeat=3)[1]["sum"]
45
"""

from __future__ import annotations

import enum
import gc
import importlib
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import baselines
from .generate import edge_path
from .layout import CLASS, PATHWAY, TARGET, CorpusSpec, Layout

__all__ = [
    "NOT_ON_MAIN",
    "Clock",
    "Sample",
    "Timing",
    "time_round_robin",
    "answer_line",
    "measure",
    "measure_queries",
    "peak_rss_mib",
]

NOT_ON_MAIN = "n/a (not on main yet)"
_MIN_SAMPLE_S = 0.02

#: Where each mechgraph entry point may live: (module, attribute) candidates, first found wins.
ENTRY_POINTS = {
    "parse_text": (("mechgraph.language.parser", "parse_text"),),
    "compile_rules": (("mechgraph.compiler.compile", "compile_rules"),),
    "ask": (("mechgraph.query.ask", "ask"),),
    "pathways": (("mechgraph.query.pathways", "pathways"),),
    "check_reaches": (("mechgraph.query.hypotheses", "check_reaches"),),
    "scope": (("mechgraph.query.hypotheses", "Scope"),),
}


@dataclass(frozen=True)
class Sample:
    """Seconds per call, on both clocks."""

    cpu: float
    wall: float

    def on(self, clock: Clock) -> float:
        return self.cpu if clock is Clock.CPU else self.wall


class Clock(enum.Enum):
    """Which clock a figure is read from: this process's CPU time, or the wall clock."""

    CPU = "cpu"
    WALL = "wall"


@dataclass(frozen=True)
class Timing:
    """The samples of one task, or why there are none."""

    name: str
    samples: tuple[Sample, ...] = ()
    first: Sample | None = None
    calls: int = 0
    note: str = ""
    answer: str = ""

    def median(self, clock: Clock = Clock.CPU) -> float | None:
        return statistics.median(s.on(clock) for s in self.samples) if self.samples else None

    def to_dict(self, clock: Clock = Clock.CPU) -> dict[str, Any]:
        return {
            "name": self.name,
            "median_s": self.median(clock),
            "first_call_s": self.first.on(clock) if self.first else None,
            "cpu_median_s": self.median(Clock.CPU),
            "wall_median_s": self.median(Clock.WALL),
            "samples_cpu_s": [s.cpu for s in self.samples],
            "samples_wall_s": [s.wall for s in self.samples],
            "calls_per_sample": self.calls,
            "note": self.note,
            "answer": self.answer,
        }


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _entry(name: str) -> Callable[..., Any] | None:
    for module, attribute in ENTRY_POINTS[name]:
        try:
            return getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError):
            continue
    return None


def answer_line(result: Any) -> str:
    """A one-line glimpse of an answer (its ``format()``), else the result's type."""
    if not hasattr(result, "format"):
        return type(result).__name__
    lines = str(result.format()).strip().splitlines()
    return lines[0][:160] if lines else ""


def _timed(task: Callable[[], Any], calls: int) -> tuple[Sample, Any]:
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        result = task()
    return Sample((time.process_time() - cpu) / calls, (time.perf_counter() - wall) / calls), result


def time_round_robin(
    tasks: dict[str, Callable[[], Any]], repeat: int
) -> tuple[dict[str, Timing], dict[str, Any]]:
    """Run every task ``repeat`` times, interleaved; timings and last results.

    The first call of each task is timed apart (``first``: it pays for any
    lazily built index); a fast task is called several times per sample so
    that a sample lasts at least 20 ms.  A task that raises is dropped with
    the error as its note.
    """
    samples: dict[str, list[Sample]] = {name: [] for name in tasks}
    first: dict[str, Sample] = {}
    calls: dict[str, int] = {}
    notes: dict[str, str] = {}
    results: dict[str, Any] = {}
    for name, task in tasks.items():
        try:
            first[name], results[name] = _timed(task, 1)
        except Exception as error:  # a benchmark reports failures, it does not stop
            notes[name] = f"error: {type(error).__name__}: {error}"[:200]
            continue
        slowest = max(first[name].cpu, first[name].wall, 1e-9)
        calls[name] = max(1, min(1000, int(_MIN_SAMPLE_S / slowest)))
    active = [name for name in tasks if name in calls]
    for _ in range(repeat):
        for name in active:
            sample, results[name] = _timed(tasks[name], calls[name])
            samples[name].append(sample)
    timings = {
        name: Timing(
            name,
            tuple(samples[name]),
            first.get(name),
            calls.get(name, 0),
            notes.get(name, ""),
            answer_line(results[name]) if name in results else "",
        )
        for name in tasks
    }
    return timings, results


def _unavailable(*names: str, note: str = NOT_ON_MAIN) -> dict[str, Timing]:
    return {name: Timing(name, note=note) for name in names}


def _compiled_graph(result: Any) -> Any:
    """``compile_rules`` returns ``(graph, diagnostics)``; accept a bare graph too."""
    return result[0] if isinstance(result, tuple) else result


def _query_tasks(graph: Any, source: str) -> tuple[dict[str, Callable[[], Any]], dict[str, Timing]]:
    from mechgraph.language.syntax import Quantifier, Reaches, Ref, Sign

    tasks: dict[str, Callable[[], Any]] = {}
    missing: dict[str, Timing] = {}
    ask, pathways = _entry("ask"), _entry("pathways")
    check, scope = _entry("check_reaches"), _entry("scope")
    if ask is None:
        missing |= _unavailable("ask", "ask_via", "ask_sign")
    else:
        tasks["ask"] = lambda: ask(graph, source, TARGET)
        tasks["ask_via"] = lambda: ask(graph, source, TARGET, via=PATHWAY)
        tasks["ask_sign"] = lambda: ask(graph, source, TARGET, sign=Sign.POSITIVE)
    if pathways is None:
        missing |= _unavailable("pathways")
    else:
        tasks["pathways"] = lambda: pathways(graph, CLASS, TARGET)
    if check is None or scope is None:
        missing |= _unavailable("every_through")
    else:
        statement = Reaches(Quantifier.EVERY, Ref(CLASS), Ref(TARGET), through=Ref(PATHWAY))
        judged_on = scope.of(graph, "bench_final_common_pathway", statement.context)
        tasks["every_through"] = lambda: check(graph, statement, judged_on)
    return tasks, missing


def measure_queries(
    graph: Any, ig_graph: Any, index: dict[str, int], spec: CorpusSpec, repeat: int
) -> dict[str, Timing]:
    """The questions on ``graph`` (``None``: not compiled) round-robin with igraph's BFS
    from the same source on ``ig_graph`` (``index``: name → vertex)."""
    source = Layout.of(spec).name(0)
    tasks = {"igraph_bfs": lambda: baselines.igraph_bfs(ig_graph, index[source])}
    queries, missing = _query_tasks(graph, source)
    if graph is None:
        missing |= _unavailable(*queries, note="n/a (needs compile)")
    else:
        tasks |= queries
    timings, _ = time_round_robin(tasks, repeat)
    return timings | missing


def measure(
    corpus: Path, spec: CorpusSpec, repeat: int, clock: Clock = Clock.CPU
) -> dict[str, Any]:
    """Time every stage on ``corpus`` (written from ``spec``) with its baseline.

    ``median_s`` of each timing is read from ``clock``; both clocks are kept.
    """
    text = corpus.read_text(encoding="utf-8")
    edges = baselines.read_edges(edge_path(corpus))
    parse_text, compile_rules = _entry("parse_text"), _entry("compile_rules")

    tasks: dict[str, Callable[[], Any]] = {"ceiling": lambda: baselines.read_links(text)}
    if parse_text is not None:
        tasks["parse"] = lambda: parse_text(text, str(corpus))
    timings, results = time_round_robin(tasks, repeat)
    timings.setdefault("parse", Timing("parse", note=NOT_ON_MAIN))
    rule_file = results.get("parse") if timings["parse"].samples else None

    tasks = {"nx_build": lambda: baselines.nx_build(edges)}
    if compile_rules is not None and rule_file is not None:
        tasks["compile"] = lambda parsed=rule_file: compile_rules([parsed])
    more, results = time_round_robin(tasks, repeat)
    timings |= more
    note = NOT_ON_MAIN if compile_rules is None else "n/a (needs parse)"
    timings.setdefault("compile", Timing("compile", note=note))
    graph = _compiled_graph(results["compile"]) if timings["compile"].samples else None
    del results, rule_file

    ig_graph, index = baselines.igraph_graph(edges)
    timings |= measure_queries(graph, ig_graph, index, spec, repeat)
    return {
        "links": spec.links,
        "lines": text.count("\n"),
        "edges": len(edges),
        "repeat": repeat,
        "clock": clock.value,
        "timings": {name: timing.to_dict(clock) for name, timing in sorted(timings.items())},
        "peak_rss_mib": peak_rss_mib(),
    }
