"""Issue 18, reading: regular files only, never blocking, caps counted while reading, one decoder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.errors import InputError
from mechgraph.language import text
from mechgraph.language.loader import load_paths
from mechgraph.language.text import Utf8Chunks, decode_utf8, read_file_bytes, read_rule_text


def _mechgraph(*argv: str) -> subprocess.CompletedProcess:
    """Run the command line in a child that must end within a minute (a hang fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "mechgraph", *argv], capture_output=True, text=True, timeout=60
    )


def test_a_fifo_is_refused_without_blocking(tmp_path):
    """Check `check FIFO`, `ask --rules FIFO` and an include of a FIFO: located errors, no hang."""
    fifo = tmp_path / "f.mg"
    os.mkfifo(fifo)
    (tmp_path / "a.mg").write_text('include "f.mg"\ndrug x\n')
    with pytest.raises(InputError, match="FIFO"):
        read_rule_text(fifo)
    checked = _mechgraph("check", str(fifo))
    assert checked.returncode == 1 and "cannot read a FIFO" in checked.stderr
    asked = _mechgraph("ask", "x", "y", "--rules", str(fifo))
    assert asked.returncode == 1 and "FIFO" in asked.stderr
    _, diagnostics = load_paths([tmp_path / "a.mg"])
    (d,) = [d for d in diagnostics if d.is_error]
    assert (d.line, d.col) == (1, 1) and "include 'f.mg' names a FIFO" in d.message


def test_check_dev_zero_ends_promptly_with_a_clear_error():
    """Check `check /dev/zero`: refused as a device at once (it once grew until MemoryError)."""
    checked = _mechgraph("check", "/dev/zero")
    assert checked.returncode == 1
    assert "/dev/zero: error: cannot read a character device" in checked.stderr


def test_the_size_cap_counts_the_bytes_read(tmp_path, monkeypatch):
    """Check that the cap holds whatever stat says: reading stops at cap + 1 bytes."""
    path = tmp_path / "big.mg"
    path.write_bytes(b"drug a\n" * 100)
    reads = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    monkeypatch.setattr(text, "MAX_FILE_BYTES", 50)
    with pytest.raises(InputError, match="file too large"):
        read_file_bytes(path)
    assert sum(reads) <= 51
    assert read_file_bytes(path, limit=700) == b"drug a\n" * 100


@given(st.text(max_size=40), st.integers(min_value=1, max_value=7))
def test_chunked_decoding_equals_whole_decoding(sample, size):
    """Check Utf8Chunks against decode_utf8 for every way of cutting the bytes."""
    data = ("\ufeff" + sample).encode("utf-8")
    chunks = Utf8Chunks("x")
    pieces = [data[i : i + size] for i in range(0, len(data), size)] or [b""]
    decoded = "".join(chunks.decode(p, final=i == len(pieces) - 1) for i, p in enumerate(pieces))
    assert decoded == decode_utf8(data, "x") == sample


def test_a_bad_byte_in_a_stream_is_located_in_the_whole_stream():
    """Check that a chunked decode locates a bad byte by line and column of the stream."""
    chunks = Utf8Chunks("s.json")
    chunks.decode(b'{"a":\n "b\xc3')
    with pytest.raises(InputError) as caught:
        chunks.decode(b'\xa9", \n  "\xff"}', final=True)
    (d,) = caught.value.diagnostics
    assert (d.line, d.col) == (3, 4) and "byte 0xff" in d.message
