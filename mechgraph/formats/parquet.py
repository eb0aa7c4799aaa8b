"""The compiled model as Parquet tables, for Spark, DuckDB, Polars and pandas.

:func:`parquet_tables` turns a :class:`MechanismGraph` into Arrow tables, one
per kind of thing the rules state; :func:`write_parquet` writes each to
``FOLDER/NAME.parquet`` (atomically, one file at a time) beside a
``manifest.json`` that names the tables, their row counts and the format
version.  The tables are flat, for joins:

==================  ===============================================================
table               columns
==================  ===============================================================
entities            name, kind, label, identifier, attributes (list of key/value)
claims              id, subject, relation (arrow), relation_word, sign, object,
                    status, evidence (list), context (list of key/value),
                    attributes (list of key/value), file, line, column
claim_context       claim, key, value (one row per context pair of a claim)
memberships         member, class, file, line (``isa`` between entities)
context_values      key, value, broader (``broader`` is null at the top)
context_keys        key, dimension, value, condition_key, condition (quantity keys
                    and named values defined by a condition)
sources             name, reference, title
hypotheses          hypothesis, position, statement (rule text), file, line
experiments         experiment, position, statement (rule text), context, file, line
nodes               id, name (the traversal index's entity ids: names in sorted order)
contexts            id, context (list of key/value): the distinct contexts claims state
hops                source, target (node ids), claim (-1: a membership climb), code
                    (sign: 0 ``+``, 1 ``-``, 2 unsigned), context (id; -1 for a
                    climb), hypothetical: every hop a search may take (``-0`` claims
                    are never taken), what the Spark engine reads
==================  ===============================================================

>>> from mechgraph.model import Model
>>> model = Model.from_text("drug a\\nprocess b\\na -> b [species=mouse] @pmid:1\\n")
>>> tables = parquet_tables(model.graph)
>>> tables["claims"].column("sign").to_pylist(), tables["claim_context"].num_rows
(['+'], 1)
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mechgraph.errors import Diagnostic, MechgraphError
from mechgraph.files import write_atomic
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.formatter import format_statement
from mechgraph.language.syntax import NOWHERE, Comment
from mechgraph.version import __version__

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["PARQUET_FORMAT", "hop_tables", "parquet_tables", "write_parquet"]

#: The version of the table layout, in ``manifest.json`` (raised when a column changes).
PARQUET_FORMAT = 1


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # the writer, used through the package
    except ImportError:
        raise MechgraphError(
            Diagnostic.error(
                "Parquet export needs pyarrow",
                hint="pip install 'mechgraph[scale]' (or pip install pyarrow)",
                code="missing-dependency",
            )
        ) from None
    return pyarrow


def _pairs(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in pairs]


def parquet_tables(graph: MechanismGraph) -> dict[str, pa.Table]:
    """Every table of the model by name (see the module's table of columns)."""
    pa = _arrow()
    pairs = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
    entities = list(graph.entities())
    claims = graph.claims
    tables = {
        "entities": pa.table(
            {
                "name": [e.name for e in entities],
                "kind": [e.kind for e in entities],
                "label": [e.label for e in entities],
                "identifier": [dict(e.attributes).get("id") for e in entities],
                "attributes": pa.array([_pairs(e.attributes) for e in entities], pairs),
            }
        ),
        "claims": pa.table(
            {
                "id": pa.array([c.id for c in claims], pa.int64()),
                "subject": [c.subject for c in claims],
                "relation": [c.relation.value for c in claims],
                "relation_word": [c.relation.word for c in claims],
                "sign": [c.sign.value for c in claims],
                "object": [c.object for c in claims],
                "status": [c.status.value for c in claims],
                "evidence": pa.array([list(c.evidence) for c in claims], pa.list_(pa.string())),
                "context": pa.array([_pairs(c.context) for c in claims], pairs),
                "attributes": pa.array([_pairs(c.attributes) for c in claims], pairs),
                "file": [c.span.file for c in claims],
                "line": pa.array([c.span.line for c in claims], pa.int32()),
                "column": pa.array([c.span.col for c in claims], pa.int32()),
            }
        ),
        "claim_context": _rows(
            pa,
            ("claim", "key", "value"),
            ((c.id, k, v) for c in claims for k, v in c.context),
            {"claim": pa.int64()},
        ),
        "memberships": _rows(
            pa,
            ("member", "class", "file", "line"),
            (
                (m, p, span.file, span.line)
                for m, p, span in graph.hierarchy.edges(data="span", default=NOWHERE)
            ),
            {"line": pa.int32()},
        ),
        "context_values": _rows(pa, ("key", "value", "broader"), _value_rows(graph)),
        "context_keys": _rows(
            pa,
            ("key", "dimension", "value", "condition_key", "condition"),
            _key_rows(graph),
        ),
        "sources": _rows(
            pa,
            ("name", "reference", "title"),
            ((s.name, s.reference, s.title) for s in graph.sources.values()),
        ),
        "hypotheses": _rows(
            pa,
            ("hypothesis", "position", "statement", "file", "line"),
            _block_rows(graph.hypotheses.values()),
            {"position": pa.int32(), "line": pa.int32()},
        ),
        "experiments": _rows(
            pa,
            ("experiment", "position", "statement", "context", "file", "line"),
            (
                (*row[:3], ", ".join(f"{q.key}={q.value}" for q in block.context), *row[3:])
                for block in graph.experiments.values()
                for row in _block_rows([block])
            ),
            {"position": pa.int32(), "line": pa.int32()},
        ),
    }
    tables.update(hop_tables(graph))
    return tables


def hop_tables(graph: MechanismGraph) -> dict[str, pa.Table]:
    """The ``nodes``, ``contexts`` and ``hops`` tables: the traversal index as columns.

    >>> from mechgraph.model import Model
    >>> model = Model.from_text("class C\\nm isa C\\nC -> x [species=mouse]\\n")
    >>> hops = hop_tables(model.graph)["hops"].to_pylist()
    >>> [(h["source"], h["target"], h["claim"], h["context"]) for h in hops]
    [(0, 2, 0, 0), (1, 0, -1, -1)]
    """
    pa = _arrow()
    pairs = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
    index = graph.index
    hops = index.hops
    claim = hops.claim.astype("int64")
    known = claim >= 0
    safe = claim.clip(0, None)
    contexts = index.context_of[safe] if len(index.context_of) else claim * 0
    hypothetical = index.hypothetical[safe] if len(index.hypothetical) else known
    return {
        "nodes": pa.table(
            {"id": pa.array(range(len(index.names)), pa.int32()), "name": list(index.names)}
        ),
        "contexts": pa.table(
            {
                "id": pa.array(range(len(index.contexts)), pa.int32()),
                "context": pa.array([_pairs(c) for c in index.contexts], pairs),
            }
        ),
        "hops": pa.table(
            {
                "source": pa.array(hops.source, pa.int32()),
                "target": pa.array(hops.target, pa.int32()),
                "claim": pa.array(claim, pa.int64()),
                "code": pa.array(hops.code, pa.int8()),
                "context": pa.array((contexts * known - ~known).astype("int32"), pa.int32()),
                "hypothetical": pa.array(hypothetical & known, pa.bool_()),
            }
        ),
    }


def _rows(
    pa: Any, names: tuple[str, ...], rows: Iterable[tuple], types: dict[str, Any] | None = None
) -> pa.Table:
    """A table from row tuples; columns are strings unless ``types`` says otherwise."""
    columns: list[list] = [[] for _ in names]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    types = types or {}
    return pa.table(
        {n: pa.array(c, types.get(n, pa.string())) for n, c in zip(names, columns, strict=True)}
    )


def _value_rows(graph: MechanismGraph) -> Iterable[tuple[str, str, str | None]]:
    for key, values in sorted(graph.values.items()):
        for value in sorted(values):
            broader = sorted(values.successors(value)) or [None]
            yield from ((key, value, b) for b in broader)


def _key_rows(graph: MechanismGraph) -> Iterable[tuple[str | None, ...]]:
    for key, dimension in sorted(graph.dimensions.items()):
        yield key, dimension, None, None, None
    for key, named in sorted(graph.definitions.items()):
        for value, (condition_key, condition) in sorted(named.items()):
            yield key, None, value, condition_key, condition


def _block_rows(blocks: Iterable[Any]) -> Iterable[tuple[str, int, str, str, int]]:
    for block in blocks:
        said = (s for s in block.statements if not isinstance(s, Comment))
        for position, statement in enumerate(said):
            span = statement.span
            yield block.name.name, position, format_statement(statement), span.file, span.line


def write_parquet(graph: MechanismGraph, folder: str | os.PathLike[str]) -> dict[str, int]:
    """Write every table to ``folder/NAME.parquet`` and ``folder/manifest.json``.

    Returns the row count of each table.  Each file is written atomically;
    the manifest last, so a folder with a manifest is complete.
    """
    pq = _arrow().parquet
    counts = {}
    for name, table in parquet_tables(graph).items():
        buffer = io.BytesIO()
        pq.write_table(table, buffer, compression="zstd")
        write_atomic(os.path.join(folder, f"{name}.parquet"), buffer.getvalue())
        counts[name] = table.num_rows
    manifest = {
        "format": "mechgraph-parquet",
        "version": PARQUET_FORMAT,
        "mechgraph": __version__,
        "tables": counts,
    }
    write_atomic(os.path.join(folder, "manifest.json"), json.dumps(manifest, indent=2) + "\n")
    return counts
