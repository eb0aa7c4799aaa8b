"""Mechanism diagrams: DOT text from a :class:`MechanismGraph`, and files drawn by graphviz.

:func:`to_dot` writes deterministic DOT (same graph, same bytes, whatever
the insertion order); :func:`render` draws it to ``.svg``, ``.png``,
``.pdf`` or ``.dot``; :func:`svg_of` gives SVG text for Jupyter.  What is
drawn comes from :func:`mechgraph.render.focus.focus`, how it looks from
:mod:`mechgraph.render.style`.  Answers and verdicts are drawn on top as
:class:`Highlight` s, so this module needs none of their types.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> g.add_entity(Entity("NMDA_antagonist", "drug"))
>>> _ = g.add_claim("NMDA_antagonist", Relation.DECREASES, "NMDA_function")
>>> dot = to_dot(g, legend=False)
>>> print(dot.splitlines()[-2])
  "NMDA_antagonist" -> "NMDA_function" [class="decreases", color="#b2182b", arrowhead="tee", penwidth="1.4", fontcolor="#b2182b", tooltip="NMDA_antagonist -| NMDA_function (decreases)"];
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mechgraph.errors import Diagnostic, MechgraphError, QueryError
from mechgraph.files import write_atomic
from mechgraph.graph.context_values import pair_text
from mechgraph.graph.mechanism import Claim, Entity, MechanismGraph
from mechgraph.progress import phase
from mechgraph.render.dot import Attributes, html, node_id, statement
from mechgraph.render.focus import View, focus
from mechgraph.render.style import (
    FONT,
    HYPOTHESIS_LINE,
    ISA_STYLE,
    KIND_STYLE,
    SIGN_STYLE,
    SIGN_WORD,
    Role,
    halo,
    legend_cluster,
    legend_rows,
    quantity_label,
)

__all__ = [
    "FORMATS",
    "Highlight",
    "Rendering",
    "to_dot",
    "render",
    "svg_of",
    "left_out_note",
    "DOT_TIMEOUT",
]

#: Output formats :func:`render` knows, by file suffix.
FORMATS = ("svg", "png", "pdf", "dot")

_INSTALL_HINT = (
    "install graphviz (apt-get install graphviz, brew install graphviz, "
    "or see https://graphviz.org/download/); .dot output works without it"
)


_LABEL_WIDTH = 28

#: Seconds graphviz may lay out one drawing before it is stopped.
DOT_TIMEOUT = 60.0
#: Edges beyond which graphviz's layout passes are bounded (``mclimit``, ``nslimit``):
#: unbounded, its network simplex takes ~29 s of CPU on the default budget's 500 edges.
FAST_LAYOUT_EDGES = 150


@dataclass(frozen=True)
class Highlight:
    """Nodes and edges to draw with a halo, and why.

    ``edges`` are ``(subject, object, claim_id)`` triples; a ``claim_id`` of
    ``None`` names the ``isa`` edge from member ``subject`` to class ``object``.
    ``role`` is a :class:`~mechgraph.render.style.Role` or its value.

    >>> Highlight(["a"], [("a", "b", 0)], "counterexample")
    Highlight(nodes=('a',), edges=(('a', 'b', 0),), role=<Role.COUNTEREXAMPLE: 'counterexample'>)
    """

    nodes: Sequence[str] = ()
    edges: Sequence[tuple[str, str, int | None]] = ()
    role: Role = Role.WITNESS

    def __post_init__(self) -> None:
        object.__setattr__(self, "nodes", tuple(self.nodes))
        object.__setattr__(self, "edges", tuple(tuple(edge) for edge in self.edges))
        object.__setattr__(self, "role", Role(self.role))

    @classmethod
    def along(cls, hops: Iterable[Any], role: Role | str = Role.WITNESS) -> Highlight:
        """The nodes and edges of a path of hops (anything with ``subject``,
        ``object`` and ``claim_id``, the last ``None`` for an ``isa`` climb).

        >>> from types import SimpleNamespace as Hop
        >>> Highlight.along([Hop(subject="a", object="b", claim_id=None),
        ...                  Hop(subject="b", object="c", claim_id=4)]).edges
        (('a', 'b', None), ('b', 'c', 4))
        """
        hops = list(hops)
        nodes = [h.subject for h in hops] + [h.object for h in hops[-1:]]
        return cls(nodes, [(h.subject, h.object, h.claim_id) for h in hops], role)


@dataclass(frozen=True)
class Rendering:
    """What :func:`render` wrote: the file, its format and how much it shows."""

    output: str
    format: str
    nodes: int
    edges: int
    left_out: int = 0
    edges_left_out: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (``mechgraph render --json``)."""
        return asdict(self)


def to_dot(
    graph: MechanismGraph,
    *,
    highlight: Sequence[Highlight] = (),
    legend: bool = True,
    isa: bool = True,
    title: str | None = None,
    **focus_options: Any,
) -> str:
    """The DOT source of a mechanism diagram.

    Parameters
    ----------
    graph : MechanismGraph
    highlight : sequence of Highlight
        Drawn with a halo in the colour of their role; the first highlight
        naming an element picks its colour.
    legend : bool
        Draw a legend of the signs, kinds and roles shown, as a cluster.
    isa : bool
        Draw ``isa`` edges (thin grey, a hollow triangle at the class).
    title : str, optional
        A title above the diagram.
    **focus_options
        ``around``, ``depth``, ``between``, ``where``, ``max_nodes``: draw
        part of the graph, see :func:`mechgraph.render.focus.focus`.

    Returns
    -------
    str
        DOT text; the same graph gives the same bytes.

    Raises
    ------
    QueryError
        A focus or highlight names an entity or claim the graph lacks.
    """
    return _draw(graph, highlight=highlight, legend=legend, isa=isa, title=title, **focus_options)[
        0
    ]


def render(graph: MechanismGraph, path: str | os.PathLike[str], **options: Any) -> Rendering:
    """Draw ``graph`` into ``path``, in the format its suffix names.

    ``.dot`` writes :func:`to_dot`'s text; ``.svg``, ``.png`` and ``.pdf``
    need the graphviz ``dot`` program.  Missing folders are created; the
    file appears whole or not at all (written beside it, then renamed).
    ``options`` are those of :func:`to_dot`.

    Raises
    ------
    MechgraphError
        An unknown suffix, ``dot`` missing or failing, or the file not writable.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise MechgraphError(
            Diagnostic.error(
                f"cannot tell the format of {str(path)!r} from its suffix",
                file=str(path),
                hint="end the file name with " + ", ".join("." + f for f in FORMATS),
            )
        )
    timeout = options.pop("timeout", DOT_TIMEOUT)
    dot, view = _draw(graph, **options)
    data = dot.encode("utf-8") if fmt == "dot" else _run_dot(dot, fmt, str(path), timeout)
    write_atomic(path, data)
    edges = len(view.claims) + len(view.isa)
    return Rendering(
        str(path),
        fmt,
        len(view.nodes),
        edges,
        view.left_out,
        view.edges_left_out,
        left_out_note(view),
    )


def svg_of(graph: MechanismGraph, **options: Any) -> str:
    """The diagram as SVG text (what ``_repr_svg_`` returns in Jupyter).

    ``options`` are those of :func:`to_dot`; needs graphviz's ``dot``.
    """
    timeout = options.pop("timeout", DOT_TIMEOUT)
    return _run_dot(_draw(graph, **options)[0], "svg", "<svg>", timeout).decode("utf-8")


def _run_dot(dot: str, fmt: str, where: str, timeout: float | None = DOT_TIMEOUT) -> bytes:
    """``dot`` laid out and drawn by graphviz as ``fmt`` within ``timeout`` seconds;
    errors are located at ``where``."""
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program is None:
        message = f"the graphviz 'dot' program is not installed: {_INSTALL_HINT}"
        raise MechgraphError(Diagnostic.error(message, file=where))
    with phase("draw"):
        try:
            done = subprocess.run(
                [program, f"-T{fmt}"],
                input=dot.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise MechgraphError(
                Diagnostic.error(
                    f"graphviz 'dot' took longer than {timeout:g} s and was stopped",
                    file=where,
                    hint="draw less: --max-nodes N, --around X --depth 1, --from C --to T, "
                    "or allow more time with --dot-timeout S",
                )
            ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise MechgraphError(Diagnostic.error(f"graphviz 'dot' failed: {reason}", file=where))
    return done.stdout


# --- the diagram ------------------------------------------------------------------------

_Edge = tuple[str, str, "int | None"]


def _roles(graph: MechanismGraph, highlights: Sequence[Highlight]) -> tuple[dict, dict]:
    """Roles by highlighted node and by edge, in highlight order; unknown ones are errors."""
    nodes: dict[str, list[Role]] = {}
    edges: dict[_Edge, list[Role]] = {}
    problems = []
    for h in highlights:
        for name in h.nodes:
            if name not in graph.links and name not in graph.hierarchy:
                problems.append(f"highlighted entity {name!r} is not in the graph")
            nodes.setdefault(name, []).append(h.role)
        for u, v, claim_id in h.edges:
            if claim_id is None and not graph.hierarchy.has_edge(u, v):
                problems.append(f"highlighted isa edge {u!r} -> {v!r} is not in the graph")
            elif claim_id is not None and not graph.links.has_edge(u, v, key=claim_id):
                problems.append(f"highlighted claim {claim_id} {u!r} -> {v!r} is not in the graph")
            edges.setdefault((u, v, claim_id), []).append(h.role)
    if problems:
        raise QueryError([Diagnostic.error(p, file="<highlight>") for p in problems])
    return nodes, edges


def _draw(
    graph: MechanismGraph,
    *,
    highlight: Sequence[Highlight] = (),
    legend: bool = True,
    isa: bool = True,
    title: str | None = None,
    **focus_options: Any,
) -> tuple[str, View]:
    node_roles, edge_roles = _roles(graph, highlight)
    view = focus(graph, prefer=sorted(node_roles), **focus_options)
    if not isa:
        view = View(view.nodes, view.claims, (), view.left_out, view.edges_left_out)
    claims = sorted((graph.claim(i) for i in view.claims), key=_claim_order)
    edges = len(claims) + len(view.isa)
    lines = ["digraph mechanism {", statement("graph", _graph_attrs(title, edges))]
    lines.append(statement("node", {"fontname": FONT, "fontsize": "11", "style": "filled"}))
    lines.append(statement("edge", {"fontname": FONT, "fontsize": "9"}))
    for name in view.nodes:
        attrs = _node_attrs(_entity(graph, name)) | halo(node_roles.get(name, []))
        lines.append(statement(node_id(name), attrs))
    for member, parent in view.isa:
        attrs = {"class": "isa"} | ISA_STYLE.attributes()
        attrs["tooltip"] = f"{member} isa {parent}"
        attrs = _with_halo(attrs, halo(edge_roles.get((member, parent, None), []), ISA_STYLE))
        lines.append(statement(f"{node_id(member)} -> {node_id(parent)}", attrs))
    for claim in claims:
        attrs = _claim_attrs(graph, claim)
        key = (claim.subject, claim.object, claim.id)
        attrs = _with_halo(attrs, halo(edge_roles.get(key, []), SIGN_STYLE[claim.sign]))
        lines.append(statement(f"{node_id(claim.subject)} -> {node_id(claim.object)}", attrs))
    prefix = _reserved_prefix(view.nodes)
    if view.left_out or view.edges_left_out:
        lines.append(statement(node_id(prefix + "left out"), _note_attrs(view)))
    if legend:
        roles = {r for rs in (*node_roles.values(), *edge_roles.values()) for r in rs}
        hypothesis = any(c.is_hypothesis for c in claims)
        rows = legend_rows({c.sign for c in claims}, hypothesis, bool(view.isa), roles)
        lines.extend(
            legend_cluster(rows, {_entity(graph, name).kind for name in view.nodes}, prefix)
        )
    lines.append("}")
    return "\n".join(lines) + "\n", view


def _claim_order(claim: Claim) -> tuple:
    """Claims in an order that does not depend on the order they were added."""
    span = claim.span
    return (
        claim.subject,
        claim.object,
        list(SIGN_STYLE).index(claim.sign),
        claim.context,
        claim.evidence,
        claim.status.value,
        (span.file, span.line, span.col),
    )


def _graph_attrs(title: str | None, edges: int = 0) -> Attributes:
    """The drawing's graph attributes; past :data:`FAST_LAYOUT_EDGES` edges, graphviz's
    crossing and placement passes are cut short (a 500-edge drawing: 29 s → 5 s).

    >>> "nslimit" in _graph_attrs(None, 40), _graph_attrs(None, 500)["nslimit"]
    (False, '2')
    """
    attrs: Attributes = {
        "rankdir": "LR",
        "newrank": "true",
        "bgcolor": "white",
        "fontname": FONT,
        "nodesep": "0.25",
        "ranksep": "0.45",
        "outputorder": "edgesfirst",
    }
    if edges > FAST_LAYOUT_EDGES:
        attrs |= {"mclimit": "0.3", "nslimit": "2", "nslimit1": "2"}
    if title:
        attrs |= {"label": html(title), "labelloc": "t", "fontsize": "16"}
    return attrs


def _entity(graph: MechanismGraph, name: str) -> Entity:
    """The declared entity, or a plain ``entity`` for a name used but not declared."""
    data = graph.links.nodes[name] if name in graph.links else {}
    return data.get("entity") or Entity(name, "entity")


def _node_attrs(entity: Entity) -> Attributes:
    label = html(entity.name)
    tooltip = [f"{entity.name} ({entity.kind})"]
    if entity.label and entity.label != entity.name:
        label += html("\n") + html(_wrap(entity.label), size=9)
        tooltip.append(entity.label)
    tooltip += [f"{key}={value}" for key, value in entity.attributes]
    reported = dict(entity.attributes).get("members", "")
    if entity.is_class and reported.isdigit():
        label += html("\n") + html(f"{reported} members reported", size=9)
    style = KIND_STYLE.get(entity.kind, KIND_STYLE["entity"])
    return {"label": label} | style.attributes() | {"tooltip": "\n".join(tooltip)}


def _wrap(text: str) -> str:
    """``text`` in lines of about 28 characters, broken at spaces only."""
    return textwrap.fill(text, _LABEL_WIDTH, break_on_hyphens=False, break_long_words=False)


def _claim_attrs(graph: MechanismGraph, claim: Claim) -> Attributes:
    style = SIGN_STYLE[claim.sign]
    attrs: Attributes = {"class": SIGN_WORD[claim.sign].replace(" ", "-")}
    attrs |= style.attributes()
    if claim.is_hypothesis:
        attrs["class"] += " hypothesis"
        attrs["style"] = HYPOTHESIS_LINE
    if claim.context:
        attrs["label"] = html(", ".join(quantity_label(value) for _, value in claim.context))
    attrs["fontcolor"] = style.colour
    attrs["tooltip"] = _claim_tooltip(graph, claim)
    return attrs


def _with_halo(attrs: Attributes, marks: dict[str, str]) -> Attributes:
    """``attrs`` with a highlight's colour and width; its roles join the classes."""
    if marks:
        marks = marks | {"class": f"{attrs['class']} {marks['class']}"}
    return attrs | marks


def _claim_tooltip(graph: MechanismGraph, claim: Claim) -> str:
    """The whole claim: relation, full context, status, citations, where it was stated."""
    lines = [f"{claim.subject} {claim.relation.value} {claim.object} ({claim.relation.word})"]
    lines += [pair_text(key, value) for key, value in claim.context]
    if claim.is_hypothesis:
        lines.append("status: hypothesis")
    for ref in claim.evidence:
        source = graph.sources.get(ref)
        cited = f" = {source.reference}" if source and source.reference else ""
        if source and source.title:
            cited += f' "{source.title}"'
        lines.append(f"evidence: {ref}{cited}")
    if claim.span.line > 0:
        lines.append(str(claim.span))
    return "\n".join(lines)


def _reserved_prefix(names: Sequence[str]) -> str:
    """A prefix for the diagram's own node names that no entity name starts with."""
    prefix = "legend·"
    while any(name.startswith(prefix) for name in names):
        prefix = "_" + prefix
    return prefix


def left_out_note(view: View) -> str:
    """What a drawing left out, in words (empty when it shows everything).

    >>> left_out_note(View(("a",), (), (), 3, 5))
    '3 more entities and 5 more links not shown (--max-nodes N or --all to draw more)'
    """
    if not (view.left_out or view.edges_left_out):
        return ""
    parts = []
    for n, one, many in (
        (view.left_out, "entity", "entities"),
        (view.edges_left_out, "link", "links"),
    ):
        if n:
            parts.append(f"{n} more {one if n == 1 else many}")
    return " and ".join(parts) + " not shown (--max-nodes N or --all to draw more)"


def _note_attrs(view: View) -> Attributes:
    return {
        "label": html(left_out_note(view).split(" (")[0]),
        "shape": "note",
        "fillcolor": "#fff8dc",
        "fontsize": "10",
        "tooltip": f"the drawing's budget kept the {len(view.nodes)} entities nearest the focus",
    }
