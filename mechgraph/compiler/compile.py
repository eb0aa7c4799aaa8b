"""Compile parsed rule files into a :class:`MechanismGraph`, collecting diagnostics.

Names are resolved, ``isa`` climbs and context value hierarchies are
checked for cycles, evidence is matched to declared sources.  Problems are
collected as located :class:`Diagnostic` s (never raised here); errors
make :func:`mechgraph.load` refuse the rules, warnings are kept.  The
result does not depend on the order of files or statements: everything is
sorted before it enters the graph.

>>> from mechgraph.language.syntax import EntityDecl, Declared, Link, Ref, Relation, RuleFile
>>> rules = RuleFile("a.mg", (
...     EntityDecl("drug", (Declared(Ref("imipramine")),)),
...     Link(Ref("imipramne"), Relation.INCREASES, Ref("NMDA_adaptation")),
... ))
>>> graph, diagnostics = compile_rules([rules])
>>> sorted(graph.links.nodes)
['NMDA_adaptation', 'imipramine', 'imipramne']
>>> for d in diagnostics:
...     print(d.message, "|", d.hint)
`NMDA_adaptation` is not declared; taken as an entity | declare it with a kind, e.g. `process NMDA_adaptation`
`imipramne` is not declared; taken as an entity | did you mean `imipramine`?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import networkx as nx
import numpy as np

from mechgraph.compiler.experiments import check_experiment
from mechgraph.compiler.quantities import QuantityChecker
from mechgraph.errors import Diagnostic, Severity, sort_diagnostics
from mechgraph.graph.mechanism import Claim, Entity, MechanismGraph, Source
from mechgraph.language.syntax import (
    NOWHERE,
    ConsistentWith,
    EntityDecl,
    Evidence,
    Experiment,
    Hypothesis,
    IsA,
    Link,
    Reaches,
    Ref,
    Relation,
    RuleFile,
    SignOf,
    SourceDecl,
    Span,
    Status,
    ValueDecl,
)
from mechgraph.memory import paused_gc
from mechgraph.progress import phase

__all__ = ["compile_rules", "diagnostic_at", "row_order"]


#: Each relation's and status's text, for sort keys (faster than ``.value``).
_VALUE = {member: member.value for kind in (Relation, Status) for member in kind}
_PAIR, _REFERENCE = attrgetter("key", "value"), attrgetter("reference")


def _where(ref: Ref, fallback: Span) -> Span:
    return ref.span if ref.span != NOWHERE else fallback


def _did_you_mean(name: str, pool: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, sorted(pool), n=1, cutoff=0.85)
    return f"did you mean `{close[0]}`?" if close else None


def diagnostic_at(
    graph: MechanismGraph,
    severity: Severity,
    code: str,
    message: str,
    span: Span,
    hint: str | None = None,
) -> Diagnostic:
    """A diagnostic located at ``span``, with the rule line from ``graph.texts``."""
    return Diagnostic(
        severity,
        message,
        file=span.file,
        line=span.line,
        col=span.col,
        snippet=graph.line(span),
        hint=hint,
        code=code,
    )


@dataclass
class _Compiler:
    """The state of one compilation: what is declared where, and the diagnostics."""

    graph: MechanismGraph
    diagnostics: list[Diagnostic] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    values: dict[str, dict[str, Span]] = field(default_factory=dict)
    implicit: dict[str, Span] = field(default_factory=dict)
    #: Every name declared, or used and warned about → a number, in the order met.
    known: dict[str, int] = field(default_factory=dict)
    #: Hints for unknown sources already worked out (a reference may repeat 10,000 times).
    hints: dict[tuple[str, int], str] = field(default_factory=dict)
    #: Names written on lines that did not parse: they may be declared there, so a use
    #: is not reported (:attr:`RuleFile.unparsed_names`).
    unparsed: frozenset[str] = frozenset()
    quantities: QuantityChecker = field(init=False)

    def __post_init__(self) -> None:
        self.quantities = QuantityChecker(self.graph)

    def report(self, severity: Severity, code: str, message: str, span: Span, hint=None) -> None:
        self.diagnostics.append(diagnostic_at(self.graph, severity, code, message, span, hint))

    def duplicate(self, what: str, name: str, span: Span, first: Span) -> None:
        self.report(
            Severity.ERROR,
            "duplicate-declaration",
            f"duplicate declaration of {what} `{name}`",
            span,
            hint=f"first declared at {first}",
        )

    # -- declarations -------------------------------------------------------
    def declare_source(self, decl: SourceDecl) -> None:
        name = decl.name.name
        if name in self.sources:
            self.duplicate("source", name, _where(decl.name, decl.span), self.sources[name].span)
            return
        span = _where(decl.name, decl.span)
        self.sources[name] = Source(name, decl.reference, decl.title, span)
        if decl.reference is None:
            self.report(
                Severity.WARNING,
                "source-without-id",
                f"source `{name}` has no identifier",
                span,
                f'give its PMID or DOI if it has one: `source {name} = pmid:ID "title"` '
                "(or `doi:ID`), so that readers can find it",
            )

    def declare_entities(self, decl: EntityDecl) -> None:
        for entry in decl.entries:
            name, span = entry.name.name, _where(entry.name, entry.span)
            if name in self.entities:
                self.duplicate("entity", name, span, self.entities[name].span)
                continue
            attributes = tuple((a.key, a.value) for a in entry.attributes)
            self.entities[name] = Entity(name, decl.kind, entry.label, attributes, span)

    def declare_values(self, decl: ValueDecl) -> None:
        if decl.dimension is not None:
            self.quantities.declare_dimension(decl.key, decl.dimension, decl.span)
            return
        for value, condition in decl.defined:
            self.quantities.define(decl.key, value, condition)
        declared = self.values.setdefault(decl.key, {})
        for ref in decl.values:
            span = _where(ref, decl.span)
            if ref.name in declared:
                self.duplicate(f"`{decl.key}` value", ref.name, span, declared[ref.name])
            else:
                declared[ref.name] = span

    def value_key(self, name: str) -> str | None:
        """The context key ``name`` is a declared value of (when it is no entity)."""
        if name in self.entities:
            return None
        return next((key for key in sorted(self.values) if name in self.values[key]), None)

    # -- uses -----------------------------------------------------------------
    def use(self, ref: Ref, fallback: Span) -> str:
        """Resolve an entity name; the first use of an undeclared one is a warning."""
        name = ref.name
        if name not in self.known:
            self.known[name] = len(self.known)
            span = _where(ref, fallback)
            self.implicit[name] = span
            if name in self.unparsed:
                return name
            hint = _did_you_mean(name, self.entities) or (
                f"declare it with a kind, e.g. `process {name}`"
            )
            self.report(
                Severity.WARNING,
                "undeclared-name",
                f"`{name}` is not declared; taken as an entity",
                span,
                hint,
            )
        return name

    def number(self, ref: Ref, fallback: Span) -> int:
        """The number of a resolved entity name (see :meth:`use`), cheap when already met."""
        found = self.known.get(ref.name)
        return self.known[self.use(ref, fallback)] if found is None else found

    def unknown_source(self, item: Evidence) -> bool:
        reference = item.reference
        return (
            not item.is_inline and reference not in self.sources and reference not in self.unparsed
        )

    def undeclared_value(self, key: str, value: str) -> bool:
        declared = self.values.get(key)
        return (
            bool(declared)
            and value not in declared
            and key not in self.quantities.keys
            and value[:2] not in (">=", "<=")
        )

    def check_evidence(self, evidence: Iterable[Evidence], fallback: Span) -> tuple[str, ...]:
        references = []
        for item in evidence:
            if self.unknown_source(item):
                hint = self.source_hint(item.reference)
                span = item.span if item.span != NOWHERE else fallback
                self.report(
                    Severity.ERROR,
                    "unknown-source",
                    f"unknown source `@{item.reference}`",
                    span,
                    hint,
                )
            references.append(item.reference)
        return tuple(references)

    def source_hint(self, reference: str) -> str:
        """The hint for an unknown source (worked out once per name and set of sources)."""
        key = (reference, len(self.sources))
        if key not in self.hints:
            self.hints[key] = _did_you_mean(reference, self.sources) or (
                'declare it: `source NAME = pmid:ID` (or `source NAME "title"`), '
                "or cite inline as `@pmid:ID`"
            )
        return self.hints[key]

    def check_values(self, link: Link) -> None:
        self.check_context(link.context, link.span)

    def check_context(self, context, fallback: Span) -> None:
        for qualifier in context:
            if self.undeclared_value(qualifier.key, qualifier.value):
                declared = self.values[qualifier.key]
                span = qualifier.span if qualifier.span != NOWHERE else fallback
                hint = _did_you_mean(qualifier.value, declared) or (
                    f"declared values: {', '.join(sorted(declared))}"
                )
                self.report(
                    Severity.WARNING,
                    "undeclared-value",
                    f"`{qualifier.value}` is not a declared value of `{qualifier.key}`",
                    span,
                    hint,
                )

    def check_hypothesis(
        self, hypothesis: Hypothesis, known: Iterable[str], experiments: Iterable[str] = ()
    ) -> None:
        self.check_evidence(hypothesis.evidence, hypothesis.span)
        for statement in hypothesis.statements:
            if isinstance(statement, ConsistentWith):
                for ref in statement.experiments:
                    if ref.name not in experiments and ref.name not in self.unparsed:
                        self.report(
                            Severity.ERROR,
                            "unknown-experiment",
                            f"hypothesis `{hypothesis.name.name}` names unknown experiment `{ref.name}`",
                            _where(ref, statement.span),
                            _did_you_mean(ref.name, experiments)
                            or "declare it: `experiment NAME [key=value, ...] @source:`",
                        )
            if not isinstance(statement, (Reaches, SignOf)):
                continue
            pairs = [(q.key, q.value) for q in statement.context]
            if self.quantities.relevant(pairs):
                self.quantities.check(statement.context, statement.span)
            through = getattr(statement, "through", None)
            for ref in (statement.members, statement.target, through):
                if ref is not None and ref.name not in known and ref.name not in self.unparsed:
                    hint = (
                        _did_you_mean(ref.name, known) or "hypotheses may name only known entities"
                    )
                    self.report(
                        Severity.ERROR,
                        "unknown-entity",
                        f"hypothesis `{hypothesis.name.name}` names unknown entity `{ref.name}`",
                        _where(ref, statement.span),
                        hint,
                    )

    def check_cycles(self, hierarchy: nx.DiGraph, what: str, code: str) -> None:
        """Report each ``isa`` cycle once and cut its edges so the hierarchy is acyclic."""
        for component in sorted(map(sorted, nx.strongly_connected_components(hierarchy))):
            if len(component) == 1 and not hierarchy.has_edge(component[0], component[0]):
                continue
            cycle = nx.find_cycle(hierarchy.subgraph(component), source=component[0])
            names = [u for u, _ in cycle] + [cycle[0][0]]
            span = hierarchy.edges[cycle[0]].get("span", NOWHERE)
            self.report(
                Severity.ERROR,
                code,
                f"{what} cycle: {' isa '.join(names)}",
                span,
                hint="`isa` must not lead back to where it started; remove one of these",
            )
            hierarchy.remove_edges_from([(u, v) for u, v in hierarchy.subgraph(component).edges])


def _statements(files: Sequence[RuleFile]) -> list:
    """Every top-level statement, in (file, line, column) order; statements without a
    place (made by hand) in the order of their text."""
    return sorted((s for f in files for s in f.statements), key=_place)


def _place(statement) -> tuple[str, int, int, str]:
    span = statement.span  # line 0: no place (NOWHERE), ordered by its text
    return (span.file, span.line, span.col, "" if span.line else repr(statement))


def compile_rules(files: Sequence[RuleFile]) -> tuple[MechanismGraph, list[Diagnostic]]:
    """Compile ``files`` into a graph; collect (never raise) the diagnostics.

    Parameters
    ----------
    files : sequence of RuleFile
        Parsed rule files; their order does not matter.

    Returns
    -------
    graph : MechanismGraph
        With sorted entities, claims (ids in sorted claim order), hierarchies and indexes.
    diagnostics : list of Diagnostic
        Errors (duplicate declarations, ``isa`` cycles, unknown sources, hypotheses
        naming unknown entities, duplicate hypotheses) and warnings (undeclared
        names, undeclared context values, sources without an identifier), sorted
        by location.  A name written on a line that did not parse
        (:attr:`RuleFile.unparsed_names`) is never called unknown or undeclared.
    """
    with paused_gc(), phase("compile"):
        return _compile(files)


def row_order(row: tuple) -> tuple:
    """The order of the claims of one subject and object: by relation, context, evidence,
    status, then place (``row`` is a claim's fields after its id)."""
    _, relation, _, context, evidence, status, span, _ = row
    return (_VALUE[relation], context, evidence, _VALUE[status], span.file, span.line, span.col)


@dataclass
class _Links:
    """The links met so far, resolved, each distinct context and evidence list kept once."""

    #: Per link: its subject's and its object's numbers in ``_Compiler.known``.
    subjects: list[int] = field(default_factory=list)
    objects: list[int] = field(default_factory=list)
    #: Per link: a claim's fields after its id (subject ... span).
    rows: list[tuple] = field(default_factory=list)
    #: Pairs as written → (pairs sorted by key, whether any value is undeclared).
    contexts: dict[tuple, tuple] = field(default_factory=dict)
    #: References as written → (the same tuple, whether any source is unknown).
    citations: dict[tuple, tuple] = field(default_factory=dict)

    def add(self, c: _Compiler, link: Link) -> None:
        """Resolve ``link``'s names, context and evidence (reporting what is wrong)."""
        s, o = c.number(link.subject, link.span), c.number(link.object, link.span)
        context = evidence = ()
        if link.context:
            pairs = tuple(map(_PAIR, link.context))
            seen = self.contexts.get(pairs)
            if seen is None:
                undeclared = any(c.undeclared_value(key, value) for key, value in pairs)
                quantities = c.quantities.relevant(pairs) and not c.quantities.fine(pairs)
                seen = self.contexts[pairs] = (tuple(sorted(pairs)), undeclared, quantities)
            context, undeclared, quantities = seen
            if undeclared:
                c.check_values(link)
            if quantities:
                c.quantities.check(link.context, link.span)
        if link.evidence:
            references = tuple(map(_REFERENCE, link.evidence))
            seen = self.citations.get(references)
            if seen is None:
                unknown = any(map(c.unknown_source, link.evidence))
                seen = self.citations[references] = (references, unknown)
            evidence, unknown = seen
            if unknown:
                c.check_evidence(link.evidence, link.span)
        self.subjects.append(s)
        self.objects.append(o)
        self.rows.append(
            (
                link.subject.name,
                link.relation,
                link.object.name,
                context,
                evidence,
                link.status,
                link.span,
                tuple((a.key, a.value) for a in link.attributes) if link.attributes else (),
            )
        )

    def order(self, known: dict[str, int]) -> list[int]:
        """Positions of the rows in claim order: by subject, object, relation, context,
        evidence, status, then place."""
        by_name = sorted(known, key=known.__getitem__)  # number → name
        rank = np.empty(len(by_name), np.int64)
        rank[sorted(range(len(by_name)), key=by_name.__getitem__)] = np.arange(len(by_name))
        pair = rank[self.subjects] * len(rank) + rank[self.objects]
        positions = np.argsort(pair, kind="stable")
        ties = np.flatnonzero(np.diff(pair[positions]) == 0).tolist()
        order = positions.tolist()
        start = None  # the runs of one subject and object get the rest of the key
        for i, tie in enumerate(ties):
            start = tie if start is None else start
            if i + 1 == len(ties) or ties[i + 1] != tie + 1:
                order[start : tie + 2] = sorted(order[start : tie + 2], key=self._tiebreak)
                start = None
        return order

    def _tiebreak(self, position: int) -> tuple:
        return row_order(self.rows[position])

    def claims(self, known: dict[str, int]) -> list[Claim]:
        """One claim per link, numbered in claim order."""
        return Claim.numbered(map(self.rows.__getitem__, self.order(known)))


def _compile(files: Sequence[RuleFile]) -> tuple[MechanismGraph, list[Diagnostic]]:
    statements = _statements(files)
    unparsed = frozenset().union(*(f.unparsed_names for f in files))
    c = _Compiler(
        MechanismGraph(
            files=sorted(f.path for f in files),
            texts={f.path: f.text for f in files},
            unparsed_names=unparsed,
        ),
        unparsed=unparsed,
    )
    declare = {
        SourceDecl: c.declare_source,
        EntityDecl: c.declare_entities,
        ValueDecl: c.declare_values,
    }
    for statement in statements:
        action = declare.get(type(statement))
        if action is not None:
            action(statement)
    c.known.update((name, i) for i, name in enumerate(c.entities))

    memberships: dict[tuple[str, str], Span] = {}  # the last statement's place wins
    value_isa: dict[str, nx.DiGraph] = {key: nx.DiGraph() for key in c.values}
    links = _Links()
    hypotheses: dict[str, Hypothesis] = {}
    experiments: dict[str, Experiment] = {}
    for statement in statements:
        if isinstance(statement, Link):
            links.add(c, statement)
        elif isinstance(statement, IsA):
            key = c.value_key(statement.parent.name)
            if key is not None and all(m.name in c.values[key] for m in statement.members):
                for member in statement.members:
                    value_isa[key].add_edge(member.name, statement.parent.name, span=statement.span)
                continue
            parent = c.use(statement.parent, statement.span)
            for member in statement.members:
                memberships[c.use(member, statement.span), parent] = statement.span
        elif isinstance(statement, Hypothesis):
            _keep(c, hypotheses, statement, "hypothesis")
        elif isinstance(statement, Experiment) and _keep(c, experiments, statement, "experiment"):
            check_experiment(c, statement)

    hierarchy = nx.DiGraph()
    hierarchy.add_edges_from(
        (member, parent, {"span": span}) for (member, parent), span in memberships.items()
    )
    c.check_cycles(hierarchy, "isa", "isa-cycle")
    for key in sorted(value_isa):
        c.check_cycles(value_isa[key], f"`{key}` value isa", "value-isa-cycle")
    for name in sorted(hypotheses):
        c.check_hypothesis(hypotheses[name], c.known, experiments)
    c.quantities.finish()
    c.diagnostics.extend(c.quantities.diagnostics)
    graph = _build(c, hierarchy, value_isa, links, hypotheses)
    graph.experiments = {name: experiments[name] for name in sorted(experiments)}
    return graph, sort_diagnostics(c.diagnostics)


def _keep(c: _Compiler, kept: dict, statement: Hypothesis | Experiment, what: str) -> bool:
    """Keep a block under its name; a second block of the same name is an error (False)."""
    name = statement.name.name
    if name in kept:
        c.report(
            Severity.ERROR,
            f"duplicate-{what}",
            f"duplicate {what} `{name}`",
            _where(statement.name, statement.span),
            hint=f"first stated at {kept[name].span}; give each {what} its own name",
        )
        return False
    kept[name] = statement
    return True


def _build(c: _Compiler, hierarchy, value_isa, links: _Links, hypotheses) -> MechanismGraph:
    graph = c.graph
    names = sorted(c.known)
    graph.add_entities(
        c.entities.get(name) or Entity(name, "entity", span=c.implicit[name]) for name in names
    )
    graph.sources = {name: c.sources[name] for name in sorted(c.sources)}
    for key in sorted(c.values):
        for value in sorted(c.values[key]):
            graph.add_value(key, value)
        for narrower, broader in sorted(value_isa[key].edges):
            graph.add_value_isa(key, narrower, broader)
    graph.add_isas(sorted(hierarchy.edges(data="span")))
    graph.add_claims(links.claims(c.known))
    graph.hypotheses = {name: hypotheses[name] for name in sorted(hypotheses)}
    return graph
