"""``mechgraph export FORMAT [PATH...] [-o FILE]``: rules out as BEL, SIF, GraphML, CX2, DOT."""

from __future__ import annotations

import argparse
import sys

from ..compiler import compile_rules
from ..errors import MechgraphError, sort_diagnostics
from ..formats import FORMATS, export_graph
from ..graph import MechanismGraph
from ..loader import load_paths
from ..files import write_atomic
from .output import print_diagnostics

HELP = "export the compiled rules as BEL Script, SIF, GraphML, CX2, node-link JSON or DOT"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    writable = sorted(name for name, f in FORMATS.items() if f.write is not None)
    parser.add_argument(
        "format", choices=writable, metavar="FORMAT", help=f"one of: {', '.join(writable)}"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=["rules"],
        metavar="PATH",
        help="rule files or folders (default: rules)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (atomically); standard output when omitted",
    )


def load_graph(paths: list[str]) -> MechanismGraph:
    """Load and compile the rules; any error stops the export with its diagnostics."""
    files, diagnostics = load_paths(paths)
    graph, more = compile_rules(files)
    diagnostics = sort_diagnostics(diagnostics + more)
    if any(d.is_error for d in diagnostics):
        raise MechgraphError([d for d in diagnostics if d.is_error])
    print_diagnostics(diagnostics)
    return graph


def run(args: argparse.Namespace) -> int:
    text = export_graph(args.format, load_graph(args.paths))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
