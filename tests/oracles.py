"""Brute-force oracles shared by the query tests: every simple route enumerated by networkx."""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st

from mechgraph.graph.admission import admitted_claims, merge
from mechgraph.language.syntax import Relation, Sign

from factories import KEYS, REGION_BELOW, contexts

_PRODUCT = {("+", "+"): "+", ("+", "-"): "-", ("-", "+"): "-", ("-", "-"): "+"}
_SIGN = {Relation.INCREASES: "+", Relation.DECREASES: "-", Relation.ASSOCIATION: "?"}


def _below(key, a, b):
    return a == b or (key == "region" and (a, b) in REGION_BELOW)


def _admitted(where, context):
    return all(_below(k, v, where[k]) or _below(k, where[k], v) for k, v in context if k in where)


def _consistent(pairs):
    for key in KEYS:
        stated = {v for k, v in pairs if k == key}
        if stated and not any(all(_below(key, a, b) for b in stated) for a in stated):
            return False
    return True


def oracle(graph, source, target, via, where, sign, include, consistent=True):
    """Every (nodes, sign) of a simple route, by enumerating simple edge paths
    (``consistent=False``: its links need not agree on context)."""
    multi = nx.MultiDiGraph()
    multi.add_nodes_from(graph.links)
    for c in graph.claims:
        if c.relation in _SIGN and (include or not c.is_hypothesis) and _admitted(where, c.context):
            multi.add_edge(c.subject, c.object, key=c.id)
    for member, parent in graph.hierarchy.edges:
        multi.add_edge(member, parent, key="isa")
    starts = ({source} | nx.ancestors(graph.hierarchy, source)) - {target}
    found = []
    for start in sorted(starts):
        for edges in nx.all_simple_edge_paths(multi, start, target):
            nodes = [start] + [v for _, v, _ in edges]
            if via is not None and via not in nodes:
                continue
            claims = [graph.claims[k] for _, _, k in edges if k != "isa"]
            if consistent and not _consistent([p for c in claims for p in c.context]):
                continue
            net = "+"
            for c in claims:
                net = "?" if "?" in (net, _SIGN[c.relation]) else _PRODUCT[net, _SIGN[c.relation]]
            if sign is None or net == sign:
                found.append((tuple(nodes), net))
    return found


@st.composite
def questions(draw, rules):
    names = rules.names
    source, target = draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
    if rules.dag and draw(st.integers(0, 3)):  # mostly ask downstream, where routes can exist
        source, target = sorted((source, target), key=names.index)
    via = draw(st.none() | st.sampled_from(names))
    where = draw(st.just({}) | contexts)
    return dict(
        source=source,
        target=target,
        via=via,
        where=where,
        sign=draw(st.sampled_from([None, "+", "-"])),
        hypotheses=draw(st.sampled_from(["include", "exclude"])),
    )


def check_witness(graph, path, q):
    """A witness is simple, made of existing admitted hops, with its stated sign/context."""
    nodes = path.nodes
    assert len(set(nodes)) == len(nodes)
    assert nodes[-1] == q["target"]
    assert nodes[0] == q["source"] or q["source"] in graph.index.ancestors.get(nodes[0], ())
    assert q["via"] is None or q["via"] in nodes
    net, pairs = "+", []
    for hop in path.hops:
        if hop.is_isa:
            assert graph.hierarchy.has_edge(hop.subject, hop.object)
            continue
        claim = graph.claims[hop.claim_id]
        assert (claim.subject, claim.object) == (hop.subject, hop.object)
        assert claim.relation in _SIGN and _admitted(q["where"], claim.context)
        assert q["hypotheses"] == "include" or not claim.is_hypothesis
        pairs += claim.context
        net = "?" if "?" in (net, _SIGN[claim.relation]) else _PRODUCT[net, _SIGN[claim.relation]]
    assert _consistent(pairs)
    assert path.sign.value == net and (q["sign"] is None or net == q["sign"])


def brute_routes(graph, where, member, target):
    """Every simple, context-consistent route member ⇝ target, as node tuples (networkx)."""
    admitted = admitted_claims(graph, where, hypotheses=False)
    g = nx.MultiDiGraph()
    g.add_nodes_from(graph.index.names)
    for claim in graph.claims:
        if admitted[claim.id] and claim.sign is not Sign.NO_CHANGE:
            g.add_edge(claim.subject, claim.object, key=claim.id, context=claim.context)
    for below, parent in graph.hierarchy.edges:
        g.add_edge(below, parent, key="isa", context=())
    up = graph.index.value_up
    for edges in nx.all_simple_edge_paths(g, member, target):
        contexts = [g.edges[e]["context"] for e in edges]
        if merge(*contexts, values=up) is not None:
            yield (member,) + tuple(v for _, v, _ in edges)


#: Seconds per unit, written out independently of pint (the oracle's own table).
SECONDS = {"h": 3600, "d": 86400, "wk": 604800}
#: The grid the oracle walks: every whole hour from -1 h to 60 weeks.
GRID = range(-3600, 61 * 604800, 3600)

units = st.sampled_from(sorted(SECONDS))
numbers = st.integers(0, 60)


@st.composite
def time_conditions(draw) -> str:
    """A time condition: a point, a range or a bound, in h, d or wk."""
    unit, low = draw(units), draw(numbers)
    form = draw(st.sampled_from(["point", "range", ">=", "<="]))
    if form == "point":
        return f"{low}{unit}"
    if form == "range":
        return f"{low}..{low + draw(numbers)}{unit}"
    return f"{form}{low}{unit}"


def allowed(condition: str, seconds: int) -> bool:
    """The oracle: does ``condition`` allow a time of ``seconds``?"""
    op = condition[:2] if condition[:2] in (">=", "<=") else "="
    body = condition[2:] if op != "=" else condition
    unit = next(u for u in sorted(SECONDS, key=len, reverse=True) if body.endswith(u))
    numbers = body[: -len(unit)].split("..")
    low, high = float(numbers[0]) * SECONDS[unit], float(numbers[-1]) * SECONDS[unit]
    if op == ">=":
        return seconds >= low
    if op == "<=":
        return seconds <= high
    return low <= seconds <= high
