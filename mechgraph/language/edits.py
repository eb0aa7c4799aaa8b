"""What-if edits of parsed rules: take out one link, or every link and ``isa`` of an entity.

Edits work on the syntax tree, before compilation, so they compose with
added rule text and the result compiles like any rules.  An entity taken
out stays declared — hypotheses may still name it — but nothing links to
it, from it, or through its class membership any more.

>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text("a, b isa C\\na -> x\\nx -| y\\n")
>>> [type(s).__name__ for s in without_entity([rules], "x")[0].statements]
['IsA']
>>> kept = without_link([rules], "x -| y")[0].statements
>>> [(s.subject.name, s.object.name) for s in kept if isinstance(s, Link)]
[('a', 'x')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import IsA, Link, Relation, RuleFile, Span, Statement

__all__ = ["without_entity", "without_link", "link_matcher"]

Matcher = Callable[[Link], bool]


def _edit(
    files: Sequence[RuleFile], keep: Callable[[Statement], Statement | None]
) -> tuple[RuleFile, ...]:
    """Each file with every statement replaced by ``keep(statement)`` (``None`` drops it)."""
    edited = []
    for rules in files:
        statements = tuple(s for s in map(keep, rules.statements) if s is not None)
        edited.append(replace(rules, statements=statements))
    return tuple(edited)


def without_entity(files: Sequence[RuleFile], name: str) -> tuple[RuleFile, ...]:
    """``files`` without the links touching entity ``name`` and its ``isa`` edges."""

    def keep(statement):
        if isinstance(statement, Link):
            return None if name in (statement.subject.name, statement.object.name) else statement
        if isinstance(statement, IsA):
            members = tuple(m for m in statement.members if m.name != name)
            if statement.parent.name == name or not members:
                return None
            return replace(statement, members=members)
        return statement

    return _edit(files, keep)


class StatedLink(Protocol):
    """A compiled link (:class:`~mechgraph.graph.mechanism.Claim`): where it was stated, and what."""

    span: Span
    subject: str
    relation: Relation
    object: str


def link_matcher(link: StatedLink | Link | str) -> Matcher:
    """A test picking the link statements meant by ``link``.

    A :class:`~mechgraph.graph.mechanism.Claim` (or a hop's claim) picks the one link
    stated where it was; rule text such as ``"a -> b [duration=chronic]"``
    picks every link with that subject, relation and object — and that
    context, when the text gives one.

    Raises
    ------
    QueryError
        When the text is not exactly one link.
    """
    if isinstance(link, str):
        statements = [s for s in parse_text(link, "<link>").statements if isinstance(s, Link)]
        if len(statements) != 1:
            raise QueryError(
                Diagnostic.error(
                    f"not one link: {link!r}",
                    file="<question>",
                    hint='write it as rule text, e.g. "a -> b [k=v]"',
                )
            )
        link = statements[0]
    if not isinstance(link, Link):
        stated = (link.span, link.subject, link.relation, link.object)
        return lambda s: (s.span, s.subject.name, s.relation, s.object.name) == stated
    context = {(q.key, q.value) for q in link.context}
    return lambda s: (
        (s.subject, s.relation, s.object) == (link.subject, link.relation, link.object)
        and (not context or context == {(q.key, q.value) for q in s.context})
    )


def without_link(files: Sequence[RuleFile], link: StatedLink | Link | str) -> tuple[RuleFile, ...]:
    """``files`` without the link statements ``link`` picks (see :func:`link_matcher`)."""
    matches = link_matcher(link)
    return _edit(files, lambda s: None if isinstance(s, Link) and matches(s) else s)
