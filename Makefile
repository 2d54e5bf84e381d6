# The project's interface. Newcomers need two targets: `make build`, `make test`.
# Everything runs from the repository root with the project's own .venv.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; reinstall when the pins change.
VENV_STAMP := $(VENV)/.installed

# The raw feeds. PP0093_RAW_DIR overrides the default for make and dbt alike.
RAW_DIR := $(or $(RAW_DIR),$(PP0093_RAW_DIR),data/raw)
# The generator writes this file last; without it the data set is incomplete.
RAW_MANIFEST := $(RAW_DIR)/_manifest.json
GENERATOR := src/pp0093/generator/cli.py
# The default data set (scale 1 = the programme's real size).
DATA_ARGS := --years 2023 2024 --scale 1 --seed 93

export PP0093_RAW_DIR := $(RAW_DIR)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
# logs/dbt.log keeps each node's start, result and errors; at dbt's default
# (debug) it also held every SQL statement sent, and writing those cost about
# 5 % of a scale-1 build (#19). DBT_LOG_LEVEL_FILE=debug brings them back.
export DBT_LOG_LEVEL_FILE ?= info

PYTEST_ARGS ?=

.PHONY: help venv build data raw-data check-raw dbt-build publish excel docs test lint sql \
    clean distclean bi-venv bench bench-full report superset-venv dashboards \
    build-steps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
	    | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

venv: $(VENV_STAMP) ## create .venv and install the pinned dependencies

$(VENV_STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null \
	    || { echo "error: $(PYTHON) not found (Python 3.11 is required)" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    -c constraints.txt -e '.[dev]'
	touch $@

# The steps that write the build database, dist/ or the docs site run under
# the build lock (src/pp0093/buildlock.py): a second build started meanwhile
# stops at once with "another build is running (pid N)" and changes nothing.
# Steps run by a locked `make build` pass straight through.
LOCKED = $(BIN)/pp0093 build-lock --

build: venv ## generate raw data if missing, dbt build, docs site
	$(LOCKED) $(MAKE) build-steps

# After the raw data, one process runs check-raw, dbt build, publish, excel
# and docs (src/pp0093/build.py): dbt starts once, not once per dbt command.
build-steps:
	$(MAKE) raw-data
	$(BIN)/pp0093 build --raw-dir $(RAW_DIR)
	@echo "build: warehouse in $${PP0093_DB_PATH:-target/pp0093.duckdb}," \
	    "docs in dist/docs/index.html"

raw-data: venv
	@if [ -f "$(RAW_MANIFEST)" ]; then \
	    echo "raw data: $(RAW_DIR) is complete ($(RAW_MANIFEST))"; \
	elif [ -f "$(GENERATOR)" ]; then \
	    echo "raw data: $(RAW_MANIFEST) missing, generating"; \
	    $(MAKE) data; \
	else \
	    echo "raw data: no generator yet ($(GENERATOR)); building seeds only"; \
	fi

data: venv ## (re)generate the default raw data set (data/raw)
	$(BIN)/pp0093 generate $(DATA_ARGS) --out $(RAW_DIR)

check-raw: venv ## check every raw file against its feed contract (before dbt)
	@if [ -d "$(RAW_DIR)" ]; then $(BIN)/pp0093 check-raw --raw-dir $(RAW_DIR); \
	else echo "check-raw: no $(RAW_DIR), nothing to check"; fi

# selectors.yml's default leaves unit tests to `make test`.
dbt-build: venv
	$(LOCKED) $(BIN)/dbt build

publish: venv ## copy the marts to dist/pp0093.duckdb and dist/parquet/ for BI tools
	@if [ -d models/marts ]; then $(BIN)/pp0093 publish; \
	else echo "publish: no models/marts yet, nothing to publish"; fi

# The analysts' console: the DuckDB command line client (PyPI duckdb-cli, pinned
# in constraints.txt) on the published copy, read-only, so a rebuild is never
# blocked. SQL="select ..." runs one statement and exits.
PUBLISHED_DB := dist/pp0093.duckdb
SQL ?=

sql: venv ## open dist/pp0093.duckdb read-only in the DuckDB console (SQL="..." runs one query)
	@test -f "$(PUBLISHED_DB)" || { echo "sql: $(PUBLISHED_DB) not found; run make build first" >&2; exit 1; }
	$(BIN)/duckdb -readonly "$(PUBLISHED_DB)" $(if $(SQL),-c "$(SQL)")

excel: venv ## write dist/excel/: a workbook per programme year and Spanish-locale CSV files
	@if [ -d models/marts ]; then $(BIN)/pp0093 excel; \
	else echo "excel: no models/marts yet, nothing to export"; fi

# A DuckDB 1.x client in its own environment: the test that BI tools bundling
# older DuckDB releases can open dist/pp0093.duckdb runs it.
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.installed

bi-venv: $(BI_STAMP)

$(BI_STAMP): constraints-bi.txt
	test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	echo '*' > $(BI_VENV)/.gitignore
	$(BI_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	    -r constraints-bi.txt
	touch $@

# Superset (about 900 MB) in its own environment, pinned in
# constraints-superset.txt; installed once and kept, like .venv. The stamp
# says how long the install took and how big the venv is.
SUPERSET_VENV := .venv-superset
SUPERSET_STAMP := $(SUPERSET_VENV)/.installed
SUPERSET_PORT ?= 8088

superset-venv: $(SUPERSET_STAMP) ## create .venv-superset (Superset 6.1, duckdb-engine)

$(SUPERSET_STAMP): constraints-superset.txt
	@command -v $(PYTHON) >/dev/null \
	    || { echo "error: $(PYTHON) not found (Python 3.11 is required)" >&2; exit 1; }
	@echo "superset-venv: installing Superset into $(SUPERSET_VENV) (about 900 MB)"
	@start=$$(date +%s); \
	test -x $(SUPERSET_VENV)/bin/python || $(PYTHON) -m venv $(SUPERSET_VENV); \
	echo '*' > $(SUPERSET_VENV)/.gitignore; \
	$(SUPERSET_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	    -r constraints-superset.txt; \
	$(SUPERSET_VENV)/bin/python -m pip check; \
	echo "installed in $$(( $$(date +%s) - start )) s," \
	    "$$(du -sm $(SUPERSET_VENV) | cut -f1) MB" | tee $@

# The dashboards of dashboards/assets/ in a local Superset on 127.0.0.1,
# reading dist/pp0093.duckdb read-only (make build writes it).
dashboards: superset-venv ## serve the Superset dashboards on http://127.0.0.1:8088
	@test -f dist/pp0093.duckdb \
	    || { echo "dashboards: dist/pp0093.duckdb missing: run make build" >&2; exit 1; }
	$(SUPERSET_VENV)/bin/python dashboards/serve.py --port $(SUPERSET_PORT)

# src/pp0093/docs_site.py: dbt docs generate --no-compile (the last build's
# manifest keeps the compiled SQL), the one-file site, then the DAG rules.
docs: venv ## write the static docs site to dist/docs/index.html
	$(LOCKED) $(BIN)/pp0093 docs

# The evaluation report of a programme year from the last build's database
# (YEAR=2025 for another year; default: the latest year in the data).
YEAR ?=

report: venv ## write the evaluation report (HTML, PDF) to dist/report/ (YEAR=...)
	$(BIN)/pp0093 report $(if $(YEAR),--year $(YEAR))

test: venv bi-venv superset-venv ## run the whole test suite (builds into a temporary database)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv ## sqlfluff on the SQL, ruff on the Python, no year literals in SQL
	$(BIN)/sqlfluff lint $(wildcard models tests analyses)
	$(BIN)/ruff check $(wildcard src tests bench dashboards)
	$(BIN)/pp0093 yearcheck $(wildcard models macros tests)

# The benchmark (bench/run.py): build and query cost at generator scales 1 and
# 10, written to bench/results.md and results.json; raw data is cached in
# bench/.cache. `make bench-full` adds scale 100 (about 3 GB, tens of minutes).
SCALES ?= 1 10
BENCH_ARGS ?=

bench: venv ## measure build and query cost (scales 1 10; SCALES="1 10 100")
	$(BIN)/python bench/run.py --scales $(SCALES) $(BENCH_ARGS)

bench-full: venv ## the benchmark at scales 1, 10 and 100
	$(MAKE) bench SCALES="1 10 100"

clean: ## remove build outputs (keeps .venv and data/raw)
	rm -rf target dist logs dbt_packages .pytest_cache .ruff_cache test-output

distclean: clean ## also remove .venv and the generated raw data
	rm -rf $(VENV) $(BI_VENV) $(SUPERSET_VENV) .superset data/raw
