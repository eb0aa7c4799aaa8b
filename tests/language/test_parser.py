"""Tests for mechgraph.language.parser: every statement form becomes the right node."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.errors import MechgraphError, ParseError
from mechgraph.language.parser import _parse, parse_text
from mechgraph.language.syntax import (
    Attribute,
    Blank,
    Comment,
    Consistent,
    Declared,
    EntityDecl,
    Evidence,
    Hypothesis,
    Include,
    IsA,
    Link,
    Qualifier,
    Quantifier,
    Reaches,
    Ref,
    Relation,
    Sign,
    SignOf,
    SourceDecl,
    Span,
    Status,
    ValueDecl,
)

from strategies import PATH, near_miss_texts, rule_texts


def one(text: str):
    (node,) = parse_text(text).statements
    return node


class TestStatements:
    def test_source(self):
        """Check that a source keeps its reference and title."""
        node = one('source skolnick1996 = doi:10.1055/s-2007-979537 "Adaptation of NMDA"')
        assert node == SourceDecl(
            Ref("skolnick1996"), "doi:10.1055/s-2007-979537", "Adaptation of NMDA"
        )

    def test_doi_with_parentheses(self):
        node = one("source t = doi:10.1016/0014-2999(90)90204-J")
        assert node.reference == "doi:10.1016/0014-2999(90)90204-J"

    def test_source_without_title(self):
        assert one("source s = pmid:8852531") == SourceDecl(Ref("s"), "pmid:8852531")

    @pytest.mark.parametrize("fast", [True, False])
    def test_source_by_title_alone(self, fast):
        """Check that a source may be declared with a title and no identifier, by both parsers."""
        text = 'source skolnick1996 "Skolnick 1996, Pharmacopsychiatry"  # an older paper'
        node = _parse(text, PATH, fast=fast).statements[0]
        assert node == SourceDecl(Ref("skolnick1996"), None, "Skolnick 1996, Pharmacopsychiatry")
        assert node.name.span.col == 8

    @pytest.mark.parametrize(
        "text", ["source s", 'source "Skolnick 1996, Pharmacopsychiatry"', "source s pmid:1"]
    )
    def test_source_needs_an_identifier_or_a_title(self, text):
        """Check that a source with neither is a located error whose hint shows both forms."""
        with pytest.raises(ParseError) as caught:
            parse_text(text)
        (diagnostic,) = caught.value.diagnostics
        assert diagnostic.message.startswith("expected '=' or a \"title\" after the source name")
        assert "'source NAME \"title\"' when it has no identifier" in diagnostic.hint

    def test_entity_declaration(self):
        """Check that kind, labels, attributes and comma lists are read."""
        node = one('drug imipramine id=CHEBI:47499, "5-HT1A agonist" "a label" x=1')
        assert node == EntityDecl(
            "drug",
            (
                Declared(Ref("imipramine"), None, (Attribute("id", "CHEBI:47499"),)),
                Declared(Ref("5-HT1A agonist"), "a label", (Attribute("x", "1"),)),
            ),
        )

    def test_plain_entity_list(self):
        node = one("class antidepressant, tricyclic")
        assert node == EntityDecl(
            "class", (Declared(Ref("antidepressant")), Declared(Ref("tricyclic")))
        )

    def test_value_declaration(self):
        node = one('context region cerebral_cortex, "frontal cortex", 14d')
        assert node == ValueDecl(
            "region", (Ref("cerebral_cortex"), Ref("frontal cortex"), Ref("14d"))
        )

    def test_isa_list(self):
        node = one("tricyclic, ssri, ECS isa antidepressant")
        assert node == IsA((Ref("tricyclic"), Ref("ssri"), Ref("ECS")), Ref("antidepressant"))

    def test_include(self):
        assert one('include "sub/other.mg"') == Include("sub/other.mg")

    @pytest.mark.parametrize(
        "text, relation",
        [
            ("a -> b", Relation.INCREASES),
            ("a->b", Relation.INCREASES),
            ("a -| b", Relation.DECREASES),
            ("a-0b", Relation.NO_CHANGE),
            ("a -- b", Relation.ASSOCIATION),
            ("a increases b", Relation.INCREASES),
            ("a decreases b", Relation.DECREASES),
            ("a causesNoChange b", Relation.NO_CHANGE),
            ("a association b", Relation.ASSOCIATION),
        ],
    )
    def test_relations(self, text, relation):
        """Check that arrows and BEL words give the same relation."""
        assert one(text) == Link(Ref("a"), relation, Ref("b"))

    def test_full_link(self):
        node = one(
            'antidepressant -> NMDA_adaptation [duration=chronic, dose=10mg/kg, region="frontal cortex"]'
            " @skolnick1996 @pmid:8852531 status=hypothesis"
        )
        assert node == Link(
            Ref("antidepressant"),
            Relation.INCREASES,
            Ref("NMDA_adaptation"),
            (
                Qualifier("duration", "chronic"),
                Qualifier("dose", "10mg/kg"),
                Qualifier("region", "frontal cortex"),
            ),
            (Evidence("skolnick1996"), Evidence("pmid:8852531")),
            Status.HYPOTHESIS,
        )
        assert node.evidence[1].is_inline

    @pytest.mark.parametrize("word", ["source", "drug", "context", "include", "hypothesis", "isa"])
    def test_keywords_are_names_elsewhere(self, word):
        """Check that a declaration keyword before a relation is a plain name."""
        assert one(f"{word} -> effect") == Link(Ref(word), Relation.INCREASES, Ref("effect"))

    def test_kind_as_isa_member(self):
        assert one("drug isa class") == IsA((Ref("drug"),), Ref("class"))

    def test_quoted_names_with_escapes(self):
        node = one(r'"say \"hi\"" -> "a\\b"')
        assert (node.subject.name, node.object.name) == ('say "hi"', "a\\b")


class TestLayout:
    def test_hypothesis_block(self):
        """Check that indented statements belong to the block above them."""
        text = (
            "hypothesis fcp @skolnick1996: # header\n"
            "    every antidepressant reaches effect through NMDA_adaptation [duration=chronic]\n"
            "\n"
            "# a note\n"
            "    no antidepressant reaches NMDA_adaptation [duration=acute]\n"
            "    some ssri reaches effect\n"
            "    sign of antidepressant to effect is -\n"
            "    consistent\n"
            "drug x\n"
        )
        block, decl = parse_text(text).statements
        assert decl == EntityDecl("drug", (Declared(Ref("x")),))
        assert block == Hypothesis(
            Ref("fcp"),
            (
                Comment(" header", trailing=True),
                Reaches(
                    Quantifier.EVERY,
                    Ref("antidepressant"),
                    Ref("effect"),
                    Ref("NMDA_adaptation"),
                    (Qualifier("duration", "chronic"),),
                ),
                Comment(" a note"),
                Reaches(
                    Quantifier.NO,
                    Ref("antidepressant"),
                    Ref("NMDA_adaptation"),
                    None,
                    (Qualifier("duration", "acute"),),
                ),
                Reaches(Quantifier.SOME, Ref("ssri"), Ref("effect")),
                SignOf(Ref("antidepressant"), Ref("effect"), Sign.NEGATIVE),
                Consistent(),
            ),
            (Evidence("skolnick1996"),),
        )

    def test_comment_after_block_stays_outside(self):
        text = "hypothesis h:\n    consistent\n\n# after\ndrug x\n"
        statements = parse_text(text).statements
        assert [type(s) for s in statements] == [Hypothesis, Blank, Comment, EntityDecl]

    def test_blank_runs_collapse_and_edges_drop(self):
        text = "\n\n# a\n\n\n\ndrug x   # trailing\n\n\n"
        assert parse_text(text).statements == (
            Comment(" a"),
            Blank(),
            EntityDecl("drug", (Declared(Ref("x")),)),
            Comment(" trailing", True),
        )

    def test_spans(self):
        """Check that every node knows its file, line and column."""
        rules = parse_text("\n\nimipramine  ->  NMDA [d=x] @s  # c\n", file="f.mg")
        link, comment = rules.statements
        assert link.span == Span("f.mg", 3, 1)
        assert link.object.span == Span("f.mg", 3, 17)
        assert link.context[0].span == Span("f.mg", 3, 23)
        assert link.evidence[0].span == Span("f.mg", 3, 28)
        assert comment.span == Span("f.mg", 3, 32)

    def test_crlf(self):
        assert parse_text("drug a\r\ndrug b\r\n") == parse_text("drug a\ndrug b\n")


def test_errors_are_collected():
    """Check that three different mistakes give three diagnostics, in line order."""
    text = "drug a\na => b\n  drug c\na -> b [x y]\n"
    with pytest.raises(ParseError) as caught:
        parse_text(text, file="m.mg")
    assert [(d.line, d.code) for d in caught.value.diagnostics] == [
        (2, "unknown-relation"),
        (3, "indentation"),
        (4, "bad-context"),
    ]


# -- properties: fast path == grammar, and no input escapes as anything but our errors ----------


def _outcome(text: str, fast: bool):
    """Everything a parse yields, spans included (they take no part in ==); for a text
    that does not parse, its diagnostics and the file made of the lines that did."""
    try:
        return dataclasses.astuple(_parse(text, PATH, fast=fast))
    except MechgraphError as error:
        partial = getattr(error, "partial", None)
        kept = None if partial is None else (dataclasses.astuple(partial), partial.unparsed_names)
        return [d.to_dict() for d in error.diagnostics], kept


@given(st.one_of(near_miss_texts(), rule_texts().map(lambda case: case[0])))
def test_fast_path_equals_grammar(text):
    """Check that the regex fast path gives the very AST, spans and errors of the grammar."""
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def _check_located(text: str, error: MechgraphError) -> None:
    lines = text.split("\n")
    assert error.diagnostics
    for d in error.diagnostics:
        if d.line:
            assert 1 <= d.line <= len(lines)
            assert 1 <= d.col <= len(lines[d.line - 1]) + 1
            assert d.snippet is not None and d.format()


@given(st.one_of(st.text(), near_miss_texts(), st.binary().map(lambda b: b.decode("latin-1"))))
def test_any_text_parses_or_fails_located(text):
    """Check that no text raises anything but a located MechgraphError."""
    try:
        parse_text(text)
    except MechgraphError as error:
        _check_located(text, error)


@given(st.binary())
def test_any_bytes_parse_or_fail(data):
    try:
        parse_text(data)
    except MechgraphError as error:
        assert error.diagnostics


@pytest.mark.parametrize(
    "text",
    [
        "a -> " + "b" * 1_000_000,
        "a -> b [" + "[" * 100_000,
        "(" * 50_000 + "a",
        "\0\0\0",
        "drug \ud800",
        '"' * 10_001,
        "hypothesis h:\n" + "    every a reaches\n" * 300,
    ],
)
def test_hostile_inputs(text):
    """Check that huge lines, deep brackets, NULs and surrogates give diagnostics, never a crash."""
    try:
        parse_text(text)
    except MechgraphError as error:
        _check_located(text, error)
        assert len(error.diagnostics) <= 51


def test_diagnostics_are_capped():
    """Check that only 50 diagnostics are shown, then a note with the rest."""
    with pytest.raises(ParseError) as caught:
        parse_text("a => b\n" * 70)
    diagnostics = caught.value.diagnostics
    assert len(diagnostics) == 51
    assert diagnostics[-1].message == "… 20 more errors in <input> (not shown)"
    assert diagnostics[-1].omitted == 20 and diagnostics[-1].severity.value == "note"
