"""What the rules declare, and the checks of every use against it.

A :class:`Compiler` holds one compilation's declarations (entities, sources,
context values, quantity keys), the names met so far and the diagnostics.
Its checks are the compiler's located errors and warnings: duplicate
declarations, undeclared names (with a did-you-mean hint), unknown sources,
undeclared context values, hypotheses naming unknown entities, ``isa``
cycles.  :mod:`mechgraph.compiler.compile` runs them in reading order.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import EntityDecl, Declared, Ref
>>> c = Compiler(MechanismGraph())
>>> c.declare_entities(EntityDecl("drug", (Declared(Ref("imipramine")),)))
>>> c.use(Ref("imipramne"), NOWHERE)
'imipramne'
>>> c.diagnostics[0].hint
'did you mean `imipramine`?'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from mechgraph.compiler.quantities import QuantityChecker
from mechgraph.errors import Diagnostic, Severity
from mechgraph.graph.mechanism import Entity, MechanismGraph, Source
from mechgraph.language.syntax import (
    NOWHERE,
    ConsistentWith,
    EntityDecl,
    Evidence,
    Hypothesis,
    Reaches,
    Ref,
    SignOf,
    SourceDecl,
    Span,
    ValueDecl,
)

__all__ = ["Compiler", "diagnostic_at", "where"]


def where(ref: Ref, fallback: Span) -> Span:
    """``ref``'s place, or ``fallback`` when it has none (a node made by hand).

    >>> where(Ref("x"), Span("a.mg", 2, 1))
    Span(file='a.mg', line=2, col=1)
    """
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
class Compiler:
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
            self.duplicate("source", name, where(decl.name, decl.span), self.sources[name].span)
            return
        span = where(decl.name, decl.span)
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
            name, span = entry.name.name, where(entry.name, entry.span)
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
            span = where(ref, decl.span)
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
            span = where(ref, fallback)
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
                            where(ref, statement.span),
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
                        where(ref, statement.span),
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
