# Two entry points, each installing what it needs on a fresh machine:
#   make publish   lint the sample catalog, render its forms and build the public site into out/
#   make test      run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: publish test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

publish: $(STAMP)
	$(BIN)/akq lint catalog
	$(BIN)/akq render -o out/forms

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -n 2 tests

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf out .akq_cache .pytest_cache
