"""``mechgraph import FORMAT FILE -o rules/NAME.mg``: bring a BEL, SIF, DrugMechDB, ... file in."""

from __future__ import annotations

import argparse
import sys

from mechgraph.cli.output import emit, print_diagnostics
from mechgraph.errors import Severity
from mechgraph.files import write_atomic
from mechgraph.formats import FORMATS, ImportResult, import_file
from mechgraph.language.formatter import format_rule_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    readable = sorted(name for name, f in FORMATS.items() if f.read is not None)
    parser.add_argument(
        "format", choices=readable, metavar="FORMAT", help=f"one of: {', '.join(readable)}"
    )
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.mg",
        help="write the rules here (atomically); standard output when omitted",
    )
    parser.add_argument(
        "--keep-terms",
        action="store_true",
        help="BEL: keep act(), modified and located terms as entities of their own "
        "(by default they are collapsed onto their entity, the term kept as an attribute)",
    )
    parser.add_argument(
        "--context-keys",
        metavar="KEY,KEY",
        help="BEL: the annotations that restrict reasoning (default: Species, Anatomy, "
        "MeSHAnatomy, Tissue, Cell, CellLine, Disease, ...); the others are kept as link "
        "attributes (provenance)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print notes (merged entities, records not replayed)",
    )


def rule_text(result: ImportResult) -> str:
    """The imported rules in canonical layout (the formatter's, as ``fmt`` writes)."""
    return format_rule_file(result.rule_file)


def run(args: argparse.Namespace) -> int:
    options = {"keep_terms": args.keep_terms}
    if args.context_keys is not None:
        options["context_keys"] = [k.strip() for k in args.context_keys.split(",") if k.strip()]
    result = import_file(args.format, args.file, quiet=args.quiet, options=options)
    text = rule_text(result)
    shown = [d for d in result.diagnostics if args.verbose or d.severity is not Severity.NOTE]
    if not args.quiet:
        print_diagnostics(shown)
    if args.output:
        write_atomic(args.output, text)
        summary = f"{args.output}: {result.summary.format()}"
        emit(args, "" if args.quiet else summary, result.to_dict() | {"output": args.output})
    else:
        sys.stdout.write(text)
        if not args.quiet:
            print(result.summary.format(), file=sys.stderr)
    return 0
