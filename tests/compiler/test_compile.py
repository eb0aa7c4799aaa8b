"""Tests of mechgraph.compiler.compile: resolution, hierarchies, diagnostics, determinism."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import Relation, Status

from factories import random_rules

SEED = """\
source skolnick1996 = pmid:8852531 "Adaptation of NMDA receptors"
drug imipramine id=CHEBI:47499, citalopram
treatment ECS "electroconvulsive shock"
class antidepressant, tricyclic, ssri
process NMDA_adaptation
phenotype antidepressant_effect
context duration acute, chronic
context region cerebral_cortex, frontal_cortex
frontal_cortex isa cerebral_cortex
imipramine isa tricyclic
citalopram isa ssri
tricyclic, ssri, ECS isa antidepressant
antidepressant -> NMDA_adaptation [duration=chronic, region=cerebral_cortex] @skolnick1996
NMDA_adaptation -> antidepressant_effect @pmid:8852531 status=hypothesis
"""


def compile_text(text: str, path: str = "r.mg"):
    return compile_rules([parse_text(text, path)])


def codes(diagnostics):
    return [(d.code, d.severity.value) for d in diagnostics]


class TestResolution:
    def test_seed_compiles_clean(self):
        """Check that the seed compiles with no diagnostics and everything resolved."""
        graph, diagnostics = compile_text(SEED)
        assert diagnostics == []
        imipramine = graph.entity("imipramine")
        assert (imipramine.kind, imipramine.attributes) == ("drug", (("id", "CHEBI:47499"),))
        assert graph.entity("ECS").label == "electroconvulsive shock"
        assert str(imipramine.span) == "r.mg:2:6"
        assert graph.index.ancestors["imipramine"] == {"tricyclic", "antidepressant"}
        assert graph.index.members["antidepressant"] == {
            "tricyclic",
            "ssri",
            "ECS",
            "imipramine",
            "citalopram",
        }
        assert graph.index.leaves("antidepressant") == ("ECS", "citalopram", "imipramine")
        assert graph.index.value_up["region"]["frontal_cortex"] == {
            "frontal_cortex",
            "cerebral_cortex",
        }
        assert not graph.hierarchy.has_node("frontal_cortex")
        second, first = graph.claims  # sorted by subject: NMDA_adaptation first
        assert first.context == (("duration", "chronic"), ("region", "cerebral_cortex"))
        assert first.evidence == ("skolnick1996",) and first.relation is Relation.INCREASES
        assert second.status is Status.HYPOTHESIS and second.evidence == ("pmid:8852531",)
        assert graph.texts["r.mg"] == SEED

    def test_undeclared_name_is_a_located_warning(self):
        """Check that an undeclared name warns once, at its first use, with did-you-mean."""
        graph, diagnostics = compile_text(
            "drug imipramine\nimipramne -> x\nimipramne -> y\nentity x, y\n"
        )
        [warning] = diagnostics
        assert warning.code == "undeclared-name" and not warning.is_error
        assert (warning.line, warning.col, warning.snippet) == (2, 1, "imipramne -> x")
        assert warning.hint == "did you mean `imipramine`?"
        assert graph.entity("imipramne").kind == "entity"

    def test_duplicate_declaration_points_to_first(self):
        """Check that a second declaration is an error naming the first one's place."""
        _, diagnostics = compile_text("drug a\nprocess b\nprotein a\n")
        [error] = diagnostics
        assert error.is_error and error.code == "duplicate-declaration"
        assert error.line == 3 and error.hint == "first declared at r.mg:1:6"

    def test_isa_cycle(self):
        """Check that an isa cycle is an error naming it, and the hierarchy is cut acyclic."""
        graph, diagnostics = compile_text("class a, b, c\na isa b\nb isa c\nc isa a\n")
        [error] = diagnostics
        assert error.code == "isa-cycle" and "a isa b isa c isa a" in error.message
        assert error.snippet is not None
        assert not graph.hierarchy.edges

    def test_value_isa_cycle(self):
        """Check that a context value cycle is an error too."""
        _, diagnostics = compile_text("context region a, b\na isa b\nb isa a\n")
        assert codes(diagnostics) == [("value-isa-cycle", "error")]

    def test_unknown_source(self):
        """Check that an undeclared @source is an error with did-you-mean; inline ids pass."""
        _, diagnostics = compile_text(
            "source skolnick1996 = pmid:1\nentity a, b\na -> b @skolnik1996 @pmid:2\n"
        )
        [error] = diagnostics
        assert error.code == "unknown-source" and error.hint == "did you mean `skolnick1996`?"
        assert error.line == 3

    def test_each_link_is_checked(self):
        """Check that every link repeating an undeclared value or unknown source is reported,
        not only the first one (contexts and evidence lists are judged once each)."""
        _, diagnostics = compile_text(
            "context duration acute\nentity a, b\n"
            "a -> b [duration=chronic] @nowhere\nb -> a [duration=chronic] @nowhere\n"
        )
        assert [(d.code, d.line) for d in diagnostics] == [
            ("undeclared-value", 3),
            ("unknown-source", 3),
            ("undeclared-value", 4),
            ("unknown-source", 4),
        ]

    def test_hypothesis_names(self):
        """Check that hypotheses naming unknown entities, or twice named, are errors."""
        text = (
            "class antidepressant\nentity effect\nantidepressant -> effect\n"
            "hypothesis h:\n    every antidepresant reaches effect\n"
            "hypothesis h:\n    some antidepressant reaches effect\n"
        )
        _, diagnostics = compile_text(text)
        assert sorted(codes(diagnostics)) == [
            ("duplicate-hypothesis", "error"),
            ("unknown-entity", "error"),
        ]
        unknown = next(d for d in diagnostics if d.code == "unknown-entity")
        assert unknown.line == 5 and unknown.hint == "did you mean `antidepressant`?"

    def test_undeclared_context_value(self):
        """Check that a value outside a key's declared values warns with did-you-mean."""
        _, diagnostics = compile_text(
            "context duration acute, chronic\nentity a, b\na -> b [duration=chronnic]\n"
        )
        [warning] = diagnostics
        assert warning.code == "undeclared-value" and warning.hint == "did you mean `chronic`?"


def _content(graph):
    return (
        [(c.id, c.subject, c.relation, c.object, c.context, c.status) for c in graph.claims],
        sorted(graph.hierarchy.edges),
        list(graph.entities()),
        {k: sorted(v.edges) for k, v in graph.values.items()},
    )


@settings(max_examples=500)
@given(rules=random_rules(), data=st.data())
def test_compiling_ignores_statement_order(rules, data):
    """Check that a shuffled rule file compiles to the same graph and diagnostics."""
    order = data.draw(st.permutations(range(len(rules.statements))))
    first, first_diagnostics = compile_rules([rules.rule_file()])
    second, second_diagnostics = compile_rules([rules.rule_file(order)])
    assert _content(first) == _content(second)
    assert first_diagnostics == second_diagnostics


def _claim_key(claim):
    span = claim.span
    return (
        claim.subject,
        claim.object,
        claim.relation.value,
        claim.context,
        claim.evidence,
        claim.status.value,
        span.file,
        span.line,
        span.col,
    )


@settings(max_examples=200)
@given(rules=random_rules(max_size=3, max_links=20), data=st.data())
def test_claims_are_numbered_in_sorted_order(rules, data):
    """Check that claim ids follow (subject, object, relation, context, evidence, status,
    place), also among the many claims that share a subject and an object."""
    order = data.draw(st.permutations(range(len(rules.statements))))
    graph, _ = compile_rules([rules.rule_file(order)])
    keys = [_claim_key(c) for c in graph.claims]
    assert keys == sorted(keys)
    assert [c.id for c in graph.claims] == list(range(len(keys)))
    assert [k for _, _, k in graph.links.edges(keys=True)] == list(range(len(keys)))


class TestPartialFiles:
    def test_a_source_by_title_alone_is_declared_with_a_warning(self):
        """Check that a source without an identifier is a source, cited, and warned about."""
        graph, diagnostics = compile_text('source s "A title"\ndrug d\nprocess p\nd -> p @s\n')
        assert graph.sources["s"].reference is None and graph.sources["s"].title == "A title"
        assert codes(diagnostics) == [("source-without-id", "warning")]
        assert "pmid:ID" in diagnostics[0].hint and "doi:ID" in diagnostics[0].hint

    def test_names_on_unparsed_lines_are_not_called_unknown(self):
        """Check that uses of names written on lines that did not parse are not reported,
        and that other unknown names still are."""
        text = "drug d\nd -> p @s\nd -> q @t\nhypothesis h:\n    every d reaches p\n"
        rules = dataclasses.replace(parse_text(text), unparsed_names=frozenset({"p", "s"}))
        _, diagnostics = compile_rules([rules])
        assert [(d.code, d.line) for d in diagnostics] == [
            ("undeclared-name", 3),
            ("unknown-source", 3),
        ]
