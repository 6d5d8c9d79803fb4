# cchc — the two commands of the README are `make demo` and `make test`.
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python >= 3.12: pyenv's choice from .python-version, else any pyenv 3.12/3.13, else python3.12.
PYTHON ?= $(shell pyenv which python 2>/dev/null | grep -E '3\.1[23]' || ls -d $$HOME/.pyenv/versions/3.12*/bin/python3 $$HOME/.pyenv/versions/3.13*/bin/python3 2>/dev/null | head -n 1 || command -v python3.12)
MANAGE := $(BIN)/python manage.py
TEST_ENV := CCHC_DEBUG=1 CCHC_TASKS_IMMEDIATE=1 CCHC_DATA_DIR=$(CURDIR)/var/test

.PHONY: install static demo test test-postgres lint typecheck openapi config-docs bench messages clean

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Cần Python >= 3.12 (pyenv) — Python >= 3.12 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Front-end packages from npm (frontend/package-lock.json), built into src/cchc/static/build/.
FRONT_STAMP := frontend/node_modules/.installed
$(FRONT_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $(FRONT_STAMP)

static: $(FRONT_STAMP)
	cd frontend && node build.mjs

messages: $(STAMP)
	cd src/cchc && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v0

# The demo runs as production does (debug off, gunicorn, WhiteNoise); see bin/serve-demo.
# `CCHC_DEBUG=1 make demo` is the developer's explicit choice of debug pages.
demo: install messages static
	@PORT=$(PORT) BIN=$(BIN) bash bin/serve-demo

test: install messages static
	$(TEST_ENV) $(BIN)/pytest -q $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests ran"; exit 1; fi; exit $$rc

lint: install
	$(BIN)/ruff check src bench testing .ci/mutants.py
	$(BIN)/ruff format --check src bench testing .ci/mutants.py

typecheck: install
	CCHC_DEBUG=1 $(BIN)/mypy src/cchc testing/cchc_testkit

openapi: install
	CCHC_DEBUG=1 $(MANAGE) spectacular --validate --fail-on-warn --file docs/openapi.json --format openapi-json

config-docs: install
	CCHC_DEBUG=1 $(MANAGE) config_reference > docs/configuration.md

bench: install messages static
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var frontend/node_modules src/cchc/static/build
