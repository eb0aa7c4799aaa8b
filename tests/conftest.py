"""Shared pytest set-up: hypothesis profiles and paths to the shipped files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = RULES / "skolnick1996.mg"  # the seed's own rules, as shipped


def line_of(path, text: str) -> int:
    """The 1-based number of the first line of ``path`` starting with ``text``."""
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


#: Where the seed says "not after acute dosing".
ACUTE_NO_CHANGE = line_of(SEED, "antidepressant -0 NMDA_adaptation [duration=acute")

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("quick", max_examples=30, deadline=None)
#: The reliability fuzz (tests/test_reliability.py) as `make test` runs it a second time.
settings.register_profile(
    "reliability",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    """Keep the compiled cache of command-line runs out of the user's cache folder."""
    monkeypatch.setenv("MECHGRAPH_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def seeded(tmp_path):
    """The seed rules in a folder, loaded once through a fresh cache: (rules, store, entry file)."""
    from mechgraph.compiler.cache import Cache
    from mechgraph.model import load

    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    store = Cache(tmp_path / "store")
    load(rules, cache=store)
    (entry,) = store.folder.glob("*.json")
    return rules, store, entry
