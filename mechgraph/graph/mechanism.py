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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import networkx as nx

from mechgraph.graph.aliases import AliasTable, build_aliases
from mechgraph.graph.index import GraphIndex, build_index
from mechgraph.language.syntax import (
    NOWHERE,
    Experiment,
    Hypothesis,
    Relation,
    Sign,
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


@dataclass(frozen=True, slots=True)
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
    #: ``key=value`` attributes of the link (``predicate``, ...): said, never traversed.
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def sign(self) -> Sign:
        return self.relation.sign

    @property
    def context_dict(self) -> dict[str, str]:
        return dict(self.context)

    @property
    def is_hypothesis(self) -> bool:
        return self.status is Status.HYPOTHESIS

    @classmethod
    def numbered(cls, rows: Iterable[tuple], start: int = 0) -> list[Claim]:
        """Claims with ids ``start, start + 1, ...`` from rows of their other eight fields.

        The same as calling ``Claim(id, *row)``, in half the time: a frozen
        dataclass's ``__init__`` calls ``object.__setattr__`` once per field;
        this fills the slots directly, for the compiler's millions of claims.

        >>> row = ("a", Relation.INCREASES, "b", (), ("pmid:1",), Status.OBSERVED, NOWHERE, ())
        >>> Claim.numbered([row], start=4) == [Claim(4, *row)]
        True
        """
        new = object.__new__
        set_id, set_subject, set_relation, set_object, *rest = (
            getattr(cls, name).__set__ for name in cls.__slots__
        )
        set_context, set_evidence, set_status, set_span, set_attributes = rest
        claims = []
        for number, row in enumerate(rows, start):
            subject, relation, obj, context, evidence, status, span, attributes = row
            claim = new(cls)
            set_id(claim, number)
            set_subject(claim, subject)
            set_relation(claim, relation)
            set_object(claim, obj)
            set_context(claim, context)
            set_evidence(claim, evidence)
            set_status(claim, status)
            set_span(claim, span)
            set_attributes(claim, attributes)
            claims.append(claim)
        return claims


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

    links: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
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
    claims: list[Claim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    _lines: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _index: GraphIndex | None = field(default=None, init=False, repr=False, compare=False)
    _aliases: tuple[GraphIndex, AliasTable] | None = field(
        default=None, init=False, repr=False, compare=False
    )

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
            nodes = self.links.nodes
            declared = (
                (name, nodes[name].get("entity") if name in nodes else None) for name in index.names
            )
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
        self.links.add_nodes_from((entity.name, {"entity": entity}) for entity in entities)
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
        self.claims.append(claim)
        self.links.add_edge(subject, object, key=claim.id, claim=claim)
        self._index = None
        return claim

    def add_claims(self, claims: Iterable[Claim]) -> None:
        """Add many claims at once (faster than :meth:`add_claim`).

        Their ids must continue :attr:`claims`: ``len(claims)``, then the next, ...
        """
        new = list(claims)
        if [c.id for c in new] != list(range(len(self.claims), len(self.claims) + len(new))):
            raise ValueError("claim ids must continue MechanismGraph.claims")
        self.claims.extend(new)
        self.links.add_edges_from((c.subject, c.object, c.id, {"claim": c}) for c in new)
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
        data = self.links.nodes[name]
        return data.get("entity") or Entity(name, "entity")

    def entities(self) -> Iterator[Entity]:
        """Every entity, sorted by name."""
        for name in sorted(self.links.nodes):
            yield self.entity(name)

    def __contains__(self, name: object) -> bool:
        return name in self.links
