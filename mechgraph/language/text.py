"""Reading input files as text: regular files only, bounded, UTF-8, located errors.

Every reader of mechgraph goes through here: rule files (:func:`read_rule_text`),
the compiled cache's hashes (:func:`read_file_bytes`) and the importers
(:func:`decode_utf8` for whole documents and lines, :class:`Utf8Chunks` for
streams).  One decoder, one BOM rule (a leading U+FEFF is dropped), one
located error for bytes that are not UTF-8.

Only regular files are read: a FIFO, a device or a socket is refused at once
(it is opened without blocking and checked on the open descriptor), so
``mechgraph check /dev/zero`` or a FIFO never hangs; the size cap counts the
bytes actually read, not what ``stat`` claims.

>>> decode_rule_bytes("drug β\\n".encode(), "a.mg")
'drug β\\n'
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator

from mechgraph.errors import Diagnostic, InputError

__all__ = [
    "read_rule_text",
    "read_file_bytes",
    "decode_rule_bytes",
    "decode_utf8",
    "Utf8Chunks",
    "file_kind",
    "display_name",
    "MAX_FILE_BYTES",
    "STDIN",
    "text_lines",
]

#: Larger rule files are refused (counted while reading).
MAX_FILE_BYTES = 64 * 2**20

_HINT = "convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8"

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
    """Standard input's bytes (at most one more than :data:`MAX_FILE_BYTES`), read once
    however many times ``-`` is named."""
    global _stdin_bytes
    if _stdin_bytes is None:
        _stdin_bytes = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return _stdin_bytes


def file_kind(mode: int) -> str | None:
    """What a non-regular file is (``None`` for a regular file), for messages.

    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG)
    ('a FIFO (named pipe)', None)
    """
    for test, kind in (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def read_file_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (:data:`MAX_FILE_BYTES`).

    Raises
    ------
    InputError
        Missing, unreadable, not a regular file (a folder, FIFO, device:
        refused without blocking), or over ``limit`` bytes (counted as read).

    >>> read_file_bytes("/dev/zero")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: /dev/zero: error: cannot read a character device; give a rule file
    """
    file = str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _input_error("no such file", file) from None
    except IsADirectoryError:
        raise _input_error("is a folder, not a rule file", file) from None
    except OSError as error:
        raise _input_error(f"cannot read: {error.strerror or error}", file) from None
    try:
        kind = file_kind(os.fstat(handle).st_mode)
        if kind == "a folder":
            raise _input_error("is a folder, not a rule file", file)
        if kind is not None:
            raise _input_error(f"cannot read {kind}; give a rule file", file)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _input_error(f"file too large (over {limit // 2**20} MiB)", file)
        return b"".join(chunks)
    except InputError:
        raise
    except OSError as error:
        raise _input_error(f"cannot read: {error.strerror or error}", file) from None
    finally:
        os.close(handle)


def read_rule_text(path: str | os.PathLike) -> str:
    """The text of a rule file (``-``: standard input); :class:`InputError` when it cannot be one.

    Missing paths, folders, FIFOs and devices, files over
    :data:`MAX_FILE_BYTES`, binary files (a NUL byte) and invalid UTF-8
    (located at line:col) are refused.

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
    return decode_rule_bytes(read_file_bytes(path), file)


def decode_rule_bytes(data: bytes, file: str) -> str:
    """Decode UTF-8 rule text (a leading BOM is dropped); located InputError otherwise.

    >>> decode_rule_bytes(b"drug a\\nb \\xff", "x.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: x.mg:2:3: error: not UTF-8 text (byte 0xff)
    ...
    """
    nul = data.find(b"\0")
    if nul >= 0:
        raise _input_error("binary file (NUL byte), not rule text", file, data, nul)
    return decode_utf8(data, file)


def decode_utf8(data: bytes, file: str, *, line: int = 1, col: int = 1, bom: bool = True) -> str:
    """``data`` as text; a leading BOM dropped when ``bom``; bad bytes a located InputError.

    ``line`` and ``col`` say where ``data`` starts in its file (for a line
    or a chunk of a stream).

    >>> decode_utf8(b"\\xef\\xbb\\xbfdrug a", "x.mg")
    'drug a'
    >>> decode_utf8(b"caf\\xe9", "x.sif", line=7).__class__
    Traceback (most recent call last):
    ...
    mechgraph.errors.InputError: x.sif:7:4: error: not UTF-8 text (byte 0xe9)
    ...
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _input_error(
            f"not UTF-8 text (byte 0x{data[error.start]:02x})",
            file,
            data,
            error.start,
            line=line,
            col=col,
            hint=_HINT,
        ) from None
    return text.removeprefix("\ufeff") if bom else text


class Utf8Chunks:
    """Decode a stream chunk by chunk, with :func:`decode_utf8`'s BOM rule and errors.

    A character cut between two chunks is kept until the next one; errors
    are located in the whole stream.

    >>> chunks = Utf8Chunks("x.json")
    >>> chunks.decode(b'\\xef\\xbb\\xbf["\\xc3'), chunks.decode(b'\\xa9"]', final=True)
    ('["', 'é"]')
    """

    def __init__(self, file: str) -> None:
        self.file, self.pending, self.line, self.col, self.started = file, b"", 1, 1, False

    def decode(self, raw: bytes, final: bool = False) -> str:
        data = self.pending + raw
        cut = len(data) if final else _complete_prefix(data)
        data, self.pending = data[:cut], data[cut:]
        text = decode_utf8(data, self.file, line=self.line, col=self.col, bom=not self.started)
        self.started = self.started or bool(data)
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.col = len(text) - text.rfind("\n")
        else:
            self.col += len(text)
        return text


def _complete_prefix(data: bytes) -> int:
    """The length of ``data`` without a UTF-8 sequence cut at its end."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:  # a lead byte: is its sequence complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) if back >= need else len(data) - back
    return len(data)


def _input_error(
    message: str,
    file: str,
    data: bytes = b"",
    offset: int = -1,
    *,
    line: int = 1,
    col: int = 1,
    hint: str | None = None,
) -> InputError:
    """An InputError, located at byte ``offset`` of ``data`` (which starts at line:col)."""
    if offset < 0:
        return InputError(Diagnostic.error(message, file=file, code="input", hint=hint))
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    text = data[start : len(data) if end < 0 else end].decode("utf-8", "replace")
    newlines = data.count(b"\n", 0, offset)
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return InputError(
        Diagnostic.error(
            message,
            file=file,
            line=line + newlines,
            col=column + (col - 1 if newlines == 0 else 0),
            snippet=text.rstrip("\r"),
            hint=hint,
            code="input",
        )
    )


def text_lines(text: str, block: int = 1 << 20) -> Iterator[str]:
    """The lines of ``text`` as the parser numbers them: split at ``\\n`` only (none
    after a final one), a block of about ``block`` characters at a time, so that
    a large text's lines never all exist at once.

    >>> [list(text_lines(t, block=2)) for t in ("a\\nbc\\n\\nd", "a\\n", "\\n", "")]
    [['a', 'bc', '', 'd'], ['a'], [''], []]
    """
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + block)
        if end < 0:
            lines = text[start:].split("\n")
            if lines[-1] == "":
                lines.pop()
            yield from lines
            return
        yield from text[start:end].split("\n")
        start = end + 1
