"""Hover, completion, navigation, rename, symbols, formatting and code actions over LSP."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

import lsp_support
from lsp_support import diagnostics_of, open_file, span

client = lsp_support.client  # the fixture

MAIN = """\
source skolnick1996 = pmid:8852531 "Adaptation of NMDA receptors"
context species mouse, rat, rodent, human
mouse, rat isa rodent
drug imipramine id=CHEBI:47499
class antidepressant
process NMDA_adaptation, antidepressant_effect
imipramine isa antidepressant
include "links.mg"

hypothesis final_common_pathway @skolnick1996:
    every antidepressant reaches antidepressant_effect through NMDA_adaptation
"""

LINKS = """\
antidepressant -> NMDA_adaptation [species=mouse] @skolnick1996
NMDA_adaptation -> antidepressant_effect [species=rodent] @skolnick1996
"""


async def _open(client: LanguageClient, folder: Path) -> tuple[str, str]:
    (folder / "links.mg").write_text(LINKS, encoding="utf-8")
    main = open_file(client, folder / "main.mg", MAIN)
    await diagnostics_of(client, main)
    return main, (folder / "links.mg").as_uri()


def _at(uri: str, line: int, character: int) -> types.TextDocumentPositionParams:
    return types.TextDocumentPositionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, character)
    )


async def test_hover_on_an_entity(client: LanguageClient, tmp_path: Path):
    """Check that hovering an entity shows its kind, identifiers, class and links with citations."""
    main, _ = await _open(client, tmp_path)
    result = await client.text_document_hover_async(types.HoverParams(**_hover(main, 3, 7)))
    text = result.contents.value
    assert text.startswith("**imipramine** — drug")
    assert "id: `CHEBI:47499`" in text and "isa: `antidepressant`" in text
    assert result.range == span(3, 5, 15)


async def test_hover_on_a_link_and_a_hypothesis_statement(client: LanguageClient, tmp_path: Path):
    """Check that a link shows its source's title and id, a statement its verdict and a witness."""
    main, links = await _open(client, tmp_path)
    link = await client.text_document_hover_async(types.HoverParams(**_hover(links, 0, 16)))
    assert '@skolnick1996: `pmid:8852531` — "Adaptation of NMDA receptors"' in link.contents.value
    entity = await client.text_document_hover_async(types.HoverParams(**_hover(links, 0, 3)))
    assert "**links out** (1):" in entity.contents.value
    assert "skolnick1996 (pmid:8852531)" in entity.contents.value
    verdict = await client.text_document_hover_async(types.HoverParams(**_hover(main, 10, 5)))
    assert verdict.contents.value.startswith(
        "**✓ every antidepressant reaches antidepressant_effect through NMDA_adaptation** (holds)"
    )
    assert "imipramine: imipramine ─isa→ antidepressant ─(+)→ NMDA_adaptation" in (
        verdict.contents.value
    )


def _hover(uri: str, line: int, character: int) -> dict:
    return {
        "text_document": types.TextDocumentIdentifier(uri),
        "position": types.Position(line, character),
    }


async def test_completion_after_species_equals(client: LanguageClient, tmp_path: Path):
    """Check that ``[species=`` completes the declared values of ``species``."""
    main, _ = await _open(client, tmp_path)
    text = MAIN + "imipramine -> NMDA_adaptation [species=\n"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=main),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    result = await client.text_document_completion_async(
        types.CompletionParams(**_hover(main, 11, len("imipramine -> NMDA_adaptation [species=")))
    )
    labels = [item.label for item in result.items]
    assert labels == ["human", "mouse", "rat", "rodent"]
    sources = await client.text_document_completion_async(
        types.CompletionParams(**_hover(main, 9, len("hypothesis final_common_pathway @")))
    )
    assert [item.label for item in sources.items] == ["skolnick1996"]


async def test_rename_across_two_files(client: LanguageClient, tmp_path: Path):
    """Check that renaming an entity edits its declaration, its uses and the other file's links."""
    main, links = await _open(client, tmp_path)
    edit = await client.text_document_rename_async(
        types.RenameParams(**_hover(main, 5, 10), new_name="NMDA adaptation")
    )
    changes = {
        uri: sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edits)
        for uri, edits in edit.changes.items()
    }
    assert changes == {
        main: [(5, 8, '"NMDA adaptation"'), (10, 63, '"NMDA adaptation"')],
        links: [(0, 18, '"NMDA adaptation"'), (1, 0, '"NMDA adaptation"')],
    }
    source = await client.text_document_rename_async(
        types.RenameParams(**_hover(links, 0, 52), new_name="skolnick_1996")
    )
    assert sum(len(edits) for edits in source.changes.values()) == 4


async def test_definition_and_references(client: LanguageClient, tmp_path: Path):
    """Check that a use in one file leads to the declaration in the other, and back."""
    main, links = await _open(client, tmp_path)
    found = await client.text_document_definition_async(
        types.DefinitionParams(**_hover(links, 1, 45))
    )
    assert [(f.uri, f.range) for f in found] == [(main, span(1, 8, 15))]  # the key `species`
    found = await client.text_document_definition_async(
        types.DefinitionParams(**_hover(links, 1, 52))
    )
    assert [(f.uri, f.range) for f in found] == [(main, span(1, 28, 34))]  # its value `rodent`
    refs = await client.text_document_references_async(
        types.ReferenceParams(**_hover(main, 4, 8), context=types.ReferenceContext(True))
    )
    assert sorted((r.uri == main, r.range.start.line) for r in refs) == [
        (False, 0),
        (True, 4),
        (True, 6),
        (True, 10),
    ]


async def test_document_symbols(client: LanguageClient, tmp_path: Path):
    """Check that the outline lists the source, the declared names, the context key, the hypothesis."""
    main, _ = await _open(client, tmp_path)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(main))
    )
    assert [s.name for s in symbols] == [
        "skolnick1996",
        "species",
        "imipramine",
        "antidepressant",
        "NMDA_adaptation",
        "antidepressant_effect",
        "final_common_pathway",
    ]
    assert [c.name for c in symbols[-1].children] == [
        "every antidepressant reaches antidepressant_effect through NMDA_adaptation"
    ]


async def test_formatting_uses_fmt(client: LanguageClient, tmp_path: Path):
    """Check that formatting returns what ``mechgraph fmt`` writes."""
    uri = open_file(client, tmp_path / "untidy.mg", "drug  a,b\na increases b[d=x]  #c\n")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            types.TextDocumentIdentifier(uri), types.FormattingOptions(4, True)
        )
    )
    assert [e.new_text for e in edits] == ["drug a, b\na -> b [d=x]  #c\n"]


async def test_code_actions_fix_an_undeclared_name(client: LanguageClient, tmp_path: Path):
    """Check the quick fixes of a misspelt name: the did-you-mean, and declaring it."""
    uri = open_file(
        client, tmp_path / "a.mg", "drug imipramine\nprocess x\nimipramine -> x\nimipramne -> x\n"
    )
    [diagnostic] = await diagnostics_of(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diagnostic.range,
            types.CodeActionContext([diagnostic]),
        )
    )
    replace, declare = actions[0], actions[1]
    assert replace.title == "Replace with `imipramine`"
    assert list(replace.edit.changes[uri]) == [types.TextEdit(span(3, 0, 9), "imipramine")]
    assert declare.title == "Declare `imipramne` as a process"
    assert declare.edit.changes[uri][0].new_text == "process imipramne\n"
    assert declare.edit.changes[uri][0].range.start == types.Position(2, 0)  # after `process x`
