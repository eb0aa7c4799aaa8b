"""What questions return: hops, witness paths, answers, pathways (why-nots: :mod:`mechgraph.results.why_not`).

Plain frozen dataclasses with ``to_dict()`` (for ``--json``) and ``format()``
(for people); the functions in :mod:`mechgraph.query` build them.

>>> hop = Hop("antidepressant", "NMDA_adaptation", Sign.POSITIVE, Relation.INCREASES,
...           context=(("duration", "chronic"),))
>>> hop.describe()
'antidepressant -> NMDA_adaptation [duration=chronic]'
>>> path = Path((Hop("imipramine", "antidepressant", Sign.POSITIVE), hop), Sign.POSITIVE,
...             hop.context)
>>> path.chain()
'imipramine ─isa→ antidepressant ─(+)→ NMDA_adaptation'
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mechgraph.graph.admission import Clash, Context, format_context
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import NOWHERE, Relation, Sign, Span
from mechgraph.results.coverage import Coverage
from mechgraph.results.display import Displayable, attached_graph

__all__ = [
    "Verdict",
    "Hypotheses",
    "BlockReason",
    "Citation",
    "Hop",
    "Path",
    "Question",
    "Answer",
    "Blocked",
    "Unknown",
    "Pathways",
    "cite",
    "citations",
    "hop_of_claim",
]

#: The indent of the lines below an answer's headline.
INDENT = " " * 5


class Verdict(enum.Enum):
    """The answer to "does SOURCE reach TARGET?"."""

    YES = "yes"
    NO = "no"
    WALK_ONLY = "walk only"  # reachable by a walk; no simple witness within the search budget
    UNCOVERED = "uncovered"  # no claim speaks for the quantity asked (see query.coverage)


class Hypotheses(enum.Enum):
    """Whether hypothesised claims (``status=hypothesis``) may carry a route."""

    INCLUDE = "include"
    EXCLUDE = "exclude"


class BlockReason(enum.Enum):
    """Why a claim on a possible route was not used."""

    CONTEXT = "context"
    HYPOTHESIS = "hypothesis"
    CIRCULAR = "circular"  # it cites only the hypothesis being judged


@dataclass(frozen=True)
class Citation:
    """Resolved evidence: a declared source with its reference, or an inline id."""

    name: str
    reference: str | None
    title: str | None = None

    def __str__(self) -> str:
        """``skolnick1996 (pmid:8852531)``; a source declared by title alone shows its name.

        >>> str(Citation("s", "pmid:1")), str(Citation("pmid:1", "pmid:1")), str(Citation("s", None))
        ('s (pmid:1)', 'pmid:1', 's')
        """
        if self.reference is None or self.name == self.reference:
            return self.name
        return f"{self.name} ({self.reference})"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "reference": self.reference, "title": self.title}


def cite(graph: MechanismGraph, reference: str) -> Citation:
    """Resolve ``reference`` (a source name or an inline ``prefix:id``).

    >>> cite(MechanismGraph(), "pmid:123")
    Citation(name='pmid:123', reference='pmid:123', title=None)
    """
    source = graph.sources.get(reference)
    if source is None:
        return Citation(reference, reference)
    return Citation(source.name, source.reference, source.title)


@dataclass(frozen=True)
class Hop:
    """One step of a path: a claim (``relation`` set) or a membership climb (``isa``).

    ``inherited_by`` names the member a class's claim is applied to when the
    hop follows an ``isa`` climb; the claim itself (its location, evidence)
    is the provenance.
    """

    subject: str
    object: str
    sign: Sign
    relation: Relation | None = None
    claim_id: int | None = None
    context: Context = ()
    evidence: tuple[Citation, ...] = ()
    location: Span | None = None
    hypothesis: bool = False
    inherited_by: str | None = None

    @property
    def is_isa(self) -> bool:
        return self.relation is None

    @property
    def arrow(self) -> str:
        """``─isa→`` or ``─(+)→`` / ``─(-)→`` / ``─(?)→`` / ``─(0)→``."""
        return "─isa→" if self.is_isa else f"─({self.sign.value})→"

    def describe(self) -> str:
        """The hop as rule text: ``antidepressant -> NMDA_adaptation [duration=chronic]``."""
        relation = "isa" if self.relation is None else self.relation.value
        text = f"{self.subject} {relation} {self.object}"
        if self.context:
            text += f" [{format_context(self.context)}]"
        return text

    def located(self) -> str:
        """:meth:`describe` with the rule's place: ``a -> b (rules/x.mg:3:1)``."""
        return self.describe() + (f" ({self.location})" if self.location else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": "isa" if self.relation is None else self.relation.word,
            "object": self.object,
            "sign": self.sign.value,
            "claim": self.claim_id,
            "context": dict(self.context),
            "evidence": [c.to_dict() for c in self.evidence],
            "location": None if self.location is None else str(self.location),
            "hypothesis": self.hypothesis,
            "inherited_by": self.inherited_by,
        }


def citations(graph: MechanismGraph, claim: Claim) -> tuple[Citation, ...]:
    """The evidence of ``claim``, resolved."""
    return tuple(cite(graph, reference) for reference in claim.evidence)


def hop_of_claim(
    graph: MechanismGraph,
    claim: Claim,
    inherited_by: str | None = None,
    evidence: tuple[Citation, ...] | None = None,
) -> Hop:
    """The :class:`Hop` stating ``claim``, with its evidence resolved (or given, as
    :func:`citations` of the claim, by a caller that made them already)."""
    return Hop(
        claim.subject,
        claim.object,
        claim.sign,
        claim.relation,
        claim.id,
        claim.context,
        citations(graph, claim) if evidence is None else evidence,
        None if claim.span == NOWHERE else claim.span,
        claim.is_hypothesis,
        inherited_by,
    )


def _numbers(numbers: Sequence[int]) -> str:
    return ("hop " if len(numbers) == 1 else "hops ") + ", ".join(map(str, numbers))


@dataclass(frozen=True)
class Path:
    """A simple witness path: its hops, net sign and the context it holds under."""

    hops: tuple[Hop, ...]
    sign: Sign
    context: Context = ()

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.hops[0].subject,) + tuple(h.object for h in self.hops) if self.hops else ()

    @property
    def edges(self) -> tuple[tuple[str, str, int | None], ...]:
        """``(subject, object, claim id)`` per hop; the id is ``None`` for an ``isa`` hop."""
        return tuple((h.subject, h.object, h.claim_id) for h in self.hops)

    @property
    def depends_on_hypothesis(self) -> bool:
        """True when some hop is a hypothesised claim."""
        return any(h.hypothesis for h in self.hops)

    def chain(self) -> str:
        """``imipramine ─isa→ tricyclic ─(+)→ NMDA_adaptation``."""
        parts = [self.nodes[0]] if self.hops else []
        for hop in self.hops:
            parts += [hop.arrow, hop.object]
        return " ".join(parts)

    def details(self) -> list[str]:
        """Lines below the chain: sign and context, evidence, rule locations, notes."""
        lines = [f"net sign {self.sign.value}, holds under {format_context(self.context)}"]
        claims = [(n, h) for n, h in enumerate(self.hops, 1) if not h.is_isa]
        by_evidence: dict[str, list[int]] = {}
        for number, hop in claims:
            key = ", ".join(map(str, hop.evidence)) or "no evidence"
            by_evidence.setdefault(key, []).append(number)
        if by_evidence:
            groups = [f"{key} for {_numbers(nums)}" for key, nums in by_evidence.items()]
            lines.append("evidence: " + "; ".join(groups))
            located = [f"hop {n} {h.location}" for n, h in claims if h.location]
            if located:
                lines.append("rules: " + ", ".join(located))
        for number, hop in claims:
            if hop.inherited_by:
                lines.append(
                    f"hop {number} holds for {hop.inherited_by} as a member of {hop.subject}"
                )
        hypothesised = [n for n, h in claims if h.hypothesis]
        if hypothesised:
            lines.append(f"depends on hypothesised {_numbers(hypothesised)}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": list(self.nodes),
            "sign": self.sign.value,
            "context": dict(self.context),
            "depends_on_hypothesis": self.depends_on_hypothesis,
            "hops": [h.to_dict() for h in self.hops],
        }


@dataclass(frozen=True)
class Question:
    """What was asked: does ``source`` reach ``target`` (through ``via``, under ``where``)?"""

    source: str
    target: str
    via: str | None = None
    where: Context = ()
    sign: Sign | None = None
    hypotheses: Hypotheses = Hypotheses.INCLUDE

    def describe(self) -> str:
        """``imipramine reaches NMDA_adaptation through X with sign + under k=v``."""
        text = f"{self.source} reaches {self.target}"
        if self.via:
            text += f" through {self.via}"
        if self.sign:
            text += f" with sign {self.sign.value}"
        if self.where:
            text += f" under {format_context(self.where)}"
        if self.hypotheses is Hypotheses.EXCLUDE:
            text += " (observed claims only)"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "via": self.via,
            "where": dict(self.where),
            "sign": None if self.sign is None else self.sign.value,
            "hypotheses": self.hypotheses.value,
        }


def _path_lines(paths: Sequence[Path], first: str) -> list[str]:
    lines: list[str] = []
    for number, path in enumerate(paths):
        lead = first if number == 0 else " or"
        lines.append(f"{lead:<4} {path.chain()}")
        lines += [INDENT + line for line in path.details()]
    return lines


@dataclass(frozen=True)
class Answer(Displayable):
    """The verdict, up to ``max_paths`` simple witnesses (shortest first) and a note."""

    question: Question
    verdict: Verdict
    paths: tuple[Path, ...] = ()
    note: str | None = None
    coverage: Coverage | None = None
    graph: MechanismGraph | None = attached_graph()

    @property
    def holds(self) -> bool:
        return self.verdict is Verdict.YES

    def __bool__(self) -> bool:
        return self.holds

    def format(self) -> str:
        """The text form, ``yes  a ─(+)→ b`` plus a detail block per witness."""
        if self.paths:
            lines = _path_lines(self.paths, self.verdict.value)
        else:
            lines = [f"{self.verdict.value:<4} {self.question.describe()}"]
        if self.coverage is not None:
            lines.append(INDENT + self.coverage.describe())
        if self.note:
            lines.append(INDENT + self.note)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.to_dict(),
            "verdict": self.verdict.value,
            "paths": [p.to_dict() for p in self.paths],
            "note": self.note,
            "coverage": None if self.coverage is None else self.coverage.to_dict(),
        }


_UNUSED = {
    BlockReason.HYPOTHESIS: "is hypothesised (observed claims only)",
    BlockReason.CIRCULAR: "cites only the hypothesis being judged",
}


@dataclass(frozen=True)
class Blocked:
    """A claim a route could have used, left out by the question's context or mode."""

    hop: Hop
    reason: BlockReason
    clash: Clash | None = None

    def describe(self) -> str:
        why = str(self.clash) if self.clash else _UNUSED[self.reason]
        return f"{self.hop.located()} {why}"

    def to_dict(self) -> dict[str, Any]:
        clash = self.clash
        return {
            "claim": self.hop.to_dict(),
            "reason": self.reason.value,
            "key": clash.key if clash else None,
            "link_value": clash.link_value if clash else None,
            "query_value": clash.query_value if clash else None,
        }


@dataclass(frozen=True)
class Unknown:
    """A name the question uses that the model does not know, with close names."""

    role: str
    name: str
    suggestions: tuple[str, ...] = ()

    def describe(self) -> str:
        """``no entity or class 'x' (the question's source)``, without the did-you-mean."""
        return f"no entity or class {self.name!r} (the question's {self.role})"

    @property
    def hint(self) -> str | None:
        """``did you mean 'imipramine'?`` when there are close names."""
        if not self.suggestions:
            return None
        return f"did you mean {' or '.join(map(repr, self.suggestions))}?"

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "suggestions": list(self.suggestions)}


@dataclass(frozen=True)
class Pathways(Displayable):
    """Entities every route from ``members`` to ``target`` passes, nearest to it first."""

    members: tuple[str, ...]
    target: str
    pathway: tuple[str, ...]
    unreached: tuple[str, ...] = ()
    where: Context = ()
    note: str | None = None
    graph: MechanismGraph | None = attached_graph()

    def format(self) -> str:
        """``pathway  NMDA_adaptation ← antidepressant`` plus members with no route."""
        reached = len(self.members) - len(self.unreached)
        head = f"{reached} of {len(self.members)} members reach {self.target}"
        if self.where:
            head += f" under {format_context(self.where)}"
        through = " ← ".join(self.pathway) if self.pathway else "(no single entity)"
        lines = [head, f"every route passes (nearest to {self.target} first): {through}"]
        if self.unreached:
            lines.append("no route from: " + ", ".join(self.unreached))
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": list(self.members),
            "target": self.target,
            "where": dict(self.where),
            "pathway": list(self.pathway),
            "unreached": list(self.unreached),
            "note": self.note,
        }
