"""Go to definition, find references and rename, across every file of the project.

A symbol is a role and a name (and, for a context value, its key): the
entity ``imipramine`` wherever it is declared, linked, put in a class or
named by a hypothesis; the source ``skolnick1996`` in its declaration and
every ``@skolnick1996``; a context value in its ``context`` declaration,
its ``isa`` lines and every ``[key=value]``.

>>> import pathlib, tempfile
>>> from mechgraph.lsp.project import Project
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.mg").write_text('drug x\\ninclude "b.mg"\\n')
>>> _ = (folder / "b.mg").write_text("x -> y\\n")
>>> state = Project([folder / "a.mg"]).refresh()
>>> edit = rename(state, str(folder / "b.mg"), 0, 0, "5-HT", lambda path: path)
>>> sorted((pathlib.Path(path).name, [e.new_text for e in edits])
...        for path, edits in edit.changes.items())
[('a.mg', ['"5-HT"']), ('b.mg', ['"5-HT"'])]
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from mechgraph.language.formatter import format_name, format_value
from mechgraph.language.grammar import KEYWORDS
from mechgraph.language.syntax import is_bare_name
from mechgraph.lsp.occurrences import ENTITY, KEY, SOURCE, VALUE, Occurrence
from mechgraph.lsp.project import State

__all__ = ["definition", "references", "rename", "prepare_rename", "RenameError"]

UriOf = Callable[[str], str]


class RenameError(ValueError):
    """A rename that cannot be made (the message says why)."""


def _range(o: Occurrence) -> types.Range:
    return types.Range(types.Position(o.line, o.start), types.Position(o.line, o.end))


def _location(o: Occurrence, uri_of: UriOf) -> types.Location:
    return types.Location(uri=uri_of(o.file), range=_range(o))


def definition(state: State, path: str, line: int, col: int, uri_of: UriOf) -> list:
    """Where the name under the cursor is declared (its first use when never declared)."""
    found = state.index().at(path, line, col)
    if found is None:
        return []
    return [_location(o, uri_of) for o in state.index().definitions(found.symbol)]


def references(
    state: State, path: str, line: int, col: int, uri_of: UriOf, declaration: bool = True
) -> list:
    """Every place the name under the cursor is written (with or without its declaration)."""
    found = state.index().at(path, line, col)
    if found is None:
        return []
    return [
        _location(o, uri_of)
        for o in state.index().of(found.symbol)
        if declaration or not o.definition
    ]


def prepare_rename(state: State, path: str, line: int, col: int) -> types.Range | None:
    """The range of the renamable name under the cursor, or ``None``."""
    found = state.index().at(path, line, col)
    return None if found is None else _range(found)


def _spelling(o: Occurrence, new: str) -> str:
    if o.role in (SOURCE, KEY):
        if not is_bare_name(new) or new in KEYWORDS:
            raise RenameError(f"a {o.role} name must be a bare name, not {new!r}")
        return new
    return format_value(new) if o.role == VALUE else format_name(new)


def _taken(state: State, o: Occurrence, new: str) -> bool:
    graph = state.graph
    if o.role == ENTITY:
        return new in graph
    if o.role == SOURCE:
        return new in graph.sources
    if o.role == VALUE:
        return new in graph.values.get(o.key, ())
    return False


def rename(
    state: State, path: str, line: int, col: int, new: str, uri_of: UriOf
) -> types.WorkspaceEdit | None:
    """The edits renaming the name under the cursor to ``new`` in every file.

    Raises
    ------
    RenameError
        When ``new`` cannot be that kind of name, or names another existing thing.
    """
    found = state.index().at(path, line, col)
    if found is None:
        return None
    if new != found.name and _taken(state, found, new):
        raise RenameError(f"{found.role} `{new}` already exists; renaming would merge the two")
    text = _spelling(found, new)
    changes: dict[str, list[types.TextEdit]] = {}
    for o in state.index().of(found.symbol):
        changes.setdefault(uri_of(o.file), []).append(types.TextEdit(_range(o), text))
    return types.WorkspaceEdit(changes=changes)
