"""One stated causal link, as compiled: the :class:`Claim` record.

Claims are kept in bulk as columns (:class:`~mechgraph.graph.claims.ClaimTable`);
a :class:`Claim` is what reading one of them gives.

>>> Claim(0, "a", Relation.DECREASES, "b").sign
<Sign.NEGATIVE: '-'>
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mechgraph.language.syntax import NOWHERE, Relation, Sign, Span, Status

__all__ = ["Claim"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One stated causal link, as compiled: names resolved, context sorted by key."""

    id: int
    subject: str
    relation: Relation
    object: str
    context: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()
    status: Status = Status.OBSERVED
    span: Span = field(default=NOWHERE, compare=False)
    #: ``key=value`` attributes of the link (``predicate``, ...): said, never traversed.
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def sign(self) -> Sign:
        return self.relation.sign

    @property
    def context_dict(self) -> dict[str, str]:
        return dict(self.context)

    @property
    def is_hypothesis(self) -> bool:
        return self.status is Status.HYPOTHESIS

    @classmethod
    def numbered(cls, rows: Iterable[tuple], start: int = 0) -> list[Claim]:
        """Claims with ids ``start, start + 1, ...`` from rows of their other eight fields.

        The same as calling ``Claim(id, *row)``, in half the time: a frozen
        dataclass's ``__init__`` calls ``object.__setattr__`` once per field;
        this fills the slots directly, for the compiler's millions of claims.

        >>> row = ("a", Relation.INCREASES, "b", (), ("pmid:1",), Status.OBSERVED, NOWHERE, ())
        >>> Claim.numbered([row], start=4) == [Claim(4, *row)]
        True
        """
        new = object.__new__
        set_id, set_subject, set_relation, set_object, *rest = (
            getattr(cls, name).__set__ for name in cls.__slots__
        )
        set_context, set_evidence, set_status, set_span, set_attributes = rest
        claims = []
        for number, row in enumerate(rows, start):
            subject, relation, obj, context, evidence, status, span, attributes = row
            claim = new(cls)
            set_id(claim, number)
            set_subject(claim, subject)
            set_relation(claim, relation)
            set_object(claim, obj)
            set_context(claim, context)
            set_evidence(claim, evidence)
            set_status(claim, status)
            set_span(claim, span)
            set_attributes(claim, attributes)
            claims.append(claim)
        return claims
