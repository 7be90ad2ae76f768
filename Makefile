# `make` sets up .venv and runs the pipeline on corpus/; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= out
JOBS   ?= 2
SEEDS  ?= ../shared/corpus/seeds
GOLD   ?= ../shared/gold

.PHONY: all run test test-hanlp eval bench install hanlp train clean

all: run

# Re-install only when the project's dependencies change. `make` installs what running
# the pipeline and the notebooks needs; `make test` adds the test tools; neither installs
# PyTorch, which only the optional HanLP backend needs (`make test-hanlp`).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[analysis]'
	touch $@

install: $(VENV)/.installed

$(VENV)/.test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The HanLP backend: PyTorch's CPU build is pinned in the same pip call, else pip would
# fetch the newest CUDA build (several GB). TORCH='torch --index-url
# https://download.pytorch.org/whl/cpu' takes the CPU build from PyTorch's own index.
TORCH ?= torch==2.13.0
$(VENV)/.hanlp: $(VENV)/.test
	$(PY) -m pip install --quiet $(TORCH) -e '.[hanlp]'
	touch $@

hanlp: $(VENV)/.hanlp

run: install
	$(PY) -m pipeline run $(CORPUS) -o $(OUT) --jobs $(JOBS)

# Every test that does not need PyTorch; the HanLP tests skip, saying why.
test: $(VENV)/.test
	$(PY) -m pytest

# The HanLP backend's tests, with PyTorch and HanLP installed.
test-hanlp: $(VENV)/.hanlp
	$(PY) -m pytest tests/test_hanlp_backend.py

# Benchmark (bench/run_bench.py): times and ratios, appended to bench/results.csv.
# BENCH_ARGS='--memory' adds the peak memory of a run over a ~100 MB corpus (minutes).
$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.bench $(VENV)/.hanlp $(VENV)/.test
	$(PY) bench/run_bench.py $(BENCH_ARGS)

# Train the category model (lexicons/category_model.json) from annotated articles: pairs
# ARTICLES:GOLD; add your own, e.g. make train TRAIN_SETS="$(TRAIN_SETS) my/articles:my/gold".
TRAIN_SETS ?= tests/data/dev:tests/data/gold/dev tests/data/train:tests/data/gold/train
$(VENV)/.train: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[train]'
	touch $@

train: $(VENV)/.train
	$(PY) -m pipeline.extract.train $(TRAIN_SETS)

# Score the seeds against the gold annotations (or CORPUS=... GOLD=... of your own).
eval: install
	$(PY) -m pipeline run $(SEEDS) -o $(OUT)/seeds --jobs $(JOBS) --quiet
	$(PY) -m pipeline eval $(OUT)/seeds $(GOLD)

clean:
	rm -rf $(OUT) bench/corpus bench/out*
