"""One way to name rule files for every verb: positional paths, ``--rules`` as an alias.

``mechgraph ask imipramine antidepressant_effect rules/``,
``mechgraph stats rules/`` and ``mechgraph check rules/`` name their rules
alike; ``--rules PATH...`` is kept for older scripts and may be mixed with
positional paths; ``-`` is standard input.  A path given after an option that
takes several values (``--where duration=chronic rules/``) is recognised as
a path when it has no ``=`` and names a file or folder.
"""

from __future__ import annotations

import argparse
import os

from mechgraph.errors import Diagnostic, QueryError

__all__ = ["add_rule_paths", "rule_paths_of", "DEFAULT_RULES"]

#: Where the rules are when a verb names none.
DEFAULT_RULES = "rules"


def add_rule_paths(parser: argparse.ArgumentParser, default: str | None = DEFAULT_RULES) -> None:
    """``PATH...`` and its alias ``--rules PATH...``; ``default`` when neither is given."""
    where = f"(default: {default}/)" if default else "(at least one)"
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"rule files or folders (*.mg); - reads standard input {where}",
    )
    parser.add_argument(
        "--rules",
        nargs="+",
        action="extend",
        dest="rules_option",
        default=[],
        metavar="PATH",
        help="the same as PATH (kept as an alias)",
    )
    parser.set_defaults(default_rules=default)


def _looks_like_path(item: str) -> bool:
    return item == "-" or ("=" not in item and os.path.exists(item))


def rule_paths_of(args: argparse.Namespace) -> list[str]:
    """The rule paths the command line named, in order; the default when none.

    Raises
    ------
    QueryError
        No path was named and the verb has no default (a usage error).
    """
    where = getattr(args, "where", None)
    strays: list[str] = []
    if where:
        strays = [item for item in where if _looks_like_path(item)]
        args.where = [item for item in where if item not in strays]
    paths = list(args.paths) + list(args.rules_option) + strays
    if paths:
        return paths
    if args.default_rules:
        return [args.default_rules]
    raise QueryError(
        Diagnostic.error(
            "no rule files named",
            file="<command line>",
            hint="name rule files or folders, e.g. rules/ (- reads standard input)",
        )
    )
