"""Printing for every verb: text for people, JSON for programs."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable

from ..errors import Diagnostic

__all__ = ["emit", "print_diagnostics"]


def emit(args: Any, text: str, document: Any) -> None:
    """Print ``document`` as JSON when ``--json`` was given, ``text`` otherwise."""
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
        sys.stdout.write("\n")
    elif text:
        print(text)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Print diagnostics in their human form on stderr, one after another."""
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
