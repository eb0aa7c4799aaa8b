"""The SHA-256 of rule files, remembered by their file status so that a warm start does not read them.

A cache key is made of the digests of every rule file; hashing a 60 MB
corpus takes longer than answering a question on it.  So the digest of a
file is remembered in the cache folder (``digests``, JSON) with the file's
device, inode, size, modification and status-change times, and used again
while all five are unchanged — the way ``git status`` trusts its index.  A
file is remembered only when it was last changed over two seconds before
it was hashed, so a write within the clock's granularity of the hashing is
never hidden; any later write changes the status-change time, which no
user call can set back.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> rules = folder / "a.mg"
>>> _ = rules.write_text("drug x\\n")
>>> memo = Digests(folder / "cache")
>>> memo.digest(rules) == hashlib.sha256(b"drug x\\n").hexdigest()
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from mechgraph.errors import MechgraphError
from mechgraph.files import write_atomic
from mechgraph.language.text import read_file_bytes

__all__ = ["Digests"]

#: Files remembered at most (the ones hashed longest ago are forgotten first).
MAX_REMEMBERED = 2000
#: A file changed less than this many seconds before it was hashed is not remembered.
SETTLED = 2.0


class Digests:
    """Digests of rule files, remembered in ``folder / "digests"`` by file status."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "digests"
        self._known: dict[str, list] | None = None
        self._changed = False

    def _memo(self) -> dict[str, list]:
        if self._known is None:
            self._known = {}
            with contextlib.suppress(Exception):  # unreadable or damaged: start afresh
                with open(self.path, "rb") as memo:
                    known = json.loads(memo.read(2**24))
                if isinstance(known, dict):
                    self._known = {
                        k: v
                        for k, v in known.items()
                        if isinstance(v, list) and len(v) == 7 and isinstance(v[5], str)
                    }
        return self._known

    def digest(self, path: str | os.PathLike) -> str | None:
        """The SHA-256 of a regular file's bytes (``None``: unreadable, not a regular file,
        too big); from memory while the file's status is unchanged."""
        name = os.path.abspath(path)
        try:
            status = os.stat(path)
        except OSError:
            status = None
        stamp = (
            None
            if status is None
            else [
                status.st_dev,
                status.st_ino,
                status.st_size,
                status.st_mtime_ns,
                status.st_ctime_ns,
            ]
        )
        memo = self._memo()
        known = memo.get(name)
        if stamp is not None and known is not None and known[:5] == stamp:
            return known[5]
        try:
            data = read_file_bytes(path)
        except MechgraphError:
            return None
        found = hashlib.sha256(data).hexdigest()
        self.remember(name, stamp, found, len(data))
        return found

    def remember(self, name: str, stamp: list | None, digest: str, size: int) -> None:
        """Remember ``digest`` for file ``name`` of status ``stamp`` if it has settled."""
        now = time.time()
        settled = stamp is not None and max(stamp[3], stamp[4]) / 1e9 < now - SETTLED
        if settled and stamp is not None and stamp[2] == size:
            self._memo()[name] = [*stamp, digest, now]
            self._changed = True

    def save(self) -> None:
        """Write what was learnt (quietly skipped when that fails)."""
        if not self._changed or self._known is None:
            return
        known = sorted(self._known.items(), key=lambda item: item[1][6])[-MAX_REMEMBERED:]
        with contextlib.suppress(MechgraphError, OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(dict(known)).encode())
        self._changed = False
