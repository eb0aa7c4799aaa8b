"""Golden imports: each fixture's summary, diagnostics and statements, as checked in.

Regenerate with ``MECHGRAPH_REGOLD=1 pytest tests/test_formats_golden.py`` and
read the diff before committing it.
"""

from __future__ import annotations

import os

import pytest

from mechgraph.formats import import_file
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.parser import parse_text

from conftest import FIXTURES, ROOT
from formats_support import dump

FOLDER = FIXTURES / "formats"
CASES = [
    ("bel", "pybel_test_bel.bel"),
    ("bel", "pybel_test_thorough.bel"),
    ("bel", "selventa_style.bel"),
    ("sif", "signed_edges.sif"),
    ("sif", "cif_lines.sif"),
    ("signor", "signor_rows.csv"),
    ("omnipath", "omnipath_interactions.tsv"),
    ("drugmechdb", "drugmechdb_3.yaml"),
    ("drugmechdb", "drugmechdb_sample_300.json"),
]


@pytest.mark.parametrize(("format", "name"), CASES)
def test_import_matches_golden(format, name, monkeypatch):
    """Check that importing a fixture gives exactly the checked-in result."""
    monkeypatch.chdir(ROOT)  # diagnostics name the file as given: keep it relative
    result = import_file(format, str((FOLDER / name).relative_to(ROOT)))
    golden = FOLDER / f"{name}.golden"
    text = dump(result)
    if os.environ.get("MECHGRAPH_REGOLD"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_fixture_has_a_golden_import():
    """Check that no fixture is left out of the golden tests."""
    inputs = {
        p.name
        for p in FOLDER.iterdir()
        if p.suffix in (".bel", ".sif", ".json", ".yaml", ".csv", ".tsv")
    }
    assert inputs == {name for _, name in CASES}


@pytest.mark.parametrize(("format", "name"), CASES)
def test_imported_rules_format_and_parse_back_unchanged(format, name):
    """Check that the written .mg text parses back to exactly the imported syntax tree."""
    rules = import_file(format, str(FOLDER / name)).rule_file
    text = format_rule_file(rules)
    assert parse_text(text, rules.path).statements == rules.statements
