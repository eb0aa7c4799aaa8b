"""The TextMate grammar, run by VS Code's own engine (vscode-textmate with oniguruma, from npm).

``make test`` installs the engine into ``editors/vscode/node_modules``; where node
or the engine is missing these tests are skipped with the reason — except in CI
(the ``CI`` environment variable set, as ``.ci/run`` does), where they fail: CI
must run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from highlight_support import BROKEN, ROOT, VALID

VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "mechgraph.tmLanguage.json"

MISSING = shutil.which("node") is None or not (VSCODE / "node_modules" / "vscode-textmate").is_dir()
WHY = "node or vscode-textmate missing (make test installs them into editors/vscode)"

pytestmark = pytest.mark.skipif(MISSING and not os.environ.get("CI"), reason=WHY)


def _tokenize(paths) -> dict:
    if MISSING:
        pytest.fail(f"{WHY}; CI is set, so the grammar tests may not be skipped")
    done = subprocess.run(
        ["node", str(VSCODE / "test" / "tokenize.js"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _scopes(grammar) -> set[str]:
    """Every scope name the grammar gives, except those for mistakes."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "name" and isinstance(value, str) and "." in value:
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(grammar)
    return {scope for scope in found if not scope.startswith(("invalid.", "source."))}


def _tokens(result: dict):
    for path, found in result.items():
        for line, start, end, scopes in found["tokens"]:
            yield path, found["lines"][line][start:end], scopes


@pytest.fixture(scope="module")
def valid() -> dict:
    return _tokenize(VALID)


def test_the_corpus_is_the_shipped_rules_and_fixtures():
    """Check that the grammar is tried on the seed rules and the fixtures that parse."""
    names = {path.relative_to(ROOT).as_posix() for path in VALID}
    assert "rules/skolnick1996.mg" in names
    assert "tests/fixtures/highlight/every_token.mg" in names
    assert len(VALID) >= 6


def test_every_token_class_appears(valid):
    """Check that each scope of the grammar is given somewhere in the shipped rules and fixtures."""
    given = {scope for _, _, scopes in _tokens(valid) for scope in scopes}
    assert _scopes(json.loads(GRAMMAR.read_text(encoding="utf-8"))) - given == set()


def test_nothing_is_left_unscoped(valid):
    """Check that every visible character of a valid file has a scope below the file's own."""
    bare = [
        (path, text) for path, text, scopes in _tokens(valid) if text.strip() and len(scopes) < 2
    ]
    assert bare == []


def test_valid_files_have_no_invalid_scope(valid):
    """Check that nothing in a file that parses is marked invalid."""
    marked = [(p, t) for p, t, scopes in _tokens(valid) if any("invalid" in s for s in scopes)]
    assert marked == []


def test_lexical_mistakes_are_marked_invalid():
    """Check that the broken fixtures tokenize, and that a stray character or arrow is marked."""
    result = _tokenize(BROKEN)
    marked = {
        (ROOT / path).name
        for path, text, scopes in _tokens(result)
        if any(s.startswith("invalid.") for s in scopes)
    }
    assert {"stray_character.mg", "reversed_arrow.mg", "bad_escape.mg"} <= marked
