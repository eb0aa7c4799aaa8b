"""Quantities with units as context values: conditions, units and closed intervals.

A context key may declare a dimension (``context period: time``); its values
are then *conditions* on a quantity: a point (``14d``, ``2wk``), a closed range
(``5..20mg/kg``) or a bound (``>=14d``, ``<=1d``).  Each condition is a closed
interval in the base unit of its dimension; units are read, checked and
converted by pint, loaded on first need and asked once per distinct unit.

>>> condition = parse_condition(">=2wk")
>>> condition.op, condition.low, condition.unit
('>=', 2.0, 'wk')
>>> Interval(14, 14).overlaps(Interval(7, float("inf")))
True
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

__all__ = [
    "CONDITION",
    "OPERATORS",
    "Condition",
    "Interval",
    "UnitError",
    "parse_condition",
    "unit_scale",
    "dimension_of",
    "format_number",
]

#: A number as a condition writes it (no sign, no exponent: ``14``, ``2.5``).
NUMBER = r"\d+(?:\.\d+)?"
#: A unit as pint reads it: ``d``, ``mg/kg``, ``µM``, ``%``.
UNIT = r"[A-Za-zµμ°%][A-Za-z0-9µμ°%/*^_]*"
#: A whole condition: ``[>=|<=] number [.. number] [unit]``.
CONDITION = re.compile(
    rf"(?P<op>>=|<=)?(?P<low>{NUMBER})(?:\.\.(?P<high>{NUMBER}))?(?P<unit>{UNIT})?"
)
#: The comparisons a context pair may use besides ``=``.
OPERATORS = (">=", "<=")


class UnitError(ValueError):
    """A unit pint does not know, or one that does not fit a key's dimension."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def format_number(x: float) -> str:
    """``14`` for 14.0, ``2.5`` for 2.5 (twelve significant digits at most).

    >>> format_number(14.0), format_number(2.5), format_number(1/3)
    ('14', '2.5', '0.333333333333')
    """
    return f"{x:.12g}"


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[low, high]`` of magnitudes in a dimension's base unit
    (``-inf``/``inf`` for an open end)."""

    low: float
    high: float

    @property
    def empty(self) -> bool:
        return self.low > self.high

    def overlaps(self, other: Interval) -> bool:
        """True when the two share a point.

        >>> Interval(0, 1).overlaps(Interval(1, 2)), Interval(0, 1).overlaps(Interval(2, 3))
        (True, False)
        """
        return (
            self.low <= other.high
            and other.low <= self.high
            and self.low <= self.high
            and other.low <= other.high
        )

    def __and__(self, other: Interval) -> Interval:
        """The intersection (``empty`` when they do not overlap).

        >>> Interval(0, 10) & Interval(5, math.inf)
        Interval(low=5, high=10)
        """
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def distance(self, other: Interval) -> float:
        """How far apart the two lie (0 when they overlap).

        >>> Interval(0, 1).distance(Interval(14, math.inf))
        13
        """
        return max(0, other.low - self.high, self.low - other.high)


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition as written: ``op`` (``=``, ``>=``, ``<=``), bounds, unit text."""

    op: str
    low: float
    high: float | None = None
    unit: str = ""

    def interval(self, scale: float = 1.0) -> Interval:
        """The interval this condition allows, magnitudes times ``scale``.

        >>> parse_condition("<=1d").interval(86400)
        Interval(low=-inf, high=86400.0)
        """
        low, high = self.low * scale, (self.high if self.high is not None else self.low) * scale
        if self.op == ">=":
            return Interval(low, math.inf)
        if self.op == "<=":
            return Interval(-math.inf, high)
        return Interval(low, high)


def parse_condition(text: str) -> Condition | None:
    """The condition ``text`` writes, or ``None`` when it is no quantity.

    >>> parse_condition("5..20mg/kg")
    Condition(op='=', low=5.0, high=20.0, unit='mg/kg')
    >>> parse_condition("chronic") is None, parse_condition(">=5..6d") is None
    (True, True)
    """
    m = CONDITION.fullmatch(text.replace(" ", "").replace("\t", ""))
    if m is None or (m["op"] and m["high"]):
        return None
    high = float(m["high"]) if m["high"] else None
    return Condition(m["op"] or "=", float(m["low"]), high, m["unit"] or "")


@functools.cache
def _registry():
    import pint  # lazily: pint takes most of a second to load

    try:
        registry = pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # pragma: no cover - no writable cache folder
        registry = pint.UnitRegistry()
    registry.define("wk = week")
    return registry


@functools.cache
def unit_scale(unit: str) -> tuple[float, str]:
    """``(factor to the base unit, dimensionality)`` of ``unit``; :class:`UnitError`
    when pint does not know it.

    >>> unit_scale("wk")
    (604800.0, '[time]')
    >>> unit_scale("mg/kg")[1]
    'dimensionless'
    """
    registry = _registry()
    try:
        quantity = registry.Quantity(1.0, unit.replace("μ", "µ")).to_base_units()
    except Exception as exc:  # pint's parser fails on malformed units in many ways (`mg/`:
        # an AssertionError), all of them this user's unit, never mechgraph's fault
        raise UnitError(
            f"unknown unit `{unit}`", "units are pint's: d, h, wk, mg/kg, µM, ..."
        ) from exc
    return float(quantity.magnitude), str(quantity.dimensionality)


@functools.cache
def dimension_of(declared: str) -> str:
    """The dimensionality a key declares: a pint dimension name (``time``,
    ``mass``, ``concentration``, ...) or a unit whose dimension it takes (``mg/kg``).

    >>> dimension_of("time"), dimension_of("concentration"), dimension_of("µM")
    ('[time]', '[substance] / [length] ** 3', '[substance] / [length] ** 3')
    """
    registry = _registry()
    if re.fullmatch(r"[a-z_]+", declared) and f"[{declared}]" in registry._dimensions:
        return str(registry.get_dimensionality(f"[{declared}]"))
    try:
        return unit_scale(declared)[1]
    except UnitError as exc:
        raise UnitError(
            f"unknown dimension `{declared}`",
            "name a dimension (time, mass, length, volume, substance, concentration, "
            "frequency, ...) or a unit that has it (mg/kg)",
        ) from exc
