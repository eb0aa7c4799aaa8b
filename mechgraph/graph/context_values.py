"""What context values mean: value hierarchies, quantity keys and named values.

:class:`ContextValues` is the value hierarchy of :mod:`mechgraph.graph.admission`
(per key, each value → itself and every broader value) that also knows which
keys hold quantities (``context period: time``), the units met so far, and
the named values defined by a condition (``context duration chronic =
period>=14d``).  :meth:`ContextValues.expand` reads a context as word pairs
and, per quantity key, the closed interval its conditions allow.

>>> values = ContextValues(dimensions={"period": "[time]"},
...                        definitions={"duration": {"chronic": ("period", ">=14d")}},
...                        scales={"d": (86400.0, "[time]"), "wk": (604800.0, "[time]")})
>>> reading = values.expand((("duration", "chronic"),))
>>> reading.words, reading.bounds["period"].text, reading.bounds["period"].via
((('duration', 'chronic'),), '>=14d', 'duration=chronic')
>>> values.expand((("period", "2wk"),)).bounds["period"].interval.low
1209600.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mechgraph.graph.quantities import (
    OPERATORS,
    Interval,
    UnitError,
    format_number,
    parse_condition,
    unit_scale,
)

__all__ = ["Bound", "Reading", "ContextValues", "TIME_COURSE", "pair_text", "render_interval"]

#: Time-course keys and the key of a question each bounds: ``onset>=7d`` (the change needs
#: at least 7 days of treatment) also reads as ``period>=7d``; ``persists>=3d`` (it is still
#: there 3 days after the last dose) also reads as ``time_after_last_dose<=3d``.
TIME_COURSE = {"onset": ("period", ">="), "persists": ("time_after_last_dose", "<=")}


def pair_text(key: str, value: str) -> str:
    """A context pair as written: ``period>=14d`` for a bound, ``key=value`` otherwise.

    >>> pair_text("period", ">=14d"), pair_text("species", "mouse")
    ('period>=14d', 'species=mouse')
    """
    return f"{key}{value}" if value[:2] in OPERATORS else f"{key}={value}"


def render_interval(interval: Interval, unit: str, scale: float) -> str:
    """The condition text of ``interval`` in ``unit`` (``scale`` base units each).

    >>> render_interval(Interval(14 * 86400.0, math.inf), "d", 86400.0)
    '>=14d'
    >>> render_interval(Interval(5e-6, 2e-5), "mg/kg", 1e-6)
    '5..20mg/kg'
    """
    low, high = (format_number(x / scale) for x in (interval.low, interval.high))
    if interval.high == math.inf:
        return f">={low}{unit}"
    if interval.low == -math.inf:
        return f"<={high}{unit}"
    return f"{low}{unit}" if low == high else f"{low}..{high}{unit}"


@dataclass(frozen=True, slots=True)
class Bound:
    """What a context says of one quantity key: the interval, its condition text,
    the named value it comes from (``duration=chronic``) if any, and whether the
    key itself was stated."""

    interval: Interval
    text: str
    via: str | None = None
    stated: bool = True

    def described(self, key: str) -> str:
        """``period>=14d``, or ``duration=chronic (period>=14d)`` for a named value."""
        pair = pair_text(key, self.text)
        return f"{self.via} ({pair})" if self.via else pair


@dataclass(frozen=True, slots=True)
class Reading:
    """A context read: word pairs and, per quantity key, its :class:`Bound`."""

    words: tuple[tuple[str, str], ...]
    bounds: Mapping[str, Bound]


class ContextValues(dict):
    """Per key, each value → itself and every broader value; plus the quantity keys
    (key → pint dimensionality), the units known (unit → ``(factor, dimensionality)``)
    and the named values defined by a condition (key → value → ``(key, condition)``)."""

    def __init__(
        self,
        up: Mapping | Iterable = (),
        dimensions: Mapping[str, str] | None = None,
        definitions: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
        scales: Mapping[str, tuple[float, str]] | None = None,
    ) -> None:
        super().__init__(up)
        self.dimensions = dict(dimensions or {})
        self.definitions = {key: dict(named) for key, named in (definitions or {}).items()}
        self.scales = dict(scales or {})
        self._read: dict[tuple, Reading] = {}

    @property
    def quantities(self) -> bool:
        """True when any key holds quantities or any value is defined by one."""
        return bool(self.dimensions or self.definitions)

    def scale(self, unit: str) -> tuple[float, str]:
        """``(factor, dimensionality)`` of ``unit``: known ones without pint."""
        found = self.scales.get(unit)
        if found is None:
            found = self.scales[unit] = unit_scale(unit)
        return found

    def interval(self, key: str, text: str) -> Interval | None:
        """The interval condition ``text`` allows for quantity ``key`` (``None`` when
        ``text`` is no condition or its unit does not fit ``key``).

        >>> v = ContextValues(dimensions={"period": "[time]"}, scales={"d": (86400.0, "[time]")})
        >>> v.interval("period", "<=1d"), v.interval("species", "1d")
        (Interval(low=-inf, high=86400.0), None)
        """
        dimension = self.dimensions.get(key)
        condition = parse_condition(text) if dimension is not None else None
        if condition is None:
            return None
        try:
            factor, found = self.scale(condition.unit) if condition.unit else (1.0, "dimensionless")
        except UnitError:
            return None
        return condition.interval(factor) if found == dimension else None

    def expand(self, pairs: Iterable[tuple[str, str]]) -> Reading:
        """Read a context: word pairs, and per quantity key the intersection of the
        intervals its conditions and named values allow (cached per context)."""
        pairs = tuple(pairs)
        reading = self._read.get(pairs)
        if reading is None:
            reading = self._read[pairs] = self._expand(pairs)
        return reading

    def _expand(self, pairs: tuple[tuple[str, str], ...]) -> Reading:
        words: list[tuple[str, str]] = []
        bounds: dict[str, Bound] = {}
        for key, value in pairs:
            interval = self.interval(key, value)
            if interval is not None:
                _narrow(bounds, key, Bound(interval, value), self)
                continue
            defined = self.definitions.get(key, {}).get(value)
            if defined is not None:
                target, condition = defined
                interval = self.interval(target, condition)
                if interval is not None:
                    via = pair_text(key, value)
                    _narrow(bounds, target, Bound(interval, condition, via, stated=False), self)
                if key == target:
                    continue
            words.append((key, value))
        for key, (target, op) in TIME_COURSE.items():
            if key in bounds and target in self.dimensions:
                self._time_course(bounds, key, target, op)
        return Reading(tuple(words), bounds)

    def _time_course(self, bounds: dict[str, Bound], key: str, target: str, op: str) -> None:
        """Narrow ``target`` by what time-course key ``key`` states (see :data:`TIME_COURSE`)."""
        stated = bounds[key]
        at = stated.interval.low
        if math.isinf(at):
            return
        condition = parse_condition(stated.text)
        unit = condition.unit if condition is not None else ""
        factor = self.scale(unit)[0] if unit else 1.0
        interval = Interval(at, math.inf) if op == ">=" else Interval(-math.inf, at)
        text = render_interval(interval, unit, factor)
        via = pair_text(key, stated.text)
        _narrow(bounds, target, Bound(interval, text, via, stated=False), self)


def _narrow(bounds: dict[str, Bound], key: str, new: Bound, values: ContextValues) -> None:
    """Intersect ``new`` into ``bounds[key]``, keeping a condition's own text when
    the intersection is one of them."""
    old = bounds.get(key)
    if old is None:
        bounds[key] = new
        return
    both = old.interval & new.interval
    stated = old.stated or new.stated
    for kept in (new, old) if new.stated else (old, new):
        if kept.interval == both:
            bounds[key] = Bound(both, kept.text, kept.via, stated)
            return
    # Written in the finer of the two units, so whole numbers stay whole.
    units = [c.unit for c in map(parse_condition, (old.text, new.text)) if c is not None]
    scaled = sorted((values.scale(unit)[0] if unit else 1.0, unit) for unit in units)
    factor, unit = scaled[0] if scaled else (1.0, "")
    text = render_interval(both, unit, factor) if not both.empty else old.text
    bounds[key] = Bound(both, text, None, stated)
