"""The grammar of one line of a rule file, in pyparsing.

A rule file is a sequence of lines; the parser (:mod:`mechgraph.language.parser`)
splits the text into lines once, handles layout (blank lines, comment
lines, indentation of hypothesis blocks) and parses each line with
:data:`statement_line` or, inside a hypothesis block, :data:`hypothesis_line`.
This module knows nothing of the AST: it yields ``ParseResults`` whose parse
actions only convert scalars (unquote strings, drop the ``@`` and ``#``).

BNF (``{x}`` zero or more, ``[x]`` optional, ``|`` first match wins)::

    file            ::= { line NEWLINE }
    line            ::= blank | comment | statement_line | INDENT hypothesis_line
    statement_line  ::= statement [comment] END
    statement       ::= include | source | value_decl | hypothesis_header
                      | experiment_header | entity_decl | isa | link
    include         ::= "include" STRING
    source          ::= "source" name ("=" PREFIX_ID [STRING] | STRING)
    value_decl      ::= "context" KEY ":" DIMENSION
                      | "context" KEY named {"," named}
    named           ::= value ["=" KEY condition]       (chronic = period>=14d)
    entity_decl     ::= KIND entry {"," entry}
    entry           ::= name [STRING] {KEY "=" value}
    hypothesis_header ::= "hypothesis" name {evidence} ":"
    experiment_header ::= "experiment" name [context] {evidence} ":"
    isa             ::= name {"," name} "isa" name
    link            ::= name RELATION name [context] {evidence} ["status" "=" STATUS]
                        {KEY "=" value}            (KEY other than status)
    context         ::= "[" pair {"," pair} "]"
    pair            ::= KEY condition
    condition       ::= "=" value | (">=" | "<=") QUANTITY
    evidence        ::= "@" REFERENCE
    hypothesis_line ::= (reaches | sign_of | consistent) [comment] END
    consistent      ::= "consistent" ["with" name {"," name}]
    experiment_line ::= (inputs | observed) [comment] END
    inputs          ::= "input" name {"," name}
    observed        ::= name {"," name} "=" OBSERVED {evidence}
    reaches         ::= ("every" | "some" | "no") name "reaches" name
                        ["through" name] [context]
    sign_of         ::= "sign" "of" name "to" name "is" ("+" | "-") [context]
    name            ::= BARE | STRING
    value           ::= VALUE | STRING
    comment         ::= "#" any text to the end of the line

    KIND      ::= drug | treatment | receptor | protein | gene | process
                | phenotype | disease | anatomy | class | entity
    RELATION  ::= "->" | "-|" | "-0" | "--"
                | increases | decreases | causesNoChange | association
    STATUS    ::= hypothesis | observed
    OBSERVED  ::= "+" | "-" | "0" | notPlus | notMinus | change | MIN | MAX
    BARE      ::= [A-Za-z_][A-Za-z0-9_.]*
    KEY       ::= BARE
    value     ::= QUANTITY_SPACED | VALUE | STRING
    VALUE     ::= [A-Za-z0-9_µμ][A-Za-z0-9_.:/%µμ°-]*  (14d, 10mg/kg, 5..20mg/kg, CHEBI:47499)
    QUANTITY  ::= NUMBER [".." NUMBER] [BLANKS] [UNIT]   (14d, 2 wk, 5..20 mg/kg)
    QUANTITY_SPACED ::= NUMBER [".." NUMBER] BLANKS UNIT  (its blanks are dropped: 2wk)
    NUMBER    ::= [0-9]+ ["." [0-9]+]
    UNIT      ::= [A-Za-zµμ°%][A-Za-z0-9µμ°%/*^_]*
    DIMENSION ::= UNIT                                   (time, concentration, mg/kg)
    ID        ::= [A-Za-z0-9_./()<>;+-]+
    REFERENCE ::= BARE {":" ID}                 (skolnick1996, pmid:8852531)
    PREFIX_ID ::= BARE ":" ID {":" ID}          (doi:10.1016/0014-2999(90)90204-J)
    STRING    ::= '"' {any char but '"' or '\\' | '\\"' | '\\\\'} '"'

Spaces and tabs separate tokens (other control characters are refused by
the parser); an arrow followed by another operator character (``->>``) is
no arrow.  A keyword of a declaration (``drug``, ``source``, ``context``, ...)
only starts a declaration when the next token is not a relation, ``isa`` or
``,``: ``source -> effect`` is a link from an entity called ``source``.
The hot statement forms also exist as whole-line regular expressions
(:data:`LINK_LINE`, :data:`ISA_LINE`, :data:`DECL_LINE`, :data:`SOURCE_LINE`,
:data:`VALUES_LINE`, hypothesis headers and statements) built from the same tokens, for the
parser's fast path.

>>> statement_line.parse_string("imipramine -> NMDA_adaptation @skolnick1996")["relation"]
'->'
>>> hypothesis_line.parse_string("every antidepressant reaches effect")["quantifier"]
'every'
"""

from __future__ import annotations

import re
import string

import pyparsing as pp

from mechgraph.language.syntax import ENTITY_KINDS, LEVELS, OBSERVED_VALUES

__all__ = [
    "BARE",
    "QUOTED",
    "VALUE",
    "QUANTITY",
    "BOUND",
    "REFERENCE",
    "REFERENCE_ID",
    "ARROW",
    "RELATION_WORDS",
    "KEYWORDS",
    "IDENT_CHARS",
    "NOT_IDENT",
    "unquote",
    "statement_line",
    "hypothesis_line",
    "NAME_TOKEN",
    "PAIR",
    "LINK_LINE",
    "ISA_LINE",
    "DECL_LINE",
    "ENTRY",
    "SOURCE_LINE",
    "VALUES_LINE",
    "VALUE_TOKEN",
    "NAMED_TOKEN",
    "DIMENSION_LINE",
    "squeeze",
    "REACHES_LINE",
    "SIGN_LINE",
    "CONSISTENT_LINE",
    "HEADER_LINE",
    "experiment_line",
    "OBSERVED_WORDS",
]

# Lexical fragments (regular-expression source), shared with the parser's
# fast path so both read exactly the same tokens.  Possessive quantifiers:
# a token never gives characters back, as a pyparsing Regex never does.
BARE = r"[A-Za-z_][A-Za-z0-9_.]*+"
QUOTED = r'"(?:[^"\\]|\\["\\])*+"'
VALUE = r"[A-Za-z0-9_µμ][A-Za-z0-9_.:/%µμ°-]*+"
_NUMBER = r"\d++(?:\.\d++)?+"
_UNIT = r"[A-Za-zµμ°%][A-Za-z0-9µμ°%/*^_]*+"
#: A quantity with blanks before its unit (``2 wk``, ``5..20 mg/kg``); others are VALUEs.
QUANTITY = rf"{_NUMBER}(?:\.\.{_NUMBER})?+[ \t]++{_UNIT}(?![A-Za-z0-9_.:/%µμ°-]|[ \t]*+[=<>])"
#: A bound's operator and quantity (``>=14d``, ``<= 1 d``).
BOUND = rf"(?:>=|<=)[ \t]*+{_NUMBER}(?:[ \t]*+{_UNIT})?+(?![A-Za-z0-9_.:/%µμ°-])"
#: ``prefix:id`` ids may hold what DOIs hold (``doi:10.1016/0014-2999(90)90204-J``), but no ``#``.
REFERENCE_ID = r"[A-Za-z0-9_./()<>;+-]++"
REFERENCE = rf"[A-Za-z_][A-Za-z0-9_.]*+(?::{REFERENCE_ID})*+"
#: An arrow is only an arrow when no other operator character follows (``->>`` is not).
ARROW = r"(?:->|-\||-0|--)(?![-<>=|~])"
RELATION_WORDS = ("increases", "decreases", "causesNoChange", "association")
IDENT_CHARS = string.ascii_letters + string.digits + "_."

#: Every word that is a keyword somewhere; a name equal to one is written quoted.
KEYWORDS = frozenset(
    (
        *ENTITY_KINDS,
        *RELATION_WORDS,
        "isa",
        "source",
        "include",
        "context",
        "hypothesis",
        "status",
        "every",
        "some",
        "no",
        "reaches",
        "through",
        "sign",
        "of",
        "to",
        "is",
        "consistent",
        "observed",
        "experiment",
        "input",
        "with",
    )
)

#: Not followed by a character of a bare name: the end of a keyword.
NOT_IDENT = r"(?![A-Za-z0-9_.])"

_ESCAPE = re.compile(r"\\([\"\\])")


def unquote(text: str) -> str:
    """The text of a quoted string: quotes removed, escapes resolved.

    >>> unquote(r'"say \\"hi\\""')
    'say "hi"'
    """
    return _ESCAPE.sub(r"\1", text[1:-1])


_BLANKS = re.compile(r"[ \t]+")


def squeeze(text: str) -> str:
    """A quantity or bound without its blanks: ``2 wk`` → ``2wk``, ``>= 14 d`` → ``>=14d``.

    >>> squeeze(">= 5..20 mg/kg")
    '>=5..20mg/kg'
    """
    return _BLANKS.sub("", text)


def _kw(word: str) -> pp.ParserElement:
    return pp.Keyword(word, ident_chars=IDENT_CHARS).set_name(f"'{word}'")


def _lit(symbol: str, name: str | None = None) -> pp.ParserElement:
    return pp.Suppress(symbol).set_name(name or f"'{symbol}'")


def _at(expr: pp.ParserElement) -> pp.ParserElement:
    """``expr`` with its start offset (``locn_start``) for the node's span."""
    return pp.Group(pp.Located(expr)).set_name(expr.name)


def _listed(expr: pp.ParserElement, name: str) -> pp.ParserElement:
    return pp.Group(expr + pp.ZeroOrMore(_lit(",") - expr)).set_name(name)


string_ = pp.Regex(QUOTED).set_name("a quoted string").set_parse_action(lambda t: unquote(t[0]))
bare = pp.Regex(BARE).set_name("a name")
name = (bare | string_).set_name("a name")
key = pp.Regex(BARE).set_name("a key")
quantity = pp.Regex(QUANTITY).set_parse_action(lambda t: squeeze(t[0]))
value = (string_ | quantity | pp.Regex(VALUE)).set_name("a value")
bound = (
    pp.Regex(BOUND)
    .set_name("a bound >=QUANTITY or <=QUANTITY")
    .set_parse_action(lambda t: squeeze(t[0]))
)
source_reference = pp.Regex(rf"{BARE}(?::{REFERENCE_ID})++").set_name(
    "a reference prefix:id (pmid:8852531)"
)
evidence = _at(pp.Regex("@" + REFERENCE).set_parse_action(lambda t: t[0][1:])).set_name(
    "evidence (@source or @prefix:id)"
)
comment = pp.Regex(r"#.*").set_name("a comment").set_parse_action(lambda t: t[0][1:].rstrip(" \t"))
end = pp.StringEnd().set_name("end of line")

_RELATION = "a relation (->, -|, -0, --, increases, ...)"
relation = (pp.Regex(ARROW) | pp.MatchFirst([_kw(word) for word in RELATION_WORDS])).set_name(
    _RELATION
)
isa_kw = _kw("isa")
kind = pp.MatchFirst([_kw(k) for k in ENTITY_KINDS]).set_name("an entity kind")

#: A declaration keyword commits only when what follows is not a link or an isa.
_not_decl = ~(relation | isa_kw | pp.Literal(","))

pair = pp.Group(
    _at(key)("key")
    - (bound("value") | _lit("=") - value("value")).set_name("'=' in a context pair")
).set_name("a context pair key=value")
context = (
    _lit("[", "'['")
    - _listed(pair, "a context pair key=value")("context")
    - _lit("]", "',' or ']' to close the context")
).set_name("a context [key=value, ...]")
evidence_list = pp.Group(pp.ZeroOrMore(evidence))("evidence")

include = _kw("include")("include") + _not_decl - _at(string_)("path")
#: ``source NAME = prefix:id ["title"]``, or ``source NAME "title"`` (no identifier).
source = (
    _kw("source")("source")
    + _not_decl
    - _at(name)("name")
    - (
        _lit("=") - source_reference("reference") - pp.Opt(string_("title")) | string_("title")
    ).set_name("'=' or a \"title\" after the source name")
)
dimension = pp.Regex(_UNIT).set_name("a dimension (time, concentration, mg/kg)")
named = pp.Group(
    _at(value)("value")
    + pp.Opt(
        _lit("=")
        - _at(key)("target")
        - (bound("condition") | _lit("=") - value("condition")).set_name("a condition >=14d")
    )
).set_name("a value")
value_decl = (
    _kw("context")("value_decl")
    + _not_decl
    - key("key")
    - (_lit(":", "':'") - dimension("dimension") | _listed(named, "a value")("values")).set_name(
        "a value, or ':' and a dimension"
    )
)
attribute = pp.Group(_at(key)("key") + _lit("=") - value("value")).set_name(
    "an attribute key=value"
)
entry = pp.Group(
    _at(name)("name") + pp.Opt(string_("label")) + pp.Group(pp.ZeroOrMore(attribute))("attributes")
).set_name("a declared name")
entity_decl = _at(kind)("kind") + _not_decl - _listed(entry, "a declared name")("entries")
hypothesis_header = (
    _kw("hypothesis")("hypothesis")
    + _not_decl
    - _at(name)("name")
    - evidence_list
    - _lit(":", "':' to end the hypothesis header")
)
experiment_header = (
    _kw("experiment")("experiment")
    + _not_decl
    - _at(name)("name")
    - pp.Opt(context)
    - evidence_list
    - _lit(":", "':' to end the experiment header")
)
status = (
    _kw("status")
    - _lit("=", "'=' after status")
    - (_kw("hypothesis") | _kw("observed")).set_name("hypothesis or observed")("status")
)
isa_tail = (
    pp.Group(pp.ZeroOrMore(_lit(",") - _at(name)))("members") + isa_kw("isa") - _at(name)("parent")
)
link_attribute = pp.Group(~_kw("status") + _at(key)("key") + _lit("=") - value("value")).set_name(
    "a link attribute key=value"
)
link_tail = (
    relation("relation")
    - _at(name)("object")
    - pp.Opt(context)
    - evidence_list
    - pp.Opt(status)
    - pp.Group(pp.ZeroOrMore(link_attribute))("attributes")
)
by_name = _at(name)("subject") - (isa_tail | link_tail).set_name(f"{_RELATION} or isa")
statement = (
    include | source | value_decl | hypothesis_header | experiment_header | entity_decl | by_name
).set_name("a statement")
#: One top-level line: a statement, then an optional comment.
statement_line = (statement + pp.Opt(_at(comment)("comment")) + end).parse_with_tabs()

quantifier = (_kw("every") | _kw("some") | _kw("no")).set_name("every, some or no")
reaches = (
    quantifier("quantifier")
    - _at(name)("members")
    - _kw("reaches")
    - _at(name)("target")
    - pp.Opt(_kw("through") - _at(name)("through"))
    - pp.Opt(context)
)
sign_of = (
    _kw("sign")("sign_of")
    - _kw("of")
    - _at(name)("members")
    - _kw("to")
    - _at(name)("target")
    - _kw("is")
    - pp.Regex(r"[-+](?![-+])").set_name("a sign + or -")("sign")
    - pp.Opt(context)
)
consistent = _kw("consistent")("consistent") + pp.Opt(
    _kw("with")("with") - _listed(_at(name), "an experiment name")("experiments")
)
hypothesis_statement = (reaches | sign_of | consistent).set_name(
    "a hypothesis statement (every|some|no ..., sign of ..., consistent)"
)
#: One indented line of a hypothesis block.
hypothesis_line = (hypothesis_statement + pp.Opt(_at(comment)("comment")) + end).parse_with_tabs()


# The hot statement forms as whole-line regular expressions, built from the
# tokens above; the parser reads a line that one of them matches without
# pyparsing.  They accept a subset of what the pyparsing grammar accepts and
# must read it the same way (tests/test_parser.py proves it on random input).
_SP = r"[ \t]*"
_NAME = f"(?:{BARE}|{QUOTED})"
_WORDS = "|".join(RELATION_WORDS)
_VALUE = f"(?:{QUOTED}|{QUANTITY}|{VALUE})"
_PAIR = f"{BARE}{_SP}={_SP}{_VALUE}"
_CONDITION_PAIR = f"{BARE}{_SP}(?:={_SP}{_VALUE}|{BOUND})"
_END = f"{_SP}(?:#(?P<comment>.*))?"
#: An optional ``[k=v, ...]`` after a link or a hypothesis statement.
_CONTEXT = (
    f"(?:{_SP}\\[{_SP}(?P<context>{_CONDITION_PAIR}(?:{_SP},{_SP}{_CONDITION_PAIR})*){_SP}\\])?"
)
#: One name (bare or quoted) at a time, to split a matched list.
NAME_TOKEN = re.compile(_NAME)
#: One context pair, to split a matched context that holds quoted values.
PAIR = re.compile(f"(?P<key>{BARE}){_SP}(?:={_SP}(?P<value>{_VALUE})|(?P<bound>{BOUND}))")
#: ``subject REL object [k=v, ...] @evidence ... status=... key=value ... # comment``
LINK_LINE = re.compile(
    f"(?P<subject>{_NAME}){_SP}(?P<relation>{ARROW}|(?:{_WORDS}){NOT_IDENT})"
    f"{_SP}(?P<object>{_NAME}){_CONTEXT}"
    f"(?:{_SP}@(?P<evidence>{REFERENCE})(?P<more_evidence>(?:{_SP}@{REFERENCE})*))?"
    f"(?:{_SP}status{_SP}={_SP}(?P<status>hypothesis|observed){NOT_IDENT})?"
    f"(?P<attributes>(?:{_SP}(?!status{NOT_IDENT}){_PAIR})*){_END}"
)
#: ``name, name, ... isa parent # comment``
ISA_LINE = re.compile(
    f"(?P<members>{_NAME}(?:{_SP},{_SP}{_NAME})*){_SP}isa{NOT_IDENT}{_SP}(?P<parent>{_NAME}){_END}"
)
#: A keyword is a declaration's only when no relation or ``isa`` follows it.
_DECLARES = f"{NOT_IDENT}{_SP}(?!(?:isa|{_WORDS}){NOT_IDENT})"
#: ``name "label" key=value ...``: one entry of a declaration.
_ENTRY = f"{_NAME}(?:{_SP}{QUOTED})?(?:{_SP}{_PAIR})*"
#: One entry at a time, to split a matched declaration.
ENTRY = re.compile(
    f"(?P<name>{_NAME})(?:{_SP}(?P<label>{QUOTED}))?(?P<attributes>(?:{_SP}{_PAIR})*)"
)
#: ``KIND entry, entry, ... # comment``
DECL_LINE = re.compile(
    f"(?P<kind>{'|'.join(ENTITY_KINDS)}){_DECLARES}"
    f"(?P<entries>{_ENTRY}(?:{_SP},{_SP}{_ENTRY})*){_END}"
)
#: ``source name = prefix:id "title" # comment`` or ``source name "title"``; a match
#: with neither a reference nor a title is no source line (the grammar reports it).
SOURCE_LINE = re.compile(
    f"source{_DECLARES}(?P<name>{_NAME})"
    f"(?:{_SP}={_SP}(?P<reference>{BARE}(?::{REFERENCE_ID})++))?"
    f"(?:{_SP}(?P<title>{QUOTED}))?{_END}"
)
#: ``context key value, value, ... # comment``
_NAMED = f"{_VALUE}(?:{_SP}={_SP}{BARE}{_SP}(?:={_SP}{_VALUE}|{BOUND}))?"
VALUES_LINE = re.compile(
    f"context{_DECLARES}(?P<key>{BARE}){_SP}(?P<values>{_NAMED}(?:{_SP},{_SP}{_NAMED})*){_END}"
)
#: ``context key: dimension # comment``
DIMENSION_LINE = re.compile(
    f"context{_DECLARES}(?P<key>{BARE}){_SP}:{_SP}(?P<dimension>{_UNIT}){_END}"
)
#: One declared value and its definition, to split a matched ``context`` line.
NAMED_TOKEN = re.compile(
    f"(?P<value>{_VALUE})(?:{_SP}={_SP}(?P<target>{BARE}){_SP}"
    f"(?:={_SP}(?P<condition>{_VALUE})|(?P<bound>{BOUND})))?"
)
#: One value (quoted or not) at a time, to split a matched ``context`` line.
VALUE_TOKEN = re.compile(_VALUE)
#: ``    every|some|no C reaches T [through X] [k=v, ...] # comment`` (in a hypothesis block)
REACHES_LINE = re.compile(
    f"{_SP}(?P<quantifier>every|some|no){NOT_IDENT}{_SP}(?P<members>{_NAME}){_SP}"
    f"reaches{NOT_IDENT}{_SP}(?P<target>{_NAME})"
    f"(?:{_SP}through{NOT_IDENT}{_SP}(?P<through>{_NAME}))?{_CONTEXT}{_END}"
)
#: ``    sign of C to T is +|- [k=v, ...] # comment`` (in a hypothesis block)
SIGN_LINE = re.compile(
    f"{_SP}sign{NOT_IDENT}{_SP}of{NOT_IDENT}{_SP}(?P<members>{_NAME}){_SP}to{NOT_IDENT}{_SP}"
    f"(?P<target>{_NAME}){_SP}is{NOT_IDENT}{_SP}(?P<sign>[-+])(?![-+]){_CONTEXT}{_END}"
)
#: ``    consistent # comment`` (in a hypothesis block)
CONSISTENT_LINE = re.compile(f"{_SP}consistent{NOT_IDENT}{_END}")
#: ``hypothesis NAME @evidence ...: # comment``, the header of a hypothesis block
HEADER_LINE = re.compile(
    f"hypothesis{_DECLARES}(?P<name>{_NAME})(?P<evidence>(?:{_SP}@{REFERENCE})*){_SP}:{_END}"
)


#: The words an observation may end with: a change, or a starting level.
OBSERVED_WORDS = (*OBSERVED_VALUES, *LEVELS)
_observed_value = pp.MatchFirst(
    [pp.Regex(r"[-+0](?![-+0A-Za-z0-9_.])")]
    + [_kw(word) for word in OBSERVED_WORDS if word[0].isalpha()]
).set_name("an observed value (+, -, 0, notPlus, notMinus, change, MIN or MAX)")
inputs = (
    _kw("input")("input")
    + ~pp.Literal("=")
    + ~pp.Literal(",")
    - _listed(_at(name), "a perturbed entity")("names")
)
observed = (
    _listed(_at(name), "an observed entity")("names")
    - _lit("=", "'=' and an observed value")
    - _observed_value("value")
    - evidence_list
)
experiment_statement = (inputs | observed).set_name(
    "an experiment statement (input NAME, ... or NAME, ... = VALUE)"
)
#: One indented line of an experiment block.
experiment_line = (experiment_statement + pp.Opt(_at(comment)("comment")) + end).parse_with_tabs()
