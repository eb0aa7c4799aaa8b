"""Hypotheses as checks: each statement of a ``hypothesis`` block judged on the graph.

One module per statement form (:mod:`.reaches`, :mod:`.sign_of`,
:mod:`.consistent`), run from the ordered registry :data:`.registry.CHECKS`
by :func:`.judge.judge`; :mod:`.scope` keeps circular support out and
:mod:`.contradictions` finds the claims that deny what a hypothesis relies on.
"""

from mechgraph.query.hypotheses.consistent import check_consistent
from mechgraph.query.hypotheses.contradictions import contradictions
from mechgraph.query.hypotheses.judge import find_hypothesis, judge, judge_all
from mechgraph.query.hypotheses.reaches import check_reaches
from mechgraph.query.hypotheses.registry import CHECKS
from mechgraph.query.hypotheses.scope import HYPOTHESES_KEY, Scope
from mechgraph.query.hypotheses.sign_of import check_sign_of

__all__ = [
    "CHECKS",
    "HYPOTHESES_KEY",
    "Scope",
    "check_consistent",
    "check_reaches",
    "check_sign_of",
    "contradictions",
    "find_hypothesis",
    "judge",
    "judge_all",
]
