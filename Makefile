# `make` sets up .venv and runs the pipeline on corpus/; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= out
JOBS   ?= 2
SEEDS  ?= ../shared/corpus/seeds
GOLD   ?= ../shared/gold

.PHONY: all run test eval bench install hanlp clean

all: run

# Re-install only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# opencc-python-reimplemented (a former dependency) installs the same module as opencc
	if $(PY) -m pip show --quiet opencc-python-reimplemented 2>/dev/null; then \
	  $(PY) -m pip uninstall --quiet --yes opencc-python-reimplemented opencc; fi
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The HanLP backend (`make hanlp`; `make test` needs it): PyTorch's CPU build is pinned in
# the same pip call, else pip would fetch the newest CUDA build (several GB).
TORCH ?= torch==2.13.0
$(VENV)/.hanlp: $(VENV)/.installed
	$(PY) -m pip install --quiet '$(TORCH)' -e '.[hanlp]'
	touch $@

hanlp: $(VENV)/.hanlp

run: install
	$(PY) -m pipeline run $(CORPUS) -o $(OUT) --jobs $(JOBS)

test: install $(VENV)/.hanlp
	$(PY) -m pytest

# Benchmark (bench/run_bench.py): times and ratios, appended to bench/results.csv.
# BENCH_ARGS='--memory' adds the peak memory of a run over a ~100 MB corpus (minutes).
$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.bench $(VENV)/.hanlp
	$(PY) bench/run_bench.py $(BENCH_ARGS)

# Score the seeds against the gold annotations (or CORPUS=... GOLD=... of your own).
eval: install
	$(PY) -m pipeline run $(SEEDS) -o $(OUT)/seeds --jobs $(JOBS) --quiet
	$(PY) -m pipeline eval $(OUT)/seeds $(GOLD)

clean:
	rm -rf $(OUT) bench/corpus bench/out*
