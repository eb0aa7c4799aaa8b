"""Format a document with ``mechgraph fmt``'s formatter: one edit replacing the whole text.

>>> edits = format_document("drug  a,b\\n")
>>> edits[0].new_text, edits[0].range.end.line
('drug a, b\\n', 1)
>>> format_document("drug a\\n"), format_document("a => b\\n")
([], None)
"""

from __future__ import annotations

from lsprotocol import types

from mechgraph.errors import MechgraphError
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.parser import parse_text

__all__ = ["format_document"]


def format_document(text: str, path: str = "<input>") -> list[types.TextEdit] | None:
    """The edits that make ``text`` canonical: none when it is, ``None`` when it does not parse.

    Like ``mechgraph fmt``, a text that does not parse is never changed.
    """
    try:
        formatted = format_rule_file(parse_text(text, path))
    except MechgraphError:
        return None
    if formatted == text:
        return []
    lines = text.split("\n")
    end = types.Position(len(lines) - 1, len(lines[-1]))
    return [types.TextEdit(types.Range(types.Position(0, 0), end), formatted)]
