"""The visual language of mechanism diagrams: one table per thing drawn.

Sign decides an edge's arrowhead, colour and line (``increases`` a normal
arrow, ``decreases`` a tee, ``causes no change`` a dashed grey line with an
open circle, ``association`` no arrowhead at all); entity kind decides a
node's shape and fill; a highlight role decides the halo drawn around
highlighted nodes and edges.  :mod:`mechgraph.render.diagram` only looks things up
here, so the whole look of a diagram can be read (and changed) in one place.

>>> SIGN_STYLE[Sign.NEGATIVE].arrowhead
'tee'
>>> KIND_STYLE["process"].shape
'ellipse'
>>> short_value("dorsolateral_prefrontal_cortex")
'dorsolateral_pr…'
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mechgraph.graph.quantities import format_number, parse_condition
from mechgraph.language.syntax import Sign
from mechgraph.render.dot import Attributes, html, node_id, statement

__all__ = [
    "Role",
    "EdgeStyle",
    "NodeStyle",
    "SIGN_STYLE",
    "SIGN_WORD",
    "ISA_STYLE",
    "HYPOTHESIS_LINE",
    "KIND_STYLE",
    "ROLE_COLOUR",
    "FONT",
    "LEGEND_INK",
    "halo",
    "legend_rows",
    "legend_cluster",
    "short_value",
]

#: The font of every label (present on any graphviz install).
FONT = "Helvetica"


class Role(enum.Enum):
    """Why something is highlighted; each role has its own halo colour."""

    WITNESS = "witness"
    COUNTEREXAMPLE = "counterexample"
    PATHWAY = "pathway"


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of edge is drawn (graphviz attribute values)."""

    colour: str
    arrowhead: str
    line: str = "solid"
    penwidth: float = 1.4
    directed: bool = True

    def attributes(self) -> dict[str, str]:
        """Graphviz edge attributes.

        >>> SIGN_STYLE[Sign.UNSIGNED].attributes()["dir"]
        'none'
        """
        attrs = {"color": self.colour, "arrowhead": self.arrowhead, "penwidth": str(self.penwidth)}
        if self.line != "solid":
            attrs["style"] = self.line
        if not self.directed:
            attrs["dir"] = "none"
        return attrs


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of entity is drawn: a graphviz shape and a fill colour."""

    shape: str
    fill: str
    rounded: bool = False

    def attributes(self) -> dict[str, str]:
        """Graphviz node attributes.

        >>> KIND_STYLE["drug"].attributes()["style"]
        'rounded,filled'
        """
        style = "rounded,filled" if self.rounded else "filled"
        return {"shape": self.shape, "style": style, "fillcolor": self.fill}


#: Sign of a claim → its edge.
SIGN_STYLE: dict[Sign, EdgeStyle] = {
    Sign.POSITIVE: EdgeStyle("#1b7837", "normal"),
    Sign.NEGATIVE: EdgeStyle("#b2182b", "tee"),
    Sign.NO_CHANGE: EdgeStyle("#8c8c8c", "odot", line="dashed"),
    Sign.UNSIGNED: EdgeStyle("#5e3c99", "none", directed=False),
}

#: Sign of a claim → the word the legend uses for it.
SIGN_WORD: dict[Sign, str] = {
    Sign.POSITIVE: "increases",
    Sign.NEGATIVE: "decreases",
    Sign.NO_CHANGE: "no change",
    Sign.UNSIGNED: "association",
}

#: Class membership (``member isa class``): thin, grey, a hollow triangle.
ISA_STYLE = EdgeStyle("#9e9e9e", "empty", penwidth=0.7)

#: The line of a hypothesised claim (``status=hypothesis``), whatever its sign.
HYPOTHESIS_LINE = "dashed"

#: Entity kind → its node, for every kind of :data:`mechgraph.language.syntax.ENTITY_KINDS`.
KIND_STYLE: dict[str, NodeStyle] = {
    "drug": NodeStyle("box", "#d6e6f5", rounded=True),
    "treatment": NodeStyle("hexagon", "#d6e6f5"),
    "receptor": NodeStyle("invhouse", "#fde3c8"),
    "protein": NodeStyle("box", "#fde3c8"),
    "gene": NodeStyle("cds", "#fff3b0"),
    "process": NodeStyle("ellipse", "#dff2d8"),
    "phenotype": NodeStyle("octagon", "#f9dcea"),
    "disease": NodeStyle("doubleoctagon", "#f4c7c3"),
    "anatomy": NodeStyle("tab", "#ececec"),
    "class": NodeStyle("folder", "#e4dcf1"),
    "entity": NodeStyle("ellipse", "#ffffff"),
}

#: Highlight role → the colour of its halo.
ROLE_COLOUR: dict[Role, str] = {
    Role.WITNESS: "#f0a30a",
    Role.COUNTEREXAMPLE: "#d7191c",
    Role.PATHWAY: "#0571b0",
}

#: The colour at the heart of a highlighted edge in the legend.
LEGEND_INK = "#444444"


def halo(roles: list[Role], edge: EdgeStyle | None = None) -> dict[str, str]:
    """Attributes that mark an element with ``roles``; the first role gives the colour.

    An edge keeps its own colour between two lines of the role's colour.

    >>> halo([Role.WITNESS])["color"]
    '#f0a30a'
    >>> halo([Role.PATHWAY, Role.WITNESS], ISA_STYLE)["color"]
    '#0571b0:#9e9e9e:#0571b0'
    >>> halo([])
    {}
    """
    if not roles:
        return {}
    colour = ROLE_COLOUR[roles[0]]
    names = " ".join(dict.fromkeys(r.value for r in roles))
    if edge is None:
        return {"class": names, "color": colour, "penwidth": "3"}
    return {"class": names, "color": f"{colour}:{edge.colour}:{colour}", "penwidth": "2"}


_SHORT = 16


def short_value(value: str, limit: int = _SHORT) -> str:
    """A context value short enough for an edge label; the tooltip has it whole.

    >>> short_value("14d"), short_value("cerebral_cortex"), short_value("depression_model")
    ('14d', 'cerebral_cortex', 'depression_model')
    >>> short_value("dorsolateral_prefrontal_cortex")
    'dorsolateral_pr…'
    """
    return value if len(value) <= limit else value[: limit - 1] + "…"


def quantity_label(value: str) -> str:
    """An edge label's value: quantities with ``≥``/``≤``, ``–`` and a space before the
    unit; other values as :func:`short_value` gives them.

    >>> quantity_label(">=14d"), quantity_label("5..20mg/kg"), quantity_label("chronic")
    ('≥14 d', '5–20 mg/kg', 'chronic')
    """
    condition = parse_condition(value)
    if condition is None:
        return short_value(value)
    sign = {">=": "≥", "<=": "≤"}.get(condition.op, "")
    numbers = format_number(condition.low)
    if condition.high is not None:
        numbers += "–" + format_number(condition.high)
    return f"{sign}{numbers} {condition.unit}".rstrip()


def legend_rows(
    signs: Collection[Sign], hypothesis: bool, isa: bool, roles: Collection[Role]
) -> list[tuple[str, Attributes]]:
    """One (word, edge attributes) row per kind of edge a diagram shows.

    >>> [word for word, _ in legend_rows({Sign.NEGATIVE, Sign.POSITIVE}, True, False, ())]
    ['increases', 'decreases', 'hypothesised']
    """
    rows = [(SIGN_WORD[s], SIGN_STYLE[s].attributes()) for s in SIGN_STYLE if s in signs]
    if hypothesis:
        rows.append(("hypothesised", {"color": LEGEND_INK, "style": HYPOTHESIS_LINE}))
    if isa:
        rows.append(("isa (member → class)", ISA_STYLE.attributes()))
    for role in Role:
        if role in roles:
            colour = ROLE_COLOUR[role]
            rows.append((role.value, {"color": f"{colour}:{LEGEND_INK}:{colour}", "penwidth": "2"}))
    return rows


def legend_cluster(
    rows: Sequence[tuple[str, Attributes]], kinds: Collection[str], prefix: str
) -> list[str]:
    """DOT lines of a legend cluster: words and their edges, beside the entity kinds shown.

    The legend's own nodes are named ``prefix`` + a number or kind; choose a
    prefix no entity name starts with.

    >>> lines = legend_cluster(legend_rows({Sign.POSITIVE}, False, False, ()), {"drug"}, "L:")
    >>> lines[0], lines[-1]
    ('  subgraph cluster_legend {', '  }')
    """
    if not rows and not kinds:
        return []
    indent = "    "
    out = ["  subgraph cluster_legend {"]
    out.append(statement("graph", _LEGEND_FRAME, indent))
    out.append(statement("node", _LEGEND_NODE, indent))
    words, ends, column = [], [], []
    for i, (word, attrs) in enumerate(rows):
        words.append(node_id(f"{prefix}{i}"))
        ends.append(node_id(f"{prefix}{i}."))
        out.append(statement(words[-1], {"label": html(word)}, indent))
        out.append(
            statement(ends[-1], {"shape": "point", "width": "0.02", "style": "invis"}, indent)
        )
        out.append(statement(f"{words[-1]} -> {ends[-1]}", attrs, indent))
    for kind in (k for k in KIND_STYLE if k in kinds):
        column.append(node_id(prefix + kind))
        attrs = {"label": html(kind)} | KIND_STYLE[kind].attributes() | _LEGEND_KIND
        out.append(statement(column[-1], attrs, indent))
    for group in (words, ends, column):
        if len(group) > 1:
            out.append(f"{indent}{{rank=same; {'; '.join(group)}}}")
    if ends and column:
        out.append(statement(f"{ends[0]} -> {column[0]}", {"style": "invis"}, indent))
    out.append("  }")
    return out


_LEGEND_FRAME: Attributes = {
    "label": html("legend"),
    "fontsize": "10",
    "style": "rounded",
    "color": "#bdbdbd",
    "fontcolor": "#616161",
    "margin": "6",
}
_LEGEND_NODE: Attributes = {"shape": "plaintext", "fontsize": "9", "style": "", "height": "0.2"}
_LEGEND_KIND: Attributes = {"width": "0", "margin": "0.06,0.02"}
