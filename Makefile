# `make` sets up .venv and runs the pipeline on corpus/; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= out
JOBS   ?= 2
SEEDS  ?= ../shared/corpus/seeds
GOLD   ?= ../shared/gold

.PHONY: all run test test-hanlp eval bench bench-duplicates install hanlp system-tools train towns clean review notebook docs-images

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

# Optional system tools (Debian/Ubuntu, as root): Tesseract with its Simplified Chinese
# data reads scanned PDFs, LibreOffice old Word, WPS, RTF and .xls files; the font is
# what the OCR test draws its scanned page with; Chromium is the browser the review
# site's tests open it in (Playwright drives it; no browser is downloaded). Without them
# those files are skipped, saying what to install, and their tests skip.
SYSTEM_TOOLS ?= tesseract-ocr tesseract-ocr-chi-sim libreoffice-writer-nogui fonts-wqy-microhei chromium
system-tools:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_TOOLS)

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
	HANLP_REQUIRED=1 $(PY) -m pytest tests/test_hanlp_backend.py

# Benchmark (bench/run_bench.py): times and ratios, appended to bench/results.csv.
# BENCH_ARGS='--memory' adds the peak memory of a run over a ~100 MB corpus (minutes).
$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.bench $(VENV)/.hanlp $(VENV)/.test
	$(PY) bench/run_bench.py $(BENCH_ARGS)

# Duplicate detection over 20,000 generated articles: precision, recall, seconds.
bench-duplicates: install
	$(PY) bench/duplicates_bench.py $(BENCH_ARGS)

# Train the category model (lexicons/category_model.json) from annotated articles: pairs
# ARTICLES:GOLD; add your own, e.g. make train TRAIN_SETS="$(TRAIN_SETS) my/articles:my/gold".
TRAIN_SETS ?= tests/data/dev:tests/data/gold/dev tests/data/train:tests/data/gold/train
$(VENV)/.train: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[train]'
	touch $@

train: $(VENV)/.train
	$(PY) -m pipeline.extract.train $(TRAIN_SETS)

# Rewrite lexicons/towns.tsv (towns and streets with their county's code) from JioNLP's
# division table; JioNLP comes with the bench tools. The pipeline reads the file alone.
towns: $(VENV)/.bench
	$(PY) -m pipeline.describe.towns lexicons/towns.tsv

# Score the seeds against the gold annotations (or CORPUS=... GOLD=... of your own).
eval: install
	$(PY) -m pipeline run $(SEEDS) -o $(OUT)/seeds --jobs $(JOBS) --quiet
	$(PY) -m pipeline eval $(OUT)/seeds $(GOLD)

# The review site of the run in $(OUT): $(OUT)/review/index.html, one page per report
# (REVIEW_GOLD=path/to/gold marks the misses and extras against that gold).
review: run
	$(PY) -m pipeline review $(OUT) $(if $(REVIEW_GOLD),--gold $(REVIEW_GOLD))

# The notebook in JupyterLab, on the run in $(OUT). JupyterLab fetches no news, checks for
# no update and asks no package index for extensions; as root (a container) it is told
# that this is meant. NOTEBOOK_ARGS='--no-browser --port 8899' and the like are passed on.
notebook: run
	WORK_REPORT_OUT=$(abspath $(OUT)) $(VENV)/bin/jupyter lab notebooks/explore_indicators.ipynb \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root) $(NOTEBOOK_ARGS)

# docs/notebook_plots.png (the notebook on corpus/) and docs/review_*.png (the review site
# of tests/data/dev against its gold, in the system's headless Chromium), made again.
docs-images: $(VENV)/.test
	$(PY) -m pipeline.review.docs_images

clean:
	rm -rf $(OUT) bench/corpus bench/out*
