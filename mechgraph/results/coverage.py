"""Coverage: a question's quantity where no claim speaks, and the claims nearest to it.

When a question asks a quantity (``period=7d``) that lies between the
intervals the claims state (``period<=1d``: no change; ``period>=14d``:
increase), the answer is neither yes nor no: no claim covers it.

>>> near = Nearby("a -0 b", "period<=1d", "no change")
>>> print(Coverage("period", "7d", (near,)).describe())
no claim covers period=7d; nearest: a -0 b at period<=1d (no change)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mechgraph.graph.context_values import pair_text

__all__ = ["Nearby", "Coverage", "EFFECTS"]

#: What each relation word says happens, for the nearest claims.
EFFECTS = {
    "increases": "increase",
    "decreases": "decrease",
    "causesNoChange": "no change",
    "association": "association",
}


@dataclass(frozen=True)
class Nearby:
    """A claim whose interval lies nearest the asked quantity: its rule text, the
    condition it states (``period>=14d``), its effect and its place."""

    claim: str
    bound: str
    effect: str
    location: str | None = None
    via: str | None = None

    def describe(self) -> str:
        said = f"{self.via}, {self.effect}" if self.via else self.effect
        return f"{self.claim} at {self.bound} ({said})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "bound": self.bound,
            "via": self.via,
            "effect": self.effect,
            "location": self.location,
        }


@dataclass(frozen=True)
class Coverage:
    """No claim covers ``key`` = ``asked``; the ``nearest`` claims below and above it."""

    key: str
    asked: str
    nearest: tuple[Nearby, ...] = ()

    def describe(self) -> str:
        text = f"no claim covers {pair_text(self.key, self.asked)}"
        if self.nearest:
            text += "; nearest: " + ", ".join(n.describe() for n in self.nearest)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "asked": self.asked,
            "nearest": [n.to_dict() for n in self.nearest],
        }
