"""What to draw for a result: the focus and the highlights of its diagram.

``diagram_options(result)`` gives the keyword arguments of
:func:`mechgraph.render.to_dot` for an answer (witness paths over the routes
between its ends), a why-not (the blocked links and no-change claims around
the source), or pathways (the common pathway over the members' routes).
Other result types register with :func:`diagram_options.register`.

>>> import mechgraph
>>> model = mechgraph.Model.from_text("drug a\\nprocess b\\na -> b")
>>> options = diagram_options(model.ask("a", "b"))
>>> options["between"], [h.role.value for h in options["highlight"]]
(('a', 'b'), ['witness'])
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from .answers import Answer, Pathways, WhyNot
from .render import Highlight
from .style import Role

__all__ = ["diagram_options", "title_of"]


def title_of(result: Any) -> str:
    """The first line of the result's text form, as a diagram title."""
    return result.format().splitlines()[0]


@singledispatch
def diagram_options(result: Any) -> dict[str, Any]:
    """Keyword arguments of ``to_dot`` that draw ``result``."""
    raise TypeError(f"no diagram for {type(result).__name__}")


@diagram_options.register
def _answer(answer: Answer) -> dict[str, Any]:
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
def _why_not(why: WhyNot) -> dict[str, Any]:
    hops = [b.hop for b in why.blocked] + list(why.no_change)
    marked = [Highlight.along([hop], Role.COUNTEREXAMPLE) for hop in hops]
    if why.wrong_sign is not None:
        marked.append(Highlight.along(why.wrong_sign.hops, Role.COUNTEREXAMPLE))
    return {"around": why.question.source, "depth": 3, "highlight": marked, "title": title_of(why)}


@diagram_options.register
def _pathways(found: Pathways) -> dict[str, Any]:
    highlight = [Highlight(found.pathway, (), Role.PATHWAY)] if found.pathway else []
    members = found.members[0] if len(found.members) == 1 else None
    focus = {"between": (members, found.target)} if members else {"around": found.target, "depth": 3}
    return {**focus, "where": dict(found.where) or None, "highlight": highlight,
            "title": title_of(found)}
