"""The statement checks of hypotheses, in the order they run (as sqlglot runs its ``RULES``).

A hypothesis's statements are judged in the order of this registry (and in
written order within one form); each check is handed the results of the
statements judged under earlier rows.  ``consistent`` comes last because it
looks at what the others rely on.  To add a statement form: write its check
in a module of this package (signature :class:`~mechgraph.query.hypotheses.decide.Check`)
and add a row here.

>>> [row.statement.__name__ for row in CHECKS]
['Reaches', 'SignOf', 'ConsistentWith', 'Consistent']
"""

from __future__ import annotations

from dataclasses import dataclass

from mechgraph.language.syntax import Consistent, ConsistentWith, Reaches, SignOf
from mechgraph.query.hypotheses.consistent import check_consistent
from mechgraph.query.hypotheses.consistent_with import check_consistent_with
from mechgraph.query.hypotheses.decide import Check
from mechgraph.query.hypotheses.reaches import check_reaches
from mechgraph.query.hypotheses.sign_of import check_sign_of

__all__ = ["CHECKS", "Registered", "rank_of"]


@dataclass(frozen=True)
class Registered:
    """One row of the registry: the statement form and the check that judges it."""

    statement: type
    check: Check


CHECKS: tuple[Registered, ...] = (
    Registered(Reaches, check_reaches),
    Registered(SignOf, check_sign_of),
    Registered(ConsistentWith, check_consistent_with),
    Registered(Consistent, check_consistent),
)


def rank_of(statement: object) -> int:
    """The registry row of ``statement``'s form (``TypeError`` for a form with no check).

    >>> from mechgraph.language.syntax import Consistent
    >>> CHECKS[rank_of(Consistent())].check.__name__
    'check_consistent'
    """
    for rank, row in enumerate(CHECKS):
        if isinstance(statement, row.statement):
            return rank
    raise TypeError(f"no check for statement {type(statement).__name__}")
