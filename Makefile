# Two commands: `make run` serves the demo hub, `make test` runs every check.
# Both set up .venv/ first, and only when pyproject.toml or constraints.txt changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint setup

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "echo-cases needs Python 3.11+"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/flask --app wsgi seed-demo
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	@scripts/ensure_browser.sh  # Debian's Chromium for tests/e2e; they skip, saying why, without it
	$(BIN)/pytest
	BIN=$(BIN) bash scripts/security_checks.sh
