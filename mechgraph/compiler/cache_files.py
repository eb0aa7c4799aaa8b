"""The files of the compiled cache: sealed entries, least-recently-used eviction, code identity.

An entry file is one header line, ``mechgraph-cache FORMAT SHA256``, then the
entry's JSON; the digest covers the JSON bytes and is checked before the JSON
is parsed, so a truncated, bit-flipped or half-copied entry is never used.
(It guards against corruption, not against someone who can write the cache
folder: such a person could as well edit the rule files.)

Using an entry touches its modification time; after each write the folder
is trimmed to ``$MECHGRAPH_CACHE_MAX`` bytes (``512M`` unless set; a number
of bytes with an optional ``K``, ``M`` or ``G``; ``0`` turns storing off) by
removing the entries used longest ago.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store_entry(folder, "k", b'{"a": 1}', limit=2**20)
True
>>> load_entry(folder, "k", limit=2**20)
b'{"a": 1}'
>>> path = folder / "k.json"
>>> _ = path.write_bytes(path.read_bytes().replace(b"1", b"2"))
>>> load_entry(folder, "k", limit=2**20) is None, path.exists()
(True, False)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from pathlib import Path

from mechgraph.errors import MechgraphError
from mechgraph.files import write_atomic
from mechgraph.language.text import read_file_bytes

__all__ = ["FORMAT", "code_identity", "cache_limit", "load_entry", "store_entry", "evict"]

#: Bumped whenever the layout of an entry changes.
FORMAT = 4

#: The default of ``$MECHGRAPH_CACHE_MAX``.
DEFAULT_LIMIT = 512 * 2**20

_HEADER = re.compile(rb"mechgraph-cache (\d+) ([0-9a-f]{64})\Z")
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}

#: The modules whose code decides what an entry holds: their source is part of every key.
_BUILDERS = ("language", "compiler", "graph", "errors.py", "memory.py")


def cache_limit() -> int:
    """``$MECHGRAPH_CACHE_MAX`` in bytes (:data:`DEFAULT_LIMIT` when unset or unreadable).

    >>> os.environ["MECHGRAPH_CACHE_MAX"] = "64M"; cache_limit()
    67108864
    >>> del os.environ["MECHGRAPH_CACHE_MAX"]; cache_limit() == DEFAULT_LIMIT
    True
    """
    value = os.environ.get("MECHGRAPH_CACHE_MAX", "").strip().upper().removesuffix("B")
    match = re.fullmatch(r"(\d+)\s*([KMG]?)I?", value)
    return int(match.group(1)) * _UNITS[match.group(2)] if match else DEFAULT_LIMIT


@functools.cache
def code_identity() -> str:
    """mechgraph's version and a hash of the sources that build an entry.

    Two commits of an editable install never share entries; where the
    sources cannot be read (a frozen build) the version alone is used.
    """
    from mechgraph.version import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _BUILDERS:
        root = package / name
        for source in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            try:
                digest.update(source.relative_to(package).as_posix().encode() + b"\0")
                digest.update(source.read_bytes() + b"\0")
            except OSError:
                return f"{__version__}/{FORMAT}"
    return f"{__version__}/{FORMAT}/{digest.hexdigest()[:16]}"


def load_entry(folder: Path, key: str, limit: int) -> bytes | None:
    """The JSON of entry ``key`` when its seal holds (it is then marked used); else ``None``.

    A damaged entry is removed, so that the next load can store a good one.
    """
    path = folder / f"{key}.json"
    try:
        data = read_file_bytes(path, limit)
    except MechgraphError:
        return None
    header, _, body = data.partition(b"\n")
    match = _HEADER.match(header)
    if not match or int(match.group(1)) != FORMAT or _seal(body) != match.group(2).decode():
        discard(folder, key)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return body


def store_entry(folder: Path, key: str, body: bytes, limit: int) -> bool:
    """Write entry ``key`` sealed, then trim the folder to ``limit`` bytes; ``False``: not stored."""
    header = f"mechgraph-cache {FORMAT} {_seal(body)}\n".encode()
    if len(header) + len(body) > limit:
        return False
    try:
        write_atomic(folder / f"{key}.json", header + body)
    except MechgraphError:
        return False
    evict(folder, limit, keep=f"{key}.json")
    return True


def discard(folder: Path, key: str) -> None:
    """Remove entry ``key`` if it is there."""
    with contextlib.suppress(OSError):
        (folder / f"{key}.json").unlink()


def evict(folder: Path, limit: int, keep: str = "") -> list[str]:
    """Remove the least recently used entries until the folder's entries fit in ``limit`` bytes.

    Returns the names removed; ``keep`` (the entry just written) stays.
    """
    entries = []
    try:
        for item in os.scandir(folder):
            if item.name.endswith(".json") and item.is_file(follow_symlinks=False):
                status = item.stat(follow_symlinks=False)
                entries.append((status.st_mtime_ns, status.st_size, item.name))
    except OSError:
        return []
    total = sum(size for _, size, _ in entries)
    removed = []
    for _, size, name in sorted(entries):
        if total <= limit:
            break
        if name == keep:
            continue
        try:
            os.unlink(folder / name)
        except OSError:
            continue
        total -= size
        removed.append(name)
    return removed


def _seal(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
