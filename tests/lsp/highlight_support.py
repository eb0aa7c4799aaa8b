"""The files the highlighting tests read: shipped rules and fixtures, valid or deliberately broken."""

from __future__ import annotations

from pathlib import Path

from mechgraph.errors import MechgraphError
from mechgraph.language.parser import parse_file

__all__ = ["ROOT", "VALID", "BROKEN"]

ROOT = Path(__file__).resolve().parents[2]
_ALL = sorted([*ROOT.glob("rules/**/*.mg"), *ROOT.glob("tests/fixtures/**/*.mg")])


def _parses(path: Path) -> bool:
    try:
        parse_file(path)
    except MechgraphError:
        return False
    return True


VALID = [path for path in _ALL if _parses(path)]
BROKEN = [path for path in _ALL if path not in VALID]
