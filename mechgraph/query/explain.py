"""Which upstream change best explains the observed ones: CausalR's scoring of candidate regulators.

For a hypothesis "entity X changed with sign s", every entity reached within
``depth`` hops by a shortest signed route (a breadth-first search over
(entity, sign) states, X itself at depth 0) is predicted to change with that
route's sign; one reached with both signs at its shortest depth is
*ambiguous* (predicted 0).  Over the observed entities: *correct* = the
predicted sign is the observed non-zero one, *incorrect* = the opposite one,
*ambiguous* = predicted 0 where a change was observed; the score is
Σ prediction × observation = correct − incorrect.

The p-value is the fraction of all placements of the same numbers of ``+``
and ``-`` observations over the observed entities whose score is at least the
observed score.  It is computed exactly by counting placements per
(correct, incorrect) outcome with binomial coefficients (no enumeration of
placements, so exact at any size) while that count has at most
:data:`EXACT_TERMS` terms; beyond, it is the normal approximation of the
score's distribution under random placement (mean and variance of the
hypergeometric counts, with a continuity correction) and says so.

>>> from mechgraph.graph.signed import SignedNetwork
>>> net = SignedNetwork.of([("a", "b", 1), ("a", "c", -1)])
>>> scores = score_all(net, {"a": 1, "b": 1, "c": -1, "d": 0}, depth=2)
>>> top, routes = scores[0]
>>> top.entity, top.sign, top.score, top.correct, str(top.p_value)
('a', 1, 3, 3, '1/12')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from mechgraph.graph.signed import SignedNetwork
from mechgraph.results.explanations import Explanation, PredictedChange

__all__ = ["Scored", "predict_from", "score_all", "p_value", "EXACT_TERMS"]

#: The exact count is used while it has at most this many (a, b, c, d) terms.
EXACT_TERMS = 2_000_000


#: A scored hypothesis and, per predicted observed entity, the edges (indices into the
#: network's edges) of its shortest signed route.
Scored = tuple[Explanation, dict[str, tuple[int, ...]]]


def predict_from(
    network: SignedNetwork, entity: str, sign: int, depth: int
) -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """Predicted signs (0 when ambiguous) of every entity within ``depth`` of ``entity``,
    and the edges of a shortest route to each non-ambiguous one.

    >>> net = SignedNetwork.of([("a", "b", 1), ("a", "c", -1), ("b", "d", 1), ("c", "d", 1)])
    >>> predict_from(net, "a", 1, 2)[0]
    {'a': 1, 'b': 1, 'c': -1, 'd': 0}
    """
    out: dict[str, list[tuple[str, int, int]]] = {}
    for i, (u, v, s) in enumerate(network.edges):
        out.setdefault(u, []).append((v, s, i))
    parent: dict[tuple[str, int], tuple[tuple[str, int], int] | None] = {(entity, sign): None}
    first: dict[str, set[int]] = {entity: {sign}}
    frontier = [(entity, sign)]
    for _ in range(depth):
        reached: list[tuple[str, int]] = []
        for u, x in frontier:
            for v, s, i in out.get(u, ()):
                for y in (x * s,) if s else (x, -x):  # an unknown sign pushes both ways
                    if (v, y) not in parent:
                        parent[v, y] = ((u, x), i)
                        reached.append((v, y))
        level: dict[str, set[int]] = {}
        for v, y in reached:
            if v not in first:
                level.setdefault(v, set()).add(y)
        first.update(level)
        frontier = reached
    predicted = {v: (next(iter(signs)) if len(signs) == 1 else 0) for v, signs in first.items()}
    routes = {}
    for v, y in predicted.items():
        if y:
            edges, state = [], (v, y)
            while (step := parent[state]) is not None:
                state, i = step
                edges.append(i)
            routes[v] = tuple(reversed(edges))
    return predicted, routes


def _count(plus: int, minus: int, p_set: int, m_set: int, zero: int, at_least: int) -> int:
    """Placements of ``plus`` + and ``minus`` - over ``p_set + m_set + zero`` entities
    (``p_set`` predicted +, ``m_set`` predicted -) scoring at least ``at_least``."""
    total = 0
    comb = math.comb
    for a in range(min(plus, p_set) + 1):  # + observations on predicted-+ entities
        for c in range(min(plus - a, m_set) + 1):  # + on predicted -
            rest_plus = plus - a - c
            if rest_plus > zero:
                continue
            ways_plus = comb(p_set, a) * comb(m_set, c) * comb(zero, rest_plus)
            for b in range(min(minus, p_set - a) + 1):  # - on predicted +
                for d in range(min(minus - b, m_set - c) + 1):  # - on predicted -
                    rest_minus = minus - b - d
                    if rest_minus > zero - rest_plus or a - b - c + d < at_least:
                        continue
                    total += (
                        ways_plus
                        * comb(p_set - a, b)
                        * comb(m_set - c, d)
                        * comb(zero - rest_plus, rest_minus)
                    )
    return total


def p_value(
    plus: int, minus: int, p_set: int, m_set: int, zero: int, score: int
) -> tuple[Fraction | float, bool]:
    """``(p, exact)``: the chance that a random placement scores at least ``score``.

    >>> p_value(4, 3, 1, 0, 7, 0)   # CausalR's Node4 +1 row: 175 of 280 placements
    (Fraction(5, 8), True)
    """
    n = p_set + m_set + zero
    placements = math.comb(n, plus) * math.comb(n - plus, minus)
    if placements == 0:
        return Fraction(1), True
    terms = (min(plus, p_set) + 1) * (min(plus, m_set) + 1) * (min(minus, p_set) + 1)
    terms *= min(minus, m_set) + 1
    if terms <= EXACT_TERMS:
        return Fraction(_count(plus, minus, p_set, m_set, zero, score), placements), True
    return _normal(plus, minus, p_set, m_set, n, score), False


def _normal(plus: int, minus: int, p_set: int, m_set: int, n: int, score: int) -> float:
    """Normal approximation of P(score >= ``score``) under random placement.

    Each entity's observation is +1 with probability plus/n and -1 with
    minus/n; the score is a sum over predicted entities of weights ±1 times
    the observation, drawn without replacement (hypergeometric covariance).
    """
    k = p_set + m_set
    mean_obs = (plus - minus) / n
    var_obs = (plus + minus) / n - mean_obs**2
    weight_sum = p_set - m_set
    mean = weight_sum * mean_obs
    # Var(Σ w_i X_i) without replacement: var_obs * (Σw² - (Σw)²/n) * n/(n-1)
    variance = var_obs * (k - weight_sum**2 / n) * (n / (n - 1)) if n > 1 else 0.0
    if variance <= 0:
        return 1.0 if mean >= score else 0.0
    z = (score - 0.5 - mean) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2))


def score_all(
    network: SignedNetwork,
    observed: Mapping[str, int],
    depth: int = 2,
    candidates: Sequence[str] | None = None,
) -> list[Scored]:
    """Every candidate (default: every entity of the network) with both signs, ranked by
    score (high first), then p-value, then name."""
    plus = sum(v == 1 for v in observed.values())
    minus = sum(v == -1 for v in observed.values())
    found = []
    for entity in candidates if candidates is not None else network.nodes:
        for sign in (1, -1):
            predicted, routes = predict_from(network, entity, sign, depth)
            on_observed = {v: y for v, y in predicted.items() if v in observed}
            correct = sum(y and y == observed[v] for v, y in on_observed.items())
            incorrect = sum(y and observed[v] and y == -observed[v] for v, y in on_observed.items())
            ambiguous = sum(y == 0 and observed[v] != 0 for v, y in on_observed.items())
            p_set = sum(y == 1 for y in on_observed.values())
            m_set = sum(y == -1 for y in on_observed.values())
            score = correct - incorrect
            p, exact = p_value(plus, minus, p_set, m_set, len(observed) - p_set - m_set, score)
            changes = tuple(
                PredictedChange(v, y, observed[v]) for v, y in sorted(on_observed.items())
            )
            row = Explanation(entity, sign, score, correct, incorrect, ambiguous, p, exact, changes)
            found.append((row, {v: routes[v] for v in on_observed if v in routes}))
    found.sort(key=lambda s: (-s[0].score, float(s[0].p_value), s[0].entity, -s[0].sign))
    return found
