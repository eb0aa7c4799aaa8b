"""Diagnostics over LSP: located like ``mechgraph check``, updated as the text changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path
from pytest_lsp import LanguageClient

import lsp_support
from lsp_support import (
    change,
    diagnostics_of,
    open_file,
    ranges,
)

client = lsp_support.client  # the fixture

THREE_MISTAKES = """\
source skolnick1996 = pmid:8852531 "Adaptation of NMDA receptors"
drug imipramine
process NMDA_adaptation
imipramne -> NMDA_adaptation @skolnick1996
imipramine => NMDA_adaptation
imipramine -> NMDA_adaptation @skolnik1996
"""


async def test_three_mistakes_give_three_diagnostics(client: LanguageClient, tmp_path: Path):
    """Check that a file with three mistakes gets exactly three diagnostics, each on its token."""
    uri = open_file(client, tmp_path / "a.mg", THREE_MISTAKES)
    found = sorted(await diagnostics_of(client, uri), key=lambda d: d.range.start.line)
    assert ranges(found) == [(3, 0, 9), (4, 11, 13), (5, 30, 42)]
    assert [d.severity for d in found] == [
        types.DiagnosticSeverity.Warning,
        types.DiagnosticSeverity.Error,
        types.DiagnosticSeverity.Error,
    ]
    assert found[0].message == (
        "`imipramne` is not declared; taken as an entity\nhint: did you mean `imipramine`?"
    )
    assert found[1].message.startswith("unknown relation '=>'")
    assert found[2].message.startswith("unknown source `@skolnik1996`\nhint: did you mean")
    assert {d.source for d in found} == {"mechgraph"}


async def test_fixing_a_mistake_clears_its_diagnostic(client: LanguageClient, tmp_path: Path):
    """Check that a change re-diagnoses: fixing the relation leaves the other two mistakes."""
    uri = open_file(client, tmp_path / "a.mg", THREE_MISTAKES)
    await diagnostics_of(client, uri)
    change(client, uri, THREE_MISTAKES.replace("=>", "->"))
    assert ranges(await diagnostics_of(client, uri)) == [(3, 0, 9), (5, 30, 42)]


def _check_json(folder: Path) -> list[dict]:
    command = [sys.executable, "-m", "mechgraph", "check", str(folder), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return json.loads(done.stdout)["diagnostics"]


async def test_same_text_and_place_as_check_across_files(client: LanguageClient, tmp_path: Path):
    """Check that every diagnostic of ``mechgraph check`` on the folder is published, the same."""
    rules = tmp_path / "rules"
    (rules / "more").mkdir(parents=True)
    (rules / "more" / "links.mg").write_text(
        "imipramine -> NMDA_adaptation [duration=chronic]\n"
        "imipramine -| NMDA_adaptation [duration=chronic]\n"
        "imipramine -> desipramin\n",
        encoding="utf-8",
    )
    main = open_file(
        client,
        rules / "main.mg",
        'include "more/links.mg"\ndrug imipramine, desipramine\nprocess NMDA_adaptation\n'
        "class tricyclic\ntricyclic isa tricyclic\n",
    )
    expected = _check_json(rules)
    assert len(expected) >= 4
    published = {main: await diagnostics_of(client, main)}
    other = (rules / "more" / "links.mg").as_uri()
    while other not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    published[other] = client.diagnostics[other]
    got = sorted(
        (Path(to_fs_path(uri)).name, d.range.start.line + 1, d.range.start.character + 1, d.message)
        for uri, found in published.items()
        for d in found
    )
    want = sorted(
        (
            Path(d["file"]).name,
            d["line"],
            d["col"],
            d["message"] + (f"\nhint: {d['hint']}" if d["hint"] else ""),
        )
        for d in expected
    )
    assert got == want


async def test_the_rules_folder_is_one_project(client: LanguageClient, tmp_path: Path):
    """Check that the workspace's ``rules/`` folder is checked together, as ``check rules/``:
    a name declared in another file of the folder is no undeclared name."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "names.mg").write_text("drug imipramine\nprocess effect\n", encoding="utf-8")
    uri = open_file(client, rules / "links.mg", "imipramine -> effect\nimipramine -> efect\n")
    found = await diagnostics_of(client, uri)
    assert [(d.range.start.line, d.message.split("\n")[0]) for d in found] == [
        (1, "`efect` is not declared; taken as an entity")
    ]
