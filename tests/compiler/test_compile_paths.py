"""compile_paths (file by file, links as columns) against load_paths then compile_rules."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_paths, compile_rules
from mechgraph.language import reader
from mechgraph.language.loader import load_paths
from mechgraph.language.parser import parse_file, parse_text
from mechgraph.language.syntax import Blank, Comment, Link
from mechgraph.language.text import text_lines

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.mg"))


def _graph(graph) -> dict:
    """Everything a compiled graph holds, places included."""
    if graph is None:
        return {}
    return {
        "claims": [(c, c.span) for c in graph.claims],
        "edges": list(graph.links.edges(keys=True)),
        "entities": [(e, e.span) for e in graph.entities()],
        "nodes": list(graph.links.nodes),
        "hierarchy": list(graph.hierarchy.edges(data=True)),
        "hierarchy nodes": list(graph.hierarchy.nodes),
        "values": {k: (list(v.nodes), list(v.edges)) for k, v in graph.values.items()},
        "sources": [(s, s.span) for s in graph.sources.values()],
        "hypotheses": graph.hypotheses,
        "experiments": graph.experiments,
        "quantities": (graph.dimensions, graph.definitions, graph.scales),
        "files": (graph.files, graph.texts, graph.unparsed_names),
    }


def _both(paths: list, partial: bool) -> tuple:
    """What compile_paths gives and what loading, then compiling, gives."""
    graph, loading, compiling = compile_paths(paths, partial=partial)
    files, loaded = load_paths(paths, partial=partial)
    expected = (None, [])
    if partial or not any(d.is_error for d in loaded):
        expected = compile_rules(files)
    formatted = [(d.format(), d.code, d.severity) for d in (*loading, *compiling)]
    wanted = [(d.format(), d.code, d.severity) for d in (*loaded, *expected[1])]
    return (_graph(graph), formatted), (_graph(expected[0]), wanted)


def test_the_seed_compiles_the_same():
    """Check that the seed rules give the same graph and diagnostics both ways."""
    got, expected = _both([ROOT / "rules"], partial=False)
    assert got == expected and got[0]["claims"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests")))
@pytest.mark.parametrize("partial", [False, True])
def test_each_fixture_compiles_the_same(path, partial):
    """Check every golden fixture, parse errors included, file by file, with a hand-over
    of statements every two, so that blocks and links straddle the hand-overs."""
    with mock.patch.object(reader, "CHUNK", 2):
        got, expected = _both([path], partial)
    assert got == expected


_NAMES = ["imipramine", "imipramne", "b", "c", "k"]
_NAME = st.sampled_from(_NAMES)
_LINE = st.one_of(
    st.builds(lambda k, n: f"{k} {n}", st.sampled_from(["drug", "process", "class"]), _NAME),
    st.builds(
        lambda s, r, o, ctx, ev, status: f"{s} {r} {o}{ctx}{ev}{status}",
        _NAME,
        st.sampled_from(["->", "-|", "-0", "--"]),
        _NAME,
        st.sampled_from(
            ["", " [duration=chronic]", " [duration=weird]", " [period=14d]", " [period=5mg]"]
            + [" [period>=2wk, duration=acute]", " [dose<=3]"]
        ),
        st.sampled_from(["", " @src", " @srx", " @pmid:1", " @src @nope"]),
        st.sampled_from(["", " status=hypothesis", "  # note"]),
    ),
    st.builds(lambda m, p: f"{m} isa {p}", _NAME, _NAME),
    st.sampled_from(
        [
            "source src = pmid:1",
            'source src "by title"',
            "context duration chronic, acute",
            "context period: time",
            "context duration long = period>=14d",
            "hypothesis h:\n    every k reaches c\n    some imipramine reaches zz",
            "hypothesis h:\n    consistent with e",
            "experiment e [duration=chronic] @src:\n    input imipramine\n    c = +\n    c = -",
            "a => b",
            "# a comment",
            "",
        ]
    ),
)
_FILE_NAMES = st.sampled_from(["a.mg", "b.mg", "sub/a.mg", "z.mg", "sub/deeper/m.mg"])


@settings(max_examples=150, deadline=None)
@given(
    files=st.dictionaries(_FILE_NAMES, st.lists(_LINE, max_size=12), min_size=1, max_size=4),
    by_file=st.booleans(),
    partial=st.booleans(),
    chunk=st.integers(1, 5),
)
def test_random_rule_sets_compile_the_same(files, by_file, partial, chunk):
    """Check random rule sets split over several files (forward references across files,
    duplicates, unknown names and sources, bad values and units, parse errors): the
    same graph, claims in the same order with the same fields, the same diagnostics."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(reader, "CHUNK", chunk):
        for name, lines in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # named one by one (in the order drawn, not sorted) or as a folder
        paths = [Path(folder) / name for name in files] if by_file else [Path(folder)]
        got, expected = _both(paths, partial)
    assert got == expected


def test_a_large_file_is_handed_over_in_chunks(tmp_path):
    """Check that parse_file hands over every statement in order, a few thousand at a time,
    and keeps only those that are no link, comment or blank line."""
    text = "drug d0\n" + "".join(f"d{i} -> d{i + 1}  # {i}\n\n" for i in range(10_000))
    path = tmp_path / "big.mg"
    path.write_text(text + "hypothesis h:\n    every d0 reaches d9\n", encoding="utf-8")
    chunks: list[list] = []
    kept = parse_file(path, take=chunks.append)
    whole = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert len(chunks) > 2 and max(map(len, chunks)) <= reader.CHUNK + 3
    handed = [s for chunk in chunks for s in chunk]
    assert [s for s in handed if not isinstance(s, Blank)] == [
        s for s in whole.statements if not isinstance(s, Blank)
    ]
    assert kept.statements == tuple(
        s for s in whole.statements if not isinstance(s, (Link, Comment, Blank))
    )


@given(st.text(st.sampled_from("ab\n\r"), max_size=40), st.integers(1, 6))
def test_text_lines_are_the_lines_the_parser_numbers(text, block):
    """Check text_lines against str.split (no line after a final line feed)."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert list(text_lines(text, block)) == lines
