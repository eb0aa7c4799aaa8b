"""Claims that deny a route or a ``-0`` claim a hypothesis relies on.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> from mechgraph.query.hypotheses.scope import Scope
>>> from mechgraph.results.answers import Path, hop_of_claim
>>> g = MechanismGraph()
>>> up = g.add_claim("a", Relation.INCREASES, "b")
>>> down = g.add_claim("a", Relation.DECREASES, "b")
>>> route = Path((hop_of_claim(g, up),), up.sign, ())
>>> [c.claim.describe() for c in contradictions(g, Scope.of(g, "h", ()), route)]
['a -| b']
"""

from __future__ import annotations

from mechgraph.graph.admission import merge
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import (
    Sign,
)
from mechgraph.query.hypotheses.scope import Scope
from mechgraph.results.answers import Hop, Path, hop_of_claim
from mechgraph.results.verdicts import (
    Contradiction,
)

__all__ = ["SIGNED", "contradictions", "denied_no_change"]


SIGNED = (Sign.POSITIVE, Sign.NEGATIVE)


def _denies(claim_sign: Sign, route_sign: Sign) -> bool:
    return claim_sign is Sign.NO_CHANGE or (claim_sign in SIGNED and claim_sign is not route_sign)


def contradictions(graph: MechanismGraph, scope: Scope, path: Path) -> list[Contradiction]:
    """Claims in ``scope`` that deny a stretch of ``path`` under a compatible context.

    A stretch from entity A to B of net sign + or - is denied by a ``-0``
    claim or one of the other sign from A — or from a class A belongs to —
    to B, when its context and the stretch's (and the scope's) can hold
    together.
    """
    up, ancestors, nodes = graph.index.value_up, graph.index.ancestors, path.nodes
    own = {hop.claim_id for hop in path.hops}
    found: dict[tuple, Contradiction] = {}
    for i in range(len(path.hops)):
        sign, context = Sign.POSITIVE, scope.where
        for j in range(i, len(path.hops)):
            merged = merge(context, path.hops[j].context, values=up)
            if merged is None:  # the stretch cannot hold under the scope
                break
            context = merged
            sign = sign * path.hops[j].sign
            stretch = tuple(h for h in path.hops[i : j + 1] if not h.is_isa)
            if sign not in SIGNED or not stretch:
                continue
            subject = nodes[i]
            for holder in (subject, *sorted(ancestors.get(subject, ()))):
                for claim_id in sorted(graph.links.get_edge_data(holder, nodes[j + 1]) or {}):
                    claim = graph.claims[claim_id]
                    if (
                        claim_id in own
                        or claim_id in scope.left_out
                        or not _denies(claim.sign, sign)
                        or merge(context, claim.context, values=up) is None
                    ):
                        continue
                    inherited = (subject, holder) if holder != subject else None
                    c = Contradiction(hop_of_claim(graph, claim), stretch, sign, inherited)
                    found.setdefault(c.key, c)
    return [found[key] for key in sorted(found)]


def denied_no_change(graph: MechanismGraph, scope: Scope, no_change: Hop) -> list[Contradiction]:
    """Signed claims in scope that a ``-0`` claim denies: on its pair, from its subject,
    a class above it or a member below it, under a compatible context."""
    up, index = graph.index.value_up, graph.index
    subject = no_change.subject
    holders: list[tuple[str, tuple[str, str] | None]] = [(subject, None)]
    holders += [(above, (subject, above)) for above in sorted(index.ancestors.get(subject, ()))]
    holders += [(below, (below, subject)) for below in sorted(index.members.get(subject, ()))]
    found = []
    for holder, inherited in holders:
        for claim_id in sorted(graph.links.get_edge_data(holder, no_change.object) or {}):
            claim = graph.claims[claim_id]
            if (
                claim.sign in SIGNED
                and claim_id not in scope.left_out
                and merge(scope.where, claim.context, no_change.context, values=up) is not None
            ):
                found.append(
                    Contradiction(no_change, (hop_of_claim(graph, claim),), claim.sign, inherited)
                )
    return found
