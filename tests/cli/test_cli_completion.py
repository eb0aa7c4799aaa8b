"""``mechgraph completion``: scripts generated from the parser, checked by the shells themselves."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from mechgraph.cli import VERBS, build_parser
from mechgraph.cli.completion import script

PARSER = build_parser(VERBS)


@pytest.fixture(scope="module", params=["bash", "zsh", "fish"])
def generated(request, tmp_path_factory):
    shell = request.param
    path = tmp_path_factory.mktemp("completion") / f"mechgraph.{shell}"
    path.write_text(script(shell, PARSER))
    return shell, path


def test_every_verb_and_option_is_in_every_script(generated):
    """Check that each script names every verb and every long option of every verb."""
    shell, path = generated
    text = path.read_text()
    for verb in VERBS:
        assert verb in text
    for option in ("--where", "--max-paths", "--knockout", "--no-legend", "--color"):
        assert (option if shell != "fish" else f"-l {option[2:]}") in text


def test_each_shell_accepts_its_script(generated):
    """Check the syntax with the shell itself (`bash -n`, `zsh -n`, `fish -n`), where installed."""
    shell, path = generated
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    checked = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def _bash_complete(path, line: str) -> list[str]:
    """What bash offers for ``line`` (the word being completed is the last, maybe empty)."""
    words = line.split(" ")
    program = (
        f"source {path}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_mechgraph\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_bash_completes_verbs_options_and_choices(tmp_path):
    """Check bash's answers: verbs, a verb's options, an option's choices, after --color."""
    path = tmp_path / "mechgraph.bash"
    path.write_text(script("bash", PARSER))
    assert _bash_complete(path, "mechgraph wh") == ["why-not"]
    assert "--max-paths" in _bash_complete(path, "mechgraph ask --max")
    assert _bash_complete(path, "mechgraph ask --sign ") == ["+", "-"]
    assert _bash_complete(path, "mechgraph --color ") == ["auto", "always", "never"]
    assert _bash_complete(path, "mechgraph --color never pred") == ["predict"]
    assert _bash_complete(path, "mechgraph completion ")[:3] == ["bash", "zsh", "fish"]


def test_fish_completes_verbs_and_choices(tmp_path):
    """Check fish's own answers (`complete -C`) where fish is installed."""
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    path = tmp_path / "mechgraph.fish"
    path.write_text(script("fish", PARSER))
    asked = subprocess.run(
        [
            "fish",
            "-c",
            f"source {path}; complete -C 'mechgraph why'; complete -C 'mechgraph ask --sign '",
        ],
        capture_output=True,
        text=True,
    )
    offered = [line.split("\t")[0] for line in asked.stdout.splitlines()]
    assert offered == ["why-not", "+", "-"]


def test_the_verb_prints_the_script(capsys):
    """Check that `mechgraph completion zsh` prints the zsh script."""
    from mechgraph.cli import main

    assert main(["completion", "zsh"]) == 0
    assert capsys.readouterr().out.startswith("#compdef mechgraph")
