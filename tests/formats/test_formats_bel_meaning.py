"""BEL imports that keep their meaning: the relation table, collapsed terms, context keys."""

from __future__ import annotations

import pytest

from mechgraph.cli import main
from mechgraph.formats import import_file
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.syntax import EntityDecl, Link, Relation
from mechgraph.model import load

from conftest import FIXTURES

SELVENTA = FIXTURES / "formats" / "selventa_style.bel"


def _model(tmp_path, path=SELVENTA, **options):
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "imported.mg").write_text(
        format_rule_file(import_file("bel", str(path), options=options).rule_file),
        encoding="utf-8",
    )
    return load(rules)


def _links(path=SELVENTA, **options):
    result = import_file("bel", str(path), options=options)
    return {
        (s.subject.name, s.relation, s.object.name): dict((a.key, a.value) for a in s.attributes)
        for s in result.rule_file.statements
        if isinstance(s, Link)
    }


def test_activity_terms_collapse_onto_their_entity():
    """Check that act(p(MTOR)) is MTOR, with the term kept as an attribute."""
    attributes = _links()[("sirolimus", Relation.DECREASES, "MTOR")]
    assert attributes["object_term"] == "act(p(HGNC:MTOR), ma(kin))"
    assert attributes["predicate"] == "directlyDecreases"


def test_degradation_inverts_the_sign():
    """Check that deg(p(INS)) decreases X reads as INS increases X (INDRA's reading)."""
    assert ("INS", Relation.INCREASES, "glucose homeostasis") in _links()


def test_keep_terms_keeps_them_apart():
    """Check that --keep-terms gives act(p(MTOR)) an entity of its own."""
    links = _links(keep_terms=True)
    assert ("sirolimus", Relation.DECREASES, "act(p(HGNC:MTOR), ma(kin))") in links
    assert not any(o == "MTOR" for _, _, o in links)


@pytest.mark.parametrize(
    ("edge", "predicate"),
    [
        (("MAPK1", "complex(p(HGNC:MAPK1), p(HGNC:MAPK3))"), "partOf"),
        (("GRB2", "SOS1"), "binds"),
        (("INS", "Diabetes Mellitus, Type 2"), "positiveCorrelation"),
        (("TNF", "INS"), "negativeCorrelation"),
        (("MTOR", "RPS6KB1"), "directlyRegulates"),
    ],
)
def test_unsigned_relations_are_associations_with_their_word(edge, predicate):
    """Check partOf, binds, correlations, regulates: unsigned, the word kept as predicate."""
    assert _links()[(edge[0], Relation.ASSOCIATION, edge[1])]["predicate"] == predicate


def test_has_member_is_the_inverse_of_isa():
    """Check that X hasMember(s) Y reads as Y isa X, for one member and for a list."""
    result = import_file("bel", str(SELVENTA))
    assert result.summary.isa == 3
    text = format_rule_file(result.rule_file)
    assert 'AKT1 isa "AKT Family"' in text
    assert 'MAPK1 isa "MAPK Erk1/2 Family"' in text and 'MAPK3 isa "MAPK Erk1/2 Family"' in text


def test_bel1_relations_are_skipped_never_fatal():
    """Check that actsIn is a located skip with its reason, and the file still imports."""
    result = import_file("bel", str(SELVENTA))
    (acts_in,) = [d for d in result.diagnostics if "actsIn" in d.message]
    assert acts_in.severity.value == "warning" and acts_in.line == 48 and acts_in.col == 14
    assert result.summary.links == 12


def test_names_with_spaces_keep_their_namespace():
    """Check that MESHPP:"Cell Proliferation" keeps namespace and name."""
    result = import_file("bel", str(SELVENTA))
    (entry,) = [
        e
        for s in result.rule_file.statements
        if isinstance(s, EntityDecl)
        for e in s.entries
        if e.name.name == "Cell Proliferation"
    ]
    assert [(a.key, a.value) for a in entry.attributes] == [
        ("namespace", "MESHPP"),
        ("ns_name", "Cell Proliferation"),
    ]


def test_annotation_keys_are_kept_as_written():
    """Check MeSHAnatomy stays MeSHAnatomy (no snake case)."""
    links = import_file("bel", str(SELVENTA)).rule_file.statements
    keys = {q.key for s in links if isinstance(s, Link) for q in s.context}
    assert keys == {"MeSHAnatomy", "Species"}


def test_provenance_annotations_do_not_block_routes(tmp_path):
    """Check EGFR → MAPK1 → proliferation and TNF -| INS -> proliferation across
    TextLocation Abstract/Results: provenance, not context."""
    model = _model(tmp_path)
    assert model.ask("EGFR", "Cell Proliferation").holds
    answer = model.ask("TNF", "Cell Proliferation", sign="-")
    assert answer.holds and answer.paths[0].sign.value == "-"


def test_context_keys_option_makes_an_annotation_restrict(tmp_path):
    """Check that --context-keys TextLocation makes Abstract and Results clash again."""
    model = _model(tmp_path, context_keys=["Species", "TextLocation"])
    assert not model.ask("EGFR", "Cell Proliferation").holds


@pytest.mark.parametrize(
    ("source", "sign", "links"),
    [
        ("EGFR", None, [("EGFR", "MAPK1"), ("MAPK1", "Cell Proliferation")]),
        ("TNF", "-", [("TNF", "INS"), ("INS", "Cell Proliferation")]),
    ],
)
def test_why_not_names_the_clashing_annotation(tmp_path, source, sign, links):
    """Check that why-not names TextLocation, both values and both links (located) when
    --context-keys TextLocation blocks the routes, in text and JSON."""
    model = _model(tmp_path, context_keys=["Species", "TextLocation"])
    explained = model.why_not(source, "Cell Proliferation", sign=sign)
    found = explained.to_dict()["context_clash"]
    assert found["key"] == "TextLocation" and found["values"] == ["Abstract", "Results"]
    assert [(h["subject"], h["object"]) for h in found["links"]] == links
    assert all(h["location"].startswith(str(tmp_path)) for h in found["links"])
    line = next(x for x in explained.format().splitlines() if "contexts clash" in x)
    assert "TextLocation=Abstract (" in line and "vs TextLocation=Results (" in line


def test_cli_options(tmp_path, capsys):
    """Check import --keep-terms and --context-keys on the command line."""
    out = tmp_path / "x.mg"
    argv = ["import", "bel", str(SELVENTA), "-o", str(out), "--quiet"]
    assert main([*argv, "--keep-terms", "--context-keys", "Species,TextLocation"]) == 0
    text = out.read_text(encoding="utf-8")
    assert '"act(p(HGNC:MTOR), ma(kin))"' in text and "TextLocation=Abstract]" in text


def test_bel_identifiers_with_spaces_or_tabs_kept(tmp_path, capsys):
    """Check that quoted BEL identifiers holding a space or a tab are imported (not
    dropped), give rules `check` accepts, and are exported as written."""
    source = tmp_path / "spaces.bel"
    source.write_text(
        'SET Citation = {"PubMed", "1"}\nSET Evidence = "e"\n'
        'p(HGNC:"some name") increases p(HGNC:"other\tname")\n'
    )
    rules = tmp_path / "spaces.mg"
    assert main(["import", "bel", str(source), "-o", str(rules)]) == 0
    out, err = capsys.readouterr()
    assert "imported 2 entities, 1 link," in out + err
    assert "'other\\tname' holds control characters" in err  # the name, not the identifier
    assert main(["check", str(rules)]) == 0
    capsys.readouterr()
    assert main(["export", "bel", str(rules)]) == 0
    assert 'p(HGNC:"some name") increases p(HGNC:"other\tname")' in capsys.readouterr().out
