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

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from mechgraph.graph.aliases import AliasTable, build_aliases
from mechgraph.graph.claims import Claim, ClaimTable
from mechgraph.graph.entities import Entity, EntityTable, IsaTable, Source
from mechgraph.graph.index import GraphIndex, build_index
from mechgraph.language.syntax import (
    NOWHERE,
    Experiment,
    Hypothesis,
    Relation,
    Span,
    Status,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Entity",
    "Source",
    "Claim",
    "MechanismGraph",
]


@dataclass(init=False)
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
        ``isa`` edges from member to class (edge attribute ``span``); made on first
        read in a graph read back from the compiled cache.
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

    dimensions: dict[str, str]
    definitions: dict[str, dict[str, tuple[str, str]]]
    scales: dict[str, tuple[float, str]]
    sources: dict[str, Source]
    hypotheses: dict[str, Hypothesis]
    experiments: dict[str, Experiment]
    #: Names written on rule lines that did not parse (rules compiled in part, by
    #: ``mechgraph check`` and the language server): never called unknown or orphans.
    unparsed_names: frozenset[str]
    claims: ClaimTable
    files: list[str]
    texts: Mapping[str, str] = field(repr=False)
    #: Every node (entity name) in the order it came, with its declared entity, if any;
    #: the ends of the first ``_placed`` claims are in it (the rest on first need).
    _nodes: Mapping[str, Entity | None] = field(init=False, repr=False, compare=False)
    _placed: int = field(init=False, repr=False, compare=False)
    _links: nx.MultiDiGraph | None = field(init=False, repr=False, compare=False)
    #: The hierarchy, or (read back from the cache) the ``isa`` arrays it is made from.
    _hierarchy: nx.DiGraph | None = field(init=False, repr=False, compare=False)
    _isa: IsaTable | None = field(init=False, repr=False, compare=False)
    #: The value hierarchies, or (read back from the cache) per key its values and ``isa`` pairs.
    _values: dict[str, nx.DiGraph] | None = field(init=False, repr=False, compare=False)
    _value_lists: dict[str, tuple[list[str], list[tuple[str, str]]]] | None = field(
        init=False, repr=False, compare=False
    )
    _lines: dict[str, list[str]] = field(init=False, repr=False, compare=False)
    _index: GraphIndex | None = field(init=False, repr=False, compare=False)
    _aliases: tuple[GraphIndex, AliasTable] | None = field(init=False, repr=False, compare=False)
    _by_subject: tuple | None = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        hierarchy: nx.DiGraph | None = None,
        values: dict[str, nx.DiGraph] | None = None,
        dimensions: dict[str, str] | None = None,
        definitions: dict[str, dict[str, tuple[str, str]]] | None = None,
        scales: dict[str, tuple[float, str]] | None = None,
        sources: dict[str, Source] | None = None,
        hypotheses: dict[str, Hypothesis] | None = None,
        experiments: dict[str, Experiment] | None = None,
        unparsed_names: frozenset[str] = frozenset(),
        claims: ClaimTable | None = None,
        files: list[str] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self._values = {} if values is None else values
        self._value_lists = None
        self.dimensions = {} if dimensions is None else dimensions
        self.definitions = {} if definitions is None else definitions
        self.scales = {} if scales is None else scales
        self.sources = {} if sources is None else sources
        self.hypotheses = {} if hypotheses is None else hypotheses
        self.experiments = {} if experiments is None else experiments
        self.unparsed_names = unparsed_names
        self.claims = ClaimTable() if claims is None else claims
        self.files = [] if files is None else files
        self.texts = {} if texts is None else texts
        self._nodes = {}
        self._placed = 0
        self._links = None
        self._hierarchy = hierarchy  # None: made on first read
        self._isa = None
        self._lines = {}
        self._index = None
        self._aliases = None
        self._by_subject = None

    @classmethod
    def stored(
        cls,
        *,
        entities: EntityTable,
        isa: IsaTable,
        claims: ClaimTable,
        values: Mapping[str, tuple[list[str], list[tuple[str, str]]]] | None = None,
        **parts: Any,
    ) -> MechanismGraph:
        """A graph of parts kept as columns (read back from the compiled cache): its
        nodes ``entities`` (every claim's ends among them), ``isa`` edges, ``claims``
        and per context key its declared values and value ``isa`` pairs (``values``);
        ``links``, ``hierarchy`` and ``values`` are made on first read (networkx is
        not even imported before).  ``parts``: the other arguments of the constructor.

        >>> from mechgraph.language.syntax import Relation
        >>> claims = ClaimTable.from_claims([Claim(0, "a", Relation.INCREASES, "b")])
        >>> g = MechanismGraph.stored(entities=EntityTable.from_nodes(dict.fromkeys("Aab")),
        ...     isa=IsaTable.from_edges("Aab", [("a", "A", NOWHERE)]), claims=claims)
        >>> g.index.members["A"], list(g.hierarchy.edges), list(g.links.edges)
        (frozenset({'a'}), [('a', 'A')], [('a', 'b', 0)])
        """
        graph = cls(claims=claims, **parts)
        graph._nodes, graph._placed = entities, len(claims)
        graph._hierarchy, graph._isa = None, isa
        if values is not None:
            graph._values, graph._value_lists = None, dict(values)
        return graph

    def adopt_index(self, index: GraphIndex) -> None:
        """Use ``index`` (built from this graph's arrays, or read back with them) as :attr:`index`."""
        self._index = index

    @property
    def values(self) -> dict[str, nx.DiGraph]:
        """Per context key, a ``DiGraph`` of value ``isa`` edges (narrower to broader)."""
        if self._values is None:
            import networkx as nx

            self._values = {}
            for key, (declared, isa) in (self._value_lists or {}).items():
                values = self._values[key] = nx.DiGraph()
                values.add_nodes_from(declared)
                values.add_edges_from(isa)
            self._value_lists = None
        return self._values

    @values.setter
    def values(self, value: dict[str, nx.DiGraph]) -> None:
        self._values, self._value_lists, self._index = value, None, None

    def value_lists(self) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
        """Per context key, its values and value ``isa`` pairs, in order (without making
        :attr:`values` when they are not made yet)."""
        if self._values is None and self._value_lists is not None:
            return self._value_lists
        return {key: (list(g), list(g.edges)) for key, g in self.values.items()}

    @property
    def hierarchy(self) -> nx.DiGraph:
        """``isa`` edges from member to class (edge attribute ``span``); every entity is a node."""
        if self._hierarchy is None:
            import networkx as nx

            hierarchy = nx.DiGraph()
            nodes = self._placed_nodes()
            if isinstance(nodes, EntityTable):
                hierarchy.add_nodes_from(nodes.declared())
            else:
                hierarchy.add_nodes_from(name for name, e in nodes.items() if e is not None)
            if self._isa is not None:
                hierarchy.add_edges_from((m, p, {"span": s}) for m, p, s in self._isa.edges())
            self._hierarchy, self._isa = hierarchy, None
        return self._hierarchy

    @hierarchy.setter
    def hierarchy(self, value: nx.DiGraph) -> None:
        self._hierarchy, self._isa, self._index = value, None, None

    def isa_edges(self) -> nx.DiGraph | IsaTable:
        """The hierarchy as :class:`~mechgraph.graph.hierarchy.Closure` reads it: the
        ``isa`` arrays while the networkx graph is not made."""
        return self._isa if self._hierarchy is None and self._isa is not None else self.hierarchy

    @property
    def links(self) -> nx.MultiDiGraph:
        """The claims as a ``MultiDiGraph`` (see the class), made on first use.

        Once made it is kept up to date by the ``add_*`` methods, and what is
        changed in it directly (nodes added) counts as the graph's nodes.
        """
        if self._links is None:
            import networkx as nx

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
        """Every node (entity name) in the order it came: those of :attr:`links` once made."""
        if self._links is not None:
            return self._links.nodes
        return self._placed_nodes().keys()

    def _placed_nodes(self) -> Mapping[str, Entity | None]:
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
        import networkx as nx

        self.values.setdefault(key, nx.DiGraph()).add_node(value)
        self._index = None

    def add_value_isa(self, key: str, narrower: str, broader: str) -> None:
        """State that context value ``narrower`` lies below ``broader`` for ``key``."""
        import networkx as nx

        self.values.setdefault(key, nx.DiGraph()).add_edge(narrower, broader)
        self._index = None

    def claim(self, claim_id: int) -> Claim:
        return self.claims[claim_id]

    def claims_from(self, name: str) -> list[tuple[str, int]]:
        """``(object, claim id)`` of every claim whose subject is ``name``, sorted — what
        ``sorted(links.out_edges(name, keys=True))`` lists, without making :attr:`links`.

        >>> g = MechanismGraph()
        >>> for s, o in (("a", "c"), ("b", "a"), ("a", "b")):
        ...     _ = g.add_claim(s, Relation.INCREASES, o)
        >>> g.claims_from("a"), g.claims_from("c")
        ([('b', 2), ('c', 0)], [])
        """
        if self._links is not None:
            return sorted((obj, key) for _, obj, key in self._links.out_edges(name, keys=True))
        table = self.claims
        memo = self._by_subject
        if memo is None or memo[0] is not table or memo[1] != len(table):
            subject = table.subject
            order = np.argsort(subject, kind="stable")
            starts = np.searchsorted(subject[order], np.arange(len(table.names) + 1))
            memo = self._by_subject = (table, len(table), order, starts)
        _, _, order, starts = memo
        names = table.names
        i = bisect_left(names, name)
        if i == len(names) or names[i] != name:
            return []
        found = order[starts[i] : starts[i + 1]].tolist()
        objects = table.object[found].tolist()
        return sorted((names[o], claim_id) for o, claim_id in zip(objects, found))

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
