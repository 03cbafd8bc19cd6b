# Two commands matter: `make serve` and `make test`. Both set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MERMAID := overrides/assets/vendor/mermaid
HOST ?= 127.0.0.1:8000
# Material 9.7+ prints a banner about MkDocs 2 on every run; the Atlas pins MkDocs <2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test lint typecheck pytest bench audit clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Reinstall only when the lock or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python >= 3.11 is required (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# Front-end assets come from npm (package-lock.json) and are served by the site itself.
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(MERMAID)/mermaid.esm.min.mjs: $(NODE_STAMP)
	rm -rf $(MERMAID) && mkdir -p $(MERMAID)/chunks/mermaid.esm.min
	cp node_modules/mermaid/LICENSE node_modules/mermaid/dist/mermaid.esm.min.mjs $(MERMAID)/
	cp node_modules/mermaid/dist/chunks/mermaid.esm.min/*.mjs $(MERMAID)/chunks/mermaid.esm.min/

setup: $(STAMP) $(MERMAID)/mermaid.esm.min.mjs ## Create .venv and node_modules from the lock files

serve: setup ## Serve the site with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: setup ## Strict build into site/
	$(BIN)/mkdocs build --strict --clean

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

typecheck: $(STAMP) ## mypy --strict on the package and tests
	$(BIN)/mypy

pytest: setup ## The whole pytest suite (builds the site, drives Chromium)
	$(BIN)/pytest

validate: $(STAMP) ## Check the catalog and the pages (fast; also a pre-commit hook)
	$(BIN)/mlsd validate

test: lint typecheck validate pytest ## Everything CI runs

bench: setup ## Benchmarks measured side by side; report in bench/report.md
	$(BIN)/mlsd bench

audit: setup ## Lighthouse (mobile) scores of five page kinds against their targets
	$(BIN)/mlsd audit


clean: ## Remove build output and the virtualenv
	rm -rf site $(VENV) node_modules $(MERMAID) .pytest_cache .mypy_cache .ruff_cache
