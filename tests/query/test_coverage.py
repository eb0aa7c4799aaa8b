"""The third verdict: a question's quantity where no claim speaks (``uncovered``)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mechgraph.language.parser import parse_text
from mechgraph.model import Model
from mechgraph.results.answers import Verdict

from oracles import allowed, time_conditions

SEED_LIKE = """
context period: time
context duration chronic = period>=14d, acute = period<=1d
class antidepressant
drug imipramine
imipramine isa antidepressant
process NMDA_adaptation, effect
antidepressant -> NMDA_adaptation [duration=chronic] @pmid:1
antidepressant -0 NMDA_adaptation [duration=acute] @pmid:1
NMDA_adaptation -> effect @pmid:1
"""


def model(text: str = SEED_LIKE) -> Model:
    return Model.from_files((parse_text(text, "seed.mg"),))


class TestSevenDays:
    def test_between_one_and_fourteen_days_no_claim_covers(self):
        """Check that 7 days, between the 1-day and 14-day claims, is uncovered."""
        answer = model().ask("imipramine", "effect", where={"period": "7d"})
        assert answer.verdict is Verdict.UNCOVERED and not answer.holds
        text = answer.format()
        assert "no claim covers period=7d; nearest: " in text
        assert "antidepressant -0 NMDA_adaptation at period<=1d (duration=acute, no change)" in text
        assert (
            "antidepressant -> NMDA_adaptation at period>=14d (duration=chronic, increase)" in text
        )

    def test_why_not_and_json_say_so(self):
        """Check why-not and the JSON carry the verdict and the nearest claims."""
        why = model().why_not("imipramine", "effect", where={"period": "7d"})
        assert why.verdict is Verdict.UNCOVERED
        document = json.loads(json.dumps(why.to_dict()))
        assert document["verdict"] == "uncovered"
        assert [n["bound"] for n in document["coverage"]["nearest"]] == [
            "period<=1d",
            "period>=14d",
        ]

    def test_covered_questions_keep_their_verdicts(self):
        """Check that 21 days is yes, 1 day no (a no-change claim speaks), 2 weeks yes."""
        m = model()
        assert m.ask("imipramine", "effect", where={"period": "21d"}).verdict is Verdict.YES
        assert m.ask("imipramine", "effect", where={"period": "1d"}).verdict is Verdict.NO
        assert m.ask("imipramine", "effect", where={"period": "2wk"}).verdict is Verdict.YES

    def test_a_word_clash_is_still_no(self):
        """Check that a question without quantities never gets the third verdict."""
        answer = model().ask("imipramine", "effect", where={"duration": "acute"})
        assert answer.verdict is Verdict.NO


@given(st.lists(st.tuples(st.booleans(), time_conditions()), min_size=1, max_size=4), st.data())
def test_verdict_against_brute_force(claims, data):
    """Check yes / no / uncovered on a -> b against the oracle over every hour of 60 weeks."""
    lines = ["context period: time", "process a, b"]
    lines += [
        f"a {'-0' if none else '->'} b [period{c if c[0] in '<>' else '=' + c}] @pmid:1"
        for none, c in claims
    ]
    asked = data.draw(st.integers(0, 60 * 24 * 7).map(lambda h: f"{h}h"))
    seconds = int(asked[:-1]) * 3600
    answer = model("\n".join(lines)).ask("a", "b", where={"period": asked})
    speaks = [none for none, c in claims if allowed(c, seconds)]
    if False in speaks:
        assert answer.verdict is Verdict.YES
    elif speaks:
        assert answer.verdict is Verdict.NO
    else:
        assert answer.verdict is Verdict.UNCOVERED
