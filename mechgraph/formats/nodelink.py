"""Node-link JSON in and out (``networkx.node_link_data`` / D3 shape).

``{"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id":
NAME, "kind", "label", "identifier"}], "links": [{"source", "target",
"key", "relation", "sign", "hypothesis", "evidence": [...], "context":
{...}}]}``; ``edges`` is accepted for ``links``.  Import reads the whole
document.  Source titles do not travel.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> g = MechanismGraph()
>>> g.add_entity(Entity("a", "drug"))
>>> import json
>>> json.loads(write_nodelink(g))["nodes"]
[{'id': 'a', 'kind': 'drug'}]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.jsondoc import dump_json, load_json, structure_error
from mechgraph.formats.reading import ignore_progress
from mechgraph.formats.records import add_records, graph_records
from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["read_nodelink", "write_nodelink"]


def write_nodelink(graph: MechanismGraph) -> str:
    """The graph as node-link JSON."""
    nodes, edges = graph_records(graph)
    document = {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "mechgraph export"},
        "nodes": [
            {
                k: v
                for k, v in (
                    ("id", n.name),
                    ("kind", n.kind),
                    ("label", n.label),
                    ("identifier", n.identifier),
                )
                if v is not None
            }
            for n in nodes
        ],
        "links": [
            {
                "source": e.subject,
                "target": e.object,
                "key": number,
                "relation": e.relation_word,
                "sign": e.sign_text,
                "hypothesis": e.is_hypothesis,
                "evidence": list(e.evidence),
                "context": dict(e.context),
            }
            for number, e in enumerate(edges)
        ],
    }
    return dump_json(document)


def read_nodelink(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a node-link JSON document into ``builder``."""
    document = load_json(stream, builder.file, advance)
    hint = 'node-link JSON is {"nodes": [{"id": ...}], "links": [{"source": ..., "target": ...}]}'
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise structure_error(builder.file, "not a node-link document", hint)
    links = document.get("links", document.get("edges", []))
    try:
        names = {n["id"]: str(n.get("name", n["id"])) for n in document["nodes"]}
        nodes = [
            {
                "name": names[n["id"]],
                "kind": n.get("kind"),
                "label": n.get("label"),
                "identifier": n.get("identifier"),
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
            }
            for e in links
        ]
    except (KeyError, TypeError, AttributeError) as error:
        raise structure_error(builder.file, f"malformed node or link ({error})", hint) from None
    add_records(builder, nodes, edges, Where(builder.file, 1, 1))
