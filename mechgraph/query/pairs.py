"""Many questions at once: ``ask --pairs FILE``, one ``SOURCE TARGET`` pair per line.

A pairs file holds one question per line: two names separated by a tab, or
by blanks (a name with blanks is then quoted: ``"5-HT1A agonist"``).  Blank
lines, ``#`` comments and a ``source target`` header line are skipped.  Every
malformed line and every unknown or ambiguous name is a located error
(file, line, column, caret, hint), all reported before any question is
answered.  The questions share one compiled model and the options given
(``via``, ``where``, ``sign``, ...).

>>> from mechgraph.model import Model
>>> model = Model.from_text("drug a\\nprocess b, c\\na -> b\\nb -| c\\n")
>>> pairs = read_pairs("# source target\\na\\tc\\nb c\\n", "pairs.tsv")
>>> [answer.format().splitlines()[0] for answer in ask_pairs(model.graph, pairs)]
['yes  a ─(+)→ b ─(-)→ c', 'yes  b ─(-)→ c']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.grammar import QUOTED, unquote
from mechgraph.language.syntax import Span
from mechgraph.query.ask import ask
from mechgraph.query.question import resolve
from mechgraph.results.answers import Answer

__all__ = ["Pair", "read_pairs", "ask_pairs"]

_HEADER = ("source", "target")
_PAIR_HINT = "one question per line: two names, tab- or blank-separated (quote names with blanks)"
#: A quoted name (perhaps never closed) or a run of non-blanks.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|\S+')


@dataclass(frozen=True)
class Pair:
    """One question of a pairs file, with where each name was written."""

    source: str
    target: str
    source_at: Span
    target_at: Span
    line: str


def read_pairs(text: str, file: str) -> list[Pair]:
    """The pairs of a pairs file; :class:`QueryError` listing every malformed line."""
    pairs: list[Pair] = []
    errors: list[Diagnostic] = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            fields = _fields(line)
        except ValueError as error:
            message, col = error.args
            hint = 'close it: "a name with blanks"'
            errors.append(_error(message, file, number, col, line, hint))
            continue
        if not fields or (not pairs and tuple(f.casefold() for f, _ in fields) == _HEADER):
            continue
        if len(fields) != 2:
            col = fields[2][1] if len(fields) > 2 else len(line) + 1
            message = (
                "expected SOURCE TARGET, found 1 name"
                if len(fields) == 1
                else (f"expected SOURCE TARGET, found {len(fields)} names")
            )
            errors.append(_error(message, file, number, col, line, _PAIR_HINT))
            continue
        (source, s_col), (target, t_col) = fields
        pairs.append(
            Pair(source, target, Span(file, number, s_col), Span(file, number, t_col), line)
        )
    if errors:
        raise QueryError(errors)
    return pairs


def _fields(line: str) -> list[tuple[str, int]]:
    """The names of a line with their 1-based columns (``#`` starts a comment).

    ``ValueError(message, column)`` for a quote never closed.
    """
    if line.lstrip().startswith("#"):
        return []
    if "\t" in line:
        found, col = [], 1
        for part in line.split("\t"):
            name = part.strip()
            if name:
                name = unquote(name) if re.fullmatch(QUOTED, name) else name
                found.append((name, col + len(part) - len(part.lstrip())))
            col += len(part) + 1
        return found
    found = []
    for token in _TOKEN.finditer(line):
        text = token.group()
        if text.startswith("#"):
            break
        if text.startswith('"'):
            if not re.fullmatch(QUOTED, text):
                raise ValueError("a quote never closed", token.start() + 1)
            text = unquote(text)
        found.append((text, token.start() + 1))
    return found


def _error(message: str, file: str, line: int, col: int, text: str, hint: str | None = None):
    return Diagnostic.error(message, file=file, line=line, col=col, snippet=text, hint=hint)


def ask_pairs(
    graph: MechanismGraph, pairs: Sequence[Pair], max_paths: int = 1, **options: Any
) -> list[Answer]:
    """Answer every pair (the options of :func:`~mechgraph.query.ask.ask` apply to all).

    Raises
    ------
    QueryError
        Every unknown or ambiguous name, located in the pairs file.
    """
    errors = []
    for pair in pairs:
        for role, name, at in (
            ("source", pair.source, pair.source_at),
            ("target", pair.target, pair.target_at),
        ):
            try:
                resolve(graph, role, name)
            except QueryError as error:
                errors += [_located(d, at, pair.line) for d in error.diagnostics]
    if errors:
        raise QueryError(errors)
    return [ask(graph, p.source, p.target, max_paths=max_paths, **options) for p in pairs]


def _located(diagnostic: Diagnostic, at: Span, line: str) -> Diagnostic:
    return dataclasses.replace(diagnostic, file=at.file, line=at.line, col=at.col, snippet=line)
