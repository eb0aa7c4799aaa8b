"""Writing output files safely: atomic, durable, confined, and without stray temporaries.

:func:`write_atomic` writes a temporary file beside the target, flushes and
fsyncs it, renames it over the target and fsyncs the folder: a reader never
sees half a file, a crash leaves the old file or the new one, and a failure
leaves the old file intact.  A replaced file keeps its permissions.

Temporary files are named ``.NAME.PID.mg-XXXX.tmp``.  A writer killed before
its rename (``kill -9``, power loss) leaves one behind; the next write into
the same folder removes every such file whose process is gone, so they never
accumulate.

With ``keep_links=True`` (what ``mechgraph fmt`` uses) a symbolic link is
followed — the file it points at is replaced and the link stays a link — and
a file with several hard links is rewritten in place so that every name sees
the new text (that one case is not atomic: a crash during the write can leave
the file partly written).

:func:`confined_path` turns a name taken from rule text (a hypothesis name)
into a file name that stays inside the folder asked for.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> write_atomic(os.path.join(folder, "x.mg"), "drug a\\n")
>>> open(os.path.join(folder, "x.mg")).read(), os.listdir(folder)
('drug a\\n', ['x.mg'])
>>> os.path.basename(confined_path(folder, "../../etc/passwd", ".svg"))
'etc_passwd-3754d6cb.svg'
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata

from mechgraph.errors import Diagnostic, MechgraphError

__all__ = ["write_atomic", "safe_file_name", "confined_path", "TEMPORARY"]

#: The names of this module's temporary files; group 1 is the writer's process id.
TEMPORARY = re.compile(r"\..*\.(\d+)\.mg-[a-z0-9_]+\.tmp\Z", re.DOTALL)

#: Names Windows reserves for devices (with any suffix): never produced as file names.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{stem}{n}" for stem in ("COM", "LPT") for n in "0123456789¹²³"
}

#: Longest file name produced by :func:`safe_file_name`, in UTF-8 bytes (file systems allow 255).
MAX_NAME_BYTES = 120


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, keep_links: bool = False
) -> None:
    """Write ``data`` (text as UTF-8) to ``path``, creating missing folders.

    Parameters
    ----------
    path
        The file to write.  Without ``keep_links`` a symbolic link at
        ``path`` is replaced by the new file (never written through).
    data
        The new contents.
    keep_links
        Write to the file a symbolic link points at, and rewrite a file with
        several hard links in place, so that links keep working.

    Raises
    ------
    MechgraphError
        The folder or file cannot be written; located at ``path``.
    """
    path = os.fspath(path)
    if keep_links:
        path = os.path.realpath(path)
    folder = os.path.dirname(os.path.abspath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = None
    try:
        os.makedirs(folder, exist_ok=True)
        reap_temporaries(folder)
        if keep_links and _hard_linked(path):
            _write_in_place(path, payload)
            return
        base = os.path.basename(path)[:100]
        handle, temporary = tempfile.mkstemp(
            prefix=f".{base}.{os.getpid()}.mg-", suffix=".tmp", dir=folder
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fchmod(stream.fileno(), _mode_for(path))
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        raise MechgraphError(
            Diagnostic.error(
                f"cannot write {path}: {error.strerror or error}", file=path, code="io"
            )
        ) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def reap_temporaries(folder: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files in ``folder`` left by writers that no longer run.

    Returns the names removed.  Files of live processes (another writer at
    work) and files not named like this module's temporaries are left alone.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMPORARY.match(entry.name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(entry.path)
                removed.append(entry.name)
            except OSError:
                pass
    return removed


def safe_file_name(name: str, suffix: str = "") -> str:
    """A file name for ``name`` that is one plain name in any folder, plus ``suffix``.

    Separators, ``..``, control and invisible characters, characters Windows
    refuses and leading dots become ``_``; device names (``CON``, ``NUL``,
    ...) get a ``_`` in front; long names are cut.  A name that had to
    change gets 8 hex digits of its hash, so distinct names stay distinct.

    >>> safe_file_name("fcp_hypothesis", ".svg")
    'fcp_hypothesis.svg'
    >>> safe_file_name("/abs/path", ".svg"), safe_file_name("CON", ".svg")
    ('abs_path-6d80187b.svg', '_CON-a3dbc4b6.svg')
    """
    cleaned = "".join(
        ch if (ch.isalnum() or ch in "-_.+=@,~ ") and unicodedata.category(ch)[0] != "C" else "_"
        for ch in name
    )
    cleaned = re.sub(r"_+", "_", cleaned).strip(" ._") or "unnamed"
    if cleaned.split(".")[0].upper().rstrip(" ") in _RESERVED:
        cleaned = "_" + cleaned
    while len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned[:-1]
    if cleaned != name:
        cleaned += "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return cleaned + suffix


def confined_path(folder: str | os.PathLike[str], name: str, suffix: str = "") -> str:
    """``folder/`` + :func:`safe_file_name`; :class:`MechgraphError` if it would leave ``folder``.

    >>> confined_path("out", "a/b", ".svg")
    'out/a_b-c14cddc0.svg'
    """
    path = os.path.join(os.fspath(folder), safe_file_name(name, suffix))
    inside = os.path.realpath(folder)
    if os.path.dirname(os.path.realpath(path)) != inside and not os.path.islink(path):
        raise MechgraphError(
            Diagnostic.error(f"{name!r} does not name a file inside {folder}", code="io")
        )
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _hard_linked(path: str) -> bool:
    try:
        return os.stat(path).st_nlink > 1
    except OSError:
        return False


def _write_in_place(path: str, payload: bytes) -> None:
    """Overwrite ``path``'s contents (same inode: every hard link sees them)."""
    with open(path, "r+b") as stream:
        stream.write(payload)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (skipped where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _mode_for(path: str) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
