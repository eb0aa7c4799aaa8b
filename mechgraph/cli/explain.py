"""``mechgraph explain OBSERVATIONS``: which entity's change best explains the observed ones.

OBSERVATIONS is an experiment of the rules (its observations and its
context) or a file of ``NAME = VALUE`` lines (Iggy's format; ``--where``
gives its context).  Only ``+``, ``-`` and ``0`` observations are scored.
Exit 0; 1 when the rules have errors; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys

from mechgraph.cli.ask import add_context_arguments, add_rules_argument, load_rules
from mechgraph.cli.output import emit, print_diagnostics
from mechgraph.errors import Diagnostic, QueryError
from mechgraph.model import parse_where

_VALUE = {"+": 1, "-": -1, "0": 0}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "observations",
        metavar="OBSERVATIONS",
        help="an experiment of the rules, or a file of NAME = VALUE lines",
    )
    add_context_arguments(parser)
    parser.add_argument(
        "--depth", type=int, default=2, metavar="N", help="hops a prediction may take (default 2)"
    )
    parser.add_argument(
        "--top", type=int, default=10, metavar="N", help="hypotheses shown (default 10)"
    )
    parser.add_argument(
        "--no-routes", action="store_true", help="leave out the route behind each prediction"
    )
    add_rules_argument(parser)


def _observed(args: argparse.Namespace, graph) -> tuple[dict[str, int], dict[str, str]]:
    where = parse_where(args.where)
    if args.observations in graph.experiments:
        block = graph.experiments[args.observations]
        observed = {name: _VALUE[v] for name, v in _statements(block) if v in _VALUE}
        return observed, {q.key: q.value for q in block.context} | where
    if os.path.isfile(args.observations):
        from mechgraph.formats.observations import read_observation_file

        readout = read_observation_file(args.observations)
        if not args.json:
            print_diagnostics(readout.diagnostics)
        return {n: _VALUE[v] for n, v, _ in readout.values if v in _VALUE}, where
    known = ", ".join(sorted(graph.experiments)) or "none"
    raise QueryError(
        Diagnostic.error(
            f"{args.observations!r} is neither an experiment of the rules nor a file",
            file="<question>",
            hint=f"experiments: {known}",
        )
    )


def _statements(block):
    for statement in block.statements:
        value = getattr(statement, "value", None)
        for ref in getattr(statement, "names", ()):
            if value is not None:
                yield ref.name, value


def run(args: argparse.Namespace) -> int:
    if args.depth < 1 or args.top < 1:
        print("mechgraph explain: error: --depth and --top must be 1 or more", file=sys.stderr)
        return 2
    from mechgraph.query.regulators import explain

    graph = load_rules(args).graph
    observed, where = _observed(args, graph)
    found = explain(
        graph,
        observed,
        where=where,
        depth=args.depth,
        hypotheses=args.hypotheses == "include",
        source=args.observations,
    )
    emit(args, found.format(args.top, routes=not args.no_routes), found.to_dict())
    return 0
