"""Progress of long phases (parse, compile, judge, import, export, draw), shown by whoever listens.

The stages announce their phases with :func:`phase`; by default nobody
listens and a phase costs one function call.  The command line listens on a
terminal (:mod:`mechgraph.cli.progress_line`), so the library never prints.

>>> with phase("judge", total=2) as advance:
...     advance(1)
...     advance(1)
>>> seen = []
>>> with listening(lambda name, total: _Recorder(seen, name)):
...     with phase("parse") as advance:
...         advance(3)
>>> seen
[('parse', 3)]
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["phase", "listening", "ignore"]


def ignore(_: int = 1) -> None:
    """An ``advance`` that shows nothing."""


#: Makes the reporter of one phase: ``factory(name, total)`` returns a context
#: manager giving ``advance(n)``; ``None`` when nobody listens.
_listener: Callable[[str, int | None], Any] | None = None


@contextlib.contextmanager
def phase(name: str, total: int | None = None) -> Iterator[Callable[[int], object]]:
    """A long phase called ``name`` (``total`` steps when known); yields ``advance(n)``."""
    if _listener is None:
        yield ignore
        return
    with _listener(name, total) as advance:
        yield advance


@contextlib.contextmanager
def listening(factory: Callable[[str, int | None], Any]) -> Iterator[None]:
    """Report every :func:`phase` begun inside this block through ``factory``."""
    global _listener
    before, _listener = _listener, factory
    try:
        yield
    finally:
        _listener = before


class _Recorder:
    """A listener for the doctest: records each phase's name and steps."""

    def __init__(self, seen: list, name: str):
        self.seen, self.name, self.steps = seen, name, 0

    def __enter__(self) -> Callable[[int], None]:
        return self.advance

    def advance(self, n: int = 1) -> None:
        self.steps += n

    def __exit__(self, *_: object) -> None:
        self.seen.append((self.name, self.steps))
