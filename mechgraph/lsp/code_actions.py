"""Code actions on mechgraph's diagnostics: apply the did-you-mean, declare an undeclared name.

>>> from lsprotocol import types
>>> from mechgraph.lsp.diagnostics import to_lsp
>>> from mechgraph.errors import Diagnostic
>>> lines = ["drug imipramine", "imipramne -> x"]
>>> d = to_lsp(Diagnostic.warning("`imipramne` is not declared; taken as an entity",
...            file="a.mg", line=2, col=1, hint="did you mean `imipramine`?",
...            code="undeclared-name"), lines)
>>> [a.title for a in code_actions("file:///a.mg", lines, [d])][:3]
['Replace with `imipramine`', 'Declare `imipramne` as a process', 'Declare `imipramne` as a drug']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from mechgraph.language.formatter import format_name, format_value
from mechgraph.language.syntax import ENTITY_KINDS
from mechgraph.lsp.diagnostics import SOURCE

__all__ = ["code_actions", "DECLARE_KINDS"]

#: The kinds offered when declaring an undeclared name (the hint's ``process`` first).
DECLARE_KINDS = ("process", "drug", "receptor", "protein", "phenotype", "entity")
_DID_YOU_MEAN = re.compile(r"did you mean [`']([^`']+)[`']\?")
_UNDECLARED = re.compile(r"^`(.+)` is not declared")
_DECLARATION = re.compile(rf"^(?:{'|'.join(ENTITY_KINDS)})[ \t]")


def _edit(uri: str, where: types.Range, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(where, text)]})


def _replacement(code: str, suggestion: str) -> str:
    if code == "unknown-source":
        return "@" + suggestion
    if code in ("undeclared-name", "unknown-entity"):
        return format_name(suggestion)
    if code == "undeclared-value":
        return format_value(suggestion)
    return suggestion


def _declaration_line(lines: Sequence[str]) -> int:
    """Where a new declaration goes: after the file's last declaration, else at the top."""
    last = max((i for i, line in enumerate(lines) if _DECLARATION.match(line)), default=-1)
    return last + 1


def code_actions(
    uri: str, lines: Sequence[str], diagnostics: Sequence[types.Diagnostic]
) -> list[types.CodeAction]:
    """Quick fixes for ``diagnostics`` of document ``uri`` (whose text is ``lines``)."""
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        code, hint = str(data.get("code") or diagnostic.code or ""), data.get("hint") or ""
        if match := _DID_YOU_MEAN.search(hint):
            text = _replacement(code, match[1])
            actions.append(
                types.CodeAction(
                    title=f"Replace with `{match[1]}`",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=_edit(uri, diagnostic.range, text),
                    is_preferred=True,
                )
            )
        if code == "undeclared-name" and (name := _UNDECLARED.match(diagnostic.message)):
            at = types.Position(_declaration_line(lines), 0)
            for kind in DECLARE_KINDS:
                actions.append(
                    types.CodeAction(
                        title=f"Declare `{name[1]}` as a {kind}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=_edit(uri, types.Range(at, at), f"{kind} {format_name(name[1])}\n"),
                    )
                )
    return actions
