# The course's commands. A newcomer needs two: `make lab` and `make test`.
# Both create the virtual environment .venv on first use and (re)install the project
# whenever pyproject.toml changes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The project's extras to install: dev (the tests); EXTRAS=dev,browser adds Playwright for the browser test.
EXTRAS ?= dev
comma := ,
# One stamp per set of extras, so that choosing other extras installs them.
STAMP := $(VENV)/.installed-$(subst $(comma),+,$(EXTRAS))
FIRST_NOTEBOOK := notebooks/00_start_here.ipynb
# JupyterLab refuses to start as root unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for `make lab`, e.g. LAB_ARGS="--no-browser --port 8899" on a headless machine.
LAB_ARGS ?=
NBVAL := --nbval-lax --nbval-current-env --nbval-cell-timeout=120 --nbval-sanitize-with=nbval_sanitize.cfg
JOBS ?= 2

.PHONY: install lab test execute student bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

lab: install
	$(BIN)/jupyter lab $(ALLOW_ROOT) $(LAB_ARGS) $(FIRST_NOTEBOOK)

test: install
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile $(NBVAL) coursekit tests notebooks

execute: install
	$(BIN)/python -m coursekit.course.editions execute notebooks/*.ipynb

student: install
	$(BIN)/python -m coursekit.course.editions student notebooks student

bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) student .pytest_cache .hypothesis
