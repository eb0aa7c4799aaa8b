"""``.pre-commit-hooks.yaml``: each hook runs as pre-commit runs it (entry, args, file names)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
GOOD = "drug imipramine\nprocess effect\nimipramine -> effect\n"


def _run(hook: dict, repo: Path) -> subprocess.CompletedProcess:
    """Run ``hook`` in ``repo`` the way pre-commit does: entry, args, then matching files."""
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mechgraph"
    files = sorted(
        p.relative_to(repo).as_posix() for p in repo.rglob("*") if re.search(hook["files"], p.name)
    )
    names = files if hook.get("pass_filenames", True) else []
    command = [sys.executable, "-m", "mechgraph", *entry[1:], *hook.get("args", []), *names]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)


def test_manifest_fields():
    """Check that both hooks exist with the fields pre-commit requires."""
    assert set(HOOKS) == {"mechgraph-check", "mechgraph-fmt"}
    for hook in HOOKS.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"


@pytest.mark.parametrize(
    ("hook", "text", "code"),
    [
        ("mechgraph-check", GOOD, 0),
        ("mechgraph-check", GOOD + "imipramine -> effect @nowhere\n", 1),
        ("mechgraph-fmt", GOOD, 0),
        ("mechgraph-fmt", GOOD.replace("->", "increases"), 1),
    ],
)
def test_hooks_pass_and_fail(tmp_path, hook, text, code):
    """Check that a hook passes on good rules and fails on a mistake (or an untidy file)."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.mg").write_text(text, encoding="utf-8")
    assert _run(HOOKS[hook], tmp_path).returncode == code
