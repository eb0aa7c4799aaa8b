"""``--max-hops N``: an answer holds only through a route of at most N hops.

Witnesses come shortest first, so when the shortest witness of a yes has
more than N hops no route within N hops exists (under the same via, sign
and context), and the answer becomes a no that says so.  Every hop counts,
class membership (``─isa→``) included, as INDRA's model checker counts
path length.

>>> from mechgraph.results.answers import Answer, Question, Verdict
>>> no = Answer(Question("a", "b"), Verdict.NO)
>>> within_hops(no, 2) is no
True
"""

from __future__ import annotations

import dataclasses

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.results.answers import Answer, Verdict

__all__ = ["within_hops"]


def within_hops(answer: Answer, max_hops: int | None) -> Answer:
    """``answer`` with only its witnesses of at most ``max_hops`` hops (``None``: all).

    Raises
    ------
    QueryError
        When ``max_hops`` is below 1.
    """
    if max_hops is None:
        return answer
    if max_hops < 1:
        raise QueryError(
            Diagnostic.error(
                "max_hops must be at least 1", file="<question>", hint="use --max-hops 1 or more"
            )
        )
    if answer.verdict is not Verdict.YES:
        return answer
    kept = tuple(p for p in answer.paths if len(p.hops) <= max_hops)
    if kept:
        return dataclasses.replace(answer, paths=kept)
    if not answer.paths:
        return answer
    shortest = min(len(p.hops) for p in answer.paths)
    note = f"the shortest route has {shortest} hops, more than --max-hops {max_hops}"
    note = "; ".join(n for n in (answer.note, note) if n)
    return dataclasses.replace(answer, verdict=Verdict.NO, paths=(), note=note)
