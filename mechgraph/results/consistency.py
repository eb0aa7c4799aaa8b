"""What confronting a mechanism with an experiment returns: consistency, cores, repairs, predictions.

Plain frozen dataclasses with ``format()`` (for people) and ``to_dict()``
(for ``--json``); :mod:`mechgraph.query.consistency.experiment` builds them.

>>> from mechgraph.language.syntax import Sign
>>> result = ExperimentResult("acute", (("duration", "acute"),), None, consistent=True,
...                           mcos=0, scenfit=0, predictions=(("NMDA_adaptation", "0"),))
>>> print(result.format())
experiment acute [duration=acute]: consistent
    predictions: no change anywhere
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mechgraph.graph.admission import Context, format_context
from mechgraph.language.syntax import Span
from mechgraph.results.answers import Citation, Hop

__all__ = ["ObservedChange", "Core", "Repair", "Flip", "ExperimentResult"]

_INDENT = " " * 4


@dataclass(frozen=True)
class ObservedChange:
    """One observation statement: ``node = value``, where it is written, its evidence."""

    node: str
    value: str
    location: Span | None = None
    evidence: tuple[Citation, ...] = ()

    def describe(self) -> str:
        place = f" ({self.location})" if self.location else ""
        cited = f" @{', @'.join(c.name for c in self.evidence)}" if self.evidence else ""
        return f"{self.node} = {self.value}{cited}{place}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "value": self.value,
            "location": None if self.location is None else str(self.location),
            "evidence": [c.to_dict() for c in self.evidence],
        }


@dataclass(frozen=True)
class Core:
    """A minimal set of observations that no labelling satisfies together, and the
    admitted links on routes from the perturbed entities to them."""

    observations: tuple[ObservedChange, ...]
    links: tuple[Hop, ...] = ()
    #: Links upstream of the core that the experiment's context left out, and why.
    excluded: tuple[tuple[Hop, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "observations": [o.to_dict() for o in self.observations],
            "links": [h.to_dict() for h in self.links],
            "excluded": [{"link": h.to_dict(), "reason": why} for h, why in self.excluded],
        }


@dataclass(frozen=True)
class Repair:
    """A new increasing (``+``) or decreasing (``-``) influence on ``node`` (mcos)."""

    node: str
    sign: str

    def __str__(self) -> str:
        return f"{'increase' if self.sign == '+' else 'decrease'} {self.node}"


@dataclass(frozen=True)
class Flip:
    """An observation read otherwise (scenfit): ``node`` observed ``value``, labelled ``label``."""

    node: str
    value: str
    label: str

    def __str__(self) -> str:
        return f"{self.node} observed {self.value}, labelled {self.label}"


@dataclass(frozen=True)
class ExperimentResult:
    """The verdict on one experiment; ``consistent`` is ``None`` when undecided."""

    name: str
    context: Context
    location: Span | None
    consistent: bool | None
    mcos: int | None = None
    scenfit: int | None = None
    repairs: tuple[tuple[Repair, ...], ...] = ()
    flips: tuple[tuple[Flip, ...], ...] = ()
    more_repairs: bool = False
    predictions: tuple[tuple[str, str], ...] = ()
    cores: tuple[Core, ...] = ()
    cores_complete: bool = True
    undecided: str | None = None
    nodes: int = 0
    links: int = 0
    solver_seconds: float = 0.0
    total_seconds: float = 0.0

    @property
    def verdict(self) -> str:
        if self.consistent is None:
            return self.undecided or "undecided"
        return "consistent" if self.consistent else "inconsistent"

    def format(self, predictions: bool = True) -> str:
        """A short report: verdict, cores with links, measures and repairs, predictions."""
        context = f" [{format_context(self.context)}]" if self.context else ""
        lines = [f"experiment {self.name}{context}: {self.verdict}"]
        for i, core in enumerate(self.cores, 1):
            lines.append(f"{_INDENT}core {i}: no labelling satisfies these together")
            lines += [f"{_INDENT * 2}{o.describe()}" for o in core.observations]
            if core.links:
                lines.append(f"{_INDENT * 2}given the links:")
            else:
                lines.append(
                    f"{_INDENT * 2}and no admitted link from a perturbed entity explains them"
                )
            for hop in core.links:
                cited = ", ".join(map(str, hop.evidence))
                lines.append(f"{_INDENT * 3}{hop.located()}" + (f"  {cited}" if cited else ""))
            if core.excluded:
                lines.append(f"{_INDENT * 2}left out by the context:")
            for hop, why in core.excluded:
                lines.append(f"{_INDENT * 3}{hop.located()} {why}")
        if not self.cores_complete:
            lines.append(
                f"{_INDENT}cores: the list may be incomplete ({self.undecided or 'stopped'})"
            )
        if self.consistent is False:
            lines.append(
                f"{_INDENT}mcos {self.mcos} (fewest new influences that explain every observation)"
            )
            for repair in self.repairs:
                lines.append(f"{_INDENT * 2}repair: {', '.join(map(str, repair))}")
            lines.append(
                f"{_INDENT}scenfit {self.scenfit} (least cost of reading observations otherwise)"
            )
            for flip in self.flips:
                lines.append(f"{_INDENT * 2}reading: {'; '.join(map(str, flip))}")
            if self.more_repairs:
                lines.append(f"{_INDENT * 2}... more optimal solutions exist")
        if predictions and self.predictions:
            changed = [f"{node} {sign}" for node, sign in self.predictions if sign != "0"]
            still = sum(sign == "0" for _, sign in self.predictions)
            shown = ", ".join(changed) or "no change anywhere"
            rest = f"; {still} unchanged" if still and changed else ""
            lines.append(f"{_INDENT}predictions: {shown}{rest}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "experiment": self.name,
            "context": dict(self.context),
            "location": None if self.location is None else str(self.location),
            "consistent": self.consistent,
            "verdict": self.verdict,
            "mcos": self.mcos,
            "scenfit": self.scenfit,
            "repairs": [[{"node": r.node, "sign": r.sign} for r in rs] for rs in self.repairs],
            "readings": [
                [{"node": f.node, "observed": f.value, "labelled": f.label} for f in fs]
                for fs in self.flips
            ],
            "more_solutions": self.more_repairs,
            "cores": [c.to_dict() for c in self.cores],
            "cores_complete": self.cores_complete,
            "predictions": dict(self.predictions),
            "undecided": self.undecided,
            "network": {"nodes": self.nodes, "links": self.links},
            "seconds": {
                "solver": round(self.solver_seconds, 4),
                "total": round(self.total_seconds, 4),
            },
        }
