"""Honest answers at the edges: why-not's nearest gap, predict's onward routes, sign verdicts.

The gap is checked against networkx on random graphs: its two ends lie on
each side, one link between them makes the target reachable, and no pair of
the two sides is closer in the whole network.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation
from mechgraph.model import Model
from mechgraph.query.predict import Onward, predict
from mechgraph.query.why_not import why_not

# why-not ---------------------------------------------------------------------------------


def test_the_issue_example_names_both_sides_and_the_gap():
    """Check `why-not d dis` when d -> p and q -> dis never meet (the issue's example)."""
    model = Model.from_text("drug d\nprocess p, q\ndisease dis\nd -> p\nq -> dis\n")
    found = model.why_not("d", "dis")
    text = found.format()
    assert "reached from d (1 entity, none leading to dis): p" in text
    assert "reaching dis (1 entity, none reached from d): q" in text
    assert "nearest gap: p → q would join them (not otherwise connected)" in text
    assert found.to_dict()["gap"] == {"reached": "p", "reaching": "q", "apart": None}


@st.composite
def _graphs(draw):
    n = draw(st.integers(3, 9))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            max_size=14,
            unique=True,
        )
    )
    return n, pairs


@given(_graphs())
def test_the_gap_agrees_with_networkx(graph_spec):
    """Check the gap against brute force: sides, one link joins them, nearest pair."""
    n, pairs = graph_spec
    graph = MechanismGraph()
    for a, b in pairs:
        graph.add_claim(f"n{a}", Relation.INCREASES, f"n{b}")
    for i in range(n):
        if f"n{i}" not in graph.links:
            graph.links.add_node(f"n{i}")
    directed = nx.DiGraph([(f"n{a}", f"n{b}") for a, b in pairs])
    directed.add_nodes_from(f"n{i}" for i in range(n))
    source, target = "n0", f"n{n - 1}"
    if nx.has_path(directed, source, target):
        return
    try:
        found = why_not(graph, source, target)
    except Exception:  # an entity the compiled index does not know (isolated): skip
        return
    gap = found.gap
    assert gap is not None
    forward = nx.descendants(directed, source) | {source}
    backward = nx.ancestors(directed, target) | {target}
    assert gap.reached in forward and gap.reaching in backward
    joined = directed.copy()
    joined.add_edge(gap.reached, gap.reaching)
    assert nx.has_path(joined, source, target)
    undirected = directed.to_undirected()
    best = min(
        (
            nx.shortest_path_length(undirected, a, b)
            for a in forward
            for b in backward
            if nx.has_path(undirected, a, b)
        ),
        default=None,
    )
    assert gap.apart == best


# predict ---------------------------------------------------------------------------------

_PREDICT = """
class antidepressant
drug imipramine, ketamine, lithium, stray
process NMDA_adaptation, serotonin, other
phenotype effect
imipramine isa antidepressant
imipramine -> NMDA_adaptation
NMDA_adaptation -> effect
ketamine -> NMDA_adaptation
lithium -> NMDA_adaptation
lithium -> serotonin
serotonin -> effect
NMDA_adaptation -> other
stray -> other
other -> NMDA_adaptation
hypothesis h:
    every antidepressant reaches effect through NMDA_adaptation
"""


def test_predict_says_how_each_candidate_reaches_the_target():
    """Check predict's onward tags against `ask --via X` and `ask`, pathway routes first."""
    model = Model.from_text(_PREDICT)
    found = predict(model.graph, "h")
    onward = {c.entity: c.onward for c in found.candidates}
    for candidate in found.candidates:
        via = model.ask(candidate.entity, "effect", via="NMDA_adaptation").holds
        anyhow = model.ask(candidate.entity, "effect").holds
        expected = Onward.THROUGH if via else Onward.AROUND if anyhow else Onward.NONE
        assert candidate.onward is expected, candidate.entity
    assert onward["ketamine"] is Onward.THROUGH
    ranks = [list(Onward).index(c.onward) for c in found.candidates]
    assert ranks == sorted(ranks)
    assert "reaches effect through NMDA_adaptation" in found.format()


def test_predict_names_a_route_only_around_the_pathway():
    """Check a candidate whose only route to T avoids X is tagged so, with that route."""
    text = """
class antidepressant
drug imipramine, lithium
process NMDA_adaptation
phenotype effect
imipramine isa antidepressant
imipramine -> NMDA_adaptation
NMDA_adaptation -> lithium
lithium -> NMDA_adaptation
lithium -> effect
hypothesis h:
    every antidepressant reaches effect through NMDA_adaptation
"""
    model = Model.from_text(text)
    found = predict(model.graph, "h")
    [candidate] = [c for c in found.candidates if c.entity == "lithium"]
    assert candidate.onward is Onward.AROUND
    assert not model.ask("lithium", "effect", via="NMDA_adaptation").holds
    assert "only around NMDA_adaptation: lithium ─(+)→ effect" in found.format()


# sign of ---------------------------------------------------------------------------------


def test_a_failing_sign_names_the_contradiction_and_the_route_of_the_asked_sign():
    """Check the verdict names the contradicted link the lint warns of, and the + route."""
    model = Model.from_text(
        "drug a\nprocess b, c\na -> b\na -| b\nb -> c\nhypothesis h:\n    sign of a to c is +\n"
    )
    assert any("contradicts" in d.message for d in model.lint())
    [result] = model.check("h")
    text = result.format()
    assert "✗ sign of a to c is +" in text
    assert "contradicts: a -> b" in text and "a -| b" in text
    assert "a route of sign + exists too: a ─(+)→ b ─(+)→ c" in text
    [counterexample] = result.to_dict()["statements"][0]["counterexamples"]
    assert counterexample["asked_sign"]["sign"] == "+"
    assert counterexample["contradictions"]
