"""SIF and CIF line shapes: unknown signs, AND gates, headers, mixed whitespace."""

from __future__ import annotations

import pytest

from mechgraph.errors import MechgraphError
from mechgraph.formats import import_file
from mechgraph.language.syntax import Link, Relation, Status

from formats_support import rule_links


def _import(tmp_path, text, format="sif", name="x.sif"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_file(format, str(path))


def _arrows(result):
    return {(s, r, o) for (s, r, o, _, _) in rule_links(result.rule_file)}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("?araC -> araD", ("araC", Relation.ASSOCIATION, "araD")),
        ("!GSK3B -> synaptogenesis", ("GSK3B", Relation.DECREASES, "synaptogenesis")),
        ("a\t-1 b", ("a", Relation.DECREASES, "b")),
        ("a 1\tb", ("a", Relation.INCREASES, "b")),
        (
            "cell growth\t1\tsurvival of cells",
            ("cell growth", Relation.INCREASES, "survival of cells"),
        ),
    ],
)
def test_cif_and_mixed_whitespace_lines(tmp_path, line, expected):
    """Check that CIF prefixes and mixed tabs and spaces give the link they mean."""
    assert _arrows(_import(tmp_path, line + "\n")) == {expected}


@pytest.mark.parametrize("line", ["!ras_gap&grb2_sos -> mek1", "a & b -> c", "A + B -> C"])
def test_and_gates_are_skipped_where_the_gate_is(tmp_path, line):
    """Check that an AND gate is never an entity called 'a&b': a located skip instead."""
    result = _import(tmp_path, line + "\n")
    assert not [s for s in result.rule_file.statements if isinstance(s, Link)]
    (warning,) = result.diagnostics
    assert "AND gate" in warning.message and "not supported" in warning.message
    assert warning.col == line.index("&" if "&" in line else "+") + 1


@pytest.mark.parametrize(
    "header", ["source\tinteraction\ttarget", "node1 type node2", "Source Target Sign"]
)
def test_a_header_line_is_noted_not_an_error(tmp_path, header):
    """Check that a first line of column names is skipped with a note."""
    result = _import(tmp_path, f"{header}\na\t1\tb\n")
    assert _arrows(result) == {("a", Relation.INCREASES, "b")}
    assert [d.severity.value for d in result.diagnostics] == ["note"]


def test_a_header_word_later_in_the_file_is_data(tmp_path):
    """Check that only the first line can be a header: later lines keep their errors."""
    with pytest.raises(MechgraphError, match="unknown relation 'interaction'"):
        _import(tmp_path, "a 1 b\nsource interaction target\n")


def test_omnipath_both_signs_and_undirected(tmp_path):
    """Check OmniPath rows: both flags give two links, an undirected row an association."""
    text = (
        "source\ttarget\tis_directed\tis_stimulation\tis_inhibition\n"
        "P31749\tP49841\t1\t1\t1\nP62993\tQ07889\t0\t1\t0\n"
    )
    arrows = _arrows(_import(tmp_path, text, "omnipath", "o.tsv"))
    assert arrows == {
        ("P31749", Relation.INCREASES, "P49841"),
        ("P31749", Relation.DECREASES, "P49841"),
        ("P62993", Relation.ASSOCIATION, "Q07889"),
    }


def test_signor_tab_separated_and_columns_in_any_order(tmp_path):
    """Check that SIGNOR's TSV form and a shuffled header read the same as its CSV."""
    text = "effect\tpmid\tentityb\tentitya\nup-regulates quantity\t123\tB\tA\n"
    result = _import(tmp_path, text, "signor", "s.tsv")
    assert rule_links(result.rule_file) == {
        ("A", Relation.INCREASES, "B", (), Status.OBSERVED): frozenset({"pmid:123"})
    }
