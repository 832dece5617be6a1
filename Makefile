# Two commands on a fresh machine:  make run  (serve with demo data)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
TV := $(VENV)/bin/tukiverkko
PYTHON ?= python3

UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet

.PHONY: run dev test bench install install-dev install-bench lock lock-upgrade system-deps lint types migrations-check pytest demo-data clean contract-types

# Installs are pinned: every package at the version and hash in the lock files (uv wrote them;
# pip installs them). The project itself goes in editable, without resolving anything more.
define install_locked
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes --no-deps -r $(1)
	$(PY) -m pip install -q --no-deps -e .
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; \
	  echo "$(1) does not hold what pyproject.toml asks for: run make lock" >&2; exit 1; }
endef

$(VENV)/.installed: requirements.lock pyproject.toml
	$(call install_locked,requirements.lock)
	touch $@

# The dev lock holds the runtime lock's pins too (make lock compiles one against the other).
$(VENV)/.installed-dev: requirements-dev.lock requirements.lock pyproject.toml
	$(call install_locked,requirements-dev.lock)
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The benchmarks' extra (OpenFisca-core beside the rules, benchmarks/rules_population.py): the dev
# lock's pins and what the bench extra adds, in a lock of its own.
$(VENV)/.installed-bench: requirements-bench.lock requirements-dev.lock pyproject.toml
	$(call install_locked,requirements-bench.lock)
	touch $(VENV)/.installed $(VENV)/.installed-dev $@

install-bench: $(VENV)/.installed-bench

# After changing dependencies in pyproject.toml: make lock (keeps every other pin);
# make lock-upgrade moves every package to its newest allowed version.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(PY) -m pip install -q uv
	$(UV_COMPILE) $(LOCK_FLAGS) --extra dev --extra demo -o requirements-dev.lock
	$(UV_COMPILE) $(LOCK_FLAGS) --extra demo -c requirements-dev.lock -o requirements.lock
	$(UV_COMPILE) $(LOCK_FLAGS) --extra dev --extra demo --extra bench -c requirements-dev.lock -o requirements-bench.lock

lock-upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

# Voikko (Finnish morphology for search) and, for the tests, Debian's Chromium.
system-deps:
	@bash scripts/system-deps.sh

# A .env for the demo when there is none, so that every command works in this checkout.
.env:
	@printf '%s\n' "# Written by make run for the demo; see .env.example for every setting." \
	  "TUKIVERKKO_ENV=demo" \
	  "DJANGO_SECRET_KEY=demo-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" > $@
	@echo "Wrote a demo .env (TUKIVERKKO_ENV=demo)."

demo-data: install system-deps .env
	mkdir -p var
	TUKIVERKKO_ENV=demo $(TV) migrate --noinput -v0
	TUKIVERKKO_ENV=demo $(TV) load-catalogue
	TUKIVERKKO_ENV=demo $(TV) load-demo
	TUKIVERKKO_ENV=demo $(TV) load-demo-clients

# gunicorn and the task worker, as in production (tukiverkko serve).
run: demo-data
	@echo "Tukiverkko: http://127.0.0.1:8000  (demo accounts: see README.md)"
	TUKIVERKKO_ENV=demo $(TV) serve --bind 127.0.0.1:8000

# Django's auto-reloading development server, and the task worker reloading too.
dev: demo-data
	@echo "Tukiverkko (development server): http://127.0.0.1:8000"
	TUKIVERKKO_ENV=demo $(TV) serve --dev --bind 127.0.0.1:8000

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

# Every benchmark on this machine beside its floor (under 15 minutes on 2 cores); writes
# docs/performance.md's 'last make bench run'. BENCH_ARGS, e.g. --clients 30000 --only search.
bench: install-bench system-deps
	bash scripts/bench.sh $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3 .mypy_cache .ruff_cache .pytest_cache .import_linter_cache .coverage
