"""``--engine memory|spark`` and ``--parquet DIR``: where the batch verbs run their searches.

``check``, ``predict`` and ``ask --pairs`` take them.  ``memory`` (the
default) searches in this process; ``spark`` runs the same searches as
DataFrame joins on Apache Spark (:mod:`mechgraph.spark`), reading the hop
table from ``--parquet DIR`` (written by ``mechgraph export parquet``, on
storage the cluster shares) or, without it, from the compiled rules.
pyspark is imported only when ``spark`` is chosen.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from mechgraph.errors import Diagnostic, QueryError

__all__ = ["ENGINES", "add_engine_arguments", "engine_report", "run_searches"]

ENGINES = ("memory", "spark")

Result = TypeVar("Result")


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="memory",
        help="where the searches run: memory (default), or spark, as DataFrame joins on "
        "Apache Spark (pip install 'mechgraph[spark]'; see README)",
    )
    parser.add_argument(
        "--parquet",
        metavar="DIR",
        help="with --engine spark: read the hop table from the Parquet tables of these "
        "rules in DIR (mechgraph export parquet RULES -o DIR), e.g. on shared storage",
    )


def run_searches(args: argparse.Namespace, graph: Any, work: Callable[[], Result]) -> Result:
    """``work()`` with its searches on the engine ``args`` chose (``args.engine_stats``
    is set to what the Spark engine did, for :func:`engine_report`)."""
    args.engine_stats = None
    if getattr(args, "parquet", None) and args.engine != "spark":
        raise QueryError(
            Diagnostic.error(
                "--parquet is read by the Spark engine only",
                file="<command line>",
                hint="add --engine spark, or leave out --parquet",
            )
        )
    if args.engine != "spark":
        return work()
    from mechgraph.spark.run import on_spark

    result, args.engine_stats = on_spark(graph, work, getattr(args, "parquet", None))
    return result


def engine_report(args: argparse.Namespace, document: dict) -> dict:
    """``document`` with an ``engine`` entry when the Spark engine ran (rounds, levels, states)."""
    stats = getattr(args, "engine_stats", None)
    if stats is not None:
        document["engine"] = stats
    return document
