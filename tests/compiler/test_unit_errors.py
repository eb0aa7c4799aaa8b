"""Golden tests for unit mistakes: each fixture is one mistake and its exact errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.language.parser import parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unit_errors"
CASES = sorted(p.stem for p in FIXTURES.glob("*.mg"))


def errors(name: str) -> str:
    text = (FIXTURES / f"{name}.mg").read_text(encoding="utf-8")
    _, diagnostics = compile_rules([parse_text(text, file=f"{name}.mg")])
    return "\n\n".join(d.format() for d in diagnostics if d.is_error) + "\n"


@pytest.mark.parametrize("name", CASES)
def test_golden_unit_errors(name):
    """Check the exact errors (location, caret, hint) of one unit mistake."""
    expected = FIXTURES / f"{name}.expected"
    if os.environ.get("MECHGRAPH_REGOLD"):
        expected.write_text(errors(name), encoding="utf-8")
    assert errors(name) == expected.read_text(encoding="utf-8")


def test_every_fixture_is_an_error():
    """Check that each unit fixture gives at least one error with a hint."""
    for name in CASES:
        assert "error:" in errors(name) and "hint:" in errors(name), name
