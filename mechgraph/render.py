"""Mechanism diagrams: DOT text from a :class:`MechanismGraph`, and files drawn by graphviz.

:func:`to_dot` writes deterministic DOT (same graph, same bytes, whatever
the insertion order); :func:`render` draws it to ``.svg``, ``.png``,
``.pdf`` or ``.dot``; :func:`svg_of` gives SVG text for Jupyter.  What is
drawn comes from :func:`mechgraph.focus.focus`, how it looks from
:mod:`mechgraph.style`.  Answers and verdicts are drawn on top as
:class:`Highlight` s, so this module needs none of their types.

>>> from mechgraph.graph import Entity, MechanismGraph
>>> from mechgraph.syntax import Relation
>>> g = MechanismGraph()
>>> g.add_entity(Entity("NMDA_antagonist", "drug"))
>>> _ = g.add_claim("NMDA_antagonist", Relation.DECREASES, "NMDA_function")
>>> dot = to_dot(g, legend=False)
>>> print(dot.splitlines()[-2])
  "NMDA_antagonist" -> "NMDA_function" [class="decreases", color="#b2182b", arrowhead="tee", penwidth="1.4", fontcolor="#b2182b", tooltip="NMDA_antagonist -| NMDA_function (decreases)"];
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence
from xml.sax.saxutils import escape as _xml_escape

from .errors import Diagnostic, MechgraphError, QueryError
from .focus import View, focus
from .graph import Claim, Entity, MechanismGraph
from .style import (
    FONT,
    HYPOTHESIS_LINE,
    ISA_STYLE,
    KIND_STYLE,
    ROLE_COLOUR,
    SIGN_STYLE,
    SIGN_WORD,
    EdgeStyle,
    Role,
    short_value,
)
from .syntax import Sign

__all__ = ["FORMATS", "Highlight", "Rendering", "to_dot", "render", "svg_of"]

#: Output formats :func:`render` knows, by file suffix.
FORMATS = ("svg", "png", "pdf", "dot")

_INSTALL_HINT = (
    "install graphviz (apt-get install graphviz, brew install graphviz, "
    "or https://graphviz.org/download/); .dot output works without it"
)


@dataclass(frozen=True)
class Highlight:
    """Nodes and edges to draw with a halo, and why.

    ``edges`` are ``(subject, object, claim_id)`` triples; a ``claim_id`` of
    ``None`` names the ``isa`` edge from member ``subject`` to class ``object``.
    ``role`` is a :class:`~mechgraph.style.Role` or its value.

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


@dataclass(frozen=True)
class Rendering:
    """What :func:`render` wrote: the file, its format and how much it shows."""

    output: str
    format: str
    nodes: int
    edges: int
    left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (``mechgraph render --json``)."""
        return {
            "output": self.output,
            "format": self.format,
            "nodes": self.nodes,
            "edges": self.edges,
            "left_out": self.left_out,
        }


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
        part of the graph, see :func:`mechgraph.focus.focus`.

    Returns
    -------
    str
        DOT text; the same graph gives the same bytes.

    Raises
    ------
    QueryError
        A focus or highlight names an entity or claim the graph lacks.
    """
    return _draw(
        graph, highlight=highlight, legend=legend, isa=isa, title=title, **focus_options
    )[0]


def render(graph: MechanismGraph, path: str | os.PathLike[str], **options: Any) -> Rendering:
    """Draw ``graph`` into ``path``, in the format its suffix names.

    ``.dot`` writes :func:`to_dot`'s text; ``.svg``, ``.png`` and ``.pdf``
    need the graphviz ``dot`` program.  The file appears whole or not at
    all (written beside it, then renamed).  ``options`` are those of
    :func:`to_dot`.

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
    dot, view = _draw(graph, **options)
    data = dot.encode("utf-8") if fmt == "dot" else _run_dot(dot, fmt)
    _write_atomic(path, data)
    return Rendering(str(path), fmt, len(view.nodes), len(view.claims) + len(view.isa), view.left_out)


def svg_of(graph: MechanismGraph, **options: Any) -> str:
    """The diagram as SVG text (what ``_repr_svg_`` returns in Jupyter).

    ``options`` are those of :func:`to_dot`; needs graphviz's ``dot``.
    """
    return _run_dot(_draw(graph, **options)[0], "svg").decode("utf-8")


def _run_dot(dot: str, fmt: str) -> bytes:
    import graphviz

    try:
        return graphviz.pipe("dot", fmt, dot.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise MechgraphError(
            Diagnostic.error("the graphviz 'dot' program is not installed", hint=_INSTALL_HINT)
        ) from None
    except graphviz.CalledProcessError as error:
        reason = (error.stderr or b"").decode("utf-8", "replace").strip() or str(error)
        raise MechgraphError(Diagnostic.error(f"graphviz 'dot' failed: {reason}")) from None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as out:
            temp = out.name
            out.write(data)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as error:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
        raise MechgraphError(
            Diagnostic.error(f"cannot write {str(path)!r}: {error.strerror or error}", file=str(path))
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- DOT text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Html:
    """An attribute value written as a graphviz HTML string: ``<...>``."""

    text: str


def _html(text: str) -> _Html:
    r"""Text for an HTML-like label: XML-escaped, newlines as line breaks.

    >>> _html('a<b & "c"\nd').text
    'a&lt;b &amp; &quot;c&quot;<BR/>d'
    """
    escaped = _xml_escape(_printable(text), {'"': "&quot;"})
    return _Html(escaped.replace("\n", "<BR/>"))


def _quoted(text: str) -> str:
    r"""A DOT double-quoted escString showing ``text`` literally.

    >>> print(_quoted('say "hi" \\ \\N & go\nnow'))
    "say \"hi\" \\ \\N &amp; go\nnow"
    """
    text = _printable(text).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def _node_id(name: str) -> str:
    r"""A DOT ID that graphviz reads back as exactly ``name`` (an SVG ``<title>``).

    Plain names are double-quoted; names with a backslash, ``&`` or a
    control character become HTML strings, which keep backslashes as they
    are and decode character references in SVG.

    >>> _node_id('β-"adrenoceptor"'), _node_id("a\\b&c")
    ('"β-\\"adrenoceptor\\""', '<a\\b&amp;c>')
    """
    if any(ch in "\\&" or _is_control(ch) for ch in name):
        escaped = _xml_escape(_printable(name))
        return "<" + "".join(_CHAR_REFERENCE.get(ch, ch) for ch in escaped) + ">"
    return '"' + name.replace('"', '\\"') + '"'


_CHAR_REFERENCE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


def _printable(text: str) -> str:
    """``text`` with the characters DOT or XML reject replaced (tabs and line breaks kept)."""
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if _is_control(ch) and ch not in _CHAR_REFERENCE else ch
        for ch in text
    )


def _attributes(attrs: Mapping[str, str | float | _Html]) -> str:
    parts = []
    for key, value in attrs.items():
        if isinstance(value, _Html):
            parts.append(f"{key}=<{value.text}>")
        else:
            parts.append(f"{key}={_quoted(str(value))}")
    return "[" + ", ".join(parts) + "]"
    return "[" + ", ".join(parts) + "]"


def _statement(subject: str, attrs: Mapping[str, str | float | _Html], indent: str = "  ") -> str:
    return f"{indent}{subject} {_attributes(attrs)};"


# --- the diagram ------------------------------------------------------------------------


@dataclass
class _Roles:
    """The roles of highlighted nodes and edges, in the order the highlights came."""

    nodes: dict[str, list[Role]] = field(default_factory=dict)
    edges: dict[tuple[str, str, int | None], list[Role]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: MechanismGraph, highlights: Sequence[Highlight]) -> "_Roles":
        roles = cls()
        problems = []
        for h in highlights:
            for name in h.nodes:
                if name not in graph.links and name not in graph.hierarchy:
                    problems.append(f"highlighted entity {name!r} is not in the graph")
                roles.nodes.setdefault(name, []).append(h.role)
            for u, v, claim_id in h.edges:
                if not _has_edge(graph, u, v, claim_id):
                    what = "isa edge" if claim_id is None else f"claim {claim_id}"
                    problems.append(f"highlighted {what} {u!r} -> {v!r} is not in the graph")
                roles.edges.setdefault((u, v, claim_id), []).append(h.role)
        if problems:
            raise QueryError([Diagnostic.error(p, file="<highlight>") for p in problems])
        return roles

    def attrs(self, roles: Sequence[Role], edge: EdgeStyle | None = None) -> dict[str, str]:
        """The halo of an element with ``roles`` (nothing when it has none)."""
        if not roles:
            return {}
        colour = ROLE_COLOUR[roles[0]]
        names = " ".join(dict.fromkeys(r.value for r in roles))
        if edge is None:
            return {"class": names, "color": colour, "penwidth": "3"}
        return {"class": names, "color": f"{colour}:{edge.colour}:{colour}", "penwidth": "2"}


def _has_edge(graph: MechanismGraph, u: str, v: str, claim_id: int | None) -> bool:
    if claim_id is None:
        return graph.hierarchy.has_edge(u, v)
    return graph.links.has_edge(u, v, key=claim_id)


def _draw(
    graph: MechanismGraph,
    *,
    highlight: Sequence[Highlight] = (),
    legend: bool = True,
    isa: bool = True,
    title: str | None = None,
    **focus_options: Any,
) -> tuple[str, View]:
    roles = _Roles.of(graph, highlight)
    view = focus(graph, prefer=sorted(roles.nodes), **focus_options)
    if not isa:
        view = View(view.nodes, view.claims, (), view.left_out)
    claims = sorted((graph.claim(i) for i in view.claims), key=_claim_order)
    lines = ["digraph mechanism {", _statement("graph", _graph_attrs(title))]
    lines.append(_statement("node", {"fontname": FONT, "fontsize": "11", "style": "filled"}))
    lines.append(_statement("edge", {"fontname": FONT, "fontsize": "9"}))
    for name in view.nodes:
        lines.append(_statement(_node_id(name), _node_attrs(graph, name, roles)))
    for member, parent in view.isa:
        edge = _node_id(member) + " -> " + _node_id(parent)
        lines.append(_statement(edge, _isa_attrs(member, parent, roles)))
    for claim in claims:
        edge = _node_id(claim.subject) + " -> " + _node_id(claim.object)
        lines.append(_statement(edge, _claim_attrs(graph, claim, roles)))
    reserved = _reserved_prefix(view.nodes)
    if view.left_out:
        lines.append(_statement(_node_id(reserved + "left out"), _note_attrs(view)))
    if legend:
        lines.extend(_legend(graph, view, claims, roles, reserved))
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


def _graph_attrs(title: str | None) -> dict[str, str | _Html]:
    attrs: dict[str, str | _Html] = {
        "rankdir": "LR",
        "newrank": "true",
        "bgcolor": "white",
        "fontname": FONT,
        "nodesep": "0.25",
        "ranksep": "0.45",
        "outputorder": "edgesfirst",
    }
    if title:
        attrs.update({"label": _html(title), "labelloc": "t", "fontsize": "16"})
    return attrs


def _entity(graph: MechanismGraph, name: str) -> Entity:
    data = graph.links.nodes[name] if name in graph.links else {}
    return data.get("entity") or Entity(name, "entity")


def _node_attrs(graph: MechanismGraph, name: str, roles: _Roles) -> dict[str, str | _Html]:
    entity = _entity(graph, name)
    style = KIND_STYLE.get(entity.kind, KIND_STYLE["entity"])
    label = _html(name)
    if entity.label and entity.label != name:
        label = _Html(f'{label.text}<BR/><FONT POINT-SIZE="9">{_html(entity.label).text}</FONT>')
    tooltip = [f"{name} ({entity.kind})"] + [entity.label or ""][: bool(entity.label)]
    tooltip += [f"{key}={value}" for key, value in entity.attributes]
    attrs: dict[str, str | _Html] = {
        "label": label,
        "shape": style.shape,
        "style": "rounded,filled" if style.rounded else "filled",
        "fillcolor": style.fill,
        "tooltip": "\n".join(tooltip),
    }
    return attrs | roles.attrs(roles.nodes.get(name, []))


def _isa_attrs(member: str, parent: str, roles: _Roles) -> dict[str, str]:
    attrs = {"class": "isa"} | _edge_style(ISA_STYLE) | {"tooltip": f"{member} isa {parent}"}
    return _with_halo(attrs, roles.attrs(roles.edges.get((member, parent, None), []), ISA_STYLE))


def _claim_attrs(graph: MechanismGraph, claim: Claim, roles: _Roles) -> dict[str, str | _Html]:
    style = SIGN_STYLE[claim.sign]
    attrs: dict[str, str | _Html] = {"class": SIGN_WORD[claim.sign].replace(" ", "-")}
    attrs |= _edge_style(style)
    if claim.is_hypothesis:
        attrs["class"] += " hypothesis"
        attrs["style"] = HYPOTHESIS_LINE
    if claim.context:
        attrs["label"] = _html(", ".join(short_value(value) for _, value in claim.context))
    attrs["fontcolor"] = style.colour
    attrs["tooltip"] = _claim_tooltip(graph, claim)
    halo = roles.attrs(roles.edges.get((claim.subject, claim.object, claim.id), []), style)
    return _with_halo(attrs, halo)


def _with_halo(attrs: dict, halo: dict[str, str]) -> dict:
    """``attrs`` with a highlight's colour and width; its roles join the classes."""
    if halo:
        halo = halo | {"class": f"{attrs['class']} {halo['class']}"}
    return attrs | halo


def _edge_style(style: EdgeStyle) -> dict[str, str]:
    attrs = {"color": style.colour, "arrowhead": style.arrowhead, "penwidth": str(style.penwidth)}
    if style.line != "solid":
        attrs["style"] = style.line
    if not style.directed:
        attrs["dir"] = "none"
    return attrs


def _claim_tooltip(graph: MechanismGraph, claim: Claim) -> str:
    lines = [f"{claim.subject} {claim.relation.value} {claim.object} ({claim.relation.word})"]
    lines += [f"{key}={value}" for key, value in claim.context]
    if claim.is_hypothesis:
        lines.append("status: hypothesis")
    for ref in claim.evidence:
        source = graph.sources.get(ref)
        if source is None:
            lines.append(f"evidence: {ref}")
        else:
            title = f' "{source.title}"' if source.title else ""
            lines.append(f"evidence: {ref} = {source.reference}{title}")
    if claim.span.line > 0:
        lines.append(str(claim.span))
    return "\n".join(lines)


def _reserved_prefix(names: Sequence[str]) -> str:
    """A prefix for the legend's own node names that no entity name starts with."""
    prefix = "legend·"
    while any(name.startswith(prefix) for name in names):
        prefix = "_" + prefix
    return prefix


def _note_attrs(view: View) -> dict[str, str | _Html]:
    n = view.left_out
    text = f"{n} more {'entity' if n == 1 else 'entities'} not shown"
    return {"label": _html(text), "shape": "note", "fillcolor": "#fff8dc", "fontsize": "10",
            "tooltip": f"max_nodes kept the {len(view.nodes)} entities nearest the focus"}


def _legend(
    graph: MechanismGraph, view: View, claims: Sequence[Claim], roles: _Roles, prefix: str
) -> list[str]:
    """A cluster explaining the edges, kinds and highlight roles the diagram shows."""
    rows: list[tuple[str, dict[str, str]]] = []
    signs = {c.sign for c in claims}
    rows += [(SIGN_WORD[s], _edge_style(SIGN_STYLE[s])) for s in SIGN_STYLE if s in signs]
    if any(c.is_hypothesis for c in claims):
        rows.append(("hypothesised", {"color": "#444444", "style": HYPOTHESIS_LINE}))
    if view.isa:
        rows.append(("isa (member, class)", _edge_style(ISA_STYLE)))
    used = [r for hl in (*roles.nodes.values(), *roles.edges.values()) for r in hl]
    for role in Role:
        if role in used:
            rows.append((role.value, {"color": f"{ROLE_COLOUR[role]}:#444444:{ROLE_COLOUR[role]}",
                                      "penwidth": "2"}))
    kinds = {_entity(graph, name).kind for name in view.nodes}
    kinds = [k for k in KIND_STYLE if k in kinds]
    if not rows and not kinds:
        return []
    out = ["  subgraph cluster_legend {"]
    out.append(_statement("graph", {"label": _html("legend"), "fontsize": "10", "style": "rounded",
                                    "color": "#bdbdbd", "fontcolor": "#616161", "margin": "6"}, "    "))
    out.append(_statement("node", {"shape": "plaintext", "fontsize": "9", "style": "",
                                   "height": "0.2", "margin": "0.02"}, "    "))
    words, points, column = [], [], []
    for i, (word, attrs) in enumerate(rows):
        words.append(_node_id(f"{prefix}{i}"))
        points.append(_node_id(f"{prefix}{i}."))
        out.append(_statement(words[-1], {"label": _html(word)}, "    "))
        out.append(_statement(points[-1], {"shape": "point", "width": "0.02", "style": "invis"}, "    "))
        out.append(_statement(f"{words[-1]} -> {points[-1]}", attrs | {"minlen": "1"}, "    "))
    for kind in kinds:
        style = KIND_STYLE[kind]
        column.append(_node_id(prefix + kind))
        out.append(_statement(column[-1], {"label": _html(kind), "shape": style.shape,
                                           "style": "rounded,filled" if style.rounded else "filled",
                                           "fillcolor": style.fill, "width": "0",
                                           "margin": "0.06,0.02"}, "    "))
    for group in (words, points, column):
        if len(group) > 1:
            out.append("    {rank=same; " + "; ".join(group) + "}")
    if points and column:
        out.append(_statement(f"{points[0]} -> {column[0]}", {"style": "invis"}, "    "))
    out.append("  }")
    return out
