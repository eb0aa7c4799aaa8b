"""The visual language of mechanism diagrams: one table per thing drawn.

Sign decides an edge's arrowhead, colour and line (``increases`` a normal
arrow, ``decreases`` a tee, ``causes no change`` a dashed grey line with an
open circle, ``association`` no arrowhead at all); entity kind decides a
node's shape and fill; a highlight role decides the halo drawn around
highlighted nodes and edges.  :mod:`mechgraph.render` only looks things up
here, so the whole look of a diagram can be read (and changed) in one place.

>>> SIGN_STYLE[Sign.NEGATIVE].arrowhead
'tee'
>>> KIND_STYLE["process"].shape
'ellipse'
>>> short_value("cerebral_cortex"), short_value("chronic")
('cortex', 'chronic')
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .syntax import Sign

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


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of entity is drawn: a graphviz shape and a fill colour."""

    shape: str
    fill: str
    rounded: bool = False


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

#: Entity kind → its node, for every kind of :data:`mechgraph.syntax.ENTITY_KINDS`.
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

_SHORT = 12
_WORDS = re.compile(r"[\s_\-]+")


def short_value(value: str, limit: int = _SHORT) -> str:
    """A context value short enough for an edge label.

    Long values keep their last word (``cerebral_cortex`` → ``cortex``);
    a long single word is cut with an ellipsis.  The full value goes in
    the tooltip.

    >>> short_value("14d"), short_value("frontal_cortex"), short_value("hippocampal")
    ('14d', 'cortex', 'hippocampal')
    >>> short_value("pharmacokinetically_irrelevant")
    'irrelevant'
    >>> short_value("supercalifragilistic")
    'supercalifr…'
    """
    if len(value) <= limit:
        return value
    last = _WORDS.split(value.strip(" _-"))[-1]
    if last and len(last) <= limit and last != value:
        return last
    return value[: limit - 1] + "…"
