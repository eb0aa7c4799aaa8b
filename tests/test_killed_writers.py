"""Issue 18, killed writers: kill -9 at any moment leaves the target as before or complete, and
the next run leaves no temporary file behind (fmt, render, export, import, the compiled cache)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from mechgraph import files
from mechgraph.cli import main
from mechgraph.compiler.cache import Cache

TRIALS = 20


def _rules(n: int) -> str:
    """A rule file of ``n`` links, written loosely (so that fmt changes it)."""
    lines = ["drug   d0"] + [f"process   p{i}" for i in range(n)]
    lines += ["d0   ->   p0"] + [f"p{i}  -|  p{i + 1}" for i in range(n - 1)]
    return "\n".join(lines) + "\n"


def _in_child(argv: list[str], die_before_rename: bool = False) -> int:
    """Fork a child running ``mechgraph ARGV``; its pid.

    With ``die_before_rename`` it kills itself with SIGKILL at the moment a
    finished temporary file is about to be renamed over the target.
    """
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: never returns into pytest
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        if die_before_rename:
            files.os.replace = lambda *_: os.kill(os.getpid(), signal.SIGKILL)
        main(argv)
    finally:
        os._exit(0)


def _run_killed(argv: list[str], after: float | None) -> None:
    """Run ``argv`` in a child and kill -9 it ``after`` seconds (``None``: just before its rename)."""
    pid = _in_child(argv, die_before_rename=after is None)
    if after is not None:
        time.sleep(after)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _duration(argv: list[str]) -> float:
    started = time.perf_counter()
    pid = _in_child(argv)
    os.waitpid(pid, 0)
    return time.perf_counter() - started


def _temporaries(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.glob(".*.tmp")]


def _writer(kind: str, tmp: Path):
    """``(argv, target, folder, valid(bytes | None) -> bool, reset())`` for one writer."""
    rules = tmp / "rules.mg"
    loose = _rules(300)
    rules.write_text(loose)
    sif = tmp / "in.sif"
    sif.write_text("".join(f"a{i}\tincreases\tb{i}\n" for i in range(500)))
    outputs = tmp / "out"
    outputs.mkdir(exist_ok=True)
    if kind == "fmt":
        argv, target = ["fmt", str(rules)], rules
    elif kind == "render":
        argv, target = ["render", str(rules), "-o", str(outputs / "g.dot")], outputs / "g.dot"
    elif kind == "export":
        argv = ["export", "sif", str(rules), "-o", str(outputs / "g.sif")]
        target = outputs / "g.sif"
    else:
        argv = ["import", "sif", str(sif), "-o", str(outputs / "g.mg"), "-q"]
        target = outputs / "g.mg"
    assert main(argv) == 0
    complete = target.read_bytes()
    before = loose.encode() if kind == "fmt" else None

    def reset() -> None:
        rules.write_text(loose)
        if kind != "fmt":
            target.unlink(missing_ok=True)

    reset()
    return argv, target, target.parent, lambda now: now in (before, complete), reset


@pytest.mark.parametrize("kind", ["fmt", "render", "export", "import"])
def test_kill_9_of_a_writer_leaves_the_old_or_the_whole_file(tmp_path, kind):
    """Check kill -9 at random moments: target as before or complete; no temp after the next run."""
    argv, target, folder, valid, reset = _writer(kind, tmp_path)
    rng = random.Random(kind)
    span = _duration(argv) * 1.2
    for trial in range(TRIALS + 1):
        reset()
        _run_killed(argv, None if trial == 0 else rng.uniform(0, span))
        now = target.read_bytes() if target.exists() else None
        assert valid(now), f"trial {trial}: a damaged {target.name}"
        if trial == 0:
            assert _temporaries(folder), "the deterministic kill should leave its temporary"
        assert main(argv) == 0  # the next run
        assert valid(target.read_bytes()) and not _temporaries(folder)


def test_kill_9_while_storing_the_cache_never_leaves_a_bad_entry(tmp_path, monkeypatch):
    """Check the compiled cache under kill -9: every entry left is sound, no temp after the next run."""
    rules = tmp_path / "rules.mg"
    rules.write_text(_rules(300))
    folder = tmp_path / "cache"
    monkeypatch.setenv("MECHGRAPH_CACHE", str(folder))
    argv = ["ask", "d0", "p0", "--rules", str(rules)]
    store = Cache(folder)
    rng = random.Random(18)
    assert main(argv) == 0  # imports done: the children time the work itself
    _empty(folder)
    span = _duration(argv) * 1.2
    for trial in range(TRIALS + 1):
        _empty(folder)
        _run_killed(argv, None if trial == 0 else rng.uniform(0, span))
        entries = list(folder.glob("*.json"))
        assert len(entries) <= 1
        if entries:
            assert store.read([rules]) is not None, f"trial {trial}: a damaged entry"
        if trial == 0:
            assert _temporaries(folder)
        assert main(argv) == 0
        assert store.read([rules]) is not None and not _temporaries(folder)


def _empty(folder) -> None:
    """Remove every entry, its arrays folder and the remembered digests."""
    for entry in folder.glob("*"):
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


if sys.platform == "win32":  # pragma: no cover - fork and SIGKILL are POSIX
    pytestmark = pytest.mark.skip("POSIX only")
