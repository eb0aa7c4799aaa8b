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
]

_MAX_SNIPPET = 160


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
        out = [f"{self.location}: {self.severity.value}: {self.message}"]
        if self.snippet is not None and self.line > 0:
            text, col = _clip(self.snippet.rstrip("\r\n"), max(self.col, 1))
            gutter = str(self.line)
            out.append(f"    {gutter} | {text}")
            out.append(f"    {' ' * len(gutter)} | {' ' * (col - 1)}^")
        if self.hint:
            out.append(f"  hint: {self.hint}")
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
        }

    def __str__(self) -> str:
        return self.format()


def _clip(text: str, col: int) -> tuple[str, int]:
    """Cut a long line to a window around ``col``; tabs become spaces.

    >>> _clip("abc", 2)
    ('abc', 2)
    """
    text = text.replace("\t", " ")
    text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    if len(text) <= _MAX_SNIPPET:
        return text, min(col, len(text) + 1)
    start = max(0, min(col - _MAX_SNIPPET // 2, len(text) - _MAX_SNIPPET))
    window = text[start : start + _MAX_SNIPPET]
    prefix = "…" if start else ""
    suffix = "…" if start + _MAX_SNIPPET < len(text) else ""
    return prefix + window + suffix, col - start + len(prefix)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order: by file, line, column, then message."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.col, d.message))


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
    """Rule text does not follow the grammar."""


class CompileError(MechgraphError):
    """Rules parse but do not make sense together (unknown names, cycles, ...)."""


class QueryError(MechgraphError):
    """A question names something the model does not know, or is malformed."""
