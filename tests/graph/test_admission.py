"""Tests of mechgraph.graph.admission: admission, path contexts, restricted views."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.graph.admission import (
    admits,
    admitted_claims,
    clash,
    format_context,
    merge,
    restrict,
)
from mechgraph.language.syntax import RuleFile

from factories import isa, link, seed_rules
from factories import values as declare_values

UP = {
    "region": {
        "frontal": frozenset({"frontal", "cortex", "brain"}),
        "cortex": frozenset({"cortex", "brain"}),
    }
}


class TestAdmits:
    def test_equal_below_and_unstated(self):
        """Check equal values, a narrower link value, and keys only one side states."""
        assert admits({"region": "cortex"}, [("region", "cortex")], UP)
        assert admits({"region": "brain"}, [("region", "frontal")], UP)
        assert admits({"duration": "chronic"}, [("region", "frontal")], UP)
        assert admits({}, [("duration", "acute")], UP)

    def test_broader_link_value_is_admitted(self):
        """Check that a link stated for the whole cortex holds for a frontal question."""
        assert admits({"region": "frontal"}, [("region", "cortex")], UP)
        assert clash({"region": "frontal"}, [("region", "cortex")], UP) is None

    def test_incomparable_values_clash(self):
        """Check that values on different branches of the hierarchy clash."""
        assert not admits({"region": "frontal"}, [("region", "x")], UP)
        assert clash({"region": "frontal"}, [("region", "x")], UP).key == "region"

    def test_clash_names_the_first_key(self):
        """Check that the clash reports key, link value and query value."""
        found = clash({"a": "1", "b": "2"}, [("b", "3"), ("a", "4")])
        assert (found.key, found.link_value, found.query_value) == ("a", "4", "1")
        assert str(found) == "needs a=4, asked a=1"


class TestMerge:
    def test_narrowest_value_wins(self):
        """Check that the union keeps the narrowest of comparable values."""
        assert merge(
            [("region", "brain")], [("region", "frontal")], [("region", "cortex")], values=UP
        ) == (("region", "frontal"),)

    def test_incomparable_values_contradict(self):
        """Check that incomparable values, also within one context, contradict."""
        assert merge([("duration", "acute")], [("duration", "chronic")]) is None
        assert merge([("duration", "acute"), ("duration", "chronic")]) is None
        assert merge() == ()

    @settings(max_examples=500)
    @given(
        st.lists(
            st.lists(
                st.tuples(
                    st.sampled_from(["region", "duration"]),
                    st.sampled_from(["frontal", "cortex", "brain", "x"]),
                ),
                max_size=3,
            ),
            max_size=4,
        ),
        st.randoms(),
    )
    def test_merge_ignores_order(self, contexts, rnd):
        """Check that the union does not depend on the order of the contexts."""
        shuffled = list(contexts)
        rnd.shuffle(shuffled)
        assert merge(*contexts, values=UP) == merge(*shuffled, values=UP)


def test_admitted_claims_and_restrict():
    """Check admission per claim, with hypotheses left out on request, and the view."""
    graph, _ = compile_rules([seed_rules()])
    chronic = admitted_claims(graph, {"duration": "chronic"})
    assert [c.relation.value for c, ok in zip(graph.claims, chronic) if ok] == ["->", "-|", "->"]
    observed = admitted_claims(graph, None, hypotheses=False)
    assert [c.is_hypothesis for c, ok in zip(graph.claims, observed) if not ok] == [True]
    view = restrict(graph, {"duration": "acute"})
    assert sorted((u, v) for u, v, _ in view.edges) == [
        ("NMDA_adaptation", "antidepressant_effect"),
        ("NMDA_antagonist", "NMDA_function"),
        ("antidepressant", "NMDA_adaptation"),
    ]
    assert view.number_of_edges() == 3 and graph.links.number_of_edges() == 4


def test_value_hierarchy_from_rules():
    """Check that declared value isa edges feed admission through the graph index."""
    rules = RuleFile(
        "v.mg",
        (
            declare_values("region", "cortex", "frontal", "striatum"),
            isa("frontal", "cortex"),
            link("a", "->", "b", {"region": "frontal"}),
            link("a", "->", "b", {"region": "cortex"}),
            link("a", "->", "b", {"region": "striatum"}),
        ),
    )
    graph, _ = compile_rules([rules])
    assert [c.context for c in graph.claims] == [
        (("region", "cortex"),),
        (("region", "frontal"),),
        (("region", "striatum"),),
    ]
    assert admitted_claims(graph, {"region": "cortex"}) == [True, True, False]
    assert admitted_claims(graph, {"region": "frontal"}) == [True, True, False]


def test_format_context():
    """Check the text form of a context, sorted by key."""
    assert format_context([("b", "2"), ("a", "1")]) == "a=1, b=2"
    assert format_context(()) == "any context"
