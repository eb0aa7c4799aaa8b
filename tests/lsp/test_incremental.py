"""The incremental parse equals a parse of the whole file, before and after edits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mechgraph.errors import MechgraphError
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import Blank
from mechgraph.lsp.incremental import IncrementalParse

from strategies import rule_texts

_NOISE = st.sampled_from(["=>", "    ", "\t", "#", "[", '"', "hypothesis h:", "\n", "-> x", "@"])


def _whole(text: str):
    """Statements with their spans, diagnostics, and the names on lines that did not parse,
    of one parse of the whole text (the statements of the lines that parsed, on an error)."""
    try:
        rules = parse_text(text, "a.mg")
        found = []
    except MechgraphError as error:
        rules, found = error.partial, [d.format() for d in error.diagnostics]
    kept = [s for s in rules.statements if not isinstance(s, Blank)]
    return [(s, s.span) for s in kept], found, rules.unparsed_names


def _pieces(parse: IncrementalParse, text: str):
    parsed = parse.update(text)
    rules = parsed.rule_file
    found = [d.format() for d in parsed.diagnostics]
    return [(s, s.span) for s in rules.statements], found, rules.unparsed_names


@st.composite
def edited(draw):
    """A valid rule text, and the same text with noise put in at a few places."""
    text, _ = draw(rule_texts())
    out = text
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(out)))
        out = out[:at] + draw(_NOISE) + out[at:]
    return text, out


@given(edited())
def test_pieces_parse_as_the_whole_file(texts):
    """Check that statements, spans and diagnostics equal a whole-file parse, edit after edit."""
    parse = IncrementalParse("a.mg")
    for text in (*texts, texts[0]):
        assert _pieces(parse, text) == _whole(text)


def test_typing_in_one_line_reparses_one_piece():
    """Check that a change inside one line re-parses only that line's piece."""
    lines = [f"a{i} -> b{i}" for i in range(200)]
    parse = IncrementalParse("a.mg")
    assert parse.update("\n".join(lines)).reparsed == 200
    lines[100] = "a100 -| b100"
    again = parse.update("\n".join(lines))
    assert again.reparsed == 1
    assert again.rule_file.statements[100].span.line == 101


_LINES = st.sampled_from(["a -> b", "drug a", "  @s", "", "# c", "hypothesis h:", "\tx", "b -| c"])


@given(st.lists(st.lists(_LINES, max_size=12), min_size=1, max_size=6), st.booleans())
def test_pieces_found_again_equal_pieces_from_scratch(texts, newline):
    """Check that pieces found again around an edit equal those of the whole text."""
    from mechgraph.lsp.incremental import Pieces, pieces

    split = Pieces()
    for lines in texts:
        text = "\n".join(lines) + ("\n" if newline else "")
        assert split.update(text) == pieces(text)


def test_the_project_reports_the_mistakes_of_lines_that_parsed(tmp_path):
    """Check that the language server, like check, reports the semantic mistakes of the
    lines that parsed, and calls no name of a broken line undeclared or an orphan."""
    from mechgraph.lsp.project import Project

    (tmp_path / "a.mg").write_text("drug d, e\nprocess p p2\nd -> p @nowhere\ne -> = q\n")
    state = Project([tmp_path]).refresh()
    assert [(d.line, d.code) for d in state.diagnostics] == [
        (2, "stray-text"),
        (3, "unknown-source"),
        (4, "syntax"),
    ]
