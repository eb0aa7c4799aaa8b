"""Malformed input of each format: located errors (file:line:col, caret, hint), nothing imported."""

from __future__ import annotations

import pytest

from mechgraph.errors import MechgraphError
from mechgraph.formats import import_file

#: (format, file name, content, expected message part, line, col)
CASES = [
    ("sif", "t.sif", "a\t1\tb\nc\t-1\n", "truncated line", 2, 5),
    ("sif", "u.sif", "a 1 b\na frobs b\n", "unknown relation 'frobs'", 2, 3),
    ("signor", "h.csv", "A,B,C\nx,y,z\n", "no column ENTITYA, ENTITYB, EFFECT", 1, 1),
    ("omnipath", "o.tsv", "source\ttarget\nP31749\n", "row has 1 of 2 columns", 2, 1),
    ("sif", "e.sif", b"a 1 b\n" + "caf\u00e9 1 b\n".encode("latin-1"), "not UTF-8", 2, 4),
    (
        "bel",
        "t.bel",
        'SET Citation = {"PubMed","t","1"}\np(HGNC:AKT1) -> p(HGNC:EG\n',
        "cut short",
        2,
        17,
    ),
    ("bel", "u.bel", "p(HGNC:AKT1) frobnicates p(HGNC:EGFR)\n", "unknown BEL relation", 1, 14),
    ("bel", "s.bel", 'SET Evidence = "never closed\n', "unterminated string", 1, 1),
    (
        "bel",
        "e.bel",
        b"p(HGNC:AKT1) -> p(HGNC:EGFR)\n" + b"p(HGNC:\xff) -> p(HGNC:A)\n",
        "not UTF-8",
        2,
        8,
    ),
    (
        "drugmechdb",
        "t.json",
        '[{"graph": {"_id": "x", "drug": "d", "disease": "y"},\n "nodes": [',
        "cut short",
        2,
        12,
    ),
    (
        "drugmechdb",
        "c.json",
        (
            '[{"graph": {"_id": "x", "drug": "d", "disease": "y"},\n'
            ' "nodes": [{"id": "not a curie", "label": "Drug", "name": "d"}], "links": []}]'
        ),
        "malformed identifier",
        1,
        1,
    ),
    (
        "drugmechdb",
        "r.json",
        (
            '[{"graph": {"_id": "x", "drug": "d", "disease": "y"},\n'
            ' "nodes": [{"id": "MESH:1", "label": "Drug", "name": "d"},'
            ' {"id": "MESH:2", "label": "Disease", "name": "y"}],\n'
            ' "links": [{"source": "MESH:1", "target": "MESH:2", "key": "?!"}]}]'
        ),
        "unknown relation '?!'",
        1,
        1,
    ),
    (
        "drugmechdb",
        "e.json",
        '[{"graph": {"_id": "x",\n "drug": "caf\xe9"'.encode("latin-1"),
        "not UTF-8",
        2,
        14,
    ),
    (
        "cx2",
        "e.cx2",
        '[{"nodes": [{"id": 0, "v": {"name": "caf\xe9"}}]}]'.encode("latin-1"),
        "not UTF-8",
        1,
        41,
    ),
    ("drugmechdb", "y.yaml", "graph:\n  _id: x\n nodes: [\n", "malformed YAML", 3, 2),
    (
        "graphml",
        "g.graphml",
        "<graphml><graph edgedefault='directed'><node id='a'>\n</graph>",
        "malformed GraphML",
        2,
        3,
    ),
    (
        "cx2",
        "c.cx2",
        '[{"CXVersion": "2.0"},\n {"nodes": [{"id": 0, "v": {"name": "a"}}]\n',
        "malformed JSON",
        3,
        1,
    ),
    (
        "nodelink",
        "n.json",
        (
            '{"nodes": [{"id": "a"}, {"id": "b"}],\n "links": [{"source": "a", "target": "b",'
            ' "relation": "frobs"}]}'
        ),
        "unknown relation 'frobs'",
        1,
        1,
    ),
]


@pytest.mark.parametrize(
    ("format", "name", "content", "message", "line", "col"), CASES, ids=[c[1] for c in CASES]
)
def test_malformed_input_is_a_located_error(tmp_path, format, name, content, message, line, col):
    """Check that bad input raises with a located, hinted diagnostic and writes nothing."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(MechgraphError) as caught:
        import_file(format, str(path))
    first = caught.value.diagnostics[0]
    assert message in first.message
    assert (first.file, first.line, first.col) == (str(path), line, col)
    assert first.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_unknown_prefix_is_only_a_warning(tmp_path):
    """Check that an identifier with an unknown prefix imports, with a hinted warning."""
    path = tmp_path / "w.json"
    path.write_text('{"nodes": [{"id": "a", "identifier": "CHEBl:1"}], "links": []}')
    result = import_file("nodelink", str(path))
    (warning,) = [d for d in result.diagnostics if d.code == "unknown-prefix"]
    assert warning.severity.value == "warning" and "did you mean" in warning.hint


def test_unknown_format_names_the_known_ones():
    """Check that an unknown format is refused with the list of formats."""
    with pytest.raises(MechgraphError, match="cannot import format 'dot'") as caught:
        import_file("dot", "x.dot")
    assert "bel" in caught.value.diagnostics[0].hint
