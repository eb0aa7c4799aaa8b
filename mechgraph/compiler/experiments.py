"""Compile-time checks of experiment blocks: names, sources, context values, contradictions.

An observed or perturbed name the rules never declared is taken as an
entity (with the usual warning), as a name a link uses would be: an entity
nothing links to is an isolated node of the experiment's network.  Two
observations of one entity that no change satisfies together (``+`` and
``notPlus``; ``-`` on a ``MIN`` entity) are an error at the second.

>>> from mechgraph.language.parser import parse_text
>>> from mechgraph.compiler.compile import compile_rules
>>> rules = parse_text("process x\\nexperiment e:\\n    x = +\\n    x = 0\\n", file="a.mg")
>>> _, diagnostics = compile_rules([rules])
>>> print(diagnostics[0].format())
a.mg:4:5: error: contradictory observations of `x` in experiment `e`: `0` and `+` (a.mg:3:5)
    4 |     x = 0
      |     ^
  hint: no change of `x` satisfies both; keep the one the data support
"""

from __future__ import annotations

from typing import Any

from mechgraph.errors import Severity
from mechgraph.language.syntax import LEVELS, Experiment, Inputs, Observed, Span

__all__ = ["check_experiment", "ALLOWED"]

#: The changes each observed value allows (1 up, -1 down, 0 none).
ALLOWED = {
    "+": {1},
    "-": {-1},
    "0": {0},
    "notPlus": {-1, 0},
    "notMinus": {1, 0},
    "change": {1, -1},
    "MIN": {1, 0},
    "MAX": {-1, 0},
}


def check_experiment(c: Any, experiment: Experiment) -> None:
    """Resolve ``experiment``'s names and report what is wrong (``c`` is the compiler)."""
    c.check_evidence(experiment.evidence, experiment.span)
    c.check_context(experiment.context, experiment.span)
    seen: dict[str, list[tuple[str, Span]]] = {}
    for statement in experiment.statements:
        if not isinstance(statement, (Inputs, Observed)):
            continue
        for ref in statement.names:
            c.use(ref, statement.span)
        if isinstance(statement, Inputs):
            continue
        c.check_evidence(statement.evidence, statement.span)
        for ref in statement.names:
            earlier = seen.setdefault(ref.name, [])
            for value, span in earlier:
                both = ALLOWED[value] & ALLOWED[statement.value]
                levels = value in LEVELS and statement.value in LEVELS
                if not both and not levels:
                    c.report(
                        Severity.ERROR,
                        "contradictory-observations",
                        f"contradictory observations of `{ref.name}` in experiment "
                        f"`{experiment.name.name}`: `{statement.value}` and `{value}` ({span})",
                        statement.span,
                        hint=f"no change of `{ref.name}` satisfies both; keep the one the data support",
                    )
            earlier.append((statement.value, statement.span))
