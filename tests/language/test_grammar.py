"""Tests for mechgraph.language.grammar: the pyparsing grammar on its own, without the AST."""

from __future__ import annotations

import re

import pyparsing as pp
import pytest

from mechgraph.language import grammar
from mechgraph.language.grammar import hypothesis_line, statement_line, unquote


def parse(text: str) -> pp.ParseResults:
    return statement_line.parse_string(text, parse_all=True)


def failure(expr: pp.ParserElement, text: str) -> pp.ParseBaseException:
    with pytest.raises(pp.ParseBaseException) as caught:
        expr.parse_string(text, parse_all=True)
    return caught.value


class TestTokens:
    @pytest.mark.parametrize("name", ["a", "_x", "NMDA_adaptation", "GRIN1.a", "x9"])
    def test_bare_names(self, name):
        assert re.fullmatch(grammar.BARE, name)

    @pytest.mark.parametrize("name", ["9a", "5-HT1A", "β", "a-b", ""])
    def test_not_bare(self, name):
        assert not re.fullmatch(grammar.BARE, name)

    @pytest.mark.parametrize("value", ["14d", "10mg/kg", "0.5", "CHEBI:47499", "5%", "a-b"])
    def test_bare_values(self, value):
        assert re.fullmatch(grammar.VALUE, value)

    @pytest.mark.parametrize(
        "reference", ["skolnick1996", "pmid:8852531", "doi:10.1055/s-2007-979537"]
    )
    def test_references(self, reference):
        assert re.fullmatch(grammar.REFERENCE, reference)

    def test_reference_leaves_a_final_colon(self):
        """Check that '@s:' ends a hypothesis header rather than opening an id."""
        assert re.match(grammar.REFERENCE, "pmid:12:")[0] == "pmid:12"

    @pytest.mark.parametrize(
        "text, ok", [("-> b", True), ("-|b", True), ("->> b", False), ("--> b", False)]
    )
    def test_arrows_stand_alone(self, text, ok):
        """Check that an arrow followed by another operator character is no arrow."""
        assert bool(re.match(grammar.ARROW, text)) is ok

    def test_unquote(self):
        assert unquote(r'"a\\b\"c"') == 'a\\b"c'


class TestStatements:
    def test_link_results(self):
        r = parse('a -> "b c" [k=v] @s status=hypothesis  # note')
        assert r["relation"] == "->" and r["object"].value[0] == "b c"
        assert r["context"][0]["value"] == "v" and r["evidence"][0].value[0] == "s"
        assert r["status"] == "hypothesis" and r["comment"].value[0] == " note"

    def test_located_columns_count_tabs_as_one(self):
        """Check that tabs are not expanded, so locations are columns of the line as written."""
        r = parse("a\t->\tb  #c")
        assert r["comment"].locn_start == 8

    def test_keyword_needs_a_word_boundary(self):
        """Check that 'drugs' and 'drug.x' are names, not the kind 'drug'."""
        assert parse("drug.x -> y")["subject"].value[0] == "drug.x"
        assert "kind" not in parse("drugs isa y")

    def test_declaration_keywords_yield_to_links(self):
        assert parse("class -> y")["subject"].value[0] == "class"
        assert parse("source, include isa context")["parent"].value[0] == "context"

    def test_hypothesis_statements(self):
        r = hypothesis_line.parse_string("    no a reaches b through c [d=e]", parse_all=True)
        assert (r["quantifier"], r["through"].value[0]) == ("no", "c")
        assert hypothesis_line.parse_string("sign of a to b is -")["sign"] == "-"


class TestErrorsAreInWords:
    """Check that failures name what was expected, never a dump of the expression."""

    @pytest.mark.parametrize(
        "text, expected",
        [
            ("a => b", "Expected a relation (->, -|, -0, --, increases, ...) or isa"),
            ("a -> ", "Expected a name"),
            ("a -> b [k v]", "Expected '=' in a context pair"),
            ("a -> b [k=v", "Expected ',' or ']' to close the context"),
            ("drug", "Expected a declared name"),
            ("source s = x", "Expected a reference prefix:id (pmid:8852531)"),
            ("hypothesis h", "Expected ':' to end the hypothesis header"),
            ("a -> b ;", "Expected end of line"),
        ],
    )
    def test_statement_messages(self, text, expected):
        assert failure(statement_line, text).msg == expected

    def test_hypothesis_message(self):
        assert failure(hypothesis_line, "all a reaches b").msg == (
            "Expected a hypothesis statement (every|some|no ..., sign of ..., consistent)"
        )

    def test_committed_errors_point_at_the_token(self):
        exc = failure(statement_line, "context region a b")
        assert exc.loc == 17
