"""clingo, imported lazily, with every solve bounded by one time limit.

A :class:`Budget` is the time an analysis may spend; each :func:`solve`
waits at most what is left of it, then cancels the search and raises
:class:`Undecided` ("undecided within N s"), never hangs.  The seconds spent
grounding and solving are summed in :attr:`Budget.solver_seconds`, so callers
can report the solver's own time beside their total.

>>> budget = Budget(5.0)
>>> ctl = control(budget, "{ a ; b }. :- a, b. #show a/0.", ["0", "--project"])
>>> models = []
>>> solve(ctl, budget, on_model=lambda m: models.append(str(m))).satisfiable
True
>>> sorted(models)
['', 'a']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mechgraph.errors import Diagnostic, QueryError

__all__ = ["Budget", "Undecided", "Solved", "control", "solve", "DEFAULT_TIME_LIMIT"]

#: Seconds one analysis (all its solves together) may take unless told otherwise.
DEFAULT_TIME_LIMIT = 60.0


class Undecided(Exception):
    """The solver did not finish within the time limit."""

    def __init__(self, limit: float, step: str) -> None:
        super().__init__(f"undecided within {limit:g} s ({step})")
        self.limit, self.step = limit, step


@dataclass
class Budget:
    """A time limit shared by the solves of one analysis."""

    limit: float = DEFAULT_TIME_LIMIT
    start: float = field(default_factory=time.monotonic)
    solver_seconds: float = 0.0

    def left(self, step: str) -> float:
        """Seconds left; :class:`Undecided` when none are."""
        left = self.limit - (time.monotonic() - self.start)
        if left <= 0:
            raise Undecided(self.limit, step)
        return left


@dataclass(frozen=True)
class Solved:
    """What a finished solve found."""

    satisfiable: bool
    exhausted: bool


def _clingo() -> Any:
    try:
        import clingo
    except ImportError as error:  # pragma: no cover - the solver extra is part of make test
        raise QueryError(
            Diagnostic.error(
                "sign consistency needs the answer-set solver clingo, which is not installed",
                file="<solver>",
                hint="pip install 'mechgraph[solver]' (or pip install clingo)",
            )
        ) from error
    return clingo


def control(budget: Budget, text: str, arguments: Sequence[str] = ()) -> Any:
    """A grounded ``clingo.Control`` for ``text``; its grounding time counts as solver time."""
    clingo = _clingo()
    budget.left("grounding")
    started = time.monotonic()
    ctl = clingo.Control([*arguments, "--warn=none"])
    ctl.add("base", [], text)
    ctl.ground([("base", [])])
    budget.solver_seconds += time.monotonic() - started
    return ctl


def solve(
    ctl: Any,
    budget: Budget,
    *,
    on_model: Callable[[Any], Any] | None = None,
    on_core: Callable[[Sequence[int]], None] | None = None,
    assumptions: Sequence[Any] = (),
    step: str = "solving",
) -> Solved:
    """Solve ``ctl`` within what is left of ``budget``; :class:`Undecided` past it."""
    wait = budget.left(step)
    started = time.monotonic()
    try:
        with ctl.solve(
            on_model=on_model, on_core=on_core, assumptions=list(assumptions), async_=True
        ) as handle:
            if not handle.wait(wait):
                handle.cancel()
                raise Undecided(budget.limit, step)
            result = handle.get()
    finally:
        budget.solver_seconds += time.monotonic() - started
    if result.interrupted:
        raise Undecided(budget.limit, step)
    return Solved(bool(result.satisfiable), bool(result.exhausted))
