"""Running the real ``mechgraph`` command through a pseudo-terminal or through pipes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

#: The command line of the venv this test suite runs in.
MECHGRAPH = [sys.executable, "-m", "mechgraph"]


def environment(**changes: str | None) -> dict[str, str]:
    """The current environment without colour settings, with ``changes`` (None removes)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "FORCE_COLOR")}
    env["TERM"] = "xterm"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def on_terminal(args: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: float = 60):
    """Run mechgraph with stdout and stderr on one pseudo-terminal; (exit code, bytes written)."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        MECHGRAPH + args,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(secondary)
    output = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            # drain what is left, then stop
            continue
    os.close(main)
    return process.wait(timeout=timeout), bytes(output)


def through_pipes(args: list[str], env: dict[str, str] | None = None, stdin: bytes = b""):
    """Run mechgraph with every standard stream a pipe; the CompletedProcess."""
    return subprocess.run(
        MECHGRAPH + args,
        input=stdin,
        capture_output=True,
        env=env or environment(),
        cwd=ROOT,
        timeout=120,
    )
