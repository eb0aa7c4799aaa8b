"""Diagnostics and the one exception family of mechgraph.

Every problem a user can act on is a :class:`Diagnostic`: where it is
(file, line, column), what is wrong, the offending line with a caret under
the column, and a hint where one exists.  Stages *collect* diagnostics and
raise a :class:`MechgraphError` only when asked to stop.

>>> d = Diagnostic.error("unknown relation '=>'", file="a.mg", line=2, col=12,
...                      snippet="imipramine => NMDA", hint="relations are -> -| -0 --")
>>> print(d.format())
a.mg:2:12: error: unknown relation '=>'
    2 | imipramine => NMDA
      |            ^
  hint: relations are -> -| -0 --
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Severity",
    "Diagnostic",
    "MechgraphError",
    "ParseError",
    "CompileError",
    "QueryError",
    "InputError",
    "sort_diagnostics",
    "limit_diagnostics",
    "count_diagnostics",
    "visible",
    "MAX_PER_FILE",
    "MAX_PER_LINE",
]

_MAX_SNIPPET = 160

#: The most diagnostics shown for one file, and for one line of a file.
MAX_PER_FILE = 50
MAX_PER_LINE = 5


class Severity(enum.Enum):
    """How bad a diagnostic is; ``ERROR`` fails ``check``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Diagnostic:
    """One located message for a person.

    ``line`` and ``col`` are 1-based; ``line == 0`` means "the whole file"
    (for example an unreadable file), and then no caret is drawn.
    """

    severity: Severity
    message: str
    file: str = "<input>"
    line: int = 0
    col: int = 0
    snippet: str | None = None
    hint: str | None = None
    code: str = ""
    omitted: int = 0

    @classmethod
    def error(cls, message: str, **where: Any) -> Diagnostic:
        """An error diagnostic; ``where`` takes the other fields by name."""
        return cls(Severity.ERROR, message, **where)

    @classmethod
    def warning(cls, message: str, **where: Any) -> Diagnostic:
        """A warning diagnostic; ``where`` takes the other fields by name."""
        return cls(Severity.WARNING, message, **where)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """``file:line:col`` (or just ``file`` for whole-file problems)."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.col, 1)}"

    def format(self) -> str:
        """The human form: location, message, the line with a caret, the hint."""
        out = [f"{self.location}: {self.severity.value}: {visible(self.message)}"]
        if self.snippet is not None and self.line > 0:
            text, col = _clip(self.snippet.rstrip("\r\n"), max(self.col, 1))
            gutter = str(self.line)
            out.append(f"    {gutter} | {text}")
            out.append(f"    {' ' * len(gutter)} | {' ' * (col - 1)}^")
        if self.hint:
            out.append(f"  hint: {visible(self.hint)}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of every field."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "snippet": self.snippet,
            "hint": self.hint,
        } | ({"omitted": self.omitted} if self.omitted else {})

    def __str__(self) -> str:
        return self.format()


def _clip(text: str, col: int) -> tuple[str, int]:
    """Cut a long line to a window around ``col``; tabs become spaces, invisibles U+FFFD.

    Only the window is looked at, so a diagnostic on a huge line costs no more
    than one on a short line.

    >>> _clip("abc", 2)
    ('abc', 2)
    >>> _clip("a\u202eb", 1)
    ('a\ufffdb', 1)
    """
    prefix = suffix = ""
    if len(text) > _MAX_SNIPPET:
        start = max(0, min(col - _MAX_SNIPPET // 2, len(text) - _MAX_SNIPPET))
        prefix = "…" if start else ""
        suffix = "…" if start + _MAX_SNIPPET < len(text) else ""
        text, col = text[start : start + _MAX_SNIPPET], col - start
    text = text.replace("\t", " ")
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return prefix + text + suffix, min(col, len(text) + 1) + len(prefix)


def visible(text: str) -> str:
    """``text`` with invisible and control characters written as escapes, for messages.

    >>> print(visible("unexpected '\\u202e' \\ufeff\\u2028 \\x00"))
    unexpected '\\u202e' \\ufeff\\u2028 \\x00
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order: by file, line, column, then message."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.col, d.message))


def count_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """``(errors, warnings)``, with the errors a note says were left out.

    >>> count_diagnostics([Diagnostic.error("x"), Diagnostic(Severity.NOTE, "...", omitted=9)])
    (10, 0)
    """
    errors = warnings = 0
    for d in diagnostics:
        errors += d.is_error + d.omitted
        warnings += d.severity is Severity.WARNING
    return errors, warnings


def limit_diagnostics(
    diagnostics: Iterable[Diagnostic], per_file: int = MAX_PER_FILE, per_line: int = MAX_PER_LINE
) -> list[Diagnostic]:
    """The diagnostics to show: at most ``per_line`` of a line and ``per_file`` of a file.

    Order is kept; after them (last) comes one note per file that lost some,
    saying how many errors and warnings were not shown.  A note's
    ``omitted`` counts the errors it stands for, so :func:`count_diagnostics`
    of the shown list still gives the true number of errors.

    >>> many = [Diagnostic.error(f"e{n}", file="a.mg", line=1, col=n) for n in range(1, 9)]
    >>> shown = limit_diagnostics(many, per_line=3)
    >>> [d.message for d in shown]
    ['e1', 'e2', 'e3', '… 5 more errors in a.mg (not shown)']
    >>> count_diagnostics(shown)
    (8, 0)
    """
    shown: list[Diagnostic] = []
    in_file: dict[str, int] = {}
    on_line: dict[tuple[str, int], int] = {}
    left: dict[str, list[int]] = {}  # file -> [errors, warnings] not shown
    error, warning = Severity.ERROR, Severity.WARNING
    for d in diagnostics:
        file, line = d.file, d.line
        if not d.omitted:
            shown_in_file = in_file.get(file, 0)
            shown_on_line = on_line.get((file, line), 0) if line > 0 else 0
            if shown_in_file < per_file and shown_on_line < per_line:
                in_file[file] = shown_in_file + 1
                if line > 0:
                    on_line[file, line] = shown_on_line + 1
                shown.append(d)
                continue
        counts = left.get(file) or left.setdefault(file, [0, 0])
        counts[0] += (d.severity is error) + d.omitted
        counts[1] += d.severity is warning
    for file, (errors, warnings) in left.items():
        parts = [
            f"{n} more {word}{'s' * (n != 1)}"
            for n, word in ((errors, "error"), (warnings, "warning"))
            if n
        ]
        if parts:
            message = f"… {' and '.join(parts)} in {file} (not shown)"
            shown.append(
                Diagnostic(Severity.NOTE, message, file=file, code="too-many", omitted=errors)
            )
    return shown


class MechgraphError(Exception):
    """The root of every error mechgraph raises on purpose.

    Carries the diagnostics that explain it; ``str()`` is their human form.
    """

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class InputError(MechgraphError):
    """A file could not be read (missing, binary, wrong encoding, too large)."""


class ParseError(MechgraphError):
    """Rule text does not follow the grammar.

    ``partial``, when the parser sets it, is the file's
    :class:`~mechgraph.language.syntax.RuleFile` made of the lines that did
    parse, so that their own mistakes can be reported too (``mechgraph check``).
    """

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic], partial: Any = None):
        super().__init__(diagnostics)
        self.partial = partial


class CompileError(MechgraphError):
    """Rules parse but do not make sense together (unknown names, cycles, ...)."""


class QueryError(MechgraphError):
    """A question names something the model does not know, or is malformed."""
