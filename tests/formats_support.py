"""Helpers for the format tests: a readable dump of an import, link sets, graph strategies."""

from __future__ import annotations

import json
import string

from hypothesis import strategies as st

from mechgraph.formats import ImportResult
from mechgraph.graph.mechanism import Entity, MechanismGraph
from mechgraph.language.syntax import (
    ENTITY_KINDS,
    Comment,
    EntityDecl,
    Hypothesis,
    IsA,
    Link,
    Reaches,
    Relation,
    RuleFile,
    SourceDecl,
    Status,
)


def _statement_lines(statement) -> list[str]:
    if isinstance(statement, Comment):
        return [f"#{statement.text}"]
    if isinstance(statement, SourceDecl):
        return [f"source {statement.name.name} = {statement.reference} {statement.title!r}"]
    if isinstance(statement, EntityDecl):
        return [
            f"{statement.kind} {e.name.name!r}"
            + "".join(f" {a.key}={a.value}" for a in e.attributes)
            for e in statement.entries
        ]
    if isinstance(statement, IsA):
        return [f"{[m.name for m in statement.members]} isa {statement.parent.name!r}"]
    if isinstance(statement, Link):
        context = ", ".join(f"{q.key}={q.value!r}" for q in statement.context)
        evidence = " ".join(f"@{e.reference}" for e in statement.evidence)
        return [
            (
                f"{statement.subject.name!r} {statement.relation.value} {statement.object.name!r}"
                f" [{context}] {evidence} {statement.status.value}"
                + "".join(f" {a.key}={a.value!r}" for a in statement.attributes)
            )
        ]
    if isinstance(statement, Hypothesis):
        lines = [f"hypothesis {statement.name.name} {[e.reference for e in statement.evidence]}:"]
        for inner in statement.statements:
            if isinstance(inner, Reaches):
                lines.append(
                    f"    {inner.quantifier.value} {inner.members.name!r} reaches "
                    f"{inner.target.name!r}"
                )
            else:
                lines.extend("    " + line for line in _statement_lines(inner))
        return lines
    return [""]


def dump(result: ImportResult) -> str:
    """The summary, every diagnostic and every statement, one per line."""
    lines = ["summary " + json.dumps(result.summary.to_dict(), sort_keys=True), "diagnostics"]
    lines += [f"  {d.line}:{d.col} {d.severity.value} {d.message}" for d in result.diagnostics]
    lines.append("statements")
    for statement in result.rule_file.statements:
        lines += _statement_lines(statement)
    return "\n".join(lines) + "\n"


def _key(subject, relation, object, context, status):
    return (subject, relation, object, tuple(sorted(context)), status)


def rule_links(rule_file: RuleFile) -> dict[tuple, frozenset[str]]:
    """Links of a rule file → their evidence as references (sources resolved)."""
    sources = {s.name.name: s.reference for s in rule_file.statements if isinstance(s, SourceDecl)}
    out: dict[tuple, frozenset[str]] = {}
    for s in rule_file.statements:
        if isinstance(s, Link):
            key = _key(
                s.subject.name,
                s.relation,
                s.object.name,
                [(q.key, q.value) for q in s.context],
                s.status,
            )
            refs = frozenset(sources.get(e.reference, e.reference) for e in s.evidence)
            out[key] = out.get(key, frozenset()) | refs
    return out


def graph_links(graph: MechanismGraph) -> dict[tuple, frozenset[str]]:
    """The same for a compiled graph."""
    out: dict[tuple, frozenset[str]] = {}
    for c in graph.claims:
        key = _key(c.subject, c.relation, c.object, c.context, c.status)
        refs = frozenset(
            graph.sources[e].reference if e in graph.sources else e for e in c.evidence
        )
        out[key] = out.get(key, frozenset()) | refs
    return out


def rule_entities(rule_file: RuleFile) -> dict[str, tuple]:
    """Entity name → (kind, label, identifier)."""
    return {
        e.name.name: (s.kind, e.label, {a.key: a.value for a in e.attributes}.get("id"))
        for s in rule_file.statements
        if isinstance(s, EntityDecl)
        for e in s.entries
    }


def graph_entities(graph: MechanismGraph) -> dict[str, tuple]:
    return {e.name: (e.kind, e.label, dict(e.attributes).get("id")) for e in graph.entities()}


def rule_isa(rule_file: RuleFile) -> set[tuple[str, str]]:
    return {
        (m.name, s.parent.name)
        for s in rule_file.statements
        if isinstance(s, IsA)
        for m in s.members
    }


# -- generated graphs ----------------------------------------------------------

_names = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,8}", fullmatch=True),
    st.text(alphabet=string.ascii_letters + string.digits + " -β+()'", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool),
)
_kinds = st.sampled_from([k for k in ENTITY_KINDS if k != "class"])  # classes come from isa
_prefixes = st.one_of(st.none(), st.sampled_from(["CHEBI", "HGNC", "GO", "MESH"]))
_context = st.dictionaries(
    st.sampled_from(["species", "region", "duration", "dose"]),
    st.one_of(
        st.sampled_from(["mouse", "chronic", "10mg/kg", "14d"]),
        st.text(string.ascii_letters + " ", min_size=1, max_size=8).map(str.strip).filter(bool),
    ),
    max_size=2,
)
_evidence = st.lists(
    st.one_of(
        st.builds("pmid:{}".format, st.integers(1, 10**8)),
        st.sampled_from(["skolnick1996", "doi:10.1055/s-2007-979537"]),
    ),
    max_size=2,
    unique=True,
)


@st.composite
def mechanism_graphs(draw) -> MechanismGraph:
    """Small graphs with entities, claims (context, evidence, status) and acyclic isa."""
    names = draw(st.lists(_names, min_size=2, max_size=7, unique=True))
    graph = MechanismGraph()
    graph.sources["skolnick1996"] = _skolnick()
    for number, name in enumerate(names):
        prefix = draw(_prefixes)  # identifiers are unique: the same one would merge entities
        attributes = (("id", f"{prefix}:{1000 + number}"),) if prefix else ()
        graph.add_entity(Entity(name, draw(_kinds), None, attributes))
    for _ in range(draw(st.integers(0, 8))):
        subject, object = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        graph.add_claim(
            subject,
            draw(st.sampled_from(list(Relation))),
            object,
            context=draw(_context),
            evidence=tuple(draw(_evidence)),
            status=draw(st.sampled_from(list(Status))),
        )
    for _ in range(draw(st.integers(0, 2))):
        low, high = sorted(
            draw(st.lists(st.integers(0, len(names) - 1), min_size=2, max_size=2, unique=True))
        )
        graph.add_isa(names[low], names[high])
    return graph


def _skolnick():
    from mechgraph.graph.mechanism import Source

    return Source("skolnick1996", "pmid:8852531", "Adaptation of NMDA receptors")
