"""What a user waits for: a whole ``mechgraph ask`` process, with and without the cache.

Each run is a fresh ``python -m mechgraph ask SOURCE TARGET --rules RULES`` under
the memory cap of :mod:`benchmarks.guard`, timed on the wall clock: without
the compiled cache (``--no-cache``), cold (an empty cache, which the run
fills) and warm (the median of three runs reading it).  The seed's question on
its 16 links (``rules/``) is measured the same way in the same run, so every
size's warm start is also a ratio to the seed.

>>> ask_command(Path("rules"), "imipramine", "antidepressant_effect")[-4:]
['imipramine', 'antidepressant_effect', '--rules', 'rules']
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from typing import Any

from .guard import DEFAULT_CAP_GIB, Outcome, run_capped

__all__ = ["SEED_RULES", "SEED_QUESTION", "WARM_RUNS", "ask_command", "measure", "measure_seed"]

ROOT = Path(__file__).resolve().parent.parent
SEED_RULES = ROOT / "rules"
SEED_QUESTION = ("imipramine", "antidepressant_effect")
WARM_RUNS = 3
#: The cache's size bound while measuring: a 10M-link entry must be kept to be read warm.
CACHE_MAX = "64G"


def ask_command(rules: Path, source: str, target: str) -> list[str]:
    """The command line of one question on ``rules``."""
    return [sys.executable, "-m", "mechgraph", "ask", source, target, "--rules", str(rules)]


def measure(
    rules: Path,
    source: str,
    target: str,
    cache: Path,
    *,
    no_cache: bool = True,
    cold: bool = True,
    cap_gib: float = DEFAULT_CAP_GIB,
) -> dict[str, Any]:
    """Wall seconds (CPU seconds beside them) and peak RSS of ``ask`` runs on ``rules``, the compiled cache in
    ``cache``: without it (unless ``no_cache`` is false), cold (unless ``cold`` is false:
    the cache is filled already), then warm (median of 3).

    Stops at the first run that fails, with its status (``out of memory`` under the cap).
    """
    env = {**os.environ, "MECHGRAPH_CACHE": str(cache), "MECHGRAPH_CACHE_MAX": CACHE_MAX}
    command = ask_command(rules, source, target)
    result: dict[str, Any] = {"runs": {}}

    def run(name: str, extra: list[str]) -> Outcome:
        outcome = run_capped(command + extra, cap_gib, cwd=ROOT, env=env, capture=False)
        result["runs"][name] = outcome.to_dict()
        if not outcome.ok:
            result["status"] = f"{outcome.status} in `ask` ({name})"
        return outcome

    order = [("no_cache", ["--no-cache"])] if no_cache else []
    order += [("cold", [])] if cold else []  # else the cache was filled beforehand
    order += [(f"warm_{k + 1}", []) for k in range(WARM_RUNS)]
    for name, extra in order:
        if not run(name, extra).ok:
            return result
    runs = result["runs"]
    result |= {
        "status": "ok",
        "no_cache": runs["no_cache"]["wall_s"] if no_cache else None,
        "cold": runs["cold"]["wall_s"] if cold else None,
        "warm": statistics.median(runs[f"warm_{k + 1}"]["wall_s"] for k in range(WARM_RUNS)),
        "warm_cpu": statistics.median(runs[f"warm_{k + 1}"]["cpu_s"] for k in range(WARM_RUNS)),
        "warm_peak_rss_mib": max(runs[f"warm_{k + 1}"]["peak_rss_mib"] for k in range(WARM_RUNS)),
    }
    return result


def measure_seed(cache: Path, cap_gib: float = DEFAULT_CAP_GIB) -> dict[str, Any]:
    """The seed's question on its 16 links, cold then warm (median of 3)."""
    found = measure(SEED_RULES, *SEED_QUESTION, cache, no_cache=False, cap_gib=cap_gib)
    return {"rules": "rules/", "question": " ".join(SEED_QUESTION), **found}
