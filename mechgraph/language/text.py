"""Read rule files as text: refuse what cannot be rule text, with a located diagnostic.

>>> decode_rule_bytes("drug β\\n".encode(), "a.mg")
'drug β\\n'
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mechgraph.errors import Diagnostic, InputError

__all__ = ["read_rule_text", "decode_rule_bytes", "display_name", "MAX_FILE_BYTES", "STDIN"]

#: Larger files are refused unread.
MAX_FILE_BYTES = 64 * 2**20

#: The path that names standard input, and the name its diagnostics carry.
STDIN, STDIN_NAME = "-", "<stdin>"

_stdin_bytes: bytes | None = None


def display_name(path: str | os.PathLike) -> str:
    """The name diagnostics give ``path``: ``<stdin>`` for ``-``.

    >>> display_name("-"), display_name("rules/a.mg")
    ('<stdin>', 'rules/a.mg')
    """
    file = os.fspath(path)
    return STDIN_NAME if file == STDIN else file


def _read_stdin() -> bytes:
    """Standard input's bytes, read once however many times ``-`` is named."""
    global _stdin_bytes
    if _stdin_bytes is None:
        _stdin_bytes = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return _stdin_bytes


def read_rule_text(path: str | os.PathLike) -> str:
    """The text of a rule file (``-``: standard input); :class:`InputError` when it cannot be one.

    Missing paths, folders, files over :data:`MAX_FILE_BYTES`, binary files
    (a NUL byte) and invalid UTF-8 (located at line:col) are refused.

    >>> read_rule_text("/no/such/file.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: /no/such/file.mg: error: no such file
    """
    file = display_name(path)
    if file == STDIN_NAME:
        data = _read_stdin()
        if len(data) > MAX_FILE_BYTES:
            raise _input_error(f"input too large (over {MAX_FILE_BYTES // 2**20} MiB)", file)
        return decode_rule_bytes(data, file)
    try:
        if os.stat(path).st_size > MAX_FILE_BYTES:
            raise _input_error(f"file too large (over {MAX_FILE_BYTES // 2**20} MiB)", file)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _input_error("no such file", file) from None
    except IsADirectoryError:
        raise _input_error("is a folder, not a rule file", file) from None
    except OSError as error:
        raise _input_error(f"cannot read: {error.strerror or error}", file) from None
    return decode_rule_bytes(data, file)


def decode_rule_bytes(data: bytes, file: str) -> str:
    """Decode UTF-8 rule text (a leading BOM is dropped); located InputError otherwise.

    >>> decode_rule_bytes(b"drug a\\nb \\xff", "x.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: x.mg:2:3: error: invalid UTF-8 (byte 0xff)
    ...
    """
    nul = data.find(b"\0")
    if nul >= 0:
        raise _input_error("binary file (NUL byte), not rule text", file, data, nul)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise _input_error(f"invalid UTF-8 (byte 0x{byte:02x})", file, data, error.start) from None


def _input_error(message: str, file: str, data: bytes = b"", offset: int = -1) -> InputError:
    """An InputError, located at byte ``offset`` of ``data`` when one is given."""
    if offset < 0:
        return InputError(Diagnostic.error(message, file=file, code="input"))
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    line = data[start : len(data) if end < 0 else end].decode("utf-8", "replace")
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return InputError(
        Diagnostic.error(
            message,
            file=file,
            line=data.count(b"\n", 0, offset) + 1,
            col=col,
            snippet=line,
            code="input",
        )
    )
