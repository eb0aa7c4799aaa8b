"""Parse rule text into the AST of :mod:`mechgraph.language.syntax`.

Each line is read by :class:`~mechgraph.language.reader.Reader` (layout, then the
fast path or the pyparsing grammar).  Errors do not stop the parse: every
faulty line yields a :class:`Diagnostic` and the file's diagnostics are raised
together in one :class:`ParseError`, with the file made of the lines that
parsed.  A large file may be handed over a few thousand statements at a time
(:func:`parse_file`'s ``take``).

>>> rules = parse_text("drug imipramine\\nimipramine -> NMDA_adaptation @skolnick1996")
>>> link = rules.statements[1]
>>> link.relation, link.object.name, str(link.span)
(<Relation.INCREASES: '->'>, 'NMDA_adaptation', '<input>:2:1')
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mechgraph.errors import (
    Diagnostic,
    ParseError,
    limit_diagnostics,
    sort_diagnostics,
)
from mechgraph.language import grammar
from mechgraph.language.fastpath import text_of
from mechgraph.language.reader import Reader
from mechgraph.language.syntax import (
    Blank,
    Comment,
    Link,
    RuleFile,
)
from mechgraph.language.text import decode_rule_bytes, display_name, read_rule_text
from mechgraph.memory import paused_gc

__all__ = ["parse_text", "parse_file", "MAX_DIAGNOSTICS"]

#: A file's diagnostics beyond this many are summarised in one closing note.
MAX_DIAGNOSTICS = 50
#: Statements a parse that hands them over does not keep.
_HANDED_ONLY = (Link, Comment, Blank)


def parse_text(text: str, file: str = "<input>", first_line: int = 1) -> RuleFile:
    """Parse rule text; ``file`` names it in spans and diagnostics.

    ``first_line`` numbers the text's first line, for a piece of a file
    parsed alone (the language server re-parses only the lines that changed).

    ``text`` may also be bytes: they are decoded as UTF-8 first
    (:class:`InputError` when they are not rule text).

    Raises
    ------
    InputError
        For bytes that are not UTF-8 text.
    ParseError
        With one diagnostic per faulty line (at most :data:`MAX_DIAGNOSTICS`,
        then a note saying how many more there were), and as ``partial`` the
        file made of the lines that parsed.

    Examples
    --------
    >>> parse_text("drug imipramine, citalopram").statements[0].kind
    'drug'
    >>> parse_text("a -> b", first_line=7).statements[0].span.line
    7
    >>> parse_text("a => b", file="x.mg")
    Traceback (most recent call last):
    ...
    mechgraph.errors.ParseError: x.mg:1:3: error: unknown relation '=>'
    ...
    >>> try:
    ...     parse_text("drug d\\nd => e\\nd -> f")
    ... except ParseError as error:
    ...     [type(s).__name__ for s in error.partial.statements], sorted(error.partial.unparsed_names)
    (['EntityDecl', 'Link'], ['d', 'e'])
    """
    return _parse(text, file, fast=True, first_line=first_line)


def _parse(
    text: str,
    file: str,
    fast: bool,
    first_line: int = 1,
    take: Callable[[list], None] | None = None,
) -> RuleFile:
    """The parse itself; ``fast=False`` reads every line with the pyparsing grammar;
    ``take``: see :func:`parse_file`."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_rule_bytes(bytes(text), file)
    reader = Reader(file, fast=fast, first_line=first_line)
    kept: list = []
    if take is not None:
        handed = take

        def take(statements: list) -> None:
            handed(statements)
            kept.extend(s for s in statements if type(s) not in _HANDED_ONLY)

    with paused_gc():  # a parse makes many small objects and no cycles
        reader.read(text, take)
    statements = tuple(kept if take is not None else reader.out)
    diagnostics = sort_diagnostics(reader.diagnostics)
    if diagnostics:
        partial = RuleFile(
            file,
            statements,
            text=text,
            unparsed_names=_names_on(text, diagnostics, first_line),
        )
        raise ParseError(limit_diagnostics(diagnostics, MAX_DIAGNOSTICS, MAX_DIAGNOSTICS), partial)
    return RuleFile(file, statements, text=text)


def _names_on(text: str, diagnostics: list[Diagnostic], first_line: int = 1) -> frozenset[str]:
    """Every name (bare or quoted, as text) on the lines ``diagnostics`` point at
    (``first_line`` numbers the text's first line).

    >>> sorted(_names_on('drug a, "b c"\\nx', [Diagnostic.error("?", line=7)], first_line=7))
    ['a', 'b c', 'drug']
    """
    lines = text.split("\n")
    return frozenset(
        text_of(token[0])
        for number in {d.line - first_line for d in diagnostics if d.line}
        if 0 <= number < len(lines)
        for token in grammar.NAME_TOKEN.finditer(lines[number])
    )


def parse_file(path: str | os.PathLike, take: Callable[[list], None] | None = None) -> RuleFile:
    """Read and parse one rule file.

    With ``take``, the file's statements are handed to it as they are read,
    in order, a few thousand at a time (lists it may keep), and the file
    returned (or the ``partial`` one of the error raised) holds only those
    that are no link, comment or blank line: a large file is compiled
    without all its links being alive at once
    (:func:`mechgraph.compiler.compile.compile_paths`).

    Raises
    ------
    InputError
        When the file cannot be read as rule text (see :func:`~mechgraph.language.text.read_rule_text`).
    ParseError
        When it does not parse.
    """
    return _parse(read_rule_text(path), display_name(path), fast=True, take=take)
