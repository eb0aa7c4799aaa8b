"""Random edits, sent as a client sends them, never crash the server."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from lsp_support import SERVER, initialize_params

SEED = (Path(__file__).parents[2] / "rules" / "skolnick1996.mg").read_text(encoding="utf-8")
_NOISE = st.one_of(
    st.sampled_from(
        [
            "=>",
            "->",
            "-|",
            "    ",
            "\t",
            "#",
            "[",
            "]",
            '"',
            "@",
            ",",
            "=",
            "\n",
            "\r\n",
            "isa",
            "hypothesis h:\n",
            "    every a reaches b\n",
            'include "x.mg"\n',
            "😋",
            "β",
            "\x00",
        ]
    ),
    st.text(max_size=6),
)


@st.composite
def edits(draw):
    """(line, column, length removed, text put in) in code points; positions may lie past the end."""
    return (
        draw(st.integers(0, 120)),
        draw(st.integers(0, 90)),
        draw(st.integers(0, 12)),
        draw(_NOISE),
    )


def _utf16(line: str, col: int) -> int:
    return len(line[:col].encode("utf-16-le")) // 2


def _apply(text: str, edit) -> tuple[str, types.TextDocumentContentChangePartial]:
    """Apply ``edit`` to ``text`` (clamped into it); the new text and the change event."""
    lines = text.split("\n")
    line = min(edit[0], len(lines) - 1)
    col = min(edit[1], len(lines[line]))
    start = sum(len(x) + 1 for x in lines[:line]) + col
    end = min(start + edit[2], len(text))
    end_line = text.count("\n", 0, end)
    end_col = end - (text.rfind("\n", 0, end) + 1)
    new_lines = text[:end].split("\n")
    change = types.TextDocumentContentChangePartial(
        range=types.Range(
            types.Position(line, _utf16(lines[line], col)),
            types.Position(end_line, _utf16(new_lines[-1], end_col)),
        ),
        text=edit[3],
    )
    return text[:start] + edit[3] + text[end:], change


async def _session(folder: Path, batches) -> None:
    client = await SERVER.start()
    try:
        await client.initialize_session(initialize_params(folder))
        uri = (folder / "rules" / "a.mg").as_uri()
        text = SEED
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "mechgraph", 1, text))
        )
        version = 1
        doc = types.TextDocumentIdentifier(uri)
        for batch, (line, col) in batches:
            for edit in batch:
                text, change = _apply(text, edit)
                version += 1
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
                    )
                )
            at = types.Position(line, col)
            async with asyncio.timeout(60):
                await client.text_document_hover_async(types.HoverParams(doc, at))
                await client.text_document_completion_async(types.CompletionParams(doc, at))
                await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc))
                await client.text_document_formatting_async(
                    types.DocumentFormattingParams(doc, types.FormattingOptions(4, True))
                )
                await client.text_document_definition_async(types.DefinitionParams(doc, at))
        client.text_document_did_save(types.DidSaveTextDocumentParams(doc))
        async with asyncio.timeout(60):
            await client.text_document_hover_async(types.HoverParams(doc, types.Position(0, 0)))
        assert client.error is None
        errors = [m.message for m in client.messages + client.log_messages if m.type <= 2]
        assert errors == []  # no handler failed (pygls reports failures as error messages)
        await client.shutdown_session()
    finally:
        await client.stop()


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.lists(edits(), min_size=1, max_size=8),
            st.tuples(st.integers(0, 100), st.integers(0, 60)),
        ),
        min_size=5,
        max_size=15,
    )
)
def test_random_edits_never_crash_the_server(tmp_path_factory, batches):
    """Check that after random edits the server still answers every kind of request."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "rules").mkdir()
    (folder / "rules" / "a.mg").write_text(SEED, encoding="utf-8")
    asyncio.run(_session(folder, batches))
