"""BEL Script import: every statement accounted for, terms and SET lines, PyBEL agreement."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings

from mechgraph.formats import export_graph, import_file
from mechgraph.language.syntax import Link, Relation, Status

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
    lines = _statement_lines(path)
    members = sum(line.count("), ") for line in lines if " hasMembers list(" in line)
    assert s.links + s.merged_links + s.isa - members + s.skipped_total == len(lines)
    skipped = [d for d in result.diagnostics if d.code == "skipped"]
    assert len(skipped) == s.skipped_total
    assert all(d.line > 0 and d.col > 0 and d.snippet for d in skipped)


def _bel(tmp_path, text):
    path = tmp_path / "x.bel"
    path.write_text(text, encoding="utf-8")
    return import_file("bel", str(path))


def test_set_and_unset_lines_become_context_and_evidence(tmp_path):
    """Check Citation → source, annotations → context keys as written, UNSET, citation reset."""
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
            (("CellLine", "a|b"), ("Species", "mouse")),
            Status.OBSERVED,
        ): {"pmid:8852531"},
        (
            "imipramine",
            Relation.INCREASES,
            "NMDA_adaptation",
            (("Species", "mouse"),),
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
    "positiveCorrelation": Relation.ASSOCIATION,
    "negativeCorrelation": Relation.ASSOCIATION,
    "correlation": Relation.ASSOCIATION,
    "regulates": Relation.ASSOCIATION,
}
_KIND = {
    "Protein": "protein",
    "Gene": "gene",
    "Rna": "gene",
    "MicroRna": "gene",
    "Abundance": "entity",
    "NamedComplexAbundance": "entity",
    "BiologicalProcess": "process",
    "Pathology": "disease",
}
#: Relations PyBEL 0.15 reads otherwise: ``binds`` as a complex, ``partOf`` as membership,
#: and ``directlyRegulates`` not at all.
_PYBEL_OTHERWISE = {"binds", "partOf", "directlyRegulates"}
_FLIP = {Relation.INCREASES: Relation.DECREASES, Relation.DECREASES: Relation.INCREASES}


def _pybel_node(node):
    """(name, coarse kind) of a PyBEL node collapsed onto its entity, or None."""
    kind = _KIND.get(type(node).__name__)
    if kind is None or not getattr(node, "name", None):
        return None
    if any(type(v).__name__ == "Fusion" for v in getattr(node, "variants", None) or ()):
        return None
    return (node.name, kind)


def _pybel_triples(path, collapse=False):
    """PyBEL's causal and correlative edges between entities, with the source line.

    Without ``collapse``, only edges between plain terms; with it, modified,
    active, translocated and degraded terms stand for their entity (the sign
    inverted under degradation), as mechgraph reads them.
    """
    pybel = pytest.importorskip("pybel")
    graph = pybel.from_bel_script(str(path), no_identifier_validation=True, allow_naked_names=True)
    triples = set()
    for u, v, data in graph.edges(data=True):
        relation = _CAUSAL.get(data["relation"])
        modifiers = [data.get(k) for k in ("source_modifier", "target_modifier")]
        plain = not any(modifiers) and not (
            getattr(u, "variants", None) or getattr(v, "variants", None)
        )
        ends = _pybel_node(u), _pybel_node(v)
        if relation is None or None in ends or not (plain or collapse):
            continue
        degraded = sum((m or {}).get("modifier") == "Degradation" for m in modifiers)
        relation = _FLIP.get(relation, relation) if degraded % 2 else relation
        if plain or ends[0] != ends[1]:
            triples.add((ends[0], relation, ends[1], data.get("line")))
    return triples


def _coarse(result):
    """Entity name → (name without its distinguishing suffix, coarse kind)."""
    names = {}
    for name, (kind, _, _) in rule_entities(result.rule_file).items():
        kind = "entity" if kind == "drug" else kind
        names[name] = (name.rsplit(" (", 1)[0] if name.endswith(")") else name, kind)
    return names


@pytest.mark.parametrize("path", BEL, ids=[p.name for p in BEL])
def test_agrees_with_pybel_on_collapsed_edges(path):
    """Check relation counts and triples against PyBEL's parse, terms collapsed on both sides.

    PyBEL also reads nested statements (``a -| (b -> c)``) as the edges
    ``a -| b`` and ``b -> c``; mechgraph skips them (and says so), so those
    lines are set aside before comparing, as are complexes and composites
    (PyBEL names them by their members).  PyBEL states an association in
    both directions; mechgraph once, as written.
    """
    result = import_file("bel", str(path))
    nested = {d.line for d in result.diagnostics if "nested" in d.message or "chained" in d.message}
    unordered = {
        (min(s, o), r, max(s, o)) if r is Relation.ASSOCIATION else (s, r, o)
        for s, r, o, line in _pybel_triples(path, collapse=True)
        if line not in nested
    }
    names = _coarse(result)
    ours = {
        (names[s.subject.name], s.relation, names[s.object.name])
        for s in result.rule_file.statements
        if isinstance(s, Link)
        and "(" not in names[s.subject.name][0] + names[s.object.name][0]
        and dict((a.key, a.value) for a in s.attributes).get("predicate") not in _PYBEL_OTHERWISE
    }
    ours = {
        (min(s, o), r, max(s, o)) if r is Relation.ASSOCIATION else (s, r, o) for s, r, o in ours
    }
    assert ours == unordered
    assert Counter(r for _, r, _ in ours) == Counter(r for _, r, _ in unordered)


@given(graph=mechanism_graphs())
@settings(max_examples=25)
def test_pybel_reads_the_exported_claims(graph, tmp_path_factory):
    """Check that PyBEL finds every cited claim of a BEL export, with its relation."""
    path = tmp_path_factory.mktemp("bel") / "export.bel"
    path.write_text(export_graph("bel", graph), encoding="utf-8")
    theirs = {(s[0], r, o[0]) for s, r, o, _ in _pybel_triples(path)}
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
