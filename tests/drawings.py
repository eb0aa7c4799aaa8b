"""Helpers for the drawing tests: a hand-built seed graph, and readers for our DOT and SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mechgraph.graph.mechanism import Entity, MechanismGraph, Source
from mechgraph.language.syntax import Relation, Status

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

CHRONIC_CORTEX = {"duration": "chronic", "species": "mouse", "region": "cerebral_cortex"}


def seed_steps() -> list[Callable[[MechanismGraph], object]]:
    """The Skolnick 1996 mechanism, built by hand, one step per entity, isa or claim."""
    ev = ("skolnick1996",)
    entities = [
        Entity("imipramine", "drug", attributes=(("id", "CHEBI:47499"),)),
        Entity("citalopram", "drug"),
        Entity("ECS", "treatment", "electroconvulsive shock"),
        Entity("NMDA_antagonist", "class", "NMDA receptor antagonist"),
        Entity("antidepressant", "class"),
        Entity("tricyclic", "class"),
        Entity("ssri", "class"),
        Entity("NMDA_adaptation", "process", "adaptive change in NMDA receptor binding"),
        Entity("NMDA_function", "process"),
        Entity("beta_adrenoceptor", "receptor", "β-adrenoceptor"),
        Entity("beta_downregulation", "process", "down-regulation of cortical β-adrenoceptors"),
        Entity("antidepressant_effect", "phenotype"),
    ]
    claims = [
        ("antidepressant", Relation.INCREASES, "NMDA_adaptation", CHRONIC_CORTEX, Status.OBSERVED),
        (
            "antidepressant",
            Relation.NO_CHANGE,
            "NMDA_adaptation",
            {"duration": "acute", "species": "mouse"},
            Status.OBSERVED,
        ),
        ("NMDA_antagonist", Relation.DECREASES, "NMDA_function", {}, Status.OBSERVED),
        (
            "NMDA_antagonist",
            Relation.INCREASES,
            "beta_downregulation",
            {"duration": "chronic", "region": "cerebral_cortex"},
            Status.OBSERVED,
        ),
        (
            "antidepressant",
            Relation.INCREASES,
            "beta_downregulation",
            {"duration": "chronic"},
            Status.OBSERVED,
        ),
        ("beta_downregulation", Relation.DECREASES, "beta_adrenoceptor", {}, Status.OBSERVED),
        ("NMDA_function", Relation.ASSOCIATION, "antidepressant_effect", {}, Status.OBSERVED),
        ("NMDA_adaptation", Relation.INCREASES, "antidepressant_effect", {}, Status.HYPOTHESIS),
    ]
    isa = [
        ("imipramine", "tricyclic"),
        ("citalopram", "ssri"),
        ("tricyclic", "antidepressant"),
        ("ssri", "antidepressant"),
        ("ECS", "antidepressant"),
    ]
    source = Source(
        "skolnick1996",
        "pmid:8852531",
        "Adaptation of NMDA receptors following antidepressant treatment",
    )
    steps: list[Callable[[MechanismGraph], object]] = [
        lambda g: g.sources.__setitem__(source.name, source)
    ]
    steps += [lambda g, e=e: g.add_entity(e) for e in entities]
    steps += [lambda g, m=m, c=c: g.add_isa(m, c) for m, c in isa]
    steps += [
        lambda g, s=s, r=r, o=o, ctx=ctx, st=st: g.add_claim(
            s, r, o, context=ctx, evidence=ev, status=st
        )
        for s, r, o, ctx, st in claims
    ]
    return steps


def seed_graph(order: Sequence[int] | None = None) -> MechanismGraph:
    """The seed graph; ``order`` permutes the build steps (claim ids follow the order)."""
    steps = seed_steps()
    graph = MechanismGraph()
    for i in order if order is not None else range(len(steps)):
        steps[i](graph)
    return graph


def claim_id(graph: MechanismGraph, subject: str, relation: Relation, object: str) -> int:
    """The id of the one claim ``subject relation object``."""
    (found,) = [
        c.id
        for c in graph.claims
        if (c.subject, c.relation, c.object) == (subject, relation, object)
    ]
    return found


# --- DOT ---------------------------------------------------------------------------------

_VALUE = r'"(?:[^"\\]|\\.)*"|<(?:[^<>]|<[^<>]*>)*>'
_ID = rf"(?:{_VALUE}|\w+)"
_STATEMENT = re.compile(rf"^\s*(?P<subject>{_ID}(?: -> {_ID})?) \[(?P<attrs>.*)\];$")
_ATTRIBUTE = re.compile(rf"(\w+)=({_VALUE})")


def dot_statements(dot: str) -> list[tuple[str, dict[str, str]]]:
    """``(subject, attributes)`` of each one-line statement; quotes and ``<>`` kept on values."""
    found = []
    for line in dot.splitlines():
        match = _STATEMENT.match(line)
        if match:
            found.append((match["subject"], dict(_ATTRIBUTE.findall(match["attrs"]))))
    return found


def dot_edges(dot: str) -> dict[str, list[dict[str, str]]]:
    """Edge statements by their ``"u" -> "v"`` text."""
    edges: dict[str, list[dict[str, str]]] = {}
    for subject, attrs in dot_statements(dot):
        if " -> " in subject:
            edges.setdefault(subject, []).append(attrs)
    return edges


# --- SVG ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One node, edge or cluster of a graphviz SVG."""

    kind: str
    title: str
    classes: frozenset[str]
    element: ET.Element

    @property
    def tooltip(self) -> str | None:
        for a in self.element.iter(f"{SVG}a"):
            return a.get(XLINK_TITLE)
        return None

    @property
    def strokes(self) -> set[str]:
        return {e.get("stroke") for e in self.element.iter(f"{SVG}path")} - {None}

    @property
    def texts(self) -> list[str]:
        return [t.text or "" for t in self.element.iter(f"{SVG}text")]

    def arrowhead(self) -> str:
        """The arrowhead graphviz drew: normal, tee, odot, empty or none."""
        if any(True for _ in self.element.iter(f"{SVG}ellipse")):
            return "odot"
        polygons = list(self.element.iter(f"{SVG}polygon"))
        if not polygons:
            return "none"
        points = polygons[0].get("points", "").split()
        if len(points) == 5:
            return "tee"
        return "empty" if polygons[0].get("fill") == "none" else "normal"

    def bbox(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` around every shape of the item (text excluded)."""
        xs: list[float] = []
        ys: list[float] = []
        for e in self.element.iter():
            tag = e.tag.removeprefix(SVG)
            if tag in ("polygon", "polyline", "path"):
                numbers = [
                    float(n)
                    for n in re.findall(r"-?\d+(?:\.\d+)?", e.get("points") or e.get("d", ""))
                ]
                xs += numbers[0::2]
                ys += numbers[1::2]
            elif tag == "ellipse":
                cx, cy, rx, ry = (float(e.get(k)) for k in ("cx", "cy", "rx", "ry"))
                xs += [cx - rx, cx + rx]
                ys += [cy - ry, cy + ry]
        return min(xs), min(ys), max(xs), max(ys)


def svg_items(svg: str) -> list[Item]:
    """Every node, edge and cluster of ``svg``, in document order."""
    root = ET.fromstring(svg)
    items = []
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if classes and classes[0] in ("node", "edge", "cluster"):
            title = g.find(f"{SVG}title")
            items.append(
                Item(
                    classes[0],
                    title.text or "" if title is not None else "",
                    frozenset(classes[1:]),
                    g,
                )
            )
    return items


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
