"""The ``mechgraph`` command line: one module per verb, a thin shell over the API.

Each verb module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``.  Exit codes: 0 fine, 1 an error in the rules or a
failing hypothesis, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from mechgraph.errors import MechgraphError, QueryError

__all__ = ["main", "VERBS"]

#: Verb name → module below ``mechgraph.cli`` (``why-not`` → ``why_not``).
VERBS: tuple[str, ...] = (
    "check",
    "ask",
    "why-not",
    "pathways",
    "stats",
    "fmt",
    "render",
    "predict",
    "import",
    "export",
    "lsp",
    "observe",
)
#: Verbs whose module name is not the verb with ``_`` for ``-`` (keywords).
_MODULES = {"import": "import_"}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mechgraph",
        description="Mechanism-graph reasoning: check rules, ask questions, test hypotheses, draw diagrams.",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb in VERBS:
        module_name = _MODULES.get(verb, verb.replace("-", "_"))
        module = importlib.import_module(f".{module_name}", __name__)
        sub = verbs.add_parser(verb, help=module.HELP, description=module.HELP)
        sub.add_argument(
            "--json", action="store_true", help="print a JSON document instead of text"
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 rule error, 2 usage)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except MechgraphError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 2 if isinstance(error, QueryError) else 1  # a bad question is a usage error
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: never a traceback for a user
        if os.environ.get("MECHGRAPH_DEBUG"):
            raise
        print(f"mechgraph: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "  (set MECHGRAPH_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr
        )
        return 70
