"""The compiled mechanism graph: entities, claims, the class and value hierarchies.

A :class:`MechanismGraph` is plain data over networkx; reasoning lives in
free functions elsewhere (:mod:`mechgraph.query`).  Nodes are entity
names; every causal claim is one edge of a ``MultiDiGraph`` keyed by its
claim id, because one subject/object pair may carry many claims.

Immutability, in STYLE's terms: values made a few at a time are frozen
dataclasses (:class:`Entity`, :class:`Source`); :class:`Claim` is frozen and
slotted, made in bulk by :meth:`Claim.numbered`, which fills its slots
directly; the AST (:mod:`mechgraph.language.syntax`) is slotted, not frozen.
The graph itself is built once, by the compiler or the cache, and only read
by questions; networkx's structures are changed through its public API.

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

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from mechgraph.graph.aliases import AliasTable, build_aliases
from mechgraph.graph.claims import Claim, ClaimTable
from mechgraph.graph.index import GraphIndex, build_index
from mechgraph.language.syntax import (
    NOWHERE,
    Experiment,
    Hypothesis,
    Relation,
    Span,
    Status,
)

__all__ = [
    "Entity",
    "Source",
    "Claim",
    "MechanismGraph",
]


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
    """A declared citation: ``skolnick1996 = pmid:8852531 "title"``; by title alone
    (``skolnick1996 "title"``), its ``reference`` is ``None``."""

    name: str
    reference: str | None
    title: str | None = None
    span: Span = field(default=NOWHERE, compare=False)


@dataclass
class MechanismGraph:
    """Everything the rules state, resolved and indexed.

    Attributes
    ----------
    claims : ClaimTable
        Causal claims as columns (:mod:`mechgraph.graph.claims`); a claim's id is its row.
    links : networkx.MultiDiGraph
        The claims as a graph, made from :attr:`claims` on first use (questions
        never need it). Nodes are entity names (node attribute ``entity``);
        edges are keyed by claim id with edge attribute ``claim``.
    hierarchy : networkx.DiGraph
        ``isa`` edges from member to class (edge attribute ``span``).
    values : dict
        Per context key, a ``DiGraph`` of value ``isa`` edges (narrower to broader).
    dimensions : dict
        Quantity keys (``context period: time``) → pint dimensionality (``[time]``).
    definitions : dict
        Named values defined by a condition: key → value → ``(key, condition)``
        (``duration`` → ``chronic`` → ``("period", ">=14d")``).
    scales : dict
        Every unit the rules use → ``(factor to the base unit, dimensionality)``.
    sources, hypotheses, experiments : dict
        Declared sources, hypothesis blocks and experiment blocks by name.
    texts : dict
        The text of each rule file by path, for diagnostics' snippets.
    """

    hierarchy: nx.DiGraph = field(default_factory=nx.DiGraph)
    values: dict[str, nx.DiGraph] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    scales: dict[str, tuple[float, str]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    hypotheses: dict[str, Hypothesis] = field(default_factory=dict)
    experiments: dict[str, Experiment] = field(default_factory=dict)
    #: Names written on rule lines that did not parse (rules compiled in part, by
    #: ``mechgraph check`` and the language server): never called unknown or orphans.
    unparsed_names: frozenset[str] = field(default_factory=frozenset)
    claims: ClaimTable = field(default_factory=ClaimTable)
    files: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    #: Every node (entity name) in the order it came, with its declared entity, if any;
    #: the ends of the first ``_placed`` claims are in it (the rest on first need).
    _nodes: MutableMapping[str, Entity | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _placed: int = field(default=0, init=False, repr=False, compare=False)
    _links: nx.MultiDiGraph | None = field(default=None, init=False, repr=False, compare=False)
    _lines: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _index: GraphIndex | None = field(default=None, init=False, repr=False, compare=False)
    _aliases: tuple[GraphIndex, AliasTable] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def links(self) -> nx.MultiDiGraph:
        """The claims as a ``MultiDiGraph`` (see the class), made on first use.

        Once made it is kept up to date by the ``add_*`` methods, and what is
        changed in it directly (nodes added) counts as the graph's nodes.
        """
        if self._links is None:
            nodes = self._placed_nodes()
            links = nx.MultiDiGraph()
            links.add_nodes_from(
                (name, {"entity": entity} if entity is not None else {})
                for name, entity in nodes.items()
            )
            links.add_edges_from((c.subject, c.object, c.id, {"claim": c}) for c in self.claims)
            self._links = links
        return self._links

    @property
    def index(self) -> GraphIndex:
        """The integer traversal and hierarchy indexes, built on first use.

        The ``add_*`` methods drop it; call :meth:`invalidate` after changing
        :attr:`links`, :attr:`hierarchy` or :attr:`values` directly.
        """
        if self._index is None:
            self._index = build_index(self)
        return self._index

    @property
    def aliases(self) -> AliasTable:
        """Case-folded name, label, identifier and synonym → the entities it names
        (see :mod:`mechgraph.graph.aliases`), built once per :attr:`index`.

        >>> g = MechanismGraph()
        >>> g.add_entity(Entity("imipramine", "drug", attributes=(("synonyms", "Tofranil"),)))
        >>> [(a.entity, a.how) for a in g.aliases["tofranil"]]
        [('imipramine', 'synonym')]
        """
        index = self.index
        if self._aliases is None or self._aliases[0] is not index:
            declared = ((name, self.declared(name)) for name in index.names)
            table = build_aliases(
                (name, e.label if e else None, e.attributes if e else ()) for name, e in declared
            )
            self._aliases = (index, table)
        return self._aliases[1]

    def line(self, span: Span) -> str | None:
        """The text of the rule line ``span`` points at (from :attr:`texts`), if known.

        >>> g = MechanismGraph(texts={"a.mg": "drug x\\nx -> y"})
        >>> g.line(Span("a.mg", 2, 1))
        'x -> y'
        """
        if span.file not in self._lines:
            self._lines[span.file] = self.texts.get(span.file, "").splitlines()
        lines = self._lines[span.file]
        return lines[span.line - 1] if 0 < span.line <= len(lines) else None

    def invalidate(self) -> None:
        """Forget the cached :attr:`index` (it is rebuilt on next use)."""
        self._index = None

    def node_names(self) -> Iterable[str]:
        """Every node (entity name): those of :attr:`links` once it is made."""
        if self._links is not None:
            return self._links.nodes
        if self._placed < len(self.claims):
            return set(self._nodes).union(self.claims.tables()["names"])
        return self._nodes.keys()

    def _placed_nodes(self) -> MutableMapping[str, Entity | None]:
        """:attr:`_nodes` with the ends of every claim in it."""
        if self._placed < len(self.claims):
            nodes = self._writable_nodes()
            columns, names = self.claims.columns(), self.claims.tables()["names"]
            ends = np.empty(2 * (len(self.claims) - self._placed), np.int64)
            ends[0::2] = columns["subject"][self._placed :]
            ends[1::2] = columns["object"][self._placed :]
            found, first = np.unique(ends, return_index=True)
            for number in found[np.argsort(first)].tolist():  # in the order claims name them
                nodes.setdefault(names[number], None)
            self._placed = len(self.claims)
        return self._nodes

    def _writable_nodes(self) -> MutableMapping[str, Entity | None]:
        if not isinstance(self._nodes, dict):
            self._nodes = dict(self._nodes.items())
        return self._nodes

    def declared(self, name: str) -> Entity | None:
        """The entity declared as ``name`` (``None``: not declared, or not a node)."""
        if self._links is not None:
            return self._links.nodes[name].get("entity") if name in self._links else None
        return self._placed_nodes().get(name)

    def add_entity(self, entity: Entity) -> None:
        """Add (or replace) an entity node."""
        self.add_entities((entity,))

    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Add (or replace) many entity nodes at once, in the order given.

        >>> g = MechanismGraph()
        >>> g.add_entities([Entity("b", "drug"), Entity("a", "process")])
        >>> list(g.links), g.entity("a").kind
        (['b', 'a'], 'process')
        """
        entities = list(entities)
        self._placed_nodes()  # nodes keep the order they came in
        nodes = self._writable_nodes()
        nodes.update((entity.name, entity) for entity in entities)
        if self._links is not None:
            self._links.add_nodes_from((entity.name, {"entity": entity}) for entity in entities)
        self.hierarchy.add_nodes_from(entity.name for entity in entities)
        self._index = None

    def add_claim(
        self,
        subject: str,
        relation: Relation,
        object: str,
        *,
        context: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
        evidence: tuple[str, ...] = (),
        status: Status = Status.OBSERVED,
        span: Span = NOWHERE,
        attributes: Iterable[tuple[str, str]] = (),
    ) -> Claim:
        """Add one claim as an edge; its id is its position in :attr:`claims`.

        ``context`` is a mapping or ``(key, value)`` pairs (a key may then
        repeat, as a self-contradicting rule can state it).
        """
        pairs = context.items() if isinstance(context, Mapping) else (context or ())
        claim = Claim(
            len(self.claims),
            subject,
            relation,
            object,
            tuple(sorted(pairs)),
            tuple(evidence),
            status,
            span,
            tuple(attributes),
        )
        self.add_claims((claim,))
        return claim

    def add_claims(self, claims: Iterable[Claim]) -> None:
        """Add many claims at once (faster than :meth:`add_claim`).

        Their ids must continue :attr:`claims`: ``len(claims)``, then the next, ...
        """
        new = list(claims)
        if [c.id for c in new] != list(range(len(self.claims), len(self.claims) + len(new))):
            raise ValueError("claim ids must continue MechanismGraph.claims")
        if len(self.claims) == 0 and len(new) > 1000:
            self.claims = ClaimTable.from_claims(new)  # straight into columns
        else:
            self.claims.extend(new)
        if self._links is not None:
            self._links.add_edges_from((c.subject, c.object, c.id, {"claim": c}) for c in new)
        self._index = None

    def add_isa(self, member: str, parent: str, span: Span = NOWHERE) -> None:
        """State that ``member`` is a ``parent``."""
        self.add_isas(((member, parent, span),))

    def add_isas(self, edges: Iterable[tuple[str, str, Span]]) -> None:
        """State many ``(member, parent, span)`` memberships at once, in the order given.

        >>> g = MechanismGraph()
        >>> g.add_isas([("imipramine", "tricyclic", NOWHERE),
        ...             ("tricyclic", "antidepressant", NOWHERE)])
        >>> sorted(g.index.ancestors["imipramine"])
        ['antidepressant', 'tricyclic']
        """
        self.hierarchy.add_edges_from(
            (member, parent, {"span": span}) for member, parent, span in edges
        )
        self._index = None

    def add_value(self, key: str, value: str) -> None:
        """Declare ``value`` for context ``key``."""
        self.values.setdefault(key, nx.DiGraph()).add_node(value)
        self._index = None

    def add_value_isa(self, key: str, narrower: str, broader: str) -> None:
        """State that context value ``narrower`` lies below ``broader`` for ``key``."""
        self.values.setdefault(key, nx.DiGraph()).add_edge(narrower, broader)
        self._index = None

    def claim(self, claim_id: int) -> Claim:
        return self.claims[claim_id]

    def entity(self, name: str) -> Entity:
        """The entity called ``name``; ``KeyError`` when unknown.

        A node that only a claim introduced is an entity of kind ``entity``.
        """
        if name not in self:
            raise KeyError(name)
        return self.declared(name) or Entity(name, "entity")

    def entities(self) -> Iterator[Entity]:
        """Every entity, sorted by name."""
        for name in sorted(self.node_names()):
            yield self.entity(name)

    def __contains__(self, name: object) -> bool:
        if self._links is not None:
            return name in self._links
        return name in self._nodes or (
            self._placed < len(self.claims) and name in self._placed_nodes()
        )
