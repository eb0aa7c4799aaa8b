"""A real LSP client (pytest-lsp) talking to ``python -m mechgraph lsp`` over stdio.

Each test gets a fresh server whose workspace is the test's ``tmp_path``;
``write`` puts rule files there before they are opened.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

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
