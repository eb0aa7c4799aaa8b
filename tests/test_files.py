"""Issue 18: output paths taken from rule text stay inside the folder asked for; safe writes."""

from __future__ import annotations

import os

import pytest

from mechgraph.cli import main
from mechgraph.files import confined_path, reap_temporaries, safe_file_name, write_atomic

HOSTILE = [
    "..",
    ".",
    "../../escaped",
    "/etc/escaped",
    "C:\\Windows\\escaped",
    "a\0b",
    "line\nbreak",
    "\u202eevil",
    "CON",
    "nul",
    "com1.txt",
    "LPT9",
    ".hidden",
    "",
    "x" * 1000,
    "é" * 300,
    "a/../../b",
]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_give_one_plain_file_name(name):
    """Check that a hostile name becomes one plain, short, non-reserved name."""
    made = safe_file_name(name, ".svg")
    stem = made.removesuffix(".svg")
    assert "/" not in made and "\\" not in made and "\0" not in made
    assert made not in {".", ".."} and not made.startswith(".")
    assert all(ch.isprintable() and ch != "\u202e" for ch in made)
    assert len(made.encode()) <= 255
    assert stem.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9", "AUX", "PRN"}


def test_distinct_hostile_names_give_distinct_files():
    """Check that sanitising never makes two different names share a file."""
    names = HOSTILE + ["a_b", "a/b", "a\\b", "a b", "A_b"]
    assert len({safe_file_name(n, ".svg") for n in names}) == len(names)


def test_hypothesis_names_choose_no_path_outside_the_render_folder(tmp_path, capsys):
    """Check `check --render DIR` with `..`, absolute, reserved and long hypothesis names."""
    names = ["../../escaped", "/tmp/escaped_abs", "..", "CON", "nul.txt", "y" * 400, "ok_name"]
    blocks = "".join(f'hypothesis "{n}" @s:\n    some a reaches b\n' for n in names)
    rules = tmp_path / "deep" / "r.mg"
    rules.parent.mkdir()
    rules.write_text(f'source s = pmid:1 "t"\ndrug a\nprocess b\na -> b @s\n{blocks}')
    out = tmp_path / "deep" / "out" / "diagrams"
    before = {p for p in tmp_path.rglob("*")}
    assert main(["check", str(rules), "--render", str(out)]) == 0
    written = {p for p in tmp_path.rglob("*")} - before
    files = [p for p in written if p.is_file()]
    assert len(files) == len(names)
    assert all(p.parent == out for p in files)
    assert (out / "ok_name.svg").exists()
    assert not os.path.exists("/tmp/escaped_abs.svg")


def test_confined_path_refuses_a_symlinked_escape(tmp_path):
    """Check that a name never resolves outside the folder (a planted link is replaced, not followed)."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "h.svg").symlink_to(tmp_path / "victim.svg")
    path = confined_path(tmp_path / "out", "h", ".svg")
    write_atomic(path, "<svg/>")
    assert not (tmp_path / "victim.svg").exists() and not os.path.islink(path)


def test_temporaries_of_dead_writers_are_reaped(tmp_path):
    """Check that a killed writer's temporary is removed by the next write, a live one kept."""
    dead = tmp_path / ".x.mg.999999999.mg-abc123.tmp"
    live = tmp_path / f".x.mg.{os.getpid()}.mg-abc123.tmp"
    mine = tmp_path / ".x.mg.999999999.other.tmp"  # not named like ours: left alone
    for path in (dead, live, mine):
        path.write_text("partial")
    write_atomic(tmp_path / "x.mg", "drug a\n")
    assert not dead.exists() and live.exists() and mine.exists()
    live.unlink()
    assert reap_temporaries(tmp_path) == []


def test_fmt_on_a_symlink_formats_the_real_file_and_keeps_the_link(tmp_path):
    """Check `fmt` through a symbolic link: the target is formatted, the link stays a link."""
    real = tmp_path / "real.mg"
    real.write_text("drug   a\n")
    link = tmp_path / "link.mg"
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and real.read_text() == "drug a\n"


def test_fmt_keeps_hard_links(tmp_path):
    """Check `fmt` on a file with two hard links: both names see the formatted text."""
    first = tmp_path / "a.mg"
    first.write_text("drug   a\n")
    second = tmp_path / "b.mg"
    os.link(first, second)
    assert main(["fmt", str(first)]) == 0
    assert second.read_text() == first.read_text() == "drug a\n"
    assert os.stat(first).st_ino == os.stat(second).st_ino
