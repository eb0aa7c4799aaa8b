"""The files of the compiled cache: sealed entries, array files, eviction, code identity.

An entry is ``KEY.json`` — one header line, ``mechgraph-cache FORMAT SHA256``,
then the entry's JSON; the digest covers the JSON bytes and is checked
before the JSON is parsed, so a truncated, bit-flipped or half-copied entry
is never used — and, beside it, a folder ``KEY.NONCE.arrays`` of ``.npy``
files (:func:`store_arrays`) that the JSON lists with the dtype, shape, size
and CRC-32 of each; :func:`load_arrays` memory-maps them
(``np.load(mmap_mode="r", allow_pickle=False)``: numbers only) and checks
all four before any is used.  (This guards against corruption, not against
someone who can write the cache folder: such a person could as well edit the
rule files.)

Using an entry touches its modification time; after each write the folder
(entries with their arrays) is trimmed to ``$MECHGRAPH_CACHE_MAX`` bytes (``512M`` unless set; a number
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
import secrets
import shutil
import threading
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from mechgraph.errors import MechgraphError
from mechgraph.files import write_atomic
from mechgraph.language.text import read_file_bytes

__all__ = [
    "FORMAT",
    "code_identity",
    "cache_limit",
    "load_entry",
    "store_entry",
    "load_arrays",
    "store_arrays",
    "entry_size",
    "evict",
]

#: Bumped whenever the layout of an entry changes.
FORMAT = 5

#: How an array is named in an entry, and the folder of an entry's arrays.
_ARRAY_NAME = re.compile(r"[a-z][a-z_.]{0,40}\Z")
_ARRAYS = re.compile(r"(?P<key>[0-9a-f]{1,64})\.[0-9a-f]{16}\.arrays\Z")
#: Array folders no entry names are removed once this old (a writer may be between them).
_ORPHAN_AGE = 600

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


def store_entry(folder: Path, key: str, body: bytes, limit: int, arrays: str = "") -> bool:
    """Write entry ``key`` sealed, then trim the folder to ``limit`` bytes; ``False``: not stored.

    ``arrays``: the folder of the entry's arrays (:func:`store_arrays`); any other
    array folder of ``key`` is removed."""
    header = f"mechgraph-cache {FORMAT} {_seal(body)}\n".encode()
    stored = False
    try:
        if entry_size(folder, body, arrays) > limit:
            return False
        write_atomic(folder / f"{key}.json", header + body)
        stored = True
    except MechgraphError:
        return False
    finally:
        if arrays and not stored:
            shutil.rmtree(folder / arrays, ignore_errors=True)
    _remove_arrays(folder, key, keep=arrays)
    evict(folder, limit, keep=f"{key}.json")
    return True


def store_arrays(folder: Path, key: str, arrays: Mapping[str, np.ndarray]) -> dict | None:
    """Write ``arrays`` as ``.npy`` files into a new folder for entry ``key``; the manifest
    to put in the entry (folder, and per array its dtype, shape, size and CRC-32), or
    ``None`` when that failed (nothing is left behind).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> manifest = store_arrays(folder, "ab", {"x": np.arange(3, dtype=np.int32)})
    >>> load_arrays(folder, "ab", manifest)["x"].tolist()
    [0, 1, 2]
    """
    name = f"{key}.{secrets.token_hex(8)}.arrays"
    target = folder / name
    files: dict[str, dict[str, Any]] = {}
    try:
        target.mkdir(parents=True)
        for array_name, array in arrays.items():
            if not _ARRAY_NAME.match(array_name):
                raise ValueError(f"bad array name {array_name!r}")
            array = np.ascontiguousarray(array)
            path = target / f"{array_name}.npy"
            np.save(path, array, allow_pickle=False)
            files[array_name] = {
                "dtype": array.dtype.str,
                "shape": list(array.shape),
                "bytes": path.stat().st_size,
                "crc32": zlib.crc32(memoryview(array).cast("B")),
            }
    except (OSError, ValueError):
        shutil.rmtree(target, ignore_errors=True)
        return None
    return {"folder": name, "arrays": files}


def load_arrays(folder: Path, key: str, manifest: Any) -> dict[str, np.ndarray] | None:
    """The arrays ``manifest`` lists for entry ``key``, memory-mapped, when every one
    has the size, dtype, shape and CRC-32 it lists; else ``None`` (never an error)."""
    try:
        match = _ARRAYS.match(manifest["folder"])
        if match is None or match.group("key") != key:
            return None
        found, sums = {}, {}
        for name, spec in manifest["arrays"].items():
            if not _ARRAY_NAME.match(name):
                return None
            path = folder / manifest["folder"] / f"{name}.npy"
            if os.stat(path).st_size != spec["bytes"]:
                return None
            array = np.load(path, mmap_mode="r", allow_pickle=False)
            if array.dtype.str != spec["dtype"] or list(array.shape) != spec["shape"]:
                return None
            found[name] = array.view(np.ndarray)  # the same mapped pages, a plain array
            sums[name] = int(spec["crc32"])
        return found if _checksums(found) == sums else None
    except Exception:  # a damaged folder, header or manifest: a miss
        return None


def _checksums(arrays: Mapping[str, np.ndarray]) -> dict[str, int]:
    """The CRC-32 of each array's bytes, the larger half of the bytes summed in a second
    thread (zlib lets go of the GIL while it sums)."""
    names = sorted(arrays, key=lambda name: -arrays[name].nbytes)
    sums: dict[str, int] = {}
    other, mine, half = [], [], sum(arrays[n].nbytes for n in names) / 2
    for name in names:
        (other if sum(arrays[n].nbytes for n in other) < half else mine).append(name)

    def add(chosen: list[str]) -> None:
        for name in chosen:
            sums[name] = zlib.crc32(memoryview(arrays[name]).cast("B"))

    helper = threading.Thread(target=add, args=(other,))
    helper.start()
    add(mine)
    helper.join()
    return sums


def discard(folder: Path, key: str) -> None:
    """Remove entry ``key`` and its arrays if they are there."""
    with contextlib.suppress(OSError):
        (folder / f"{key}.json").unlink()
    _remove_arrays(folder, key)


def _remove_arrays(folder: Path, key: str, keep: str = "") -> None:
    """Remove the array folders of entry ``key`` but ``keep``."""
    with contextlib.suppress(OSError):
        for item in os.scandir(folder):
            match = _ARRAYS.match(item.name)
            if match and match.group("key") == key and item.name != keep:
                shutil.rmtree(item.path, ignore_errors=True)


def evict(folder: Path, limit: int, keep: str = "") -> list[str]:
    """Remove the least recently used entries until the folder's entries (with their
    arrays) fit in ``limit`` bytes; array folders of no entry go too, once old.

    Returns the names removed; ``keep`` (the entry just written) stays.
    """
    entries: dict[str, list] = {}  # key → [used, bytes, name]
    arrays: dict[str, list[tuple[str, int, float]]] = {}
    try:
        for item in os.scandir(folder):
            match = _ARRAYS.match(item.name)
            if match and item.is_dir(follow_symlinks=False):
                size = _folder_size(item.path)
                changed = item.stat(follow_symlinks=False).st_mtime
                arrays.setdefault(match.group("key"), []).append((item.name, size, changed))
            elif item.name.endswith(".json") and item.is_file(follow_symlinks=False):
                status = item.stat(follow_symlinks=False)
                entries[item.name[:-5]] = [status.st_mtime_ns, status.st_size, item.name]
    except OSError:
        return []
    for key, folders in arrays.items():
        for name, size, changed in folders:
            if key in entries:
                entries[key][1] += size
            elif time.time() - changed > _ORPHAN_AGE:
                shutil.rmtree(folder / name, ignore_errors=True)
    total = sum(size for _, size, _ in entries.values())
    removed = []
    for _, size, name in sorted(entries.values()):
        if total <= limit:
            break
        if name == keep:
            continue
        try:
            os.unlink(folder / name)
        except OSError:
            continue
        _remove_arrays(folder, name[:-5])
        total -= size
        removed.append(name)
    return removed


def entry_size(folder: Path, body: bytes, arrays: str = "") -> int:
    """The bytes an entry of ``body`` (sealed) and its array folder take in ``folder``.

    >>> entry_size(Path("/nowhere"), b"{}")
    85
    """
    header = len(f"mechgraph-cache {FORMAT} \n") + 64  # the seal is a SHA-256 in hex
    return header + len(body) + (_folder_size(str(folder / arrays)) if arrays else 0)


def _folder_size(path: str) -> int:
    with contextlib.suppress(OSError):
        return sum(item.stat(follow_symlinks=False).st_size for item in os.scandir(path))
    return 0


def _seal(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
