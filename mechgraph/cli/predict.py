"""``mechgraph predict HYPOTHESIS``: what a hypothesis implies beyond what it states.

Lists the entities outside the hypothesis's class C that reach its common
pathway X (from its first ``every|some C reaches T through X``), ranked by
route length (the ``--max-candidates`` nearest, 100 by default, with a note counting
the others); ``--knockout X`` lists instead the members that lose every
route to T when X is removed.  Exit 0 when answered; 1 on rule errors; 2 for
a usage error (an unknown hypothesis or entity, with close names).
"""

from __future__ import annotations

import argparse

from mechgraph.cli.ask import add_rules_argument, load_rules
from mechgraph.cli.engine import add_engine_arguments, engine_report, run_searches
from mechgraph.cli.output import count, emit
from mechgraph.query.budget import MAX_CANDIDATES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("hypothesis", metavar="HYPOTHESIS", help="the name of a hypothesis block")
    parser.add_argument(
        "--knockout",
        metavar="X",
        help="list the members that lose every route to the target without X",
    )
    parser.add_argument(
        "--max-candidates",
        type=count,
        default=MAX_CANDIDATES,
        metavar="N",
        help=f"judge only the N entities nearest the pathway (default {MAX_CANDIDATES}); "
        "a note counts the others",
    )
    add_rules_argument(parser)
    add_engine_arguments(parser)


def run(args: argparse.Namespace) -> int:
    model = load_rules(args)
    if args.knockout:
        result = run_searches(
            args, model.graph, lambda: model.knockout(args.hypothesis, args.knockout)
        )
    else:
        result = run_searches(
            args,
            model.graph,
            lambda: model.predict(args.hypothesis, max_candidates=args.max_candidates),
        )
    emit(args, result.format(), engine_report(args, result.to_dict()))
    return 0
