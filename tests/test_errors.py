"""Issue 18, caps on diagnostics and invisible characters in messages."""

from __future__ import annotations

import time

import pytest

from mechgraph.cli import main
from mechgraph.errors import Diagnostic, count_diagnostics, limit_diagnostics


def test_66000_references_on_one_line_finish_in_about_a_second(tmp_path, capsys):
    """Check `a -> b @s @s ... x66000`: bounded output, the note last, the true error count."""
    rules = tmp_path / "e.mg"
    rules.write_text("a -> b " + "@s " * 66000 + "\n")
    started = time.process_time()  # CPU time: the machine may be busy
    assert main(["check", str(rules)]) == 1
    took = time.process_time() - started
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if ": error: " in line]
    notes = [line for line in captured.err.splitlines() if ": note: " in line]
    assert len(errors) <= 5 and len(notes) == 1
    assert captured.err.rstrip().splitlines()[-1] == notes[0]
    assert "more errors" in notes[0]
    assert "66000 errors" in captured.out
    assert took < 5, f"{took:.1f} s"


def test_over_50_errors_the_note_is_last_not_a_warning_and_the_summary_is_true(tmp_path, capsys):
    """Check 60 faulty lines: 50 shown, then '… 10 more errors', summary 60 errors, 0 warnings."""
    rules = tmp_path / "many.mg"
    rules.write_text("".join(f"a{n} => b\n" for n in range(60)))
    assert main(["check", str(rules)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.rstrip().splitlines()
    assert sum(": error: " in line for line in lines) == 50
    assert lines[-1].endswith("note: … 10 more errors in " + str(rules) + " (not shown)")
    assert "60 errors, 0 warnings" in captured.out


def test_over_50_errors_json_counts_them_all(tmp_path, capsys):
    """Check that `check --json` gives the true count and the closing note carries the rest."""
    import json

    rules = tmp_path / "many.mg"
    rules.write_text("".join(f"a{n} => b\n" for n in range(60)))
    assert main(["check", str(rules), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["errors"] == 60 and document["summary"]["warnings"] == 0
    assert document["diagnostics"][-1]["omitted"] == 10


def test_limits_per_line_and_per_file_keep_order_and_count():
    """Check limit_diagnostics against a direct count on a mixed list."""
    diagnostics = [
        Diagnostic.error("e", file=f, line=line, col=col)
        for f in ("a.mg", "b.mg")
        for line in range(1, 30)
        for col in range(1, 4)
    ] + [Diagnostic.warning("w", file="a.mg", line=1, col=9)]
    shown = limit_diagnostics(diagnostics, per_file=20, per_line=2)
    kept = [d for d in shown if d.severity.value != "note"]
    assert len(kept) == 40 and kept == [d for d in diagnostics if d in kept]
    assert [d.file for d in shown[-2:]] == ["a.mg", "b.mg"]
    assert count_diagnostics(shown) == (174, 0)
    assert "1 more warning" in shown[-2].message


@pytest.mark.parametrize(
    "data, escaped",
    [
        (b"\xef\xbb\xbf\xef\xbb\xbfdrug a\n", "\\ufeff"),
        (b"drug a\xe2\x80\xae\n", "\\u202e"),
        (b"drug a\nprocess b\na -> b\xe2\x80\xa8\n", "\\u2028"),
    ],
    ids=["bom-twice", "u202e", "u2028"],
)
def test_invisible_characters_are_escaped_in_messages(tmp_path, capsys, data, escaped):
    """Check that a second BOM, U+202E and U+2028 show as escapes, never raw."""
    rules = tmp_path / "x.mg"
    rules.write_bytes(data)
    assert main(["check", str(rules)]) == 1
    err = capsys.readouterr().err
    assert escaped in err
    assert not any(ch in err for ch in "\ufeff\u202e\u2028")


def test_include_of_a_folder_reports_the_include_line(tmp_path, capsys):
    """Check `include "adir"`: located at the include, with its line shown."""
    (tmp_path / "adir").mkdir()
    rules = tmp_path / "a.mg"
    rules.write_text('drug x\ninclude "adir"\n')
    assert main(["check", str(rules)]) == 1
    err = capsys.readouterr().err
    assert f"{rules}:2:1: error: include 'adir' names a folder" in err
    assert '2 | include "adir"' in err
