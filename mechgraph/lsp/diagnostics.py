"""mechgraph's diagnostics as LSP diagnostics: same message and hint, a range over the token.

>>> from mechgraph.errors import Diagnostic
>>> d = Diagnostic.error("unknown relation '=>'", file="a.mg", line=2, col=3,
...                      hint="relations are -> -| -0 --", code="syntax")
>>> lsp = to_lsp(d, ["drug a", "a => b"])
>>> lsp.range.start.line, lsp.range.start.character, lsp.range.end.character
(1, 2, 4)
>>> print(lsp.message)
unknown relation '=>'
hint: relations are -> -| -0 --
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from mechgraph.errors import Diagnostic, Severity
from mechgraph.lsp.tokens import token_end

__all__ = ["to_lsp", "diagnostic_range", "SOURCE"]

#: The ``source`` of every diagnostic the server publishes.
SOURCE = "mechgraph"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}


def diagnostic_range(diagnostic: Diagnostic, lines: Sequence[str]) -> types.Range:
    """The range of the token ``diagnostic`` points at (the file's start for a whole-file one)."""
    if diagnostic.line <= 0:
        return types.Range(types.Position(0, 0), types.Position(0, 0))
    line_no = diagnostic.line - 1
    line = lines[line_no] if line_no < len(lines) else ""
    start = min(max(diagnostic.col - 1, 0), len(line))
    end = token_end(line, start)
    return types.Range(types.Position(line_no, start), types.Position(line_no, end))


def to_lsp(diagnostic: Diagnostic, lines: Sequence[str]) -> types.Diagnostic:
    """One LSP diagnostic: the message with its ``hint:`` line, as ``mechgraph check`` prints them.

    ``data`` keeps mechgraph's ``code`` and ``hint`` for the code actions.
    """
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return types.Diagnostic(
        range=diagnostic_range(diagnostic, lines),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code or None,
        source=SOURCE,
        data={"code": diagnostic.code, "hint": diagnostic.hint},
    )
