"""Tests for ``mechgraph fmt``: rewrite, --check, --stdout, --json, untouched broken files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mechgraph.cli import main
from mechgraph.files import write_atomic

UNTIDY = "drug  a,b\n\n\n\na->b   # c\n"
TIDY = "drug a, b\n\na -> b  # c\n"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "untidy.mg").write_text(UNTIDY)
    (tmp_path / "sub" / "tidy.mg").write_text(TIDY)
    return tmp_path


def test_rewrites_untidy_files(rules, capsys):
    assert main(["fmt", str(rules)]) == 0
    assert (rules / "untidy.mg").read_text() == TIDY
    assert capsys.readouterr().out == f"reformatted {rules / 'untidy.mg'}\n"
    assert sorted(p.name for p in rules.rglob("*")) == [
        "sub",
        "tidy.mg",
        "untidy.mg",
    ]  # no temp left


def test_check_changes_nothing(rules, capsys):
    assert main(["fmt", "--check", str(rules)]) == 1
    assert (rules / "untidy.mg").read_text() == UNTIDY
    assert capsys.readouterr().out == f"would reformat {rules / 'untidy.mg'}\n"
    assert main(["fmt", "--check", str(rules / "sub")]) == 0


def test_stdout_prints_instead(rules, capsys):
    assert main(["fmt", "--stdout", str(rules / "untidy.mg")]) == 0
    assert capsys.readouterr().out == TIDY
    assert (rules / "untidy.mg").read_text() == UNTIDY


def test_broken_file_is_never_touched(rules, capsys):
    broken = rules / "broken.mg"
    broken.write_text("drug  a\na => b\n")
    assert main(["fmt", str(rules)]) == 1
    assert broken.read_text() == "drug  a\na => b\n"
    assert (rules / "untidy.mg").read_text() == TIDY  # the others are still formatted
    assert "broken.mg:2:3: error: unknown relation '=>'" in capsys.readouterr().err


def test_json(rules, capsys):
    (rules / "bin.mg").write_bytes(b"\x00\x01")
    assert main(["fmt", "--check", "--json", str(rules)]) == 1
    document = json.loads(capsys.readouterr().out)
    by_name = {Path(f["path"]).name: f for f in document["files"]}
    assert by_name["untidy.mg"]["changed"] and by_name["untidy.mg"]["text"] == TIDY
    assert not by_name["tidy.mg"]["changed"]
    assert by_name["bin.mg"]["diagnostics"][0]["message"].startswith("binary file")
    assert document["ok"] is False


def test_missing_path(tmp_path, capsys):
    assert main(["fmt", str(tmp_path / "nope.mg")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_write_atomic_keeps_mode(tmp_path):
    path = tmp_path / "x.mg"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n" and (path.stat().st_mode & 0o777) == 0o640
