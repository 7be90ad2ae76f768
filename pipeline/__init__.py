"""Extract numeric indicators from Chinese work-report articles.

    from pipeline import process_text, run, load
    report = process_text("五年来，全区新建工会组织1410个，发展会员126184人。")
    for ind in report.indicators: print(ind.mention, ind.value, ind.category)
    run("corpus", "out")          # the tables of a folder
    tables = load("out")          # typed pandas frames
"""
from .errors import LexiconError, PipelineError
from .pipeline import STAGES, Pipeline, process_text
from .report import Indicator, Report, Sentence
from .runner import run
from .version import __version__

__all__ = ["Pipeline", "STAGES", "process_text", "run", "load", "Report", "Indicator", "Sentence",
           "LexiconError", "PipelineError", "__version__"]


def load(out_dir="out"):
    """The tables of a run as typed pandas DataFrames (see `pipeline.frames`)."""
    from .frames import load as _load

    return _load(out_dir)
