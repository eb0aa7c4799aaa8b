"""The drawing benchmark: a 20k-link network drawn whole and around an answer, within budget.

Before the drawing budget, ``mechgraph ask ... --render`` on a 19,807-link network
ran graphviz for over 12 minutes; the default budget (``mechgraph.render.focus``)
must keep each drawing to :data:`BUDGET_S` seconds of wall clock, and say what
it left out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.layout import CorpusSpec

__all__ = ["BUDGET_S", "LINKS", "measure_drawing"]

#: Wall seconds one drawing of the 20k-link corpus may take (process start included).
BUDGET_S = 15.0
LINKS = 20_000


def measure_drawing(corpus: Path) -> dict[str, Any]:
    """Wall seconds of ``render`` (the whole network) and ``ask --render`` on ``corpus``,
    each with the note of what was left out, and whether both kept to :data:`BUDGET_S`."""
    runs = {
        "render": ["render", str(corpus), "-o", "{out}"],
        "ask_render": ["ask", "drug_0", "antidepressant_effect", str(corpus), "--render", "{out}"],
    }
    found: dict[str, Any] = {"links": LINKS, "budget_s": BUDGET_S}
    with tempfile.TemporaryDirectory() as folder:
        for name, args in runs.items():
            out = os.path.join(folder, f"{name}.svg")
            command = [sys.executable, "-m", "mechgraph", "--color", "never"]
            command += [a.replace("{out}", out) for a in args]
            started = time.perf_counter()
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                env={**os.environ, "MECHGRAPH_CACHE": folder},
            )
            seconds = time.perf_counter() - started
            said = (done.stdout + done.stderr).strip().splitlines()
            note = next((line for line in said if "not shown" in line), "")
            found[name] = {"seconds": round(seconds, 2), "exit": done.returncode, "note": note}
    found["within_budget"] = all(
        found[name]["exit"] == 0 and found[name]["seconds"] <= BUDGET_S for name in runs
    )
    return found


def corpus_spec(seed: int) -> CorpusSpec:
    """The corpus the drawing benchmark draws."""
    return CorpusSpec(LINKS, seed)
