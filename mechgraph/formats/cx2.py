"""CX2 (NDEx / Cytoscape Exchange format 2) in and out.

A CX2 document is a JSON list of aspects.  Nodes carry ``name``, ``kind``,
``label``, ``represents`` (the identifier) and ``attr.KEY`` attributes;
edges carry ``interaction`` (BEL's relation word or ``isa``), ``sign``,
``hypothesis``, ``evidence`` (a ``list_of_string``), ``context.KEY`` and
``attr.KEY`` attributes, all declared with their types in
``attributeDeclarations``.  The network attribute ``mechgraph_rules`` holds
sources, context values and hypotheses as rule text
(:mod:`~mechgraph.formats.extras`).  Import reads the whole document
(aspects may come in any order).

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> g = MechanismGraph()
>>> g.add_entity(Entity("a", "drug"))
>>> import json
>>> [next(iter(a)) for a in json.loads(write_cx2(g))]
['CXVersion', 'metaData', 'attributeDeclarations', 'networkAttributes', 'nodes', 'edges', 'status']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.extras import EXTRAS_KEY, add_extras, extras_text
from mechgraph.formats.jsondoc import JsonDocument, dump_json, json_kind, read_json
from mechgraph.formats.reading import ignore_progress
from mechgraph.formats.records import (
    ATTRIBUTE,
    add_records,
    flat_attributes,
    graph_records,
    prefixed,
    unflatten,
)
from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["read_cx2", "write_cx2"]

_TYPES = {bool: "boolean", str: "string", int: "long", float: "double", list: "list_of_string"}


def _declare(elements: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    declared: dict[str, dict[str, str]] = {}
    for element in elements:
        for key, value in element["v"].items():
            declared.setdefault(key, {"d": _TYPES[type(value)]})
    return dict(sorted(declared.items()))


def write_cx2(graph: MechanismGraph) -> str:
    """The graph as a CX2 document."""
    nodes, edges = graph_records(graph)
    ids = {node.name: number for number, node in enumerate(nodes)}
    node_elements = []
    for node in nodes:
        values = {
            "name": node.name,
            "kind": node.kind,
            "label": node.label,
            "represents": node.identifier,
        }
        values.update((ATTRIBUTE + k, v) for k, v in node.attributes)
        node_elements.append(
            {"id": ids[node.name], "v": {k: v for k, v in values.items() if v is not None}}
        )
    edge_elements = [
        {
            "id": number,
            "s": ids[edge.subject],
            "t": ids[edge.object],
            "v": {
                ("interaction" if k == "relation" else k): v
                for k, v in flat_attributes(edge).items()
            },
        }
        for number, edge in enumerate(edges)
    ]
    network = {"name": "mechgraph export"}
    if extras := extras_text(graph):
        network[EXTRAS_KEY] = extras
    declarations = {
        "networkAttributes": {key: {"d": "string"} for key in network},
        "nodes": _declare(node_elements),
        "edges": _declare(edge_elements),
    }
    aspects = [
        {"CXVersion": "2.0", "hasFragments": False},
        {
            "metaData": [
                {"name": name, "elementCount": count}
                for name, count in (
                    ("attributeDeclarations", 1),
                    ("networkAttributes", 1),
                    ("nodes", len(node_elements)),
                    ("edges", len(edge_elements)),
                )
            ]
        },
        {"attributeDeclarations": [declarations]},
        {"networkAttributes": [network]},
        {"nodes": node_elements},
        {"edges": edge_elements},
        {"status": [{"error": "", "success": True}]},
    ]
    return dump_json(aspects)


def read_cx2(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a CX2 document into ``builder``; an element of the wrong shape is an error at
    its own line and column."""
    doc = read_json(stream, builder.file, advance)
    hint = 'a CX2 document is a list of aspects such as {"nodes": [{"id": 0, "v": {...}}]}'
    if not isinstance(doc.value, list):
        raise doc.error((), "not a CX2 document: not a list of aspects", hint)
    aspects: dict[str, list[tuple[tuple[int | str, ...], Any]]] = {}
    for a, aspect in enumerate(doc.value):
        if not isinstance(aspect, dict):
            raise doc.error((a,), f"an aspect is {json_kind(aspect)}, not an object", hint)
        for name, elements in aspect.items():
            if isinstance(elements, list):
                aspects.setdefault(name, []).extend(
                    ((a, name, i), e) for i, e in enumerate(elements)
                )
            elif name in ("nodes", "edges"):  # {} once read as no nodes at all
                raise doc.error((a, name), f'"{name}" is {json_kind(elements)}, not a list', hint)
    where = Where(builder.file, 1, 1)
    for _, network in aspects.get("networkAttributes", []):
        if isinstance(network, dict):
            add_extras(builder, network.get(EXTRAS_KEY), where)
    names: dict[Any, str] = {}
    nodes = []
    for path, n in aspects.get("nodes", []):
        values = _element(doc, path, n, ("id",), hint)
        names[n["id"]] = str(values.get("name", n["id"]))
        nodes.append(
            {
                "name": names[n["id"]],
                "kind": values.get("kind"),
                "label": values.get("label"),
                "identifier": values.get("represents"),
                "attributes": prefixed(values),
            }
        )
    edges = []
    for path, e in aspects.get("edges", []):
        values = _element(doc, path, e, ("s", "t"), hint)
        for end in ("s", "t"):
            if e[end] not in names:
                raise doc.error(
                    (*path, end), f'edge end "{end}": {e[end]!r} is no node\'s id', hint
                )
        try:
            edges.append(unflatten(names[e["s"]], names[e["t"]], values))
        except (TypeError, AttributeError) as error:
            raise doc.error((*path, "v"), f"malformed edge values ({error})", hint) from None
    add_records(builder, nodes, edges, where)


def _element(
    doc: JsonDocument, path: tuple, element: Any, ids: tuple[str, ...], hint: str
) -> dict[str, Any]:
    """The ``"v"`` values of a node or edge element, after checking its shape."""
    doc.check_element(path, element, "a node" if ids == ("id",) else "an edge", ids, hint)
    values = element.get("v", {})
    if not isinstance(values, dict):
        raise doc.error((*path, "v"), f'"v" is {json_kind(values)}, not an object', hint)
    return values
