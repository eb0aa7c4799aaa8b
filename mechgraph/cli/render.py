"""``mechgraph render PATH... -o FILE``: draw the rules as a diagram.

Exit 0 when the file is written; 1 when the rules have errors or graphviz
fails; 2 for a usage error (an unknown suffix or entity, a bad ``--where``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mechgraph.cli.output import add_budget_arguments, budget, count, emit
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.model import load, parse_where
from mechgraph.render.diagram import FORMATS, render
from mechgraph.render.focus import DEFAULT_MAX_EDGES, DEFAULT_MAX_NODES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_rule_paths(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the diagram; its suffix picks the format: " + ", ".join("." + f for f in FORMATS),
    )
    parser.add_argument("--no-legend", dest="legend", action="store_false", help="no legend")
    parser.add_argument("--no-isa", dest="isa", action="store_false", help="hide isa edges")
    parser.add_argument("--around", metavar="X", help="only entities near X")
    parser.add_argument(
        "--depth", type=count, default=1, metavar="N", help="how near, in edges (default 1)"
    )
    parser.add_argument(
        "--from", dest="start", metavar="C", help="only routes from C (or a member)"
    )
    parser.add_argument("--to", dest="target", metavar="T", help="... to T")
    parser.add_argument(
        "--where",
        nargs="+",
        action="extend",
        default=[],
        metavar="KEY=VALUE",
        help="only links this context admits (e.g. duration=chronic)",
    )
    parser.add_argument(
        "--max-nodes",
        type=count,
        metavar="N",
        help="at most N entities, the nearest the focus (default: a budget of "
        f"{DEFAULT_MAX_NODES} entities and {DEFAULT_MAX_EDGES} edges)",
    )
    add_budget_arguments(parser, max_nodes=False)
    parser.add_argument("--title", metavar="T", help="a title above the diagram")


def run(args: argparse.Namespace) -> int:
    problem = _usage_problem(args)
    if problem:
        print(f"mechgraph render: error: {problem}", file=sys.stderr)
        return 2
    where = parse_where(args.where)
    rendering = render(
        load(*rule_paths_of(args)).graph,
        args.output,
        legend=args.legend,
        isa=args.isa,
        title=args.title,
        around=args.around,
        depth=args.depth,
        between=(args.start, args.target) if args.start else None,
        where=where or None,
        **budget(args),
    )
    text = f"wrote {rendering.output} ({rendering.nodes} entities, {rendering.edges} edges"
    text += f"; {rendering.note})" if rendering.note else ")"
    emit(args, text, rendering.to_dict())
    return 0


def _usage_problem(args: argparse.Namespace) -> str | None:
    if (args.start is None) != (args.target is None):
        return "--from and --to go together"
    if Path(args.output).suffix.lower().lstrip(".") not in FORMATS:
        return f"cannot tell the format of {args.output!r}: end it with " + ", ".join(
            "." + f for f in FORMATS
        )
    if args.depth < 0:
        return "--depth must be 0 or more"
    if args.max_nodes is not None and args.max_nodes < 1:
        return "--max-nodes must be 1 or more"
    return None
