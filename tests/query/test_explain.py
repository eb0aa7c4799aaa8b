"""CausalR's scoring: its published Table 1, and the p-value against brute-force placements."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.graph.signed import SignedNetwork
from mechgraph.model import load
from mechgraph.query.consistency.experiment import signed_links
from mechgraph.query.explain import p_value, score_all

from conftest import FIXTURES

#: (entity, sign, score, correct, incorrect, ambiguous, placements out of 280 scoring >= score)
TABLE_1 = [
    ("Node0", 1, 4, 5, 1, 1, 32),
    ("Node1", 1, 3, 3, 0, 0, 34),
    ("Node3", 1, 1, 1, 0, 0, 140),
    ("Node5", -1, 1, 1, 0, 0, 105),
    ("Node6", -1, 1, 1, 0, 0, 105),
    ("Node7", -1, 1, 1, 0, 0, 105),
    ("Node2", 1, 0, 2, 2, 0, 176),
    ("Node2", -1, 0, 2, 2, 0, 152),
    ("Node4", 1, 0, 0, 0, 0, 175),
    ("Node4", -1, 0, 0, 0, 0, 140),
    ("Node3", -1, -1, 0, 1, 0, 280),
    ("Node5", 1, -1, 0, 1, 0, 280),
    ("Node6", 1, -1, 0, 1, 0, 280),
    ("Node7", 1, -1, 0, 1, 0, 280),
    ("Node1", -1, -3, 0, 3, 0, 268),
    ("Node0", -1, -4, 1, 5, 1, 272),
]
CAUSALR = FIXTURES / "causalr"


def _observed():
    values = {"+": 1, "-": -1, "0": 0}
    lines = (CAUSALR / "observations.txt").read_text().splitlines()
    return {name: values[value] for name, _, value in (line.split() for line in lines)}


def test_causalr_table_1_is_reproduced_exactly():
    """Check all 16 rows of the vignette's Table 1 (depth 2): counts, scores, exact p-values."""
    graph = load(CAUSALR / "network.mg").graph
    rows = [row for row, _ in score_all(signed_links(graph), _observed(), depth=2)]
    got = {
        (r.entity, r.sign, r.score, r.correct, r.incorrect, r.ambiguous, r.p_value) for r in rows
    }
    expected = {row[:6] + (Fraction(row[6], 280),) for row in TABLE_1}
    assert got == expected and all(r.exact for r in rows)


@given(
    plus=st.integers(0, 4),
    minus=st.integers(0, 3),
    p_set=st.integers(0, 3),
    m_set=st.integers(0, 3),
    zero=st.integers(0, 3),
    score=st.integers(-4, 4),
)
@settings(max_examples=150)
def test_p_value_counts_every_placement(plus, minus, p_set, m_set, zero, score):
    """Check the exact p-value against enumerating every placement of the observations."""
    n = p_set + m_set + zero
    if plus + minus > n:
        return
    weights = [1] * p_set + [-1] * m_set + [0] * zero
    hits = total = 0
    for pluses in itertools.combinations(range(n), plus):
        rest = [i for i in range(n) if i not in pluses]
        for minuses in itertools.combinations(rest, minus):
            total += 1
            got = sum(weights[i] for i in pluses) - sum(weights[i] for i in minuses)
            hits += got >= score
    p, exact = p_value(plus, minus, p_set, m_set, zero, score)
    assert exact and p == Fraction(hits, total)


def test_the_normal_approximation_is_close_for_large_sets():
    """Check the documented approximation against the exact count where both exist."""
    exact, _ = p_value(40, 30, 25, 20, 60, 8)
    import mechgraph.query.explain as explain

    approximate = explain._normal(40, 30, 25, 20, 105, 8)
    assert abs(float(exact) - approximate) < 0.02


def test_unknown_signs_make_predictions_ambiguous():
    """Check that an edge of unknown sign pushes both ways (ambiguous downstream)."""
    net = SignedNetwork.of([("a", "b", 0)])
    rows = [r for r, _ in score_all(net, {"b": 1}, depth=1)]
    (row,) = [r for r in rows if r.entity == "a" and r.sign == 1]
    assert row.ambiguous == 1 and row.score == 0


def test_explain_cli_reads_an_observation_file_and_an_experiment(capsys):
    """Check the verb on CausalR's files (text and JSON) and on a shipped experiment."""
    from mechgraph.cli import main

    args = ["explain", str(CAUSALR / "observations.txt"), "--rules", str(CAUSALR / "network.mg")]
    assert main([*args, "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "Node0 +  score 4  (5 correct, 1 incorrect, 1 ambiguous)  p = 0.114 (4/35)" in out
    assert "Node6 - (observed -, correct): Node0 ─(-)→ Node2 ─(+)→ Node6" in out
    assert main([*args, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["hypotheses"]) == 16 and document["hypotheses"][0]["p_exact"] == "4/35"
    assert main(["explain", "chronic_antidepressants", "--rules", "rules", "--top", "1"]) == 0
    assert "links admitted under duration=chronic" in capsys.readouterr().out
    assert main(["explain", "nothing_known", "--rules", "rules"]) == 2
