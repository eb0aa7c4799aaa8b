"""Publishing diagnostics cheaply when few of them change.

A large file can have thousands of diagnostics (lint warnings), and an edit
changes few of them.  :class:`Published` keeps, per document, the LSP
diagnostic made for each of mechgraph's (with the line it points at), so an
unchanged one is not converted again; :func:`caching_converter` keeps the
JSON form of each LSP diagnostic object, so it is not serialised again.

>>> from mechgraph.errors import Diagnostic
>>> published = Published()
>>> d = Diagnostic.warning("`x` is not declared", file="a.mg", line=1, col=1)
>>> first = published.update("file:///a.mg", [d], ["x -> y"], convert=lambda v: v)
>>> again = published.update("file:///a.mg", [d], ["x -> y"], convert=lambda v: v)
>>> again is None, published.update("file:///a.mg", [], [""], convert=lambda v: v)
(True, [])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types

from mechgraph.errors import Diagnostic
from mechgraph.lsp.diagnostics import to_lsp

__all__ = ["Published", "caching_converter"]

_Key = tuple[Diagnostic, str]


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


class Published:
    """What was last published for each document, and the LSP form of each diagnostic."""

    def __init__(self) -> None:
        self.sent: dict[str, tuple[_Key, ...]] = {}
        self._made: dict[str, dict[_Key, types.Diagnostic]] = {}

    def update(
        self,
        uri: str,
        found: Sequence[Diagnostic],
        lines: Sequence[str],
        convert: Callable[[Any], Any],
    ) -> list[types.Diagnostic] | None:
        """The diagnostics to publish for ``uri``, or ``None`` when they did not change.

        ``convert`` puts a new LSP diagnostic's range in the client's units.
        """
        keys = tuple((d, _line(lines, d.line)) for d in found)
        if self.sent.get(uri) == keys:
            return None
        old, made = self._made.get(uri, {}), {}
        for key in keys:
            made[key] = old.get(key) or made.get(key) or convert(to_lsp(key[0], lines))
        self.sent[uri], self._made[uri] = keys, made
        return [made[key] for key in keys]

    def forget(self, uri: str) -> bool:
        """Drop what was sent for ``uri``; True when something had been."""
        self._made.pop(uri, None)
        return bool(self.sent.pop(uri, ()))

    def live(self) -> set[int]:
        """The ids of every LSP diagnostic still held (for the JSON cache)."""
        return {id(d) for made in self._made.values() for d in made.values()}


def caching_converter(live: Callable[[], set[int]]):
    """pygls's converter, remembering the JSON form of each LSP diagnostic object.

    ``live()`` names the objects still in use; the others are dropped from
    the cache when it has doubled since the last time (so ``live()`` is asked
    rarely, however many diagnostics are in use).

    >>> converter = caching_converter(live=lambda: set())
    >>> d = types.Diagnostic(types.Range(types.Position(0, 0), types.Position(0, 1)), "m")
    >>> converter.unstructure(d) is converter.unstructure(d)
    True
    """
    from pygls.protocol import default_converter

    converter = default_converter()
    plain = converter.get_unstructure_hook(types.Diagnostic)
    cache: dict[int, tuple[types.Diagnostic, Any]] = {}
    limit = 1024

    def unstructure(diagnostic: types.Diagnostic) -> Any:
        nonlocal limit
        hit = cache.get(id(diagnostic))
        if hit is not None and hit[0] is diagnostic:
            return hit[1]
        if len(cache) > limit:
            keep = live()
            for key in [k for k in cache if k not in keep]:
                del cache[key]
            limit = max(1024, 2 * len(cache))
        cache[id(diagnostic)] = (diagnostic, plain(diagnostic))
        return cache[id(diagnostic)][1]

    converter.register_unstructure_hook(types.Diagnostic, unstructure)
    return converter
