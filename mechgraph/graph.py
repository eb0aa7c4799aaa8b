"""The compiled mechanism graph: entities, claims, the class and value hierarchies.

A :class:`MechanismGraph` is plain data over networkx; reasoning lives in
free functions elsewhere (``paths``, ``hypotheses``).  Nodes are entity
names; every causal claim is one edge of a ``MultiDiGraph`` keyed by its
claim id, because one subject/object pair may carry many claims.

>>> g = MechanismGraph()
>>> g.add_entity(Entity("imipramine", "drug"))
>>> g.add_entity(Entity("NMDA_adaptation", "process"))
>>> c = g.add_claim("imipramine", Relation.INCREASES, "NMDA_adaptation",
...                 context={"duration": "chronic"})
>>> [(s, t, k) for s, t, k in g.links.edges(keys=True)]
[('imipramine', 'NMDA_adaptation', 0)]
>>> g.claim(0).sign, g.claim(0).context_dict
(<Sign.POSITIVE: '+'>, {'duration': 'chronic'})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping

import networkx as nx

from .syntax import NOWHERE, Hypothesis, Relation, Sign, Span, Status

__all__ = ["Entity", "Source", "Claim", "MechanismGraph"]


@dataclass(frozen=True)
class Entity:
    """A declared thing: a drug, receptor, process, phenotype, class, ..."""

    name: str
    kind: str
    label: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    span: Span = field(default=NOWHERE, compare=False)

    @property
    def is_class(self) -> bool:
        return self.kind == "class"


@dataclass(frozen=True)
class Source:
    """A declared citation: ``skolnick1996 = pmid:8852531 "title"``."""

    name: str
    reference: str
    title: str | None = None
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Claim:
    """One stated causal link, as compiled: names resolved, context sorted by key."""

    id: int
    subject: str
    relation: Relation
    object: str
    context: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()
    status: Status = Status.OBSERVED
    span: Span = field(default=NOWHERE, compare=False)

    @property
    def sign(self) -> Sign:
        return self.relation.sign

    @property
    def context_dict(self) -> dict[str, str]:
        return dict(self.context)

    @property
    def is_hypothesis(self) -> bool:
        return self.status is Status.HYPOTHESIS


@dataclass
class MechanismGraph:
    """Everything the rules state, resolved and indexed.

    Attributes
    ----------
    links : networkx.MultiDiGraph
        Causal claims. Nodes are entity names (node attribute ``entity``);
        edges are keyed by claim id with edge attribute ``claim``.
    hierarchy : networkx.DiGraph
        ``isa`` edges from member to class (edge attribute ``span``).
    values : dict
        Per context key, a ``DiGraph`` of value ``isa`` edges (narrower to broader).
    sources, hypotheses : dict
        Declared sources and hypothesis blocks by name.
    """

    links: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    hierarchy: nx.DiGraph = field(default_factory=nx.DiGraph)
    values: dict[str, nx.DiGraph] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    hypotheses: dict[str, Hypothesis] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add_entity(self, entity: Entity) -> None:
        """Add (or replace) an entity node."""
        self.links.add_node(entity.name, entity=entity)
        self.hierarchy.add_node(entity.name)

    def add_claim(
        self,
        subject: str,
        relation: Relation,
        object: str,
        *,
        context: Mapping[str, str] | None = None,
        evidence: tuple[str, ...] = (),
        status: Status = Status.OBSERVED,
        span: Span = NOWHERE,
    ) -> Claim:
        """Add one claim as an edge; its id is its position in :attr:`claims`."""
        claim = Claim(
            len(self.claims),
            subject,
            relation,
            object,
            tuple(sorted((context or {}).items())),
            tuple(evidence),
            status,
            span,
        )
        self.claims.append(claim)
        self.links.add_edge(subject, object, key=claim.id, claim=claim)
        return claim

    def add_isa(self, member: str, parent: str, span: Span = NOWHERE) -> None:
        """State that ``member`` is a ``parent``."""
        self.hierarchy.add_edge(member, parent, span=span)

    def claim(self, claim_id: int) -> Claim:
        return self.claims[claim_id]

    def entity(self, name: str) -> Entity:
        """The entity called ``name``; ``KeyError`` when unknown."""
        return self.links.nodes[name]["entity"]

    def entities(self) -> Iterator[Entity]:
        """Every entity, sorted by name."""
        for name in sorted(self.links.nodes):
            yield self.links.nodes[name]["entity"]

    def __contains__(self, name: object) -> bool:
        return name in self.links
