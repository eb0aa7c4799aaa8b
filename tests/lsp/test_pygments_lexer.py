"""The Pygments lexer: no error token in valid rules, registered as ``pygmentize -l mechgraph``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error

from mechgraph.lsp.pygments_lexer import MechgraphLexer

from highlight_support import BROKEN, VALID


def _errors(text: str) -> list[str]:
    return [value for kind, value in MechgraphLexer().get_tokens(text) if kind in Error]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_no_error_tokens_in_valid_rules(path):
    """Check that a file that parses lexes without an error token."""
    assert _errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_files_lex_back_to_their_text(path):
    """Check that the deliberately broken fixtures lex too, every character kept."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lexed = "".join(value for _, value in MechgraphLexer().get_tokens(text))
    assert lexed.rstrip("\n") == text.rstrip("\n")


def test_lexical_mistakes_are_error_tokens():
    """Check the places the lexer flags: a control character, ``<-``, a stray ``;``."""
    assert _errors("imipramine -> NMDA\x01adaptation\n") == ["\x01"]
    assert _errors("a <- b\n") == ["<"]
    assert _errors("a -> b ;\n") == [";"]


def test_registered_through_the_entry_point():
    """Check that Pygments finds the lexer by name and by file name (the entry point)."""
    assert isinstance(get_lexer_by_name("mechgraph"), MechgraphLexer)
    assert isinstance(get_lexer_for_filename("x.mg"), MechgraphLexer)


def test_pygmentize_highlights_rules(tmp_path):
    """Check that ``pygmentize -l mechgraph`` writes highlighted HTML."""
    rules = tmp_path / "a.mg"
    rules.write_text("drug imipramine\nimipramine -> effect [duration=chronic]\n")
    done = subprocess.run(
        [sys.executable, "-m", "pygments", "-l", "mechgraph", "-f", "html", str(rules)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '<span class="kt">drug</span>' in done.stdout
