# `make` sets up .venv and runs the pipeline on corpus/; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= out
JOBS   ?= 2
SEEDS  ?= ../shared/corpus/seeds
GOLD   ?= ../shared/gold

.PHONY: all run test eval bench install clean

all: run

# Re-install only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m pipeline run $(CORPUS) -o $(OUT) --jobs $(JOBS)

test: install
	$(PY) -m pytest

# Score the seeds against the gold annotations (or CORPUS=... GOLD=... of your own).
eval: install
	$(PY) -m pipeline run $(SEEDS) -o $(OUT)/seeds --jobs $(JOBS) --quiet
	$(PY) -m pipeline eval $(OUT)/seeds $(GOLD)

clean:
	rm -rf $(OUT) bench/corpus bench/out*
