"""Load rule files from paths: folders recursively, ``include`` followed, each file once.

Problems never stop the load: every file that can be read and parsed is
returned, and everything else is a located :class:`Diagnostic` — a missing
path, an unreadable or binary file, a parse error, an include that leaves
the including file's folder, a missing include, an include cycle.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.mg").write_text('include "sub/b.mg"\\ndrug x\\n')
>>> (folder / "sub").mkdir()
>>> _ = (folder / "sub" / "b.mg").write_text('include "../a.mg"\\n')
>>> files, diagnostics = load_paths([folder])
>>> [pathlib.Path(f.path).name for f in files]
['a.mg', 'b.mg']
>>> diagnostics[0].message
"include '../a.mg' leaves the folder of the including file"
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mechgraph.errors import Diagnostic, MechgraphError, sort_diagnostics
from mechgraph.language.syntax import Include, RuleFile
from mechgraph.language.text import STDIN, file_kind
from mechgraph.progress import phase

__all__ = ["load_paths", "rule_paths", "RULE_SUFFIX"]

#: Files below a folder that are rule files.
RULE_SUFFIX = ".mg"


def rule_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Diagnostic]]:
    """The rule files named by ``paths``: files as given, folders searched for ``*.mg``.

    ``-`` names standard input.

    Folders are searched recursively and their files sorted; a missing path,
    a folder (or sub-folder) that cannot be read and a ``*.mg`` that is not a
    regular file (a FIFO, a device) are errors; a folder without rule files
    is a warning.
    """
    found: list[Path] = []
    diagnostics: list[Diagnostic] = []
    for path in map(Path, paths):
        if str(path) == STDIN:
            found.append(path)
        elif path.is_dir():
            before = len(diagnostics)
            files = _search(path, diagnostics)
            if not files and len(diagnostics) == before:
                diagnostics.append(
                    Diagnostic.warning(
                        f"no {RULE_SUFFIX} files in this folder", file=str(path), code="input"
                    )
                )
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            diagnostics.append(
                Diagnostic.error("no such file or folder", file=str(path), code="input")
            )
    return found, diagnostics


def _search(folder: Path, diagnostics: list[Diagnostic]) -> list[Path]:
    """The ``*.mg`` files below ``folder``, sorted; what cannot be read goes to ``diagnostics``."""

    def unreadable(error: OSError) -> None:
        diagnostics.append(
            Diagnostic.error(
                f"cannot read this folder: {error.strerror or error}",
                file=str(error.filename or folder),
                code="input",
                hint="give mechgraph permission to read it, or name the files to check",
            )
        )

    files, seen = [], set()
    for top, folders, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back up the tree
            folders.clear()
            continue
        seen.add(real)
        for name in names:
            if not name.endswith(RULE_SUFFIX):
                continue
            path = Path(top) / name
            kind = _kind(path)
            if kind is not None:
                diagnostics.append(
                    Diagnostic.error(f"{kind}, not a rule file", file=str(path), code="input")
                )
            elif path.is_file():
                files.append(path)
    return sorted(files)


def _parse_file(path: Path) -> RuleFile:
    """:func:`~mechgraph.language.parser.parse_file`, the parser (and pyparsing) loaded on
    the first parse: listing rule files, as the compiled cache does, needs neither."""
    from mechgraph.language.parser import parse_file

    return parse_file(path)


@dataclass
class _Load:
    """One load: files by resolved path, the include chain being followed, diagnostics."""

    parse: Callable[[Path], RuleFile] = _parse_file
    partial: bool = False
    files: dict[Path, RuleFile] = field(default_factory=dict)
    seen: set[Path] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def load(self, path: Path, chain: tuple[Path, ...] = ()) -> None:
        key = path.resolve()
        if key in self.seen:
            return
        self.seen.add(key)
        try:
            rules = self.parse(path)
        except MechgraphError as error:
            self.diagnostics.extend(error.diagnostics)
            partial = getattr(error, "partial", None) if self.partial else None
            if not isinstance(partial, RuleFile):
                return
            rules = partial
        self.files[key] = rules
        for node in rules.statements:
            if isinstance(node, Include):
                self.include(rules, path, node, chain + (key,))

    def include(self, rules: RuleFile, path: Path, node: Include, chain: tuple[Path, ...]) -> None:
        folder = path.parent.resolve()
        target = Path(os.path.normpath(path.parent / node.path))
        key = target.resolve()

        def error(message: str, hint: str) -> None:
            self.diagnostics.append(
                Diagnostic.error(
                    message,
                    file=rules.path,
                    line=node.span.line,
                    col=node.span.col,
                    snippet=rules.line(node.span.line),
                    hint=hint,
                    code="include",
                )
            )

        if not key.is_relative_to(folder):
            error(
                f"include '{node.path}' leaves the folder of the including file",
                "only files in this file's folder or below it can be included",
            )
        elif key in chain:
            cycle = " -> ".join(p.name for p in chain[chain.index(key) :] + (key,))
            error(f"include cycle: {cycle}", "remove one of the includes that close the cycle")
        elif not key.exists():
            error(
                f"included file '{node.path}' not found", f"the path is relative to {path.parent}"
            )
        elif (kind := _kind(key)) is not None:
            error(
                f"include '{node.path}' names {kind}, not a rule file",
                "include a rule file (*.mg); a folder is loaded by naming it on the command line",
            )
        else:
            self.load(target, chain)


def _kind(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (``None``: a regular file or unreadable)."""
    try:
        return file_kind(path.stat().st_mode)
    except OSError:
        return None  # reading it will say what is wrong


def load_paths(
    paths: Iterable[str | os.PathLike],
    parse: Callable[[Path], RuleFile] = _parse_file,
    *,
    partial: bool = False,
) -> tuple[list[RuleFile], list[Diagnostic]]:
    """Parse every rule file under ``paths`` and every file they include, once each.

    Parameters
    ----------
    paths
        Files and folders; folders are searched recursively for ``*.mg`` (sorted).
    parse
        Reads one file (default :func:`~mechgraph.language.parser.parse_file`); the
        language server passes one that reads the editor's unsaved text.  It
        raises :class:`~mechgraph.errors.MechgraphError` for a file that cannot be used.
    partial
        Keep the lines that parsed of a file that did not parse whole (the
        :attr:`~mechgraph.errors.ParseError.partial` file, whose includes are
        followed too), so that their own mistakes can be reported beside the
        syntax errors; default: such a file is left out.

    Returns
    -------
    files, diagnostics
        The files that parsed, in load order (a file before those it
        includes), and the diagnostics of everything that went wrong, in
        reading order.  Never raises for bad input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.mg"
    >>> _ = path.write_text("drug d\\nd => e\\n")
    >>> [len(load_paths([path], partial=keep)[0]) for keep in (False, True)]
    [0, 1]
    """
    found, diagnostics = rule_paths(paths)
    load = _Load(parse, partial)
    with phase("parse", total=len(found)) as advance:
        for path in found:
            load.load(path)
            advance(1)
    return list(load.files.values()), sort_diagnostics(diagnostics + load.diagnostics)
