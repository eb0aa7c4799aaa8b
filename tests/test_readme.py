"""The README's examples run: every ```console block, from a fresh copy of the repository.

Each ``$ `` line of a block is run by bash in a temporary copy of the
repository (so examples that write files change nothing here), with the
venv's ``mechgraph`` first on the PATH; the lines after it, up to the next
``$ `` line, must be its output (standard output and error, as a terminal
shows them).  A line holding only ``...`` stands for any number of lines,
``...`` within a line for any text.
A block that cannot run here (it needs a network, say) is marked by a
``<!-- not-run: reason -->`` comment on the line before its fence; keep those
few.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

README = ROOT / "README.md"
_FENCE = re.compile(r"^```console\s*$")
_NOT_RUN = re.compile(r"^<!--\s*not-run:\s*(?P<reason>.+?)\s*-->\s*$")
_IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "corpora",
    ".ruff_cache",
    ".mypy_cache",
)


@dataclass(frozen=True)
class Step:
    """One ``$ command`` and the output the README shows for it."""

    command: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A console block: where it starts, its steps, and why it is not run (if it is not)."""

    line: int
    steps: tuple[Step, ...]
    not_run: str | None = None


def console_blocks(text: str) -> list[Block]:
    """The ```console blocks of ``text``, split into steps.

    >>> [b.steps[0].command for b in console_blocks("```console\\n$ echo hi\\nhi\\n```\\n")]
    ['echo hi']
    """
    lines = text.splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        if not _FENCE.match(lines[i]):
            i += 1
            continue
        start = i + 1
        marker = _NOT_RUN.match(lines[i - 1].strip()) if i else None
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        steps: list[Step] = []
        for row in body:
            if row.startswith("$ "):
                steps.append(Step(row[2:], ()))
            elif steps:
                last = steps[-1]
                steps[-1] = Step(last.command, last.expected + (row,))
        blocks.append(Block(start, tuple(steps), marker and marker["reason"]))
        i += 1
    return blocks


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Whether ``actual`` lines are ``expected``: a line ``...`` stands for any lines,
    ``...`` inside a line for any text.

    >>> matches(("a", "...", "d"), ["a", "b", "c", "d"]), matches(("a",), ["a", "b"])
    (True, False)
    >>> matches(("x [a=1, ...] y",), ["x [a=1, b=2] y"])
    True
    """
    want = [line.rstrip() for line in expected]
    while want and not want[-1]:
        want.pop()
    have = [line.rstrip() for line in actual]
    while have and not have[-1]:
        have.pop()

    def same(line: str, got: str) -> bool:
        if "..." not in line:
            return line == got
        pattern = ".*".join(re.escape(part) for part in line.split("..."))
        return re.fullmatch(pattern, got) is not None

    def match(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(have)
        if want[i].strip() == "...":
            return any(match(i + 1, k) for k in range(j, len(have) + 1))
        return j < len(have) and same(want[i], have[j]) and match(i + 1, j + 1)

    return match(0, 0)


BLOCKS = console_blocks(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A copy of the repository as a fresh clone has it (no venv, no caches)."""
    folder = tmp_path_factory.mktemp("readme") / "mechgraph"
    shutil.copytree(ROOT, folder, ignore=_IGNORED, symlinks=True)
    return folder


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MECHGRAPH_DEBUG")}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["MECHGRAPH_CACHE"] = str(home / "cache")
    env["HOME"] = str(home)
    env["NO_COLOR"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    return env


def test_the_readme_has_runnable_console_blocks():
    """Check that there are blocks to run and few are excused."""
    assert len(BLOCKS) >= 5
    assert sum(b.not_run is not None for b in BLOCKS) <= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{b.line}" for b in BLOCKS])
def test_console_block_runs_as_shown(block: Block, clone: Path, tmp_path: Path):
    """Check each step of one README console block: its output is what the README shows."""
    if block.not_run:
        pytest.skip(f"README.md:{block.line} is marked not-run: {block.not_run}")
    env = _environment(tmp_path)
    for step in block.steps:
        done = subprocess.run(
            ["bash", "-c", step.command + " 2>&1"],
            cwd=clone,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            timeout=600,
        )
        actual = done.stdout.splitlines()
        assert matches(step.expected, actual), (
            f"README.md:{block.line}: `{step.command}` printed:\n"
            + done.stdout
            + "\nbut the README shows:\n"
            + "\n".join(step.expected)
        )
