"""Tests of ``mechgraph check``: summary, exit codes, JSON, semantic diagnostics."""

from __future__ import annotations

import json

from mechgraph.cli import main

from conftest import FIXTURES, RULES


def test_shipped_rules_are_clean(capsys):
    """Check that the shipped rules pass with the one-line summary and exit 0."""
    assert main(["check", str(RULES)]) == 0
    out = capsys.readouterr().out
    assert "ok: 2 files, 14 entities, 4 classes, 19 links, 3 sources, 4 hypotheses" in out
    assert "hypotheses: 4 hold, 0 fail" in out
    assert "experiments: 6 consistent, 0 inconsistent, 0 undecided" in out


def test_three_mistakes_give_three_located_hinted_errors(capsys):
    """Check that a file with three different mistakes gets three errors and exit 1."""
    path = FIXTURES / "errors" / "three_mistakes.mg"
    assert main(["check", str(path), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    errors = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert len(errors) == 3 and document["ok"] is False
    assert len({d["line"] for d in errors}) == 3
    assert all(d["file"] == str(path) and d["col"] >= 1 and d["hint"] for d in errors)
    assert document["summary"]["files"] == 1


def test_semantic_mistakes_are_located(tmp_path, capsys):
    """Check that an undeclared name, a duplicate, an isa cycle and an unknown source are caught."""
    rules = tmp_path / "r.mg"
    rules.write_text(
        "drug imipramine\ndrug imipramine\nclass a, b\na isa b\nb isa a\n"
        "imipramin -> effect @nowhere\n"
    )
    assert main(["check", str(rules)]) == 1
    err = capsys.readouterr().err
    assert f"{rules}:2:6: error:" in err  # the duplicate, pointing at its name
    assert "did you mean `imipramine`?" in err
    assert "cycle" in err and "a isa b isa a" in err
    assert f"{rules}:6:21: error: unknown source `@nowhere`" in err
    assert "    6 | imipramin -> effect @nowhere" in err


def test_usage_error_exits_2(capsys):
    """Check that an option missing its value is a usage error."""
    try:
        main(["check", "rules/", "--hypothesis"])
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("argparse should stop")


def test_circular_support_is_named_in_the_json_why_not(tmp_path, capsys):
    """Check that a member's why-not in `check --json` names the self-citing link it lacks."""
    rules = tmp_path / "r.mg"
    rules.write_text(
        "source h = pmid:1\ndrug a, b\nprocess t\nclass C\na, b isa C\n"
        "a -> t @h\nb -> t\nhypothesis h @h:\n    every C reaches t\n"
    )
    assert main(["check", str(rules), "--json"]) == 1
    [statement] = json.loads(capsys.readouterr().out)["hypotheses"][0]["statements"]
    [counter] = statement["counterexamples"]
    assert counter["member"] == "a" and counter["why_not"]["verdict"] == "no"
    [blocked] = counter["why_not"]["blocked"]
    assert (blocked["claim"]["subject"], blocked["reason"]) == ("a", "circular")


def test_rules_default_to_the_rules_folder(monkeypatch, capsys):
    """Check that `check` without paths checks rules/, as the question verbs do."""
    monkeypatch.chdir(RULES.parent)
    assert main(["check"]) == 0
    assert "\nok: " in capsys.readouterr().out
