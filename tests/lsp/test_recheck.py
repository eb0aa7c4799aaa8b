"""Diagnostics kept up to date edit by edit equal those of compiling and linting from scratch."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.compiler.lint import lint
from mechgraph.lsp.incremental import IncrementalParse
from mechgraph.lsp.recheck import Recheck

from strategies import rule_texts

_NAMES = ["a", "b", "c", "d", "A", "B", "x", "y", "a2"]
_CONTEXT = [
    *["", " [t=acute]", " [t=chronic]", " [t=early]", " [t=acute, t=chronic]", " [u=1]"],
    *[" [period=14d]", " [period>=3d]", " [period=5mg]", " [period=2..1d]", " [dose>=3]"],
    *[" [u>=2]", " [duration=chronic]", " [duration=chronic, period=3d]", " [dose=1..5mg/kg]"],
]
_HEAD = [
    "source s1 = pmid:1",
    "drug a, b",
    "process c, d",
    "class A, B",
    "context t acute, chronic, early",
    "early isa acute",
    "a, b isa A",
    "A isa B",
    "hypothesis h:\n    every A reaches d\n    a reaches y",
    "experiment e [t=acute] @s1:\n    input a\n    d = +",
    "context period: time",
    "context dose: mg/kg",
    "context duration chronic = period>=14d, acute = period<=1d",
]


def _link(draw, names) -> str:
    relation = draw(st.sampled_from(["->", "-|", "-0", "--"]))
    evidence = draw(st.sampled_from(["", " @s1", " @s2", " @pmid:7"]))
    context = draw(st.sampled_from(_CONTEXT))
    return f"{draw(names)} {relation} {draw(names)}{context}{evidence}"


@st.composite
def _line(draw, names) -> str:
    """Mostly links; sometimes a declaration, a comment, noise or a blank line."""
    kind = draw(st.integers(0, 9))
    if kind < 6:
        return _link(draw, names)
    if kind == 6:
        return draw(st.sampled_from(_HEAD))
    return draw(st.sampled_from(["", "# note", "a => b", "x isa A", "drug y"]))


@st.composite
def _edits(draw):
    """A text of declarations and links, and a few edits of its lines; the links name few
    entities (a class and its members often), so that their lint warnings interact."""
    pool = draw(st.sampled_from([_NAMES, ["a", "A", "B", "d"], ["a", "b", "A"]]))
    names = st.sampled_from(pool)
    lines = draw(st.lists(st.sampled_from(_HEAD), max_size=len(_HEAD), unique=True))
    if pool is not _NAMES:
        lines += ["a, b isa A", "A isa B"]
    lines += draw(
        st.lists(st.builds(_link, st.just(draw), st.just(names)), min_size=1, max_size=12)
    )
    texts = ["\n".join(lines) + "\n"]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "type"]))
        if action == "insert" or not lines:
            lines.insert(at, draw(_line(names)))
        elif action == "delete":
            del lines[min(at, len(lines) - 1)]
        elif action == "replace":
            lines[min(at, len(lines) - 1)] = _link(draw, names)
        else:
            line = lines[min(at, len(lines) - 1)]
            cut = draw(st.integers(0, len(line)))
            lines[min(at, len(lines) - 1)] = (
                line[:cut] + draw(st.sampled_from("q [#@=")) + line[cut:]
            )
        texts.append("\n".join(lines) + "\n")
    return texts


def _scratch(rule_file) -> Counter:
    graph, found = compile_rules([rule_file])
    return Counter(found + lint(graph))


def _follow(texts) -> Recheck:
    parse, recheck = IncrementalParse("a.mg"), Recheck()
    for text in texts:
        parsed = parse.update(text)
        found = recheck.update([parsed.rule_file], [parsed])
        assert found is not None
        assert Counter(found) == _scratch(parsed.rule_file), text
    return recheck


@settings(deadline=None)
@given(_edits())
def test_edit_by_edit_equals_from_scratch(texts):
    """Check that after each random edit the diagnostics equal a compile and lint from scratch."""
    _follow(texts)


@settings(deadline=None)
@given(st.lists(rule_texts(), min_size=2, max_size=4))
def test_any_rules_equal_from_scratch(texts):
    """Check the same on texts of every kind of statement, each replacing the last."""
    _follow([text for text, _ in texts])


def test_a_typed_character_relints_few_pairs():
    """Check that typing in one link line does not rebuild and lints only its pairs again."""
    lines = ["drug a, b", "a -> b"] + [f"a -> n{i}" for i in range(300)]
    texts = ["\n".join(lines), "\n".join(lines).replace("a -> n150", "aq -> n150")]
    recheck = _follow(texts)
    assert recheck.rebuilds == 1 and recheck.relinted <= 4


def test_a_class_link_relints_its_members():
    """Check that a changed link of a class is compared again with its members' links."""
    head = "a isa A\nA isa B\na -> d\n"
    recheck = _follow([head + "A -> d\n", head + "A -| d\n", head + "B -0 d\n", head])
    assert recheck.rebuilds == 1


def test_a_declaration_rebuilds():
    """Check that a changed declaration rebuilds (and still agrees)."""
    recheck = _follow(["drug a\na -> b\n", "drug a, b\na -> b\n"])
    assert recheck.rebuilds == 2


def test_two_files():
    """Check that an edit in one of two files keeps the other file's diagnostics."""
    first, second = IncrementalParse("a.mg"), IncrementalParse("b.mg")
    recheck = Recheck()
    one, two = first.update("drug a\na -> b\n"), second.update("a -| b\nb -> c\n")
    recheck.update([one.rule_file, two.rule_file], [one, two])
    two = second.update("a -| b\nb -> cc\n")
    found = recheck.update([one.rule_file, two.rule_file], [first.update(one.rule_file.text), two])
    graph, compiled = compile_rules([one.rule_file, two.rule_file])
    assert Counter(found) == Counter(compiled + lint(graph))
    assert recheck.rebuilds == 1
