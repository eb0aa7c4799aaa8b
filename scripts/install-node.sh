#!/bin/sh
# Install node and npm; used by the Makefile when npm is missing. Only the TextMate grammar's
# tests need them (they run VS Code's own tokenizer, vscode-textmate, from npm).
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "mechgraph: installing node and npm with apt-get" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "mechgraph: installing node and npm with sudo apt-get" >&2
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
else
    echo "mechgraph: npm is missing (apt-get install nodejs npm); the TextMate grammar tests will be skipped" >&2
fi
exit 0
