"""Read rule files as text: refuse what cannot be rule text, with a located diagnostic.

>>> decode_rule_bytes("drug β\\n".encode(), "a.mg")
'drug β\\n'
"""

from __future__ import annotations

import os
from pathlib import Path

from mechgraph.errors import Diagnostic, InputError

__all__ = ["read_rule_text", "decode_rule_bytes", "MAX_FILE_BYTES"]

#: Larger files are refused unread.
MAX_FILE_BYTES = 64 * 2**20


def read_rule_text(path: str | os.PathLike) -> str:
    """The text of a rule file; :class:`InputError` when it cannot be one.

    Missing paths, folders, files over :data:`MAX_FILE_BYTES`, binary files
    (a NUL byte) and invalid UTF-8 (located at line:col) are refused.

    >>> read_rule_text("/no/such/file.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: /no/such/file.mg: error: no such file
    """
    file = str(path)
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
