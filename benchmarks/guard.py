"""Run one benchmark phase in a child process under a memory cap, and say how it ended.

A 10M-link size must not take a shared machine down: every heavy phase runs
in its own process whose address space is capped with ``RLIMIT_AS`` (16 GiB
by default), so an allocation past the cap fails inside that process
(``MemoryError``) instead of waking the kernel's OOM killer.  The parent
reads the child's own peak RSS from ``wait4`` (per child, even when it died)
and turns a failure into an outcome the report can show: ``ok``, ``out of
memory`` or ``failed``.

>>> import sys
>>> outcome = run_capped([sys.executable, "-c", "print('hi')"], cap_gib=4.0)
>>> outcome.status, outcome.peak_rss_mib > 0, outcome.stdout
('ok', True, 'hi\\n')
>>> run_capped([sys.executable, "-c", "x = bytearray(2 << 30)"], cap_gib=1.0).status
'out of memory'
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["DEFAULT_CAP_GIB", "Outcome", "run_capped"]

#: The default address-space cap of a phase (the machine has 24 GiB, shared).
DEFAULT_CAP_GIB = 16.0

#: What a child says when an allocation failed (Python, C++ and C libraries).
_OOM_SIGNS = (
    "MemoryError",
    "bad_alloc",
    "Cannot allocate memory",
    "Memory allocation",
    "out of memory",
)


@dataclass(frozen=True)
class Outcome:
    """How a capped child ended: its status, exit code, wall time, own peak RSS, output."""

    status: str  # "ok", "out of memory" or "failed"
    returncode: int
    wall_s: float
    peak_rss_mib: float
    cpu_s: float  # user + system time of the child (robust where the wall clock is not)
    cap_gib: float
    stdout: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        document = asdict(self)
        del document["stdout"]
        return document


def _limit(cap_bytes: int):
    def apply() -> None:  # runs in the child, between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    return apply


def _status(returncode: int, stderr: str) -> str:
    if returncode == 0:
        return "ok"
    if returncode == -9 or any(sign in stderr for sign in _OOM_SIGNS):
        return "out of memory"
    return "failed"


def run_capped(
    command: list[str],
    cap_gib: float = DEFAULT_CAP_GIB,
    *,
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    capture: bool = True,
) -> Outcome:
    """Run ``command`` with its address space capped at ``cap_gib`` GiB; wait and report.

    Standard output is kept when ``capture`` (else discarded); the last lines of
    standard error become the outcome's ``error`` when the child fails.  The peak RSS
    is the child's ``ru_maxrss``, which Linux carries across exec from the process it
    was forked from: call this from a small process (the benchmark's parent holds no
    corpus), or every child reports at least that process's size.
    """
    cap = int(cap_gib * (1 << 30))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_limit(cap),
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    state = _status(child.returncode, stderr)
    tail = " | ".join(stderr.strip().splitlines()[-3:]) if state != "ok" else ""
    cpu = usage.ru_utime + usage.ru_stime
    return Outcome(
        state, child.returncode, wall, usage.ru_maxrss / 1024, cpu, cap_gib, stdout, tail[-600:]
    )
