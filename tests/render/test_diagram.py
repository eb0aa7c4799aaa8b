"""Tests for mechgraph.render.diagram and mechgraph.render.style: DOT text, SVG, files, the visual language."""

from __future__ import annotations

import os
import random
import shutil
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.errors import MechgraphError, QueryError
from mechgraph.graph.mechanism import Entity, MechanismGraph
from mechgraph.language.syntax import ENTITY_KINDS, Relation, Sign
from mechgraph.render.diagram import Highlight, Rendering, render, svg_of, to_dot
from mechgraph.render.style import KIND_STYLE, ROLE_COLOUR, SIGN_STYLE, Role

from drawings import (
    claim_id,
    dot_edges,
    dot_statements,
    overlaps,
    seed_graph,
    seed_steps,
    svg_items,
)

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz dot is not installed")

WITNESS = Highlight(
    ["imipramine", "tricyclic", "antidepressant", "NMDA_adaptation"],
    [("imipramine", "tricyclic", None), ("tricyclic", "antidepressant", None)],
    Role.WITNESS,
)


def by_title(items, kind):
    found: dict[str, list] = {}
    for item in items:
        if item.kind == kind:
            found.setdefault(item.title, []).append(item)
    return found


class TestVisualLanguage:
    def test_every_kind_and_sign_has_a_style(self):
        """Check that the style tables cover every entity kind and every sign."""
        assert tuple(KIND_STYLE) == ENTITY_KINDS
        assert set(SIGN_STYLE) == set(Sign)

    def test_dot_edges_carry_the_style_of_their_sign(self):
        """Check the arrowhead, colour and line of each relation in the DOT text."""
        edges = dot_edges(to_dot(seed_graph()))
        up, flat = edges['"antidepressant" -> "NMDA_adaptation"']
        assert (up["arrowhead"], up["color"], "style" in up) == ('"normal"', '"#1b7837"', False)
        assert (flat["arrowhead"], flat["style"], flat["color"]) == (
            '"odot"',
            '"dashed"',
            '"#8c8c8c"',
        )
        (down,) = edges['"NMDA_antagonist" -> "NMDA_function"']
        assert down["arrowhead"] == '"tee"'
        (assoc,) = edges['"NMDA_function" -> "antidepressant_effect"']
        assert assoc["dir"] == '"none"'

    def test_hypothesised_links_are_dashed(self):
        """Check that a status=hypothesis claim is dashed and classed as a hypothesis."""
        (hyp,) = dot_edges(to_dot(seed_graph()))['"NMDA_adaptation" -> "antidepressant_effect"']
        assert hyp["style"] == '"dashed"' and hyp["class"] == '"increases hypothesis"'

    def test_node_shapes_follow_the_entity_kind(self):
        """Check that every kind is drawn with its own shape and fill."""
        g = MechanismGraph()
        for kind in ENTITY_KINDS:
            g.add_entity(Entity(f"a_{kind}", kind))
        nodes = dict(dot_statements(to_dot(g, legend=False))[3:])
        for kind in ENTITY_KINDS:
            attrs = nodes[f'"a_{kind}"']
            assert attrs["shape"] == f'"{KIND_STYLE[kind].shape}"'
            assert attrs["fillcolor"] == f'"{KIND_STYLE[kind].fill}"'

    def test_edge_labels_are_short_and_tooltips_complete(self):
        """Check the short context label and the full context and citation in the tooltip."""
        up, _ = dot_edges(to_dot(seed_graph()))['"antidepressant" -> "NMDA_adaptation"']
        assert up["label"] == "<chronic, cerebral_cortex, mouse>"
        assert "region=cerebral_cortex" in up["tooltip"]
        assert 'skolnick1996 = pmid:8852531 \\"Adaptation of NMDA' in up["tooltip"]

    def test_isa_edges_thin_grey_and_optional(self):
        """Check that isa edges are thin grey hollow arrows and that isa=False hides them."""
        dot = to_dot(seed_graph())
        (isa,) = dot_edges(dot)['"imipramine" -> "tricyclic"']
        assert (isa["color"], isa["arrowhead"], isa["penwidth"]) == (
            '"#9e9e9e"',
            '"empty"',
            '"0.7"',
        )
        hidden = to_dot(seed_graph(), isa=False)
        assert '"imipramine" -> "tricyclic"' not in dot_edges(hidden)
        assert '"imipramine" [' in hidden


@needs_dot
class TestSvg:
    def test_arrowheads_and_strokes_in_svg(self):
        """Check what graphviz drew for each sign: arrowhead, colour and dashes."""
        items = svg_items(svg_of(seed_graph(), legend=False))
        edges = by_title(items, "edge")
        up, flat = sorted(
            edges["antidepressant->NMDA_adaptation"], key=lambda i: "no-change" in i.classes
        )
        assert up.arrowhead() == "normal" and up.strokes == {"#1b7837"}
        assert flat.arrowhead() == "odot" and "no-change" in flat.classes
        assert any(p.get("stroke-dasharray") for p in flat.element.iter() if p.tag.endswith("path"))
        (down,) = edges["NMDA_antagonist->NMDA_function"]
        assert down.arrowhead() == "tee" and down.strokes == {"#b2182b"}
        (assoc,) = edges["NMDA_function->antidepressant_effect"]
        assert assoc.arrowhead() == "none"
        (isa,) = edges["imipramine->tricyclic"]
        assert isa.arrowhead() == "empty" and "isa" in isa.classes

    def test_parallel_claims_are_separate_edges(self):
        """Check that two claims on one pair are two edges with their own labels."""
        edges = by_title(svg_items(svg_of(seed_graph())), "edge")
        labels = sorted(e.texts[0] for e in edges["antidepressant->NMDA_adaptation"])
        assert labels == ["acute, mouse", "chronic, cerebral_cortex, mouse"]

    def test_highlighted_elements(self):
        """Check the role class and halo colour of highlighted nodes and edges."""
        g = seed_graph()
        chronic = claim_id(g, "antidepressant", Relation.INCREASES, "NMDA_adaptation")
        counter = Highlight(
            ["ECS"], [("antidepressant", "NMDA_adaptation", chronic)], "counterexample"
        )
        items = svg_items(svg_of(g, highlight=[WITNESS, counter]))
        nodes, edges = by_title(items, "node"), by_title(items, "edge")
        (imipramine,) = nodes["imipramine"]
        assert "witness" in imipramine.classes
        assert {e.get("stroke") for e in imipramine.element.iter() if e.get("stroke")} == {
            ROLE_COLOUR[Role.WITNESS]
        }
        (ecs,) = nodes["ECS"]
        assert "counterexample" in ecs.classes
        (hop,) = edges["imipramine->tricyclic"]
        assert {"isa", "witness"} <= hop.classes and ROLE_COLOUR[Role.WITNESS] in hop.strokes
        marked = [
            e for e in edges["antidepressant->NMDA_adaptation"] if "counterexample" in e.classes
        ]
        assert len(marked) == 1 and marked[0].strokes == {
            ROLE_COLOUR[Role.COUNTEREXAMPLE],
            "#1b7837",
        }
        assert not nodes["citalopram"][0].classes

    def test_legend_does_not_overlap_the_graph(self):
        """Check that the legend cluster's box meets no entity node."""
        g = seed_graph()
        items = svg_items(svg_of(g, highlight=[WITNESS], title="Skolnick 1996"))
        (cluster,) = [i for i in items if i.kind == "cluster"]
        assert cluster.title == "cluster_legend"
        entity_boxes = [i.bbox() for i in items if i.kind == "node" and i.title in g]
        assert len(entity_boxes) == 12
        assert not any(overlaps(cluster.bbox(), box) for box in entity_boxes)
        legend_words = {t for i in items if i.kind == "node" and i.title not in g for t in i.texts}
        assert {
            "increases",
            "decreases",
            "no change",
            "association",
            "hypothesised",
            "witness",
            "drug",
            "treatment",
            "class",
            "phenotype",
        } <= legend_words

    def test_no_legend(self):
        """Check that legend=False draws no cluster."""
        assert not [i for i in svg_items(svg_of(seed_graph(), legend=False)) if i.kind == "cluster"]

    def test_seed_png(self, tmp_path):
        """Check that the seed graph renders to a PNG of a sensible size."""
        out = tmp_path / "seed.png"
        result = render(seed_graph(), out, highlight=[WITNESS], title="Skolnick 1996")
        data = out.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert 600 < width < 3000 and 300 < height < 2000
        assert result == Rendering(str(out), "png", 12, 13, 0)


@needs_dot
def test_empty_graph():
    """Check that an empty graph draws an empty diagram without a legend."""
    dot = to_dot(MechanismGraph())
    assert "cluster_legend" not in dot
    assert svg_items(svg_of(MechanismGraph())) == []


def test_legend_names_never_clash_with_entities():
    """Check that entities named like legend nodes stay separate nodes with their own style."""
    g = MechanismGraph()
    g.add_entity(Entity("legend·0", "gene"))
    g.add_entity(Entity("_legend·drug", "gene"))
    g.add_claim("legend·0", Relation.INCREASES, "_legend·drug")
    subjects = [subject for subject, _ in dot_statements(to_dot(g))]
    assert subjects.count('"legend·0"') == 1 and subjects.count('"_legend·drug"') == 1
    assert '"__legend·0"' in subjects and '"__legend·gene"' in subjects


class TestDeterminism:
    def test_same_graph_same_bytes(self):
        """Check that drawing twice gives byte-identical DOT."""
        assert to_dot(seed_graph(), highlight=[WITNESS]) == to_dot(
            seed_graph(), highlight=[WITNESS]
        )

    @given(st.randoms(use_true_random=False))
    def test_insertion_order_does_not_matter(self, rnd: random.Random):
        """Check that any order of adding entities, isa edges and claims gives the same DOT."""
        order = list(range(len(seed_steps())))
        rnd.shuffle(order)
        assert to_dot(seed_graph(order)) == to_dot(seed_graph())


class TestHighlight:
    def test_role_from_its_value(self):
        """Check that a role may be given by its value and lists become tuples."""
        h = Highlight(nodes=["a"], edges=[["a", "b", 1]], role="pathway")
        assert h.role is Role.PATHWAY and h.edges == (("a", "b", 1),)

    def test_undeclared_names_can_be_highlighted(self):
        """Check that names known only from isa statements or claims can be highlighted."""
        g = MechanismGraph()
        g.add_isa("member", "group")
        g.add_claim("group", Relation.INCREASES, "effect")
        marked = Highlight(
            ["member", "effect"], [("member", "group", None), ("group", "effect", 0)]
        )
        statements = dict(dot_statements(to_dot(g, highlight=[marked])))
        assert statements['"member"']["class"] == '"witness"'
        assert statements['"member" -> "group"']["class"] == '"isa witness"'
        assert statements['"group" -> "effect"']["class"] == '"increases witness"'
        assert statements['"effect"']["shape"] == f'"{KIND_STYLE["entity"].shape}"'

    def test_unknown_elements_are_errors(self):
        """Check that highlighting what the graph lacks is a QueryError."""
        with pytest.raises(QueryError, match="'nowhere' is not in the graph"):
            to_dot(seed_graph(), highlight=[Highlight(["nowhere"])])
        with pytest.raises(QueryError, match="claim 99"):
            to_dot(seed_graph(), highlight=[Highlight(edges=[("ECS", "antidepressant", 99)])])
        with pytest.raises(QueryError, match="isa edge 'ECS' -> 'ssri'"):
            to_dot(seed_graph(), highlight=[Highlight(edges=[("ECS", "ssri", None)])])


class TestRenderFiles:
    def test_dot_file(self, tmp_path):
        """Check that .dot writes exactly to_dot's text."""
        out = tmp_path / "g.dot"
        render(seed_graph(), out)
        assert out.read_text("utf-8") == to_dot(seed_graph())

    @needs_dot
    @pytest.mark.parametrize(
        "suffix,magic", [("svg", b"<?xml"), ("pdf", b"%PDF"), ("PNG", b"\x89PNG")]
    )
    def test_formats(self, tmp_path, suffix, magic):
        """Check that the suffix picks the format, in any case."""
        out = tmp_path / f"sub/g.{suffix}"
        assert render(seed_graph(), out).format == suffix.lower()
        assert out.read_bytes().startswith(magic)

    def test_unknown_suffix(self, tmp_path):
        """Check that an unknown suffix is an error naming the formats, and writes nothing."""
        with pytest.raises(MechgraphError, match="cannot tell the format") as caught:
            render(seed_graph(), tmp_path / "g.jpg")
        assert ".svg, .png, .pdf, .dot" in caught.value.diagnostics[0].hint
        assert list(tmp_path.iterdir()) == []

    def test_dot_missing(self, tmp_path, monkeypatch):
        """Check the one-line error without graphviz, the old file kept, and .dot still working."""
        out = tmp_path / "g.svg"
        out.write_text("old")
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        with pytest.raises(MechgraphError) as caught:
            render(seed_graph(), out)
        (line,) = str(caught.value).splitlines()
        assert line.startswith(f"{out}: error: the graphviz 'dot' program is not installed: ")
        assert "apt-get install graphviz" in line
        assert out.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["g.svg"]
        render(seed_graph(), tmp_path / "g.dot")
        assert (tmp_path / "g.dot").read_text("utf-8").startswith("digraph mechanism {")

    @pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
    def test_unwritable_folder(self, tmp_path):
        """Check that an unwritable folder is an error and leaves no temporary file."""
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        try:
            with pytest.raises(MechgraphError, match="cannot write"):
                render(seed_graph(), folder / "g.dot")
            assert list(folder.iterdir()) == []
        finally:
            folder.chmod(0o700)

    def test_output_is_a_folder(self, tmp_path):
        """Check that writing over a folder fails cleanly and removes the temporary file."""
        (tmp_path / "g.dot").mkdir()
        with pytest.raises(MechgraphError, match="cannot write"):
            render(seed_graph(), tmp_path / "g.dot")
        assert [p.name for p in tmp_path.iterdir()] == ["g.dot"]

    def test_rendering_to_dict(self, tmp_path):
        """Check the JSON form of a rendering."""
        result = render(seed_graph(), tmp_path / "g.dot", max_nodes=5)
        assert result.to_dict() == {
            "output": str(tmp_path / "g.dot"),
            "format": "dot",
            "nodes": 5,
            "edges": result.edges,
            "left_out": 7,
            "edges_left_out": result.edges_left_out,
            "note": result.note,
        }
        assert result.note.startswith("7 more entities and ") and "--all" in result.note


SEED_RULES = """\
source skolnick1996 = pmid:8852531 "Adaptation of NMDA receptors following antidepressant treatment"

drug imipramine, citalopram
treatment ECS "electroconvulsive shock"
class antidepressant, tricyclic, ssri, NMDA_antagonist
process NMDA_adaptation, NMDA_function
phenotype antidepressant_effect
context duration chronic, acute
context species mouse

imipramine isa tricyclic
citalopram isa ssri
tricyclic, ssri, ECS isa antidepressant

antidepressant -> NMDA_adaptation [duration=chronic, species=mouse] @skolnick1996
antidepressant -0 NMDA_adaptation [duration=acute, species=mouse] @skolnick1996
NMDA_antagonist -| NMDA_function @skolnick1996
NMDA_adaptation -> antidepressant_effect @skolnick1996 status=hypothesis
"""


class TestCommandLine:
    @pytest.fixture
    def rules(self, tmp_path):
        pytest.importorskip("mechgraph.language.loader")
        pytest.importorskip("mechgraph.compiler.compile")
        folder = tmp_path / "rules"
        folder.mkdir()
        (folder / "seed.mg").write_text(SEED_RULES, "utf-8")
        return folder

    def run(self, capsys, *argv):
        from mechgraph.cli import main

        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    def test_render_folder_to_dot(self, rules, tmp_path, capsys):
        """Check that the verb compiles a folder and writes the DOT of the graph."""
        out = tmp_path / "seed.dot"
        code, stdout, _ = self.run(capsys, "render", str(rules), "-o", str(out))
        assert code == 0 and stdout.startswith(f"wrote {out} (")
        edges = dot_edges(out.read_text("utf-8"))
        assert len(edges['"antidepressant" -> "NMDA_adaptation"']) == 2
        assert edges['"NMDA_antagonist" -> "NMDA_function"'][0]["arrowhead"] == '"tee"'
        assert '"imipramine" -> "tricyclic"' in edges

    def test_json_and_focus(self, rules, tmp_path, capsys):
        """Check --json with --from/--to, --where, --no-isa, --no-legend and --max-nodes."""
        out = tmp_path / "focus.dot"
        code, stdout, _ = self.run(
            capsys,
            "render",
            str(rules),
            "-o",
            str(out),
            "--json",
            "--from",
            "imipramine",
            "--to",
            "antidepressant_effect",
            "--no-isa",
            "--no-legend",
            "--max-nodes",
            "3",
            "--where",
            "duration=chronic",
        )
        import json

        assert code == 0
        document = json.loads(stdout)
        assert document.pop("note").startswith("2 more entities and 3 more links not shown")
        assert document == {
            "output": str(out),
            "format": "dot",
            "nodes": 3,
            "edges": 1,
            "left_out": 2,
            "edges_left_out": 3,
        }
        text = out.read_text("utf-8")
        assert "cluster_legend" not in text and '"note"' in text

    @needs_dot
    def test_svg_with_title(self, rules, tmp_path, capsys):
        """Check an SVG with a title and --around."""
        out = tmp_path / "g.svg"
        code, _, _ = self.run(
            capsys,
            "render",
            str(rules),
            "-o",
            str(out),
            "--around",
            "ECS",
            "--depth",
            "1",
            "--title",
            "ECS",
        )
        nodes = {i.title for i in svg_items(out.read_text("utf-8")) if i.kind == "node"}
        assert code == 0 and {"ECS", "antidepressant"} <= nodes and "imipramine" not in nodes

    @pytest.mark.parametrize(
        "argv,message",
        [
            (["-o", "x.jpg"], "cannot tell the format"),
            (["-o", "x.svg", "--from", "a"], "--from and --to go together"),
            (["-o", "x.svg", "--max-nodes", "0"], "--max-nodes must be 1 or more"),
            (["-o", "x.svg", "--where", "duration"], "context 'duration' is not key=value"),
        ],
    )
    def test_usage_errors(self, rules, capsys, argv, message):
        """Check that bad options exit 2 with a message and write nothing."""
        code, _, err = self.run(capsys, "render", str(rules), *argv)
        assert code == 2 and message in err

    def test_rule_errors(self, rules, tmp_path, capsys):
        """Check that rules with an error exit 1 with the located diagnostic and write nothing."""
        (rules / "broken.mg").write_text("imipramine => NMDA_adaptation\n", "utf-8")
        out = tmp_path / "g.dot"
        code, _, err = self.run(capsys, "render", str(rules), "-o", str(out))
        assert code == 1 and "broken.mg:1:" in err and not out.exists()

    @needs_dot
    def test_witness_of_a_real_answer(self, rules):
        """Check that the witness path of an answer highlights its hops, isa climbs included."""
        from mechgraph import load

        model = load(rules)
        answer = model.ask("imipramine", "antidepressant_effect")
        path = answer.paths[0]
        items = svg_items(svg_of(model.graph, highlight=[Highlight.along(path.hops)]))
        marked = {i.title for i in items if "witness" in i.classes}
        assert marked == {
            "imipramine",
            "tricyclic",
            "antidepressant",
            "NMDA_adaptation",
            "antidepressant_effect",
            "imipramine->tricyclic",
            "tricyclic->antidepressant",
            "antidepressant->NMDA_adaptation",
            "NMDA_adaptation->antidepressant_effect",
        }
        assert len([i for i in items if "witness" in i.classes and i.kind == "edge"]) == 4

    def test_unknown_entity(self, rules, tmp_path, capsys):
        """Check that an unknown --around is a usage error with a did-you-mean hint."""
        out = tmp_path / "g.dot"
        code, _, err = self.run(capsys, "render", str(rules), "-o", str(out), "--around", "ECT")
        assert code == 2 and "unknown entity 'ECT'" in err and "did you mean 'ECS'" in err
        assert not out.exists()


@needs_dot
def test_graphviz_label_escapes_are_drawn_literally():
    """Check issue 18: a label "dose \\N mg \\G" is drawn as written, not as the node's name."""
    from mechgraph.model import Model

    model = Model.from_text('drug a "dose \\\\N mg \\\\G x\\\\y"\nprocess b\na -> b\n')
    svg = svg_of(model.graph)
    assert ">dose \\N mg \\G x\\y</text>" in svg and "dose a mg" not in svg
