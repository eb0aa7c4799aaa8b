"""Hypothesis strategies for rule files: random ASTs and random valid rule text.

``rule_files()`` draws a :class:`RuleFile` in canonical form (what the parser
produces: no blank run at either end, trailing comments only after a
statement); ``rule_texts()`` draws ``(text, rule_file)`` where ``text`` is a
valid, deliberately untidy spelling of ``rule_file`` (odd spacing, tabs, BEL
words, ``a->b``, CRLF, extra blank lines, uneven indentation).
Other test modules reuse them.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from mechgraph.language.formatter import format_rule_file
from mechgraph.language.grammar import KEYWORDS
from mechgraph.language.syntax import (
    ENTITY_KINDS,
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
    RuleFile,
    Sign,
    SignOf,
    SourceDecl,
    Status,
    ValueDecl,
)

__all__ = [
    "names",
    "values",
    "refs",
    "links",
    "statements",
    "hypotheses",
    "rule_files",
    "rule_texts",
    "PATH",
]

#: The path every generated RuleFile carries (pass it as ``file=`` when parsing).
PATH = "gen.mg"

bare_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,8}", fullmatch=True)
#: Any one-line text: no control characters (the parser refuses them) nor surrogates.
free_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
names = st.one_of(bare_names, st.sampled_from(sorted(KEYWORDS)), free_text)
keys = bare_names.filter(lambda k: k not in KEYWORDS)
values = st.one_of(st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.:/%-]{0,8}", fullmatch=True), free_text)
#: Quantities as a context value holds them: ``14d``, ``5..20mg/kg``, ``5µM``.
quantities = st.from_regex(
    r"[0-9]{1,3}(\.[0-9])?(\.\.[0-9]{1,3})?(d|h|wk|mg/kg|µM|nM|%)?", fullmatch=True
)
bounds = st.builds(
    lambda op, q: op + q,
    st.sampled_from([">=", "<="]),
    st.from_regex(r"[0-9]{1,3}(\.[0-9])?(d|h|wk|mg/kg|µM)?", fullmatch=True),
)
condition_values = st.one_of(values, quantities, bounds)
references = st.from_regex(
    r"[A-Za-z_][A-Za-z0-9_.]{0,6}(:[A-Za-z0-9_./()<>;+-]{1,8}){0,2}", fullmatch=True
)
source_references = st.from_regex(
    r"[A-Za-z_][A-Za-z0-9_.]{0,6}(:[A-Za-z0-9_./()<>;+-]{1,8}){1,2}", fullmatch=True
)
comment_texts = free_text.map(lambda s: s.rstrip(" \t"))
refs = st.builds(Ref, names)
evidence = st.lists(st.builds(Evidence, references), max_size=2).map(tuple)
contexts = st.lists(st.builds(Qualifier, keys, condition_values), max_size=3).map(tuple)


def _tuple(element, min_size=0, max_size=3):
    return st.lists(element, min_size=min_size, max_size=max_size).map(tuple)


links = st.builds(
    Link,
    refs,
    st.sampled_from(Relation),
    refs,
    contexts,
    evidence,
    st.sampled_from(Status),
    attributes=_tuple(st.builds(Attribute, keys, values), max_size=2),
)
declared = st.builds(
    Declared, refs, st.none() | free_text, _tuple(st.builds(Attribute, keys, values), max_size=2)
)
plain_statements = st.one_of(
    links,
    st.builds(IsA, _tuple(refs, 1), refs),
    st.builds(EntityDecl, st.sampled_from(ENTITY_KINDS), _tuple(declared, 1)),
    st.builds(ValueDecl, keys, _tuple(st.builds(Ref, values), 1)),
    st.builds(
        ValueDecl, keys, st.just(()), dimension=st.sampled_from(["time", "mg/kg", "µM", "mass"])
    ),
    st.builds(
        lambda key, named, target: ValueDecl(
            key,
            tuple(Ref(name) for name, _ in named),
            defined=tuple((name, Qualifier(target, c)) for name, c in named if c is not None),
        ),
        keys,
        st.lists(
            st.tuples(bare_names, st.none() | condition_values),
            min_size=1,
            max_size=3,
            unique_by=lambda t: t[0],
        ),
        keys,
    ),
    st.builds(SourceDecl, refs, source_references, st.none() | free_text),
    st.builds(SourceDecl, refs, st.none(), free_text),  # by title alone
    st.builds(Include, free_text),
)
hypothesis_statements = st.one_of(
    st.builds(Reaches, st.sampled_from(Quantifier), refs, refs, st.none() | refs, contexts),
    st.builds(SignOf, refs, refs, st.sampled_from([Sign.POSITIVE, Sign.NEGATIVE]), contexts),
    st.just(Consistent()),
)


def _with_comments(statement):
    """A statement and maybe its trailing comment, or a comment line of its own."""
    trailing = st.builds(lambda s, c: (s, Comment(c, True)), statement, comment_texts)
    return st.one_of(
        statement.map(lambda s: (s,)), trailing, comment_texts.map(lambda c: (Comment(c),))
    )


@st.composite
def hypotheses(draw) -> Hypothesis:
    """A hypothesis block with at least one real statement."""
    header = draw(st.lists(comment_texts.map(lambda c: Comment(c, True)), max_size=1))
    body = [
        node
        for unit in draw(st.lists(_with_comments(hypothesis_statements), min_size=1, max_size=4))
        for node in unit
    ]
    if all(isinstance(node, Comment) for node in body):
        body.append(draw(hypothesis_statements))
    return Hypothesis(draw(refs), tuple(header + body), draw(evidence))


statements = st.one_of(plain_statements, hypotheses())


@st.composite
def rule_files(draw, max_size: int = 8) -> RuleFile:
    """A RuleFile in canonical form."""
    units = draw(
        st.lists(
            st.one_of(
                _with_comments(plain_statements),
                hypotheses().map(lambda h: (h,)),
                st.just((Blank(),)),
            ),
            max_size=max_size,
        )
    )
    nodes = []
    for node in (node for unit in units for node in unit):
        if isinstance(node, Blank) and (not nodes or isinstance(nodes[-1], Blank)):
            continue
        nodes.append(node)
    while nodes and isinstance(nodes[-1], Blank):
        nodes.pop()
    return RuleFile(PATH, tuple(nodes))


_ARROWS = {"->": "increases", "-|": "decreases", "-0": "causesNoChange", "--": "association"}
_SPACES = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def rule_texts(draw, max_size: int = 8) -> tuple[str, RuleFile]:
    """Untidy but valid rule text and the RuleFile it must parse to."""
    rules = draw(rule_files(max_size))
    out = []
    for line in format_rule_file(rules).split("\n")[:-1]:
        if not line:
            out.extend(draw(st.sampled_from(["", "  "])) for _ in range(draw(st.integers(1, 3))))
            continue
        body = line.lstrip(" ")
        indent = " " * draw(st.integers(1, 8)) if len(body) < len(line) else ""
        out.append(indent + _untidy(draw, body) + draw(st.sampled_from(["", " ", "\t"])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = (
        newline * draw(st.integers(0, 2)) + newline.join(out) + draw(st.sampled_from(["", newline]))
    )
    return text, rules


def _untidy(draw, line: str) -> str:
    """Respell the spaces and arrows of one canonical line outside strings and comments."""
    out, i, quoted = [], 0, False
    while i < len(line):
        ch = line[i]
        if quoted:
            out.append(line[i : i + 2] if ch == "\\" else ch)
            i += 2 if ch == "\\" else 1
            quoted = ch != '"'
            continue
        if ch == "#":
            out.append(line[i:])
            break
        arrow = line[i : i + 2]
        if arrow in _ARROWS and line[i - 1 : i] == " " and line[i + 2 : i + 3] == " ":
            out.append(draw(st.sampled_from([arrow, _ARROWS[arrow]])))
            i += 2
            continue
        if ch == " ":
            around = line[i - 1 : i] + line[i + 1 : i + 2]
            gaps = [" ", "  ", "\t"] + ([""] if set(around) & set(",[]=@#") else [])
            out.append(draw(st.sampled_from(gaps)))
        else:
            out.append(ch)
        quoted = ch == '"'
        i += 1
    return "".join(out)


_PIECES = st.sampled_from(
    list(' \t,[]=@#":\\-><|0+')
    + [
        "isa",
        "increases",
        "drug",
        "status=",
        "->",
        "-0",
        "is a",
        '"x y"',
        "  ",
        "\n",
        "\n    ",
        "hypothesis h:\n",
        "β",
    ]
)


@st.composite
def near_miss_texts(draw):
    """Valid untidy text with a few random edits: mostly lines just off the grammar."""
    text, _ = draw(rule_texts(max_size=5))
    return _edited(draw, text)


def _edited(draw, text: str) -> str:
    """``text`` with up to four edits: a piece of syntax put in, a few characters taken out."""
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(_PIECES) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 4)) :]
    return text


# -- fuzzed rule texts for the reliability suite: cheap to draw, ten thousand at a time -------

#: Every rule file shipped or used as a fixture, as lists of lines.
CORPUS = [
    path.read_text(encoding="utf-8", errors="replace").splitlines()
    for folder in ("rules", "tests/fixtures", "examples")
    for path in sorted((Path(__file__).resolve().parent.parent / folder).rglob("*.mg"))
]
_CORPUS_LINES = sorted({line for lines in CORPUS for line in lines})


@st.composite
def fuzz_texts(draw) -> str:
    """A slice of a real rule file or a jumble of real lines, then up to four edits
    (a piece of syntax put in, a few characters taken out)."""
    if draw(st.booleans()):
        lines = draw(st.sampled_from(CORPUS))
        start = draw(st.integers(0, len(lines)))
        lines = lines[start : start + draw(st.integers(0, 40))]
    else:
        lines = draw(st.lists(st.sampled_from(_CORPUS_LINES), max_size=12))
    return _edited(draw, "\n".join(lines))
