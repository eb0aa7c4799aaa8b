"""Parse rule text into the AST of :mod:`mechgraph.syntax`.

The text is split into lines once.  Layout (blank lines, comment lines,
indented hypothesis blocks) is handled here; each statement line is read by
a fast path of a few large regular expressions built from the grammar's own
tokens, or — for every other line, and always for errors — by the pyparsing
grammar of :mod:`mechgraph.grammar`.  Both give the same nodes.  Errors do
not stop the parse: every faulty line yields a :class:`Diagnostic` and the
file's diagnostics are raised together in one :class:`ParseError`.

>>> rules = parse_text("drug imipramine\\nimipramine -> NMDA_adaptation @skolnick1996")
>>> link = rules.statements[1]
>>> link.relation, link.object.name, str(link.span)
(<Relation.INCREASES: '->'>, 'NMDA_adaptation', '<input>:2:1')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyparsing as pp

from . import grammar
from .errors import Diagnostic, InputError, ParseError, Severity, sort_diagnostics
from .parse_errors import Layout, layout_error, syntax_error
from .syntax import (
    Attribute,
    Blank,
    Comment,
    Consistent,
    Declared,
    EntityDecl,
    Evidence,
    Hypothesis,
    Include,
    IsA,
    Link,
    Qualifier,
    Quantifier,
    Reaches,
    Ref,
    Relation,
    RuleFile,
    Sign,
    SignOf,
    SourceDecl,
    Span,
    Status,
    ValueDecl,
)

__all__ = [
    "parse_text",
    "parse_file",
    "read_rule_text",
    "decode_rule_bytes",
    "MAX_DIAGNOSTICS",
    "MAX_FILE_BYTES",
]

#: A file's diagnostics beyond this many are summarised in one closing note.
MAX_DIAGNOSTICS = 50
#: Larger files are refused unread.
MAX_FILE_BYTES = 64 * 2**20

# Fast path: whole-line regular expressions for the common statement forms,
# built from the grammar's tokens.  A line they do not match goes to pyparsing.
_SP = r"[ \t]*"
_NOT_IDENT = r"(?![A-Za-z0-9_.])"
_NAME = f"(?:{grammar.BARE}|{grammar.QUOTED})"
_WORDS = "|".join(grammar.RELATION_WORDS)
_RELATION = f"{grammar.ARROW}|(?:{_WORDS}){_NOT_IDENT}"
_PAIR_SOURCE = f"{grammar.BARE}{_SP}={_SP}(?:{grammar.QUOTED}|{grammar.VALUE})"
_PAIR = re.compile(f"(?P<key>{grammar.BARE}){_SP}={_SP}(?P<value>{grammar.QUOTED}|{grammar.VALUE})")
_EVIDENCE = re.compile(f"@({grammar.REFERENCE})")
_NAMES = re.compile(_NAME)
_END = f"{_SP}(?:#(?P<comment>.*))?"
_FAST_LINK = re.compile(
    f"(?P<subject>{_NAME}){_SP}(?P<relation>{_RELATION}){_SP}(?P<object>{_NAME})"
    f"(?:{_SP}\\[{_SP}(?P<context>{_PAIR_SOURCE}(?:{_SP},{_SP}{_PAIR_SOURCE})*){_SP}\\])?"
    f"(?P<evidence>(?:{_SP}{_EVIDENCE.pattern})*)"
    f"(?:{_SP}status{_SP}={_SP}(?P<status>hypothesis|observed){_NOT_IDENT})?" + _END
)
_FAST_ISA = re.compile(
    f"(?P<members>{_NAME}(?:{_SP},{_SP}{_NAME})*){_SP}isa{_NOT_IDENT}{_SP}(?P<parent>{_NAME})" + _END
)
_FAST_DECL = re.compile(
    f"(?P<kind>{'|'.join(grammar.ENTITY_KINDS)}){_NOT_IDENT}{_SP}"
    f"(?!(?:isa|{_WORDS}){_NOT_IDENT})(?P<entries>{_NAME}(?:{_SP},{_SP}{_NAME})*)" + _END
)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _text(token: str) -> str:
    return grammar.unquote(token) if token.startswith('"') else token


@dataclass
class _Reader:
    """The state of one pass over a file: nodes so far and diagnostics."""

    file: str
    fast: bool = True
    out: list = field(default_factory=list)
    trivia: list = field(default_factory=list)
    diagnostics: list = field(default_factory=list)
    header: tuple | None = None  # (name, evidence, span, header comments) of an open block
    header_line: str = ""
    line: str = ""
    block: list | None = None
    block_lines: int = 0  # indented lines seen in the open block, faulty ones included
    line_no: int = 0

    # -- spans and leaves -------------------------------------------------------------
    def span(self, col: int) -> Span:
        return Span(self.file, self.line_no, col)

    def ref(self, token: str, col: int) -> Ref:
        return Ref(_text(token), span=self.span(col))

    def col(self, loc: int) -> int:
        """The 1-based column of the token pyparsing located at ``loc`` (before its blanks)."""
        line = self.line
        while loc < len(line) and line[loc] in " \t":
            loc += 1
        return loc + 1

    def located(self, result: pp.ParseResults) -> Ref:
        return Ref(result.value[0], span=self.span(self.col(result.locn_start)))

    def comment(self, text: str | None, col: int, trailing: bool) -> list[Comment]:
        if text is None:
            return []
        return [Comment(text.rstrip(" \t"), trailing, span=self.span(col))]

    def trailing(self, r: pp.ParseResults) -> list[Comment]:
        if "comment" not in r:
            return []
        return self.comment(r["comment"].value[0], self.col(r["comment"].locn_start), True)

    # -- the pass -----------------------------------------------------------------------
    def read(self, text: str) -> None:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for self.line_no, line in enumerate(lines, 1):
            self.line = line[:-1] if line.endswith("\r") else line
            self.read_line(self.line)
        self.close_block()
        self.flush_trivia()
        if self.out and isinstance(self.out[-1], Blank):
            self.out.pop()

    def read_line(self, line: str) -> None:
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        control = _CONTROL.search(line)
        if control:
            self.error(self.layout(Layout.CONTROL, line, control.start()))
        elif not stripped:
            self.trivia.append(Blank(span=self.span(1)))
        elif stripped[0] == "#":
            self.trivia.extend(self.comment(stripped[1:], indent + 1, False))
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
            self.block.extend(t for t in self.trivia if isinstance(t, Comment))
            self.trivia.clear()
            self.read_hypothesis_statement(line)

    def flush_trivia(self) -> None:
        for node in self.trivia:
            if not isinstance(node, Blank):
                self.out.append(node)
            elif self.out and not isinstance(self.out[-1], Blank):
                self.out.append(node)
        self.trivia.clear()

    def close_block(self) -> None:
        if self.block is None:
            return
        if self.header is not None:
            name, evidence, span, comments = self.header
            statements = tuple(comments + self.block)
            if not self.block_lines:
                self.error(layout_error(Layout.EMPTY, self.header_line, 0, file=self.file,
                                        line_no=span.line))
            else:
                self.out.append(Hypothesis(name, statements, evidence, span=span))
        self.header = self.block = None
        self.block_lines = 0

    def error(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def layout(self, kind: Layout, line: str, index: int) -> Diagnostic:
        return layout_error(kind, line, index, file=self.file, line_no=self.line_no)

    def syntax(self, exc: pp.ParseBaseException, line: str, in_block: bool) -> Diagnostic:
        return syntax_error(exc, line, file=self.file, line_no=self.line_no, in_block=in_block)

    # -- statements ---------------------------------------------------------------------
    def read_statement(self, line: str) -> None:
        if self.fast:
            nodes = self.fast_statement(line)
            if nodes is not None:
                self.out.extend(nodes)
                return
        try:
            result = grammar.statement_line.parse_string(line, parse_all=True)
        except pp.ParseBaseException as exc:
            self.error(self.syntax(exc, line, in_block=False))
            if line.split(maxsplit=1)[0] == "hypothesis":  # still read its block, for errors
                self.header, self.block, self.header_line = None, [], line
            return
        node = self.statement(result)
        trailing = self.trailing(result)
        if isinstance(node, tuple):  # a hypothesis header opens a block
            self.header = node[:3] + (trailing,)
            self.header_line, self.block = line, []
        else:
            self.out.append(node)
            self.out.extend(trailing)

    def fast_statement(self, line: str) -> list | None:
        m = _FAST_LINK.fullmatch(line)
        if m is not None:
            node = self.fast_link(m)
        elif (m := _FAST_ISA.fullmatch(line)) is not None:
            members = tuple(self.names(m, "members"))
            node = IsA(members, self.ref(m["parent"], m.start("parent") + 1), span=self.span(1))
        elif (m := _FAST_DECL.fullmatch(line)) is not None:
            entries = tuple(Declared(ref, span=ref.span) for ref in self.names(m, "entries"))
            node = EntityDecl(m["kind"], entries, span=self.span(1))
        else:
            return None
        return [node, *self.comment(m["comment"], m.start("comment"), True)]

    def names(self, m: re.Match, group: str):
        base = m.start(group) + 1
        for name in _NAMES.finditer(m[group]):
            yield self.ref(name[0], base + name.start())

    def fast_link(self, m: re.Match) -> Link:
        context = ()
        if m["context"] is not None:
            base = m.start("context") + 1
            context = tuple(
                Qualifier(p["key"], _text(p["value"]), span=self.span(base + p.start()))
                for p in _PAIR.finditer(m["context"])
            )
        base = m.start("evidence") + 1
        evidence = tuple(
            Evidence(e[1], span=self.span(base + e.start())) for e in _EVIDENCE.finditer(m["evidence"])
        )
        return Link(
            self.ref(m["subject"], 1),
            Relation.from_word(m["relation"]),
            self.ref(m["object"], m.start("object") + 1),
            context,
            evidence,
            Status.HYPOTHESIS if m["status"] == "hypothesis" else Status.OBSERVED,
            span=self.span(1),
        )

    def statement(self, r: pp.ParseResults):
        span = self.span(1)
        if "include" in r:
            return Include(r["path"].value[0], span=span)
        if "source" in r:
            return SourceDecl(self.located(r["name"]), r["reference"], r.get("title"), span=span)
        if "value_decl" in r:
            return ValueDecl(r["key"], tuple(map(self.located, r["values"])), span=span)
        if "hypothesis" in r:
            return (self.located(r["name"]), self.evidence(r), span)
        if "kind" in r:
            return EntityDecl(r["kind"].value[0], tuple(map(self.declared, r["entries"])), span=span)
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
        )

    def declared(self, r: pp.ParseResults) -> Declared:
        name = self.located(r["name"])
        attributes = tuple(
            Attribute(a["key"].value[0], a["value"], span=self.span(self.col(a["key"].locn_start)))
            for a in r["attributes"]
        )
        return Declared(name, r.get("label"), attributes, span=name.span)

    def context(self, r: pp.ParseResults) -> tuple[Qualifier, ...]:
        return tuple(
            Qualifier(p["key"].value[0], p["value"], span=self.span(self.col(p["key"].locn_start)))
            for p in r.get("context", ())
        )

    def evidence(self, r: pp.ParseResults) -> tuple[Evidence, ...]:
        return tuple(Evidence(e.value[0], span=self.span(self.col(e.locn_start))) for e in r["evidence"])

    def read_hypothesis_statement(self, line: str) -> None:
        try:
            r = grammar.hypothesis_line.parse_string(line, parse_all=True)
        except pp.ParseBaseException as exc:
            self.error(self.syntax(exc, line, in_block=True))
            return
        span = self.span(len(line) - len(line.lstrip(" ")) + 1)
        if "consistent" in r:
            node = Consistent(span=span)
        elif "sign_of" in r:
            sign = Sign(r["sign"])
            node = SignOf(self.located(r["members"]), self.located(r["target"]), sign,
                          self.context(r), span=span)
        else:
            through = self.located(r["through"]) if "through" in r else None
            node = Reaches(Quantifier(r["quantifier"]), self.located(r["members"]),
                           self.located(r["target"]), through, self.context(r), span=span)
        self.block.append(node)
        self.block.extend(self.trailing(r))



def parse_text(text: str, file: str = "<input>") -> RuleFile:
    """Parse rule text; ``file`` names it in spans and diagnostics.

    Raises
    ------
    ParseError
        With one diagnostic per faulty line (at most :data:`MAX_DIAGNOSTICS`,
        then a note saying how many more there were).

    Examples
    --------
    >>> parse_text("drug imipramine, citalopram").statements[0].kind
    'drug'
    >>> parse_text("a => b", file="x.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.ParseError: x.mg:1:3: error: unknown relation '=>'
    ...
    """
    return _parse(text, file, fast=True)


def _parse(text: str, file: str, fast: bool) -> RuleFile:
    """The parse itself; ``fast=False`` reads every line with the pyparsing grammar."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_rule_bytes(bytes(text), file)
    reader = _Reader(file, fast)
    reader.read(text)
    diagnostics = sort_diagnostics(reader.diagnostics)
    if len(diagnostics) > MAX_DIAGNOSTICS:
        more = len(diagnostics) - MAX_DIAGNOSTICS
        note = Diagnostic(Severity.NOTE, f"... {more} more", file=file, code="too-many")
        diagnostics = diagnostics[:MAX_DIAGNOSTICS] + [note]
    if diagnostics:
        raise ParseError(diagnostics)
    return RuleFile(file, tuple(reader.out), text=text)


def parse_file(path: str | os.PathLike) -> RuleFile:
    """Read and parse one rule file (see :func:`read_rule_text` for what is refused)."""
    return parse_text(read_rule_text(path), str(path))


def read_rule_text(path: str | os.PathLike) -> str:
    """The text of a rule file; :class:`InputError` when it cannot be one.

    Missing paths, folders, files over :data:`MAX_FILE_BYTES`, binary files
    (a NUL byte) and invalid UTF-8 (located at line:col) are refused.

    >>> read_rule_text("/no/such/file.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: /no/such/file.mg: error: no such file
    """
    file = str(path)
    try:
        if os.stat(path).st_size > MAX_FILE_BYTES:
            raise _input_error(f"file too large (over {MAX_FILE_BYTES // 2**20} MiB)", file)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _input_error("no such file", file) from None
    except IsADirectoryError:
        raise _input_error("is a folder, not a rule file", file) from None
    except OSError as error:
        raise _input_error(f"cannot read: {error.strerror or error}", file) from None
    return decode_rule_bytes(data, file)


def decode_rule_bytes(data: bytes, file: str) -> str:
    """Decode UTF-8 rule text (a leading BOM is dropped); located InputError otherwise.

    >>> decode_rule_bytes(b"drug a\\nb \\xff", "x.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: x.mg:2:3: error: invalid UTF-8 (byte 0xff)
    ...
    """
    nul = data.find(b"\0")
    if nul >= 0:
        raise _input_error("binary file (NUL byte), not rule text", file, data, nul)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise _input_error(f"invalid UTF-8 (byte 0x{byte:02x})", file, data, error.start) from None


def _input_error(message: str, file: str, data: bytes = b"", offset: int = -1) -> InputError:
    """An InputError, located at byte ``offset`` of ``data`` when one is given."""
    if offset < 0:
        return InputError(Diagnostic.error(message, file=file, code="input"))
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    line = data[start : len(data) if end < 0 else end].decode("utf-8", "replace")
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return InputError(Diagnostic.error(message, file=file, line=data.count(b"\n", 0, offset) + 1,
                                       col=col, snippet=line, code="input"))
