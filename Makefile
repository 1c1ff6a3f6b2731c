# The course's commands. A newcomer needs two: `make lab` and `make test`.
# Both create the virtual environment .venv on first use and (re)install the project
# whenever pyproject.toml changes. A learner works in $(WORK)/, their own copy of the student edition.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The project's extras to install: dev (the tests); EXTRAS=dev,browser adds Playwright for the browser test.
EXTRAS ?= dev
comma := ,
# One stamp per set of extras, so that choosing other extras installs them.
STAMP := $(VENV)/.installed-$(subst $(comma),+,$(EXTRAS))
# The learner's working copy: made from the student edition by `make lab`, never overwritten once changed.
WORK ?= my-course
# JupyterLab's settings for the course (no news pop-up, widget state saved with the notebook).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# JupyterLab refuses to start as root unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for `make lab`, e.g. LAB_ARGS="--no-browser --port 8899" on a headless machine.
LAB_ARGS ?=
NBVAL := --nbval-lax --nbval-current-env --nbval-cell-timeout=120 --nbval-sanitize-with=nbval_sanitize.cfg
JOBS ?= 2
# Where the JavaScript of the slides and the book is kept once fetched from the npm registry (git-ignored).
NPM_CACHE ?= .cache/npm

.PHONY: install lab check test execute student bench clean slides grading book guide bench-hub

install: $(STAMP) $(LAB_SETTINGS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

$(LAB_SETTINGS): jupyter-settings/overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

# Brings the working copy up to the latest edition (keeping every notebook you changed), then opens it.
lab: install
	$(BIN)/python -m coursekit.course.tools.working_copy notebooks $(WORK)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=$(WORK) $(LAB_ARGS) $(WORK)/00_start_here.ipynb

# The learner's self-check: every notebook of the working copy (or NB=05) run afresh, one line per exercise.
check: install
	$(BIN)/python -m coursekit.course.tools.selfcheck $(WORK) $(if $(NB),--notebook $(NB))

test: install
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile $(NBVAL) coursekit tests notebooks

execute: install
	$(BIN)/python -m coursekit.course.tools.editions execute notebooks/*.ipynb

# The student edition for instructors to hand out; it refuses to overwrite changed notebooks unless FORCE=1.
student: install
	$(BIN)/python -m coursekit.course.tools.working_copy notebooks student $(if $(FORCE),--overwrite,--refuse)

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
	$(BIN)/python -m coursekit.course.tools.guide

# Capacity planning for a hub: each notebook's kernel (wall, CPU s, peak MB) and N learners at once; then the guide.
bench-hub: install
	$(BIN)/python benchmarks/hub_capacity.py $(BENCH_HUB_ARGS)
	$(BIN)/python -m coursekit.course.tools.guide

bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# Removes what the tools made; never a learner's notebooks ($(WORK)/, student/).
clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
