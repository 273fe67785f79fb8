# Every target sets itself up: a virtualenv in .venv/ with the pinned dependencies of requirements.lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
INPUT     ?= seeds
WAREHOUSE ?= warehouse

.PHONY: pipeline serve test test-fast lint typecheck eval lock clean venv sql bench

venv: $(STAMP)

# The stamp is rebuilt whenever the lock or the project metadata changes. The dependencies are
# compiled to bytecode as they are installed: where PYTHONDONTWRITEBYTECODE is set (these
# machines, CI) Python would otherwise compile the 9,000 modules of the dependencies again in
# every process of every run: the Prefect server imported in 5 s instead of 2, the run in 2.7
# instead of 1.1; the start-up of a run on an empty folder took 7.8-8.1 s instead of 5.5-6.4.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

pipeline: $(STAMP)
	$(BIN)/python -m pipeline run --input $(INPUT) --warehouse $(WAREHOUSE)

# The same build every hour, as a Prefect deployment; needs a running `prefect server start` and
# PREFECT_API_URL pointing at it (README: Scheduling runs). CRON="*/15 * * * *" to change it.
CRON ?= 0 * * * *
serve: $(STAMP)
	$(BIN)/python -m pipeline serve --cron "$(CRON)" --input $(INPUT) --warehouse $(WAREHOUSE)

# An interactive SQL prompt, read-only; while it is open a run on the same warehouse exits with status 3.
sql: $(STAMP)
	$(BIN)/python -m pipeline sql --interactive --warehouse $(WAREHOUSE)

# Everything (about 7 minutes on 2 cores when the machine is quiet); .ci/run calls this.
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

# The edit-test loop: unit and property tests plus one real end-to-end run, under 2 minutes.
test-fast: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -m "not slow"

# Accuracy side by side with jusText and trafilatura, on the seeds and the hand-labelled dev set.
EVAL_SETS := seeds=tests/gold/seeds.gold.jsonl:seeds
EVAL_SETS += real=tests/devset/real/gold:tests/devset/real/docs:tests/devset/real/html
ifneq ($(wildcard tests/devset/gold.jsonl),)
EVAL_SETS += written=tests/devset/gold.jsonl:tests/devset/docs
endif
eval: $(STAMP)
	$(BIN)/python -m tests.devtools.evaluate $(EVAL_SETS)

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Speed against the floor of what the machine does (see README, Performance). BENCH_DOCS pages.
BENCH_DOCS ?= 20000
bench: $(STAMP)
	$(BIN)/python -m tests.devtools.bench.run --docs $(BENCH_DOCS) --workdir $(WAREHOUSE)/bench

# Re-pin after editing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(WAREHOUSE)/corpus.duckdb $(WAREHOUSE)/parquet $(WAREHOUSE)/.prefect
