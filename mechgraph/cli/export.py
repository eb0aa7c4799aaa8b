"""``mechgraph export FORMAT [PATH...] [-o FILE]``: rules out as BEL, SIF, GraphML, CX2, DOT."""

from __future__ import annotations

import argparse
import sys

from mechgraph.cli.output import print_diagnostics
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.files import write_atomic
from mechgraph.formats import FORMATS, export_graph
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.model import load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    writable = sorted(name for name, f in FORMATS.items() if f.write is not None)
    parser.add_argument(
        "format", choices=writable, metavar="FORMAT", help=f"one of: {', '.join(writable)}"
    )
    add_rule_paths(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (atomically); standard output when omitted",
    )


def load_graph(paths: list[str]) -> MechanismGraph:
    """Load and compile the rules (any error stops the export); warnings go to stderr."""
    model = load(*paths)
    print_diagnostics(model.diagnostics)
    return model.graph


def run(args: argparse.Namespace) -> int:
    text = export_graph(args.format, load_graph(rule_paths_of(args)))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
