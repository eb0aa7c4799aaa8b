"""The progress line on a terminal: phase, steps done, elapsed time; erased when done.

Shown on standard error when it is a terminal, only for phases that last
longer than :data:`DELAY` seconds (``$MECHGRAPH_PROGRESS_DELAY`` overrides it),
redrawn a few times a second by a thread, so a phase without steps still
shows that time passes.  Nothing is written to a pipe or a file.  The line
is redrawn and erased with a carriage return and blanks, never an escape
sequence, so a dumb terminal (and ``NO_COLOR``) shows it the same.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressLine", "listen_on_terminal", "DELAY"]

#: Seconds a phase runs before its line appears.
DELAY = 0.5
_REDRAW = 0.2

_LABELS = {
    "parse": "parsing",
    "compile": "compiling",
    "judge": "judging hypotheses",
    "import": "importing",
    "export": "exporting",
    "draw": "drawing",
    "read": "reading",
    "build": "building rules",
}


class ProgressLine:
    """One phase's line: a context manager giving ``advance(n)``."""

    def __init__(self, name: str, total: int | None, stream: TextIO, delay: float):
        self.label = _LABELS.get(name, name)
        self.total, self.stream, self.delay = total, stream, delay
        self.done, self.width = 0, 0
        self.start = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Callable[[int], None]:
        self.thread.start()
        return self.advance

    def advance(self, n: int = 1) -> None:
        self.done += n

    def text(self) -> str:
        """``judging hypotheses 120/4700 (2%) 3.4s``."""
        elapsed = time.monotonic() - self.start
        if self.total:
            share = min(100, 100 * self.done // self.total)
            return f"{self.label} {self.done}/{self.total} ({share}%) {elapsed:.1f}s"
        return f"{self.label} … {elapsed:.1f}s"

    def _run(self) -> None:
        if self.stop.wait(self.delay):
            return
        while True:
            text = self.text()
            self._write(f"\r{text.ljust(self.width)}")
            self.width = max(self.width, len(text))
            if self.stop.wait(_REDRAW):
                return

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing
            self.stop.set()

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        if self.width:
            self._write(f"\r{' ' * self.width}\r")


def listen_on_terminal(stream: TextIO | None = None, quiet: bool = False):
    """A listener for :func:`mechgraph.progress.listening`, or ``None`` off a terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        on_terminal = stream.isatty()
    except (AttributeError, ValueError):
        on_terminal = False
    if quiet or not on_terminal:
        return None
    delay = float(os.environ.get("MECHGRAPH_PROGRESS_DELAY", DELAY))
    return lambda name, total: ProgressLine(name, total, stream, delay)
