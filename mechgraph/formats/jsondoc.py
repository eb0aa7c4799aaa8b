"""Whole-document JSON reading for the graph-shaped JSON formats (CX2, node-link).

>>> import io
>>> load_json(io.BytesIO(b'{"a": 1}'), "x.json")
{'a': 1}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, BinaryIO

from mechgraph.errors import Diagnostic, InputError
from mechgraph.formats.reading import ignore_progress
from mechgraph.language.text import decode_utf8

__all__ = ["dump_json", "load_json", "structure_error"]


def load_json(
    stream: BinaryIO, file: str, advance: Callable[[int], object] = ignore_progress
) -> Any:
    """Parse a JSON document; bad encoding or syntax is a located InputError."""
    data = stream.read()
    advance(len(data))
    text = decode_utf8(data, file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        lines = text.splitlines()
        raise InputError(
            Diagnostic.error(
                f"malformed JSON: {error.msg}",
                file=file,
                line=error.lineno,
                col=error.colno,
                snippet=lines[error.lineno - 1] if error.lineno <= len(lines) else None,
                hint="the document is cut short or has a syntax error there",
                code="json",
            )
        ) from None


def dump_json(document: Any) -> str:
    """``document`` as indented UTF-8 JSON text ending in a newline."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def structure_error(file: str, message: str, hint: str) -> InputError:
    """A JSON document that parses but does not have the expected shape."""
    return InputError(Diagnostic.error(message, file=file, line=1, col=1, hint=hint, code="json"))
