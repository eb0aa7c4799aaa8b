"""The JSON cache of published diagnostics: asks rarely which ones are live, drops the others."""

from __future__ import annotations

from lsprotocol import types

from mechgraph.lsp.publish import caching_converter


def _diagnostic(n: int) -> types.Diagnostic:
    return types.Diagnostic(types.Range(types.Position(n, 0), types.Position(n, 1)), f"m{n}")


def test_live_is_asked_rarely_and_dead_entries_go():
    """Check that 3,000 live diagnostics serialise with few calls of ``live()``, that a
    cached one gives the same JSON object, and that dead ones are dropped."""
    held = [_diagnostic(n) for n in range(3000)]
    asked = []

    def live() -> set[int]:
        asked.append(1)
        return {id(d) for d in held}

    converter = caching_converter(live)
    first = [converter.unstructure(d) for d in held]
    assert len(asked) <= 2
    assert all(converter.unstructure(d) is json for d, json in zip(held, first))
    assert first[5] == {
        "range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 1}},
        "message": "m5",
    }
    held = held[:10]
    for n in range(20_000):
        converter.unstructure(_diagnostic(n))
    assert len(asked) <= 2 + 20_000 // 1024 + 1  # once per 1,024 new entries at most
    assert all(converter.unstructure(d) is json for d, json in zip(held, first))
