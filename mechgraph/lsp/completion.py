"""Completion from what the rules declare: what fits where the cursor is.

- ``@`` — the declared sources (with their titles);
- ``[key=`` — the values of that key (declared, or stated on a link);
- ``[`` or ``, `` inside brackets — the context keys;
- ``status=`` — ``hypothesis``, ``observed``;
- the first word of a line — entity kinds, keywords and entity names;
- after a subject — the relations and ``isa``;
- in a hypothesis block — ``every``, ``some``, ``no``, ``sign of``, ``consistent``,
  then entity names and ``reaches``/``through``;
- elsewhere — entity names.

>>> import pathlib, tempfile
>>> from mechgraph.lsp.project import Project
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.mg"
>>> _ = path.write_text("context species mouse, rat\\na -> b [species=\\n")
>>> state = Project([path]).refresh()
>>> [item.label for item in complete(state, "a -> b [species=")]
['mouse', 'rat']
>>> [item.label for item in complete(state, "a, b ")][:3]
['->', '-|', '-0']
"""

from __future__ import annotations

import re

from lsprotocol import types

from mechgraph.language.formatter import format_name, format_value
from mechgraph.language.grammar import RELATION_WORDS
from mechgraph.language.syntax import ENTITY_KINDS, Relation
from mechgraph.lsp.project import State

__all__ = ["complete"]

_KEYWORDS = ("source", "context", "include", "hypothesis")
_STATEMENTS = ("every", "some", "no", "sign of", "consistent")
_AFTER_NAME = ("reaches", "through", "to", "is")
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(\"?[^\s,\]\"=]*)$")
_WORD = re.compile(r'("[^"]*|[A-Za-z0-9_.]*)$')
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[^\s\[\],@#"]+')
_RELATIONS = {r.value for r in Relation} | set(RELATION_WORDS) | {"isa"}
Kind = types.CompletionItemKind


def _item(label: str, kind: Kind, detail: str | None = None, text: str | None = None):
    return types.CompletionItem(
        label=label, kind=kind, detail=detail, insert_text=text if text != label else None
    )


def _entities(state: State) -> list[types.CompletionItem]:
    graph = state.graph
    return [
        _item(
            name,
            Kind.Class if graph.entity(name).is_class else Kind.Variable,
            graph.entity(name).kind,
            format_name(name),
        )
        for name in sorted(graph.links.nodes)
    ]


def _relations() -> list[types.CompletionItem]:
    arrows = [_item(r.value, Kind.Operator, r.word) for r in Relation]
    return arrows + [_item(w, Kind.Keyword, "relation") for w in (*RELATION_WORDS, "isa")]


def _keys(state: State) -> list[types.CompletionItem]:
    keys = set(state.graph.values) | set(state.graph.index.context_values)
    return [_item(key, Kind.Field, "context key") for key in sorted(keys)]


def _values(state: State, key: str) -> list[types.CompletionItem]:
    declared = set(state.graph.values.get(key, ()))
    used = set(state.graph.index.context_values.get(key, ())) - declared
    items = [_item(v, Kind.EnumMember, f"{key} value", format_value(v)) for v in sorted(declared)]
    return items + [_item(v, Kind.Value, f"{key} (stated)", format_value(v)) for v in sorted(used)]


def _sources(state: State) -> list[types.CompletionItem]:
    return [
        _item(name, Kind.Reference, source.title or source.reference or "")
        for name, source in state.graph.sources.items()
    ]


def _in_comment(prefix: str) -> bool:
    quoted = False
    for char in prefix:
        if char == '"':
            quoted = not quoted
        elif char == "#" and not quoted:
            return True
    return False


def complete(state: State, prefix: str) -> list[types.CompletionItem]:
    """The completions for a line whose text before the cursor is ``prefix``."""
    if _in_comment(prefix):
        return []
    if re.search(r"@[A-Za-z0-9_.]*$", prefix):
        return _sources(state)
    bracket = prefix.rfind("[")
    if bracket > prefix.rfind("]"):
        pair = _PAIR.search(prefix[bracket:])
        return _values(state, pair[1]) if pair else _keys(state)
    if re.search(r"status[ \t]*=[ \t]*\w*$", prefix):
        return [_item(s, Kind.EnumMember, "status") for s in ("hypothesis", "observed")]
    body = prefix.lstrip(" \t")
    before = _TOKEN.findall(body[: len(body) - len(_WORD.search(body)[0])])
    if body != prefix:  # a statement of a hypothesis block
        if not before:
            return [_item(word, Kind.Keyword, "hypothesis statement") for word in _STATEMENTS]
        if before[-1] in ("every", "some", "no", "of", "reaches", "through", "to"):
            return _entities(state)
        return [_item(word, Kind.Keyword) for word in _AFTER_NAME]
    if not before:
        keywords = [_item(k, Kind.Keyword, "declaration") for k in (*ENTITY_KINDS, *_KEYWORDS)]
        return keywords + _entities(state)
    if before[0] in (*ENTITY_KINDS, "source", "context", "include", "hypothesis"):
        return []  # a new name is being declared
    if not _RELATIONS & set(before):  # still the subject (or the members of an ``isa``)
        return _relations()
    return _entities(state)
