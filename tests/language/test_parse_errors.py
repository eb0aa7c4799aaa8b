"""Golden tests for parse diagnostics: each fixture is one mistake and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from mechgraph.errors import ParseError
from mechgraph.language.parse_errors import Layout, layout_error
from mechgraph.language.parser import parse_file, parse_text

ERRORS = Path(__file__).resolve().parents[1] / "fixtures" / "errors"
CASES = sorted(p.stem for p in ERRORS.glob("*.mg"))


def formatted(path: Path) -> str:
    with pytest.raises(ParseError) as caught:
        parse_text(path.read_text(encoding="utf-8"), file=path.name)
    return "\n\n".join(d.format() for d in caught.value.diagnostics) + "\n"


def test_there_are_enough_cases():
    """Check that at least ten distinct mistakes have golden diagnostics."""
    codes = set()
    for name in CASES:
        with pytest.raises(ParseError) as caught:
            parse_text((ERRORS / f"{name}.mg").read_text(encoding="utf-8"))
        codes |= {(d.code, d.message.split(":")[0]) for d in caught.value.diagnostics}
    assert len(CASES) >= 10 and len(codes) >= 10


@pytest.mark.parametrize("name", CASES)
def test_golden_diagnostics(name):
    """Check the exact diagnostics (location, caret, hint) of one mistake."""
    assert formatted(ERRORS / f"{name}.mg") == (ERRORS / f"{name}.expected").read_text(
        encoding="utf-8"
    )


def test_three_mistakes_three_diagnostics():
    """Check that three different mistakes in one file give three diagnostics."""
    with pytest.raises(ParseError) as caught:
        parse_file(ERRORS / "three_mistakes.mg")
    assert len(caught.value.diagnostics) == 3
    assert len({d.code for d in caught.value.diagnostics}) == 3


@pytest.mark.parametrize(
    "line, code, message",
    [
        ("a => b", "unknown-relation", "unknown relation '=>'"),
        ("a IsA b", "unknown-relation", "unknown relation 'IsA'"),
        ("clas antidepressant", "unknown-kind", "unknown entity kind 'clas'"),
        ('a -> "5-HT', "unterminated-string", "unterminated string"),
        (
            "a -> b [x=1,]",
            "bad-context",
            "bad context pair: expected a context pair key=value, found ']'",
        ),
        ("a -> b @", "bad-evidence", "bad evidence '@'"),
        ("a -> 5-HT1A", "unquoted-name", "name '5-HT1A' needs quotes"),
        (
            "foo bar",
            "syntax",
            "expected a relation (->, -|, -0, --, increases, ...) or isa, found 'bar'",
        ),
        ("drug a b", "stray-text", "unexpected 'b' after the statement"),
    ],
)
def test_messages(line, code, message):
    """Check the message words and code of one-line mistakes."""
    with pytest.raises(ParseError) as caught:
        parse_text(line)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.message) == (code, message)
    assert diagnostic.hint


def test_errors_recover_at_the_next_line():
    """Check that a faulty line does not hide the statements or errors after it."""
    with pytest.raises(ParseError) as caught:
        parse_text("a => b\nc -> d\ne <- f\n")
    assert [d.line for d in caught.value.diagnostics] == [1, 3]


def test_layout_error_without_a_character():
    d = layout_error(Layout.EMPTY, "hypothesis h:", 0, file="f.mg", line_no=2)
    assert d.location == "f.mg:2:1" and d.code == "empty-hypothesis"
