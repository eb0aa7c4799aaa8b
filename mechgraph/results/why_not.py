"""Why a question is not answered yes: what was reached, what blocked the routes, the gap.

>>> Gap("p", "q", None).describe()
'p → q would join them (not otherwise connected)'
>>> Side(("p",), 1).describe("leading to dis")
' (1 entity, none leading to dis): p'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.results.answers import INDENT, Blocked, Hop, Path, Question, Unknown, Verdict
from mechgraph.results.coverage import Coverage
from mechgraph.results.display import Displayable, attached_graph

__all__ = ["ContextClash", "WhyNot", "Side", "Gap"]


@dataclass(frozen=True)
class Side:
    """One side of a question that never meets the other: a few of its entities, and how many."""

    names: tuple[str, ...]
    count: int

    def describe(self, none: str) -> str:
        """`` (3 entities, none leading to T): a, b, c`` (``none`` says what none of them does)."""
        noun = "entity" if self.count == 1 else "entities"
        more = f", … {self.count - len(self.names)} more" if self.count > len(self.names) else ""
        return f" ({self.count} {noun}, none {none}): {', '.join(self.names)}{more}"

    def to_dict(self) -> dict[str, Any]:
        return {"names": list(self.names), "count": self.count}


@dataclass(frozen=True)
class Gap:
    """The nearest gap: an entity reached from the source and one reaching the target that a
    single link would join; ``apart`` is how many links separate them in the whole network
    (any context, status or direction), ``None`` when nothing does."""

    reached: str
    reaching: str
    apart: int | None

    def describe(self) -> str:
        """``a → b would join them (2 links apart ignoring context and direction)``."""
        if self.apart is None:
            how = "not otherwise connected"
        else:
            links = "link" if self.apart == 1 else "links"
            how = f"{self.apart} {links} apart ignoring context, status and direction"
        return f"{self.reached} → {self.reaching} would join them ({how})"

    def to_dict(self) -> dict[str, Any]:
        return {"reached": self.reached, "reaching": self.reaching, "apart": self.apart}


def _link(hop: Hop, key: str, value: str) -> str:
    where = f", {hop.location}" if hop.location else ""
    return f"{key}={value} ({hop.subject} {hop.relation.value if hop.relation else 'isa'} {hop.object}{where})"


@dataclass(frozen=True)
class ContextClash:
    """Two links of ``route`` (the shortest route ignoring context agreement) stating values
    of context ``key`` that cannot hold together."""

    key: str
    first: Hop
    first_value: str
    second: Hop
    second_value: str
    route: Path

    def describe(self) -> str:
        """``contexts clash along a ─(+)→ b ─(+)→ c: k=x (a -> b, f:1:1) vs k=y (b -> c, f:2:1)``."""
        first = _link(self.first, self.key, self.first_value)
        second = _link(self.second, self.key, self.second_value)
        return f"contexts clash along {self.route.chain()}: {first} vs {second}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "values": [self.first_value, self.second_value],
            "links": [self.first.to_dict(), self.second.to_dict()],
            "route": self.route.to_dict(),
        }


def _side_lines(
    nearest: tuple[str, ...],
    side: Side | None,
    end: str,
    alone: str,
    heading: str,
    other: tuple[str, str],
) -> list[str]:
    """What one side of a question holds: only ``end`` itself (``alone``), the entities
    nearest the ``other`` end, or a few of its entities when none leads there."""
    if nearest == (end,):
        return [INDENT + alone]
    if nearest:
        return [f"{INDENT}{heading}, nearest to {other[0]}: {', '.join(nearest)}"]
    return [] if side is None else [INDENT + heading + side.describe(other[1])]


def _brief(path: Path) -> str:
    return f"{path.chain()} (net sign {path.sign.value})"


@dataclass(frozen=True)
class WhyNot(Displayable):
    """Why a question is not answered yes: what was reached, what blocked the routes."""

    question: Question
    verdict: Verdict
    unknown: tuple[Unknown, ...] = ()
    last_reached: tuple[str, ...] = ()
    first_reaching: tuple[str, ...] = ()
    blocked: tuple[Blocked, ...] = ()
    no_change: tuple[Hop, ...] = ()
    wrong_sign: Path | None = None
    without_via: Path | None = None
    note: str | None = None
    coverage: Coverage | None = None
    graph: MechanismGraph | None = attached_graph()
    #: When nothing reached from the source leads to the target (under any context):
    #: what the source reaches (furthest first) and what reaches the target.
    reached: Side | None = None
    reaching: Side | None = None
    gap: Gap | None = None
    #: The shortest route ignoring context agreement, when two of its links clash.
    context_clash: ContextClash | None = None
    #: With ``max_hops``: the shortest route, longer than allowed.
    longer: Path | None = None

    def format(self) -> str:
        """One line per finding below a ``no`` (or ``walk only``/``yes``) headline."""
        q = self.question
        lines = [f"{self.verdict.value:<4} {q.describe()}"]
        lines += [INDENT + "; ".join(filter(None, (u.describe(), u.hint))) for u in self.unknown]
        lines += _side_lines(
            self.last_reached,
            self.reached,
            q.source,
            f"{q.source} reaches nothing here",
            f"reached from {q.source}",
            (q.target, f"leading to {q.target}"),
        )
        lines += _side_lines(
            self.first_reaching,
            self.reaching,
            q.target,
            f"nothing reaches {q.target} here",
            f"reaching {q.target}",
            (q.source, f"reached from {q.source}"),
        )
        if self.coverage is not None:
            lines.append(INDENT + self.coverage.describe())
        if self.gap is not None:
            lines.append(f"{INDENT}nearest gap: {self.gap.describe()}")
        lines += [f"{INDENT}blocked: {b.describe()}" for b in self.blocked]
        for hop in self.no_change:
            lines.append(f"{INDENT}no-change claim: {hop.located()} holds here")
        if self.wrong_sign is not None:
            lines.append(f"{INDENT}with the other sign: {_brief(self.wrong_sign)}")
        if self.without_via is not None:
            lines.append(f"{INDENT}not through {q.via}: {_brief(self.without_via)}")
        if self.context_clash is not None:
            lines.append(INDENT + self.context_clash.describe())
        if self.longer is not None:
            hops = len(self.longer.hops)
            lines.append(f"{INDENT}only a longer route ({hops} hops): {self.longer.chain()}")
        if self.note:
            lines.append(INDENT + self.note)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.to_dict(),
            "verdict": self.verdict.value,
            "unknown": [u.to_dict() for u in self.unknown],
            "last_reached": list(self.last_reached),
            "first_reaching": list(self.first_reaching),
            "blocked": [b.to_dict() for b in self.blocked],
            "no_change": [h.to_dict() for h in self.no_change],
            "wrong_sign": None if self.wrong_sign is None else self.wrong_sign.to_dict(),
            "without_via": None if self.without_via is None else self.without_via.to_dict(),
            "note": self.note,
            "coverage": None if self.coverage is None else self.coverage.to_dict(),
            "reached": None if self.reached is None else self.reached.to_dict(),
            "reaching": None if self.reaching is None else self.reaching.to_dict(),
            "gap": None if self.gap is None else self.gap.to_dict(),
            "context_clash": None if self.context_clash is None else self.context_clash.to_dict(),
            "longer": None if self.longer is None else self.longer.to_dict(),
        }
