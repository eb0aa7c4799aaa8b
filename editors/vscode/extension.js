// The VS Code client of mechgraph: starts `mechgraph lsp` over stdio for *.mg files.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("mechgraph");
  const [command, ...args] = settings.get("command", ["mechgraph", "lsp"]);
  const paths = settings.get("paths", []);
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "mechgraph",
    "mechgraph",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "mechgraph" }],
      initializationOptions: paths.length ? { paths } : {},
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.mg") },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
