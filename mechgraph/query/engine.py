"""Which engine answers the searches of a question: in memory (the default) or another one.

The questions (``ask``, hypothesis checks, ``predict``) are written once; the
searches they need go through two seams, :meth:`Engine.answer` (one
question, :func:`mechgraph.query.ask.ask`) and :meth:`Engine.routes` (each
member's route, :func:`mechgraph.query.member_routes.routes`).  Inside
``with use_engine(engine):`` both are answered by ``engine`` — the batch
engine of :mod:`mechgraph.spark` runs them as DataFrame joins — and outside
by the in-memory searches.

>>> current() is None
True
>>> class Nothing:
...     def answer(self, search, max_paths, budget): ...
...     def routes(self, search, members, budget): ...
>>> with use_engine(Nothing()):
...     type(current()).__name__
'Nothing'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mechgraph.query.member_routes import Route
    from mechgraph.query.search import Search
    from mechgraph.results.answers import Answer

__all__ = ["Engine", "current", "use_engine"]


class Engine(Protocol):
    """A search engine other than the in-memory one."""

    def answer(self, search: Search, max_paths: int, budget: int) -> Answer:
        """The answer to one resolved question (see :func:`mechgraph.query.search.answer`)."""
        ...

    def routes(self, search: Search, members: Sequence[str], budget: int) -> dict[str, Route]:
        """Each member's shortest route (see :func:`mechgraph.query.member_routes.routes`)."""
        ...


_ENGINE: ContextVar[Engine | None] = ContextVar("mechgraph_engine", default=None)


def current() -> Engine | None:
    """The engine set by the innermost :func:`use_engine`, or ``None`` (in memory)."""
    return _ENGINE.get()


@contextmanager
def use_engine(engine: Engine) -> Iterator[Engine]:
    """Answer the searches made inside the ``with`` block with ``engine``."""
    token = _ENGINE.set(engine)
    try:
        yield engine
    finally:
        _ENGINE.reset(token)
