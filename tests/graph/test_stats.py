"""Tests of mechgraph.graph.stats on the hand-made seed and a loop."""

from __future__ import annotations

from mechgraph.compiler.compile import compile_rules
from mechgraph.graph.stats import stats
from mechgraph.language.syntax import RuleFile

from factories import link, seed_rules


def test_seed_counts():
    """Check the counts of the seed by kind, relation and source."""
    graph, _ = compile_rules([seed_rules()])
    s = stats(graph)
    assert (s.files, s.entities, s.claims, s.isa, s.sources, s.hypothesised) == (1, 10, 4, 5, 1, 1)
    assert dict(s.by_kind)["class"] == 3 and dict(s.by_kind)["drug"] == 3
    assert s.by_relation == (("increases", 2), ("decreases", 1), ("causesNoChange", 1))
    assert s.by_source == (("skolnick1996", 4),)
    assert s.loops == ()
    assert s.hubs[:2] == (("NMDA_adaptation", 3), ("antidepressant", 2))
    data = s.to_dict()
    assert data["by_relation"]["increases"] == 2 and data["hubs"]["NMDA_adaptation"] == 3
    assert (
        "claims      4 (increases 2, decreases 1, causesNoChange 1), 1 hypothesised" in s.format()
    )


def test_loops_largest_first_and_no_change_ignored():
    """Check that loops are strongly connected components of signed claims, largest first."""
    rules = (
        link("a", "->", "b"),
        link("b", "->", "c"),
        link("c", "-|", "a"),
        link("x", "->", "y"),
        link("y", "--", "x"),
        link("p", "->", "q"),
        link("q", "-0", "p"),
    )
    graph, _ = compile_rules([RuleFile("l.mg", rules)])
    s = stats(graph)
    assert s.loops == (("a", "b", "c"), ("x", "y"))
    assert dict(s.by_source) == {"(no evidence)": 7}
