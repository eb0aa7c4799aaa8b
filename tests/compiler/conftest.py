"""Shared set-up of the compiler tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mechgraph.compiler.cache import Cache
from mechgraph.model import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def seeded(tmp_path):
    """The seed rules in a folder, loaded once through a fresh cache: (rules, store, entry file)."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    store = Cache(tmp_path / "store")
    load(rules, cache=store)
    (entry,) = store.folder.glob("*.json")
    return rules, store, entry
