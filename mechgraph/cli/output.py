"""Printing for every verb: text for people, JSON for programs."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from typing import Any

from mechgraph.cli.colour import colour_for, paint_answer, paint_diagnostic
from mechgraph.errors import Diagnostic, limit_diagnostics

__all__ = ["emit", "print_diagnostics"]


def emit(args: Any, text: str, document: Any) -> None:
    """Print ``document`` as JSON when ``--json`` was given, ``text`` otherwise."""
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
        sys.stdout.write("\n")
    elif text:
        print(paint_answer(text, colour_for(sys.stdout)))


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Print diagnostics in their human form on stderr, one after another.

    At most :data:`~mechgraph.errors.MAX_PER_LINE` per line and
    :data:`~mechgraph.errors.MAX_PER_FILE` per file are shown, then (last) a
    note per file saying how many more there were.
    """
    colour = colour_for(sys.stderr)
    for diagnostic in limit_diagnostics(diagnostics):
        print(paint_diagnostic(diagnostic.format(), colour), file=sys.stderr)


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


def seconds(text: str) -> float:
    """An argparse type: a time limit in seconds, finite and above 0.

    >>> seconds("2.5")
    2.5
    """
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < number < math.inf:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text}")
    return number


def add_render_argument(parser: Any) -> None:
    """``--render FILE``: also draw the result (suffix picks .svg .png .pdf .dot)."""
    parser.add_argument(
        "--render",
        metavar="FILE",
        help="also draw the result as a diagram (.svg, .png, .pdf or .dot)",
    )
    add_budget_arguments(parser)


def add_budget_arguments(parser: Any, max_nodes: bool = True) -> None:
    """``--max-nodes N``, ``--all`` and ``--dot-timeout S``: the budget of a drawing."""
    if max_nodes:
        parser.add_argument(
            "--max-nodes",
            type=int,
            metavar="N",
            help="draw at most N entities, the nearest the answer first (default: a budget "
            "graphviz lays out in a few seconds)",
        )
    parser.add_argument(
        "--all", action="store_true", help="draw everything, however long graphviz takes"
    )
    parser.add_argument(
        "--dot-timeout",
        type=seconds,
        metavar="S",
        help="stop graphviz after S seconds (default 60)",
    )


def budget(args: Any) -> dict[str, Any]:
    """The drawing options ``--max-nodes``, ``--all`` and ``--dot-timeout`` ask for."""
    options: dict[str, Any] = {}
    if getattr(args, "all", False):
        options.update(max_nodes=None, max_edges=None)
    elif getattr(args, "max_nodes", None) is not None:
        options.update(max_nodes=args.max_nodes, max_edges=None)
    if getattr(args, "dot_timeout", None) is not None:
        options["timeout"] = args.dot_timeout
    return options


def draw_result(args: Any, graph: Any, result: Any) -> None:
    """Draw ``result`` into ``args.render`` when given."""
    if getattr(args, "render", None):
        draw(graph, result, args.render, budget(args))


def draw(graph: Any, result: Any, path: Any, options: dict[str, Any] | None = None) -> Any:
    """Draw ``result`` over ``graph`` into ``path``; say so (and what was left out) on stderr."""
    from mechgraph.render.diagram import render
    from mechgraph.render.highlights import diagram_options

    drawn = render(graph, path, **(diagram_options(result, graph) | (options or {})))
    note = f"; {drawn.note}" if drawn.note else ""
    print(
        f"drew {drawn.output} ({drawn.nodes} entities, {drawn.edges} edges{note})", file=sys.stderr
    )
    return drawn
