"""BEL Script import: every statement accounted for, terms and SET lines, PyBEL agreement."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings

from mechgraph.formats import export_graph, import_file
from mechgraph.language.syntax import Relation, Status

from conftest import FIXTURES
from formats_support import mechanism_graphs, rule_entities, rule_links

BEL = sorted((FIXTURES / "formats").glob("*.bel"))
_NOT_STATEMENTS = ("#", "SET ", "UNSET ", "DEFINE ")


def _statement_lines(path):
    lines = path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    return [line for line in lines if line.strip() and not line.startswith(_NOT_STATEMENTS)]


@pytest.mark.parametrize("path", BEL, ids=[p.name for p in BEL])
def test_every_statement_is_imported_or_skipped_with_a_reason(path):
    """Check that links + merged + isa + skipped equals the file's statement count."""
    result = import_file("bel", str(path))
    s = result.summary
    assert s.links + s.merged_links + s.isa + s.skipped_total == len(_statement_lines(path))
    skipped = [d for d in result.diagnostics if d.code == "skipped"]
    assert len(skipped) == s.skipped_total
    assert all(d.line > 0 and d.col > 0 and d.snippet for d in skipped)


def _bel(tmp_path, text):
    path = tmp_path / "x.bel"
    path.write_text(text, encoding="utf-8")
    return import_file("bel", str(path))


def test_set_and_unset_lines_become_context_and_evidence(tmp_path):
    """Check Citation → source, annotations → snake-case context, UNSET, citation reset."""
    result = _bel(
        tmp_path,
        "\n".join(
            [
                'SET Citation = {"PubMed", "Skolnick 1996", "8852531"}',
                'SET Species = "mouse"',
                'SET CellLine = {"a", "b"}',
                "a(CHEBI:imipramine) -> bp(GO:NMDA_adaptation)",
                "UNSET CellLine",
                "a(CHEBI:imipramine) => bp(GO:NMDA_adaptation)",
                'SET Citation = {"DOI", "", "10.1055/s-2007-979537"}',
                "p(HGNC:GRIN1 ! NR1) directlyDecreases path(MESHD:Depression)",
            ]
        ),
    )
    assert rule_links(result.rule_file) == {
        (
            "imipramine",
            Relation.INCREASES,
            "NMDA_adaptation",
            (("cell_line", "a|b"), ("species", "mouse")),
            Status.OBSERVED,
        ): {"pmid:8852531"},
        (
            "imipramine",
            Relation.INCREASES,
            "NMDA_adaptation",
            (("species", "mouse"),),
            Status.OBSERVED,
        ): {"pmid:8852531"},
        ("NR1", Relation.DECREASES, "Depression", (), Status.OBSERVED): {
            "doi:10.1055/s-2007-979537"
        },
    }
    assert rule_entities(result.rule_file) == {
        "imipramine": ("drug", None, "CHEBI:imipramine"),
        "NMDA_adaptation": ("process", None, "GO:NMDA_adaptation"),
        "NR1": ("protein", None, "HGNC:GRIN1"),
        "Depression": ("disease", None, "MESHD:Depression"),
    }


def test_gene_and_protein_of_one_symbol_stay_apart(tmp_path):
    """Check that g(HGNC:X) and p(HGNC:X) are two entities, the later one suffixed."""
    result = _bel(tmp_path, "p(HGNC:AKT1) -> g(HGNC:AKT1)\n")
    assert rule_entities(result.rule_file) == {
        "AKT1": ("protein", None, "HGNC:AKT1"),
        "AKT1 (gene)": ("gene", None, "HGNC:AKT1"),
    }


# -- differential check against PyBEL -----------------------------------------

_CAUSAL = {
    "increases": Relation.INCREASES,
    "directlyIncreases": Relation.INCREASES,
    "decreases": Relation.DECREASES,
    "directlyDecreases": Relation.DECREASES,
    "causesNoChange": Relation.NO_CHANGE,
    "association": Relation.ASSOCIATION,
}
_SIMPLE = {"Protein", "Gene", "Rna", "MicroRna", "Abundance", "BiologicalProcess", "Pathology"}


def _pybel_triples(path):
    """PyBEL's causal edges between plain terms, with no subject or object modifier."""
    pybel = pytest.importorskip("pybel")
    graph = pybel.from_bel_script(str(path), no_identifier_validation=True, allow_naked_names=True)
    triples = set()
    for u, v, data in graph.edges(data=True):
        modified = {"subject", "object", "source_modifier", "target_modifier"} & set(data)
        if data["relation"] not in _CAUSAL or modified:
            continue
        if not all(
            type(n).__name__ in _SIMPLE
            and getattr(n, "name", None)
            and not getattr(n, "variants", None)
            for n in (u, v)
        ):
            continue
        triples.add((u.name, _CAUSAL[data["relation"]], v.name, data.get("line")))
    return triples


@pytest.mark.parametrize("path", BEL, ids=[p.name for p in BEL])
def test_agrees_with_pybel_on_causal_edges(path):
    """Check relation counts and shared triples against PyBEL's parse of the same file.

    PyBEL also reads nested statements (``a -| (b -> c)``) as the edges
    ``a -| b`` and ``b -> c``; mechgraph skips them (and says so), so those
    lines are set aside before comparing.  PyBEL states an association in
    both directions; mechgraph once, as written.
    """
    nested = {
        d.line
        for d in import_file("bel", str(path)).diagnostics
        if d.message == "skipped: nested statement"
    }
    theirs = {(s, r, o) for s, r, o, line in _pybel_triples(path) if line not in nested}
    theirs = {
        (s, r, o)
        for s, r, o in theirs
        if r is not Relation.ASSOCIATION or (o, r, s) not in theirs or s <= o
    }
    ours = {(key[0], key[1], key[2]) for key in rule_links(import_file("bel", str(path)).rule_file)}
    ours = {
        (min(s, o), r, max(s, o)) if r is Relation.ASSOCIATION else (s, r, o) for s, r, o in ours
    }
    theirs = {
        (min(s, o), r, max(s, o)) if r is Relation.ASSOCIATION else (s, r, o) for s, r, o in theirs
    }
    assert Counter(r for _, r, _ in ours) == Counter(r for _, r, _ in theirs)
    assert ours == theirs


@given(graph=mechanism_graphs())
@settings(max_examples=25)
def test_pybel_reads_the_exported_claims(graph, tmp_path_factory):
    """Check that PyBEL finds every cited claim of a BEL export, with its relation."""
    path = tmp_path_factory.mktemp("bel") / "export.bel"
    path.write_text(export_graph("bel", graph), encoding="utf-8")
    theirs = {(s, r, o) for s, r, o, _ in _pybel_triples(path)}
    for claim in graph.claims:
        if claim.evidence:
            assert (claim.subject, claim.relation, claim.object) in theirs


def test_citation_forms(tmp_path):
    """Check the two-field citation, and that a URL citation is a warning, not a statement."""
    result = _bel(
        tmp_path,
        "\n".join(
            [
                'SET Citation = {"PubMed", "8852531"}',
                "p(HGNC:A) -> p(HGNC:B)",
                'SET Citation = {"Online Resource", "a page", "https://example.org/x#y"}',
                "p(HGNC:A) -| p(HGNC:B)",
            ]
        ),
    )
    assert sorted(rule_links(result.rule_file).values()) == [frozenset(), {"pmid:8852531"}]
    (warning,) = [d for d in result.diagnostics if d.severity.value == "warning"]
    assert (warning.line, "not kept" in warning.message) == (3, True)
    assert result.summary.skipped_total == 0
