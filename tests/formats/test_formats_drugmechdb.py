"""DrugMechDB import: every sample record, the sign table, hypotheses per record."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from mechgraph.formats import import_file
from mechgraph.formats.drugmechdb import INVERSE_PREDICATES, PREDICATES
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
            ends = (link["source"], link["target"])
            if link["key"] in INVERSE_PREDICATES:
                ends = ends[::-1]
            subject, object = (name_of[i] for i in ends)
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
        ("positively correlated with", Relation.ASSOCIATION),
    ],
)
def test_biolink_predicates_map_to_signs(predicate, relation):
    """Check the sign table on the predicates the issue names."""
    assert PREDICATES[predicate] is relation


def test_inverse_predicate_is_turned_round(tmp_path):
    """Check that 'X caused by Y' becomes Y -> X and lets the drug reach the disease."""
    record = {
        "graph": {
            "_id": "T1",
            "drug": "D",
            "disease": "Z",
            "drug_mesh": "MESH:1",
            "disease_mesh": "MESH:3",
        },
        "nodes": [
            {"id": "MESH:1", "label": "Drug", "name": "D"},
            {"id": "GO:2", "label": "BiologicalProcess", "name": "P"},
            {"id": "MESH:3", "label": "Disease", "name": "Z"},
        ],
        "links": [
            {"source": "MESH:1", "target": "GO:2", "key": "positively regulates"},
            {"source": "MESH:3", "target": "GO:2", "key": "caused by"},
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps([record]))
    result = import_file("drugmechdb", str(path))
    links = [
        (s.subject.name, s.relation, s.object.name)
        for s in result.rule_file.statements
        if isinstance(s, Link)
    ]
    assert links == [("D", Relation.INCREASES, "P"), ("P", Relation.INCREASES, "Z")]
    assert result.summary.hypotheses == 1


def test_yaml_records_import_like_json():
    """Check that the YAML fixture's records give the same links as the same JSON records."""
    yaml_result = import_file("drugmechdb", str(FIXTURES / "formats" / "drugmechdb_3.yaml"))
    wanted = {"DB00005_MESH_D013167_1", "DB09488_MESH_D006255_1", "DB00145_MESH_D003139_1"}
    sample_links = rule_links(import_file("drugmechdb", str(SAMPLE)).rule_file)
    for key, refs in rule_links(yaml_result.rule_file).items():
        assert refs <= sample_links[key]
        assert {r.split(":", 1)[1] for r in refs} <= wanted
