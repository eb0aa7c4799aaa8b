"""``mechgraph fmt PATH...``: rewrite rule files in the canonical layout.

A file that does not parse is never touched (its diagnostics are printed and
the exit code is 1).  Files are replaced atomically: the new text goes to a
temporary file in the same folder, which then replaces the original.
``--check`` changes nothing and exits 1 when a file would change;
``--stdout`` prints the formatted text instead of writing it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mechgraph.cli.output import emit, print_diagnostics
from mechgraph.errors import Diagnostic, MechgraphError
from mechgraph.files import write_atomic
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.loader import rule_paths
from mechgraph.language.parser import parse_text
from mechgraph.language.text import read_rule_text

__all__ = ["add_arguments", "run", "FormatResult", "format_path"]


@dataclass(frozen=True)
class FormatResult:
    """What ``fmt`` did to one file."""

    path: str
    changed: bool = False
    written: bool = False
    text: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "changed": self.changed,
            "written": self.written,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        } | ({} if self.text is None else {"text": self.text})


def format_path(path: Path, write: bool) -> FormatResult:
    """Format one file; write it back when ``write`` and it changed and it parsed."""
    try:
        text = read_rule_text(path)
        formatted = format_rule_file(parse_text(text, str(path)))
    except MechgraphError as error:
        return FormatResult(str(path), diagnostics=tuple(error.diagnostics))
    changed = formatted != text
    if write and changed:
        try:
            write_atomic(path, formatted, keep_links=True)
        except MechgraphError as error:
            return FormatResult(str(path), changed, diagnostics=tuple(error.diagnostics))
    return FormatResult(str(path), changed, write and changed, None if write else formatted)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="rule files or folders (*.mg)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 and list the files that would change",
    )
    mode.add_argument(
        "--stdout",
        action="store_true",
        help="print the formatted text instead of writing the files",
    )


def run(args: argparse.Namespace) -> int:
    """Format every file; exit 1 when one does not parse (or would change, with --check)."""
    files, problems = rule_paths(args.paths)
    results = [format_path(path, write=not (args.check or args.stdout)) for path in files]
    diagnostics = problems + [d for r in results for d in r.diagnostics]
    would_change = args.check and any(r.changed for r in results)
    failed = would_change or any(d.is_error for d in diagnostics)
    if args.json:
        document = {
            "ok": not failed,
            "files": [r.to_dict() for r in results],
            "diagnostics": [d.to_dict() for d in problems],
        }
        emit(args, "", document)
        return int(failed)
    print_diagnostics(diagnostics)
    for result in results:
        if args.stdout and result.text is not None:
            sys.stdout.write(result.text)
        elif args.check and result.changed:
            print(f"would reformat {result.path}")
        elif result.written:
            print(f"reformatted {result.path}")
    return int(failed)
