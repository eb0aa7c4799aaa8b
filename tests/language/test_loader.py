"""Tests for mechgraph.language.loader: paths, folders, includes, unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from mechgraph.language import text as reading
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.loader import load_paths, rule_paths

from conftest import RULES


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def names(files) -> list[str]:
    return [Path(f.path).name for f in files]


def test_folders_are_searched_recursively_and_sorted(tmp_path):
    write(tmp_path, "b.mg", "drug b\n")
    write(tmp_path, "sub/a.mg", "drug a\n")
    write(tmp_path, "a.mg", "drug a\n")
    write(tmp_path, "notes.txt", "not rules")
    files, diagnostics = load_paths([tmp_path])
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in files] == [
        "a.mg",
        "b.mg",
        "sub/a.mg",
    ]
    assert diagnostics == []


def test_includes_are_followed_once(tmp_path):
    """Check that an include is loaded relative to its includer, and each file only once."""
    main = write(tmp_path, "main.mg", 'include "lib/x.mg"\ninclude "lib/x.mg"\n')
    write(tmp_path, "lib/x.mg", 'include "y.mg"\ndrug x\n')
    write(tmp_path, "lib/y.mg", "drug y\n")
    files, diagnostics = load_paths([main, tmp_path / "lib" / "y.mg"])
    assert names(files) == ["main.mg", "x.mg", "y.mg"] and diagnostics == []


def test_include_outside_the_folder_is_refused(tmp_path):
    write(tmp_path, "secret.mg", "drug s\n")
    main = write(tmp_path, "rules/main.mg", 'drug m\ninclude "../secret.mg"\n')
    files, diagnostics = load_paths([main])
    assert names(files) == ["main.mg"]
    (d,) = diagnostics
    assert (d.location, d.code) == (f"{main}:2:1", "include")
    assert "leaves the folder" in d.message and d.snippet == 'include "../secret.mg"'


def test_absolute_include_is_refused(tmp_path):
    other = write(tmp_path, "other.mg", "drug o\n")
    main = write(tmp_path, "rules/main.mg", f'include "{other}"\n')
    _, diagnostics = load_paths([main])
    assert "leaves the folder" in diagnostics[0].message


def test_include_cycle_is_located(tmp_path):
    write(tmp_path, "a.mg", 'include "b.mg"\n')
    write(tmp_path, "b.mg", '# b\ninclude "a.mg"\n')
    files, diagnostics = load_paths([tmp_path])
    assert names(files) == ["a.mg", "b.mg"]
    (d,) = diagnostics
    assert d.message == "include cycle: a.mg -> b.mg -> a.mg"
    assert (Path(d.file).name, d.line, d.col) == ("b.mg", 2, 1)


def test_missing_include_is_located(tmp_path):
    main = write(tmp_path, "main.mg", 'drug a\n\ninclude "gone.mg"\n')
    _, diagnostics = load_paths([main])
    assert diagnostics[0].location == f"{main}:3:1"
    assert diagnostics[0].message == "included file 'gone.mg' not found"


def test_parse_errors_of_several_files_are_collected(tmp_path):
    write(tmp_path, "a.mg", "a => b\n")
    write(tmp_path, "b.mg", "drug ok\n")
    write(tmp_path, "c.mg", "c <- d\n")
    files, diagnostics = load_paths([tmp_path])
    assert names(files) == ["b.mg"]
    assert [(Path(d.file).name, d.code) for d in diagnostics] == [
        ("a.mg", "unknown-relation"),
        ("c.mg", "unknown-relation"),
    ]


def test_partial_keeps_the_lines_that_parsed_and_follows_their_includes(tmp_path):
    """Check that partial=True keeps a broken file's good lines, and its includes load."""
    write(tmp_path, "a.mg", 'include "sub/b.mg"\na => b\ndrug ok\n')
    write(tmp_path / "sub", "b.mg", "drug inner\n")
    files, diagnostics = load_paths([tmp_path / "a.mg"], partial=True)
    assert names(files) == ["a.mg", "b.mg"]
    assert [type(s).__name__ for s in files[0].statements] == ["Include", "EntityDecl"]
    assert files[0].unparsed_names == {"a", "b"}
    assert [(Path(d.file).name, d.line) for d in diagnostics] == [("a.mg", 2)]
    assert load_paths([tmp_path / "a.mg"])[0] == []


@pytest.mark.parametrize(
    "content, message, where",
    [
        (b"drug a\nb \xff\xfe c\n", "not UTF-8 text (byte 0xff)", (2, 3)),
        (b"drug \xc3\xa9\n\xe2\x82", "not UTF-8 text (byte 0xe2)", (2, 1)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (NUL byte), not rule text", (3, 1)),
    ],
)
def test_unreadable_bytes_are_located(tmp_path, content, message, where):
    """Check that bad bytes are reported at the line and column (in characters) they sit."""
    path = write(tmp_path, "bad.mg", content)
    files, (d,) = load_paths([path])
    assert files == [] and d.message == message and (d.line, d.col) == where and d.code == "input"


def test_bom_is_dropped(tmp_path):
    path = write(tmp_path, "bom.mg", "\ufeffdrug a\n".encode())
    files, diagnostics = load_paths([path])
    assert files[0].statements[0].kind == "drug" and diagnostics == []


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    files, diagnostics = load_paths([tmp_path / "nope.mg", tmp_path / "empty"])
    assert files == []
    assert [(d.severity.value, d.message) for d in diagnostics] == [
        ("warning", "no .mg files in this folder"),
        ("error", "no such file or folder"),
    ]


def test_too_large_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, "big.mg", "drug abcdefghijkl\n")
    _, (d,) = load_paths([path])
    assert d.message.startswith("file too large") and d.line == 0


def test_shipped_rules_load_and_are_canonical():
    """Check that rules/ parses without a diagnostic and is already in canonical layout."""
    files, diagnostics = load_paths([RULES])
    assert files and diagnostics == []
    for rules in files:
        assert format_rule_file(rules) == rules.text


def test_rule_paths_keeps_explicit_files(tmp_path):
    path = write(tmp_path, "rules.txt", "drug a\n")
    assert rule_paths([path]) == ([path], [])
