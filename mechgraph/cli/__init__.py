"""The ``mechgraph`` command line: one module per verb, a thin shell over the API.

Each verb module defines ``add_arguments(parser)`` and ``run(args) -> int``;
its one-line help is in :data:`VERBS`.  Exit codes: 0 fine, 1 an error in the rules or a
failing hypothesis, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType

from mechgraph.errors import MechgraphError, QueryError
from mechgraph.memory import allow_gc_pause
from mechgraph.version import __version__

__all__ = ["VERBS", "build_parser", "main"]

#: Each verb and its one-line help, in the order ``--help`` lists them.  A verb's module
#: below ``mechgraph.cli`` (``why-not`` → ``why_not``) defines ``add_arguments(parser)``
#: and ``run(args) -> int``; only the module of the verb being run is imported.
VERBS: dict[str, str] = {
    "check": "check rule files: syntax, names, classes, contradictions, hypotheses; exit 1 on any error or failing hypothesis",
    "ask": "is SOURCE on a path to TARGET? witness paths with sign, context and evidence",
    "why-not": "why SOURCE does not reach TARGET: how far routes get, context clashes, no-change claims",
    "pathways": "entities every route from a class's members (or listed entities) to TARGET passes",
    "stats": "summary figures of the rules: counts, feedback loops, most linked entities",
    "fmt": "rewrite rule files in the canonical layout (--check: only report)",
    "render": "draw the mechanism graph of rule files as SVG, PNG, PDF or DOT",
    "predict": "entities outside a hypothesis's class that reach its common pathway; --knockout X",
    "import": "import a BEL, SIF, DrugMechDB, GraphML, CX2 or node-link file as canonical rules",
    "export": "export the compiled rules as BEL Script, SIF, GraphML, CX2, node-link JSON or DOT",
    "lsp": "run the language server (LSP over stdio) for editors: diagnostics, hover, completion, rename",
    "explain": "rank entities by how well their predicted downstream changes match observed ones (CausalR's score, exact p-value)",
    "observe": "confront the rules with their experiments: consistency, minimal inconsistent cores, repairs, predictions; exit 1 when one is inconsistent",
}
#: Verbs whose module name is not the verb with ``_`` for ``-`` (keywords).
_MODULES = {"import": "import_"}


def _verb_module(verb: str) -> ModuleType:
    return importlib.import_module(f"mechgraph.cli.{_MODULES.get(verb, verb.replace('-', '_'))}")


def build_parser(verbs: Iterable[str] = ()) -> argparse.ArgumentParser:
    """The argument parser, with the arguments of ``verbs`` filled in (the others list
    only their help, so that ``--help`` loads no verb)."""
    parser = argparse.ArgumentParser(
        prog="mechgraph",
        description="Mechanism-graph reasoning: check rules, ask questions, test hypotheses, draw diagrams.",
    )
    parser.add_argument("--version", action="version", version=f"mechgraph {__version__}")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    wanted = set(verbs)
    for verb, help_text in VERBS.items():
        sub = subparsers.add_parser(verb, help=help_text, description=help_text)
        if verb in wanted:
            module = _verb_module(verb)
            sub.add_argument(
                "--json", action="store_true", help="print a JSON document instead of text"
            )
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 rule error, 2 usage)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(a for a in argv[:1] if a in VERBS)
    args = parser.parse_args(argv)
    paused = allow_gc_pause()  # the command owns its process: parse and compile may pause the GC
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
    finally:
        allow_gc_pause(paused)
