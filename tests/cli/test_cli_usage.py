"""Issue 18, wrong or poor answers of the command line: usage errors exit 2, nothing is skipped."""

from __future__ import annotations

import os

import pytest

from mechgraph.cli import main
from mechgraph.language.loader import rule_paths

RULES = 'source s = pmid:1 "t"\ndrug a\nprocess b\na -> b @s\n'


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "r.mg"
    path.write_text(RULES)
    return str(path)


def test_why_not_with_an_unknown_name_exits_2(rules, capsys):
    """Check `why-not nosuch X` and `why-not A B --via nosuch`: exit 2, as the README says."""
    assert main(["why-not", "nosuch", "b", "--rules", rules]) == 2
    assert main(["why-not", "a", "b", "--via", "nosuch", "--rules", rules]) == 2
    assert "no entity or class 'nosuch'" in capsys.readouterr().out
    assert main(["why-not", "b", "a", "--rules", rules]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "--top", "-1"],
        ["ask", "a", "b", "--max-paths", "-1"],
        ["render", "{rules}", "-o", "x.svg", "--depth", "-2"],
    ],
    ids=["stats-top", "ask-max-paths", "render-depth"],
)
def test_negative_counts_are_usage_errors(rules, argv, capsys):
    """Check `stats --top -1` (and the other counts): rejected, never an entry dropped."""
    argv = [a.format(rules=rules) for a in argv]
    if "--rules" not in argv and argv[0] != "render":
        argv += ["--rules", rules]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and "must be 0 or more" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "a", "b", "--rules", ""],
        ["check", ""],
        ["check", "{rules}", "--render", ""],
        ["predict", "h", "--knockout", "", "--rules", "{rules}"],
        ["export", "sif", "{rules}", "-o", ""],
        ["render", "{rules}", "-o", ""],
    ],
    ids=["rules", "check", "render-dir", "knockout", "export-o", "render-o"],
)
def test_empty_string_arguments_are_usage_errors(rules, argv, capsys, tmp_path, monkeypatch):
    """Check `--rules ""`, `check ""`, `--render ""`, `--knockout ""`, `-o ""`: exit 2."""
    monkeypatch.chdir(tmp_path)  # `check ""` once loaded the whole current folder
    with pytest.raises(SystemExit) as stop:
        main([a.format(rules=rules) for a in argv])
    assert stop.value.code == 2 and "empty string" in capsys.readouterr().err


def test_render_to_dev_null_is_a_clear_error(rules, capsys):
    """Check `--render /dev/null`: a clear error, not "File exists"; /dev/null untouched."""
    assert main(["ask", "a", "b", "--rules", rules, "--render", "/dev/null"]) != 0
    err = capsys.readouterr().err
    assert "File exists" not in err and "/dev/null" in err
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_an_unreadable_sub_folder_is_an_error(tmp_path, monkeypatch):
    """Check that a sub-folder that cannot be read is an error, not silently skipped."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.mg").write_text("drug a\n")
    (tmp_path / "sub" / "b.mg").write_text("drug b\n")
    real = os.scandir

    def refuse(path="."):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found, diagnostics = rule_paths([tmp_path])
    assert [p.name for p in found] == ["a.mg"]
    (d,) = diagnostics
    assert d.is_error and "cannot read this folder: Permission denied" in d.message
    assert d.file.endswith("sub")


def test_an_unreadable_top_folder_is_an_error_not_a_warning(tmp_path, monkeypatch):
    """Check that a folder named on the command line that cannot be read is an error."""
    real = os.scandir
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path=".": (
            (_ for _ in ()).throw(PermissionError(13, "Permission denied", path))
            if os.fspath(path) == str(tmp_path)
            else real(path)
        ),
    )
    found, (d,) = rule_paths([tmp_path])
    assert found == [] and d.is_error


def test_a_fifo_among_the_rule_files_is_an_error(tmp_path):
    """Check that a FIFO named *.mg in a folder is refused (never opened, never skipped)."""
    (tmp_path / "a.mg").write_text("drug a\n")
    os.mkfifo(tmp_path / "f.mg")
    found, (d,) = rule_paths([tmp_path])
    assert [p.name for p in found] == ["a.mg"] and d.is_error and "FIFO" in d.message
