"""Reading input files for import: line by line, located errors, a progress bar.

Importers never hold a whole file in memory: :func:`read_lines` yields one
line at a time and turns undecodable bytes into a located diagnostic; the
progress bar follows the bytes read and only appears on a terminal.

>>> import io
>>> list(read_lines(io.BytesIO(b"a\\tb\\n\\nc"), "x.sif"))
[(1, 'a\\tb'), (2, ''), (3, 'c')]
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from mechgraph.errors import Diagnostic, InputError
from mechgraph.language.text import Utf8Chunks, decode_utf8

__all__ = [
    "ignore_progress",
    "iter_json_array",
    "located_error",
    "open_input",
    "progress",
    "read_lines",
]


def ignore_progress(_: int) -> None:
    """A progress callback that shows nothing."""


def located_error(
    text: str, file: str, line: int, col: int, message: str, hint: str, code: str
) -> InputError:
    """An error at ``line``:``col`` of a whole document ``text``, with that line as snippet.

    >>> located_error("a\\nb c", "x.json", 2, 3, "bad", "fix it", "json").diagnostics[0].snippet
    'b c'
    """
    lines = text.splitlines()
    snippet = lines[line - 1] if 0 < line <= len(lines) else None
    return InputError(
        Diagnostic.error(
            message, file=file, line=line, col=col, snippet=snippet, hint=hint, code=code
        )
    )


def read_lines(
    stream: BinaryIO, file: str, advance: Callable[[int], object] = ignore_progress
) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` per line of a UTF-8 stream, without line ends.

    ``advance`` is told how many bytes each line took (for a progress bar).

    Raises
    ------
    InputError
        At the first line that is not UTF-8, located at the first bad byte.
    """
    for number, raw in enumerate(stream, start=1):
        advance(len(raw))
        text = decode_utf8(raw, file, line=number, bom=number == 1)
        yield number, text.rstrip("\r\n")


@contextlib.contextmanager
def open_input(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for binary reading (``-``: standard input); an unreadable file is an InputError."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        raise InputError(
            Diagnostic.error(f"cannot read {path}: {error.strerror}", file=path, code="io")
        ) from None
    with stream:
        yield stream


@contextlib.contextmanager
def progress(stream: BinaryIO, path: str, quiet: bool = False) -> Iterator[Callable[[int], object]]:
    """A callback advancing a tqdm bar by bytes read from ``stream``.

    On a terminal only: when ``quiet`` or when stderr is not a TTY the
    callback does nothing and nothing is printed.
    """
    if quiet or not sys.stderr.isatty():
        yield ignore_progress
        return
    from tqdm import tqdm

    status = os.fstat(stream.fileno())
    total = status.st_size if stat.S_ISREG(status.st_mode) else None  # a pipe has no size
    with tqdm(
        total=total,
        desc="<stdin>" if path == "-" else os.path.basename(path),
        unit="B",
        unit_scale=True,
        leave=False,
        file=sys.stderr,
    ) as bar:
        yield bar.update


_CHUNK = 1 << 16
_WHITESPACE = " \t\r\n"


class _Buffer:
    """Decoded text read so far but not yet consumed, with its first line number."""

    def __init__(self, stream: BinaryIO, file: str, advance: Callable[[int], object]):
        self.stream, self.file, self.advance = stream, file, advance
        self.decoder = Utf8Chunks(file)
        self.text, self.pos, self.line, self.eof = "", 0, 1, False

    def more(self) -> bool:
        """Read another chunk; ``False`` at the end of the stream."""
        if self.eof:
            return False
        raw = self.stream.read(_CHUNK)
        self.advance(len(raw))
        self.eof = not raw
        self.text += self.decoder.decode(raw, final=self.eof)
        return True

    def skip_space(self) -> str:
        """The next non-blank character (``""`` at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos : self.pos + 1]

    def consume(self) -> None:
        """Forget the text before ``pos`` (keeping the line count)."""
        self.line += self.text.count("\n", 0, self.pos)
        self.text, self.pos = self.text[self.pos :], 0

    def where(self, offset: int) -> tuple[int, int, str]:
        """(line, col, line text) of ``offset`` in the buffer."""
        line = self.line + self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return line, offset - start + 1, self.text[start : end if end >= 0 else len(self.text)]

    def fail(self, offset: int, message: str, hint: str, code: str = "json") -> None:
        line, col, snippet = self.where(offset)
        raise InputError(
            Diagnostic.error(
                message, file=self.file, line=line, col=col, snippet=snippet, hint=hint, code=code
            )
        )


def iter_json_array(
    stream: BinaryIO, file: str, advance: Callable[[int], object] = ignore_progress
) -> Iterator[tuple[int, dict]]:
    """``(line, object)`` per element of a JSON array of objects, read incrementally.

    Only one element is held in memory at a time (plus one read chunk), so
    memory stays constant in the number of records.

    >>> import io
    >>> list(iter_json_array(io.BytesIO(b'[{"a": 1},\\n {"b": 2}]'), "x.json"))
    [(1, {'a': 1}), (2, {'b': 2})]
    """
    buffer = _Buffer(stream, file, advance)
    decoder = json.JSONDecoder()
    if buffer.skip_space() != "[":
        buffer.fail(buffer.pos, "expected a JSON list of records", "the file should start with [")
    buffer.pos += 1
    expect_item = True
    while True:
        ch = buffer.skip_space()
        if ch == "]":
            buffer.pos += 1
            break
        if ch == "":
            buffer.fail(buffer.pos, "the JSON list is cut short", "the file should end with ]")
        if not expect_item:
            if ch != ",":
                buffer.fail(
                    buffer.pos,
                    f"expected ',' or ']' between records, found {ch!r}",
                    "records are separated by commas",
                )
            buffer.pos += 1
            expect_item = True
            continue
        if ch != "{":
            buffer.fail(buffer.pos, "a record must be a JSON object", "records look like {...}")
        buffer.consume()
        while True:
            try:
                item, end = decoder.raw_decode(buffer.text, 0)
                break
            except json.JSONDecodeError as error:
                if not buffer.more():
                    cut = error.pos >= len(buffer.text.rstrip())
                    message = "the record is cut short" if cut else f"malformed JSON: {error.msg}"
                    buffer.fail(
                        error.pos,
                        message,
                        "the file ends inside a record" if cut else "fix the syntax there",
                    )
        yield buffer.line, item
        buffer.pos = end
        expect_item = False
    if buffer.skip_space():
        buffer.fail(buffer.pos, "unexpected text after the JSON list", "one list per file")
