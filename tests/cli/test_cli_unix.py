"""Unix manners of the command line, through a real pseudo-terminal and through pipes.

Colour and progress appear on a terminal only (and never with ``NO_COLOR``);
a closed output pipe ends a run quietly with status 141; ``-`` is standard
input; every verb names its rule files the same way.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from cli_terminal import MECHGRAPH, environment, on_terminal, through_pipes

from mechgraph.cli import main
from mechgraph.cli.colour import paint_answer, paint_diagnostic

from conftest import FIXTURES, ROOT, SEED

ESC = b"\x1b["
ASK = ["ask", "imipramine", "NMDA_adaptation", "--where", "duration=chronic"]
BROKEN = str(FIXTURES / "errors" / "three_mistakes.mg")


# colour --------------------------------------------------------------------------------


def test_a_terminal_gets_coloured_verdicts_and_diagnostics():
    """Check that the answer word and a diagnostic's severity and caret are coloured on a TTY."""
    code, out = on_terminal(ASK, environment())
    assert code == 0 and b"\x1b[1;32myes\x1b[0m" in out
    code, out = on_terminal(["check", BROKEN], environment())
    assert code == 1
    assert b"\x1b[1;31merror:\x1b[0m" in out and b"\x1b[1;32m^\x1b[0m" in out
    assert b"\x1b[36m  hint:\x1b[0m" in out


@pytest.mark.parametrize(
    "setting", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"MECHGRAPH_ARGS": "--color=never"}]
)
def test_no_color_dumb_terminals_and_never_turn_colour_off(setting):
    """Check that NO_COLOR, TERM=dumb and --color never keep a terminal free of escapes."""
    extra = setting.pop("MECHGRAPH_ARGS", None)
    args = ASK + ([extra] if extra else [])
    code, out = on_terminal(args, environment(**setting))
    assert code == 0 and _screen(out).startswith(b"yes") and ESC not in out


def test_pipes_get_no_colour_unless_always():
    """Check that a pipe gets plain text, and --color always colours it anyway."""
    plain = through_pipes(ASK)
    assert plain.returncode == 0 and ESC not in plain.stdout
    forced = through_pipes(["--color", "always"] + ASK)
    assert forced.stdout.startswith(b"\x1b[1;32myes")
    errors = through_pipes(["check", BROKEN, "--color=always"])
    assert b"\x1b[1;31merror:" in errors.stderr and ESC not in plain.stderr


def test_empty_no_color_does_not_count():
    """Check that NO_COLOR set to the empty string leaves colour on (no-color.org)."""
    code, out = on_terminal(ASK, environment(NO_COLOR=""))
    assert ESC in out


def test_painting_changes_nothing_but_escapes():
    """Check that removing the escapes gives back the text exactly."""
    import re

    text = "hypothesis h (a.mg:1:1): fails\n    ✗ every x reaches y\nFAILED: 1 file"
    diagnostic = "a.mg:2:3: warning: w\n    2 | abc\n      |   ^\n  hint: h"
    strip = re.compile(r"\x1b\[[0-9;]*m")
    assert strip.sub("", paint_answer(text, True)) == text
    assert strip.sub("", paint_diagnostic(diagnostic, True)) == diagnostic
    assert paint_answer(text, True).count("\x1b[1;31m") == 3  # fails, ✗, FAILED


# progress ------------------------------------------------------------------------------


def test_progress_on_a_terminal_is_erased_and_absent_from_pipes():
    """Check that check's phases show a progress line on a TTY, erased after, none in a pipe."""
    env = environment(MECHGRAPH_PROGRESS_DELAY="0")
    code, out = on_terminal(["check", "rules/"], env)
    assert code == 0
    assert b"parsing" in out and b"judging hypotheses" in out
    assert b"parsing" not in _screen(out) and b"judging" not in _screen(out)
    piped = through_pipes(["check", "rules/"], env)
    assert b"parsing" not in piped.stderr and b"\r" not in piped.stderr


def _screen(out: bytes) -> bytes:
    """What a terminal shows of ``out`` once every carriage return has overwritten its line."""
    shown = []
    for line in out.replace(b"\r\n", b"\n").split(b"\n"):
        cells = bytearray()
        for part in line.split(b"\r"):
            cells[: len(part)] = part
        shown.append(bytes(cells).rstrip())
    return b"\n".join(shown)


def test_json_and_quiet_runs_show_no_progress():
    """Check that --json leaves the terminal free of progress lines."""
    code, out = on_terminal(
        ["check", "rules/", "--json"], environment(MECHGRAPH_PROGRESS_DELAY="0")
    )
    assert code == 0 and b"parsing" not in out and json.loads(out)["ok"] is True


# broken pipes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["stats"], ["check", "rules/"], ASK, ["export", "sif"], ["completion", "bash"]]
)
def test_a_closed_pipe_ends_quietly_with_141(args):
    """Check that a reader closing the pipe (`| head -1`) gives status 141 and no message."""
    process = subprocess.Popen(
        MECHGRAPH + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    process.stdout.close()  # before mechgraph writes its first byte
    err = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert err == b""


def test_head_of_a_long_output_through_the_shell(tmp_path):
    """Check `mechgraph export sif big.mg | head -1` in a real shell: one line, status 141."""
    big = tmp_path / "big.mg"
    names = [f"e{i}" for i in range(60_001)]
    lines = ["process " + ", ".join(names)]
    lines += [f"{a} -> {b}" for a, b in zip(names, names[1:], strict=False)]
    big.write_text("\n".join(lines) + "\n")
    command = " ".join(MECHGRAPH) + f" export sif {big} | head -1; echo status=${{PIPESTATUS[0]}}"
    shell = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert shell.stdout.splitlines()[0] == "e0\t1\te1"
    assert "status=141" in shell.stdout or "status=0" in shell.stdout  # 0 if the pipe held it
    assert "Error" not in shell.stderr and "internal error" not in shell.stderr


# standard input ------------------------------------------------------------------------


def test_dash_reads_rules_from_standard_input():
    """Check that ask, check and stats read `-`, and diagnostics name <stdin>."""
    rules = SEED.read_bytes()
    asked = through_pipes(ASK + ["-"], stdin=rules)
    assert asked.returncode == 0 and asked.stdout.startswith(b"yes")
    assert b"<stdin>:" in asked.stdout
    checked = through_pipes(["check", "-"], stdin=b"drug a\ndrugs b\n")
    assert checked.returncode == 1 and b"<stdin>:2:1: error:" in checked.stderr
    stats = through_pipes(["stats", "-", "--json"], stdin=rules)
    assert json.loads(stats.stdout)["entities"]


def test_dash_formats_and_imports_standard_input():
    """Check that `fmt -` writes the canonical text and `import sif -` reads a pipe."""
    formatted = through_pipes(["fmt", "-"], stdin=b"drug   a\na->b\n")
    assert formatted.returncode == 0 and formatted.stdout == b"drug a\na -> b\n"
    imported = through_pipes(["import", "sif", "-"], stdin=b"a\t1\tb\nb\t-1\tc\n")
    assert imported.returncode == 0
    assert b"a -> b" in imported.stdout and b"b -| c" in imported.stdout
    assert b"standard input" in imported.stdout


# rule paths ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "rules/"],
        ["stats", "--rules", "rules/"],
        ["ask", "imipramine", "NMDA_adaptation", "rules/", "--where", "duration=chronic"],
        ["ask", "imipramine", "NMDA_adaptation", "--where", "duration=chronic", "rules/"],
        ["ask", "imipramine", "NMDA_adaptation", "--via", "antidepressant", "rules/"],
        ["why-not", "imipramine", "NMDA_adaptation", "--rules", "rules/"],
        ["pathways", "antidepressant", "antidepressant_effect", "rules/"],
        ["predict", "final_common_pathway", "rules/"],
        ["check", "--rules", "rules/"],
        ["export", "sif", "--rules", "rules/"],
    ],
)
def test_every_verb_names_rules_alike(args, monkeypatch, capsys):
    """Check that positional paths, paths after options and --rules all work, for every verb."""
    monkeypatch.chdir(ROOT)
    assert main(args) == 0
    assert capsys.readouterr().out


def test_no_rules_named_is_a_usage_error(capsys):
    """Check that fmt without paths is a usage error, not a silent success."""
    assert main(["fmt"]) == 2
    assert "no rule files named" in capsys.readouterr().err


def test_unknown_options_are_still_refused(capsys):
    """Check that a misspelt option after the paths is not taken for a path."""
    with pytest.raises(SystemExit) as stop:
        main(["stats", "rules/", "--tpo", "3"])
    assert stop.value.code == 2
