"""Whole-document JSON reading for the graph-shaped JSON formats (CX2, node-link).

A document keeps its text, so an element of the wrong shape is reported at its
own line and column (:meth:`JsonDocument.error`), not at the top of the file.

>>> import io
>>> load_json(io.BytesIO(b'{"a": 1}'), "x.json")
{'a': 1}
>>> doc = read_json(io.BytesIO(b'{"nodes": [\\n  {"id": 1},\\n  "oops"\\n]}'), "x.json")
>>> doc.error(("nodes", 1), "a node is a string", "").diagnostics[0].line
3
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from mechgraph.errors import InputError
from mechgraph.formats.reading import ignore_progress, located_error
from mechgraph.language.text import decode_utf8

__all__ = ["JsonDocument", "dump_json", "json_kind", "load_json", "locate", "read_json"]

_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class JsonDocument:
    """A parsed JSON document with its text and file name, to locate its elements."""

    value: Any
    text: str
    file: str

    def error(self, path: Sequence[str | int], message: str, hint: str) -> InputError:
        """An error at the element ``path`` leads to (keys of objects, positions in
        lists): its line, column and line of text."""
        line, col = locate(self.text, path)
        return located_error(self.text, self.file, line, col, message, hint, "json")

    def check_element(
        self, path: tuple[str | int, ...], element: Any, what: str, ids: Sequence[str], hint: str
    ) -> None:
        """Raise :meth:`error` unless ``element`` is an object whose keys ``ids`` hold ids
        (whole numbers or strings); ``what`` names it (``"a node"``)."""
        if not isinstance(element, dict):
            raise self.error(path, f"{what} is {json_kind(element)}, not an object", hint)
        for key in ids:
            if key not in element:
                raise self.error(path, f'{what} has no "{key}"', hint)
            if not isinstance(element[key], (int, str)) or isinstance(element[key], bool):
                kind = json_kind(element[key])
                raise self.error((*path, key), f'"{key}" is {kind}, not an id', hint)


def json_kind(value: Any) -> str:
    """The JSON name of ``value``'s type with its article, for messages.

    >>> json_kind({}), json_kind([]), json_kind(None), json_kind(2)
    ('an object', 'a list', 'null', 'a number')
    """
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), "a number")


def read_json(
    stream: BinaryIO, file: str, advance: Callable[[int], object] = ignore_progress
) -> JsonDocument:
    """Parse a JSON document; bad encoding or syntax is a located InputError."""
    data = stream.read()
    advance(len(data))
    text = decode_utf8(data, file)
    try:
        return JsonDocument(json.loads(text), text, file)
    except json.JSONDecodeError as error:
        raise located_error(
            text,
            file,
            error.lineno,
            error.colno,
            f"malformed JSON: {error.msg}",
            "the document is cut short or has a syntax error there",
            "json",
        ) from None


def load_json(
    stream: BinaryIO, file: str, advance: Callable[[int], object] = ignore_progress
) -> Any:
    """The value of a JSON document (see :func:`read_json`)."""
    return read_json(stream, file, advance).value


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """The line and column (1-based) where the element ``path`` leads to starts in the
    JSON ``text`` (as far as the path can be followed: a missing key stops at the
    object that lacks it).  The elements before it are skipped by the C decoder.

    >>> locate('[{"a": 1},\\n {"b": [true, null]}]', (1, "b", 1))
    (2, 15)
    """
    decoder, pos = json.JSONDecoder(), _SPACE.match(text, 0).end()  # type: ignore[union-attr]

    def skip(at: int) -> int:
        return _SPACE.match(text, at).end()  # type: ignore[union-attr]

    try:
        for step in path:
            at = pos
            if isinstance(step, int) and text[pos] == "[":
                pos = skip(pos + 1)
                for _ in range(step):
                    pos = skip(decoder.raw_decode(text, pos)[1])
                    pos = skip(pos + 1) if text[pos] == "," else pos
            elif isinstance(step, str) and text[pos] == "{":
                pos = skip(pos + 1)
                while text[pos] == '"':
                    key, pos = decoder.raw_decode(text, pos)
                    pos = skip(skip(pos) + 1)  # past the colon
                    if key == step:
                        break
                    pos = skip(decoder.raw_decode(text, pos)[1])
                    pos = skip(pos + 1) if text[pos] == "," else pos
                else:
                    return _line_col(text, at)
            else:
                break
    except (ValueError, IndexError, RecursionError):
        pass
    return _line_col(text, min(pos, len(text)))


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


def dump_json(document: Any) -> str:
    """``document`` as indented UTF-8 JSON text ending in a newline."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
