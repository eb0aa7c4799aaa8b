"""A source declared by title alone (no PMID or DOI) travels through every export."""

from __future__ import annotations

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.formats import FORMATS, export_graph, import_file
from mechgraph.language.parser import parse_text

TEXT = (
    'source skolnick1996 "Skolnick 1996, Pharmacopsychiatry"\n'
    "drug d\nprocess p\nd -> p @skolnick1996\n"
)
TITLE = "Skolnick 1996, Pharmacopsychiatry"


@pytest.fixture(scope="module")
def graph():
    compiled, _ = compile_rules([parse_text(TEXT, "t.mg")])
    return compiled


@pytest.mark.parametrize("format", ["graphml", "cx2", "nodelink"])
def test_graph_formats_bring_the_source_back_without_an_identifier(format, graph, tmp_path):
    """Check that the source, its title and the link citing it come back as they were."""
    path = tmp_path / f"g{FORMATS[format].suffix}"
    path.write_text(export_graph(format, graph), encoding="utf-8")
    again, _ = compile_rules([import_file(format, str(path)).rule_file])
    source = again.sources["skolnick1996"]
    assert (source.reference, source.title) == (None, TITLE)
    assert [claim.evidence for claim in again.claims] == [("skolnick1996",)]


def test_bel_cites_it_by_title_and_name(graph):
    """Check that BEL's citation of such a source holds its title and its name."""
    assert f'SET Citation = {{"Other", "{TITLE}", "skolnick1996"}}' in export_graph("bel", graph)


def test_no_export_writes_a_missing_identifier(graph):
    """Check that no writable format spells the missing identifier as 'None'."""
    for name, format in FORMATS.items():
        if format.write is not None:
            assert "None" not in export_graph(name, graph), name
