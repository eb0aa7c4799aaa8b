"""Columns as the client counts them: UTF-16 code units by default, code points inside.

Every feature module works with code-point columns (Python string indexes);
the server converts positions coming in and ranges going out with :class:`Units`.

>>> from lsprotocol import types
>>> units = Units("utf-16")
>>> units.to_client(["x = 😋 y"], types.Position(0, 6)).character
7
>>> units.from_client(["x = 😋 y"], types.Position(0, 7)).character
6
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
from lsprotocol import types

__all__ = ["Units"]

_WIDTH = {"utf-8": lambda c: len(c.encode("utf-8")), "utf-16": lambda c: 1 + (ord(c) > 0xFFFF)}


class Units:
    """Conversions for one negotiated position encoding (``utf-8``, ``utf-16``, ``utf-32``)."""

    def __init__(self, encoding: str = "utf-16") -> None:
        self.width = _WIDTH.get(str(encoding))

    def _line(self, lines: Sequence[str], number: int) -> str:
        return lines[number] if 0 <= number < len(lines) else ""

    def to_client(self, lines: Sequence[str], position: types.Position) -> types.Position:
        line = self._line(lines, position.line)
        if self.width is None or line.isascii():
            return position
        units = sum(map(self.width, line[: position.character]))
        return types.Position(position.line, units)

    def from_client(self, lines: Sequence[str], position: types.Position) -> types.Position:
        line = self._line(lines, position.line)
        if self.width is None or line.isascii():
            return position
        count = index = 0
        while index < len(line) and count < position.character:
            count += self.width(line[index])
            index += 1
        return types.Position(position.line, index)

    def convert(self, value: Any, lines_of: Callable[[str], Sequence[str]], uri: str = "") -> Any:
        """``value`` (an LSP result) with every range and position in client units.

        ``lines_of(uri)`` gives a document's lines; a result's ``uri`` fields
        (locations, workspace edits) say which document a range is in.
        """
        if self.width is None or value is None:
            return value
        if isinstance(value, types.Position):
            return self.to_client(lines_of(uri), value)
        if isinstance(value, types.Range):
            lines = lines_of(uri)
            return types.Range(self.to_client(lines, value.start), self.to_client(lines, value.end))
        if isinstance(value, list | tuple):
            return [self.convert(item, lines_of, uri) for item in value]
        if isinstance(value, dict):
            return {key: self.convert(item, lines_of, key) for key, item in value.items()}
        if attrs.has(type(value)):
            here = getattr(value, "uri", None) or uri
            if isinstance(value, types.TextDocumentEdit):
                here = value.text_document.uri
            changes = {
                field.name: self.convert(getattr(value, field.name), lines_of, here)
                for field in attrs.fields(type(value))
            }
            return attrs.evolve(value, **changes)
        return value
