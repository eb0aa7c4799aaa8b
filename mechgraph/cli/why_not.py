"""``mechgraph why-not SOURCE TARGET``: what was reached, what blocked the routes."""

from __future__ import annotations

import argparse

from mechgraph.cli.ask import add_question_arguments, load_rules, question
from mechgraph.cli.output import draw_result, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_question_arguments(parser)


def run(args: argparse.Namespace) -> int:
    model = load_rules(args)
    explained = model.why_not(**question(args))
    draw_result(args, model.graph, explained)
    emit(args, explained.format(), explained.to_dict())
    return 2 if explained.unknown else 0  # an unknown name is a usage error, as for ask
