"""Every drawing has a budget: big networks are drawn around the answer, saying what was left out."""

from __future__ import annotations

import random
import shutil
import time

import pytest

from mechgraph.cli import main
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation
from mechgraph.model import Model
from mechgraph.render.diagram import render, to_dot
from mechgraph.render.focus import DEFAULT_MAX_EDGES, DEFAULT_MAX_NODES, focus

from conftest import RULES


def _network(links: int, entities: int, seed: int = 1) -> MechanismGraph:
    rng = random.Random(seed)
    graph = MechanismGraph()
    seen: set[tuple[int, int]] = set()
    while len(seen) < links:
        a, b = rng.randrange(entities), rng.randrange(entities)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            relation = Relation.DECREASES if (a + b) % 3 == 0 else Relation.INCREASES
            graph.add_claim(f"g{a}", relation, f"g{b}")
    return graph


@pytest.fixture(scope="module")
def big() -> Model:
    return Model(_network(20_000, 8_000))


def test_the_default_budget_bounds_nodes_and_edges(big):
    """Check that a 20k-link network is cut to the budget, and the cut is counted."""
    view = focus(big.graph)
    assert len(view.nodes) <= DEFAULT_MAX_NODES
    assert len(view.claims) + len(view.isa) <= DEFAULT_MAX_EDGES
    unbounded = focus(big.graph, max_nodes=None, max_edges=None)
    assert len(unbounded.claims) == 20_000 and unbounded.left_out == 0
    assert view.left_out == len(unbounded.nodes) - len(view.nodes)
    assert view.edges_left_out == 20_000 - len(view.claims)


def test_the_answer_is_drawn_first(big):
    """Check that an answer's witness survives the budget and the note says what was cut."""
    answer = big.ask("g1", "g2")
    assert answer.holds
    from mechgraph.render.highlights import diagram_options

    dot = to_dot(big.graph, **diagram_options(answer, big.graph))
    for hop in answer.paths[0].hops:
        assert f'"{hop.subject}" -> "{hop.object}"' in dot
    assert "more entities and" in dot and "not shown" in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_drawing_a_20k_link_network_keeps_to_its_budget(big, tmp_path):
    """Check that graphviz draws the 20k-link network well inside a minute, with a note."""
    started = time.perf_counter()
    drawn = render(big.graph, tmp_path / "big.svg")
    assert time.perf_counter() - started < 60
    assert drawn.nodes <= DEFAULT_MAX_NODES and drawn.edges <= DEFAULT_MAX_EDGES
    assert "not shown" in drawn.note and "--all" in drawn.note
    assert (tmp_path / "big.svg").read_text().lstrip().startswith(("<?xml", "<svg"))


def test_jupyter_drawing_is_bounded_too(big, monkeypatch):
    """Check that a model's _repr_svg_ goes through the same budget."""
    seen = {}

    def fake_run(dot, fmt, where, timeout=None):
        seen["edges"] = dot.count(" -> ")
        return b"<svg/>"

    monkeypatch.setattr("mechgraph.render.diagram._run_dot", fake_run)
    assert big._repr_svg_() == "<svg/>"
    assert seen["edges"] <= DEFAULT_MAX_EDGES + 20  # the legend draws a few edges of its own


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_graphviz_is_stopped_at_its_time_limit(tmp_path):
    """Check that a drawing over the time limit stops with a located, hinted error."""
    from mechgraph.errors import MechgraphError

    with pytest.raises(MechgraphError) as stop:
        render(
            _network(3_000, 600),
            tmp_path / "slow.svg",
            max_nodes=None,
            max_edges=None,
            timeout=0.01,
        )
    assert "took longer than" in str(stop.value) and "--max-nodes" in str(stop.value)
    assert not (tmp_path / "slow.svg").exists()


_VERBS = {
    "render": ["render", str(RULES), "-o", "{out}"],
    "ask": ["ask", "imipramine", "NMDA_adaptation", "--rules", str(RULES), "--render", "{out}"],
    "pathways": [
        *("pathways", "antidepressant", "antidepressant_effect", "--rules", str(RULES)),
        *("--render", "{out}"),
    ],
    "check": ["check", str(RULES), "--render", "{folder}"],
    "observe": [
        *("observe", str(RULES), "--experiment", "chronic_antidepressants"),
        *("--render", "{out}"),
    ],
}


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
@pytest.mark.parametrize("verb", sorted(_VERBS))
def test_graphviz_time_limit_on_every_drawing(verb, tmp_path, capsys):
    """Check that every verb that draws stops graphviz at --dot-timeout with a located
    error (exit 1) and leaves no drawing behind; a limit that is not a positive number
    of seconds is a usage error (nan and inf were internal errors)."""
    out, folder = tmp_path / "drawn.svg", tmp_path / "drawings"
    args = [a.format(out=out, folder=folder) for a in _VERBS[verb]]
    assert main([*args, "--dot-timeout", "0.0001"]) == 1
    assert "took longer than 0.0001 s and was stopped" in capsys.readouterr().err
    assert not out.exists() and not list(folder.glob("*.svg"))
    for bad in ("nan", "inf", "0", "-1"):
        with pytest.raises(SystemExit) as usage:
            main([*args, f"--dot-timeout={bad}"])
        assert usage.value.code == 2
        assert "seconds above 0" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_graphviz_time_limit_in_jupyter(monkeypatch):
    """Check that a model's and an answer's _repr_svg_ run graphviz under the same limit."""
    from mechgraph.errors import MechgraphError

    model = Model.from_text("drug a\nprocess b\na -> b\n")
    monkeypatch.setattr("mechgraph.render.diagram.DOT_TIMEOUT", 0.0001)
    for shown in (model, model.ask("a", "b")):
        with pytest.raises(MechgraphError, match="took longer than 0.0001 s"):
            shown._repr_svg_()
