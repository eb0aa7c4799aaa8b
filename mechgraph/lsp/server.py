"""``mechgraph lsp``: the language server, over stdio, built on pygls.

The handlers are thin: they find the document's project
(:class:`~mechgraph.lsp.workspace.Projects`), bring it up to date and hand
the question to a feature module.  Diagnostics are published for every
file of the project after a change (re-checked ``debounce`` seconds after
the last keystroke), and hypotheses are judged when a file is opened or
saved.  Positions are converted between the client's units and code points
here (:class:`~mechgraph.lsp.units.Units`) and nowhere else.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from mechgraph.lsp.diagnostics import to_lsp
from mechgraph.lsp.formatting import format_document
from mechgraph.lsp.project import Project, State, normal_path
from mechgraph.lsp.units import Units
from mechgraph.lsp.workspace import Projects

__all__ = ["MechgraphServer", "create_server", "main", "DEBOUNCE"]

#: Seconds after the last change before the project is checked again.
DEBOUNCE = 0.05

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("mechgraph")
    except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
        return "0"


class MechgraphServer(LanguageServer):
    """The server's state: the projects, what was last published, pending checks."""

    def __init__(self) -> None:
        super().__init__("mechgraph", _version())
        self.projects = Projects([])
        self.debounce = DEBOUNCE
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.pending: dict[int, asyncio.TimerHandle] = {}

    # -- positions --------------------------------------------------------------------
    @property
    def units(self) -> Units:
        return Units(self.workspace.position_encoding or "utf-16")

    def lines_of(self, uri: str) -> list[str]:
        path = normal_path(to_fs_path(uri) or uri)
        text = self.projects.project_of(path).text(path)
        if text is None:
            text = self.workspace.get_text_document(uri).source
        return text.split("\n")

    def to_client(self, value: Any, uri: str = "") -> Any:
        return self.units.convert(value, self.lines_of, uri)

    def position(self, uri: str, position: types.Position) -> types.Position:
        """A client position in code points."""
        return self.units.from_client(self.lines_of(uri), position)

    # -- projects ----------------------------------------------------------------------
    def document(self, uri: str) -> tuple[str, Project]:
        """The file of ``uri`` and its project, updated with the editor's text."""
        path = normal_path(to_fs_path(uri) or uri)
        project = self.projects.project_of(path)
        document = self.workspace.get_text_document(uri)
        if uri in self.workspace.text_documents:
            project.set_text(path, document.source)
        return path, project

    def state(self, uri: str) -> tuple[str, State]:
        """The file of ``uri`` and its project's current state (refreshed when stale)."""
        path, project = self.document(uri)
        self.cancel(project)
        state = project.state
        if state is None or state.texts.get(path) != project.text(path):
            state = project.refresh()
        return path, state

    def cancel(self, project: Project) -> None:
        handle = self.pending.pop(id(project), None)
        if handle is not None:
            handle.cancel()

    def check(self, project: Project, judge: bool = False) -> None:
        """Refresh ``project`` (and judge its hypotheses) and publish its diagnostics."""
        self.cancel(project)
        state = project.refresh()
        if judge:
            project.judge()
        self.publish(project, state)

    def schedule(self, project: Project) -> None:
        """Check ``project`` once no change came for :attr:`debounce` seconds."""
        self.cancel(project)
        loop = asyncio.get_running_loop()
        self.pending[id(project)] = loop.call_later(self.debounce, self.check, project)

    def publish(self, project: Project, state: State) -> None:
        """Send each file's diagnostics; files that had some and have none now are cleared."""
        by_file: dict[str, list] = {path: [] for path in state.texts}
        for diagnostic in state.diagnostics + state.verdicts:
            by_file.setdefault(normal_path(diagnostic.file), []).append(diagnostic)
        stale = [uri for uri in self.published if project.covers(normal_path(to_fs_path(uri)))]
        sent = set()
        for path, found in by_file.items():
            uri = from_fs_path(path) or path
            lines = (project.text(path) or "").split("\n")
            diagnostics = [to_lsp(d, lines) for d in found]
            sent.add(uri)
            if self.published.get(uri) == diagnostics:
                continue
            self.published[uri] = diagnostics
            params = types.PublishDiagnosticsParams(uri, self.to_client(diagnostics, uri))
            self.text_document_publish_diagnostics(params)
        for uri in stale:
            if uri not in sent and self.published.pop(uri, None):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def _folders(params: types.InitializeParams) -> list[str]:
    uris = [folder.uri for folder in params.workspace_folders or ()]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    return [to_fs_path(uri) or uri for uri in uris]


def create_server() -> MechgraphServer:
    """A server with every feature registered (not started)."""
    server = MechgraphServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: MechgraphServer, params: types.InitializeParams) -> None:
        options = params.initialization_options or {}
        paths: Sequence[str] | None = options.get("paths") if isinstance(options, dict) else None
        if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
            ls.debounce = float(options["debounce"])
        ls.projects = Projects(_folders(params), paths)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MechgraphServer, params: types.DidOpenTextDocumentParams) -> None:
        _, project = ls.document(params.text_document.uri)
        ls.check(project, judge=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MechgraphServer, params: types.DidChangeTextDocumentParams) -> None:
        _, project = ls.document(params.text_document.uri)
        ls.schedule(project)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MechgraphServer, params: types.DidSaveTextDocumentParams) -> None:
        _, project = ls.document(params.text_document.uri)
        ls.check(project, judge=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MechgraphServer, params: types.DidCloseTextDocumentParams) -> None:
        path = normal_path(to_fs_path(params.text_document.uri) or params.text_document.uri)
        project = ls.projects.project_of(path)
        project.close(path)
        ls.check(project)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: MechgraphServer, params: types.DocumentFormattingParams):
        path, project = ls.document(params.text_document.uri)
        edits = format_document(project.text(path) or "", path)
        return ls.to_client(edits, params.text_document.uri)

    return server


def main() -> int:
    """Serve over stdin/stdout until the client says exit."""
    create_server().start_io()
    return 0
