"""GraphML in and out (networkx, Cytoscape, yEd, Gephi).

Nodes are entity names with typed attributes ``kind``, ``label``,
``identifier`` and one ``attr.KEY`` per other attribute; edges carry
``relation`` (BEL's word, or ``isa``), ``sign``, ``hypothesis`` (boolean),
``evidence`` (space-separated references), one ``context.KEY`` attribute
per context key and one ``attr.KEY`` per link attribute.  The graph
attribute ``mechgraph_rules`` holds sources, context values and hypotheses
as rule text (:mod:`~mechgraph.formats.extras`).  GraphML is an XML tree, so
import reads the whole document at once (networkx's reader).

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> for name in ("a", "b"):
...     g.add_entity(Entity(name, "process"))
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> 'attr.type="boolean"' in write_graphml(g)
True
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO
from xml.etree.ElementTree import ParseError as XMLParseError

import networkx as nx

from mechgraph.errors import Diagnostic, InputError
from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.extras import EXTRAS_KEY, add_extras, extras_text
from mechgraph.formats.graphml_errors import locate_graphml_problem
from mechgraph.formats.reading import ignore_progress, located_error
from mechgraph.formats.records import (
    ATTRIBUTE,
    add_records,
    flat_attributes,
    graph_records,
    prefixed,
    unflatten,
)
from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["read_graphml", "to_networkx", "write_graphml"]


def to_networkx(graph: MechanismGraph) -> nx.MultiDiGraph:
    """A plain ``MultiDiGraph`` with only scalar, typed attributes."""
    nodes, edges = graph_records(graph)
    out = nx.MultiDiGraph(name="mechgraph export")
    if extras := extras_text(graph):
        out.graph[EXTRAS_KEY] = extras
    for node in nodes:
        attributes = {"kind": node.kind, "label": node.label, "identifier": node.identifier}
        attributes.update((ATTRIBUTE + k, v) for k, v in node.attributes)
        out.add_node(node.name, **{k: v for k, v in attributes.items() if v is not None})
    for number, edge in enumerate(edges):
        attributes = flat_attributes(edge)
        attributes["evidence"] = " ".join(attributes["evidence"])
        out.add_edge(edge.subject, edge.object, key=number, **attributes)
    return out


def write_graphml(graph: MechanismGraph) -> str:
    """The graph as a GraphML document."""
    return "\n".join(nx.generate_graphml(to_networkx(graph))) + "\n"


def _unusable(data: bytes, file: str, error: Exception) -> InputError:
    """networkx's reader failed on a well-formed document: say where, when it can be found."""
    found = locate_graphml_problem(data)
    if found is None:
        return InputError(
            Diagnostic.error(f"not usable GraphML: {error}", file=file, code="graphml")
        )
    line, col, message, hint = found
    text = data.decode("utf-8", "replace")
    return located_error(text, file, line, col, f"not usable GraphML: {message}", hint, "graphml")


def read_graphml(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a GraphML document into ``builder`` (the whole document at once)."""
    data = stream.read()
    advance(len(data))
    try:
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    except XMLParseError as error:
        line, col = error.position
        text = data.decode("utf-8", "replace")
        message, hint = f"malformed GraphML: {error}", "the file must be well-formed XML"
        raise located_error(text, builder.file, line, col + 1, message, hint, "graphml") from None
    except (nx.NetworkXError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unusable(data, builder.file, error) from None
    where = Where(builder.file, 1, 1)
    add_extras(builder, graph.graph.get(EXTRAS_KEY), where)
    names = {n: str(d.get("name", n)) for n, d in graph.nodes(data=True)}
    nodes = [
        {
            "name": names[n],
            "kind": d.get("kind"),
            "label": d.get("label"),
            "identifier": d.get("identifier"),
            "attributes": prefixed(d),
        }
        for n, d in graph.nodes(data=True)
    ]
    edges = [unflatten(names[s], names[t], d) for s, t, d in graph.edges(data=True)]
    add_records(builder, nodes, edges, where)
