# deathtoll — the two commands a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test install dev clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)

dev: $(DEVSTAMP)

## make demo: install, run the whole pipeline on examples/ into demo.db, print a summary
demo: $(STAMP)
	rm -f demo.db
	$(BIN)/deathtoll run examples/ --db demo.db
	$(BIN)/deathtoll incidents --db demo.db --limit 15

## make test: install the dev extras and run the whole test suite
test: $(DEVSTAMP)
	$(BIN)/python -m pytest -q

bench: $(DEVSTAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) demo.db build *.egg-info src/*.egg-info
