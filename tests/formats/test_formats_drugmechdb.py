"""DrugMechDB import: every sample record, the sign table, hypotheses per record."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from mechgraph.formats import import_file
from mechgraph.formats.drugmechdb import PREDICATES
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.syntax import Comment, Hypothesis, Link, Reaches, Relation

from conftest import FIXTURES
from formats_support import rule_entities, rule_links

SAMPLE = FIXTURES / "formats" / "drugmechdb_sample_300.json"


@pytest.fixture(scope="module")
def sample():
    return import_file("drugmechdb", str(SAMPLE))


def _records():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_every_record_is_replayed_or_listed_with_a_reason(sample):
    """Check that all 300 records give a hypothesis or a 'not replayed' line, never neither."""
    ids = {r["graph"]["_id"] for r in _records()}
    replayed = {s.name.name for s in sample.rule_file.statements if isinstance(s, Hypothesis)}
    listed = {
        s.text.split(": ")[1]
        for s in sample.rule_file.statements
        if isinstance(s, Comment) and s.text.startswith(" not replayed: ")
    }
    assert len(ids) == 300
    assert replayed | listed == ids and not replayed & listed
    assert sample.summary.hypotheses == len(replayed)


def test_replayed_hypotheses_hold_on_the_imported_links(sample):
    """Check each 'every DRUG reaches DISEASE' against the links, with networkx directly."""
    steps = nx.DiGraph()
    steps.add_edges_from(
        (s.subject.name, s.object.name)
        for s in sample.rule_file.statements
        if isinstance(s, Link) and s.relation is not Relation.NO_CHANGE
    )
    for hypothesis in (s for s in sample.rule_file.statements if isinstance(s, Hypothesis)):
        (reaches,) = [s for s in hypothesis.statements if isinstance(s, Reaches)]
        assert nx.has_path(steps, reaches.members.name, reaches.target.name), hypothesis.name


def test_every_link_is_imported_with_its_record(sample):
    """Check that each curated link is a rule link citing its record (duplicates merged)."""
    links: dict[tuple[str, str], set[str]] = {}
    for s in sample.rule_file.statements:
        if isinstance(s, Link):
            links.setdefault((s.subject.name, s.object.name), set()).update(
                e.reference for e in s.evidence
            )
    name_of = {ident: name for name, (_, _, ident) in rule_entities(sample.rule_file).items()}
    stated = 0
    for record in _records():
        for link in record["links"]:
            stated += 1
            subject, object = (name_of[i] for i in (link["source"], link["target"]))
            assert f"drugmechdb:{record['graph']['_id']}" in links[(subject, object)]
    assert stated == 2045 == sample.summary.links + sample.summary.merged_links


@pytest.mark.parametrize(
    ("predicate", "relation"),
    [
        ("positively regulates", Relation.INCREASES),
        ("increases activity of", Relation.INCREASES),
        ("negatively regulates", Relation.DECREASES),
        ("decreases activity of", Relation.DECREASES),
        ("participates in", Relation.ASSOCIATION),
        ("positively correlated with", Relation.INCREASES),
        ("negatively correlated with", Relation.DECREASES),
        ("correlated with", Relation.ASSOCIATION),
    ],
)
def test_biolink_predicates_map_to_signs(predicate, relation):
    """Check the sign table on the predicates the issue names."""
    assert PREDICATES[predicate] is relation


def _record(ident, drug, disease, nodes, links):
    return {
        "graph": {
            "_id": ident,
            "drug": drug[1],
            "disease": disease[1],
            "drug_mesh": drug[0],
            "disease_mesh": disease[0],
            "drugbank": "DB:DB00001",
        },
        "nodes": [{"id": i, "label": label, "name": name} for i, label, name in nodes],
        "links": [{"source": s, "target": t, "key": k} for s, k, t in links],
        "references": ["https://pubmed.ncbi.nlm.nih.gov/8852531/", "https://example.org/x"],
    }


def _import(tmp_path, *records):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(list(records)))
    return import_file("drugmechdb", str(path))


def _arrows(result):
    return [
        (s.subject.name, s.relation, s.object.name, dict((a.key, a.value) for a in s.attributes))
        for s in result.rule_file.statements
        if isinstance(s, Link)
    ]


_DRUG, _PROTEIN, _DISEASE = (
    ("MESH:1", "Drug", "D"),
    ("UniProt:P2", "Protein", "P"),
    ("MESH:3", "Disease", "Z"),
)


def test_inverse_predicate_keeps_the_record_direction(tmp_path):
    """Check that 'P disrupted by Z' (Z acts on P) stays P -- Z with its predicate:
    the drug still reaches the disease and the disease drives nothing."""
    record = _record(
        "T1",
        _DRUG[::2],
        _DISEASE[::2],
        [_DRUG, _PROTEIN, _DISEASE],
        [
            ("MESH:1", "increases activity of", "UniProt:P2"),
            ("UniProt:P2", "disrupted by", "MESH:3"),
        ],
    )
    result = _import(tmp_path, record)
    assert _arrows(result) == [
        ("D", Relation.INCREASES, "P", {"predicate": "increases activity of"}),
        ("P", Relation.ASSOCIATION, "Z", {"predicate": "disrupted by"}),
    ]
    assert result.summary.hypotheses == 1


def test_no_disease_drives_anything_in_the_sample(sample):
    """Check that no record's disease is the subject of a link (inverse predicates kept
    in the record's direction)."""
    name_of = {ident: name for name, (_, _, ident) in rule_entities(sample.rule_file).items()}
    driving = {
        (s.subject.name, e.reference)
        for s in sample.rule_file.statements
        if isinstance(s, Link)
        for e in s.evidence
    }
    records = [r["graph"] for r in _records()]
    assert (
        not {(name_of.get(g["disease_mesh"]), f"drugmechdb:{g['_id']}") for g in records} & driving
    )


def test_entities_keep_class_identifiers_and_majority_name(tmp_path):
    """Check Biolink class, DrugBank id, PubMed references, and the majority name with
    the others as synonyms."""
    links = [("MESH:1", "decreases activity of", "UniProt:P2"), ("UniProt:P2", "causes", "MESH:3")]
    records = [
        _record(
            f"R{n}",
            _DRUG[::2],
            _DISEASE[::2],
            [_DRUG, ("UniProt:P2", "Protein", name), _DISEASE],
            links,
        )
        for n, name in enumerate(["receptor X", "X receptor", "X receptor"])
    ]
    text = format_rule_file(_import(tmp_path, *records).rule_file)
    assert 'protein "X receptor" id=UniProt:P2 biolink=Protein synonyms="receptor X"' in text
    assert "drug D id=MESH:1 biolink=Drug drugbank=DrugBank:DB00001" in text
    assert "hypothesis R0 @drugmechdb:R0 @pmid:8852531:" in text
    assert 'D -| "X receptor" @drugmechdb:R0 @drugmechdb:R1 @drugmechdb:R2' in text


def test_evidence_replays_one_record_exactly(tmp_path):
    """Check --evidence: merged records give a shortcut; one record's links give its path."""
    other = ("GO:4", "BiologicalProcess", "Q")
    one = _record(
        "R1",
        _DRUG[::2],
        _DISEASE[::2],
        [_DRUG, _PROTEIN, other, _DISEASE],
        [
            ("MESH:1", "decreases activity of", "UniProt:P2"),
            ("UniProt:P2", "positively regulates", "GO:4"),
            ("GO:4", "causes", "MESH:3"),
        ],
    )
    shortcut = _record(
        "R2",
        _PROTEIN[::2],
        _DISEASE[::2],
        [_DRUG, _PROTEIN, _DISEASE],
        [
            ("MESH:1", "decreases activity of", "UniProt:P2"),
            ("UniProt:P2", "causes", "MESH:3"),
        ],
    )
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "d.mg").write_text(format_rule_file(_import(tmp_path, one, shortcut).rule_file))
    out = tmp_path / "out.json"
    base = ["ask", "D", "Z", "--rules", str(rules), "--json", "--no-cache"]
    for extra, nodes in (
        (["--evidence", "drugmechdb:R1"], ["D", "P", "Q", "Z"]),
        ([], ["D", "P", "Z"]),
    ):
        answer = _cli_json([*base, *extra])["answer"]
        assert answer["verdict"] == "yes"
        assert [answer["paths"][0]["hops"][0]["subject"]] + [
            h["object"] for h in answer["paths"][0]["hops"]
        ] == nodes
    limited = _cli_json([*base, "--max-hops", "1"])["answer"]
    assert limited["verdict"] == "no" and "2 hops" in limited["note"]
    del out


def _cli_json(argv):
    import contextlib
    import io

    from mechgraph.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(argv) == 0
    return json.loads(buffer.getvalue())


def test_yaml_records_import_like_json():
    """Check that the YAML fixture's records give the same links as the same JSON records."""
    yaml_result = import_file("drugmechdb", str(FIXTURES / "formats" / "drugmechdb_3.yaml"))
    wanted = {"DB00005_MESH_D013167_1", "DB09488_MESH_D006255_1", "DB00145_MESH_D003139_1"}
    sample = import_file("drugmechdb", str(SAMPLE)).rule_file
    sample_links = _by_identifier(sample)
    for key, refs in _by_identifier(yaml_result.rule_file).items():
        assert refs <= sample_links[key]
        assert {r.split(":", 1)[1] for r in refs} <= wanted


def _by_identifier(rule_file):
    """rule_links keyed by identifiers (names follow the majority, which differs by file)."""
    ids = {name: ident for name, (_, _, ident) in rule_entities(rule_file).items()}
    return {
        (ids[s], r, ids[o], c, st): refs for (s, r, o, c, st), refs in rule_links(rule_file).items()
    }
