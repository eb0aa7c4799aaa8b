"""Check the Spark engine on the seed's rules: the same verdicts, and the command line's JSON."""

from __future__ import annotations

import json

import pytest

from mechgraph.cli import main
from mechgraph.formats.parquet import write_parquet
from mechgraph.model import load
from mechgraph.query.hypotheses import judge_all
from mechgraph.spark.engine import SparkEngine

from spark_support import spark_fixture  # noqa: F401 (the spark fixture)

PAIRS = "source\ttarget\nimipramine\tNMDA_adaptation\nECS\tantidepressant_effect\nimipramine\tECS\n"


@pytest.fixture(scope="module")
def seed():
    return load("rules/")


def test_seed_check_is_the_same_on_both_engines(spark, seed):
    """Check that every hypothesis of the seed gets the same verdict, reasons and witnesses."""
    engine = SparkEngine(seed.graph, spark)
    on_spark = engine.settle(lambda: judge_all(seed.graph))
    engine.close()
    in_memory = judge_all(seed.graph)
    assert [r.outcome for r in on_spark] == [r.outcome for r in in_memory]
    assert [r.format() for r in on_spark] == [r.format() for r in in_memory]
    assert engine.rounds >= 1 and engine.stats.levels > 1


def test_check_pairs_and_predict_on_the_command_line(spark, tmp_path, capsys):
    """Check ``--engine spark --json`` on check, ask --pairs (from Parquet) and predict."""
    assert main(["check", "rules/", "--engine", "spark", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] and document["engine"]["name"] == "spark"
    assert [h["outcome"] for h in document["hypotheses"]] == ["holds"] * 4

    tables = tmp_path / "tables"
    write_parquet(load("rules/").graph, tables)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(PAIRS)
    argv = ["ask", "--pairs", str(pairs), "--where", "duration=chronic", "--json", "rules/"]
    assert main(argv) == 0
    in_memory = json.loads(capsys.readouterr().out)
    assert main([*argv, "--engine", "spark", "--parquet", str(tables)]) == 0
    on_spark = json.loads(capsys.readouterr().out)
    assert on_spark.pop("engine")["searches"] >= 3
    assert on_spark == in_memory
    assert [a["verdict"] for a in on_spark["answers"]] == ["yes", "yes", "no"]

    assert main(["predict", "final_common_pathway", "--engine", "spark", "--json"]) == 0
    predicted = json.loads(capsys.readouterr().out)
    assert predicted.pop("engine")["name"] == "spark"
    assert main(["predict", "final_common_pathway", "--json"]) == 0
    assert predicted == json.loads(capsys.readouterr().out)


def test_tables_of_other_rules_are_refused(spark, tmp_path, capsys):
    """Check that Parquet tables of other rules are refused, naming the mismatch."""
    other = tmp_path / "other.mg"
    other.write_text("process a, b\na -> b\n")
    write_parquet(load(str(other)).graph, tmp_path / "tables")
    argv = ["check", "rules/", "--engine", "spark", "--parquet", str(tmp_path / "tables")]
    assert main(argv) == 2
    assert "not of the rules asked about" in capsys.readouterr().err


def test_spark_submit_runs_the_command_line(spark, tmp_path):
    """Check the README's cluster recipe in local mode: ``spark-submit`` runs mechgraph's
    ``__main__`` with ``--parquet``, and its stdout (to which spark-submit also sends the
    driver's stderr) is the same JSON as the in-memory check's."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import mechgraph

    submit = Path(sys.executable).with_name("spark-submit")
    if not submit.exists():
        pytest.skip("no spark-submit beside this Python (pyspark installed elsewhere)")
    tables = tmp_path / "tables"
    write_parquet(load("rules/").graph, tables)
    main_py = Path(mechgraph.__file__).with_name("__main__.py")
    command = [str(submit), "--master", "local[1]", "--driver-memory", "1g", str(main_py)]
    command += ["check", "rules/", "--engine", "spark", "--parquet", str(tables), "--json"]
    python = {"PYSPARK_DRIVER_PYTHON": sys.executable, "PYSPARK_PYTHON": sys.executable}
    environment = {**os.environ, **python}  # else spark-submit runs the python3 on the PATH
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=environment)
    assert done.returncode == 0, done.stderr[-2000:]
    on_spark = json.loads(done.stdout)
    assert on_spark.pop("engine")["master"] == "local[1]"
    in_memory = subprocess.run(
        [sys.executable, "-m", "mechgraph", "check", "rules/", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(in_memory.stdout)
    for document in (on_spark, expected):  # the solver's timings differ from run to run
        for experiment in document["experiments"]:
            experiment.pop("seconds")
    assert on_spark == expected
