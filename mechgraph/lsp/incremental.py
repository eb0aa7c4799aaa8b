"""Parse a file as it is edited: re-parse only the pieces whose text changed.

A piece is one top-level statement line with the lines after it that belong
to it (an indented hypothesis block, blank and comment lines).  Pieces are
parsed alone with :func:`~mechgraph.language.parser.parse_text` at their
own first line, so their nodes and diagnostics are those of a parse of the
whole file, and a piece whose text and first line did not change is reused.
Typing inside a line re-parses one piece; a line added or removed re-parses
the pieces below it (their line numbers moved).

>>> parse = IncrementalParse("a.mg")
>>> first = parse.update("drug a\\na -> b\\n")
>>> [type(s).__name__ for s in first.rule_file.statements], first.reparsed
(['EntityDecl', 'Link'], 2)
>>> second = parse.update("drug a\\na => b\\n")
>>> second.reparsed, second.diagnostics[0].location, second.diagnostics[0].message
(1, 'a.mg:2:3', "unknown relation '=>'")
>>> second.removed == first.rule_file.statements[1:], second.added
(True, ())
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from mechgraph.errors import (
    Diagnostic,
    MechgraphError,
    limit_diagnostics,
    sort_diagnostics,
)
from mechgraph.language.parser import MAX_DIAGNOSTICS, parse_text
from mechgraph.language.syntax import Blank, RuleFile

__all__ = ["IncrementalParse", "Parsed", "Pieces", "pieces"]


@dataclass(frozen=True)
class Parsed:
    """A file's statements (those of the pieces that parsed) and its parse diagnostics."""

    rule_file: RuleFile
    diagnostics: tuple[Diagnostic, ...]
    reparsed: int = 0  # pieces parsed by this update (the others were reused)
    #: The statements of the pieces this update dropped, and of those it parsed (the
    #: same objects as in earlier and later updates: identity says which is which).
    removed: tuple = ()
    added: tuple = ()
    first: bool = False  # the file's first update: every statement is new


def _starts_statement(line: str) -> bool:
    return line[:1] not in ("", " ", "\t", "#", "\r")


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def _starts(lines: list[str], start: int, stop: int) -> list[int]:
    """The 0-based lines of ``lines[start:stop]`` that start a piece."""
    return [i for i in range(start, stop) if i == 0 or _starts_statement(lines[i])]


def _keys(lines: list[str], starts: list[int], first: int, stop: int) -> list[tuple[int, str]]:
    """The ``(first_line, text)`` of the pieces ``starts[first:stop]`` start."""
    ends = starts[first + 1 : stop + 1] + [len(lines)] * (stop + 1 > len(starts))
    return [(a + 1, "\n".join(lines[a:b]) + "\n") for a, b in zip(starts[first:stop], ends)]


def pieces(text: str) -> list[tuple[int, str]]:
    """``(first_line, text)`` of each piece of ``text``, in order (1-based lines).

    >>> pieces("# c\\ndrug a\\nhypothesis h:\\n    consistent\\n\\na -> b")
    [(1, '# c\\n'), (2, 'drug a\\n'), (3, 'hypothesis h:\\n    consistent\\n\\n'), (6, 'a -> b\\n')]
    """
    lines = _lines(text)
    starts = _starts(lines, 0, len(lines))
    return _keys(lines, starts, 0, len(starts))


class Pieces:
    """The pieces of a text as it is edited: found again only around the lines that changed.

    >>> split = Pieces()
    >>> split.update("drug a\\na -> b\\nb -> c\\n")
    [(1, 'drug a\\n'), (2, 'a -> b\\n'), (3, 'b -> c\\n')]
    >>> split.update("drug a\\na -> b\\n  @s\\nb -> c\\n") == pieces("drug a\\na -> b\\n  @s\\nb -> c\\n")
    True
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.starts: list[int] = []
        self.keys: list[tuple[int, str]] = []

    def update(self, text: str) -> list[tuple[int, str]]:
        """The pieces of ``text`` (as :func:`pieces`), reusing those of the last text."""
        lines, old, starts = _lines(text), self.lines, self.starts
        if not starts:
            starts = _starts(lines, 0, len(lines))
            self.lines, self.starts, self.keys = lines, starts, _keys(lines, starts, 0, len(starts))
            return self.keys
        n, same = min(len(old), len(lines)), 0
        while same < n and old[same] == lines[same]:
            same += 1
        tail = 0
        while tail < n - same and old[-1 - tail] == lines[-1 - tail]:
            tail += 1
        # From the piece before the first changed line to the piece after the last one.
        first = max(bisect.bisect_right(starts, same) - 2, 0)
        stop = min(bisect.bisect_left(starts, len(old) - tail) + 1, len(starts))
        shift = len(lines) - len(old)
        end = (starts[stop] if stop < len(starts) else len(old)) + shift
        window = _starts(lines, starts[first], end)
        new = starts[:first] + window + [start + shift for start in starts[stop:]]
        after = self.keys[stop:] if not shift else [(f + shift, t) for f, t in self.keys[stop:]]
        keys = self.keys[:first] + _keys(lines, new, first, first + len(window)) + after
        self.lines, self.starts, self.keys = lines, new, keys
        return keys


#: A parsed piece: its statements, its diagnostics, the names on its lines that did not parse.
_Piece = tuple[tuple, tuple[Diagnostic, ...], frozenset[str]]


def _kept(statements) -> tuple:
    return tuple(s for s in statements if not isinstance(s, Blank))


def _parse_piece(path: str, first_line: int, text: str) -> _Piece:
    """One piece parsed; with a syntax error, the statements of its lines that parsed."""
    try:
        statements = parse_text(text, path, first_line=first_line).statements
    except MechgraphError as error:
        partial = getattr(error, "partial", None)
        if partial is None:
            return (), tuple(error.diagnostics), frozenset()
        return _kept(partial.statements), tuple(error.diagnostics), partial.unparsed_names
    return _kept(statements), (), frozenset()


def _parse_run(path: str, run: list[tuple[int, str]]) -> list[_Piece]:
    """The pieces of ``run`` (consecutive, all changed) parsed in one call, then split by
    line; piece by piece when the run has a syntax error (which drops the whole call)."""
    if len(run) == 1:
        return [_parse_piece(path, *run[0])]
    try:
        statements = parse_text("".join(t for _, t in run), path, first_line=run[0][0]).statements
    except MechgraphError:
        return [_parse_piece(path, *key) for key in run]
    starts = [first for first, _ in run]
    split: list[list] = [[] for _ in run]
    for statement in statements:
        if not isinstance(statement, Blank):
            split[bisect.bisect_right(starts, statement.span.line) - 1].append(statement)
    return [(tuple(found), (), frozenset()) for found in split]


class IncrementalParse:
    """The parse of one file (``path``), kept between edits of its text."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._pieces: dict[tuple[int, str], _Piece] = {}
        self._split = Pieces()
        self._last: Parsed | None = None

    def update(self, text: str) -> Parsed:
        """Parse ``text``, the file's new content, reusing the pieces that did not change."""
        if self._last is not None and self._last.rule_file.text == text:
            return Parsed(self._last.rule_file, self._last.diagnostics)
        old, new = self._pieces, {}
        statements: list = []
        diagnostics: list[Diagnostic] = []
        unparsed: set[str] = set()
        keys = self._split.update(text)
        missing = [key for key in keys if key not in old]
        runs: list[list[tuple[int, str]]] = []
        for key in missing:  # consecutive changed pieces are parsed together
            if runs and runs[-1][-1][0] + runs[-1][-1][1].count("\n") == key[0]:
                runs[-1].append(key)
            else:
                runs.append([key])
        for run in runs:
            new.update(zip(run, _parse_run(self.path, run)))
        reparsed = len(missing)
        for key in keys:
            piece = new[key] if key in new else old[key]
            new[key] = piece
            statements.extend(piece[0])
            diagnostics.extend(piece[1])
            unparsed |= piece[2]
        removed = tuple(s for key, piece in old.items() if key not in new for s in piece[0])
        added = tuple(s for key in missing for s in new[key][0])
        first = self._last is None
        self._pieces = new
        found = sort_diagnostics(diagnostics)
        found = limit_diagnostics(found, MAX_DIAGNOSTICS, MAX_DIAGNOSTICS)  # as a whole parse
        rule_file = RuleFile(
            self.path, tuple(statements), text=text, unparsed_names=frozenset(unparsed)
        )
        self._last = Parsed(rule_file, tuple(found))
        return Parsed(self._last.rule_file, self._last.diagnostics, reparsed, removed, added, first)
