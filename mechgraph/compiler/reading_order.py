"""The statements of a compilation in reading order, links as columns among them.

The compiler reports what it finds in reading order (file, line, column),
and the first use of an undeclared name is the one warned about.  A
:class:`Part` holds one file's statements as read (or those of the files
compiled together, sorted): its links as a range of rows of the
:class:`~mechgraph.compiler.link_columns.LinkColumns`, every other statement
(declarations, memberships, hypotheses, experiments: few) with the number of
links before it.  :func:`events` finds the few links that have something to
report — the first use of each undeclared name, a context or citation with
a problem — and :func:`in_reading_order` gives those links, as parsed nodes,
among the other statements: the compiler meets them all as it would meet
every statement in reading order, without a million parsed links alive.

>>> from mechgraph.compiler.declarations import Compiler
>>> from mechgraph.compiler.link_columns import LinkColumns
>>> from mechgraph.compiler.links import LinkResolver
>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text("drug a\\na -> b\\na -> b\\nb isa k\\n", file="f.mg")
>>> columns, part = LinkColumns(), Part(rules, 0)
>>> part.take(columns, rules.statements)
>>> arrays = columns.arrays()
>>> c = Compiler(MechanismGraph())
>>> c.known["a"] = 0
>>> found = events(LinkResolver(c), columns, arrays)
>>> found.tolist()
[0]
>>> [str(s.span) for s in in_reading_order([part], arrays, found)]
['f.mg:1:1', 'f.mg:2:1', 'f.mg:4:1']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from mechgraph.compiler.link_columns import LinkColumns
from mechgraph.compiler.links import LinkResolver
from mechgraph.errors import ParseError
from mechgraph.language.syntax import Blank, Comment, Link, RuleFile

__all__ = ["Part", "events", "in_reading_order"]


class Part:
    """The statements of ``rules`` in reading order; its links are rows ``start`` to
    ``end`` of the columns, its other statements ``kept`` as ``(links before it,
    statement)``, and ``links`` holds the parsed links when they are kept (else a
    link is parsed again from its line when needed)."""

    def __init__(self, rules: RuleFile | None, start: int) -> None:
        self.rules = rules
        self.start = self.end = start
        self.kept: list[tuple[int, object]] = []
        self.links: list[Link] | None = None
        self._cursor = (1, 0)  # a line number and where it starts in the text

    def take(self, columns: LinkColumns, statements: Iterable) -> None:
        """Add the next ``statements`` (in reading order)."""
        count = len(columns) - self.start
        for statement in statements:
            kind = type(statement)
            if kind is Link:
                count += 1
            elif kind is not Comment and kind is not Blank:
                self.kept.append((count, statement))
        columns.add(statements)
        self.end = len(columns)

    def parse(self, columns: LinkColumns, path: str | os.PathLike) -> RuleFile:
        """Parse the file at ``path`` into this part (the loader's ``parse``: raises as
        :func:`~mechgraph.language.parser.parse_file` does)."""
        from mechgraph.language.parser import parse_file

        try:
            self.rules = parse_file(path, take=lambda chunk: self.take(columns, chunk))
        except ParseError as error:
            self.rules = error.partial
            raise
        return self.rules

    def unburdened(self) -> RuleFile:
        """The part's file without its statements (the part keeps them), now its ``rules``."""
        assert self.rules is not None, "a part compiled has its rules"
        self.rules = replace(self.rules, statements=())
        return self.rules

    def link(self, index: int, line: int) -> Link:
        """The part's link number ``index``, written on ``line``."""
        if self.links is not None:
            return self.links[index]
        from mechgraph.language.parser import parse_text

        assert self.rules is not None, "a part read from a file has its rules"
        text, path = self.rules.text, self.rules.path
        number, at = self._cursor if line >= self._cursor[0] else (1, 0)
        while number < line:
            at = text.index("\n", at) + 1
            number += 1
        self._cursor = (number, at)
        end = text.find("\n", at)
        written = text[at:] if end < 0 else text[at:end]
        return next(s for s in parse_text(written, path, line).statements if type(s) is Link)

    @staticmethod
    def positions(parts: Sequence[Part], total: int) -> np.ndarray | None:
        """The rows of ``parts``' links, part after part (``None``: all ``total`` rows, in order)."""
        ranges = [(p.start, p.end) for p in parts if p.end > p.start]
        if not ranges:
            return None if total == 0 else np.zeros(0, np.int64)
        if [start for start, _ in ranges] == [0] + [end for _, end in ranges[:-1]] and (
            ranges[-1][1] == total
        ):
            return None
        return np.concatenate([np.arange(start, end) for start, end in ranges])


def events(resolver: LinkResolver, columns: LinkColumns, arrays: dict) -> np.ndarray:
    """The rows of ``arrays`` that have something to report, in order: the first use
    by a link of each name not declared (``resolver.compiler.known``), and every
    link whose context or citation has a problem."""
    c = resolver.compiler
    contexts, citations = list(columns.contexts), list(columns.citations)
    troubled = np.zeros(len(contexts), bool)
    for number in np.unique(arrays["context"]).tolist():
        _, undeclared, quantities = resolver.context(contexts[number])
        troubled[number] = undeclared or quantities
    unknown = np.zeros(len(citations), bool)
    for number in np.unique(arrays["evidence"]).tolist():
        unknown[number] = resolver.unknown(citations[number])  # not kept: there may be millions
    found = troubled[arrays["context"]] | unknown[arrays["evidence"]]
    declared = np.fromiter((name in c.known for name in columns.names), bool, len(columns.names))
    uses = np.empty(2 * len(found), np.int32)
    uses[0::2], uses[1::2] = arrays["subject"], arrays["object"]
    undeclared = np.flatnonzero(~declared[uses])
    _, first = np.unique(uses[undeclared], return_index=True)
    found[undeclared[first] // 2] = True
    return np.flatnonzero(found)


def in_reading_order(parts: Sequence[Part], arrays: dict, rows: np.ndarray) -> Iterator:
    """The kept statements of ``parts`` and, among them in reading order, the links at
    ``rows`` of ``arrays`` (rows counted part after part) as parsed nodes."""
    lines, found = arrays["line"], rows.tolist()
    next_row, offset = 0, 0
    for part in parts:
        end = offset + part.end - part.start
        for before, statement in [*part.kept, (end - offset, None)]:
            while next_row < len(found) and found[next_row] < offset + before:
                row = found[next_row]
                yield part.link(row - offset, int(lines[row]))
                next_row += 1
            if statement is not None:
                yield statement
        offset = end
