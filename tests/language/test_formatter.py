"""Tests for mechgraph.language.formatter: canonical layout, round trip, idempotence."""

from __future__ import annotations

from hypothesis import given

from mechgraph.language.formatter import format_name, format_rule_file, format_statement
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import Comment, Link, Ref, Relation, RuleFile

from strategies import PATH, rule_files, rule_texts

UNTIDY = """\


# Skolnick 1996
source  s=pmid:8852531   "Adaptation"
drug imipramine,citalopram,"5-HT1A agonist" id=CHEBI:47499    # drugs



imipramine isa  tricyclic
antidepressant increases NMDA_adaptation[duration=chronic,region="frontal cortex"]@s@pmid:1 status = hypothesis
a-0b   status=observed
hypothesis fcp @s:#h
  every antidepressant reaches effect   through NMDA_adaptation [ duration = chronic ]
        sign of a to b is -
"""

CANONICAL = """\
# Skolnick 1996
source s = pmid:8852531 "Adaptation"
drug imipramine, citalopram, "5-HT1A agonist" id=CHEBI:47499  # drugs

imipramine isa tricyclic
antidepressant -> NMDA_adaptation [duration=chronic, region="frontal cortex"] @s @pmid:1 status=hypothesis
a -0 b
hypothesis fcp @s:  #h
    every antidepressant reaches effect through NMDA_adaptation [duration=chronic]
    sign of a to b is -
"""


def test_canonical_layout():
    """Check the canonical layout of an untidy file, line by line."""
    assert format_rule_file(parse_text(UNTIDY)) == CANONICAL


def test_keywords_and_odd_names_are_quoted():
    link = Link(Ref("source"), Relation.ASSOCIATION, Ref("β-adrenoceptor"))
    assert format_statement(link) == '"source" -- "β-adrenoceptor"'


def test_a_source_by_title_alone_keeps_its_form():
    """Check that a source without an identifier is written back without one."""
    text = 'source  s   "Skolnick 1996, Pharmacopsychiatry"\nsource t=pmid:1\n'
    assert format_rule_file(parse_text(text)) == (
        'source s "Skolnick 1996, Pharmacopsychiatry"\nsource t = pmid:1\n'
    )


def test_stray_trailing_comment_gets_its_own_line():
    """Check that a trailing comment with no statement before it is still written."""
    rules = RuleFile("x.mg", (Comment(" lone", trailing=True),))
    assert format_rule_file(rules) == "# lone\n"


def test_empty_file():
    assert format_rule_file(parse_text("\n\n# \n\n")) == "#\n"


@given(rule_files())
def test_parse_of_format_is_identity(rules):
    """Check parse_text(format_rule_file(x)) == x for random ASTs."""
    assert parse_text(format_rule_file(rules), file=PATH) == rules


@given(rule_texts())
def test_untidy_text_parses_to_its_ast(case):
    """Check that random untidy spellings parse to the AST they spell."""
    text, rules = case
    assert parse_text(text, file=PATH) == rules


@given(rule_texts())
def test_format_is_idempotent(case):
    """Check fmt(fmt(t)) == fmt(t) on random valid text."""
    text, _ = case
    once = format_rule_file(parse_text(text))
    assert format_rule_file(parse_text(once)) == once


@given(rule_files())
def test_spans_point_at_the_node(rules):
    """Check that each statement's span column shows the text the node starts with."""
    text = format_rule_file(rules)
    lines = text.split("\n")
    for node in parse_text(text).statements:
        if isinstance(node, Link):
            line = lines[node.span.line - 1]
            assert line[node.subject.span.col - 1 :].startswith(format_name(node.subject))
            assert line[node.object.span.col - 1 :].startswith(format_name(node.object))


def test_link_attributes_round_trip_in_canonical_order():
    """Check that link attributes parse, format after status, and parse back unchanged."""
    text = 'a -> b [x=1] @pmid:1 status=hypothesis predicate="positively correlated with" n=2\n'
    (link,) = parse_text(text, "x.mg").statements
    assert [(a.key, a.value) for a in link.attributes] == [
        ("predicate", "positively correlated with"),
        ("n", "2"),
    ]
    assert format_rule_file(parse_text(text, "x.mg")) == text
