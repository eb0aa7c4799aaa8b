"""SIF and signed edge lists in and out.

One interaction per line: ``a<TAB>1<TAB>b`` (tabs allow names with
spaces; without tabs, whitespace separates), ``a -1 b``, ``a activates b``,
``a inhibits b``, several targets after one relation (``a 1 b c``), a lone
node (``a``), and CIF/logical-model lines ``a -> b``, ``!a -> b`` (an
inhibitor) and ``?a -> b`` (unknown sign: an association).  AND gates
(``a&b -> c``, ``a + b -> c``) are skipped with a located warning: a link
has one subject.  A first line of column names (``source interaction
target``) is skipped with a note; tabs and spaces may be mixed.  SIF
carries names, signs and ``isa``; not kinds, identifiers, context,
evidence or status.

>>> write_sif_lines([("a", "1", "b"), ("c",)])
'a\\t1\\tb\\nc\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.reading import ignore_progress, read_lines
from mechgraph.formats.records import ISA, graph_records
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation

__all__ = ["SIF_RELATIONS", "read_sif", "write_sif", "write_sif_lines"]

#: Interaction words and signs → relation (``None`` for class membership).
SIF_RELATIONS: dict[str, Relation | None] = {
    **{
        w: Relation.INCREASES
        for w in (
            "1",
            "+1",
            "+",
            "->",
            "increases",
            "activates",
            "activation",
            "stimulates",
            "positive",
            "up",
        )
    },
    **{
        w: Relation.DECREASES
        for w in (
            "-1",
            "-",
            "-|",
            "decreases",
            "inhibits",
            "inhibition",
            "represses",
            "negative",
            "down",
        )
    },
    **{w: Relation.NO_CHANGE for w in ("0", "-0", "causesNoChange")},
    **{w: Relation.ASSOCIATION for w in ("--", "?", "association", "interacts", "pp")},
    ISA: None,
}
#: CIF (Iggy, logical models): ``a -> b``; an input may be negated (``!a``) or have an
#: unknown sign (``?a``); ``a&b -> c`` is an AND gate.
CIF_ARROWS = frozenset({"->"})
CIF_PREFIXES = {"!": Relation.DECREASES, "?": Relation.ASSOCIATION}
_WRITE = {
    Relation.INCREASES: "1",
    Relation.DECREASES: "-1",
    Relation.NO_CHANGE: "0",
    Relation.ASSOCIATION: "association",
    None: ISA,
}


#: Words a header line is made of (``source interaction target``, ``node1 type node2``).
HEADER_WORDS = frozenset(
    [
        "source",
        "target",
        "interaction",
        "relation",
        "type",
        "sign",
        "effect",
        "edge",
        "from",
        "to",
        "node1",
        "node2",
        "regulator",
        "regulated",
        "input",
        "output",
    ]
)


def read_sif(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read SIF / signed edge-list / CIF lines from ``stream`` into ``builder``."""
    first = True
    for number, text in read_lines(stream, builder.file, advance):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        fields = split_fields(text)
        where = Where(builder.file, number, 1, text)
        if first and is_header(fields):
            builder.note(f"header line skipped: {' '.join(fields)}", where)
            first = False
            continue
        first = False
        if len(fields) == 1:
            _node(builder, fields[0], where)
        elif len(fields) == 2:
            builder.error(
                "truncated line: a relation needs a subject, a relation and an object",
                _col(where, text, fields[-1], end=True),
                hint="write e.g. a<TAB>1<TAB>b or a -1 b",
            )
        elif fields[-2] in CIF_ARROWS and len(fields) > 3:
            _gate(builder, fields, text, where)
        else:
            _interaction(builder, fields, text, where)


def split_fields(text: str) -> list[str]:
    """The fields of a line: tab-separated when that gives ``a REL b...`` (names may then
    hold spaces), otherwise separated by any run of blanks.

    >>> split_fields("a\\t1\\tb c"), split_fields("a\\t-1 b"), split_fields("name with space\\t")
    (['a', '1', 'b c'], ['a', '-1', 'b'], ['name with space'])
    """
    if "\t" in text:
        fields = [f.strip() for f in text.split("\t")]
        while len(fields) > 1 and not fields[-1]:
            fields.pop()
        if len(fields) == 1 or (len(fields) >= 3 and fields[1] in SIF_RELATIONS):
            return fields
    return text.split()


def is_header(fields: list[str]) -> bool:
    """True for a header line such as ``source interaction target``.

    >>> is_header(["source", "interaction", "target"]), is_header(["a", "1", "b"])
    (True, False)
    """
    return (
        len(fields) >= 2
        and (len(fields) < 3 or fields[1] not in SIF_RELATIONS)
        and any(f.casefold() in HEADER_WORDS for f in fields)
    )


def _col(where: Where, text: str, field: str, end: bool = False) -> Where:
    col = text.find(field) + 1 + (len(field) if end else 0)
    return Where(where.file, where.line, max(col, 1), where.snippet)


def _node(builder: RuleBuilder, name: str, where: Where) -> str:
    return builder.entity(name, name, "entity", declaration=False, where=where)


def _gate(builder: RuleBuilder, fields: list[str], text: str, where: Where) -> None:
    """``a & b -> c`` or ``a + b -> c``: several inputs to one target."""
    operator = next((f for f in fields[:-2] if f in ("&", "+")), "&")
    builder.skip(
        "AND gate (several inputs to one link): not supported",
        _col(where, text, operator),
        hint="write one link per input if they act independently",
    )


def _interaction(builder: RuleBuilder, fields: list[str], text: str, where: Where) -> None:
    subject, word, *objects = fields
    if word not in SIF_RELATIONS:
        builder.error(
            f"unknown relation {word!r}",
            _col(where, text, word),
            hint="use 1, -1, 0, activates, inhibits, ->, -|, association or isa",
        )
        return
    relation = SIF_RELATIONS[word]
    if word in CIF_ARROWS:
        if "&" in subject:
            _gate(builder, fields, text, where)
            return
        if subject[:1] in CIF_PREFIXES:
            relation = CIF_PREFIXES[subject[0]]
            subject = subject[1:]
    source = _node(builder, subject, where)
    for target in objects:
        object = _node(builder, target, where)
        if relation is None:
            builder.isa(source, object)
        else:
            builder.link(source, relation, object)


def write_sif_lines(rows: Iterable[tuple[str, ...]]) -> str:
    """Tab-separated rows, one per line."""
    return "".join("\t".join(row) + "\n" for row in rows)


def write_sif(graph: MechanismGraph) -> str:
    """The graph as tab-separated SIF: one line per claim, lone entities alone.

    A lone name with a space ends in a tab, so that it is read as one name.
    """
    nodes, edges = graph_records(graph)
    linked = {e.subject for e in edges} | {e.object for e in edges}
    rows = [(e.subject, _WRITE[e.relation], e.object) for e in edges]
    rows.extend((n.name, "") if " " in n.name else (n.name,) for n in nodes if n.name not in linked)
    return write_sif_lines(rows)
