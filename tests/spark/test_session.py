"""Check that a missing pyspark, Java or Parquet folder is a clear error, never a traceback."""

from __future__ import annotations

import sys

import pytest

from mechgraph.cli import main
from mechgraph.spark.session import SparkUnavailable, check_java, spark_session


def test_missing_pyspark_names_the_extra(monkeypatch):
    """Check that without pyspark the error names the extra to install."""
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(SparkUnavailable) as caught:
        spark_session()
    assert "pip install 'mechgraph[spark]'" in str(caught.value)


def test_missing_pyspark_on_the_command_line(monkeypatch, capsys):
    """Check that ``--engine spark`` without pyspark exits 1 with the hint, no traceback."""
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    assert main(["check", "rules/", "--engine", "spark"]) == 1
    err = capsys.readouterr().err
    assert "needs pyspark" in err and "mechgraph[spark]" in err and "Traceback" not in err


def test_missing_java_names_the_runtime(tmp_path):
    """Check that no JAVA_HOME and no java on the PATH is an error naming Java 17."""
    with pytest.raises(SparkUnavailable, match="Java runtime") as caught:
        check_java({"PATH": str(tmp_path)})
    assert "openjdk-17-jre-headless" in caught.value.diagnostics[0].hint
    with pytest.raises(SparkUnavailable, match="holds no bin/java"):
        check_java({"JAVA_HOME": str(tmp_path)})


def test_unknown_engine_is_a_usage_error(capsys):
    """Check that an engine name argparse does not know exits 2, listing the choices."""
    with pytest.raises(SystemExit) as caught:
        main(["check", "rules/", "--engine", "sparkle"])
    assert caught.value.code == 2
    assert "invalid choice: 'sparkle'" in capsys.readouterr().err


def test_missing_parquet_folder_is_located(tmp_path, capsys):
    """Check that a missing or foreign Parquet folder is named, with how to write one."""
    missing = tmp_path / "tables"
    assert main(["check", "rules/", "--engine", "spark", "--parquet", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: error: no such folder of Parquet tables" in err
    assert "mechgraph export parquet RULES -o" in err
    missing.mkdir()
    assert main(["check", "rules/", "--engine", "spark", "--parquet", str(missing)]) == 2
    assert "no manifest.json" in capsys.readouterr().err


def test_parquet_needs_the_spark_engine(tmp_path, capsys):
    """Check that --parquet with the in-memory engine is a usage error saying what to add."""
    assert main(["check", "rules/", "--parquet", str(tmp_path)]) == 2
    assert "add --engine spark" in capsys.readouterr().err


def test_single_question_stays_in_memory(capsys):
    """Check that ``ask A B --engine spark`` points to ``--pairs``."""
    assert main(["ask", "imipramine", "NMDA_adaptation", "--engine", "spark"]) == 2
    assert "ask --pairs FILE" in capsys.readouterr().err
