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


def _located(err: str) -> list[str]:
    """The first line of each diagnostic printed: ``file:line:col: severity: message``."""
    return [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]


def test_syntax_errors_do_not_hide_the_mistakes_of_the_lines_that_parsed(tmp_path, capsys):
    """Check that check reports the semantic errors of every statement that parsed beside
    the syntax errors of those that did not, sorted by file and line."""
    (tmp_path / "a.mg").write_text(
        'source skolnick1996 "Skolnick 1996, Pharmacopsychiatry"\n'
        "drug imipramine\n"
        "drug imipramine\n"
        "imipramine => effect @skolnick1996\n"  # syntax error
        "imipramin -> effect @nowhere\n"
        "class a, b\n"
        "a isa b\n"
        "b isa a\n"
        "hypothesis h @skolnick1996:\n"
        "    every antidepressant reaches effect\n"
        "    every imipramine reaches effect thru a\n"  # syntax error in a block
    )
    (tmp_path / "b.mg").write_text("drug x,\nx -> y @elsewhere\n")  # syntax error, then one
    assert main(["check", str(tmp_path)]) == 1
    a, b = tmp_path / "a.mg", tmp_path / "b.mg"
    assert _located(capsys.readouterr().err) == [
        f"{a}:1:8: warning: source `skolnick1996` has no identifier",
        f"{a}:3:6: error: duplicate declaration of entity `imipramine`",
        f"{a}:4:12: error: unknown relation '=>'",
        f"{a}:5:1: warning: `imipramin` is not declared; taken as an entity",
        f"{a}:5:21: error: unknown source `@nowhere`",
        f"{a}:6:10: warning: `b` is in no link and no isa",  # its isa closed a cycle, cut
        f"{a}:7:1: error: isa cycle: a isa b isa a",
        f"{a}:10:11: error: hypothesis `h` names unknown entity `antidepressant`",
        f"{a}:11:37: error: malformed hypothesis statement: expected end of line, found 'thru'",
        f"{b}:1:8: error: expected a declared name, found end of line",
        f"{b}:2:6: warning: `y` is not declared; taken as an entity",
        f"{b}:2:8: error: unknown source `@elsewhere`",
    ]


def test_names_on_lines_that_did_not_parse_are_not_called_unknown(tmp_path, capsys):
    """Check that a name declared on a broken line is no 'undeclared', 'unknown' or 'orphan'."""
    rules = tmp_path / "r.mg"
    rules.write_text(
        'source s = pmid:1 "t\n'  # unterminated: the source s is declared here
        "drug d, e\n"
        "process p p2\n"  # broken: declares p
        "d -> p @s\n"
        "e -> = q\n"  # broken: the only link of e
        "hypothesis h:\n"
        "    every d reaches p\n"
    )
    assert main(["check", str(rules), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [(d["line"], d["severity"]) for d in document["diagnostics"]] == [
        (1, "error"),
        (3, "error"),
        (5, "error"),
    ]
    assert document["summary"]["errors"] == 3 and document["summary"]["warnings"] == 0
    assert document["hypotheses"] == []  # not judged while there are errors


def test_a_source_by_title_alone_is_a_warning_and_cited(tmp_path, capsys):
    """Check that a source declared by title alone is accepted, warned about, and cited."""
    (rules := tmp_path / "r.mg").write_text(
        'source skolnick1996 "Skolnick 1996, Pharmacopsychiatry"\n'
        "drug d\nprocess p\nd -> p @skolnick1996\n"
    )
    assert main(["check", str(rules)]) == 0
    out, err = capsys.readouterr()
    assert "ok: 1 file, 2 entities, 0 classes, 1 link, 1 source" in out
    assert "0 errors, 1 warnings" in out
    assert (
        'hint: give its PMID or DOI if it has one: `source skolnick1996 = pmid:ID "title"`' in err
    )
    assert main(["ask", "d", "p", str(rules)]) == 0
    assert "evidence: skolnick1996 for hop 1" in capsys.readouterr().out
