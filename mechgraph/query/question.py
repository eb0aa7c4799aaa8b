"""A question's terms resolved against a graph: names to node ids, signs, modes, context.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("imipramine", Relation.INCREASES, "effect")
>>> make_question("imipramine", "effect", sign="+").sign
<Sign.POSITIVE: '+'>
>>> unknown_name(g, "source", "imipramin").hint
"did you mean 'imipramine'?"
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import Context
from mechgraph.graph.context_values import pair_text
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.quantities import UnitError, parse_condition
from mechgraph.language.syntax import Sign
from mechgraph.results.answers import (
    Hypotheses,
    Question,
    Unknown,
)

__all__ = [
    "SignLike",
    "Where",
    "make_question",
    "parse_mode",
    "parse_sign",
    "require",
    "unknown_name",
    "where_note",
    "require_quantities",
]


SignLike = Sign | str | None


Where = Mapping[str, str] | None


def unknown_name(graph: MechanismGraph, role: str, name: str) -> Unknown | None:
    """An :class:`Unknown` (with close names) when ``name`` is not in ``graph``."""
    index = graph.index
    if name in index.ids:
        return None
    return Unknown(role, name, tuple(difflib.get_close_matches(name, index.names, n=3)))


def require(graph: MechanismGraph, role: str, name: str) -> int:
    """The node id of ``name``; :class:`QueryError` with a did-you-mean otherwise."""
    unknown = unknown_name(graph, role, name)
    if unknown is not None:
        raise QueryError(Diagnostic.error(unknown.describe(), file="<question>", hint=unknown.hint))
    return graph.index.ids[name]


def require_quantities(graph: MechanismGraph, where: Context) -> None:
    """:class:`QueryError` when a question's value of a quantity key is no quantity
    of that key (``period=10mg/kg``), or a bound's key holds no quantities."""
    values = graph.index.value_up
    for key, value in where:
        if key in graph.dimensions:
            fine = values.interval(key, value) is not None or value in graph.definitions.get(
                key, {}
            )
            trouble = None if fine else _unit_trouble(values, value)
            hint = "write a number and a unit of the key's dimension: period=14d, dose=10mg/kg"
        else:
            trouble = "the key holds no quantities" if value[:2] in (">=", "<=") else None
            hint = "compare only keys declared with a dimension: context period: time"
        if trouble is not None:
            raise QueryError(
                Diagnostic.error(
                    f"context {pair_text(key, value)}: {trouble}", file="<question>", hint=hint
                )
            )


def parse_sign(sign: SignLike) -> Sign | None:
    """``"+"``/``"-"`` (or a :class:`Sign`) to a sign; ``None`` stays ``None``."""
    chosen = (
        {"+": Sign.POSITIVE, "-": Sign.NEGATIVE}.get(sign, sign) if isinstance(sign, str) else sign
    )
    if chosen not in (None, Sign.POSITIVE, Sign.NEGATIVE) or isinstance(chosen, str):
        raise QueryError(
            Diagnostic.error(f"unknown sign {sign!r}", file="<question>", hint="use + or -")
        )
    return chosen


def where_note(graph: MechanismGraph, where: Context) -> str | None:
    """A note naming context pairs of the question that no claim or declaration states."""
    known, values = graph.index.context_values, graph.index.value_up
    notes = []
    for key, value in where:
        if value in known.get(key, ()):
            continue
        if key in graph.dimensions:
            if values.interval(key, value) is None and value not in graph.definitions.get(key, {}):
                notes.append(
                    f"{key}={value} (no quantity of this key: {_unit_trouble(values, value)})"
                )
            continue
        pool = known.get(key) or known
        close = difflib.get_close_matches(value if key in known else key, sorted(pool), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        notes.append(f"{key}={value}{hint}")
    return "nothing states " + ", ".join(notes) if notes else None


def _unit_trouble(values, value: str) -> str:
    """Why ``value`` is no quantity of its key, in a few words."""
    condition = parse_condition(value)
    if condition is None:
        return "write a number and a unit"
    try:
        values.scale(condition.unit)
    except UnitError as exc:
        return str(exc)
    return f"`{condition.unit}` has another dimension"


def make_question(
    source: str,
    target: str,
    via: str | None = None,
    where: Where = None,
    sign: SignLike = None,
    hypotheses: Hypotheses | str = Hypotheses.INCLUDE,
) -> Question:
    """A :class:`Question` from loose arguments (strings for sign and mode are fine)."""
    where_pairs = tuple(sorted((where or {}).items()))
    return Question(source, target, via, where_pairs, parse_sign(sign), parse_mode(hypotheses))


def parse_mode(hypotheses: Hypotheses | str) -> Hypotheses:
    """``"include"``/``"exclude"`` (or a :class:`Hypotheses`); :class:`QueryError` otherwise."""
    try:
        return Hypotheses(hypotheses)
    except ValueError:
        raise QueryError(
            Diagnostic.error(
                f"unknown hypotheses mode {hypotheses!r}",
                file="<question>",
                hint="use include or exclude",
            )
        ) from None
