# The two set-up commands of the README:
#   make run   check the shipped rules, answer the seed's questions, render the diagrams
#   make test  the whole test suite
# Both create .venv when missing and install what the project needs, the graphviz
# `dot` binary included (apt-get when root, otherwise a message saying how).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench setup dot clean

run: setup
	$(BIN)/python -m mechgraph.main_job

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m benchmarks.run

setup: $(STAMP) dot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

dot:
	@command -v dot >/dev/null 2>&1 || sh scripts/install-graphviz.sh

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
