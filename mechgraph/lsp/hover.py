"""Hover: what the rules say about the name, link or hypothesis statement under the cursor.

- an entity: kind, label, identifiers, classes and members, where it is
  declared, its links out and in with their context and citations;
- a source (``@name`` or its declaration): reference and title, how many links cite it;
- a context key or value: the declared values, the value's place in their hierarchy;
- a hypothesis name: the verdict on each of its statements;
- a hypothesis statement: its verdict with one witness (or counterexample);
- anywhere else on a link: the link with each source's title and identifier.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from lsprotocol import types

from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.lsp.occurrences import ENTITY, HYPOTHESIS, KEY, SOURCE, VALUE, Occurrence
from mechgraph.lsp.project import State
from mechgraph.results.answers import hop_of_claim
from mechgraph.results.verdicts import StatementResult

__all__ = ["hover", "MAX_LINKS"]

#: Links listed in and out of an entity; a count says how many more there are.
MAX_LINKS = 12


def _where(span) -> str:
    return f"{os.path.basename(span.file)}:{span.line}" if span.line else "not declared"


def _link(graph: MechanismGraph, claim: Claim) -> str:
    hop = hop_of_claim(graph, claim)
    cited = ", ".join(str(c) for c in hop.evidence) or "no evidence"
    status = ", hypothesis" if hop.hypothesis else ""
    return f"- `{hop.describe()}` — {cited}{status} ({_where(claim.span)})"


def _links(graph: MechanismGraph, title: str, claims: list[Claim]) -> list[str]:
    if not claims:
        return []
    lines = [f"**{title}** ({len(claims)}):"]
    lines += [_link(graph, claim) for claim in claims[:MAX_LINKS]]
    if len(claims) > MAX_LINKS:
        lines.append(f"- … and {len(claims) - MAX_LINKS} more")
    return lines


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in sorted(names))


def entity_text(graph: MechanismGraph, name: str) -> str:
    """Markdown about entity ``name``."""
    if name not in graph:
        return f"**{name}** — unknown entity"
    entity = graph.entity(name)
    head = f"**{name}** — {entity.kind}"
    if entity.label:
        head += f' "{entity.label}"'
    lines = [head, ""]
    lines += [f"{key}: `{value}`  " for key, value in entity.attributes]
    hierarchy = graph.hierarchy
    if name in hierarchy:
        if classes := list(hierarchy.successors(name)):
            lines.append(f"isa: {_names(classes)}  ")
        if members := list(hierarchy.predecessors(name)):
            lines.append(f"members: {_names(members)}  ")
    lines.append(f"declared at {_where(entity.span)}")
    out = [graph.claims[key] for _, _, key in graph.links.out_edges(name, keys=True)]
    into = [graph.claims[key] for _, _, key in graph.links.in_edges(name, keys=True)]
    for title, claims in (("links out", out), ("links in", into)):
        if claims:
            lines += ["", *_links(graph, title, sorted(claims, key=lambda c: c.id))]
    return "\n".join(lines)


def _source_text(graph: MechanismGraph, name: str) -> str:
    source = graph.sources.get(name)
    if source is None:
        return f"**@{name}** — unknown source"
    cited = sum(name in claim.evidence for claim in graph.claims)
    title = f'\n\n"{source.title}"' if source.title else ""
    reference = f" = `{source.reference}`" if source.reference else " (no identifier)"
    return (
        f"**@{name}**{reference}{title}\n\n"
        f"cited by {cited} link{'s' * (cited != 1)}; declared at {_where(source.span)}"
    )


def _value_text(graph: MechanismGraph, key: str, name: str) -> str:
    hierarchy = graph.values.get(key)
    if hierarchy is None or name not in hierarchy:
        return f"`{name}` — a value of `{key}` (not declared)"
    lines = [f"`{name}` — a declared value of context key `{key}`"]
    if broader := list(hierarchy.successors(name)):
        lines.append(f"isa: {_names(broader)}")
    if narrower := list(hierarchy.predecessors(name)):
        lines.append(f"narrower: {_names(narrower)}")
    return "  \n".join(lines)


def _key_text(graph: MechanismGraph, key: str) -> str:
    hierarchy = graph.values.get(key)
    if not hierarchy:
        return f"context key `{key}` (no declared values)"
    return f"context key `{key}`: {_names(hierarchy)}"


def _statement_text(result: StatementResult) -> str:
    lines = result.format().splitlines()
    head, details = lines[0], [line.strip() for line in lines[1:]]
    shown = details[:2]  # the reason and one witness (or counterexample)
    more = f"\n\n… {len(details) - len(shown)} more lines in `mechgraph check`" * (
        len(details) > len(shown)
    )
    body = "\n".join(shown)
    return f"**{head}** ({result.outcome.value})\n\n```\n{body}\n```{more}"


def _hypothesis_text(state: State, name: str) -> str:
    result = next((r for r in state.judge() if r.name == name), None)
    if result is None:
        reason = "fix the errors first" if state.errors else "unknown hypothesis"
        return f"hypothesis **{name}**: not judged ({reason})"
    marks = "\n".join(f"- {s.outcome.mark} {s.statement}" for s in result.statements)
    return f"hypothesis **{name}**: {result.outcome.value}\n\n{marks}"


def _statement_at(state: State, path: str, line: int) -> StatementResult | None:
    for result in state.judge():
        for statement in result.statements:
            if statement.location.file == path and statement.location.line == line:
                return statement
    return None


def _occurrence_text(state: State, o: Occurrence) -> str:
    graph = state.graph
    if o.role == ENTITY:
        return entity_text(graph, o.name)
    if o.role == SOURCE:
        return _source_text(graph, o.name)
    if o.role == VALUE:
        return _value_text(graph, o.key, o.name)
    if o.role == KEY:
        return _key_text(graph, o.name)
    if o.role == HYPOTHESIS:
        return _hypothesis_text(state, o.name)
    return f"experiment **{o.name}**"


def _markdown(text: str, hover_range: types.Range | None = None) -> types.Hover:
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return types.Hover(contents=content, range=hover_range)


def hover(state: State, path: str, line: int, col: int) -> types.Hover | None:
    """The hover at 0-based ``line`` and code-point ``col`` of ``path``, or ``None``."""
    found = state.index().at(path, line, col)
    statement = _statement_at(state, path, line + 1)
    if found is not None and not (statement is not None and found.role != ENTITY):
        where = types.Range(
            types.Position(found.line, found.start), types.Position(found.line, found.end)
        )
        return _markdown(_occurrence_text(state, found), where)
    if statement is not None:
        return _markdown(_statement_text(statement))
    claims = state.claims_at(path, line + 1)
    if claims:
        return _markdown("\n".join(_link_text(state.graph, claim) for claim in claims))
    return None


def _link_text(graph: MechanismGraph, claim: Claim) -> str:
    hop = hop_of_claim(graph, claim)
    lines = [f"**link** `{hop.describe()}`" + (" (hypothesis)" if hop.hypothesis else "")]
    for citation in hop.evidence:
        title = f' — "{citation.title}"' if citation.title else ""
        reference = f"`{citation.reference}`" if citation.reference else "(no identifier)"
        lines.append(f"- @{citation.name}: {reference}{title}")
    if not hop.evidence:
        lines.append("- no evidence cited")
    return "\n".join(lines)
