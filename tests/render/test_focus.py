"""Tests for mechgraph.render.focus and the focus options of rendering."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.errors import QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation
from mechgraph.render.diagram import to_dot
from mechgraph.render.focus import View, focus

from drawings import dot_statements, seed_graph

SEED_NODES = 12


class TestAround:
    def test_depth_one(self):
        """Check that around keeps the entities one link or isa edge away, either way."""
        view = focus(seed_graph(), around="NMDA_adaptation")
        assert view.nodes == ("NMDA_adaptation", "antidepressant", "antidepressant_effect")

    def test_depth_two_climbs_isa(self):
        """Check that depth 2 reaches the classes and members next to antidepressant."""
        view = focus(seed_graph(), around="NMDA_adaptation", depth=2)
        assert {"ssri", "tricyclic", "ECS", "NMDA_function", "beta_downregulation"} <= set(
            view.nodes
        )
        assert "imipramine" not in view.nodes
        assert ("ssri", "antidepressant") in view.isa

    def test_depth_zero(self):
        """Check that depth 0 keeps only the entity itself."""
        assert focus(seed_graph(), around="ECS", depth=0) == View(("ECS",), (), ())


class TestBetween:
    def test_routes_from_members_through_isa(self):
        """Check that between keeps the members, their isa climbs and the routes to the target."""
        view = focus(seed_graph(), between=("antidepressant", "antidepressant_effect"))
        assert view.nodes == (
            "ECS",
            "NMDA_adaptation",
            "antidepressant",
            "antidepressant_effect",
            "citalopram",
            "imipramine",
            "ssri",
            "tricyclic",
        )
        g = seed_graph()
        assert {(g.claim(i).subject, g.claim(i).object) for i in view.claims} == {
            ("antidepressant", "NMDA_adaptation"),
            ("NMDA_adaptation", "antidepressant_effect"),
        }
        assert len(view.claims) == 3  # the chronic increase and the acute no-change

    def test_no_change_links_are_not_routes(self):
        """Check that a -0 claim alone does not put its object on a route."""
        g = MechanismGraph()
        g.add_claim("a", Relation.NO_CHANGE, "b")
        g.add_claim("b", Relation.INCREASES, "t")
        assert focus(g, between=("a", "t")).nodes == ("a", "t")

    def test_member_start(self):
        """Check that a member climbs to its classes and their links."""
        view = focus(seed_graph(), between=("imipramine", "NMDA_adaptation"))
        assert view.nodes == ("NMDA_adaptation", "antidepressant", "imipramine", "tricyclic")

    @given(
        st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=14),
        st.integers(0, 6),
        st.integers(0, 6),
    )
    def test_agrees_with_path_enumeration(self, pairs, start, target):
        """Check that between keeps exactly the nodes on some walk, by brute force on small DAGs."""
        g = MechanismGraph()
        for u, v in pairs:
            if u < v:
                g.add_claim(f"n{u}", Relation.INCREASES, f"n{v}")
        s, t = f"n{start}", f"n{target}"
        g.links.add_nodes_from([s, t])
        on_path = {s, t}
        for path in nx.all_simple_paths(nx.DiGraph(g.links), s, t):
            on_path.update(path)
        assert set(focus(g, between=(s, t)).nodes) == on_path


class TestWhere:
    def test_context_filters_claims(self):
        """Check that duration=acute keeps the acute no-change and unqualified links only."""
        g = seed_graph()
        view = focus(g, where={"duration": "acute"})
        kept = {(g.claim(i).subject, g.claim(i).relation) for i in view.claims}
        assert ("antidepressant", Relation.NO_CHANGE) in kept
        assert ("antidepressant", Relation.INCREASES) not in kept
        assert ("NMDA_antagonist", Relation.DECREASES) in kept

    def test_stranded_entities_are_dropped(self):
        """Check that an entity whose only links the context rejects is left out."""
        g = MechanismGraph()
        g.add_claim("a", Relation.INCREASES, "b", context={"duration": "chronic"})
        g.add_claim("c", Relation.INCREASES, "d")
        assert focus(g, where={"duration": "acute"}).nodes == ("c", "d")

    def test_value_hierarchy(self):
        """Check that a query value admits claims stated for a narrower value."""
        g = MechanismGraph()
        g.values["species"] = nx.DiGraph([("mouse", "rodent")])
        g.add_claim("a", Relation.INCREASES, "b", context={"species": "mouse"})
        g.add_claim("a", Relation.DECREASES, "b", context={"species": "human"})
        assert len(focus(g, where={"species": "rodent"}).claims) == 1
        assert len(focus(g, where={"species": "mouse"}).claims) == 1
        assert focus(g, where={"species": "rat"}).claims == ()


class TestMaxNodes:
    def test_keeps_the_nearest_and_counts_the_rest(self):
        """Check that max_nodes keeps the entities nearest the focus and counts the others."""
        view = focus(seed_graph(), around="NMDA_adaptation", depth=9, max_nodes=4)
        assert view.left_out == SEED_NODES - 4
        # distance 0 and 1, then the best connected entity at distance 2
        assert view.nodes == (
            "NMDA_adaptation",
            "antidepressant",
            "antidepressant_effect",
            "beta_downregulation",
        )

    def test_note_node_in_dot(self):
        """Check the visible note saying how many entities were left out."""
        dot = to_dot(seed_graph(), max_nodes=3)
        notes = [attrs for _, attrs in dot_statements(dot) if attrs.get("shape") == '"note"']
        [label] = [n["label"] for n in notes]
        assert (
            label.startswith(f"<{SEED_NODES - 3} more entities and ") and "links not shown" in label
        )
        assert to_dot(seed_graph(), max_nodes=SEED_NODES).count('"note"') == 0

    def test_highlighted_nodes_are_the_focus(self):
        """Check that without another focus the preferred (highlighted) nodes are kept first."""
        view = focus(seed_graph(), max_nodes=2, prefer=["ECS"])
        assert "ECS" in view.nodes and view.left_out == SEED_NODES - 2

    def test_edges_follow_the_nodes(self):
        """Check that no kept edge has an end that was left out."""
        view = focus(seed_graph(), max_nodes=5)
        g = seed_graph()
        ends = itertools.chain.from_iterable(
            (g.claim(i).subject, g.claim(i).object) for i in view.claims
        )
        assert set(ends) | set(itertools.chain(*view.isa)) <= set(view.nodes)


class TestErrors:
    def test_unknown_entity_with_hint(self):
        """Check that an unknown name is a QueryError with a did-you-mean hint."""
        with pytest.raises(QueryError, match="unknown entity 'NMDA_adaption'") as caught:
            focus(seed_graph(), around="NMDA_adaption")
        assert "NMDA_adaptation" in caught.value.diagnostics[0].hint

    @pytest.mark.parametrize("options", [{"depth": -1, "around": "ECS"}, {"max_nodes": 0}])
    def test_bad_numbers(self, options):
        """Check that a negative depth and a max_nodes below 1 are errors."""
        with pytest.raises(QueryError, match="must be"):
            focus(seed_graph(), **options)

    def test_view_to_dict(self):
        """Check the JSON form of a view."""
        view = focus(seed_graph(), around="ECS")
        assert view.to_dict() == {
            "nodes": ["ECS", "antidepressant"],
            "claims": [],
            "isa": [["ECS", "antidepressant"]],
            "left_out": 0,
            "edges_left_out": 0,
        }
