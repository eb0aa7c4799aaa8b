"""``mechgraph stats``: counts by kind, relation and source; loops; most linked entities."""

from __future__ import annotations

import argparse

from mechgraph.cli.ask import add_rules_argument, load_rules
from mechgraph.cli.output import count, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_rules_argument(parser)
    parser.add_argument(
        "--top", type=count, default=10, metavar="N", help="loops and entities to list (default 10)"
    )


def run(args: argparse.Namespace) -> int:
    figures = load_rules(args).stats(args.top)
    emit(args, figures.format(), figures.to_dict())
    return 0
