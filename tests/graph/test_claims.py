"""Tests of mechgraph.graph.claims: claims as columns against the Claim objects they hold."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.graph.claims import COLUMNS, RELATIONS, STATUSES, TABLES, Claim, ClaimTable
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import NOWHERE, Relation, Span, Status

words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=4)
pairs = st.lists(st.tuples(words, words), max_size=3).map(lambda p: tuple(sorted(p)))
spans = st.one_of(
    st.just(NOWHERE),
    st.builds(Span, st.sampled_from(["a.mg", "b/c.mg"]), st.integers(1, 10**6), st.integers(1, 99)),
)
rows = st.tuples(
    words,
    st.sampled_from(RELATIONS),
    words,
    pairs,
    st.lists(words, max_size=3).map(tuple),
    st.sampled_from(STATUSES),
    spans,
    st.lists(st.tuples(words, words), max_size=2).map(tuple),
)
claim_lists = st.lists(rows, max_size=25).map(lambda r: Claim.numbered(r))


def _columns(table: ClaimTable) -> dict:
    return {name: getattr(table, name) for name in (*COLUMNS, *TABLES)}


class TestRoundTrip:
    @settings(max_examples=150)
    @given(claims=claim_lists)
    def test_from_claims_gives_back_the_claims(self, claims):
        """Check that from_claims → columns → Claim objects gives back equal claims, spans too."""
        table = ClaimTable.from_claims(claims)
        assert len(table) == len(claims)
        assert list(table) == claims
        assert [table[i] for i in range(len(table))] == claims
        assert [c.span for c in table] == [c.span for c in claims]
        again = ClaimTable.from_columns(**_columns(table))
        assert again == claims and again == table

    @settings(max_examples=150)
    @given(claims=claim_lists, cut=st.integers(0, 25))
    def test_appended_claims_join_the_columns(self, claims, cut):
        """Check that claims appended to a column table read back the same, before and after
        the columns are read (which joins them in and merges the tables)."""
        cut = min(cut, len(claims))
        table = ClaimTable.from_claims(claims[:cut])
        table.extend(claims[cut:])
        assert list(table) == claims
        table.columns()
        assert list(table) == claims and table.names == tuple(sorted(table.names))
        fresh = ClaimTable.from_claims(claims)
        assert table.names == fresh.names
        assert table.subject.tolist() == fresh.subject.tolist()

    @settings(max_examples=100)
    @given(claims=claim_lists)
    def test_columns_have_the_contract_dtypes(self, claims):
        """Check the schema: dtypes, and that every code points into its table."""
        table = ClaimTable.from_claims(claims)
        for name, dtype in COLUMNS.items():
            assert getattr(table, name).dtype == np.dtype(dtype)
        for claim, s, o, r, t in zip(
            claims, table.subject, table.object, table.relation, table.status
        ):
            assert (table.names[s], table.names[o]) == (claim.subject, claim.object)
            assert (RELATIONS[r], STATUSES[t]) == (claim.relation, claim.status)
        assert all(ctx == tuple(sorted(ctx)) for ctx in table.contexts)


def test_memory_mapped_columns_are_kept_as_they_are(tmp_path):
    """Check that from_columns keeps arrays of the right dtype (a memory map) uncopied."""
    claims = [Claim(0, "a", Relation.INCREASES, "b"), Claim(1, "b", Relation.DECREASES, "c")]
    table = ClaimTable.from_claims(claims)
    columns = _columns(table)
    np.save(tmp_path / "subject.npy", table.subject)
    columns["subject"] = np.load(tmp_path / "subject.npy", mmap_mode="r")
    again = ClaimTable.from_columns(**columns)
    assert isinstance(again.subject, np.memmap) and list(again) == claims


def test_bad_tables_are_refused():
    """Check that columns of different lengths and ids out of order are refused."""
    table = ClaimTable.from_claims([Claim(0, "a", Relation.INCREASES, "b")])
    columns = _columns(table)
    columns["line"] = np.zeros(2, np.int32)
    with pytest.raises(ValueError, match="length"):
        ClaimTable.from_columns(**columns)
    with pytest.raises(ValueError, match="ids"):
        ClaimTable.from_claims([Claim(1, "a", Relation.INCREASES, "b")])
    with pytest.raises(ValueError, match="continue"):
        table.append(Claim(0, "a", Relation.INCREASES, "b"))


def test_slices_negative_ids_and_equality():
    """Check Sequence behaviour: slices, negative ids, IndexError, comparison with lists."""
    claims = [Claim(i, "a", Relation.INCREASES, f"b{i}", status=Status.OBSERVED) for i in range(4)]
    table = ClaimTable.from_claims(claims)
    assert table[1:3] == claims[1:3] and table[-1] == claims[-1]
    assert claims == table and table != claims[:2] and table != "abc"
    with pytest.raises(IndexError):
        table[4]


class TestGraphLinks:
    def test_links_are_made_only_when_read(self):
        """Check that questions need no networkx graph: it is made on first read of links."""
        g = MechanismGraph()
        g.add_claim("a", Relation.INCREASES, "b")
        g.add_claim("b", Relation.DECREASES, "c")
        assert g.index.names == ("a", "b", "c") and g._links is None
        assert "b" in g and g.entity("c").kind == "entity"
        assert list(g.links.edges(keys=True)) == [("a", "b", 0), ("b", "c", 1)]
        g.add_claim("c", Relation.INCREASES, "d")
        assert list(g.links.edges(keys=True))[-1] == ("c", "d", 2)

    def test_node_order_follows_the_calls(self):
        """Check that nodes keep the order entities and claims brought them, as networkx would."""
        from mechgraph.graph.mechanism import Entity

        g = MechanismGraph()
        g.add_claim("z", Relation.INCREASES, "y")
        g.add_entity(Entity("x", "drug"))
        g.add_claim("w", Relation.INCREASES, "z")
        assert list(g.links) == ["z", "y", "x", "w"]
