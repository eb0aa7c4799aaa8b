"""One pass over the lines of a rule text: layout, statements, errors.

The text is read line by line (never split whole: :func:`~mechgraph.language.text.text_lines`).
Layout (blank lines, comment lines, indented hypothesis and experiment blocks) is
handled here; each statement line is read by the fast path of
:mod:`mechgraph.language.fastpath` (whole-line regular expressions built from the
grammar's own tokens), or — for every other line, and always for errors — by the
pyparsing grammar of :mod:`mechgraph.language.grammar`.  Both give the same nodes.
A faulty line is a :class:`Diagnostic`; the reading goes on at the next line.
:mod:`mechgraph.language.parser` turns a pass into a file or an error.

>>> reader = Reader("a.mg")
>>> reader.read("drug d\\nd => e\\n")
>>> [type(s).__name__ for s in reader.out], [d.code for d in reader.diagnostics]
(['EntityDecl'], ['unknown-relation'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pyparsing as pp

from mechgraph.errors import (
    Diagnostic,
)
from mechgraph.language import grammar
from mechgraph.language.fastpath import LineReader
from mechgraph.language.grammar import NOT_IDENT
from mechgraph.language.parse_errors import Layout, layout_error, syntax_error
from mechgraph.language.syntax import (
    Attribute,
    Blank,
    Comment,
    Consistent,
    ConsistentWith,
    Declared,
    EntityDecl,
    Evidence,
    Experiment,
    Hypothesis,
    HypothesisStatement,
    Include,
    Inputs,
    IsA,
    Link,
    Observed,
    Qualifier,
    Quantifier,
    Reaches,
    Ref,
    Relation,
    Sign,
    SignOf,
    SourceDecl,
    Status,
    ValueDecl,
)
from mechgraph.language.text import text_lines

__all__ = ["Reader", "CHUNK"]

_HEADER_WORD = re.compile(f"(hypothesis|experiment){NOT_IDENT}")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
#: A control character other than the line feed that splits lines.
_CONTROL_INSIDE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Statements made between hand-overs (:meth:`Reader.read`'s ``take``).
CHUNK = 4096


@dataclass
class Reader(LineReader):
    """The state of one pass over a file: nodes so far and diagnostics."""

    fast: bool = True
    first_line: int = 1
    out: list = field(default_factory=list)
    trivia: list = field(default_factory=list)
    diagnostics: list = field(default_factory=list)
    header: tuple | None = None  # (name, evidence, span, header comments) of an open block
    header_line: str = ""
    block: list | None = None
    block_lines: int = 0  # indented lines seen in the open block, faulty ones included
    kind: str = "hypothesis"  # of the open block: hypothesis or experiment

    # -- pyparsing's locations --------------------------------------------------------
    def col(self, loc: int) -> int:
        """The 1-based column of the token pyparsing located at ``loc`` (before its blanks)."""
        line = self.line
        while loc < len(line) and line[loc] in " \t":
            loc += 1
        return loc + 1

    def located(self, result: pp.ParseResults) -> Ref:
        return Ref(result.value[0], span=self.span(self.col(result.locn_start)))

    def trailing(self, r: pp.ParseResults) -> list[Comment]:
        if "comment" not in r:
            return []
        return self.comment(r["comment"].value[0], self.col(r["comment"].locn_start), True)

    # -- the pass -----------------------------------------------------------------------
    def read(self, text: str, take: Callable[[list], None] | None = None) -> None:
        """Read ``text``; with ``take``, hand it the statements made so far every
        :data:`CHUNK` statements or so (and the last ones at the end), keeping none."""
        # Control characters are rare: a text without any needs no check per line.
        control = _CONTROL.search if _CONTROL_INSIDE.search(text) else None
        fast, first = self.fast, self.first_line
        for self.line_no, line in enumerate(text_lines(text), first):
            if take is not None and len(self.out) >= CHUNK:
                take(self.out)
                self.out = []
            if line[-1:] == "\r":
                line = line[:-1]
            self.line = line
            # The hot path: a plain statement outside a block, nothing pending.
            if (
                fast
                and self.block is None
                and not self.trivia
                and not (control and control(line))
                and self.fast_statement(line, self.out)
            ):
                continue
            self.read_line(line)
        self.close_block()
        self.flush_trivia()
        if self.out and isinstance(self.out[-1], Blank):
            self.out.pop()
        if take is not None:
            take(self.out)
            self.out = []

    def read_line(self, line: str) -> None:
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        control = _CONTROL.search(line)
        if control:
            if stripped and not indent and stripped[0] != "#":  # a top-level line ends a block
                self.close_block()
                self.flush_trivia()
            self.error(self.layout(Layout.CONTROL, line, control.start()))
        elif not stripped:
            self.trivia.append(Blank(span=self.span(1)))
        elif stripped[0] == "#":
            comment = self.comment(stripped[1:], indent + 1, False)
            if indent and self.block is not None:  # an indented comment is the block's
                self.block.extend(self.take_comments() + comment)
            else:
                self.trivia.extend(comment)
        elif not indent:
            self.close_block()
            self.flush_trivia()
            self.read_statement(line)
        elif self.block is None:
            self.error(self.layout(Layout.INDENT, line, indent))
        elif "\t" in line[:indent]:
            self.block_lines += 1
            self.error(self.layout(Layout.TAB, line, line.index("\t")))
        else:
            self.block_lines += 1
            self.block.extend(self.take_comments())
            if self.kind == "experiment":
                self.read_experiment_statement(line)
            else:
                self.read_hypothesis_statement(line)

    def take_comments(self) -> list[Comment]:
        """The comments waiting between block lines (blank lines inside a block are dropped)."""
        comments = [t for t in self.trivia if isinstance(t, Comment)]
        self.trivia.clear()
        return comments

    def flush_trivia(self) -> None:
        for node in self.trivia:
            if not isinstance(node, Blank) or self.out and not isinstance(self.out[-1], Blank):
                self.out.append(node)
        self.trivia.clear()

    def close_block(self) -> None:
        if self.block is None:
            return
        if self.header is not None:
            *node, comments = self.header
            statements = tuple(comments + self.block)
            experiment = self.kind == "experiment"
            span = node[0].span if experiment else node[2]
            if not self.block_lines:
                empty = Layout.EMPTY_EXPERIMENT if experiment else Layout.EMPTY
                self.error(
                    layout_error(empty, self.header_line, 0, file=self.file, line_no=span.line)
                )
            elif experiment:
                self.out.append(replace(node[0], statements=statements))
            else:
                name, evidence, span = node
                self.out.append(Hypothesis(name, statements, evidence, span=span))
        self.header = self.block = None
        self.block_lines = 0
        self.kind = "hypothesis"

    def error(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def layout(self, kind: Layout, line: str, index: int) -> Diagnostic:
        return layout_error(kind, line, index, file=self.file, line_no=self.line_no)

    def syntax(self, exc: pp.ParseBaseException, line: str, in_block: bool) -> Diagnostic:
        block = self.kind if in_block else None
        return syntax_error(exc, line, file=self.file, line_no=self.line_no, block=block)

    # -- statements ---------------------------------------------------------------------
    def read_statement(self, line: str) -> None:
        if self.fast and self.fast_statement(line, self.out):
            return
        if self.fast and (header := self.fast_header(line)) is not None:
            self.header, self.header_line, self.block = header, line, []
            return
        try:
            result = grammar.statement_line.parse_string(line, parse_all=True)
        except pp.ParseBaseException as exc:
            self.error(self.syntax(exc, line, in_block=False))
            if opened := _HEADER_WORD.match(line):  # still read its block, for errors
                self.header, self.block, self.header_line = None, [], line
                self.kind = opened[1]
            return
        node = self.statement(result)
        trailing = self.trailing(result)
        if isinstance(node, Experiment):  # an experiment header opens a block
            self.header, self.kind = (node, trailing), "experiment"
            self.header_line, self.block = line, []
        elif isinstance(node, tuple):  # a hypothesis header opens a block
            self.header = node[:3] + (trailing,)
            self.header_line, self.block = line, []
        else:
            self.out.append(node)
            self.out.extend(trailing)

    def statement(self, r: pp.ParseResults):
        span = self.span(1)
        if "include" in r:
            return Include(r["path"].value[0], span=span)
        if "source" in r:
            return SourceDecl(
                self.located(r["name"]), r.get("reference"), r.get("title"), span=span
            )
        if "value_decl" in r:
            if "dimension" in r:
                return ValueDecl(r["key"], (), span=span, dimension=r["dimension"])
            values, defined = [], []
            for named in r["values"]:
                ref = self.located(named["value"])
                values.append(ref)
                if "target" in named:
                    target = self.located(named["target"])
                    condition = Qualifier(target.name, named["condition"], target.span)
                    defined.append((ref.name, condition))
            return ValueDecl(r["key"], tuple(values), span=span, defined=tuple(defined))
        if "hypothesis" in r:
            return (self.located(r["name"]), self.evidence(r), span)
        if "experiment" in r:
            name = self.located(r["name"])
            return Experiment(name, (), self.context(r), self.evidence(r), span=span)
        if "kind" in r:
            entries = tuple(map(self.declared, r["entries"]))
            return EntityDecl(r["kind"].value[0], entries, span=span)
        subject = self.located(r["subject"])
        if "isa" in r:
            members = (subject, *map(self.located, r["members"]))
            return IsA(members, self.located(r["parent"]), span=span)
        return Link(
            subject,
            Relation.from_word(r["relation"]),
            self.located(r["object"]),
            self.context(r),
            self.evidence(r),
            Status(r.get("status", "observed")),
            span=span,
            attributes=self.attributes(r),
        )

    def declared(self, r: pp.ParseResults) -> Declared:
        name = self.located(r["name"])
        return Declared(name, r.get("label"), self.attributes(r), span=name.span)

    def attributes(self, r: pp.ParseResults) -> tuple[Attribute, ...]:
        return tuple(
            Attribute(a["key"].value[0], a["value"], span=self.span(self.col(a["key"].locn_start)))
            for a in r.get("attributes", ())
        )

    def context(self, r: pp.ParseResults) -> tuple[Qualifier, ...]:
        return tuple(
            Qualifier(p["key"].value[0], p["value"], span=self.span(self.col(p["key"].locn_start)))
            for p in r.get("context", ())
        )

    def evidence(self, r: pp.ParseResults) -> tuple[Evidence, ...]:
        return tuple(
            Evidence(e.value[0], span=self.span(self.col(e.locn_start))) for e in r["evidence"]
        )

    def read_hypothesis_statement(self, line: str) -> None:
        block = self.block
        assert block is not None, "a hypothesis statement is read inside a block"
        if self.fast and self.fast_hypothesis_statement(line, block):
            return
        try:
            r = grammar.hypothesis_line.parse_string(line, parse_all=True)
        except pp.ParseBaseException as exc:
            self.error(self.syntax(exc, line, in_block=True))
            return
        span = self.span(len(line) - len(line.lstrip(" ")) + 1)
        node: HypothesisStatement
        if "with" in r:
            node = ConsistentWith(tuple(map(self.located, r["experiments"])), span=span)
        elif "consistent" in r:
            node = Consistent(span=span)
        elif "sign_of" in r:
            sign = Sign(r["sign"])
            node = SignOf(
                self.located(r["members"]),
                self.located(r["target"]),
                sign,
                self.context(r),
                span=span,
            )
        else:
            through = self.located(r["through"]) if "through" in r else None
            node = Reaches(
                Quantifier(r["quantifier"]),
                self.located(r["members"]),
                self.located(r["target"]),
                through,
                self.context(r),
                span=span,
            )
        block.append(node)
        block.extend(self.trailing(r))

    def read_experiment_statement(self, line: str) -> None:
        block = self.block
        assert block is not None, "an experiment statement is read inside a block"
        try:
            r = grammar.experiment_line.parse_string(line, parse_all=True)
        except pp.ParseBaseException as exc:
            self.error(self.syntax(exc, line, in_block=True))
            return
        span = self.span(len(line) - len(line.lstrip(" ")) + 1)
        names = tuple(map(self.located, r["names"]))
        if "input" in r:
            node: Inputs | Observed = Inputs(names, span=span)
        else:
            node = Observed(names, r["value"], self.evidence(r), span=span)
        block.append(node)
        block.extend(self.trailing(r))
