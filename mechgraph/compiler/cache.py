"""The compiled cache: unchanged rule files are neither parsed nor compiled again.

An entry is one JSON file named by a hash of mechgraph's code identity
(version, entry format, a hash of the sources that build it) and the path,
its spelling (spans and diagnostics repeat the path as the user wrote it) and
bytes of every rule file named; it records every file the load read
(includes too) with its hash, and is used only when all of them still
match.  Before storing, every file is read again and must still hold the
text that was parsed.  Entries are sealed, bounded in total size and
evicted least recently used first (:mod:`mechgraph.compiler.cache_files`);
reading a damaged entry is a miss, never an error.  It holds the compiled graph and the load's warnings as
plain data: claims as columns of numbers, everything else as the names and
fields of mechgraph's own dataclasses and enums — nothing else can be
built from an entry, so a tampered entry cannot run code.  Entries are
written atomically (:func:`mechgraph.files.write_atomic`).

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

import dataclasses
import enum
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mechgraph import errors
from mechgraph.compiler.cache_files import (
    FORMAT,
    cache_limit,
    code_identity,
    discard,
    load_entry,
    store_entry,
)
from mechgraph.errors import Diagnostic, MechgraphError
from mechgraph.graph import mechanism as graph
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language import syntax
from mechgraph.language.syntax import NOWHERE, Span
from mechgraph.language.text import decode_rule_bytes, display_name, read_file_bytes
from mechgraph.memory import paused_gc

__all__ = ["Cache", "Entry", "cache_folder", "FORMAT"]

#: The only types an entry can name: mechgraph's frozen dataclasses and enums.
_TYPES = {
    name: kind
    for module in (syntax, graph, errors)
    for name, kind in vars(module).items()
    if isinstance(kind, type)
    and (dataclasses.is_dataclass(kind) or issubclass(kind, enum.Enum))
    and kind.__module__ == module.__name__
    and kind is not MechanismGraph
}


def cache_folder() -> Path:
    """``$MECHGRAPH_CACHE``, ``$XDG_CACHE_HOME/mechgraph`` or ``~/.cache/mechgraph``."""
    if os.environ.get("MECHGRAPH_CACHE"):
        return Path(os.environ["MECHGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mechgraph"


def _digest(path: str | os.PathLike) -> str | None:
    """The SHA-256 of a regular file's bytes (``None``: unreadable, not a regular file, too big)."""
    try:
        return hashlib.sha256(read_file_bytes(path)).hexdigest()
    except MechgraphError:
        return None


def _text(path: str, digest: str) -> str | None:
    """The rule text of ``path`` when its bytes still have ``digest`` (read once)."""
    try:
        data = read_file_bytes(path)
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        return decode_rule_bytes(data, path)
    except MechgraphError:
        return None


def _encode(value: Any) -> Any:
    """Plain JSON for a value made of known dataclasses, enums, tuples and strings."""
    if isinstance(value, enum.Enum):
        return {"@": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value):
        return {
            "@": type(value).__name__,
            "fields": {
                f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
            },
        }
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    if isinstance(value, dict):
        kind = _TYPES[value["@"]]  # KeyError for anything else: the entry is refused
        if issubclass(kind, enum.Enum):
            return kind(value["value"])
        return kind(**{name: _decode(item) for name, item in value["fields"].items()})
    return value


class _Table:
    """Distinct values and the number of each, in first-seen order."""

    def __init__(self) -> None:
        self.numbers: dict[Any, int] = {}

    def number(self, value: Any) -> int:
        return self.numbers.setdefault(value, len(self.numbers))

    def values(self) -> list:
        return list(self.numbers)


def _claim_columns(claims: Sequence[Claim]) -> dict[str, list]:
    names, files, contexts, evidence, attributes = _Table(), _Table(), _Table(), _Table(), _Table()
    relation = {r: i for i, r in enumerate(syntax.Relation)}
    status = {s: i for i, s in enumerate(syntax.Status)}
    columns = {
        "subject": [names.number(c.subject) for c in claims],
        "relation": [relation[c.relation] for c in claims],
        "object": [names.number(c.object) for c in claims],
        "context": [contexts.number(c.context) for c in claims],
        "evidence": [evidence.number(c.evidence) for c in claims],
        "status": [status[c.status] for c in claims],
        "file": [files.number(c.span.file) for c in claims],
        "line": [c.span.line for c in claims],
        "col": [c.span.col for c in claims],
        "attribute": [attributes.number(c.attributes) for c in claims],
    }
    return {
        **columns,
        "names": names.values(),
        "files": files.values(),
        "contexts": contexts.values(),
        "evidences": evidence.values(),
        "attributes": attributes.values(),
    }


def _claims(columns: dict[str, list]) -> list[Claim]:
    names, files = columns["names"], columns["files"]
    contexts = [tuple(tuple(pair) for pair in c) for c in columns["contexts"]]
    evidences = [tuple(e) for e in columns["evidences"]]
    attributes = [tuple(tuple(pair) for pair in a) for a in columns["attributes"]]
    relations, statuses = list(syntax.Relation), list(syntax.Status)
    rows = zip(
        columns["subject"],
        columns["relation"],
        columns["object"],
        columns["context"],
        columns["evidence"],
        columns["status"],
        columns["file"],
        columns["line"],
        columns["col"],
        columns["attribute"],
    )
    return Claim.numbered(
        (
            names[s],
            relations[r],
            names[o],
            contexts[c],
            evidences[e],
            statuses[t],
            Span(files[f], line, col),
            attributes[a],
        )
        for s, r, o, c, e, t, f, line, col, a in rows
    )


def _graph_document(g: MechanismGraph) -> dict[str, Any]:
    return {
        "entities": _encode([g.entity(name) for name in sorted(g.links.nodes)]),
        "isa": [
            [m, p, _encode(g.hierarchy.edges[m, p].get("span", NOWHERE))]
            for m, p in sorted(g.hierarchy.edges)
        ],
        "values": {
            key: {"declared": sorted(values), "isa": sorted(values.edges)}
            for key, values in sorted(g.values.items())
        },
        "quantities": {
            "dimensions": g.dimensions,
            "definitions": g.definitions,
            "scales": g.scales,
        },
        "sources": _encode(list(g.sources.values())),
        "hypotheses": _encode(list(g.hypotheses.values())),
        "experiments": _encode(list(g.experiments.values())),
        "files": g.files,
        "claims": _claim_columns(g.claims),
    }


def _graph(document: dict[str, Any], texts: dict[str, str]) -> MechanismGraph:
    g = MechanismGraph(files=list(document["files"]), texts=texts)
    g.add_entities(_decode(document["entities"]))
    for key, values in document["values"].items():
        for value in values["declared"]:
            g.add_value(key, value)
        for narrower, broader in values["isa"]:
            g.add_value_isa(key, narrower, broader)
    g.add_isas((member, parent, _decode(span)) for member, parent, span in document["isa"])
    quantities = document["quantities"]
    g.dimensions = dict(quantities["dimensions"])
    g.definitions = {
        key: {value: (target, condition) for value, (target, condition) in named.items()}
        for key, named in quantities["definitions"].items()
    }
    g.scales = {unit: (factor, found) for unit, (factor, found) in quantities["scales"].items()}
    g.sources = {s.name: s for s in _decode(document["sources"])}
    g.add_claims(_claims(document["claims"]))
    g.hypotheses = {h.name.name: h for h in _decode(document["hypotheses"])}
    g.experiments = {e.name.name: e for e in _decode(document.get("experiments", []))}
    return g


@dataclass(frozen=True)
class Entry:
    """What a cache entry gives back: the compiled graph and the load's warnings."""

    graph: MechanismGraph
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Cache:
    """Compiled rules by the contents of their files, in ``folder``."""

    folder: Path

    @classmethod
    def default(cls) -> Cache:
        return cls(cache_folder())

    def key(self, paths: Iterable[str | os.PathLike]) -> str | None:
        """The entry name for loading ``paths`` as they are now (``None``: unreadable)."""
        return self._key(paths, _digest)

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
                texts = {path: _text(path, digest) for path, digest in document["read"]}
                if None in texts.values():
                    return None  # a rule file changed: the entry is stale, not damaged
                graph = _graph(document["graph"], texts)
                diagnostics = _decode(document["diagnostics"])
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
        with paused_gc():  # one string in C (json.dump would encode piece by piece in Python)
            text = json.dumps(
                {
                    "format": FORMAT,
                    "read": read,
                    "graph": _graph_document(entry.graph),
                    "diagnostics": _encode(list(entry.diagnostics)),
                },
                separators=(",", ":"),
            )
        store_entry(self.folder, key, text.encode("utf-8"), self.limit)

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
