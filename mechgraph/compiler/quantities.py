"""Check quantity contexts while compiling: dimensions, units, bounds, named values.

``context period: time`` makes ``period`` a quantity key; every value stated
for it must then be a condition (``14d``, ``5..20mg/kg``, ``>=14d``) whose unit
pint reads and whose dimension is the key's, or a named value of the key.  A
bound (``>=``/``<=``) needs a quantity key.  ``context duration chronic =
period>=14d`` defines a named value by a condition, checked the same way.
Each mistake is a located error with the offending value under the caret.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Qualifier, Span
>>> checker = QuantityChecker(MechanismGraph(texts={"a.mg": "x -> y [period=10mg/kg]"}))
>>> checker.declare_dimension("period", "time", Span("a.mg", 1, 1))
>>> checker.check([Qualifier("period", "10mg/kg", Span("a.mg", 1, 9))], Span("a.mg", 1, 1))
False
>>> print(checker.diagnostics[0].format())
a.mg:1:16: error: `10mg/kg` is no time: `mg/kg` does not fit `period`
    1 | x -> y [period=10mg/kg]
      |                ^
  hint: `period` holds a time (declared at a.mg:1:1); write it with a unit of time (14d, 2wk, 12h)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mechgraph.errors import Diagnostic, Severity
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.quantities import (
    OPERATORS,
    UnitError,
    dimension_of,
    parse_condition,
    unit_scale,
)
from mechgraph.language.syntax import NOWHERE, Qualifier, Span

__all__ = ["QuantityChecker"]

#: Examples of values per dimensionality, for hints.
_EXAMPLES = {
    "[time]": "14d, 2wk, 12h",
    "dimensionless": "10mg/kg, 5%",
    "[mass]": "5mg, 2g",
    "[substance] / [length] ** 3": "5µM, 100nM",
    "[length] ** 3": "5ml, 1l",
}


@dataclass
class QuantityChecker:
    """The quantity keys, named values and units of one compilation, and their errors."""

    graph: MechanismGraph
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: key → (dimension as declared, pint dimensionality, where declared)
    keys: dict[str, tuple[str, str, Span]] = field(default_factory=dict)
    #: key → value → (key, condition)
    definitions: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    named: dict[str, set[str]] = field(default_factory=dict)
    scales: dict[str, tuple[float, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pending: list[Qualifier] = []

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                message,
                file=span.file,
                line=span.line,
                col=span.col,
                snippet=self.graph.line(span),
                hint=hint,
                code=code,
            )
        )

    # -- declarations -----------------------------------------------------------------
    def declare_dimension(self, key: str, dimension: str, span: Span) -> None:
        """``context KEY: DIMENSION``."""
        if key in self.keys:
            first = self.keys[key][2]
            self.error(
                "duplicate-declaration",
                f"duplicate dimension of `{key}`",
                span,
                f"first declared at {first}",
            )
            return
        try:
            found = dimension_of(dimension)
        except UnitError as exc:
            self.error("unknown-dimension", str(exc), self._at(span, dimension), exc.hint)
            return
        self.keys[key] = (dimension, found, span)

    def define(self, key: str, value: str, condition: Qualifier) -> None:
        """``context KEY VALUE = KEY2 CONDITION``: remembered now, checked by :meth:`finish`."""
        self.definitions.setdefault(key, {})[value] = (condition.key, condition.value)
        self.named.setdefault(key, set()).add(value)
        self._pending.append(condition)

    def finish(self) -> None:
        """Check the definitions, then hand the graph its quantity keys, names and units."""
        for condition in self._pending:
            self.check([condition], condition.span, named=False)
        graph = self.graph
        graph.dimensions = {key: found for key, (_, found, _) in sorted(self.keys.items())}
        graph.definitions = {
            key: dict(sorted(v.items())) for key, v in sorted(self.definitions.items())
        }
        graph.scales = dict(sorted(self.scales.items()))

    # -- uses -------------------------------------------------------------------------
    def relevant(self, pairs: Iterable[tuple[str, str]]) -> bool:
        """True when any pair needs checking here (a quantity key or a bound)."""
        return any(key in self.keys or value[:2] in OPERATORS for key, value in pairs)

    def fine(self, pairs: Iterable[tuple[str, str]]) -> bool:
        """True when every pair is a fitting condition (nothing to report)."""
        return all(self._problem(key, value, True) is None for key, value in pairs)

    def check(self, qualifiers: Iterable[Qualifier], fallback: Span, named: bool = True) -> bool:
        """Report every pair that is no fitting condition; True when all are fine."""
        fine = True
        for q in qualifiers:
            span = q.span if q.span != NOWHERE else fallback
            problem = self._problem(q.key, q.value, named)
            if problem is not None:
                code, message, hint = problem
                self.error(code, message, self._at(span, q.value, q.key), hint)
                fine = False
        return fine

    def _problem(self, key: str, value: str, named: bool) -> tuple[str, str, str] | None:
        declared = self.keys.get(key)
        bound = value[:2] in OPERATORS
        if declared is None:
            if not bound:
                return None
            return (
                "not-a-quantity-key",
                f"`{key}{value}` compares, but `{key}` holds no quantities",
                f"declare its dimension: `context {key}: time` (or mass, concentration, mg/kg, ...)",
            )
        dimension, found, where = declared
        if named and not bound and value in self.named.get(key, ()):
            return None
        examples = _EXAMPLES.get(found, "a number and a unit")
        condition = parse_condition(value)
        if condition is None:
            return (
                "not-a-quantity",
                f"`{value}` is no {dimension} for `{key}`",
                f"`{key}` holds a {dimension} (declared at {where}); write one with its unit "
                f"({examples}), a range (5..20mg/kg) or a bound (>=14d)",
            )
        if condition.high is not None and condition.high < condition.low:
            return ("empty-range", f"empty range `{value}`", "write the smaller number first")
        if not condition.unit:
            if found == "dimensionless":
                return None
            return (
                "missing-unit",
                f"`{value}` has no unit",
                f"`{key}` holds a {dimension}: write its unit ({examples})",
            )
        try:
            scale = self.scales.get(condition.unit) or unit_scale(condition.unit)
        except UnitError as exc:
            return ("unknown-unit", f"unknown unit `{condition.unit}` in `{value}`", exc.hint or "")
        self.scales[condition.unit] = scale
        if scale[1] != found:
            return (
                "unit-dimension",
                f"`{value}` is no {dimension}: `{condition.unit}` does not fit `{key}`",
                f"`{key}` holds a {dimension} (declared at {where}); "
                f"write it with a unit of {dimension} ({examples})",
            )
        return None

    def _at(self, span: Span, value: str, key: str | None = None) -> Span:
        """``span`` moved onto ``value`` in its rule line, when it can be found there."""
        line = self.graph.line(span)
        if line is None:
            return span
        start = span.col - 1
        if key is None:
            found = line.find(value, start)
            return Span(span.file, span.line, found + 1) if found >= 0 else span
        if line.startswith(key, start):
            start += len(key)
        while start < len(line) and line[start] in " \t=<>":
            start += 1
        if line.startswith(value.lstrip("<>=")[:1], start) or line.startswith('"', start):
            return Span(span.file, span.line, start + 1)
        return span
