"""Tests for mechgraph.render.dot: no rule text can break or inject into the DOT we write."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.graph.mechanism import Entity, MechanismGraph, Source
from mechgraph.language.syntax import Relation, Status
from mechgraph.render.diagram import svg_of, to_dot
from mechgraph.render.dot import html, node_id, quoted

from drawings import dot_statements, svg_items

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz dot is not installed")

#: Every character with a meaning in DOT, HTML labels, escStrings or XML.
SPECIAL = [
    '"',
    "\\",
    "<",
    ">",
    "{",
    "}",
    "|",
    "[",
    "]",
    ";",
    "\n",
    "&",
    "=",
    ",",
    "#",
    "/",
    "*",
    "'",
    "\t",
    " ",
    "-",
]

NASTY = [
    'say "hi"',
    "back\\slash",
    "ends with \\",
    '\\"',
    "\\N\\G\\L\\n",
    "<b>bold</b>",
    "{braces}",
    "a|b|c",
    "x]; injected [shape=box",
    'q"]; evil -> node; "',
    "two\nlines",
    "β-adrenoceptor",
    "5-HT1A receptor",
    "&amp; &lt;",
    "a & b",
    "// not a comment",
    "/* nor this */",
    "#hash",
    "🙂 emoji",
    "graph",
    "node",
    "subgraph",
    "%percent",
    "%",
    "\t",
    " ",
    "a  two   spaces",
]

names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(SPECIAL),
    min_size=1,
    max_size=12,
)


def nasty_graph(texts: list[str]) -> MechanismGraph:
    """Entities named ``texts`` in a chain, with those texts as labels, values and citations."""
    g = MechanismGraph()
    for i, text in enumerate(texts):
        g.sources[f"s{i}"] = Source(f"s{i}", f"pmid:{i}", text)
        g.add_entity(Entity(text, "process", label=text, attributes=(("note", text),)))
    for i, (a, b) in enumerate(zip(texts, texts[1:])):
        g.add_claim(
            a,
            Relation.INCREASES,
            b,
            context={"where": b, "k": a},
            evidence=(f"s{i}", f"doi:{a}"),
            status=Status.HYPOTHESIS,
        )
    return g


class TestEscaping:
    @pytest.mark.parametrize("text", NASTY)
    def test_one_statement_per_line(self, text):
        """Check that every node and edge stays one parseable statement on its own line."""
        dot = to_dot(nasty_graph([text, "other"]), title=text)
        statements = dot_statements(dot)
        subjects = [s for s, _ in statements]
        assert subjects.count(node_id(text)) == 1
        assert f"{node_id(text)} -> {node_id('other')}" in subjects
        assert dot.count("\n") == len(dot.splitlines())

    @needs_dot
    def test_nasty_text_round_trips_through_graphviz(self):
        """Check node titles, edge titles, labels and tooltips of nasty text in SVG."""
        g = nasty_graph(NASTY)
        items = svg_items(svg_of(g, legend=False, title="".join(NASTY)))
        nodes = {i.title: i for i in items if i.kind == "node"}
        assert set(nodes) == set(NASTY)
        edges = {i.title: i for i in items if i.kind == "edge"}
        assert set(edges) == {f"{a}->{b}" for a, b in zip(NASTY, NASTY[1:])}
        for a, b in zip(NASTY, NASTY[1:]):
            # XML reads a tab in an attribute as a space; graphviz writes two spaces as " \xa0"
            tooltip = edges[f"{a}->{b}"].tooltip.replace("\xa0", " ")
            for line in (f"k={a}\n", f"where={b}\n", f"evidence: doi:{a}"):
                assert line.replace("\t", " ") in tooltip
        assert nodes["<b>bold</b>"].texts[0] == "<b>bold</b>"
        assert nodes["two\nlines"].texts[:2] == ["two", "lines"]
        assert nodes["ends with \\"].tooltip.startswith("ends with \\ (process)\n")

    @needs_dot
    @given(st.lists(names, min_size=1, max_size=4, unique=True))
    def test_random_names_round_trip(self, texts):
        """Check that dot accepts any names and the SVG node titles equal them."""
        items = svg_items(svg_of(nasty_graph(texts), legend=False))
        assert sorted(i.title for i in items if i.kind == "node") == sorted(texts)
        assert len([i for i in items if i.kind == "edge"]) == len(texts) - 1


class TestPrimitives:
    def test_html_escapes_markup(self):
        """Check that HTML labels cannot open tags or entities."""
        assert html("<BR/>&nbsp;").text == "&lt;BR/&gt;&amp;nbsp;"

    def test_quoted_backslashes_are_literal(self):
        """Check that escString escapes (\\N, \\l) are shown, not expanded."""
        assert quoted("\\N\\l") == '"' + "\\" * 4 + "N" + "\\" * 4 + 'l"'

    def test_control_characters_are_replaced(self):
        """Check that characters DOT and XML reject become U+FFFD, line breaks kept."""
        assert quoted("a\x00b\r\nc") == '"a\N{REPLACEMENT CHARACTER}b\\nc"'
        assert node_id("a\x01\tb") == "<a\N{REPLACEMENT CHARACTER}&#9;b>"
