"""Write an AST back as rule text in the canonical layout (what ``mechgraph fmt`` writes).

Single spaces, ``, `` between list items, context as ``[k=v, k=v]``,
relations as arrows, hypothesis statements indented four spaces, runs of
blank lines collapsed to one, a trailing comment two spaces after its
statement, names and values quoted only when they need it.  Formatting is
idempotent and ``parse_text(format_rule_file(x)) == x``.

>>> from mechgraph.language.parser import parse_text
>>> untidy = 'drug  "imipramine",citalopram\\n\\n\\na increases b[d=chronic]#c'
>>> print(format_rule_file(parse_text(untidy)), end="")
drug imipramine, citalopram
<BLANKLINE>
a -> b [d=chronic]  #c
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mechgraph.language.grammar import BOUND, KEYWORDS, VALUE
from mechgraph.language.syntax import (
    Blank,
    Comment,
    Consistent,
    ConsistentWith,
    Declared,
    EntityDecl,
    Evidence,
    Experiment,
    Hypothesis,
    Include,
    Inputs,
    IsA,
    Link,
    Observed,
    Qualifier,
    Reaches,
    Ref,
    RuleFile,
    SignOf,
    SourceDecl,
    Status,
    ValueDecl,
    is_bare_name,
)

__all__ = [
    "format_rule_file",
    "format_statement",
    "quote",
    "format_name",
    "format_value",
    "format_pair",
]

INDENT = "    "
_BARE_VALUE = re.compile(VALUE)
_BOUND = re.compile(BOUND)


def quote(text: str) -> str:
    """``text`` as a quoted string.

    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_name(name: str | Ref) -> str:
    """A name, quoted when it is not a bare name or when it is a keyword.

    >>> format_name("NMDA_adaptation"), format_name("5-HT1A receptor"), format_name("isa")
    ('NMDA_adaptation', '"5-HT1A receptor"', '"isa"')
    """
    text = name.name if isinstance(name, Ref) else name
    return text if is_bare_name(text) and text not in KEYWORDS else quote(text)


def format_value(value: str | Ref) -> str:
    """A context or attribute value, quoted unless it is a bare value (``14d``, ``10mg/kg``).

    >>> format_value("10mg/kg"), format_value("frontal cortex")
    ('10mg/kg', '"frontal cortex"')
    """
    text = value.name if isinstance(value, Ref) else value
    return text if _BARE_VALUE.fullmatch(text) else quote(text)


def format_pair(key: str, value: str) -> str:
    """A context pair: ``key=value``, or ``key>=value`` for a bound.

    >>> format_pair("period", ">=14d"), format_pair("period", "2wk"), format_pair("k", ">=x")
    ('period>=14d', 'period=2wk', 'k=">=x"')
    """
    if value[:1] in "<>" and _BOUND.fullmatch(value):
        return key + value
    return f"{key}={format_value(value)}"


def _names(refs) -> str:
    return ", ".join(map(format_name, refs))


def _context(pairs: tuple[Qualifier, ...]) -> list[str]:
    if not pairs:
        return []
    return ["[" + ", ".join(format_pair(p.key, p.value) for p in pairs) + "]"]


def _values(node: ValueDecl) -> list[str]:
    if node.dimension is not None:
        return ["context", f"{node.key}:", node.dimension]
    defined = dict(node.defined)

    def named(ref: Ref) -> str:
        condition = defined.get(ref.name)
        if condition is None:
            return format_value(ref)
        return f"{format_value(ref)} = {format_pair(condition.key, condition.value)}"

    return ["context", node.key, ", ".join(map(named, node.values))]


def _evidence(evidence: tuple[Evidence, ...]) -> list[str]:
    return [f"@{e.reference}" for e in evidence]


def _declared(entry: Declared) -> str:
    parts = [format_name(entry.name)]
    if entry.label is not None:
        parts.append(quote(entry.label))
    parts.extend(f"{a.key}={format_value(a.value)}" for a in entry.attributes)
    return " ".join(parts)


def _source(node: SourceDecl) -> list[str]:
    reference = [] if node.reference is None else ["=", node.reference]
    title = [] if node.title is None else [quote(node.title)]
    return ["source", format_name(node.name), *reference, *title]


def _link(node: Link) -> list[str]:
    status = ["status=hypothesis"] if node.status is Status.HYPOTHESIS else []
    return [
        format_name(node.subject),
        node.relation.value,
        format_name(node.object),
        *_context(node.context),
        *_evidence(node.evidence),
        *status,
        *(f"{a.key}={format_value(a.value)}" for a in node.attributes),
    ]


def _reaches(node: Reaches) -> list[str]:
    through = [] if node.through is None else ["through", format_name(node.through)]
    return [
        node.quantifier.value,
        format_name(node.members),
        "reaches",
        format_name(node.target),
        *through,
        *_context(node.context),
    ]


def _sign_of(node: SignOf) -> list[str]:
    return [
        "sign of",
        format_name(node.members),
        "to",
        format_name(node.target),
        "is",
        node.sign.value,
        *_context(node.context),
    ]


#: Node type → the words of its one line (without comment or indentation).
_WORDS: dict[type, Callable[..., list[str]]] = {
    Include: lambda n: ["include", quote(n.path)],
    SourceDecl: _source,
    EntityDecl: lambda n: [n.kind, ", ".join(map(_declared, n.entries))],
    ValueDecl: _values,
    IsA: lambda n: [_names(n.members), "isa", format_name(n.parent)],
    Link: _link,
    Reaches: _reaches,
    SignOf: _sign_of,
    Consistent: lambda n: ["consistent"],
    ConsistentWith: lambda n: ["consistent with", _names(n.experiments)],
    Inputs: lambda n: ["input", _names(n.names)],
    Observed: lambda n: [_names(n.names), "=", n.value, *_evidence(n.evidence)],
    Comment: lambda n: ["#" + n.text.rstrip(" \t")],
    Blank: lambda n: [],
}


def format_statement(node) -> str:
    """One statement (not a hypothesis block) on one line, without its comment.

    >>> from mechgraph.language.syntax import Link, Ref, Relation
    >>> format_statement(Link(Ref("a"), Relation.from_word("decreases"), Ref("b c")))
    'a -| "b c"'
    """
    return " ".join(_WORDS[type(node)](node))


def _header(node: Hypothesis | Experiment) -> str:
    """``hypothesis NAME @evidence:`` or ``experiment NAME [context] @evidence:``."""
    if isinstance(node, Hypothesis):
        words = ["hypothesis", format_name(node.name)]
    else:
        words = ["experiment", format_name(node.name), *_context(node.context)]
    return " ".join([*words, *_evidence(node.evidence)]) + ":"


def _lines(statements, lines: list[str], indent: str = "", attachable: bool = False) -> None:
    """Append the lines of ``statements``; a trailing comment joins the line before it
    when ``attachable`` (the last line is a statement's)."""
    for node in statements:
        if isinstance(node, Comment) and node.trailing and attachable:
            lines[-1] += "  " + format_statement(node)
            attachable = False
        elif isinstance(node, (Hypothesis, Experiment)):
            lines.append(_header(node))
            _lines(node.statements, lines, INDENT, attachable=True)
            attachable = False
        elif isinstance(node, Blank):
            if lines and lines[-1]:
                lines.append("")
            attachable = False
        else:
            lines.append(indent + format_statement(node))
            attachable = not isinstance(node, Comment)


def format_rule_file(rules: RuleFile) -> str:
    """The canonical text of ``rules``: every line ends with a newline, no blank at either end."""
    lines: list[str] = []
    _lines(rules.statements, lines)
    while lines and not lines[-1]:
        lines.pop()
    return "".join(line + "\n" for line in lines)
