# Two commands on a fresh machine:  make run  (serve with demo data)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
TV := $(VENV)/bin/tukiverkko
PYTHON ?= python3

.PHONY: run test install install-dev system-deps lint types migrations-check pytest demo-data clean contract-types

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[demo]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Voikko (Finnish morphology for search) and, for the tests, Debian's Chromium.
system-deps:
	@bash scripts/system-deps.sh

demo-data: install system-deps
	mkdir -p var
	TUKIVERKKO_ENV=demo $(TV) migrate --noinput -v0
	TUKIVERKKO_ENV=demo $(TV) load-catalogue
	TUKIVERKKO_ENV=demo $(TV) load-demo
	TUKIVERKKO_ENV=demo $(TV) load-demo-clients

run: demo-data
	@echo "Tukiverkko: http://127.0.0.1:8000  (demo accounts: see README.md)"
	TUKIVERKKO_ENV=demo $(TV) runserver 127.0.0.1:8000

lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/lint-imports

types: install-dev
	TUKIVERKKO_ENV=test $(VENV)/bin/mypy

migrations-check: install-dev
	TUKIVERKKO_ENV=test $(TV) makemigrations --check --dry-run

# The whole suite under coverage, then the gates (scripts/coverage_gates.py).
pytest: install-dev system-deps
	rm -f .coverage
	bash scripts/pytest.sh --cov --cov-report=
	$(PY) scripts/coverage_gates.py

# Typed models from the contracts (after a contract changes): src/tukiverkko/contracts/*.py
contract-types: install-dev
	$(PY) -m tukiverkko.contracts.codegen

test: install-dev system-deps lint types migrations-check pytest

clean:
	rm -rf $(VENV) var/*.sqlite3 .mypy_cache .ruff_cache .pytest_cache .import_linter_cache .coverage
