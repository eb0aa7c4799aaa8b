"""Iggy-style observation files: read tolerantly, written as an experiment block, judged."""

from __future__ import annotations

import io

from mechgraph.formats.observations import experiment_block, read_observations
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import RuleFile
from mechgraph.model import Model

ECOLI_LIKE = """\
# header line Iggy would reject
crp = input
crp = +
fis = -
gadX = notMinus
lrp = MAX
bogus line
rpoS = 1
"""


def test_unreadable_lines_are_skipped_with_located_warnings():
    """Check that headers and unknown values are reported by line and column, not fatal."""
    readout = read_observations(io.StringIO(ECOLI_LIKE), "ecoli.obs")
    assert [v[:2] for v in readout.values] == [
        ("crp", "input"),
        ("crp", "+"),
        ("fis", "-"),
        ("gadX", "notMinus"),
        ("lrp", "MAX"),
    ]
    assert [(d.line, d.col, d.code) for d in readout.diagnostics] == [
        (1, 1, "not-an-observation"),
        (7, 1, "not-an-observation"),
        (8, 8, "unknown-observed-value"),
    ]


def test_an_observation_file_becomes_a_canonical_experiment_that_is_judged():
    """Check the block's text round-trips through the parser and observe judges it."""
    readout = read_observations(io.StringIO(ECOLI_LIKE), "ecoli.obs")
    block = experiment_block("ecoli", readout, {"species": "ecoli"})
    text = format_rule_file(RuleFile("x.mg", (block,)))
    assert parse_text(text).statements == (block,)
    model = Model.from_text("gene crp, fis, gadX, lrp\ncrp -| fis\ncrp -> gadX\n" + text)
    (result,) = model.observe("ecoli")
    assert result.consistent is True
    assert dict(result.predictions)["gadX"] == "+"
