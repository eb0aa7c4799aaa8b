"""Issue 18's reliability fuzz: texts, valid and broken, through the whole API.

Every text either loads or fails with located diagnostics; a text that loads is
linted, checked, formatted, drawn as DOT and questioned (ask, why-not,
pathways, predict) between its own entities.  Nothing may raise but
:class:`~mechgraph.errors.MechgraphError`.  ``make test`` runs this file a
second time under the ``reliability`` profile: 10,000 texts (the issue's
figure), in well under 3 minutes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechgraph.errors import MechgraphError, QueryError
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.parser import parse_text
from mechgraph.model import Model
from mechgraph.render.diagram import to_dot

from strategies import fuzz_texts

TEXTS = st.one_of(fuzz_texts(), fuzz_texts(), fuzz_texts(), st.text(max_size=200))


def _located(text: str, error: MechgraphError) -> None:
    lines = text.split("\n")
    assert error.diagnostics
    for d in error.diagnostics:
        assert d.format()
        if d.line and d.file == "fuzz.mg":
            assert 1 <= d.line <= len(lines) + 1


def _questions(model: Model, data: st.DataObject) -> None:
    names = sorted(model.graph.index.names)
    if len(names) < 2:
        return
    source, target = data.draw(st.permutations(names).map(lambda p: p[:2]))
    via = data.draw(st.sampled_from([None, *names]))
    sign = data.draw(st.sampled_from([None, "+", "-"]))
    try:
        answer = model.ask(source, target, via=via, sign=sign, max_paths=2)
        assert answer.format() and answer.to_dict()
        assert model.why_not(source, target, via=via).format()
        assert model.pathways(source, target).format()
    except QueryError as error:  # via equal to an end, a class with no members ...
        assert error.diagnostics


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=TEXTS, data=st.data())
def test_fuzzed_texts_through_the_api(text, data):
    """Check that any text loads or fails located, and that a loaded model answers every
    question, check, lint, format and drawing without raising anything else."""
    try:
        model = Model.from_text(text, "fuzz.mg")
    except MechgraphError as error:
        _located(text, error)
        return
    assert isinstance(model.lint(), list)
    for result in model.check():
        assert result.format()
    for name in sorted(model.graph.hypotheses):
        try:
            assert model.predict(name, max_candidates=5).format()
        except QueryError as error:  # no `every C reaches T through X` statement
            assert error.diagnostics
    assert to_dot(model.graph)
    assert parse_text(format_rule_file(parse_text(text, "fuzz.mg")), "fuzz.mg") is not None
    _questions(model, data)
