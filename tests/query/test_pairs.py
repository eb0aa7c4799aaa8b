"""Many questions at once (``ask --pairs``): the pairs file, located errors, brute force."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import QueryError
from mechgraph.model import load
from mechgraph.query.pairs import ask_pairs, read_pairs

from factories import random_rules
from oracles import oracle


def test_tabs_blanks_quotes_headers_and_comments():
    """Check every way a pair may be written, and what is skipped."""
    text = 'Source\tTarget\n# a comment\na\tb c\n  d   "e f"  # trailing\n\n"g"\th\n'
    pairs = read_pairs(text, "p.tsv")
    assert [(p.source, p.target) for p in pairs] == [("a", "b c"), ("d", "e f"), ("g", "h")]
    assert [(p.source_at.line, p.source_at.col, p.target_at.col) for p in pairs] == [
        (3, 1, 3),
        (4, 3, 7),
        (6, 1, 5),
    ]


def test_malformed_lines_are_located_all_at_once():
    """Check that each malformed line gets its own error at the right column, with a hint."""
    with pytest.raises(QueryError) as raised:
        read_pairs('a b c\nonly\nx "never closed\n', "p.tsv")
    found = [(d.line, d.col, d.message) for d in raised.value.diagnostics]
    assert found == [
        (1, 5, "expected SOURCE TARGET, found 3 names"),
        (2, 5, "expected SOURCE TARGET, found 1 name"),
        (3, 3, "a quote never closed"),
    ]
    assert all(d.hint for d in raised.value.diagnostics)


def test_unknown_names_are_located_in_the_pairs_file():
    """Check that an unknown name is reported where the pairs file writes it, with close names."""
    graph = load("rules").graph
    pairs = read_pairs("imipramine\tNMDA_adaptation\nECS\tNMDA_adaptaton\n", "p.tsv")
    with pytest.raises(QueryError) as raised:
        ask_pairs(graph, pairs)
    (error,) = raised.value.diagnostics
    assert (error.file, error.line, error.col) == ("p.tsv", 2, 5)
    assert "NMDA_adaptation" in error.hint and error.snippet == "ECS\tNMDA_adaptaton"


@settings(max_examples=100, deadline=None)
@given(rules=random_rules(dag=True), data=st.data())
def test_every_pair_agrees_with_brute_force(rules, data):
    """Check on random DAGs that each pair's verdict and shortest witness match brute force."""
    graph, _ = compile_rules([rules.rule_file()])
    names = rules.names
    chosen = data.draw(
        st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=6).map(
            lambda pairs: [(s, t) for s, t in pairs if s != t]
        )
    )
    text = "".join(f"{s}\t{t}\n" for s, t in chosen)
    answers = ask_pairs(graph, read_pairs(text, "p.tsv"))
    for (source, target), answer in zip(chosen, answers, strict=True):
        truth = oracle(graph, source, target, None, {}, None, True)
        assert answer.holds == bool(truth)
        if truth:
            assert len(answer.paths[0].hops) == min(len(nodes) - 1 for nodes, _ in truth)


def test_cli_pairs_text_json_stdin_and_errors(tmp_path):
    """Check the verb: one line per pair and a count, --json, - for stdin, exit 2 on a bad file."""
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("imipramine\tNMDA_adaptation\nNMDA_antagonist\tbeta_adrenoceptor\n")
    command = [sys.executable, "-m", "mechgraph", "ask", "--pairs"]
    done = subprocess.run([*command, str(pairs), "rules/"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("yes  imipramine") and lines[-1] == "2 of 2 questions answered yes"
    as_json = subprocess.run(
        [*command, "-", "--json", "--where", "duration=acute"],
        input=pairs.read_text(),
        capture_output=True,
        text=True,
    )
    document = json.loads(as_json.stdout)
    assert [a["verdict"] for a in document["answers"]] == ["no", "no"] and document["yes"] == 0
    bad = subprocess.run([*command, "-"], input="a b c\n", capture_output=True, text=True)
    assert bad.returncode == 2 and "<stdin>:1:5: error" in bad.stderr
    assert "Traceback" not in bad.stderr
