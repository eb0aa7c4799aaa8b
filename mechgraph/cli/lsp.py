"""``mechgraph lsp``: run the language server over stdio (for an editor to start).

pygls is imported only when the server starts, so ``mechgraph --help`` and
the other verbs never load it; it comes with the ``lsp`` extra
(``pip install 'mechgraph[lsp]'``).
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk LSP over stdin/stdout (the default and only transport; editors often pass it)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        from mechgraph.lsp.server import main
    except ImportError as error:
        print(
            f"mechgraph lsp: {error.name or 'pygls'} is not installed; "
            "install the extra: pip install 'mechgraph[lsp]'",
            file=sys.stderr,
        )
        return 2
    return main()
