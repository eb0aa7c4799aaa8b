"""What a hypothesis implies beyond what it states: ``predict`` and ``knockout``.

A hypothesis ``every C reaches T through X`` names X as the common pathway of
C's members.  :func:`predict` lists the entities that are not members of C
but reach X under the statement's context — candidates that, by the
hypothesis, should act like members — ranked by route length.
:func:`knockout` removes an entity and lists the members that lose every
route to T.  Both judge, like the checks, without hypothesised claims unless
the statement asks for them (``hypotheses=include``).

>>> from mechgraph.language.syntax import Hypothesis, Quantifier, Reaches, Ref, Relation
>>> g = MechanismGraph()
>>> g.add_isa("imipramine", "antidepressant")
>>> for subject in ("imipramine", "ketamine"):
...     _ = g.add_claim(subject, Relation.INCREASES, "NMDA_adaptation")
>>> _ = g.add_claim("NMDA_adaptation", Relation.INCREASES, "effect")
>>> g.hypotheses["h"] = Hypothesis(Ref("h"), (Reaches(Quantifier.EVERY, Ref("antidepressant"),
...                                Ref("effect"), Ref("NMDA_adaptation")),))
>>> print(predict(g, "h").format())
hypothesis h: 1 entity outside antidepressant reaches NMDA_adaptation under any context
  1. ketamine ─(+)→ NMDA_adaptation  (1 hop; reaches effect through NMDA_adaptation)
>>> print(knockout(g, "h", "NMDA_adaptation").format())
hypothesis h: removing NMDA_adaptation cuts 1 of 1 members off effect under any context
  imipramine  had imipramine ─(+)→ NMDA_adaptation ─(+)→ effect
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import Context, format_context
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Quantifier, Reaches
from mechgraph.query.budget import DEFAULT_BUDGET, MAX_CANDIDATES
from mechgraph.query.hypotheses import Scope, find_hypothesis
from mechgraph.query.member_routes import Reach, avoiding, members_of, routes
from mechgraph.query.question import resolve
from mechgraph.query.search import Search
from mechgraph.results.answers import Path
from mechgraph.results.verdicts import Witness

__all__ = ["Candidate", "Onward", "Prediction", "Knockout", "predict", "knockout"]


class Onward(enum.Enum):
    """How a candidate goes on from the pathway X to the target T."""

    THROUGH = "through the pathway"  # a route to T passes X, as the hypothesis says
    AROUND = "only around the pathway"  # it reaches T, but no route to T passes X
    NONE = "no route on"  # it does not reach T at all


@dataclass(frozen=True)
class Candidate:
    """An entity outside C with a route to the pathway, and how it reaches the target.

    ``onward_path`` is its route to the target: through X when ``onward`` is
    ``THROUGH``, around X when ``AROUND``.
    """

    entity: str
    path: Path
    onward: Onward
    onward_path: Path | None = None

    @property
    def reaches_target(self) -> bool:
        return self.onward is not Onward.NONE

    def describe(self, pathway: str, target: str) -> str:
        """``reaches T through X`` / ``reaches T only around X: route`` / ``no route on to T``."""
        if self.onward is Onward.NONE:
            return f"no route on to {target}"
        if self.onward is Onward.THROUGH:
            return f"reaches {target} through {pathway}"
        around = f": {self.onward_path.chain()}" if self.onward_path is not None else ""
        return f"reaches {target} only around {pathway}{around}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "hops": len(self.path.hops),
            "reaches_target": self.reaches_target,
            "onward": self.onward.name.lower(),
            "path": self.path.to_dict(),
            "onward_path": None if self.onward_path is None else self.onward_path.to_dict(),
        }


def _head(hypothesis: str, where: Context) -> str:
    return f"hypothesis {hypothesis}: %s under {format_context(where)}"


@dataclass(frozen=True)
class Prediction:
    """Entities outside ``members`` that reach ``pathway``, shortest route first."""

    hypothesis: str
    members: str
    pathway: str
    target: str
    where: Context
    candidates: tuple[Candidate, ...]
    left_out: int = 0  # entities reaching the pathway by a walk, past ``max_candidates``

    @property
    def note(self) -> str | None:
        """What the cap on candidates left out, if anything."""
        if not self.left_out:
            return None
        return (
            f"{self.left_out} more {'entity' if self.left_out == 1 else 'entities'} with a walk"
            f" to {self.pathway} not shown: only the {len(self.candidates)} nearest were judged"
            " (--max-candidates N for more)"
        )

    def format(self) -> str:
        n = len(self.candidates)
        what = f"{n} {'entity' if n == 1 else 'entities'} outside {self.members} reach{'es' * (n == 1)} {self.pathway}"
        lines = [_head(self.hypothesis, self.where) % what]
        for rank, c in enumerate(self.candidates, 1):
            hops = len(c.path.hops)
            also = c.describe(self.pathway, self.target)
            lines.append(f"  {rank}. {c.path.chain()}  ({hops} hop{'s' * (hops != 1)}; {also})")
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hypothesis": self.hypothesis,
            "members": self.members,
            "pathway": self.pathway,
            "target": self.target,
            "where": dict(self.where),
            "candidates": [c.to_dict() for c in self.candidates],
            "left_out": self.left_out,
            "note": self.note,
        }


@dataclass(frozen=True)
class Knockout:
    """Members that lose every route to ``target`` when ``removed`` is taken out."""

    hypothesis: str
    removed: str
    target: str
    where: Context
    lost: tuple[Witness, ...]
    kept: tuple[str, ...]
    unreached: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()

    def format(self) -> str:
        total = len(self.lost) + len(self.kept)
        cut = f"removing {self.removed} cuts {len(self.lost)} of {total} members off {self.target}"
        lines = [_head(self.hypothesis, self.where) % cut]
        lines += [f"  {w.member}  had {w.path.chain()}" for w in self.lost]
        for label, names in (
            ("still reach", self.kept),
            ("had no route before", self.unreached),
            ("undecided (walk only)", self.unsure),
        ):
            if names:
                lines.append(f"  {label}: {', '.join(names)}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hypothesis": self.hypothesis,
            "removed": self.removed,
            "target": self.target,
            "where": dict(self.where),
            "lost": [w.to_dict() for w in self.lost],
            "kept": list(self.kept),
            "unreached": list(self.unreached),
            "unsure": list(self.unsure),
        }


def _statement(graph: MechanismGraph, name: str, needs_through: bool) -> Reaches:
    """The hypothesis's first ``every``/``some ... reaches`` statement (with ``through``)."""
    for statement in find_hypothesis(graph, name).statements:
        if (
            isinstance(statement, Reaches)
            and statement.quantifier is not Quantifier.NO
            and (statement.through is not None or not needs_through)
        ):
            return statement
    form = "every|some C reaches T through X" if needs_through else "every|some C reaches T"
    raise QueryError(
        Diagnostic.error(
            f"hypothesis {name!r} has no statement `{form}`",
            file="<question>",
            hint="predict reads the common pathway X and the class C from that statement",
        )
    )


def predict(
    graph: MechanismGraph,
    name: str,
    budget: int = DEFAULT_BUDGET,
    max_candidates: int = MAX_CANDIDATES,
) -> Prediction:
    """Entities outside C that reach the common pathway X of hypothesis ``name``.

    X, C, T and the context come from the hypothesis's first
    ``every|some C reaches T through X`` statement.  Candidates are the
    entities with a route to X that are neither C, a member of C, nor X itself.
    Each says how it goes on to T: through X (as the hypothesis says), only
    around X, or not at all; candidates reaching T through X come first, then
    those going around it, then the rest, each group by the length of the
    route to X (then by name).

    Only the ``max_candidates`` first entities in that order, as the
    breadth-first searches rank them (walks, before witnesses are drawn), get
    witnesses; the others are counted in :attr:`Prediction.left_out` and said in
    its note.  Every candidate's witness costs a search of its length, so an
    unbounded list on a 5,000-link chain took 300 s and 1.6 GB.

    Raises
    ------
    QueryError
        When the hypothesis is unknown or has no such statement, or
        ``max_candidates`` is below 1.

    Examples
    --------
    >>> from mechgraph.model import Model
    >>> rules = "class C\\nm isa C\\nC -> x\\na -> b\\nb -> x\\nx -> t\\n"
    >>> rules += "hypothesis h:\\n    every C reaches t through x\\n"
    >>> found = predict(Model.from_text(rules).graph, "h", max_candidates=1)
    >>> [c.entity for c in found.candidates], found.left_out
    (['b'], 1)
    """
    if max_candidates < 1:
        raise QueryError(Diagnostic.error("max_candidates must be at least 1", file="<question>"))
    statement = _statement(graph, name, needs_through=True)
    assert statement.through is not None  # needs_through
    cls, target, pathway = statement.members.name, statement.target.name, statement.through.name
    scope = Scope.of(graph, name, statement.context)
    index = graph.index
    search = scope.search(graph, cls, pathway)
    via = scope.search(graph, cls, target, via=pathway)
    onwards = scope.search(graph, cls, target)
    outside = set(index.members.get(cls, ())) | {cls, pathway}
    nearest, left_out = _nearest(
        (search, via, onwards), [n for n in index.names if n not in outside], max_candidates
    )
    found = routes(search, nearest, budget)
    reaching = [r for r in found.values() if r.reach is Reach.ROUTE]
    entities = [r.member for r in reaching if r.member != target]
    through = routes(via, entities, budget)
    onward = routes(onwards, entities, budget)

    def candidate(member: str, path: Path) -> Candidate:
        if member == target or through[member].reach is Reach.ROUTE:
            route = None if member == target else through[member].witness
            return Candidate(member, path, Onward.THROUGH, route)
        if onward[member].reach is Reach.ROUTE:
            return Candidate(member, path, Onward.AROUND, onward[member].witness)
        return Candidate(member, path, Onward.NONE)

    found_candidates = [candidate(r.member, r.witness) for r in reaching]
    rank = list(Onward)
    candidates = tuple(
        sorted(found_candidates, key=lambda c: (rank.index(c.onward), len(c.path.hops), c.entity))
    )
    return Prediction(name, cls, pathway, target, scope.where, candidates, left_out)


def _nearest(
    searches: tuple[Search, Search, Search], names: list[str], limit: int
) -> tuple[list[str], int]:
    """The first ``limit`` of ``names`` with a walk to the pathway, in the order of
    :func:`predict` read off the searches' distances (to X, to T through X, to T),
    and how many more have one."""
    search, via, onward = searches
    to_x, to_t_via, to_t = (s.distances() for s in searches)
    ranked = []
    for name in names:
        node = search.index.ids[name]
        hops = to_x.get(search.start_state(node))
        if hops is None:
            continue
        if name == via.question.target or via.start_state(node) in to_t_via:
            goes_on = 0  # through X
        else:
            goes_on = 1 if onward.start_state(node) in to_t else 2
        ranked.append((goes_on, hops, name))
    ranked.sort()
    return [name for *_, name in ranked[:limit]], max(0, len(ranked) - limit)


def knockout(
    graph: MechanismGraph, name: str, removed: str, budget: int = DEFAULT_BUDGET
) -> Knockout:
    """Members of C that lose every route to T when entity ``removed`` is taken out.

    C, T and the context come from the hypothesis's first ``every|some C
    reaches T`` statement; ``removed`` itself, if a member, is not counted.
    Two traversals: with and without ``removed``.

    Raises
    ------
    QueryError
        When the hypothesis or ``removed`` is unknown, or there is no such statement.
    """
    statement = _statement(graph, name, needs_through=False)
    cls, target = statement.members.name, statement.target.name
    removed = resolve(graph, "entity", removed)[0]
    scope = Scope.of(graph, name, statement.context)
    members = [m for m in members_of(graph, cls) if m not in (target, removed)]
    search = scope.search(graph, cls, target)
    before = routes(search, members, budget)
    had = [m for m in members if before[m].reach is Reach.ROUTE]
    after = routes(avoiding(search, removed), had, budget)
    return Knockout(
        name,
        removed,
        target,
        scope.where,
        lost=tuple(Witness(m, before[m].witness) for m in had if after[m].reach is Reach.NONE),
        kept=tuple(m for m in had if after[m].reach is Reach.ROUTE),
        unreached=tuple(m for m in members if before[m].reach is Reach.NONE),
        unsure=tuple(
            sorted(
                {m for m in members if before[m].reach is Reach.WALK}
                | {m for m in had if after[m].reach is Reach.WALK}
            )
        ),
    )
