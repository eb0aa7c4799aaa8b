"""Document symbols: the outline of a rule file.

Sources, declared entities (by kind), context keys with their values, and
hypotheses with their statements.

>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text("source s = pmid:1\\ndrug a, b\\nhypothesis h:\\n    consistent\\n")
>>> [(s.name, s.detail, [c.name for c in s.children or ()]) for s in document_symbols(rules)]
[('s', 'pmid:1', []), ('a', 'drug', []), ('b', 'drug', []), ('h', 'hypothesis', ['consistent'])]
"""

from __future__ import annotations

from lsprotocol import types

from mechgraph.language.formatter import format_statement
from mechgraph.language.syntax import (
    Comment,
    EntityDecl,
    Hypothesis,
    Ref,
    RuleFile,
    SourceDecl,
    Span,
    ValueDecl,
)
from mechgraph.lsp.tokens import token_end

__all__ = ["document_symbols"]

K = types.SymbolKind
_KINDS = {
    "class": K.Class,
    "drug": K.Object,
    "treatment": K.Object,
    "receptor": K.Struct,
    "protein": K.Struct,
    "gene": K.Struct,
    "process": K.Event,
    "phenotype": K.Event,
    "disease": K.Event,
}


class _Outline:
    def __init__(self, rules: RuleFile) -> None:
        self.lines = rules.text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def whole(self, span: Span, last: int | None = None) -> types.Range:
        end = last or span.line
        return types.Range(
            types.Position(span.line - 1, 0), types.Position(end - 1, len(self.line(end)))
        )

    def at(self, span: Span) -> types.Range:
        start = max(span.col - 1, 0)
        end = token_end(self.line(span.line), start)
        return types.Range(types.Position(span.line - 1, start), types.Position(span.line - 1, end))

    def symbol(self, name: Ref, kind, detail: str, whole: types.Range, children=None):
        return types.DocumentSymbol(
            name=name.name,
            kind=kind,
            range=whole,
            selection_range=self.at(name.span),
            detail=detail,
            children=children,
        )

    def of(self, node) -> list[types.DocumentSymbol]:
        if isinstance(node, SourceDecl):
            detail = node.reference or node.title or ""
            return [self.symbol(node.name, K.Constant, detail, self.whole(node.span))]
        if isinstance(node, EntityDecl):
            kind = _KINDS.get(node.kind, K.Variable)
            return [
                self.symbol(e.name, kind, node.kind, self.whole(node.span)) for e in node.entries
            ]
        if isinstance(node, ValueDecl):
            values = [
                self.symbol(v, K.EnumMember, node.key, self.whole(node.span)) for v in node.values
            ]
            key = Ref(
                node.key,
                Span(
                    node.span.file, node.span.line, self.line(node.span.line).find(node.key, 7) + 1
                ),
            )
            return [self.symbol(key, K.Enum, "context", self.whole(node.span), values)]
        if isinstance(node, Hypothesis):
            statements = [s for s in node.statements if not isinstance(s, Comment)]
            last = max((s.span.line for s in statements), default=node.span.line)
            children = [
                types.DocumentSymbol(
                    name=format_statement(s),
                    kind=K.Property,
                    range=self.whole(s.span),
                    selection_range=self.whole(s.span),
                )
                for s in statements
            ]
            return [
                self.symbol(
                    node.name, K.Namespace, "hypothesis", self.whole(node.span, last), children
                )
            ]
        return []


def document_symbols(rules: RuleFile) -> list[types.DocumentSymbol]:
    """The outline of ``rules``: one symbol per declared name and per hypothesis."""
    outline = _Outline(rules)
    return [symbol for node in rules.statements for symbol in outline.of(node)]
