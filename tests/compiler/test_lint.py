"""Tests of mechgraph.compiler.lint: each warning on a small rule text."""

from __future__ import annotations

from mechgraph.compiler.compile import compile_rules
from mechgraph.compiler.lint import lint
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
