"""Run a batch verb's code on Spark: the session, the hop table (Parquet or the model), the engine.

>>> check_parquet_folder("/nowhere/tables")
Traceback (most recent call last):
...
mechgraph.errors.QueryError: /nowhere/tables: error: no such folder of Parquet tables
  hint: write them with: mechgraph export parquet RULES -o /nowhere/tables
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any, TypeVar

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.spark.engine import SparkEngine
from mechgraph.spark.session import spark_session

__all__ = ["check_parquet_folder", "on_spark", "read_hops"]

Result = TypeVar("Result")


def _folder_error(folder: str, message: str) -> QueryError:
    return QueryError(
        Diagnostic.error(
            message,
            file=folder,
            hint=f"write them with: mechgraph export parquet RULES -o {folder}",
        )
    )


def check_parquet_folder(folder: str) -> dict:
    """The manifest of a folder of Parquet tables with a ``hops`` table; a located
    :class:`QueryError` otherwise.  A folder on a cluster's storage (``hdfs://``,
    ``s3a://``, ...) is left to Spark to read."""
    if "://" in folder and not folder.startswith("file://"):
        return {}
    path = folder.removeprefix("file://")
    manifest = os.path.join(path, "manifest.json")
    if not os.path.isdir(path):
        raise _folder_error(folder, "no such folder of Parquet tables")
    try:
        with open(manifest, encoding="utf-8") as handle:
            found = json.load(handle)
    except FileNotFoundError:
        raise _folder_error(
            folder, "no Parquet tables of mechgraph here (no manifest.json)"
        ) from None
    except (OSError, ValueError) as error:
        raise _folder_error(folder, f"manifest.json cannot be read: {error}") from None
    if "hops" not in found.get("tables", {}):
        raise _folder_error(
            folder, "these tables have no hops table (written by an older mechgraph)"
        )
    return found


def read_hops(spark: Any, folder: str, graph: MechanismGraph) -> Any:
    """The ``hops`` table of ``folder``, checked to be the one of ``graph``."""
    manifest = check_parquet_folder(folder)
    counts = manifest.get("tables", {})
    expected = {"nodes": len(graph.index.names), "hops": len(graph.index.hops.source)}
    for table, rows in expected.items():
        if table in counts and counts[table] != rows:
            raise _folder_error(
                folder,
                f"these tables are not of the rules asked about: {counts[table]} {table}, "
                f"the rules have {rows}",
            )
    return spark.read.parquet(folder.rstrip("/") + "/hops.parquet")


def on_spark(
    graph: MechanismGraph, work: Callable[[], Result], parquet: str | None = None
) -> tuple[Result, dict]:
    """``work()`` with its searches on Spark, and what the engine did."""
    if parquet is not None:
        check_parquet_folder(parquet)
    spark = spark_session()
    hops = None if parquet is None else read_hops(spark, parquet, graph)
    engine = SparkEngine(graph, spark, hops)
    try:
        result = engine.settle(work)
    finally:
        engine.close()
    stats = {
        "name": "spark",
        "master": spark.sparkContext.master,
        "rounds": engine.rounds,
        "levels": engine.stats.levels,
        "states": engine.stats.states,
        "searches": len(engine.results),
    }
    return result, stats
