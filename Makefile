# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.terpasang
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test venv lint format bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

## Set up, migrate, load the demo data and serve on http://127.0.0.1:8000 (SQLite unless DATABASE_URL)
demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py muat_demo
	@echo "Membuka http://$(HOST):$(PORT)/ — hentikan dengan Ctrl+C"
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole test suite (on PostgreSQL when DATABASE_URL is set)
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	$(PY) bench/bench_engine.py
