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
from typing import Any, BinaryIO

import networkx as nx

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.extras import EXTRAS_KEY, add_extras, extras_text
from mechgraph.formats.jsondoc import JsonDocument, dump_json, json_kind, read_json
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
    """Read a node-link JSON document into ``builder``; an element of the wrong shape is
    an error at its own line and column."""
    doc = read_json(stream, builder.file, advance)
    document = doc.value
    hint = 'node-link JSON is {"nodes": [{"id": ...}], "links": [{"source": ..., "target": ...}]}'
    if not isinstance(document, dict):
        raise doc.error((), f"not a node-link document: {json_kind(document)}", hint)
    if not isinstance(document.get("nodes"), list):
        raise doc.error(("nodes",), 'not a node-link document: "nodes" is not a list', hint)
    where = Where(builder.file, 1, 1)
    if isinstance(document.get("graph"), dict):
        add_extras(builder, document["graph"].get(EXTRAS_KEY), where)
    key = "edges" if "edges" in document else "links"
    links = document.get(key, [])
    if not isinstance(links, list):
        raise doc.error((key,), f'"{key}" is {json_kind(links)}, not a list', hint)
    names: dict[Any, str] = {}
    for i, n in enumerate(document["nodes"]):
        doc.check_element(("nodes", i), n, "a node", ("id",), hint)
        names[n["id"]] = str(n.get("name", n["id"]))
    nodes = [
        {
            "name": names[n["id"]],
            "kind": n.get("kind"),
            "label": n.get("label"),
            "identifier": n.get("identifier"),
            "attributes": _mapping(doc, ("nodes", i), n, "attributes", hint),
        }
        for i, n in enumerate(document["nodes"])
    ]
    edges = []
    for i, e in enumerate(links):
        path = (key, i)
        doc.check_element(path, e, "a link", ("source", "target"), hint)
        for end in ("source", "target"):
            if e[end] not in names:
                raise doc.error((*path, end), f'"{end}": {e[end]!r} is no node\'s id', hint)
        evidence = e.get("evidence") or []
        if not isinstance(evidence, list):
            raise doc.error((*path, "evidence"), '"evidence" is not a list', hint)
        edges.append(
            {
                "subject": names[e["source"]],
                "object": names[e["target"]],
                "relation": e.get("relation", "association"),
                "context": _mapping(doc, path, e, "context", hint),
                "evidence": evidence,
                "hypothesis": bool(e.get("hypothesis")),
                "attributes": _mapping(doc, path, e, "attributes", hint),
            }
        )
    add_records(builder, nodes, edges, where)


def _mapping(doc: JsonDocument, path: tuple, element: dict, key: str, hint: str) -> dict:
    """``element[key]``, an object (``{}`` when missing or null)."""
    value = element.get(key) or {}
    if not isinstance(value, dict):
        raise doc.error((*path, key), f'"{key}" is {json_kind(value)}, not an object', hint)
    return value
