"""``mechgraph pathways C T``: the entities every route from C's members to T passes."""

from __future__ import annotations

import argparse

from mechgraph.cli.ask import add_context_arguments, add_max_hops, add_rules_argument, load_rules
from mechgraph.cli.output import add_render_argument, draw_result, emit
from mechgraph.model import parse_where


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "members", metavar="CLASS", help="a class (its leaf members), or entities joined by commas"
    )
    parser.add_argument("target", metavar="TARGET")
    add_max_hops(parser)
    add_context_arguments(parser)
    add_rules_argument(parser)
    add_render_argument(parser)


def run(args: argparse.Namespace) -> int:
    names = [name for name in args.members.split(",") if name]
    members = names[0] if len(names) == 1 else names
    model = load_rules(args)
    found = model.pathways(
        members,
        args.target,
        where=parse_where(args.where),
        hypotheses=args.hypotheses,
        max_hops=args.max_hops,
    )
    draw_result(args, model.graph, found)
    emit(args, found.format(), found.to_dict())
    return 0
