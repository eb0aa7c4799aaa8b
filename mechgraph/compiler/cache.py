"""The compiled cache: unchanged rule files are neither parsed nor compiled again.

An entry is one sealed JSON file with a folder of numpy arrays beside it, named by a hash of mechgraph's code identity
(version, entry format, a hash of the sources that build it) and the path,
its spelling (spans and diagnostics repeat the path as the user wrote it) and
bytes of every rule file named; it records every file the load read
(includes too) with its hash, and is used only when all of them still
match.  Before storing, every file is read again and must still hold the
text that was parsed.  Entries are sealed, bounded in total size and
evicted least recently used first (:mod:`mechgraph.compiler.cache_files`);
reading a damaged entry is a miss, never an error.  It holds the compiled
graph and the load's warnings as plain data (:mod:`mechgraph.compiler.cache_graph`):
the claim columns, entities and traversal index as ``.npy`` arrays, memory-mapped
when read, so a warm start rebuilds nothing; everything else as the names and
fields of mechgraph's own dataclasses and enums — nothing else can be built
from an entry (no pickle), so a tampered entry cannot run code.  Entries are
written atomically (:func:`mechgraph.files.write_atomic`).  The digests of
rule files are remembered by file status (:mod:`mechgraph.compiler.cache_digests`),
so a warm start does not read the rules either.

The folder is ``$MECHGRAPH_CACHE``, else ``$XDG_CACHE_HOME/mechgraph``, else
``~/.cache/mechgraph``.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> rules = folder / "a.mg"
>>> _ = rules.write_text("drug x\\nprocess y\\nx -> y [duration=chronic]\\n")
>>> store = Cache(folder / "cache")
>>> store.read([rules]) is None
True
>>> from mechgraph.model import load
>>> model = load(rules, cache=store)
>>> again = store.read([rules])
>>> again.graph.claims == model.graph.claims, again.diagnostics == model.diagnostics
(True, True)
>>> _ = rules.write_text("drug x\\n")
>>> store.read([rules]) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mechgraph.compiler.cache_digests import Digests
from mechgraph.compiler.cache_files import (
    FORMAT,
    cache_limit,
    code_identity,
    discard,
    entry_size,
    load_arrays,
    load_entry,
    store_arrays,
    store_entry,
)
from mechgraph.compiler.cache_graph import decode, encode, graph_of, graph_parts
from mechgraph.errors import Diagnostic, MechgraphError, Severity
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.text import decode_rule_bytes, display_name, read_file_bytes
from mechgraph.memory import paused_gc

__all__ = ["Cache", "Entry", "RuleTexts", "cache_folder", "FORMAT"]

#: Per cache folder, the digests of rule files this process learnt or read.
_DIGESTS: dict[Path, Digests] = {}


def too_large(folder: Path, size: int, limit: int) -> Diagnostic:
    """The note for an entry of ``size`` bytes not kept under a ``limit`` of bytes.

    >>> print(too_large(Path("/c"), 900 * 2**20, 512 * 2**20).format())
    /c: note: the compiled rules (900 MiB) were not kept in the cache: it may hold 512 MiB ($MECHGRAPH_CACHE_MAX), so the next run compiles them again
      hint: let the cache hold them, e.g. export MECHGRAPH_CACHE_MAX=2G
    """
    need = -(-size * 2 // 2**30)  # room for this entry and as much again, in GiB
    return Diagnostic(
        Severity.NOTE,
        f"the compiled rules ({_bytes(size)}) were not kept in the cache: it may hold "
        f"{_bytes(limit)} ($MECHGRAPH_CACHE_MAX), so the next run compiles them again",
        file=str(folder),
        hint=f"let the cache hold them, e.g. export MECHGRAPH_CACHE_MAX={need}G",
        code="cache-limit",
    )


def _bytes(size: int) -> str:
    """``size`` in whole GiB, MiB or KiB."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20)):
        if size >= scale:
            return f"{size // scale:,} {unit}"
    return f"{size // 2**10:,} KiB"


def cache_folder() -> Path:
    """``$MECHGRAPH_CACHE``, ``$XDG_CACHE_HOME/mechgraph`` or ``~/.cache/mechgraph``."""
    if os.environ.get("MECHGRAPH_CACHE"):
        return Path(os.environ["MECHGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mechgraph"


class RuleTexts(Mapping[str, str]):
    """The text of each rule file a cached graph was built from, read when first asked
    for (a question never needs them; a diagnostic's snippet does).  A file whose bytes
    no longer have the digest the entry recorded reads as empty."""

    def __init__(self, digests: Mapping[str, str]) -> None:
        self._digests = dict(digests)
        self._texts: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        if path not in self._texts:
            digest = self._digests[path]  # KeyError: not a file of the graph
            self._texts[path] = _text(path, digest) or ""
        return self._texts[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._digests)

    def __len__(self) -> int:
        return len(self._digests)


def _text(path: str, digest: str) -> str | None:
    """The rule text of ``path`` when its bytes still have ``digest`` (read once)."""
    try:
        data = read_file_bytes(path)
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        return decode_rule_bytes(data, path)
    except MechgraphError:
        return None


@dataclass(frozen=True)
class Entry:
    """What a cache entry gives back: the compiled graph and the load's warnings."""

    graph: MechanismGraph
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Cache:
    """Compiled rules by the contents of their files, in ``folder``.

    ``notes`` collects what a user should hear about the cache itself: an entry
    not kept because it is larger than ``$MECHGRAPH_CACHE_MAX``.
    """

    folder: Path
    notes: list[Diagnostic] = field(default_factory=list, compare=False)

    @classmethod
    def default(cls) -> Cache:
        return cls(cache_folder())

    def key(self, paths: Iterable[str | os.PathLike]) -> str | None:
        """The entry name for loading ``paths`` as they are now (``None``: unreadable)."""
        digests = self._digests()
        key = self._key(paths, digests.digest)
        digests.save()
        return key

    def _digests(self) -> Digests:
        """The remembered digests of rule files in this cache's folder (one per process)."""
        if self.folder not in _DIGESTS:
            _DIGESTS[self.folder] = Digests(self.folder)
        return _DIGESTS[self.folder]

    def read(self, paths: Sequence[str | os.PathLike]) -> Entry | None:
        """The cached load of ``paths``, or ``None`` when there is none or anything changed."""
        key = self.key(paths)
        return None if key is None else self.read_key(key)

    def read_key(self, key: str) -> Entry | None:
        """Entry ``key`` when it is sound and every file it read is unchanged; else ``None``.

        Whatever goes wrong while reading an entry (a broken seal, bad JSON,
        JSON nested too deep, wrong types or codes) makes a miss, never an
        error: the entry is removed and the rules are loaded again.
        """
        body = load_entry(self.folder, key, self.limit)
        if body is None:
            return None
        try:
            with paused_gc():
                document = json.loads(body)
                if document["format"] != FORMAT:
                    raise ValueError("another format")
                read = {path: digest for path, digest in document["read"]}
                digests = self._digests()
                if any(digests.digest(path) != digest for path, digest in read.items()):
                    return None  # a rule file changed: the entry is stale, not damaged
                arrays = load_arrays(self.folder, key, document["arrays"])
                if arrays is None:
                    raise ValueError("damaged arrays")
                graph = graph_of(document["graph"], arrays, RuleTexts(read))
                diagnostics = decode(document["diagnostics"])
                if not all(isinstance(d, Diagnostic) for d in diagnostics):
                    raise TypeError("not diagnostics")
                return Entry(graph, diagnostics)
        except Exception:  # any failure in a damaged entry is a miss
            discard(self.folder, key)
            return None

    def write(
        self, paths: Sequence[str | os.PathLike], entry: Entry, expected_key: str | None = None
    ) -> None:
        """Store ``entry`` as the load of ``paths`` (quietly skipped when that fails).

        Every file the entry's graph was built from is read again: the entry
        is stored only when each still holds exactly the text that was parsed,
        under the key of those very bytes, and (given ``expected_key``, the
        key before the load) only when the key did not change during the
        load — a file replaced meanwhile is never stored under the wrong key.
        """
        read, verified = [], {}
        for path in entry.graph.files:
            try:
                data = read_file_bytes(path)
                if decode_rule_bytes(data, path) != entry.graph.texts.get(path):
                    return  # changed since it was parsed
            except MechgraphError:
                return
            read.append([path, hashlib.sha256(data).hexdigest()])
            verified[str(Path(path).resolve())] = read[-1][1]
        key = self._key(paths, lambda p: verified.get(str(p.resolve())))
        if key is None or (expected_key is not None and key != expected_key):
            return
        try:
            document, arrays = graph_parts(entry.graph)
        except ValueError:  # a name the arrays cannot hold (NUL)
            return
        manifest = store_arrays(self.folder, key, arrays)
        if manifest is None:
            return
        with paused_gc():  # one string in C (json.dump would encode piece by piece in Python)
            text = json.dumps(
                {
                    "format": FORMAT,
                    "read": read,
                    "arrays": manifest,
                    "graph": document,
                    "diagnostics": encode(list(entry.diagnostics)),
                },
                separators=(",", ":"),
            )
        body, bound = text.encode("utf-8"), self.limit
        size = entry_size(self.folder, body, manifest["folder"])
        if 0 < bound < size:  # 0: the user asked for no cache, and needs no note
            self.notes.append(too_large(self.folder, size, bound))
        store_entry(self.folder, key, body, bound, manifest["folder"])

    @property
    def limit(self) -> int:
        """The most bytes the cache folder may hold (``$MECHGRAPH_CACHE_MAX``)."""
        return cache_limit()

    def _key(self, paths: Iterable[str | os.PathLike], digest: Any) -> str | None:
        from mechgraph.language.loader import (
            rule_paths,  # the loader parses; the cache only lists files
        )

        found, problems = rule_paths(paths)
        # Each file by where it is, what it holds and how this run spells it: spans and
        # diagnostics carry the spelling, so ``./rules/a.mg`` never answers with ``rules/a.mg``.
        digests = [(str(p.resolve()), digest(p), display_name(p)) for p in found]
        if problems or any(d is None for _, d, _ in digests):
            return None
        text = json.dumps([code_identity(), digests])
        return hashlib.sha256(text.encode()).hexdigest()
