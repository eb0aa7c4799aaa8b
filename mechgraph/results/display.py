"""Jupyter display for results: text from ``format()``, SVG from their diagram.

Results are plain data and never import the renderer.  A result shows as a
diagram once a model has attached its graph (``graph`` attribute) and the
facade has said how to draw (:func:`use_drawer`, done by :mod:`mechgraph.model`);
otherwise Jupyter falls back to the text form.

>>> class Result(Displayable):
...     graph = "a graph"
...     def format(self):
...         return "yes  a ─(+)→ b"
>>> previous = use_drawer(lambda result, graph: f"<svg>{result.format()}</svg>")
>>> Result()._repr_svg_()
'<svg>yes  a ─(+)→ b</svg>'
>>> _ = use_drawer(previous)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

__all__ = ["Displayable", "SvgDrawer", "attached_graph", "use_drawer"]

#: Draws a result over its graph as SVG text.
SvgDrawer = Callable[[Any, Any], str]
_drawer: list[SvgDrawer | None] = [None]


def use_drawer(draw: SvgDrawer | None) -> SvgDrawer | None:
    """Draw results with ``draw`` from now on (``None``: text only); the previous drawer."""
    previous, _drawer[0] = _drawer[0], draw
    return previous


def attached_graph() -> Any:
    """The dataclass field a model fills with its graph so that Jupyter can draw a result.

    It takes no part in equality, ``repr`` or ``to_dict``.
    """
    return field(default=None, compare=False, repr=False)


class Displayable:
    """Mixin: ``_repr_pretty_`` prints ``format()``; ``_repr_svg_`` draws the result."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.format())  # type: ignore[attr-defined]

    def _repr_svg_(self) -> str | None:
        graph, draw = getattr(self, "graph", None), _drawer[0]
        if graph is None or draw is None:
            return None
        return draw(self, graph)
