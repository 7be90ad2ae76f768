"""Extract numeric indicators from Chinese work-report articles.

    from pipeline import process_text, run, load
    report = process_text("五年来，全区新建工会组织1410个，发展会员126184人。")
    for ind in report.indicators: print(ind.mention, ind.value, ind.category)
    run("corpus", "out")          # the tables of a folder
    tables = load("out")          # typed pandas frames
"""
from .core import Pipeline, process_text
from .lexicon import LexiconError
from .report import Indicator, Report, Sentence
from .runner import run

__all__ = ["Pipeline", "process_text", "run", "load", "Report", "Indicator", "Sentence",
           "LexiconError"]
__version__ = "0.1.0"


def load(out_dir="out"):
    """The tables of a run as typed pandas DataFrames (see `pipeline.tables`)."""
    from .tables import load as _load

    return _load(out_dir)
