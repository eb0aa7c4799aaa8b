"""``mechgraph export FORMAT [PATH...] [-o FILE]``: send the rules to BEL, SIF, GraphML, CX2, JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import Diagnostic, InputError, MechgraphError
from ..formats import FORMATS, export_graph
from ..graph import MechanismGraph
from .files import write_atomic
from .output import print_diagnostics

HELP = "export the compiled rules as BEL Script, SIF, GraphML, CX2 or node-link JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    writable = sorted(name for name, f in FORMATS.items() if f.write is not None)
    parser.add_argument("format", choices=writable, metavar="FORMAT",
                        help=f"one of: {', '.join(writable)}")
    parser.add_argument("paths", nargs="*", default=["rules"], metavar="PATH",
                        help="rule files or folders (default: rules)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here (atomically); standard output when omitted")


def rule_files(paths: list[str]) -> list[Path]:
    """The ``.mg`` files named or found below the given folders, sorted."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.mg")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(Diagnostic.error(f"no such file or folder: {name}", file=name,
                                              code="io"))
    return found


def load_graph(paths: list[str]) -> MechanismGraph:
    """Parse and compile the rule files; errors stop with their diagnostics."""
    from ..compiler import compile_rules
    from ..parser import parse_text

    files = [parse_text(p.read_text(encoding="utf-8"), str(p)) for p in rule_files(paths)]
    graph, diagnostics = compile_rules(files)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise MechgraphError(errors)
    print_diagnostics(diagnostics)
    return graph


def run(args: argparse.Namespace) -> int:
    text = export_graph(args.format, load_graph(args.paths))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
