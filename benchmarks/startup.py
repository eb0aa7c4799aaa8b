"""Start-up cost of the command line: what a user waits for on a small rule file.

Each command runs as a fresh process, round-robin with two baselines measured
in the same run: bare Python (``python -c pass``) and Python importing networkx
(the one library every mechgraph verb needs).  Figures are wall-clock medians.

    python -m benchmarks.startup [--repeat N] [--json FILE]

>>> COMMANDS["help"][-1]
'--help'
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["COMMANDS", "measure", "TARGETS"]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MECHGRAPH = [PYTHON, "-m", "mechgraph"]

#: What is timed: two baselines and three everyday commands on the seed's rules.
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "python -c 'import networkx'": [PYTHON, "-c", "import networkx"],
    "help": [*MECHGRAPH, "--help"],
    "check rules/": [*MECHGRAPH, "check", "rules/"],
    "ask (seed, warm cache)": [*MECHGRAPH, "ask", "imipramine", "antidepressant_effect"],
}
#: Targets of issue 11: --help within 0.15 s of bare Python; a seed question within 0.4 s.
TARGETS = {"help_above_python_s": 0.15, "ask_total_s": 0.4}


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(repeat: int = 15) -> dict:
    """Median wall seconds per command (round-robin, after one warm-up round)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "MECHGRAPH_CACHE": cache}
        samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for round_ in range(repeat + 1):
            for name, command in COMMANDS.items():
                seconds = _wall(command, env)
                if round_:  # the first round fills the OS cache and the compiled cache
                    samples[name].append(seconds)
    median = {name: statistics.median(times) for name, times in samples.items()}
    help_above = median["help"] - median["python -c pass"]
    return {
        "median_wall_s": median,
        "help_above_python_s": help_above,
        "ask_total_s": median["ask (seed, warm cache)"],
        "targets": TARGETS,
        "met": {
            "help_above_python_s": help_above <= TARGETS["help_above_python_s"],
            "ask_total_s": median["ask (seed, warm cache)"] <= TARGETS["ask_total_s"],
        },
        "repeat": repeat,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", default=str(Path(__file__).with_name("startup.json")))
    args = parser.parse_args(argv)
    result = measure(args.repeat)
    for name, seconds in result["median_wall_s"].items():
        print(f"{name:32} {seconds * 1000:8.1f} ms")
    for key, ok in result["met"].items():
        print(
            f"{key:32} {result[key] * 1000:8.1f} ms  target {TARGETS[key] * 1000:.0f} ms  {'ok' if ok else 'MISSED'}"
        )
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
