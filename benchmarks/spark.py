"""The Spark engine in local mode against the in-memory engine: ``ask --pairs`` and ``check``.

For each corpus size (the synthetic corpora of :mod:`benchmarks.generate`)
the same questions run on both engines in one process: a seeded set of
``SOURCE TARGET`` pairs (sources in the upstream zone, targets downstream)
and, up to ``--check-up-to``, every hypothesis of the corpus (its
1,000-member ``every … through`` among them).  Spark runs in local mode on
every core of this machine, so it measures the engine's overhead, not a
cluster's reach: the ratio is Spark's time over the in-memory engine's, and
the cost per search step is Spark's time per frontier level (one join of
the frontier with the hop table) and per product state expanded.  Answers
are compared (verdict and witness length per question; verdict per
statement).

Run ``python -m benchmarks.spark`` (``--sizes 100k,1M``, ``--pairs 100``,
``--json benchmarks/results-spark.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import parse_size
from benchmarks.layout import CorpusSpec, Layout
from benchmarks.report import size_label
from benchmarks.run import ensure_corpus

HERE = Path(__file__).resolve().parent

__all__ = ["main", "pairs_for"]


def _say(*parts: Any) -> None:
    print(*parts, file=sys.stderr, flush=True)


def pairs_for(spec: CorpusSpec, names: set[str], count: int) -> list[tuple[str, str]]:
    """``count`` seeded pairs: a source upstream (a class member half the time), a target
    downstream (the corpus's target a quarter of the time).

    >>> pairs = pairs_for(CorpusSpec(links=10_000), {"x"}, 3)
    >>> pairs
    []
    """
    lay, rng = Layout.of(spec), random.Random(spec.seed + 16)
    found: list[tuple[str, str]] = []
    tries = 0
    while len(found) < count and tries < count * 20:
        tries += 1
        source = rng.randrange(lay.members) if rng.random() < 0.5 else rng.randrange(lay.upstream)
        target = lay.target if rng.random() < 0.25 else rng.choice(lay.zone_range("D"))
        pair = (lay.name(source), lay.name(target))
        if pair[0] in names and pair[1] in names:
            found.append(pair)
    return found


def _timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def _session(memory: str) -> Any:
    from pyspark.sql import SparkSession

    from mechgraph.spark.session import LOCAL_SETTINGS

    builder = SparkSession.builder.master("local[*]").appName("mechgraph-bench")
    for key, value in {**LOCAL_SETTINGS, "spark.driver.memory": memory}.items():
        builder = builder.config(key, value)
    quiet = Path(__file__).resolve().parent.parent / "mechgraph" / "spark" / "log4j2.properties"
    builder = builder.config(
        "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{quiet}"
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _on_spark(spark: Any, graph: Any, work) -> tuple[Any, dict]:
    from mechgraph.spark.engine import SparkEngine

    engine, setup = _timed(lambda: SparkEngine(graph, spark))
    result, seconds = _timed(lambda: engine.settle(work))
    engine.close()
    levels, states = engine.stats.levels, engine.stats.states
    return result, {
        "seconds": round(seconds, 3),
        "hop_table_s": round(setup, 3),
        "rounds": engine.rounds,
        "levels": levels,
        "states": states,
        "searches": len(engine.results),
        "s_per_level": round(seconds / max(levels, 1), 4),
        "us_per_state": round(seconds / max(states, 1) * 1e6, 2),
    }


def _answers(answers) -> list:
    return [(a.verdict.value, [len(p.hops) for p in a.paths]) for a in answers]


def _verdicts(results) -> list:
    return [(r.name, [s.outcome.value for s in r.statements]) for r in results]


def measure(
    spec: CorpusSpec, corpora: Path, spark: Any, pairs: int, check: bool, save=lambda result: None
) -> dict:
    """One size: the model, ``ask --pairs`` on both engines and, with ``check``, every hypothesis."""
    from mechgraph.language.syntax import NOWHERE
    from mechgraph.memory import allow_gc_pause
    from mechgraph.model import load
    from mechgraph.query.hypotheses import judge_all
    from mechgraph.query.pairs import Pair, ask_pairs

    label = size_label(spec.links)
    corpus = ensure_corpus(spec, corpora)
    allow_gc_pause()
    _say(label, "compiling", corpus)
    model, compile_s = _timed(lambda: load(str(corpus)))
    graph = model.graph
    asked = [
        Pair(s, t, NOWHERE, NOWHERE, f"{s}\t{t}")
        for s, t in pairs_for(spec, set(graph.index.ids), pairs)
    ]
    result: dict[str, Any] = {
        "links": spec.links,
        "entities": len(graph.index.names),
        "hops": len(graph.index.hops.source),
        "contexts": len(graph.index.contexts),
        "compile_s": round(compile_s, 2),
    }
    _say(label, f"ask --pairs ({len(asked)} pairs) in memory ...")
    memory, memory_s = _timed(lambda: ask_pairs(graph, asked))
    _say(label, f"  {memory_s:.2f} s; on Spark ...")
    spark_answers, on_spark = _on_spark(spark, graph, lambda: ask_pairs(graph, asked))
    _say(label, f"  {on_spark['seconds']:.1f} s, {on_spark['levels']} levels")
    same = sum(a == b for a, b in zip(_answers(memory), _answers(spark_answers)))
    result["pairs"] = {
        "questions": len(asked),
        "yes": sum(a.holds for a in memory),
        "memory_s": round(memory_s, 3),
        "spark": on_spark,
        "ratio": round(on_spark["seconds"] / max(memory_s, 1e-9), 1),
        "same_answers": same,
    }
    save(result)
    if check:
        _say(label, "check in memory ...")
        judged, judge_s = _timed(lambda: judge_all(graph))
        _say(label, f"  {judge_s:.2f} s; on Spark ...")
        spark_judged, on_spark = _on_spark(spark, graph, lambda: judge_all(graph))
        _say(label, f"  {on_spark['seconds']:.1f} s, {on_spark['levels']} levels")
        result["check"] = {
            "hypotheses": len(judged),
            "statements": sum(len(r.statements) for r in judged),
            "memory_s": round(judge_s, 3),
            "spark": on_spark,
            "ratio": round(on_spark["seconds"] / max(judge_s, 1e-9), 1),
            "same_verdicts": _verdicts(judged) == _verdicts(spark_judged),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spark", description=__doc__)
    parser.add_argument("--sizes", default="100k,1M", help="corpus sizes (default %(default)s)")
    parser.add_argument("--pairs", type=int, default=100, help="questions (default 100)")
    parser.add_argument(
        "--check-up-to",
        type=parse_size,
        default=parse_size("1M"),
        help="run check on sizes up to this (default 1M)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpora", type=Path, default=HERE / "corpora")
    parser.add_argument("--driver-memory", default="8g")
    parser.add_argument("--json", type=Path, default=HERE / "results-spark.json")
    args = parser.parse_args(argv)
    spark, start_s = _timed(lambda: _session(args.driver_memory))
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "pyspark": spark.version,
            "master": spark.sparkContext.master,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "spark_start_s": round(start_s, 2),
        "sizes": {},
    }
    for size in (parse_size(s) for s in args.sizes.split(",") if s.strip()):
        spec = CorpusSpec(size, args.seed)
        label = size_label(size)

        def save(partial: dict, label: str = label) -> None:  # each figure as soon as measured
            results["sizes"][label] = partial
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

        save(measure(spec, args.corpora, spark, args.pairs, size <= args.check_up_to, save))
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
