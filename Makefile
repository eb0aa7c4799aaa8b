# The two set-up commands of the README:
#   make run   check the shipped rules, answer the seed's questions, render the diagrams
#   make test  the whole test suite
# Both create .venv when missing and install what the project needs, the graphviz
# `dot` binary included (apt-get when root, otherwise a message saying how).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench setup dot java clean

MG := $(BIN)/mechgraph
# VS Code's TextMate engine (npm), for the grammar's tests in tests/lsp.
GRAMMAR_ENGINE := editors/vscode/node_modules/.installed

run: setup
	$(MG) check rules/ --render graphs/
	$(MG) observe rules/ --experiment chronic_antidepressants --experiment acute_antidepressants
	$(MG) ask imipramine antidepressant_effect --via NMDA_adaptation --where duration=chronic --max-paths 1
	$(MG) ask imipramine NMDA_adaptation --where duration=acute
	$(MG) ask dizocilpine beta_adrenoceptor_downregulation --where duration=chronic
	$(MG) pathways antidepressant antidepressant_effect --where duration=chronic
	$(MG) ask imipramine NMDA_adaptation --where period=21d --max-paths 1
	$(MG) ask imipramine NMDA_adaptation --where period=7d
	$(MG) ask citalopram NMDA_adaptation --where dose=10mg/kg --where trend=dose_dependent --max-paths 1
	$(MG) ask ECS NMDA_adaptation --where duration=chronic --where time_after_last_dose=1d --max-paths 1
	$(MG) stats
	$(MG) render rules/ -o graphs/skolnick1996.svg --title "Skolnick et al. 1996: NMDA receptor adaptation and antidepressant action"

# The suite, then issue 18's reliability fuzz again with 10,000 texts (about a minute).
test: setup $(VENV)/.pybel $(GRAMMAR_ENGINE) java lint
	$(BIN)/python -m pytest
	HYPOTHESIS_PROFILE=reliability $(BIN)/python -m pytest tests/test_reliability.py -q

# Lint, format check (ruff) and types (mypy on the language, graph and query stages);
# part of `make test`.
lint: setup
	$(BIN)/ruff check mechgraph tests benchmarks
	$(BIN)/ruff format --check mechgraph tests benchmarks
	$(BIN)/mypy

# PyBEL only feeds the differential BEL test, which is skipped where it does not install.
$(VENV)/.pybel: $(STAMP)
	$(BIN)/pip install -q 'pybel>=0.15' || echo "mechgraph: pybel did not install; the PyBEL differential test will be skipped"
	touch $@

# The grammar tests are skipped where node or the engine cannot be installed (npm's own
# error is shown; one retry for a network hiccup); under CI (CI set) that stops make test.
$(GRAMMAR_ENGINE): editors/vscode/package.json editors/vscode/package-lock.json
	@command -v npm >/dev/null 2>&1 || sh scripts/install-node.sh
	cd editors/vscode && NPM_CI="npm ci --no-audit --no-fund --loglevel=error" && \
		{ $$NPM_CI || { sleep 5; $$NPM_CI; }; } && touch node_modules/.installed || \
		{ echo "mechgraph: npm ci failed in editors/vscode; the TextMate grammar tests will be skipped"; \
		  [ -z "$$CI" ] || exit 1; }

# Sizes 1k to 1M (under 30 minutes); BIG=1 adds 10M links (about 1 GB of corpus, each
# phase in its own process capped at 16 GiB; about an hour more on the shared machine).
bench: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m benchmarks.run $(if $(BIG),--big)

setup: $(STAMP) dot $(VENV)/.shells

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,lsp,solver,scale,ids,spark]'
	touch $(STAMP)

# zsh and fish only let the completion tests check their scripts (skipped where absent);
# installed once with apt-get when root, never required.
$(VENV)/.shells: $(STAMP)
	@command -v zsh >/dev/null 2>&1 && command -v fish >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    timeout 120 apt-get install -y -q --no-install-recommends zsh fish >/dev/null 2>&1; } || \
	  echo "mechgraph: zsh/fish not installed; their completion checks will be skipped"
	@touch $@

dot:
	@command -v dot >/dev/null 2>&1 || sh scripts/install-graphviz.sh

# A Java runtime for the Spark engine's tests (skipped without one; under CI, CI set, a
# failed install stops make test).
java:
	@command -v java >/dev/null 2>&1 || sh scripts/install-java.sh

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
