"""The parser's fast path: statement lines read by whole-line regular expressions.

The hot statement forms of :mod:`mechgraph.language.grammar` (links, ``isa``,
declarations, sources, context values and the statements of a hypothesis
block) also exist as whole-line regular expressions built from the grammar's
own tokens.  A :class:`LineReader` turns a line one of them matches into the
very nodes the pyparsing grammar gives (a property test proves it on random
input); any other line, and every faulty one, is left to the grammar, for its
diagnostics.

>>> reader = LineReader("x.mg", line_no=3)
>>> out = []
>>> reader.fast_statement("imipramine -> NMDA_adaptation [duration=chronic] @s  # c", out)
True
>>> link, comment = out
>>> link.context[0].key, str(link.context[0].span), comment.text
('duration', 'x.mg:3:32', ' c')
>>> reader.fast_statement("a => b", out)
False
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mechgraph.language import grammar
from mechgraph.language.grammar import (
    CONSISTENT_LINE,
    DECL_LINE,
    DIMENSION_LINE,
    ENTRY,
    HEADER_LINE,
    ISA_LINE,
    LINK_LINE,
    NAME_TOKEN,
    NAMED_TOKEN,
    PAIR,
    REACHES_LINE,
    SIGN_LINE,
    SOURCE_LINE,
    VALUES_LINE,
    squeeze,
)
from mechgraph.language.syntax import (
    Attribute,
    Comment,
    Consistent,
    Declared,
    EntityDecl,
    Evidence,
    HypothesisStatement,
    IsA,
    Link,
    Qualifier,
    Quantifier,
    Reaches,
    Ref,
    Relation,
    Sign,
    SignOf,
    SourceDecl,
    Span,
    Statement,
    Status,
    ValueDecl,
)

__all__ = ["LineReader", "text_of"]

_RELATIONS = {
    text: Relation.from_word(text)
    for text in (*(r.value for r in Relation), *grammar.RELATION_WORDS)
}

#: ``Span(file, line, col)`` made without the named tuple's Python ``__new__``:
#: ``_spanned((file, line, col))``.  A parse makes several spans per line.
_spanned = functools.partial(tuple.__new__, Span)


def text_of(token: str) -> str:
    """A name or value token as text: quotes removed when it has them.

    >>> text_of('"5-HT1A receptor"'), text_of("cortex")
    ('5-HT1A receptor', 'cortex')
    """
    return grammar.unquote(token) if token.startswith('"') else token


@dataclass
class LineReader:
    """Nodes of the current line (``line``, number ``line_no`` of ``file``)."""

    file: str
    line: str = ""
    line_no: int = 0

    def span(self, col: int) -> Span:
        return _spanned((self.file, self.line_no, col))

    def ref(self, token: str, col: int) -> Ref:
        return Ref(text_of(token), self.span(col))

    def comment(self, text: str | None, col: int, trailing: bool) -> list[Comment]:
        if text is None:
            return []
        return [Comment(text.rstrip(" \t"), trailing, span=self.span(col))]

    def fast_statement(self, line: str, out: list) -> bool:
        """Append the nodes of a plain statement line to ``out``; False when no fast
        form matches it (``out`` is then untouched)."""
        node: Statement
        if (m := LINK_LINE.fullmatch(line)) is not None:
            node = self.fast_link(m)
        elif (m := ISA_LINE.fullmatch(line)) is not None:
            members = tuple(self.names(m, "members"))
            node = IsA(members, self.ref(m["parent"], m.start("parent") + 1), span=self.span(1))
        elif (m := DECL_LINE.fullmatch(line)) is not None:
            node = EntityDecl(m["kind"], self.fast_entries(m), span=self.span(1))
        elif (m := SOURCE_LINE.fullmatch(line)) is not None and (m["reference"] or m["title"]):
            title = m["title"] and grammar.unquote(m["title"])
            node = SourceDecl(
                self.ref(m["name"], m.start("name") + 1), m["reference"], title, span=self.span(1)
            )
        elif (m := VALUES_LINE.fullmatch(line)) is not None:
            node = self.fast_values(m)
        elif (m := DIMENSION_LINE.fullmatch(line)) is not None:
            node = ValueDecl(m["key"], (), span=self.span(1), dimension=m["dimension"])
        else:
            return False
        self.finish(node, m, out)
        return True

    def fast_hypothesis_statement(self, line: str, out: list) -> bool:
        """As :meth:`fast_statement`, for an indented line of a hypothesis block."""
        span = self.span(len(line) - len(line.lstrip(" ")) + 1)
        node: HypothesisStatement
        if (m := REACHES_LINE.fullmatch(line)) is not None:
            through = self.ref(m["through"], m.start("through") + 1) if m["through"] else None
            node = Reaches(
                Quantifier(m["quantifier"]),
                self.ref(m["members"], m.start("members") + 1),
                self.ref(m["target"], m.start("target") + 1),
                through,
                self.fast_context(m),
                span,
            )
        elif (m := SIGN_LINE.fullmatch(line)) is not None:
            node = SignOf(
                self.ref(m["members"], m.start("members") + 1),
                self.ref(m["target"], m.start("target") + 1),
                Sign(m["sign"]),
                self.fast_context(m),
                span,
            )
        elif (m := CONSISTENT_LINE.fullmatch(line)) is not None:
            node = Consistent(span)
        else:
            return False
        self.finish(node, m, out)
        return True

    def fast_header(self, line: str) -> tuple | None:
        """``(name, evidence, span, trailing comments)`` of a hypothesis header line."""
        m = HEADER_LINE.fullmatch(line)
        if m is None:
            return None
        name = self.ref(m["name"], m.start("name") + 1)
        evidence = self.references(m["evidence"], m.start("evidence"))
        return name, evidence, self.span(1), self.comment(m["comment"], m.start("comment"), True)

    def references(self, text: str, start: int) -> tuple[Evidence, ...]:
        """The ``@reference`` s of ``text``, found at ``start`` of the line."""
        leading, *references = text.split("@")  # '@' occurs in no reference
        at, evidence = start + len(leading) + 1, []
        for reference in references:
            evidence.append(Evidence(reference.rstrip(" \t"), self.span(at)))
            at += len(reference) + 1
        return tuple(evidence)

    def finish(self, node, m: re.Match, out: list) -> None:
        """Append ``node`` and the trailing comment of its line."""
        out.append(node)
        if m["comment"] is not None:
            out.extend(self.comment(m["comment"], m.start("comment"), True))

    def names(self, m: re.Match, group: str):
        base = m.start(group) + 1
        for name in NAME_TOKEN.finditer(m[group]):
            yield self.ref(name[0], base + name.start())

    def fast_entries(self, m: re.Match) -> tuple[Declared, ...]:
        """The entries of a matched declaration line: names, labels, attributes."""
        base, entries = m.start("entries"), []
        for entry in ENTRY.finditer(m["entries"]):
            name = self.ref(entry["name"], base + entry.start() + 1)
            label = entry["label"] and grammar.unquote(entry["label"])
            attributes: tuple[Attribute, ...] = ()
            if entry["attributes"]:
                attributes = self.fast_attributes(
                    entry["attributes"], base + entry.start("attributes")
                )
            entries.append(Declared(name, label, attributes, span=name.span))
        return tuple(entries)

    def fast_attributes(self, text: str, start: int) -> tuple[Attribute, ...]:
        """The ``key=value`` attributes in ``text``, which starts at offset ``start``."""
        return tuple(
            Attribute(a["key"], _value_of(a["value"]), span=self.span(start + 1 + a.start()))
            for a in PAIR.finditer(text)
        )

    def fast_values(self, m: re.Match) -> ValueDecl:
        """The values of a matched ``context key value, ...`` line, with definitions."""
        base, values, defined = m.start("values") + 1, [], []
        for v in NAMED_TOKEN.finditer(m["values"]):
            ref = Ref(_value_of(v["value"]), self.span(base + v.start()))
            values.append(ref)
            if v["target"] is not None:
                condition = squeeze(v["bound"]) if v["bound"] else _value_of(v["condition"])
                at = self.span(base + v.start("target"))
                defined.append((ref.name, Qualifier(v["target"], condition, at)))
        return ValueDecl(m["key"], tuple(values), span=self.span(1), defined=tuple(defined))

    def fast_context(self, m: re.Match) -> tuple[Qualifier, ...]:
        return () if m["context"] is None else self.fast_pairs(m["context"], m.start("context"))

    def fast_link(self, m: re.Match) -> Link:
        subject, relation, obj, context, reference, more, status, attributes, _ = m.groups()
        file, line_no = self.file, self.line_no
        start = _spanned((file, line_no, 1))
        if context is not None:
            context = self.fast_pairs(context, m.start(4))
        evidence: tuple[Evidence, ...] = ()
        if reference is not None:  # the first one, then any more
            evidence = (Evidence(reference, _spanned((file, line_no, m.start(5)))),)
            if more:
                evidence += self.references(more, m.start(6))
        return Link(
            Ref(grammar.unquote(subject) if subject[0] == '"' else subject, start),
            _RELATIONS[relation],
            Ref(
                grammar.unquote(obj) if obj[0] == '"' else obj,
                _spanned((file, line_no, m.start(3) + 1)),
            ),
            context or (),
            evidence,
            Status.HYPOTHESIS if status == "hypothesis" else Status.OBSERVED,
            start,
            self.fast_attributes(attributes, m.start("attributes")) if attributes else (),
        )

    def fast_pairs(self, text: str, start: int) -> tuple[Qualifier, ...]:
        """The context pairs of ``text`` (the inside of ``[...]`` at ``start``)."""
        file, line_no = self.file, self.line_no
        if '"' in text:  # a quoted value may hold ',' or '=': read pair by pair
            return tuple(
                Qualifier(
                    p["key"],
                    squeeze(p["bound"]) if p["bound"] else _value_of(p["value"]),
                    span=self.span(start + p.start() + 1),
                )
                for p in PAIR.finditer(text)
            )
        pairs = []
        for pair in text.split(","):
            key, value = pair.split("=")
            col = start + len(pair) - len(pair.lstrip(" \t")) + 1
            value = value.strip(" \t")
            if key[-1:] in "<>" and key:  # a bound: period>=14d
                key, value = key[:-1], key[-1] + "=" + value
            if " " in value or "\t" in value:  # a quantity written with blanks: 2 wk
                value = squeeze(value)
            pairs.append(Qualifier(key.strip(" \t"), value, _spanned((file, line_no, col))))
            start += len(pair) + 1
        return tuple(pairs)


def _value_of(token: str) -> str:
    """A value token as text: unquoted, or a quantity without its blanks."""
    return grammar.unquote(token) if token.startswith('"') else squeeze(token)
