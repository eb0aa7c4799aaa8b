"""Jupyter display for results: text from ``format()``, SVG from their diagram.

A result shows as a diagram once a model has attached its graph (``graph``
attribute); otherwise Jupyter falls back to the text form.

>>> class Result(Displayable):
...     graph = None
...     def format(self):
...         return "yes  a ─(+)→ b"
>>> Result()._repr_svg_() is None
True
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

__all__ = ["Displayable", "attached_graph"]


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
        graph = getattr(self, "graph", None)
        if graph is None:
            return None
        from mechgraph.render.diagram import svg_of
        from mechgraph.render.highlights import diagram_options

        return svg_of(graph, **diagram_options(self, graph))
