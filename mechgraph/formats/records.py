"""A flat view of a compiled graph for exporters: nodes and edges as records.

Every exporter writes the same facts, so they all read them from here:
entities sorted by name, claims in claim order with their citations
resolved to references (``skolnick1996`` → ``pmid:8852531``), and ``isa``
edges.  :func:`add_records` is the way back: it feeds such records, read by
an importer of a graph-shaped format (GraphML, CX2, node-link), into a
:class:`~mechgraph.formats.builder.RuleBuilder`.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> g.add_entity(Entity("imipramine", "drug", attributes=(("id", "CHEBI:47499"),)))
>>> g.add_entity(Entity("NMDA_adaptation", "process"))
>>> _ = g.add_claim("imipramine", Relation.INCREASES, "NMDA_adaptation", evidence=("pmid:1",))
>>> nodes, edges = graph_records(g)
>>> [n.identifier for n in nodes], edges[0].relation_word, edges[0].evidence
([None, 'CHEBI:47499'], 'increases', ('pmid:1',))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import ENTITY_KINDS, NOWHERE, Relation, Span, Status

__all__ = [
    "ATTRIBUTE",
    "ISA",
    "EdgeRecord",
    "NodeRecord",
    "add_records",
    "flat_attributes",
    "graph_records",
    "prefixed",
    "relation_of",
    "unflatten",
]

_CONTEXT = "context."
#: Prefix of flattened entity and link attributes (``attr.predicate``).
ATTRIBUTE = "attr."

#: The relation word standing for class membership in graph-shaped formats.
ISA = "isa"


@dataclass(frozen=True)
class NodeRecord:
    """One entity: name, kind, optional label and identifier, other attributes."""

    name: str
    kind: str
    label: str | None = None
    identifier: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EdgeRecord:
    """One claim (or an ``isa`` edge when ``relation`` is ``None``)."""

    subject: str
    object: str
    relation: Relation | None
    context: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()
    status: Status = Status.OBSERVED
    attributes: tuple[tuple[str, str], ...] = ()
    #: Where the rule states it (``rules/a.mg:3:1``), or ``""``.
    location: str = ""

    @property
    def relation_word(self) -> str:
        """BEL's word for the relation, or ``isa``."""
        return self.relation.word if self.relation is not None else ISA

    @property
    def sign_text(self) -> str:
        """The sign as written (``+ - 0 ?``); membership counts as ``+``."""
        return self.relation.sign.value if self.relation is not None else "+"

    @property
    def is_hypothesis(self) -> bool:
        return self.status is Status.HYPOTHESIS


def graph_records(graph: MechanismGraph) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Entities (sorted by name) and claims then ``isa`` edges of ``graph``."""
    nodes = []
    for entity in graph.entities():
        identifier = dict(entity.attributes).get("id")
        others = tuple((k, v) for k, v in entity.attributes if k != "id")
        nodes.append(NodeRecord(entity.name, entity.kind, entity.label, identifier, others))
    edges = [
        EdgeRecord(
            claim.subject,
            claim.object,
            claim.relation,
            claim.context,
            tuple(_reference(graph, e) for e in claim.evidence),
            claim.status,
            claim.attributes,
            _location(claim.span),
        )
        for claim in graph.claims
    ]
    edges.extend(
        EdgeRecord(m, p, None, location=_location(span))
        for m, p, span in sorted(graph.hierarchy.edges(data="span", default=NOWHERE))
    )
    return nodes, edges


def _location(span: Span) -> str:
    return "" if span == NOWHERE else str(span)


def flat_attributes(edge: EdgeRecord) -> dict[str, Any]:
    """Typed scalar attributes of an edge, context keys as ``context.KEY``.

    >>> flat = flat_attributes(EdgeRecord("a", "b", Relation.DECREASES, (("species", "mouse"),)))
    >>> flat["relation"], flat["sign"], flat["hypothesis"], flat["context.species"]
    ('decreases', '-', False, 'mouse')
    """
    attributes: dict[str, Any] = {
        "relation": edge.relation_word,
        "sign": edge.sign_text,
        "hypothesis": edge.is_hypothesis,
        "evidence": list(edge.evidence),
    }
    attributes.update((_CONTEXT + key, value) for key, value in edge.context)
    attributes.update((ATTRIBUTE + key, value) for key, value in edge.attributes)
    return attributes


def prefixed(attributes: Mapping[str, Any], prefix: str = ATTRIBUTE) -> dict[str, str]:
    """The ``prefix``-ed entries of a flat mapping, prefix removed, values as text.

    >>> prefixed({"attr.predicate": "binds", "sign": "?"})
    {'predicate': 'binds'}
    """
    return {k[len(prefix) :]: str(v) for k, v in attributes.items() if k.startswith(prefix)}


def unflatten(subject: str, object: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The edge mapping :func:`add_records` takes, from :func:`flat_attributes`' form.

    ``evidence`` may be a list or a space-separated string.

    >>> unflatten("a", "b", {"relation": "increases", "evidence": "pmid:1 pmid:2"})["evidence"]
    ['pmid:1', 'pmid:2']
    """
    evidence = attributes.get("evidence") or []
    if isinstance(evidence, str):
        evidence = evidence.split()
    return {
        "subject": subject,
        "object": object,
        "relation": attributes.get("relation", attributes.get("interaction", "association")),
        "context": prefixed(attributes, _CONTEXT),
        "evidence": [str(e) for e in evidence],
        "hypothesis": attributes.get("hypothesis") in (True, "true", "True", 1),
        "attributes": prefixed(attributes),
    }


def _reference(graph: MechanismGraph, evidence: str) -> str:
    source = graph.sources.get(evidence)
    return (source.reference or source.name) if source is not None else evidence


def relation_of(word: str) -> Relation | None:
    """The relation named by ``word`` (``None`` for ``isa``); ``KeyError`` otherwise.

    >>> relation_of("decreases"), relation_of("isa")
    (<Relation.DECREASES: '-|'>, None)
    """
    return None if word == ISA else Relation.from_word(word)


def add_records(
    builder: RuleBuilder,
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    where: Where,
) -> None:
    """Feed graph-shaped records into ``builder``.

    ``nodes`` are mappings with ``name`` and optional ``kind``, ``label``,
    ``identifier``, ``attributes`` (mapping); ``edges`` have ``subject``,
    ``object``, ``relation`` (a word from :func:`relation_of`) and optional
    ``context`` (mapping), ``evidence`` (references), ``hypothesis`` (bool)
    and ``attributes`` (mapping).  A relation word
    outside the table is an error located at ``where``.
    """
    names: dict[str, str] = {}
    for node in nodes:
        name = str(node["name"])
        kind = node.get("kind") or "entity"
        if kind not in ENTITY_KINDS:
            builder.error(
                f"unknown entity kind {kind!r} of {name!r}",
                where,
                hint=f"kinds are {', '.join(ENTITY_KINDS)}",
            )
            kind = "entity"
        names[name] = builder.entity(
            name,
            name,
            kind,
            identifier=node.get("identifier") or None,
            label=node.get("label") or None,
            where=where,
            attributes=tuple((str(k), str(v)) for k, v in (node.get("attributes") or {}).items()),
        )
    for edge in edges:
        subject, object = (
            names.get(str(edge[k])) or _undeclared(builder, str(edge[k]), where)
            for k in ("subject", "object")
        )
        try:
            relation = relation_of(str(edge["relation"]))
        except KeyError:
            builder.error(
                f"unknown relation {edge['relation']!r}",
                where,
                hint="relations are increases, decreases, causesNoChange, association, isa",
            )
            continue
        if relation is None:
            builder.isa(subject, object)
            continue
        status = Status.HYPOTHESIS if edge.get("hypothesis") else Status.OBSERVED
        builder.link(
            subject,
            relation,
            object,
            context=dict(edge.get("context") or {}),
            evidence=tuple(edge.get("evidence") or ()),
            status=status,
            where=where,
            attributes={str(k): str(v) for k, v in (edge.get("attributes") or {}).items()},
        )


def _undeclared(builder: RuleBuilder, name: str, where: Where) -> str:
    return builder.entity(name, name, "entity", where=where)
