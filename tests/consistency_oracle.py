"""Brute-force sign consistency (OBSERVATIONS.md, one-state modes): every labelling enumerated.

Written independently of the ASP encodings, straight from the specification's sentences.
"""

from __future__ import annotations

from itertools import product

from hypothesis import strategies as st

from mechgraph.graph.signed import ExperimentData, Level, Observation, SignedNetwork, Value

_SCENFIT_COST = {
    (Value.PLUS, 0): 1,
    (Value.PLUS, -1): 2,
    (Value.MINUS, 0): 1,
    (Value.MINUS, 1): 2,
    (Value.ZERO, 1): 1,
    (Value.ZERO, -1): 1,
    (Value.NOT_MINUS, -1): 2,
    (Value.NOT_PLUS, 1): 2,
    (Value.CHANGE, 0): 1,
}


def _founded(nodes, edges, inputs, labels, repairs):
    founded = {(v, x) for v in inputs for x in (1, -1)}
    founded |= {(v, x) for v, x in repairs.items() if x and labels[v] == x}
    changed = True
    while changed:
        changed = False
        for u, v, s in edges:
            for x in (1, -1):
                if (u, x) in founded and (v, x * s) not in founded:
                    founded.add((v, x * s))
                    changed = True
    return founded


def valid(net, exp, labels, edges, repairs, founded=True, propagation=True):
    """Whether a labelling (with chosen edge signs and repairs) meets C0-C3 (observations aside)."""
    inputs = exp.inputs
    for v in exp.minimal:
        if labels[v] == -1:
            return False
    for v in exp.maximal:
        if labels[v] == 1:
            return False
    influence = {v: set() for v in labels}
    zero_in = set()
    for u, v, s in edges:
        if labels[u]:
            influence[v].add(s * labels[u])
        else:
            zero_in.add(v)
    for v, x in repairs.items():
        if x:
            influence[v].add(x)
    for v, x in labels.items():
        if x and v not in inputs and x not in influence[v]:
            return False
    if founded:
        f = _founded(labels, edges, inputs, labels, repairs)
        if any(x and (v, x) not in f for v, x in labels.items()):
            return False
    if propagation:
        for v, x in labels.items():
            if x or v in inputs:
                continue
            inf = influence[v]
            if v in net.and_nodes and v in zero_in:
                continue
            if inf == {1} and v not in exp.maximal:
                return False
            if inf == {-1} and v not in exp.minimal:
                return False
    return True


def solutions(net, exp, repairs_allowed, founded=True, propagation=True):
    """Every (labels, edge signs, repairs) meeting C0-C3, observations not applied."""
    net = net.with_nodes(sorted(exp.nodes))
    nodes = net.nodes
    unknown = [i for i, (_, _, s) in enumerate(net.edges) if s == 0]
    repairable = [v for v in nodes if v not in exp.inputs and v not in net.and_nodes]
    repair_choices = product((0, 1, -1), repeat=len(repairable)) if repairs_allowed else [()]
    repair_choices = list(repair_choices)
    for values in product((1, -1, 0), repeat=len(nodes)):
        labels = dict(zip(nodes, values))
        for signs in product((1, -1), repeat=len(unknown)):
            edges = list(net.edges)
            for i, s in zip(unknown, signs):
                edges[i] = (edges[i][0], edges[i][1], s)
            for choice in repair_choices:
                repairs = dict(zip(repairable, choice))
                if valid(net, exp, labels, edges, repairs, founded, propagation):
                    yield labels, repairs


def satisfies(observation: Observation, labels) -> bool:
    return labels[observation.node] in observation.value.allowed


def measure(net, exp, kind, founded=True, propagation=True):
    """(optimum or None, optimal solutions as (labels, projection)) by enumeration."""
    if exp.is_empty:
        return 0, []
    scored = []
    for labels, repairs in solutions(net, exp, kind == "mcos", founded, propagation):
        if kind == "mcos":
            if not all(satisfies(o, labels) for o in exp.observations):
                continue
            changes = frozenset((v, x) for v, x in repairs.items() if x)
            scored.append((len(changes), labels, changes))
        else:
            cost, flips = 0, set()
            for i, o in enumerate(exp.observations):
                label = labels[o.node]
                if o.node in exp.inputs:
                    if not satisfies(o, labels):
                        break
                elif (o.value, label) in _SCENFIT_COST:
                    cost += _SCENFIT_COST[o.value, label]
                    flips.add((i, label))
            else:
                scored.append((cost, labels, frozenset(flips)))
    if not scored:
        return None, []
    best = min(s[0] for s in scored)
    return best, [(labels, change) for cost, labels, change in scored if cost == best]


def predictions(net, exp, optimal):
    """Per species, the label (or label pair) every optimal solution agrees on."""
    seen = {}
    for labels, _ in optimal:
        for v, x in labels.items():
            if v not in net.and_nodes:
                seen.setdefault(v, set()).add(x)
    out = {}
    for v, held in sorted(seen.items()):
        if len(held) == 1:
            out[v] = {1: "+", -1: "-", 0: "0"}[next(iter(held))]
        elif held == {-1, 0}:
            out[v] = "notPlus"
        elif held == {1, 0}:
            out[v] = "notMinus"
        elif held == {1, -1}:
            out[v] = "CHANGE"
    return out


def minimal_cores(net, exp, founded=True, propagation=True):
    """Every subset-minimal inconsistent set of observation numbers."""
    n = len(exp.observations)
    covered = set()
    for labels, _ in solutions(net, exp, False, founded, propagation):
        covered.add(frozenset(i for i, o in enumerate(exp.observations) if satisfies(o, labels)))
    consistent = lambda s: any(s <= c for c in covered)  # noqa: E731
    bad = [frozenset(i for i in range(n) if mask >> i & 1) for mask in range(1 << n)]
    bad = [s for s in bad if not consistent(s)]
    return {s for s in bad if not any(t < s for t in bad)}


NAMES = ["a", "b", "c", "d", "e"]


@st.composite
def instances(draw, max_nodes=4, max_observations=5):
    """A small signed network (some AND nodes, unknown signs) and an experiment on it."""
    n = draw(st.integers(2, max_nodes))
    nodes = NAMES[:n]
    pairs = [(u, v) for u in nodes for v in nodes]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=6, unique=True))
    edges = [(u, v, draw(st.sampled_from((1, -1, 1, -1, 0)))) for u, v in chosen]
    and_nodes = draw(st.sets(st.sampled_from(nodes), max_size=1))
    net = SignedNetwork.of(edges, nodes=nodes, and_nodes=and_nodes)
    inputs = draw(st.sets(st.sampled_from(nodes), max_size=2))
    values = [v.value for v in Value]
    observed = draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(values)), max_size=max_observations
        )
    )
    levels = draw(
        st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(["MIN", "MAX"])), max_size=1)
    )
    return net, ExperimentData.of(inputs, observed, levels)


__all__ = ["instances", "measure", "predictions", "minimal_cores", "Level"]
