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
import functools
import logging
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import attrs
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from mechgraph.lsp.code_actions import code_actions
from mechgraph.lsp.completion import complete
from mechgraph.lsp.formatting import format_document
from mechgraph.lsp.hover import hover
from mechgraph.lsp.navigation import RenameError, definition, prepare_rename, references, rename
from mechgraph.lsp.project import Project, State, normal_path
from mechgraph.lsp.publish import Published, caching_converter
from mechgraph.lsp.symbols import document_symbols
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
        self.published = Published()
        super().__init__(
            "mechgraph",
            _version(),
            converter_factory=lambda: caching_converter(self.published.live),
        )
        self.projects = Projects([])
        self.debounce = DEBOUNCE
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
        """Send each file's diagnostics that changed; files that had some and have none are cleared."""
        by_file: dict[str, list] = {path: [] for path in state.texts}
        paths: dict[str, str] = {}  # a file as diagnostics name it → its normal path
        for diagnostic in state.diagnostics + state.verdicts:
            file = diagnostic.file
            path = paths.get(file) or paths.setdefault(file, normal_path(file))
            by_file.setdefault(path, []).append(diagnostic)
        stale = [uri for uri in self.published.sent if project.covers(normal_path(to_fs_path(uri)))]
        sent = set()
        for path, found in by_file.items():
            uri = from_fs_path(path) or path
            text = project.text(path) or ""
            sent.add(uri)
            convert = _same if text.isascii() else functools.partial(self.to_client, uri=uri)
            diagnostics = self.published.update(uri, found, text.split("\n"), convert)
            if diagnostics is not None:
                params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
                self.text_document_publish_diagnostics(params)
        for uri in stale:
            if uri not in sent and self.published.forget(uri):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def _same(value: Any) -> Any:
    return value  # an ASCII text's columns are the same in every encoding


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

    _register_features(server)
    return server


def _register_features(server: MechgraphServer) -> None:
    """Hover, completion, navigation, rename, symbols and code actions."""

    def where(ls: MechgraphServer, params) -> tuple[str, State, int, int]:
        uri = params.text_document.uri
        path, state = ls.state(uri)
        position = ls.position(uri, params.position)
        return path, state, position.line, position.character

    def uri_of(path: str) -> str:
        return from_fs_path(path) or path

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: MechgraphServer, params: types.HoverParams):
        path, state, line, col = where(ls, params)
        return ls.to_client(hover(state, path, line, col), params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["@", "=", "[", ",", " "]),
    )
    def on_completion(ls: MechgraphServer, params: types.CompletionParams):
        path, state, line, col = where(ls, params)
        lines = (ls.projects.project_of(path).text(path) or "").split("\n")
        prefix = lines[line][:col] if line < len(lines) else ""
        return types.CompletionList(is_incomplete=False, items=complete(state, prefix))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: MechgraphServer, params: types.DefinitionParams):
        path, state, line, col = where(ls, params)
        return ls.to_client(definition(state, path, line, col, uri_of))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls: MechgraphServer, params: types.ReferenceParams):
        path, state, line, col = where(ls, params)
        declaration = params.context.include_declaration
        return ls.to_client(references(state, path, line, col, uri_of, declaration))

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def on_prepare_rename(ls: MechgraphServer, params: types.PrepareRenameParams):
        path, state, line, col = where(ls, params)
        return ls.to_client(prepare_rename(state, path, line, col), params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def on_rename(ls: MechgraphServer, params: types.RenameParams):
        path, state, line, col = where(ls, params)
        try:
            edit = rename(state, path, line, col, params.new_name, uri_of)
        except RenameError as error:
            raise JsonRpcInvalidParams(str(error)) from None
        return ls.to_client(edit)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_symbols(ls: MechgraphServer, params: types.DocumentSymbolParams):
        path, state = ls.state(params.text_document.uri)
        rules = state.file(path)
        return ls.to_client(document_symbols(rules) if rules else [], params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def on_code_action(ls: MechgraphServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        lines = ls.lines_of(uri)
        found = [
            attrs.evolve(
                d, range=types.Range(ls.position(uri, d.range.start), ls.position(uri, d.range.end))
            )
            for d in params.context.diagnostics
        ]
        return ls.to_client(code_actions(uri, lines, found))


def main() -> int:
    """Serve over stdin/stdout until the client says exit."""
    create_server().start_io()
    return 0
