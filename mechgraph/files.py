"""Writing output files atomically: a temporary file beside the target, then a rename.

A reader never sees half a file, and a failure leaves the old file intact
(and no temporary file behind).  A replaced file keeps its permissions.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> write_atomic(os.path.join(folder, "x.mg"), "drug a\\n")
>>> open(os.path.join(folder, "x.mg")).read(), os.listdir(folder)
('drug a\\n', ['x.mg'])
"""

from __future__ import annotations

import os
import tempfile

from mechgraph.errors import Diagnostic, MechgraphError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``, creating missing folders.

    Raises
    ------
    MechgraphError
        The folder or file cannot be written; located at ``path``.
    """
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = None
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise MechgraphError(
            Diagnostic.error(
                f"cannot write {path}: {error.strerror or error}", file=path, code="io"
            )
        ) from None


def _mode_for(path: str) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
