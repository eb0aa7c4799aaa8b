#!/bin/sh
# Install the graphviz `dot` binary; used by the Makefile when `dot` is missing.
set -e
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "mechgraph: installing graphviz (dot) with apt-get" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "mechgraph: installing graphviz (dot) with sudo apt-get" >&2
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
else
    echo "mechgraph: the graphviz 'dot' binary is missing; install it (apt-get install graphviz," >&2
    echo "brew install graphviz, or see https://graphviz.org/download/). Only .dot output works without it." >&2
fi
