"""Experiment blocks and ``consistent with``: parsed, located, formatted, round-tripped."""

from __future__ import annotations

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.parser import _parse, parse_text
from mechgraph.language.syntax import ConsistentWith, Experiment, Inputs, Observed

UNTIDY = """\
experiment  chronic [duration=chronic,species=mouse] @skolnick1996:   # header
    input antidepressant,ECS
    # a comment in the block
    NMDA_adaptation ,  "NMDA receptor"=+ @skolnick1996  # trailing
    beta_adrenoceptor = notPlus
    x = MIN
    input = change

hypothesis h:
    consistent with chronic,acute
"""

TIDY = """\
experiment chronic [duration=chronic, species=mouse] @skolnick1996:  # header
    input antidepressant, ECS
    # a comment in the block
    NMDA_adaptation, "NMDA receptor" = + @skolnick1996  # trailing
    beta_adrenoceptor = notPlus
    x = MIN
    "input" = change

hypothesis h:
    consistent with chronic, acute
"""


def test_an_experiment_block_parses_into_its_nodes_with_places():
    """Check the header's context and evidence, inputs, observations and their columns."""
    experiment, _, hypothesis = parse_text(UNTIDY, file="x.mg").statements[:3]
    assert isinstance(experiment, Experiment)
    assert [(q.key, q.value) for q in experiment.context] == [
        ("duration", "chronic"),
        ("species", "mouse"),
    ]
    assert [e.reference for e in experiment.evidence] == ["skolnick1996"]
    _, inputs, _, observed, *_ = experiment.statements  # header comment, input, comment, ...
    assert isinstance(inputs, Inputs) and [r.name for r in inputs.names] == [
        "antidepressant",
        "ECS",
    ]
    assert isinstance(observed, Observed) and observed.value == "+"
    assert [str(r.span) for r in observed.names] == ["x.mg:4:5", "x.mg:4:24"]
    assert experiment.statements[-1].names[0].name == "input"
    assert isinstance(hypothesis.statements[0], ConsistentWith)


def test_fmt_writes_the_canonical_layout_and_round_trips():
    """Check fmt's text, its idempotence and that it parses back to the same nodes."""
    rules = parse_text(UNTIDY)
    assert format_rule_file(rules) == TIDY
    assert parse_text(TIDY) == rules
    assert format_rule_file(parse_text(TIDY)) == TIDY


def test_the_grammar_alone_reads_experiments_as_the_fast_parser_does():
    """Check that the pyparsing-only parse gives the same nodes (no fast path for blocks)."""
    assert _parse(UNTIDY, "x.mg", fast=False) == parse_text(UNTIDY, file="x.mg")


@pytest.mark.parametrize(
    "text,message",
    [
        ("process x\nexperiment e:\n    x = +\n    x = notPlus\n", "contradictory observations"),
        ("experiment e:\n    x = +\nexperiment e:\n    x = -\n", "duplicate experiment `e`"),
        ("hypothesis h:\n    consistent with nothing\n", "names unknown experiment `nothing`"),
        ("experiment e @nosuch:\n    x = +\n", "unknown source `@nosuch`"),
    ],
)
def test_compile_errors_of_experiments_are_located(text, message):
    """Check the errors the compiler finds in experiment blocks."""
    _, diagnostics = compile_rules([parse_text(text, file="e.mg")])
    errors = [d for d in diagnostics if d.is_error]
    assert errors and message in errors[0].message and errors[0].line > 0


def test_observed_names_the_rules_never_declared_are_warned_about():
    """Check that an observed entity no rule names becomes an entity, with a warning."""
    graph, diagnostics = compile_rules([parse_text("experiment e:\n    x = +\n")])
    assert "x" in graph.links and "`x` is not declared" in diagnostics[0].message
