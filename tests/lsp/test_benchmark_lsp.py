"""The language-server benchmark's bookkeeping, at a tiny size (no timing is asserted)."""

from __future__ import annotations

import doctest
import io
import json

from benchmarks import generate
from benchmarks import lsp as bench
from benchmarks.layout import CorpusSpec


def test_doctests():
    """Check the examples in the benchmark's docstrings."""
    result = doctest.testmod(bench)
    assert result.failed == 0 and result.attempted > 0


def test_measures_every_figure(tmp_path):
    """Check that every figure is measured beside the baseline, the server's included."""
    corpus = tmp_path / "300.mg"
    with corpus.open("w", encoding="utf-8") as mg:
        generate.write(CorpusSpec(300, seed=1), mg, io.StringIO())
    result = bench.measure_lsp(corpus, repeat=2)
    assert set(result["timings"]) == {"check", "edit", "newline", "server"}
    for timing in result["timings"].values():
        assert timing["median_s"] > 0 and len(timing["samples_wall_s"]) == 2
    assert set(result["ratios"]) == {"edit", "newline"}
    assert result["verdict"] in ("PASS", "FAIL")
    assert "| server |" in bench.table(result)


def test_records_its_row_and_keeps_the_others(tmp_path):
    """Check that the summary replaces only the ``lsp`` row of results.json."""
    results = tmp_path / "results.json"
    results.write_text('{"figures": ["kept"], "lsp": {"old": true}}')
    bench.record({"verdict": "PASS"}, results)
    assert json.loads(results.read_text()) == {"figures": ["kept"], "lsp": {"verdict": "PASS"}}
