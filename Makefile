# The course's commands. A newcomer needs two: `make lab` and `make test`.
# Both create the virtual environment .venv on first use and (re)install the project
# whenever pyproject.toml changes. A learner works in $(WORK)/, their own copy of the student edition.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The project's extras to install: dev (the tests) and fast (Numba, which compiles the hot loops; without it they
# run in numpy, slower); EXTRAS=dev,fast,browser adds Playwright for the browser test.
EXTRAS ?= dev,fast
comma := ,
# One stamp per set of extras, so that choosing other extras installs them.
STAMP := $(VENV)/.installed-$(subst $(comma),+,$(EXTRAS))
# The learner's working copy: made from the student edition by `make lab`, never overwritten once changed.
WORK ?= my-course
# JupyterLab's settings for the course (no news pop-up; the widget state stored by `make execute` kept as it is,
# so that opening a notebook does not mark it modified).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# JupyterLab refuses to start as root unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for `make lab`, e.g. LAB_ARGS="--no-browser --port 8899" on a headless machine.
LAB_ARGS ?=
NBVAL := --nbval-lax --nbval-current-env --nbval-cell-timeout=120 --nbval-sanitize-with=nbval_sanitize.cfg
JOBS ?= 2
# Where the JavaScript of the slides and the book is kept once fetched from the npm registry (git-ignored).
NPM_CACHE ?= .cache/npm

.PHONY: install lab check test portability test-lowest execute student bench clean slides grading book guide bench-hub hub-values

install: $(STAMP) $(LAB_SETTINGS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

$(LAB_SETTINGS): jupyter-settings/overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

# Brings the working copy up to the latest edition (keeping every notebook you changed), then opens it on notebook
# 00: the browser, and the address printed for a machine without one, go to 00_start_here.ipynb.
lab: install
	$(BIN)/python -m coursekit.course.tools.working_copy notebooks $(WORK)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=$(WORK) --LabApp.default_url=/lab/tree/00_start_here.ipynb \
	  $(LAB_ARGS)

# The learner's self-check: every notebook of the working copy (or NB=06) run afresh, one line per exercise.
check: install
	$(BIN)/python -m coursekit.course.tools.selfcheck $(WORK) $(if $(NB),--notebook $(NB))

test: install
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile $(NBVAL) coursekit tests notebooks

# Portability: every notebook run again as the student-edition test runs it (tests/test_notebooks.py, its one
# comparison of text outputs), under each variant in turn: another BLAS kernel (Prescott: OpenBLAS's generic x86
# kernel, which any x86-64 CPU runs) and Numba off. A notebook that prints something else fails, naming its cells.
PORTABILITY_BLAS ?= Prescott
PORTABILITY_VARIANTS ?= OPENBLAS_CORETYPE=$(PORTABILITY_BLAS) COURSEKIT_JIT=0
STUDENT_RUN := tests/test_notebooks.py::test_run_all_on_the_unfilled_student_edition_never_stops
portability: install
	@failed=; for variant in $(PORTABILITY_VARIANTS); do \
	  echo "== portability under $$variant: does every notebook print the text outputs it stores?"; \
	  env $$variant $(BIN)/python -m pytest -p no:cacheprovider -n $(JOBS) -q $(STUDENT_RUN) \
	    || failed="$$failed $$variant"; \
	done; \
	if [ -n "$$failed" ]; then echo "== portability: outputs differ under$$failed (the notebooks and cells are named above)"; exit 1; fi; \
	echo "== portability: every notebook reproduces its stored text outputs under $(PORTABILITY_VARIANTS)"

# The test suite on the lowest versions the project admits: Python 3.10 (PYTHON_LOWEST: pyenv's 3.10 if there is
# one, else python3.10) with the pins of constraints/lowest.txt, in its own environment $(VENV_LOWEST), remade
# when either file changes. The browser tests are left out and CI is unset, so that the tests of the extras not
# installed here (book, grading) skip; `make lab` in tests/test_setup.py runs this environment's JupyterLab.
PYTHON_LOWEST ?= $(or $(addsuffix /bin/python,$(shell pyenv prefix 3.10 2>/dev/null)),\
  $(lastword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python)),python3.10)
VENV_LOWEST := .venv-lowest
EXTRAS_LOWEST := dev,fast
STAMP_LOWEST := $(VENV_LOWEST)/.installed-$(subst $(comma),+,$(EXTRAS_LOWEST))
$(STAMP_LOWEST): pyproject.toml constraints/lowest.txt
	rm -rf $(VENV_LOWEST)
	$(PYTHON_LOWEST) -m venv $(VENV_LOWEST)
	$(VENV_LOWEST)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints/lowest.txt \
	  -e '.[$(EXTRAS_LOWEST)]'
	touch $@

test-lowest: $(STAMP_LOWEST)
	env -u CI VENV=$(VENV_LOWEST) EXTRAS=$(EXTRAS_LOWEST) $(VENV_LOWEST)/bin/python -m pytest -n $(JOBS) \
	  --dist loadfile $(NBVAL) coursekit tests notebooks --ignore=tests/test_browser.py --ignore=tests/test_offline_browser.py

execute: install
	$(BIN)/python -m coursekit.course.tools.editions execute notebooks/*.ipynb

# The student edition for instructors to hand out, with no progress file (`make lab` gives a learner's working copy
# its own); it refuses to overwrite changed notebooks unless FORCE=1.
student: install
	$(BIN)/python -m coursekit.course.tools.working_copy notebooks student --no-progress \
	  $(if $(FORCE),--overwrite,--refuse)

# Instructors: a reveal.js deck of every notebook that works with no network (build/slides/index.html).
slides: install
	$(BIN)/python -m coursekit.course.tools.slides notebooks build/slides --cache $(NPM_CACHE)

# Readers without a kernel: the executed course as a static site that works offline (build/book/_build/html).
book:
	$(MAKE) --no-print-directory install EXTRAS=$(EXTRAS),book
	$(BIN)/python -m coursekit.course.tools.book notebooks build/book --cache $(NPM_CACHE)

# Instructors: an nbgrader course folder (source/ of every notebook, nbgrader_config.py), for a class on JupyterHub.
GRADING_DIR ?= build/nbgrader
grading:
	$(MAKE) --no-print-directory install EXTRAS=$(EXTRAS),grading
	$(BIN)/python -m coursekit.course.tools.grading notebooks $(GRADING_DIR)

# Instructors: docs/instructor-guide.md, generated from the notebooks, the exercise registry, the questions,
# docs/instructor/ (the hand-written notes) and the measurements of bench-hub; make test fails when it is stale.
guide: install
	$(BIN)/python -m coursekit.course.tools.estimate notebooks
	$(BIN)/python -m coursekit.course.tools.guide

# The Zero to JupyterHub configuration (hub/values.yaml), its sizes from the capacity table of bench-hub.
hub-values: install
	$(BIN)/python -m coursekit.course.tools.hub values docs/instructor/capacity.json hub/values.yaml

# Capacity planning for a hub: each notebook's kernel (wall, CPU s, peak MB) and N learners at once; then the guide.
bench-hub: install
	$(BIN)/python benchmarks/hub_capacity.py $(BENCH_HUB_ARGS)
	$(BIN)/python -m coursekit.course.tools.hub values docs/instructor/capacity.json hub/values.yaml
	$(BIN)/python -m coursekit.course.tools.guide

bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# Removes what the tools made; never a learner's notebooks ($(WORK)/, student/).
clean:
	rm -rf $(VENV) $(VENV_LOWEST) .pytest_cache .hypothesis
