"""Exports real clients read, and round trips that keep every answer.

- node-link: ``networkx.node_link_graph`` (the installed networkx) reads the export;
- CX2: ndex2's own reader (``RawCX2NetworkFactory``) reads it, nodes, edges and attributes;
- GraphML, CX2, node-link: generated rule files (entities, classes, context values with a
  hierarchy, sources with titles, links with attributes, hypotheses) give the same answers
  to random questions, and the same verdicts, after export → import.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.formats import export_graph, import_file
from mechgraph.language.formatter import format_rule_file
from mechgraph.model import Model, load

from conftest import ROOT

CARRY_ALL = ["graphml", "cx2", "nodelink"]
_ENTITIES = ["d0", "d1", "p0", "p1", "p2", "p3"]
_SPECIES = ["mouse", "rat", "rodent", "human"]


@st.composite
def rule_texts(draw) -> str:
    """A small rule file: two drugs in a class, processes, species values with a
    hierarchy, links with context, evidence, status and attributes, and a hypothesis."""
    lines = [
        'source s1 = pmid:1 "First paper"',
        "source s2 = doi:10.1/x",
        "context species mouse, rat, rodent, human",
        "mouse, rat isa rodent",
        "drug d0, d1",
        "process p0, p1, p2, p3",
        "class C",
        "d0, d1 isa C",
    ]
    for _ in range(draw(st.integers(1, 9))):
        subject = draw(st.sampled_from(["C", *_ENTITIES]))
        object = draw(st.sampled_from(_ENTITIES[2:]))
        arrow = draw(st.sampled_from(["->", "-|", "--", "-0"]))
        context = draw(
            st.sampled_from(["", "[species=mouse]", "[species=rodent]", "[species=human]"])
        )
        evidence = draw(st.sampled_from(["", "@s1", "@s2", "@s1 @s2"]))
        status = draw(st.sampled_from(["", "status=hypothesis"]))
        attribute = draw(st.sampled_from(["", 'predicate="affects"']))
        lines.append(f"{subject} {arrow} {object} {context} {evidence} {status} {attribute}")
    target = draw(st.sampled_from(_ENTITIES[2:]))
    quantifier = draw(st.sampled_from(["every", "some", "no"]))
    species = draw(st.sampled_from(["", " [species=mouse]", " [species=human]"]))
    lines += [
        "hypothesis h @s1:",
        f"    {quantifier} C reaches {target}{species}",
        f"    sign of C to {target} is +",
        "    consistent",
    ]
    return "\n".join(lines) + "\n"


def _answers(model: Model, questions) -> list:
    out = []
    for source, target, species, sign in questions:
        if source == target:
            continue
        where = {"species": species} if species else {}
        answer = model.ask(source, target, where=where, sign=sign)
        out.append((answer.holds, [p.sign for p in answer.paths][:1]))
    return out


def _verdicts(model: Model) -> list:
    return [(r.name, [s.outcome for s in r.statements]) for r in model.check()]


questions = st.lists(
    st.tuples(
        st.sampled_from(["C", *_ENTITIES]),
        st.sampled_from(_ENTITIES),
        st.sampled_from([None, *_SPECIES]),
        st.sampled_from([None, "+", "-"]),
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("format", CARRY_ALL)
@given(text=rule_texts(), asked=questions)
@settings(max_examples=20, deadline=None)
def test_round_trip_keeps_answers_and_verdicts(format, text, asked, tmp_path_factory):
    """Check export → import gives the same answers to random questions and the same verdicts."""
    folder = tmp_path_factory.mktemp(format)
    before = Model.from_text(text, str(folder / "a.mg"))
    exported = folder / f"graph.{format}"
    exported.write_text(export_graph(format, before.graph), encoding="utf-8")
    rules = folder / "rules"
    rules.mkdir()
    result = import_file(format, str(exported))
    (rules / "b.mg").write_text(format_rule_file(result.rule_file), encoding="utf-8")
    after = load(rules)
    assert _answers(after, asked) == _answers(before, asked)
    assert _verdicts(after) == _verdicts(before)
    assert {s.name: s.title for s in after.graph.sources.values()} == {
        s.name: s.title for s in before.graph.sources.values()
    }


def _seed_graph():
    return load(ROOT / "rules").graph


def test_networkx_reads_the_node_link_export():
    """Check that nx.node_link_graph (defaults) reads the export: nodes, edges, attributes."""
    graph = _seed_graph()
    read = nx.node_link_graph(json.loads(export_graph("nodelink", graph)))
    assert set(read.nodes) == set(graph.links.nodes)
    assert read.number_of_edges() == len(graph.claims) + graph.hierarchy.number_of_edges()
    relations = {d["relation"] for _, _, d in read.edges(data=True)}
    assert {"increases", "decreases", "isa"} <= relations
    assert "hypothesis final_common_pathway" in read.graph["mechgraph_rules"]


def test_ndex2_reads_the_cx2_export():
    """Check the CX2 export with ndex2's own reader: node names, edge interactions, attributes."""
    factory = pytest.importorskip("ndex2.cx2").RawCX2NetworkFactory()
    graph = _seed_graph()
    network = factory.get_cx2network(json.loads(export_graph("cx2", graph)))
    names = {n["v"]["name"] for n in network.get_nodes().values()}
    assert names == set(graph.links.nodes)
    edges = network.get_edges().values()
    assert len(edges) == len(graph.claims) + graph.hierarchy.number_of_edges()
    assert {e["v"]["interaction"] for e in edges} >= {"increases", "decreases", "isa"}
    assert "hypothesis final_common_pathway" in network.get_network_attributes()["mechgraph_rules"]
    assert network.to_cx2()  # and writes it back


# -- PyBEL reads the BEL export ---------------------------------------------------

_SIGN = {
    "increases": "+",
    "directlyIncreases": "+",
    "decreases": "-",
    "directlyDecreases": "-",
    "causesNoChange": "0",
    "isA": "isa",
}
_BOTH_WAYS = {"association", "positiveCorrelation", "negativeCorrelation", "correlation"}


def _exportable(graph):
    """Per BEL statement the export writes: (subject, sign, object), both ways when symmetric."""
    out = []
    for claim in graph.claims:
        for _ in claim.evidence or (None,):
            sign = {"?": "?"}.get(claim.sign.value, claim.sign.value)
            out.append((claim.subject, sign, claim.object))
            if sign == "?":
                out.append((claim.object, sign, claim.subject))
    out += [(m, "isa", p) for m, p in graph.hierarchy.edges]
    return sorted(out)


def _imported_graph(format, path, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    result = import_file(format, str(path))
    (rules / "imported.mg").write_text(format_rule_file(result.rule_file), encoding="utf-8")
    return load(rules).graph


@pytest.mark.parametrize(
    "source",
    [
        ("rules", None),
        ("omnipath", ROOT / "tests/fixtures/formats/omnipath_interactions.tsv"),
        ("bel", ROOT / "tests/fixtures/formats/selventa_style.bel"),
        ("signor", ROOT / "tests/fixtures/formats/signor_rows.csv"),
    ],
    ids=lambda s: s[0],
)
def test_pybel_reads_every_exported_statement(source, tmp_path):
    """Check PyBEL reads every statement of the BEL export, with no warning: every
    namespace DEFINEd, a citation on every statement (isA included), the same signs."""
    pybel = pytest.importorskip("pybel")
    format, path = source
    graph = _seed_graph() if path is None else _imported_graph(format, path, tmp_path)
    exported = tmp_path / "export.bel"
    exported.write_text(export_graph("bel", graph), encoding="utf-8")
    read = pybel.from_bel_script(str(exported))
    assert read.warnings == []
    theirs = sorted(
        (u.name, _SIGN.get(d["relation"], "?"), v.name)
        for u, v, d in read.edges(data=True)
        if "citation" in d
    )
    assert theirs == _exportable(graph)
