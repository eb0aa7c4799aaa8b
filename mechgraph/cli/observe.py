"""``mechgraph observe PATH...``: judge every experiment against the links its context admits.

Exit 0 when every experiment is consistent (or undecided within the time
limit, which the report says), 1 when one is inconsistent or the rules have
errors, 2 for a usage error (an unknown experiment).
"""

from __future__ import annotations

import argparse

from mechgraph.cli.output import (
    add_budget_arguments,
    budget,
    draw,
    emit,
    print_diagnostics,
    seconds,
)
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.model import load, parse_where
from mechgraph.query.consistency.experiment import analyse, find_experiment
from mechgraph.query.consistency.solver import DEFAULT_TIME_LIMIT

HELP = (
    "confront the rules with their experiments: consistency, minimal inconsistent cores, "
    "repairs, predictions; exit 1 when one is inconsistent"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_rule_paths(parser)
    add_solver_arguments(parser)
    parser.add_argument(
        "--experiment",
        action="append",
        default=[],
        metavar="NAME",
        help="judge only this experiment (repeatable)",
    )
    parser.add_argument(
        "--data",
        metavar="FILE",
        help="also judge an Iggy-style observation file (NAME = VALUE lines) as an experiment",
    )
    parser.add_argument(
        "--where",
        nargs="+",
        action="extend",
        default=[],
        metavar="KEY=VALUE",
        help="the context of --data's experiment (e.g. species=mouse)",
    )
    parser.add_argument(
        "--name", default="data", metavar="NAME", help="the name of --data's experiment"
    )
    parser.add_argument(
        "--write", metavar="OUT.mg", help="write --data's experiment block there (canonical)"
    )
    parser.add_argument(
        "--no-predictions", action="store_true", help="leave the predictions out of the text"
    )
    parser.add_argument(
        "--render",
        metavar="FILE",
        help="draw the first inconsistent experiment (else the first) with its cores in red",
    )
    add_budget_arguments(parser)


def add_solver_arguments(parser: argparse.ArgumentParser) -> None:
    """``--time-limit`` and the constraint switches of OBSERVATIONS.md."""
    parser.add_argument(
        "--time-limit",
        type=seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help=f"seconds per experiment before it is 'undecided' (default {DEFAULT_TIME_LIMIT:g})",
    )
    parser.add_argument(
        "--founded-constraints-off",
        dest="founded",
        action="store_false",
        help="let an entity change without a route from a perturbed one (drop C2)",
    )
    parser.add_argument(
        "--fwd-propagation-off",
        dest="propagation",
        action="store_false",
        help="let an entity stay unchanged whatever pushes it (drop C3)",
    )


def _add_data(args: argparse.Namespace, graph) -> None:
    """Read ``--data`` into an experiment block of ``graph`` (and ``--write`` it)."""
    from mechgraph.files import write_atomic
    from mechgraph.formats.observations import experiment_block, read_observation_file
    from mechgraph.language.formatter import format_rule_file
    from mechgraph.language.syntax import RuleFile

    readout = read_observation_file(args.data)
    if not args.json:
        print_diagnostics(readout.diagnostics)
    block = experiment_block(args.name, readout, parse_where(args.where))
    graph.experiments[args.name] = block
    if args.write:
        write_atomic(args.write, format_rule_file(RuleFile(args.write, (block,))))


def run(args: argparse.Namespace) -> int:
    graph = load(*rule_paths_of(args)).graph
    if args.data:
        _add_data(args, graph)
        args.experiment = args.experiment or [args.name]
    names = args.experiment or sorted(graph.experiments)
    for name in names:
        find_experiment(graph, name)  # an unknown name is a usage error before any solving
    results = [
        analyse(
            graph,
            name,
            time_limit=args.time_limit,
            founded=args.founded,
            propagation=args.propagation,
        )
        for name in names
    ]
    inconsistent = [r.name for r in results if r.consistent is False]
    if args.render and results:
        chosen = next((r for r in results if r.consistent is False), results[0])
        draw(graph, chosen, args.render, budget(args))
    text = [r.format(predictions=not args.no_predictions) for r in results]
    undecided = sum(r.consistent is None for r in results)
    text.append(
        f"experiments: {len(results) - len(inconsistent) - undecided} consistent, "
        f"{len(inconsistent)} inconsistent, {undecided} undecided"
    )
    emit(
        args,
        "\n".join(text),
        {"ok": not inconsistent, "experiments": [r.to_dict() for r in results]},
    )
    return 1 if inconsistent else 0
