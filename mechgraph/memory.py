"""Pausing the garbage collector while a stage makes millions of small acyclic objects.

The pause is a process-wide side effect, so it is off unless the program
asks for it: the command line does (:func:`allow_gc_pause`); a library user's
process (a Jupyter kernel, a web server) keeps its collector as it was.

>>> import gc
>>> with paused_gc():          # not allowed: nothing changes
...     gc.isenabled()
True
>>> previous = allow_gc_pause()
>>> with paused_gc():
...     gc.isenabled()
False
>>> _ = allow_gc_pause(previous)
"""

from __future__ import annotations

import gc

__all__ = ["allow_gc_pause", "paused_gc"]

_allowed = [False]


def allow_gc_pause(allowed: bool = True) -> bool:
    """Let parse, compile and the compiled cache pause the collector (or not); the
    previous setting.  Meant for programs that own their process, like the CLI."""
    previous, _allowed[0] = _allowed[0], allowed
    return previous


class paused_gc:
    """Pause the cyclic garbage collector while many acyclic objects are made, when
    allowed (:func:`allow_gc_pause`): each collection would otherwise walk every object
    made so far (parse, compile and the compiled cache spend about a fifth of their
    time there at 100k links).  What was made joins the oldest generation at once, so
    no young collection walks it all again."""

    def __enter__(self) -> None:
        self.active = _allowed[0] and gc.isenabled()
        if self.active:
            gc.disable()

    def __exit__(self, *exc: object) -> None:
        if not self.active:
            return
        if not gc.get_freeze_count():  # never undo a freeze somebody else asked for
            gc.freeze()
            gc.unfreeze()
        gc.enable()
