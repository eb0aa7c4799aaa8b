"""What judging a hypothesis returns: outcomes, witnesses, counterexamples, contradictions.

Plain frozen dataclasses with ``to_dict()`` (for ``--json``) and ``format()``
(for people); :mod:`mechgraph.query.hypotheses` builds them.

>>> from mechgraph.results.answers import Hop, Path
>>> from mechgraph.language.syntax import Relation, Sign
>>> hop = Hop("imipramine", "NMDA_adaptation", Sign.POSITIVE, Relation.INCREASES)
>>> result = StatementResult("every drug reaches NMDA_adaptation", Outcome.HOLDS,
...                          witnesses=(Witness("imipramine", Path((hop,), Sign.POSITIVE)),))
>>> print(result.format())
✓ every drug reaches NMDA_adaptation
    imipramine: imipramine ─(+)→ NMDA_adaptation
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mechgraph.graph.admission import Context
from mechgraph.language.syntax import NOWHERE, Sign, Span
from mechgraph.results.answers import Hop, Path, WhyNot
from mechgraph.results.consistency import ExperimentResult
from mechgraph.results.display import Displayable, attached_graph

__all__ = [
    "Outcome",
    "Problem",
    "Witness",
    "Contradiction",
    "Counterexample",
    "StatementResult",
    "HypothesisResult",
    "worst",
    "tally",
]

_INDENT = " " * 4


class Outcome(enum.Enum):
    """The verdict on a statement or a hypothesis; ``mark`` is its one-character sign."""

    HOLDS = "holds"
    FAILS = "fails"
    UNDECIDED = "undecided"

    @property
    def mark(self) -> str:
        return {"holds": "✓", "fails": "✗", "undecided": "?"}[self.value]


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """``FAILS`` if any fails, else ``UNDECIDED`` if any is, else ``HOLDS``.

    >>> worst([Outcome.HOLDS, Outcome.UNDECIDED]), worst([])
    (<Outcome.UNDECIDED: 'undecided'>, <Outcome.HOLDS: 'holds'>)
    """
    found = set(outcomes)
    for outcome in (Outcome.FAILS, Outcome.UNDECIDED):
        if outcome in found:
            return outcome
    return Outcome.HOLDS


class Problem(enum.Enum):
    """What a counterexample shows."""

    NO_ROUTE = "no route"  # a member does not reach the target
    BYPASS = "bypasses"  # a route to the target avoids the common pathway
    REACHES = "reaches"  # a ``no`` statement: a member has a route
    OTHER_SIGN = "other sign"  # a route with the sign the statement denies
    UNSIGNED = "unknown sign"  # a route through an association: its sign is unknown
    CONTRADICTION = "contradiction"  # two claims (or a route and a claim) disagree
    INCONSISTENT = "inconsistent"  # an experiment's observations clash with the links


@dataclass(frozen=True)
class Witness:
    """A route showing that ``member`` satisfies the statement."""

    member: str
    path: Path

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "path": self.path.to_dict()}


def _where(hop: Hop) -> str:
    return f"({hop.location})" if hop.location is not None else ""


@dataclass(frozen=True)
class Contradiction:
    """A ``route`` (one claim or several) of net ``sign`` that ``claim`` (a ``-0``
    claim or one of the other sign) denies.

    ``inherited`` is ``(member, class)`` when one side is stated for a class
    and applies to the other side's subject as its member.
    """

    claim: Hop
    route: tuple[Hop, ...]
    sign: Sign
    inherited: tuple[str, str] | None = None

    @property
    def key(self) -> tuple:
        """The claims involved, to find the same contradiction seen twice."""
        return (self.claim.claim_id, tuple(hop.claim_id for hop in self.route))

    def describe(self) -> str:
        says = "no change" if self.claim.sign is Sign.NO_CHANGE else f"sign {self.claim.sign.value}"
        route = "; ".join(f"{hop.describe()} {_where(hop)}" for hop in self.route if not hop.is_isa)
        text = f"{self.claim.describe()} {_where(self.claim)} says {says}, but {route} gives {self.sign.value}"
        if self.inherited:
            text += f" ({self.inherited[0]} is a member of {self.inherited[1]})"
        return text

    def to_dict(self) -> dict[str, Any]:
        member, cls = self.inherited or (None, None)
        return {
            "claim": self.claim.to_dict(),
            "route": [hop.to_dict() for hop in self.route],
            "sign": self.sign.value,
            "inherited": None if self.inherited is None else {"member": member, "class": cls},
        }


@dataclass(frozen=True)
class Counterexample:
    """Why a statement fails for ``member`` (or, with ``member`` unset, for the class)."""

    problem: Problem
    member: str | None = None
    path: Path | None = None
    why_not: WhyNot | None = None
    contradictions: tuple[Contradiction, ...] = ()
    experiment: ExperimentResult | None = None

    def lines(self) -> list[str]:
        """The headline and the indented details."""
        who = f"{self.member}: " if self.member else ""
        head = f"{who}{self.problem.value}"
        if self.path is not None:
            head += f": {self.path.chain()}"
        lines = [head]
        if self.path is not None:
            lines += [_INDENT + line for line in self.path.details()]
        if self.why_not is not None:
            lines += [_INDENT + line.strip() for line in self.why_not.format().splitlines()]
        lines += [_INDENT + "contradicts: " + c.describe() for c in self.contradictions]
        if self.experiment is not None:
            lines += self.experiment.format(predictions=False).splitlines()[1:]
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem.value,
            "member": self.member,
            "path": None if self.path is None else self.path.to_dict(),
            "why_not": None if self.why_not is None else self.why_not.to_dict(),
            "contradictions": [c.to_dict() for c in self.contradictions],
            "experiment": None if self.experiment is None else self.experiment.to_dict(),
        }


@dataclass(frozen=True)
class StatementResult:
    """The verdict on one statement, with its witnesses or counterexamples.

    ``explanation`` is the why-not behind a ``no`` statement that holds (the
    claims left out by the context and the ``-0`` claims that hold there).
    """

    statement: str
    outcome: Outcome
    reason: str | None = None
    witnesses: tuple[Witness, ...] = ()
    counterexamples: tuple[Counterexample, ...] = ()
    explanation: WhyNot | None = None
    location: Span = NOWHERE
    where: Context = ()

    def relies_on(self) -> list[Hop]:
        """The claims the verdict rests on: witness hops and the ``-0`` claims explained."""
        hops = [hop for w in self.witnesses for hop in w.path.hops if not hop.is_isa]
        return hops + list(self.explanation.no_change if self.explanation else ())

    def format(self) -> str:
        """``✓ statement`` and, indented, the reason, witnesses and counterexamples."""
        lines = [f"{self.outcome.mark} {self.statement}"]
        if self.reason:
            lines.append(_INDENT + self.reason)
        for witness in self.witnesses:
            lines.append(f"{_INDENT}{witness.member}: {witness.path.chain()}")
        if self.explanation is not None:
            lines += [_INDENT + line.strip() for line in self.explanation.format().splitlines()[1:]]
        for counterexample in self.counterexamples:
            lines += [_INDENT + line for line in counterexample.lines()]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "location": str(self.location),
            "where": dict(self.where),
            "outcome": self.outcome.value,
            "reason": self.reason,
            "witnesses": [w.to_dict() for w in self.witnesses],
            "counterexamples": [c.to_dict() for c in self.counterexamples],
            "explanation": None if self.explanation is None else self.explanation.to_dict(),
        }


def _hop_line(hop: Hop) -> str:
    return f"{hop.describe()} ({hop.location})"


@dataclass(frozen=True)
class HypothesisResult(Displayable):
    """Every statement of one hypothesis block judged, and the claims it used and left out."""

    name: str
    statements: tuple[StatementResult, ...]
    used: tuple[Hop, ...] = ()
    left_out: tuple[Hop, ...] = ()
    location: Span = NOWHERE
    graph: Any = attached_graph()

    @property
    def outcome(self) -> Outcome:
        return worst(s.outcome for s in self.statements)

    def format(self) -> str:
        """``hypothesis NAME: holds`` then each statement, then the claims used and left out."""
        lines = [f"hypothesis {self.name} ({self.location}): {self.outcome.value}"]
        for statement in self.statements:
            lines += [_INDENT + line for line in statement.format().splitlines()]
        if self.used:
            lines.append(f"{_INDENT}links used:")
            lines += [_INDENT * 2 + _hop_line(hop) for hop in self.used]
        if self.left_out:
            lines.append(
                f"{_INDENT}links left out (status=hypothesis, or citing only this hypothesis):"
            )
            lines += [_INDENT * 2 + _hop_line(hop) for hop in self.left_out]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "location": str(self.location),
            "outcome": self.outcome.value,
            "statements": [s.to_dict() for s in self.statements],
            "used": [hop.to_dict() for hop in self.used],
            "left_out": [hop.to_dict() for hop in self.left_out],
        }


def tally(results: Iterable[HypothesisResult]) -> str:
    """``hypotheses: 2 hold, 0 fail, 0 undecided (8 statements)``.

    >>> tally([HypothesisResult("h", (StatementResult("consistent", Outcome.HOLDS),))])
    'hypotheses: 1 holds, 0 fail, 0 undecided (1 statement)'
    """
    results = list(results)
    outcomes = [r.outcome for r in results]
    holds, fails = outcomes.count(Outcome.HOLDS), outcomes.count(Outcome.FAILS)
    statements = sum(len(r.statements) for r in results)
    return (
        f"hypotheses: {holds} {'holds' if holds == 1 else 'hold'}, "
        f"{fails} {'fails' if fails == 1 else 'fail'}, "
        f"{outcomes.count(Outcome.UNDECIDED)} undecided "
        f"({statements} statement{'s' * (statements != 1)})"
    )
