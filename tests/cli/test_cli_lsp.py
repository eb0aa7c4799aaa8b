"""``mechgraph lsp``: a CLI verb that loads pygls only when the server starts."""

from __future__ import annotations

import subprocess
import sys

_NOT_LOADED = """
import contextlib, io, sys
from mechgraph.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["--help"])
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["lsp", "--help"])
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pygls", "lsprotocol")))
"""


def test_help_does_not_load_pygls():
    """Check that ``mechgraph --help`` and ``mechgraph lsp --help`` import neither pygls nor lsprotocol."""
    done = subprocess.run(
        [sys.executable, "-c", _NOT_LOADED], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_lsp_help_names_the_verb():
    """Check that ``mechgraph lsp --help`` describes the server and exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "mechgraph", "lsp", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "language server" in done.stdout
    assert (
        "lsp"
        in subprocess.run(
            [sys.executable, "-m", "mechgraph", "--help"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
