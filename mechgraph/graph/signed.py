"""Signed networks and the observations of one experiment, as sign consistency reads them.

This is the input of the consistency analysis (``mechgraph.query.consistency``),
independent of rule files: a :class:`SignedNetwork` (nodes, AND nodes, signed
edges, edges of unknown sign) and an :class:`ExperimentData` (perturbed inputs,
MIN/MAX starting levels, observed values).  The semantics are those of
``OBSERVATIONS.md`` (Iggy's default mode): see :mod:`mechgraph.query.consistency`.

>>> net = SignedNetwork.of([("a", "b", 1), ("b", "c", -1)])
>>> net.nodes, net.edges
(('a', 'b', 'c'), (('a', 'b', 1), ('b', 'c', -1)))
>>> exp = ExperimentData.of(inputs=["a"], observed=[("a", "+"), ("c", "-")])
>>> [(o.node, o.value.value) for o in exp.observations]
[('a', '+'), ('c', '-')]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Value",
    "Level",
    "SignedNetwork",
    "Observation",
    "ExperimentData",
    "contradictions",
    "UNKNOWN",
]

#: The sign of an edge whose sign each labelling chooses (``?a -> b``, a dual edge).
UNKNOWN = 0


class Value(enum.Enum):
    """An observed change: increased, decreased, unchanged, did not increase, did not
    decrease, or changed in a direction not reported (``change``, not in Iggy)."""

    PLUS = "+"
    MINUS = "-"
    ZERO = "0"
    NOT_PLUS = "notPlus"
    NOT_MINUS = "notMinus"
    CHANGE = "change"

    @property
    def allowed(self) -> frozenset[int]:
        """The labels (1, -1, 0) this observation allows.

        >>> sorted(Value.NOT_PLUS.allowed)
        [-1, 0]
        """
        return _ALLOWED[self]

    @classmethod
    def read(cls, text: str) -> Value:
        """The value written ``text`` (``+ - 0 notPlus notMinus``); ``ValueError`` otherwise."""
        return cls(text)


_ALLOWED = {
    Value.PLUS: frozenset({1}),
    Value.MINUS: frozenset({-1}),
    Value.ZERO: frozenset({0}),
    Value.NOT_PLUS: frozenset({-1, 0}),
    Value.NOT_MINUS: frozenset({1, 0}),
    Value.CHANGE: frozenset({1, -1}),
}


class Level(enum.Enum):
    """A starting level: at its minimum (cannot decrease) or maximum (cannot increase)."""

    MIN = "MIN"
    MAX = "MAX"


@dataclass(frozen=True)
class SignedNetwork:
    """Nodes, AND nodes and signed edges ``(u, v, s)`` with s in {1, -1, UNKNOWN}.

    Edges are distinct ordered pairs: the same pair stated with both signs is
    one edge of :data:`UNKNOWN` sign (a dual edge).  ``sources`` keeps, per
    edge, whatever the caller wants to cite for it (claim ids, say).
    """

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, int], ...]
    and_nodes: frozenset[str] = frozenset()
    sources: tuple[tuple, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def of(
        cls,
        edges: Iterable[tuple[str, str, int]],
        nodes: Iterable[str] = (),
        and_nodes: Iterable[str] = (),
        sources: Sequence[object] | None = None,
    ) -> SignedNetwork:
        """A network from edges (duplicates merged, opposite signs made unknown).

        >>> SignedNetwork.of([("a", "b", 1), ("a", "b", -1), ("a", "b", 1)]).edges
        (('a', 'b', 0),)
        """
        signs: dict[tuple[str, str], int] = {}
        cited: dict[tuple[str, str], list] = {}
        names = dict.fromkeys(nodes)
        for i, (u, v, s) in enumerate(edges):
            names.setdefault(u)
            names.setdefault(v)
            pair = (u, v)
            known = signs.get(pair)
            signs[pair] = s if known is None or known == s else UNKNOWN
            if sources is not None:
                cited.setdefault(pair, []).append(sources[i])
        ordered = sorted(signs)
        return cls(
            tuple(sorted(names)),
            tuple((u, v, signs[u, v]) for u, v in ordered),
            frozenset(and_nodes),
            tuple(tuple(cited.get(pair, ())) for pair in ordered),
        )

    def with_nodes(self, names: Iterable[str]) -> SignedNetwork:
        """The network with ``names`` added as isolated nodes where missing."""
        extra = [n for n in names if n not in set(self.nodes)]
        if not extra:
            return self
        nodes = tuple(sorted(set(self.nodes) | set(extra)))
        return SignedNetwork(nodes, self.edges, self.and_nodes, self.sources)


@dataclass(frozen=True)
class Observation:
    """``node = value``, with whatever the caller wants to cite for it (its place)."""

    node: str
    value: Value
    origin: object = field(default=None, compare=False)


@dataclass(frozen=True)
class ExperimentData:
    """Perturbed inputs, starting levels and observations of one experiment."""

    inputs: frozenset[str] = frozenset()
    observations: tuple[Observation, ...] = ()
    levels: tuple[tuple[str, Level], ...] = ()

    @classmethod
    def of(
        cls,
        inputs: Iterable[str] = (),
        observed: Iterable[tuple[str, str]] = (),
        levels: Iterable[tuple[str, str]] = (),
    ) -> ExperimentData:
        """An experiment from plain text values; identical observations are kept once.

        >>> ExperimentData.of(observed=[("a", "+"), ("a", "+")]).observations
        (Observation(node='a', value=<Value.PLUS: '+'>, origin=None),)
        """
        seen = dict.fromkeys(Observation(n, Value.read(v)) for n, v in observed)
        return cls(
            frozenset(inputs),
            tuple(seen),
            tuple(sorted(set((n, Level(v)) for n, v in levels), key=lambda p: (p[0], p[1].value))),
        )

    @property
    def minimal(self) -> frozenset[str]:
        return frozenset(n for n, level in self.levels if level is Level.MIN)

    @property
    def maximal(self) -> frozenset[str]:
        return frozenset(n for n, level in self.levels if level is Level.MAX)

    @property
    def nodes(self) -> set[str]:
        """Every node the experiment names."""
        return set(self.inputs) | {o.node for o in self.observations} | {n for n, _ in self.levels}

    @property
    def is_empty(self) -> bool:
        """True when nothing is observed or perturbed (no experiment at all)."""
        return not self.inputs and not self.observations


def contradictions(experiment: ExperimentData) -> list[tuple[Observation | str, Observation]]:
    """Pairs of statements no labelling can satisfy together (two values allowing no
    common label; ``-`` on a MIN node; ``+`` on a MAX node).

    >>> e = ExperimentData.of(observed=[("a", "+"), ("a", "notPlus"), ("b", "-")], levels=[("b", "MIN")])
    >>> [(str(getattr(x, "value", x)), y.value.value) for x, y in contradictions(e)]
    [('Value.PLUS', 'notPlus'), ('MIN', '-')]
    """
    found: list[tuple[Observation | str, Observation]] = []
    by_node: dict[str, list[Observation]] = {}
    for o in experiment.observations:
        for earlier in by_node.get(o.node, ()):
            if not earlier.value.allowed & o.value.allowed:
                found.append((earlier, o))
        by_node.setdefault(o.node, []).append(o)
        if o.node in experiment.minimal and o.value is Value.MINUS:
            found.append(("MIN", o))
        if o.node in experiment.maximal and o.value is Value.PLUS:
            found.append(("MAX", o))
    return found
