"""What ``explain`` returns: candidate upstream changes ranked by how well they predict the data.

>>> from fractions import Fraction
>>> row = Explanation("Node0", 1, 4, 5, 1, 1, Fraction(32, 280), True)
>>> print(row.format())
Node0 +  score 4  (5 correct, 1 incorrect, 1 ambiguous)  p = 0.114 (4/35)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mechgraph.graph.admission import Context, format_context
from mechgraph.results.answers import Hop

__all__ = ["PredictedChange", "Explanation", "Explanations"]

_INDENT = " " * 4
_SIGN = {1: "+", -1: "-", 0: "0"}


@dataclass(frozen=True)
class PredictedChange:
    """An observed entity the hypothesis predicts, and the shortest signed route behind it."""

    entity: str
    predicted: int
    observed: int
    route: tuple[Hop, ...] = ()

    def format(self) -> str:
        verdict = (
            "ambiguous"
            if self.predicted == 0
            else "no change seen"
            if self.observed == 0
            else "correct"
            if self.predicted == self.observed
            else "incorrect"
        )
        head = f"{self.entity} {_SIGN[self.predicted]} (observed {_SIGN[self.observed]}, {verdict})"
        if not self.route:
            return head
        chain = self.route[0].subject + "".join(f" {h.arrow} {h.object}" for h in self.route)
        cited = sorted({str(c) for h in self.route for c in h.evidence})
        return f"{head}: {chain}" + (f"  [{', '.join(cited)}]" if cited else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "predicted": _SIGN[self.predicted],
            "observed": _SIGN[self.observed],
            "route": [h.to_dict() for h in self.route],
        }


@dataclass(frozen=True)
class Explanation:
    """One hypothesis ``entity`` changed with ``sign``, scored against the observations."""

    entity: str
    sign: int
    score: int
    correct: int
    incorrect: int
    ambiguous: int
    p_value: Fraction | float
    exact: bool
    predicted: tuple[PredictedChange, ...] = ()

    def format(self) -> str:
        p = float(self.p_value)
        shown = f"{p:.3g}" + (f" ({self.p_value})" if isinstance(self.p_value, Fraction) else "")
        shown += "" if self.exact else " (normal approximation)"
        return (
            f"{self.entity} {_SIGN[self.sign]}  score {self.score}  ({self.correct} correct, "
            f"{self.incorrect} incorrect, {self.ambiguous} ambiguous)  p = {shown}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "sign": _SIGN[self.sign],
            "score": self.score,
            "correct": self.correct,
            "incorrect": self.incorrect,
            "ambiguous": self.ambiguous,
            "p_value": float(self.p_value),
            "p_exact": str(self.p_value) if isinstance(self.p_value, Fraction) else None,
            "exact": self.exact,
            "predicted": [c.to_dict() for c in self.predicted],
        }


@dataclass(frozen=True)
class Explanations:
    """Every candidate, ranked; ``observed`` counts the +, - and 0 observations used."""

    source: str
    where: Context
    depth: int
    observed: tuple[int, int, int]
    rows: tuple[Explanation, ...]

    def format(self, top: int = 10, routes: bool = True) -> str:
        plus, minus, zero = self.observed
        context = format_context(self.where)
        lines = [
            f"{self.source}: {plus} up, {minus} down, {zero} unchanged; depth {self.depth}; "
            f"links admitted under {context}; {len(self.rows)} hypotheses scored"
        ]
        for row in self.rows[:top]:
            lines.append(row.format())
            if routes:
                lines += [_INDENT + c.format() for c in row.predicted]
        if len(self.rows) > top:
            lines.append(f"... {len(self.rows) - top} more (--top N)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "observations": self.source,
            "where": dict(self.where),
            "depth": self.depth,
            "observed": dict(zip(("up", "down", "unchanged"), self.observed)),
            "hypotheses": [r.to_dict() for r in self.rows],
        }
