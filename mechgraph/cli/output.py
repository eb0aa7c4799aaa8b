"""Printing for every verb: text for people, JSON for programs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from mechgraph.errors import Diagnostic, limit_diagnostics

__all__ = ["emit", "print_diagnostics"]


def emit(args: Any, text: str, document: Any) -> None:
    """Print ``document`` as JSON when ``--json`` was given, ``text`` otherwise."""
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
        sys.stdout.write("\n")
    elif text:
        print(text)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Print diagnostics in their human form on stderr, one after another.

    At most :data:`~mechgraph.errors.MAX_PER_LINE` per line and
    :data:`~mechgraph.errors.MAX_PER_FILE` per file are shown, then (last) a
    note per file saying how many more there were.
    """
    for diagnostic in limit_diagnostics(diagnostics):
        print(diagnostic.format(), file=sys.stderr)


def count(text: str) -> int:
    """An argparse type: a whole number, 0 or more (``--top -1`` is a usage error).

    >>> count("3")
    3
    """
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number


def add_render_argument(parser: Any) -> None:
    """``--render FILE``: also draw the result (suffix picks .svg .png .pdf .dot)."""
    parser.add_argument(
        "--render",
        metavar="FILE",
        help="also draw the result as a diagram (.svg, .png, .pdf or .dot)",
    )


def draw_result(args: Any, graph: Any, result: Any) -> None:
    """Draw ``result`` into ``args.render`` when given."""
    if getattr(args, "render", None):
        draw(graph, result, args.render)


def draw(graph: Any, result: Any, path: Any) -> Any:
    """Draw ``result`` over ``graph`` into ``path``; say so on stderr; the ``Rendering``."""
    from mechgraph.render.diagram import render
    from mechgraph.render.highlights import diagram_options

    drawn = render(graph, path, **diagram_options(result, graph))
    print(f"drew {drawn.output} ({drawn.nodes} entities, {drawn.edges} edges)", file=sys.stderr)
    return drawn
