"""Hovers over a source declared by title alone say it has no identifier (never 'None')."""

from __future__ import annotations

from mechgraph.compiler.compile import compile_rules
from mechgraph.language.parser import parse_text
from mechgraph.lsp.hover import _link_text, _source_text

TEXT = 'source s "Skolnick 1996, Pharmacopsychiatry"\ndrug d\nprocess p\nd -> p @s\n'


def test_hovers_over_a_source_without_an_identifier():
    """Check the source's hover and the hover of a link citing it."""
    graph, _ = compile_rules([parse_text(TEXT, "t.mg")])
    source = _source_text(graph, "s")
    assert source.startswith('**@s** (no identifier)\n\n"Skolnick 1996, Pharmacopsychiatry"')
    assert "cited by 1 link;" in source
    link = _link_text(graph, graph.claims[0])
    assert '- @s: (no identifier) — "Skolnick 1996, Pharmacopsychiatry"' in link
    assert "None" not in source + link
