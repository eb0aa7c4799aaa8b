"""Tests of mechgraph.compiler.lint: each warning on a small rule text."""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler import lint as lint_module
from mechgraph.compiler.compile import compile_rules
from mechgraph.compiler.lint import lint
from mechgraph.graph.admission import merge
from mechgraph.language.parser import parse_text

HEADER = "context duration acute, chronic\ncontext region cortex, frontal\nfrontal isa cortex\n"


def lint_text(body: str):
    graph, diagnostics = compile_rules([parse_text(HEADER + body, "l.mg")])
    assert not [d for d in diagnostics if d.is_error]
    return lint(graph)


def test_opposite_signs_under_compatible_contexts():
    """Check that -> and -| on one pair contradict unless their contexts exclude each other."""
    [warning] = lint_text(
        "entity a, b\na -> b [duration=chronic, region=cortex]\na -| b [region=frontal]\n"
        "a -| b [duration=acute]\n"
    )
    assert warning.code == "contradiction" and warning.line == 5
    assert warning.message.startswith(
        "`a -> b [duration=chronic, region=cortex]` contradicts `a -| b [region=frontal]` (l.mg:6:1"
    )
    assert warning.snippet == "a -> b [duration=chronic, region=cortex]" and warning.hint


def test_duplicate_pairs_are_not_double_counted():
    """Check that -> and -| in disjoint contexts are silent, and -> twice is no contradiction."""
    assert (
        lint_text(
            "entity a, b\na -> b [duration=acute]\na -| b [duration=chronic]\n"
            "a -> b [duration=acute]\n"
        )
        == []
    )


def test_no_change_against_inherited_claim():
    """Check that a member's -0 claim contradicts its class's signed claim."""
    found = lint_text(
        "class drugs\nentity d, e\nd isa drugs\ndrugs -> e [duration=chronic]\nd -0 e\n"
        "d -0 e [duration=acute]\n"
    )
    [warning] = found
    assert warning.line == 8 and "inherited by d through isa" in warning.message


def test_feedback_pairs():
    """Check regulatory (A -> B, B -| A) and chaotic (A -> B, B -> A) pairs, once each."""
    found = lint_text("entity a, b, c\na -> b\nb -| a\nb -> c\nc -> b\n")
    assert sorted(d.code for d in found) == ["chaotic-pair", "regulatory-pair"]
    regulatory = next(d for d in found if d.code == "regulatory-pair")
    assert regulatory.line == 5  # at the increasing claim


def test_unusable_link():
    """Check that a link whose own context contradicts itself is flagged."""
    [warning] = lint_text("entity a, b\na -> b [duration=acute, duration=chronic]\n")
    assert warning.code == "unusable-link" and "holds under no context" in warning.message


def test_orphans():
    """Check that a declared entity in no link and no isa is an orphan; linked ones are not."""
    [warning] = lint_text("entity a, b, lonely\na -> b\n")
    assert warning.code == "orphan" and "`lonely`" in warning.message and warning.col == 14


def test_no_orphan_among_names_of_lines_that_did_not_parse():
    """Check that an entity whose links may be on unparsed lines is not called an orphan."""
    rules = parse_text("entity a, b, lonely\na -> b\n", "l.mg")
    graph, _ = compile_rules([dataclasses.replace(rules, unparsed_names=frozenset({"lonely"}))])
    assert graph.unparsed_names == {"lonely"} and [d.code for d in lint(graph)] == []


_RELATION = st.sampled_from(["->", "-|", "-0", "--"])
_CONTEXT = st.sampled_from(["", " [duration=acute]", " [duration=chronic]", " [region=frontal]"])


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), _RELATION, st.sampled_from("abc"), _CONTEXT),
        max_size=12,
    ),
    st.booleans(),
)
def test_contradictions_agree_with_comparing_every_pair(links, classed):
    """Check the sign-grouped lint against the definition: every pair of links on one
    subject/object pair (or inherited from a class of the subject) with clashing signs
    under contexts that can hold together."""
    body = "".join(f"{s} {r} {o}{c}\n" for s, r, o, c in links if s != o)
    body += "a isa c\n" if classed else ""
    graph, _ = compile_rules([parse_text(HEADER + body, "l.mg")])
    up, ancestors = graph.index.value_up, graph.index.ancestors
    clash = {("+", "-"), ("-", "+"), ("+", "0"), ("0", "+"), ("-", "0"), ("0", "-")}
    expected = set()
    for a, b in itertools.product(graph.claims, repeat=2):
        related = a.subject == b.subject and a.id < b.id
        inherited = b.subject in ancestors.get(a.subject, ())
        signs = (a.sign.value, b.sign.value)
        paired = (related or inherited) and a.object == b.object and signs in clash
        if paired and merge(a.context, b.context, values=up) is not None:
            expected.add((a.span.line, b.span.line))
    found = {
        (d.line, int(d.message.split("(l.mg:")[1].split(":")[0]))
        for d in lint(graph)
        if d.code == "contradiction"
    }
    assert found == expected


def test_parallel_links_are_never_paired(monkeypatch):
    """Check bounded work: 8,000 links of one sign on one pair compare no pair at all, and
    past the budget the lint says it stopped instead of running on."""
    values = ", ".join(f"v{i}" for i in range(8000))
    text = f"context k {values}\n" + "".join(f"a -> b [k=v{i}]\n" for i in range(8000))
    graph, _ = compile_rules([parse_text(text, "p.mg")])
    monkeypatch.setattr(lint_module, "MAX_COMPARED", 0)
    assert [d.code for d in lint(graph) if d.code != "orphan"] == []
    clashing = "entity a, b\n" + "a -> b\na -| b\n" * 5
    found = [d.code for d in lint_text(clashing)]
    assert found == ["lint-budget"]


def _lint_every_pair(graph):
    """The lint as defined: every pair of every claim's subject and object compared."""
    pairs, budget = lint_module.claims_by_pair(graph), lint_module.Budget(lint_module.MAX_COMPARED)
    ordered = sorted(pairs)
    found = [d for p in ordered for d in lint_module.contradictions_at(graph, p, pairs, budget)]
    found += [d for p in ordered for d in lint_module.feedback_at(graph, p, pairs, budget)]
    found += [d for d in (lint_module.unusable(graph, c) for c in graph.claims) if d]
    found += [
        lint_module.orphan(graph, e)
        for e in graph.entities()
        if not graph.links.degree(e.name) and not graph.hierarchy.degree(e.name)
    ]
    return sorted(found, key=lambda d: (d.file, d.line, d.col, d.code, d.message))


_BAD_CONTEXT = st.sampled_from(["", " [duration=acute]", " [duration=acute, duration=chronic]"])


@settings(max_examples=150)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcde"), _RELATION, st.sampled_from("abcde"), _BAD_CONTEXT),
        max_size=14,
    ),
    st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("cdef")), max_size=3),
)
def test_lint_on_columns_agrees_with_comparing_every_pair(links, isa):
    """Check the lint that picks its pairs on the claim columns against the lint that
    compares every pair of every claim: the same warnings, in the same order."""
    declared = "entity a, b, c, d, e, f, lonely\n"
    body = "".join(f"{s} {r} {o}{c}\n" for s, r, o, c in links if s != o)
    body += "".join(f"{member} isa {cls}\n" for member, cls in isa if member < cls)
    graph, diagnostics = compile_rules([parse_text(HEADER + declared + body, "l.mg")])
    if any(d.is_error for d in diagnostics):
        return
    found = sorted(lint(graph), key=lambda d: (d.file, d.line, d.col, d.code, d.message))
    assert found == _lint_every_pair(graph)
