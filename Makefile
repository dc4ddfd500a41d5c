# Two entry points (see README): `make run` (main job) and `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared

.PHONY: run test bench install clean

$(BIN)/raqib: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/raqib

## Load the official lists (local mirror ../shared/lists when present, else the publishers' URLs) and screen.
run: install
	RAQIB_SHARED=$(SHARED) bash scripts/main-job.sh

## The test suite (real lists read from ../shared/lists).
test: install
	RAQIB_SHARED=$(SHARED) $(BIN)/pytest -p no:cacheprovider

## Effectiveness and speed benchmark against the anchors, then Raqib's threshold frontier (writes benchmarks/out/).
bench: install
	@test -x .venv-bench/bin/python || bash benchmarks/setup_bench_venv.sh
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.frontier

clean:
	rm -rf $(VENV) build *.egg-info
