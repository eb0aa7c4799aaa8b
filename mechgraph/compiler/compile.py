"""Compile rule files into a :class:`MechanismGraph`, collecting diagnostics.

Names are resolved, ``isa`` climbs and context value hierarchies are
checked for cycles, evidence is matched to declared sources.  Problems are
collected as located :class:`Diagnostic` s (never raised here); errors
make :func:`mechgraph.load` refuse the rules, warnings are kept.  The
result does not depend on the order of files or statements: everything is
sorted before it enters the graph.

Links are kept as columns of numbers (:mod:`mechgraph.compiler.link_columns`)
as soon as they are read; :func:`compile_paths` parses file by file and
never holds more than a few thousand parsed links, :func:`compile_rules`
compiles files parsed already.  Both give the same graph and diagnostics.

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

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from mechgraph.compiler.claims import claim_table
from mechgraph.compiler.declarations import Compiler, diagnostic_at, where
from mechgraph.compiler.experiments import check_experiment
from mechgraph.compiler.link_columns import LinkColumns
from mechgraph.compiler.links import LinkResolver, row_order
from mechgraph.compiler.reading_order import Part, events, in_reading_order
from mechgraph.errors import Diagnostic, Severity, sort_diagnostics
from mechgraph.graph.mechanism import Entity, MechanismGraph
from mechgraph.language.syntax import (
    EntityDecl,
    Experiment,
    Hypothesis,
    IsA,
    Link,
    RuleFile,
    SourceDecl,
    Span,
    ValueDecl,
)
from mechgraph.memory import paused_gc
from mechgraph.progress import phase

__all__ = ["compile_rules", "compile_paths", "diagnostic_at", "row_order"]


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
        columns, part = LinkColumns(), Part(None, 0)
        statements = _statements(files)
        part.take(columns, statements)
        part.links = [s for s in statements if type(s) is Link]
        return _compile(columns, [part], files)


def compile_paths(
    paths: Iterable[str | os.PathLike], *, partial: bool = False
) -> tuple[MechanismGraph | None, list[Diagnostic], list[Diagnostic]]:
    """Load and compile the rule files under ``paths``, one file at a time.

    Each file's links become columns of numbers as they are parsed, a few
    thousand at a time, so a large file is compiled without its links ever
    being alive all at once; the graph and the diagnostics are those of
    :func:`~mechgraph.language.loader.load_paths` then :func:`compile_rules`.

    Parameters
    ----------
    paths
        Files and folders, as :func:`~mechgraph.language.loader.load_paths` takes them.
    partial
        Compile the lines that parsed of a file that did not parse whole (as
        ``load_paths`` keeps them); default: no graph when any file fails to load.

    Returns
    -------
    graph : MechanismGraph or None
        ``None`` when loading failed and ``partial`` is false.
    loading, compiling : list of Diagnostic
        The diagnostics of reading and parsing, and those of compiling, each sorted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.mg"
    >>> _ = path.write_text("drug d\\nd -> e\\n")
    >>> graph, loading, compiling = compile_paths([path])
    >>> [c.object for c in graph.claims], [d.message for d in compiling]
    (['e'], ['`e` is not declared; taken as an entity'])
    """
    from mechgraph.language.loader import load_paths

    columns, parts = LinkColumns(), []

    def parse(path: Path) -> RuleFile:
        part = Part(None, len(columns))
        parts.append(part)
        return part.parse(columns, path)

    with paused_gc():
        files, loading = load_paths(paths, parse, partial=partial)
        if any(d.is_error for d in loading) and not partial:
            return None, loading, []
        with phase("compile"):
            kept = {id(f) for f in files}
            used = sorted((p for p in parts if id(p.rules) in kept), key=lambda p: p.rules.path)
            del files  # the parts keep the statements, while the compiler needs them
            parts.clear()
            graph, compiling = _compile(columns, used, [part.unburdened() for part in used])
    return graph, loading, compiling


def _compile(
    columns: LinkColumns, parts: list[Part], files: Sequence[RuleFile]
) -> tuple[MechanismGraph, list[Diagnostic]]:
    """Compile the statements of ``parts`` (in reading order) and their links in ``columns``."""
    unparsed = frozenset().union(*(f.unparsed_names for f in files))
    c = Compiler(
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
    for part in parts:
        for _, statement in part.kept:
            action = declare.get(type(statement))
            if action is not None:
                action(statement)
    c.known.update((name, i) for i, name in enumerate(c.entities))

    arrays = columns.arrays(Part.positions(parts, len(columns)))
    resolver = LinkResolver(c)
    memberships: dict[tuple[str, str], Span] = {}  # the last statement's place wins
    value_isa: dict[str, nx.DiGraph] = {key: nx.DiGraph() for key in c.values}
    hypotheses: dict[str, Hypothesis] = {}
    experiments: dict[str, Experiment] = {}
    for statement in in_reading_order(parts, arrays, events(resolver, columns, arrays)):
        if type(statement) is Link:
            resolver.add(statement)
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
    for part in parts:
        part.kept = []  # read: the declarations' nodes can go (unless the caller keeps them)

    hierarchy = nx.DiGraph()
    hierarchy.add_edges_from(
        (member, parent, {"span": span}) for (member, parent), span in memberships.items()
    )
    del memberships
    c.check_cycles(hierarchy, "isa", "isa-cycle")
    for key in sorted(value_isa):
        c.check_cycles(value_isa[key], f"`{key}` value isa", "value-isa-cycle")
    for name in sorted(hypotheses):
        c.check_hypothesis(hypotheses[name], c.known, experiments)
    c.quantities.finish()
    c.diagnostics.extend(c.quantities.diagnostics)
    graph = _build(c, hierarchy, value_isa, columns, arrays, hypotheses)
    graph.experiments = {name: experiments[name] for name in sorted(experiments)}
    return graph, sort_diagnostics(c.diagnostics)


def _keep(c: Compiler, kept: dict, statement: Hypothesis | Experiment, what: str) -> bool:
    """Keep a block under its name; a second block of the same name is an error (False)."""
    name = statement.name.name
    if name in kept:
        c.report(
            Severity.ERROR,
            f"duplicate-{what}",
            f"duplicate {what} `{name}`",
            where(statement.name, statement.span),
            hint=f"first stated at {kept[name].span}; give each {what} its own name",
        )
        return False
    kept[name] = statement
    return True


def _build(c: Compiler, hierarchy, value_isa, columns, arrays, hypotheses) -> MechanismGraph:
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
    hierarchy.clear()  # copied into the graph: not kept beside the claims being made
    graph.claims = claim_table(names, columns, arrays)
    graph.invalidate()
    graph.hypotheses = {name: hypotheses[name] for name in sorted(hypotheses)}
    return graph
