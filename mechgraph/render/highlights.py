"""What to draw for a result: the focus and the highlights of its diagram.

``diagram_options(result, graph)`` gives the keyword arguments of
:func:`mechgraph.render.diagram.to_dot` for an answer (witness paths over the routes
between its ends), a why-not (the blocked links and no-change claims around
the source), pathways (the common pathway over the members' routes) or a
hypothesis verdict (counterexamples, common pathways, then witnesses).

>>> import mechgraph
>>> model = mechgraph.Model.from_text("drug a\\nprocess b\\na -> b")
>>> options = diagram_options(model.ask("a", "b"), model.graph)
>>> options["between"], [h.role.value for h in options["highlight"]]
(('a', 'b'), ['witness'])
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Reaches
from mechgraph.render.diagram import Highlight, svg_of
from mechgraph.render.style import Role
from mechgraph.results.answers import Answer, Pathways, WhyNot
from mechgraph.results.consistency import ExperimentResult
from mechgraph.results.verdicts import HypothesisResult

#: Diagrams of verdicts keep this many entities at most (``to_dot`` keeps highlighted ones first).
VERDICT_MAX_NODES = 60

__all__ = ["diagram_options", "result_svg", "title_of"]


def result_svg(result: Any, graph: MechanismGraph) -> str:
    """``result`` drawn over ``graph`` as SVG text, with its highlights (Jupyter's drawing)."""
    return svg_of(graph, **diagram_options(result, graph))


def title_of(result: Any) -> str:
    """The first line of the result's text form, as a diagram title."""
    return result.format().splitlines()[0]


@singledispatch
def diagram_options(result: Any, graph: MechanismGraph) -> dict[str, Any]:
    """Keyword arguments of ``to_dot`` that draw ``result`` over ``graph``."""
    raise TypeError(f"no diagram for {type(result).__name__}")


@diagram_options.register
def _answer(answer: Answer, graph: MechanismGraph) -> dict[str, Any]:
    question = answer.question
    if not answer.paths:
        return {"around": question.source, "depth": 2, "title": title_of(answer)}
    return {
        "between": (question.source, question.target),
        "where": dict(question.where) or None,
        "highlight": [Highlight.along(path.hops) for path in answer.paths],
        "title": title_of(answer),
    }


@diagram_options.register
def _why_not(why: WhyNot, graph: MechanismGraph) -> dict[str, Any]:
    hops = [b.hop for b in why.blocked] + list(why.no_change)
    marked = [Highlight.along([hop], Role.COUNTEREXAMPLE) for hop in hops]
    if why.wrong_sign is not None:
        marked.append(Highlight.along(why.wrong_sign.hops, Role.COUNTEREXAMPLE))
    return {"around": why.question.source, "depth": 3, "highlight": marked, "title": title_of(why)}


@diagram_options.register
def _pathways(found: Pathways, graph: MechanismGraph) -> dict[str, Any]:
    highlight = [Highlight(found.pathway, (), Role.PATHWAY)] if found.pathway else []
    members = found.members[0] if len(found.members) == 1 else None
    focus = (
        {"between": (members, found.target)} if members else {"around": found.target, "depth": 3}
    )
    return {
        **focus,
        "where": dict(found.where) or None,
        "highlight": highlight,
        "title": title_of(found),
    }


@diagram_options.register
def _hypothesis(result: HypothesisResult, graph: MechanismGraph) -> dict[str, Any]:
    failed, witnessed = [], []
    for statement in result.statements:
        witnessed += [Highlight.along(w.path.hops) for w in statement.witnesses]
        for counter in statement.counterexamples:
            if counter.path is not None:
                failed.append(Highlight.along(counter.path.hops, Role.COUNTEREXAMPLE))
            failed += [
                Highlight.along((c.claim, *c.route), Role.COUNTEREXAMPLE)
                for c in counter.contradictions
            ]
    block = graph.hypotheses.get(result.name)
    through = sorted(
        {
            s.through.name
            for s in getattr(block, "statements", ())
            if isinstance(s, Reaches) and s.through is not None
        }
    )
    pathway = [Highlight(through, (), Role.PATHWAY)] if through else []
    marked = failed + pathway + witnessed  # the first highlight naming an element colours it
    return {"highlight": marked, "max_nodes": VERDICT_MAX_NODES, "title": title_of(result)}


@diagram_options.register
def _experiment(result: ExperimentResult, graph: MechanismGraph) -> dict[str, Any]:
    """The cores' links and observed entities in red; when consistent, the predictions."""
    marked = []
    for core in result.cores:
        nodes = [o.node for o in core.observations]
        marked.append(Highlight(nodes, Highlight.along(core.links).edges, Role.COUNTEREXAMPLE))
    if not marked:
        marked = [Highlight([node for node, _ in result.predictions], (), Role.WITNESS)]
    return {
        "where": dict(result.context) or None,
        "highlight": marked,
        "max_nodes": VERDICT_MAX_NODES,
        "title": title_of(result),
    }
