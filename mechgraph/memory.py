"""Memory helpers for the stages that make millions of small objects.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc

__all__ = ["paused_gc"]


class paused_gc:
    """Pause the cyclic garbage collector while many acyclic objects are made: each
    collection would otherwise walk every object made so far (parse, compile and the
    compiled cache spend about a fifth of their time there at 100k links)."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()
