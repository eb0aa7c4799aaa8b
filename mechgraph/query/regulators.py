"""``explain``: rank the mechanism's entities as upstream explanations of observed changes.

The network is the set of links the context admits (as for questions and
experiments: :func:`mechgraph.query.consistency.experiment.signed_links`),
scored by :func:`mechgraph.query.explain.score_all`; each predicted observed
entity gets its shortest signed route, hop by hop with rule locations and
citations.

>>> from mechgraph.model import Model
>>> model = Model.from_text("process a, b, c\\na -> b [duration=chronic]\\na -| c")
>>> found = explain(model.graph, {"b": 1, "c": -1}, where={"duration": "chronic"})
>>> print(found.rows[0].format())
a +  score 2  (2 correct, 0 incorrect, 0 ambiguous)  p = 0.5 (1/2)
>>> print(found.rows[0].predicted[0].format())
b + (observed +, correct): a ─(+)→ b
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Sign
from mechgraph.query.consistency.experiment import signed_links
from mechgraph.query.explain import score_all
from mechgraph.results.answers import Hop, hop_of_claim
from mechgraph.results.explanations import Explanations

__all__ = ["explain"]


def _hop(graph: MechanismGraph, source) -> Hop:
    if isinstance(source, tuple):  # ("isa", member, class)
        return Hop(source[1], source[2], Sign.POSITIVE)
    return hop_of_claim(graph, graph.claim(source))


def explain(
    graph: MechanismGraph,
    observed: Mapping[str, int],
    *,
    where: Mapping[str, str] | None = None,
    depth: int = 2,
    hypotheses: bool = True,
    source: str = "observations",
) -> Explanations:
    """Every entity with both signs, ranked by score then p-value (see the module);
    ``hypotheses=False`` leaves hypothesised links out."""
    network = signed_links(graph, dict(where or {}), hypotheses=hypotheses)
    rows = []
    for row, routes in score_all(network, observed, depth):
        predicted = tuple(
            replace(
                c, route=tuple(_hop(graph, network.sources[i][0]) for i in routes.get(c.entity, ()))
            )
            for c in row.predicted
        )
        rows.append(replace(row, predicted=predicted))
    values = list(observed.values())
    counts = (values.count(1), values.count(-1), values.count(0))
    return Explanations(source, tuple(sorted((where or {}).items())), depth, counts, tuple(rows))
