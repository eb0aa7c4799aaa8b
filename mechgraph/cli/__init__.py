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

from mechgraph.errors import MechgraphError, QueryError, limit_diagnostics
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
    "export": "export the compiled rules as BEL Script, SIF, GraphML, CX2, node-link JSON, DOT or Parquet tables",
    "lsp": "run the language server (LSP over stdio) for editors: diagnostics, hover, completion, rename",
    "explain": "rank entities by how well their predicted downstream changes match observed ones (CausalR's score, exact p-value)",
    "observe": "confront the rules with their experiments: consistency, minimal inconsistent cores, repairs, predictions; exit 1 when one is inconsistent",
    "completion": "print a shell completion script (bash, zsh or fish), generated from this parser",
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
    _add_colour_argument(parser)
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    wanted = set(verbs)
    for verb, help_text in VERBS.items():
        sub = subparsers.add_parser(verb, help=help_text, description=help_text)
        if verb in wanted:
            module = _verb_module(verb)
            sub.add_argument(
                "--json", action="store_true", help="print a JSON document instead of text"
            )
            _add_colour_argument(sub)
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def _add_colour_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default=argparse.SUPPRESS,
        help="colour verdicts and diagnostics: on a terminal unless NO_COLOR is set "
        "(auto, the default), always or never",
    )


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; rule paths may also follow the options (``ask a b --via x rules/``)."""
    args, extra = parser.parse_known_args(argv)
    stray = [item for item in extra if item.startswith("-") and item != "-"]
    if stray or (extra and not hasattr(args, "paths")):
        parser.error("unrecognized arguments: " + " ".join(stray or extra))
    if extra:
        args.paths = list(args.paths) + extra
    return args


#: The exit status of a process whose output pipe closed (128 + SIGPIPE), as a shell reports it.
EXIT_BROKEN_PIPE = 141


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's capture)
        pass


#: Options whose value may be an empty string.
_MAY_BE_EMPTY = {"title"}


def empty_arguments(args: argparse.Namespace) -> str | None:
    """The first argument given as ``""`` (``--rules ""``, ``check ""``, ``-o ""``), as written.

    >>> empty_arguments(argparse.Namespace(rules=["a", ""], title=""))
    '--rules'
    """
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if name not in _MAY_BE_EMPTY and "" in values:
            return "--" + name.replace("_", "-") if name != "paths" else "PATH"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 rule error, 2 usage).

    A closed output pipe (``mechgraph stats | head -1``) ends the run quietly
    with status 141, as a process stopped by SIGPIPE.
    """
    from mechgraph.cli.colour import choose, colour_for, paint_diagnostic

    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(next(([a] for a in argv if a in VERBS), []))  # the verb's alone
    args = _parse(parser, argv)
    choose(getattr(args, "color", "auto"))
    empty = empty_arguments(args)
    if empty:
        parser.error(f"argument {empty}: an empty string names nothing")
    paused = allow_gc_pause()  # the command owns its process: parse and compile may pause the GC
    try:
        code = _run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except MechgraphError as error:
        colour = colour_for(sys.stderr)
        for diagnostic in limit_diagnostics(error.diagnostics):
            print(paint_diagnostic(diagnostic.format(), colour), file=sys.stderr)
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


def _run(args: argparse.Namespace) -> int:
    """Run the verb, with a progress line on a terminal for its long phases."""
    from mechgraph.cli.progress_line import listen_on_terminal

    listener = listen_on_terminal(quiet=getattr(args, "quiet", False) or args.json)
    if listener is None:
        return args.run(args)
    from mechgraph.progress import listening

    with listening(listener):
        return args.run(args)
