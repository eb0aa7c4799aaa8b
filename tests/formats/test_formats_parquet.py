"""Parquet export: the compiled model as tables that Arrow and DuckDB read back whole."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings

from mechgraph.errors import MechgraphError
from mechgraph.formats.parquet import PARQUET_FORMAT, parquet_tables, write_parquet
from mechgraph.model import load

from formats_support import graph_entities, graph_links, mechanism_graphs

pq = pytest.importorskip("pyarrow.parquet")


def _links_of(folder) -> dict[tuple, frozenset[str]]:
    """The links as :func:`graph_links` keys them (citations by reference, through the sources
    table), read from the written claims table."""
    sources = pq.read_table(folder / "sources.parquet").to_pylist()
    reference = {row["name"]: row["reference"] for row in sources}
    out: dict[tuple, frozenset[str]] = {}
    for row in pq.read_table(folder / "claims.parquet").to_pylist():
        context = tuple(sorted((p["key"], p["value"]) for p in row["context"]))
        key = (row["subject"], row["relation"], row["object"], context, row["status"])
        out[key] = out.get(key, frozenset()) | {reference.get(e, e) for e in row["evidence"]}
    return out


@settings(max_examples=30, deadline=None)
@given(graph=mechanism_graphs())
def test_claims_and_entities_come_back_from_the_files(graph, tmp_path_factory):
    """Check that every claim (relation, context, evidence, status) and entity is in the tables."""
    folder = tmp_path_factory.mktemp("parquet")
    write_parquet(graph, folder)
    expected = {
        (s, r.value, o, ctx, st.value): refs
        for (s, r, o, ctx, st), refs in graph_links(graph).items()
    }
    assert _links_of(folder) == expected
    rows = pq.read_table(folder / "entities.parquet").to_pylist()
    assert {r["name"]: (r["kind"], r["label"], r["identifier"]) for r in rows} == graph_entities(
        graph
    )
    members = pq.read_table(folder / "memberships.parquet").to_pylist()
    assert {(r["member"], r["class"]) for r in members} == set(graph.hierarchy.edges)


def test_the_seed_as_tables_with_a_manifest(tmp_path):
    """Check the seed's tables against its model: counts, context rows, quantity keys, blocks."""
    graph = load("rules").graph
    counts = write_parquet(graph, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["version"] == PARQUET_FORMAT and manifest["tables"] == counts
    for name, rows in counts.items():
        assert pq.read_table(tmp_path / f"{name}.parquet").num_rows == rows
    assert counts["claims"] == len(graph.claims)
    assert counts["claim_context"] == sum(len(c.context) for c in graph.claims)
    keys = pq.read_table(tmp_path / "context_keys.parquet").to_pylist()
    assert {
        "key": "duration",
        "dimension": None,
        "value": "chronic",
        "condition_key": "period",
        "condition": ">=14d",
    } in keys
    statements = pq.read_table(tmp_path / "hypotheses.parquet").to_pylist()
    assert sum(
        len([s for s in h.statements if type(s).__name__ != "Comment"])
        for h in graph.hypotheses.values()
    ) == len(statements)


def test_duckdb_joins_the_tables(tmp_path):
    """Check with a real client that the tables join: the seed's one-hop routes to the
    common pathway, with their context, read by DuckDB."""
    duckdb = pytest.importorskip("duckdb")
    write_parquet(load("rules").graph, tmp_path)
    rows = duckdb.sql(
        f"""
        select c.subject, c.sign, x.value
        from '{tmp_path}/claims.parquet' c
        join '{tmp_path}/claim_context.parquet' x on x.claim = c.id and x.key = 'duration'
        where c.object = 'NMDA_adaptation'
        order by c.subject, c.sign
        """
    ).fetchall()
    assert ("antidepressant", "0", "acute") in rows
    assert ("imipramine", "+", "chronic") in rows


def test_a_missing_pyarrow_is_a_clear_error(monkeypatch):
    """Check that without pyarrow the export says what to install (no traceback)."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MechgraphError, match="needs pyarrow"):
        parquet_tables(load("rules").graph)


def test_cli_export_parquet(tmp_path):
    """Check the verb: a folder with -o, --json counts, and a usage error without -o."""
    command = [sys.executable, "-m", "mechgraph", "export", "parquet", "rules/"]
    done = subprocess.run([*command, "-o", str(tmp_path), "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tables"]["claims"] == len(load("rules").graph.claims)
    missing = subprocess.run(command, capture_output=True, text=True)
    assert missing.returncode == 2
    assert "folder of tables" in missing.stderr and "Traceback" not in missing.stderr
