"""The language server of ``mechgraph lsp``: rule files checked and explained as you type.

One module per feature.  :mod:`~mechgraph.lsp.incremental` and
:mod:`~mechgraph.lsp.project` hold the rules as the editor sees them (pure
Python, no LSP types); :mod:`~mechgraph.lsp.tokens`, :mod:`~mechgraph.lsp.occurrences`
locate names in the text; the feature modules (diagnostics, hover, completion,
navigation, symbols, formatting, code actions) answer in :mod:`lsprotocol`
types; :mod:`~mechgraph.lsp.server` wires them to :mod:`pygls`, which only it
imports, so nothing here loads pygls before ``mechgraph lsp`` runs.
"""
