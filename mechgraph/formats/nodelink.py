"""Node-link JSON in and out, as ``networkx.node_link_data`` writes and reads it.

The export is ``nx.node_link_data`` of a ``MultiDiGraph`` (with the
networkx installed, so ``nx.node_link_graph`` reads it back as it is):
nodes ``{"id": NAME, "kind", "label", "identifier", "attributes": {...}}``,
edges ``{"source", "target", "key", "relation", "sign", "hypothesis",
"evidence": [...], "context": {...}, "attributes": {...}}``, and the graph
attribute ``mechgraph_rules`` with sources, context values and hypotheses
as rule text (:mod:`~mechgraph.formats.extras`).  Import takes ``edges``
or ``links`` (older networkx, D3) and reads the whole document.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> g = MechanismGraph()
>>> g.add_entity(Entity("a", "drug"))
>>> import json
>>> json.loads(write_nodelink(g))["nodes"]
[{'kind': 'drug', 'id': 'a'}]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import networkx as nx

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.extras import EXTRAS_KEY, add_extras, extras_text
from mechgraph.formats.jsondoc import dump_json, load_json, structure_error
from mechgraph.formats.reading import ignore_progress
from mechgraph.formats.records import add_records, graph_records
from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["read_nodelink", "to_nodelink_graph", "write_nodelink"]


def to_nodelink_graph(graph: MechanismGraph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` with JSON values (lists, mappings) as attributes."""
    nodes, edges = graph_records(graph)
    out = nx.MultiDiGraph(name="mechgraph export")
    if extras := extras_text(graph):
        out.graph[EXTRAS_KEY] = extras
    for n in nodes:
        values = {"kind": n.kind, "label": n.label, "identifier": n.identifier}
        values["attributes"] = dict(n.attributes) or None
        out.add_node(n.name, **{k: v for k, v in values.items() if v is not None})
    for number, e in enumerate(edges):
        out.add_edge(
            e.subject,
            e.object,
            key=number,
            relation=e.relation_word,
            sign=e.sign_text,
            hypothesis=e.is_hypothesis,
            evidence=list(e.evidence),
            context=dict(e.context),
            attributes=dict(e.attributes),
        )
    return out


def write_nodelink(graph: MechanismGraph) -> str:
    """The graph as node-link JSON (``networkx.node_link_data``)."""
    return dump_json(nx.node_link_data(to_nodelink_graph(graph)))


def read_nodelink(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a node-link JSON document into ``builder``."""
    document = load_json(stream, builder.file, advance)
    hint = 'node-link JSON is {"nodes": [{"id": ...}], "links": [{"source": ..., "target": ...}]}'
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise structure_error(builder.file, "not a node-link document", hint)
    where = Where(builder.file, 1, 1)
    if isinstance(document.get("graph"), dict):
        add_extras(builder, document["graph"].get(EXTRAS_KEY), where)
    links = document.get("edges", document.get("links", []))
    try:
        names = {n["id"]: str(n.get("name", n["id"])) for n in document["nodes"]}
        nodes = [
            {
                "name": names[n["id"]],
                "kind": n.get("kind"),
                "label": n.get("label"),
                "identifier": n.get("identifier"),
                "attributes": n.get("attributes") or {},
            }
            for n in document["nodes"]
        ]
        edges = [
            {
                "subject": names[e["source"]],
                "object": names[e["target"]],
                "relation": e.get("relation", "association"),
                "context": e.get("context") or {},
                "evidence": e.get("evidence") or [],
                "hypothesis": bool(e.get("hypothesis")),
                "attributes": e.get("attributes") or {},
            }
            for e in links
        ]
    except (KeyError, TypeError, AttributeError) as error:
        raise structure_error(builder.file, f"malformed node or link ({error})", hint) from None
    add_records(builder, nodes, edges, where)
