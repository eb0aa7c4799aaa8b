"""Writing output files atomically: a temporary file beside the target, then a rename.

A reader never sees half a file, and a failure leaves the old file intact.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> write_atomic(os.path.join(folder, "x.mg"), "drug a\\n")
>>> open(os.path.join(folder, "x.mg")).read(), os.listdir(folder)
('drug a\\n', ['x.mg'])
"""

from __future__ import annotations

import os
import tempfile

from ..errors import Diagnostic, InputError

__all__ = ["write_atomic"]


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same folder."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=folder)
    except OSError as error:
        raise InputError(
            Diagnostic.error(f"cannot write {path}: {error.strerror}", file=path, code="io")
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
