"""The language-server tests' client and helpers.

``client`` is a real LSP client (pytest-lsp) talking to ``python -m mechgraph lsp``
over stdio; each test gets a fresh server whose workspace is its ``tmp_path``.
Test modules import it (``from lsp_support import client``) as a fixture.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

__all__ = ["client", "open_file", "change", "diagnostics_of", "span", "ranges"]


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "mechgraph", "lsp"])


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(tmp_path.as_uri(), "rules")],
        initialization_options={"debounce": 0.01},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    """Open ``path`` (written first when ``text`` is given); its URI."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "mechgraph", 1, path.read_text(encoding="utf-8"))
        )
    )
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int = 2) -> None:
    """Replace the whole text of an open document."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics_of(client: LanguageClient, uri: str, timeout: float = 30.0) -> list:
    """The diagnostics of ``uri`` once the server published them."""
    client.diagnostics.pop(uri, None)
    async with asyncio.timeout(timeout):
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def span(line: int, start: int, end: int) -> types.Range:
    """A one-line range (0-based)."""
    return types.Range(types.Position(line, start), types.Position(line, end))


def ranges(diagnostics) -> list[tuple[int, int, int]]:
    return [
        (d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics
    ]
