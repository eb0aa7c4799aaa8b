"""SIF and signed edge lists in and out.

One interaction per line: ``a<TAB>1<TAB>b`` (tabs allow names with
spaces; without tabs, whitespace separates), ``a -1 b``, ``a activates b``,
``a inhibits b``, several targets after one relation (``a 1 b c``), a lone
node (``a``), and CIF/logical-model lines ``a -> b`` and ``!a -> b`` (an
inhibitor).  AND-gates (``a + b -> c``) are skipped: a link has one
subject.  SIF carries names, signs and ``isa``; not kinds, identifiers,
context, evidence or status.

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
_WRITE = {
    Relation.INCREASES: "1",
    Relation.DECREASES: "-1",
    Relation.NO_CHANGE: "0",
    Relation.ASSOCIATION: "association",
    None: ISA,
}


def read_sif(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read SIF / signed edge-list lines from ``stream`` into ``builder``."""
    for number, text in read_lines(stream, builder.file, advance):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        fields = text.split("\t") if "\t" in text else text.split()
        fields = [f.strip() for f in fields]
        while len(fields) > 1 and not fields[-1]:
            fields.pop()
        where = Where(builder.file, number, 1, text)
        if "+" in fields[1:-2] and "->" in fields:
            builder.skip(
                "AND-gate (several inputs to one link)",
                where,
                hint="write one link per input if they act independently",
            )
        elif len(fields) == 1:
            _node(builder, fields[0], where)
        elif len(fields) == 2:
            builder.error(
                "truncated line: a relation needs a subject, a relation and an object",
                _col(where, text, fields[-1], end=True),
                hint="write e.g. a<TAB>1<TAB>b or a -1 b",
            )
        else:
            _interaction(builder, fields, text, where)


def _col(where: Where, text: str, field: str, end: bool = False) -> Where:
    col = text.find(field) + 1 + (len(field) if end else 0)
    return Where(where.file, where.line, max(col, 1), where.snippet)


def _node(builder: RuleBuilder, name: str, where: Where) -> str:
    return builder.entity(name, name, "entity", declaration=False, where=where)


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
    if subject.startswith("!") and word == "->":
        subject, relation = subject[1:], Relation.DECREASES
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
