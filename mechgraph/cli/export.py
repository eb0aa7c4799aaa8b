"""``mechgraph export FORMAT [PATH...] [-o FILE]``: rules out as BEL, SIF, GraphML, CX2, DOT,
or ``export parquet -o DIR``: the compiled model as Parquet tables."""

from __future__ import annotations

import argparse
import sys

from mechgraph.cli.output import emit, print_diagnostics
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.errors import Diagnostic, QueryError
from mechgraph.files import write_atomic
from mechgraph.formats import FORMATS, export_graph
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.model import load

#: Formats written as a folder of files rather than one text.
FOLDER_FORMATS = ("parquet",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    writable = sorted([*(n for n, f in FORMATS.items() if f.write is not None), *FOLDER_FORMATS])
    parser.add_argument(
        "format", choices=writable, metavar="FORMAT", help=f"one of: {', '.join(writable)}"
    )
    add_rule_paths(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (atomically); standard output when omitted; "
        "for parquet, the folder of tables (required)",
    )


def load_graph(paths: list[str]) -> MechanismGraph:
    """Load and compile the rules (any error stops the export); warnings go to stderr."""
    model = load(*paths)
    print_diagnostics(model.diagnostics)
    return model.graph


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        return _run_parquet(args)
    text = export_graph(args.format, load_graph(rule_paths_of(args)))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _run_parquet(args: argparse.Namespace) -> int:
    from mechgraph.formats.parquet import write_parquet

    if not args.output:
        raise QueryError(
            Diagnostic.error(
                "parquet writes a folder of tables, not standard output",
                file="<command line>",
                hint="name the folder: mechgraph export parquet rules/ -o tables/",
            )
        )
    counts = write_parquet(load_graph(rule_paths_of(args)), args.output)
    rows = ", ".join(f"{name} {n}" for name, n in counts.items())
    text = f"wrote {len(counts)} tables to {args.output} ({rows})"
    emit(args, text, {"output": args.output, "tables": counts})
    return 0
