"""Shared fixtures: the seeds and gold live in ../shared beside the project."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: the same examples on every CI run (derandomize = a fixed seed), no
# timing deadline on a shared, noisy machine. Locally the examples vary from run to run.
settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def lexicon(nlp):
    return nlp.lexicon


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the project")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not beside the project")
    return GOLD


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory, seeds_dir):
    """One run of the pipeline over the seeds, with every output (the segmented texts
    too), shared by the tests that read its tables."""
    from pipeline import run

    out = tmp_path_factory.mktemp("seeds_out")
    run(seeds_dir, out, jobs=1, progress=False, segmented=True)
    return out
