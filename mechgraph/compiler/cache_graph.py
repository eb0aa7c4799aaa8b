"""A compiled graph as a cache entry: numpy arrays for its columns, small JSON for the rest.

:func:`graph_parts` splits a :class:`~mechgraph.graph.mechanism.MechanismGraph`
into a JSON document and named arrays; :func:`graph_of` puts it together
again without rebuilding anything: the claims stay columns
(:class:`~mechgraph.graph.claims.ClaimTable`), the entities and ``isa``
edges too (:mod:`mechgraph.graph.entities`), and the traversal index — hop
arrays, their three CSR layouts, the entities on cycles — is the one stored.
``links`` and ``hierarchy`` are made only if something reads them.

The arrays (every one int32 unless said):

* ``names.text`` (uint8): the index's entity names, UTF-8, NUL-separated;
* ``entities.node`` (each node's name, in node order) and ``entities.kind``,
  ``.label``, ``.attributes``, ``.file``, ``.line``, ``.col``;
* ``isa.member``, ``.parent`` (names), ``.file``, ``.line``, ``.col``, and ``.up``,
  ``.down``: the edges in order of member, of parent;
* ``claims.subject``, ``.object`` (names), ``.relation``, ``.status`` (int8),
  ``.context`` (sorted contexts: the index's), ``.evidence``, ``.attributes``,
  ``.file``, ``.line``, ``.col``; the distinct contexts, sorted: ``contexts.start``
  (int64) cutting the pairs ``contexts.keys``/``.values`` (uint8 UTF-8, cut at
  ``.key_bounds``/``.value_bounds``, int64); ``citations.start`` (int64), ``.items``
  (into the strings ``citations.text``, uint8 UTF-8, cut at ``citations.bounds``,
  int64): the evidence tuples, flat, decoded when read;
* ``hops.source``, ``.target``, ``.claim``, ``.code`` (int8), ``hops.cycles``
  (uint8) and ``backward.indptr``, ``.indices``, ``.claim`` (the layout a plain
  question searches; the others are built when a question needs them).

Only mechgraph's own dataclasses and enums can be named in the JSON
(:func:`encode`, :func:`decode`); every code in an array is checked against
its table when read (``ValueError`` otherwise), so a damaged entry is a miss.

>>> import json
>>> from mechgraph.model import Model
>>> graph = Model.from_text("drug a\\nprocess b\\na -> b [duration=acute] @pmid:1").graph
>>> document, arrays = graph_parts(graph)
>>> again = graph_of(json.loads(json.dumps(document)), arrays, {})
>>> list(again.claims) == list(graph.claims), again.index.names == graph.index.names
(True, True)
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from mechgraph import errors
from mechgraph.graph import claim as claim_module
from mechgraph.graph import entities as entity_module
from mechgraph.graph import mechanism
from mechgraph.graph.claims import COLUMNS, STATUSES, ClaimTable
from mechgraph.graph.cycles import on_cycles
from mechgraph.graph.entities import EntityTable, IsaTable, Source
from mechgraph.graph.index import index_of
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.ragged import PairTable, Ragged, StringTable
from mechgraph.graph.traversal import HopArrays
from mechgraph.language import syntax
from mechgraph.language.syntax import NOWHERE, Span, Status

__all__ = ["encode", "decode", "graph_parts", "graph_of"]

#: The only types an entry can name: mechgraph's frozen dataclasses and enums.
_TYPES = {
    name: kind
    for module in (syntax, mechanism, claim_module, entity_module, errors)
    for name, kind in vars(module).items()
    if isinstance(kind, type)
    and (dataclasses.is_dataclass(kind) or issubclass(kind, enum.Enum))
    and kind.__module__ == module.__name__
    and kind is not MechanismGraph
}


def encode(value: Any) -> Any:
    """Plain JSON for a value made of known dataclasses, enums, tuples and strings."""
    if isinstance(value, enum.Enum):
        return {"@": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value):
        return {
            "@": type(value).__name__,
            "fields": {
                f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
            },
        }
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    return value


def decode(value: Any) -> Any:
    """The value :func:`encode` made (``KeyError`` for a type it cannot have made)."""
    if isinstance(value, list):
        return tuple(decode(item) for item in value)
    if isinstance(value, dict):
        kind = _TYPES[value["@"]]  # KeyError for anything else: the entry is refused
        if issubclass(kind, enum.Enum):
            return kind(value["value"])
        return kind(**{name: decode(item) for name, item in value["fields"].items()})
    return value


def _text_array(strings: Sequence[str]) -> np.ndarray:
    if any("\0" in s for s in strings):
        raise ValueError("a name holds NUL")
    return np.frombuffer("\0".join(strings).encode("utf-8"), np.uint8)


def _text(array: np.ndarray, count: int) -> list[str]:
    strings = array.tobytes().decode("utf-8").split("\0") if count else []
    if len(strings) != count:
        raise ValueError("string table of another length")
    return strings


def _pairs(sets: Any) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(tuple((str(k), str(v)) for k, v in pairs) for pairs in sets)


def graph_parts(g: MechanismGraph) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """``g`` as a JSON-able document and named arrays (see the module)."""
    index = g.index
    names = index.names
    ids = index.ids
    nodes = list(g.node_names())
    entities = EntityTable.from_nodes({name: g.declared(name) for name in nodes})
    isa = IsaTable.from_edges(
        names, ((m, p, span) for m, p, span in g.hierarchy.edges(data="span", default=NOWHERE))
    )
    table = g.claims
    columns, tables = table.columns(), table.tables()
    renumber = np.fromiter((ids[name] for name in tables["names"]), np.int32)
    arrays: dict[str, np.ndarray] = {
        "names.text": _text_array(names),
        "entities.node": np.fromiter((ids[name] for name in nodes), np.int32, len(nodes)),
    }
    arrays |= {f"entities.{c}": entities.columns[c] for c in EntityTable.COLUMNS}
    arrays |= {f"isa.{c}": isa.columns[c] for c in IsaTable.COLUMNS}
    arrays |= {f"isa.{d}": isa.order(d).astype(np.int32) for d in ("up", "down")}
    arrays |= {f"claims.{c}": columns[c] for c in COLUMNS}
    arrays["claims.subject"] = renumber[columns["subject"]] if len(table) else columns["subject"]
    arrays["claims.object"] = renumber[columns["object"]] if len(table) else columns["object"]
    arrays["claims.context"] = index.context_of.astype(np.int32)
    pairs = PairTable.of(pair for context in index.contexts for pair in context)
    arrays |= {
        "contexts.start": Ragged.of(index.contexts).start,
        "contexts.keys": pairs.keys.text,
        "contexts.key_bounds": pairs.keys.bounds,
        "contexts.values": pairs.values.text,
        "contexts.value_bounds": pairs.values.bounds,
    }
    citations = Ragged.of(tables["citations"])
    strings = StringTable.of(citations.strings)
    arrays |= {
        "citations.start": citations.start,
        "citations.items": citations.items,
        "citations.text": strings.text,
        "citations.bounds": strings.bounds,
    }
    arrays |= index.hops.stored()
    arrays["hops.cycles"] = np.frombuffer(on_cycles(index.hops), np.uint8)
    document = {
        "counts": {"names": len(names)},
        "entities": {name: list(entities.tables[name]) for name in EntityTable.TABLES},
        "isa_files": list(isa.files),
        "claims": {
            "values": _claim_values(index.contexts),
            "attribute_sets": list(tables["attribute_sets"]),
            "files": list(tables["files"]),
        },
        "values": {
            key: {"declared": sorted(values), "isa": sorted(values.edges)}
            for key, values in sorted(g.values.items())
        },
        "quantities": {
            "dimensions": g.dimensions,
            "definitions": g.definitions,
            "scales": g.scales,
        },
        "sources": [[s.name, s.reference, s.title, *s.span] for s in g.sources.values()],
        "hypotheses": encode(list(g.hypotheses.values())),
        "experiments": encode(list(g.experiments.values())),
        "files": g.files,
    }
    return document, arrays


def _claim_values(contexts: Sequence[tuple[tuple[str, str], ...]]) -> dict[str, list[str]]:
    """Per context key, the values claims state, sorted."""
    found: dict[str, set[str]] = {}
    for context in contexts:
        for key, value in context:
            found.setdefault(key, set()).add(value)
    return {key: sorted(values) for key, values in sorted(found.items())}


def _check(column: np.ndarray, low: int, high: int, what: str) -> None:
    if len(column) and (int(column.min()) < low or int(column.max()) >= high):
        raise ValueError(f"{what} out of range")


def graph_of(
    document: Mapping[str, Any], arrays: Mapping[str, np.ndarray], texts: Mapping[str, str]
) -> MechanismGraph:
    """The graph :func:`graph_parts` split (``ValueError``, ``KeyError``, ``TypeError``
    when the parts do not fit together)."""
    counts = document["counts"]
    names = tuple(_text(arrays["names.text"], counts["names"]))
    node = arrays["entities.node"]
    _check(node, 0, len(names), "entity node")
    if len(node) == len(names) and np.array_equal(node, np.arange(len(names))):
        node_names = names
    else:
        node_names = tuple(names[i] for i in node.tolist())
    entity_tables = document["entities"]
    entity_tables = {
        "kinds": tuple(map(str, entity_tables["kinds"])),
        "labels": tuple(map(str, entity_tables["labels"])),
        "attribute_sets": _pairs(entity_tables["attribute_sets"]),
        "files": tuple(map(str, entity_tables["files"])),
    }
    entity_columns = {c: arrays[f"entities.{c}"] for c in EntityTable.COLUMNS}
    _check(entity_columns["kind"], -1, len(entity_tables["kinds"]), "entity kind")
    _check(entity_columns["label"], -1, len(entity_tables["labels"]), "entity label")
    _check(entity_columns["attributes"], 0, len(entity_tables["attribute_sets"]), "attributes")
    _check(entity_columns["file"], 0, len(entity_tables["files"]), "entity file")
    entities = EntityTable(
        node_names, entity_columns, entity_tables, sorted_names=node_names is names
    )
    isa_files = tuple(map(str, document["isa_files"]))
    isa_columns = {c: arrays[f"isa.{c}"] for c in IsaTable.COLUMNS}
    for end in ("member", "parent"):
        _check(isa_columns[end], 0, len(names), "isa edge")
    _check(isa_columns["file"], 0, len(isa_files), "isa file")
    orders = {d: arrays[f"isa.{d}"] for d in ("up", "down")}
    isa = IsaTable(names, isa_columns, isa_files, sorted_names=True, orders=orders)

    tables = document["claims"]
    pairs = PairTable(
        StringTable(arrays["contexts.keys"], arrays["contexts.key_bounds"]),
        StringTable(arrays["contexts.values"], arrays["contexts.value_bounds"]),
    )
    start = arrays["contexts.start"]
    contexts = Ragged(pairs, start, np.arange(len(pairs)))
    strings = StringTable(arrays["citations.text"], arrays["citations.bounds"])
    citations = Ragged(strings, arrays["citations.start"], arrays["citations.items"])
    claims = ClaimTable.from_columns(
        names=names,
        contexts=contexts,
        citations=citations,
        attribute_sets=_pairs(tables["attribute_sets"]),
        files=tuple(map(str, tables["files"])),
        **{c: arrays[f"claims.{c}"] for c in COLUMNS},
    )
    claims.check()
    hops = HopArrays.from_stored(len(names), len(claims), arrays)
    cycles = arrays["hops.cycles"]
    if len(cycles) != len(names):
        raise ValueError("cycle marks of another length")
    hops.remember_cycles(cycles.tobytes())

    values = {
        str(key): (list(map(str, lists["declared"])), [(str(a), str(b)) for a, b in lists["isa"]])
        for key, lists in document["values"].items()
    }
    g = MechanismGraph.stored(
        entities=entities,
        isa=isa,
        claims=claims,
        values=values,
        files=list(map(str, document["files"])),
        texts=texts,
    )
    quantities = document["quantities"]
    g.dimensions = dict(quantities["dimensions"])
    g.definitions = {
        key: {value: (target, condition) for value, (target, condition) in named.items()}
        for key, named in quantities["definitions"].items()
    }
    g.scales = {unit: (factor, found) for unit, (factor, found) in quantities["scales"].items()}
    g.sources = {}
    for name, reference, title, file, line, col in document["sources"]:
        g.sources[name] = Source(name, reference, title, Span(file, line, col))
    g.hypotheses = {h.name.name: h for h in decode(document["hypotheses"])}
    g.experiments = {e.name.name: e for e in decode(document["experiments"])}
    claim_values = {str(key): set(map(str, values)) for key, values in tables["values"].items()}
    hypothetical = claims.status == STATUSES.index(Status.HYPOTHESIS)
    g.adopt_index(index_of(g, names, hops, contexts, claims.context, hypothetical, claim_values))
    return g
