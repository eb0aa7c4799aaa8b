"""A question's terms resolved against a graph: names to node ids, signs, modes, context.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("imipramine", Relation.INCREASES, "effect")
>>> make_question("imipramine", "effect", sign="+").sign
<Sign.POSITIVE: '+'>
>>> unknown_name(g, "source", "imipramin").hint
"did you mean 'imipramine'?"
>>> resolve(g, "source", "Imipramine")
('imipramine', "'Imipramine' read as 'imipramine'")
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from typing import Any, TypeVar

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
    "noted",
    "parse_mode",
    "parse_sign",
    "require",
    "resolve",
    "resolve_names",
    "unknown_name",
    "where_note",
    "require_quantities",
]


SignLike = Sign | str | None


Where = Mapping[str, str] | None


def _candidates(graph: MechanismGraph, name: str) -> tuple[tuple[str, str], ...]:
    """The ``(entity, how)`` pairs ``name`` may stand for: itself when it is a name; else
    the entities whose alias is written exactly so, when one; else those equal in any case."""
    if name in graph.index.ids:
        return ((name, "name"),)
    found = graph.aliases.get(name.casefold(), ())
    exact = [a for a in found if a.written == name]
    if len({a.entity for a in exact}) != 1:
        exact = list(found)
    pairs: dict[str, str] = {}
    for alias in exact:  # an entity's aliases come most telling first
        pairs.setdefault(alias.entity, alias.how)
    return tuple(pairs.items())


def unknown_name(graph: MechanismGraph, role: str, name: str) -> Unknown | None:
    """An :class:`Unknown` (with close names) when nothing in ``graph`` answers to ``name``
    (see :func:`resolve`)."""
    if _candidates(graph, name):
        return None
    aliases = graph.aliases
    close = difflib.get_close_matches(name.casefold(), aliases.keys(), n=3)
    written = dict.fromkeys(alias.written for key in close for alias in aliases[key])
    return Unknown(role, name, tuple(written)[:3])


def resolve(graph: MechanismGraph, role: str, name: str) -> tuple[str, str | None]:
    """The entity ``name`` stands for, and a note when it is not that entity's name as written.

    A question may name an entity by its name, its label, an identifier
    (``MESH:D007099``), a synonym, or any of these in another case, as long as
    only one entity answers to it (see :mod:`mechgraph.graph.aliases`).

    Raises
    ------
    QueryError
        When nothing answers to ``name`` (with close names as a hint), or
        several entities do (listing them).

    Examples
    --------
    >>> from mechgraph.graph.mechanism import Entity
    >>> g = MechanismGraph()
    >>> g.add_entity(Entity("imipramine", "drug", attributes=(("id", "MESH:D007099"),)))
    >>> resolve(g, "source", "mesh:D007099")
    ('imipramine', "'mesh:D007099' read as 'imipramine' (its id MESH:D007099)")
    >>> resolve(g, "source", "imipramine")
    ('imipramine', None)
    """
    found = _candidates(graph, name)
    if len(found) == 1:
        entity, how = found[0]
        if entity == name:
            return name, None
        if how == "name":
            return entity, f"{name!r} read as {entity!r}"
        written = next(
            a.written for a in graph.aliases[name.casefold()] if (a.entity, a.how) == found[0]
        )
        shown = "" if written == name else f" {written}"
        return entity, f"{name!r} read as {entity!r} (its {how.replace('_', ' ')}{shown})"
    if found:
        listed = ", ".join(
            repr(entity) + ("" if how == "name" else f" (its {how})") for entity, how in found
        )
        raise QueryError(
            Diagnostic.error(
                f"{name!r} (the question's {role}) could name {len(found)} entities: {listed}",
                file="<question>",
                hint="ask with one of these names, written exactly",
            )
        )
    unknown = unknown_name(graph, role, name)
    assert unknown is not None
    raise QueryError(Diagnostic.error(unknown.describe(), file="<question>", hint=unknown.hint))


def require(graph: MechanismGraph, role: str, name: str) -> int:
    """The node id of the entity ``name`` stands for (see :func:`resolve`)."""
    return graph.index.ids[resolve(graph, role, name)[0]]


Noted = TypeVar("Noted", bound=Any)


def resolve_names(graph: MechanismGraph, question: Question) -> tuple[Question, str | None]:
    """``question`` with its source, target and via resolved (see :func:`resolve`), and
    one note for the names not read as written.

    >>> from mechgraph.graph.mechanism import Entity
    >>> g = MechanismGraph()
    >>> g.add_entities([Entity("imipramine", "drug"), Entity("NMDA", "receptor")])
    >>> question, note = resolve_names(g, make_question("Imipramine", "nmda"))
    >>> question.source, question.target, note
    ('imipramine', 'NMDA', "'Imipramine' read as 'imipramine'; 'nmda' read as 'NMDA'")
    """
    source, source_note = resolve(graph, "source", question.source)
    target, target_note = resolve(graph, "target", question.target)
    via, via_note = (None, None) if question.via is None else resolve(graph, "via", question.via)
    note = "; ".join(n for n in (source_note, target_note, via_note) if n) or None
    return dataclasses.replace(question, source=source, target=target, via=via), note


def noted(result: Noted, note: str | None) -> Noted:
    """``result`` (any frozen result with a ``note``) with ``note`` put before its own.

    >>> from mechgraph.results.answers import Answer, Question, Verdict
    >>> noted(Answer(Question("a", "b"), Verdict.NO, note="later"), "first").note
    'first; later'
    """
    if not note:
        return result
    return dataclasses.replace(result, note="; ".join(n for n in (note, result.note) if n))


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
