"""Stage 4, tag: sentences -> indicators.

First the quantities (the grammar of `quantities.py`), then their meaning
(`meaning.py`). Each indicator keeps its offsets in the normalized text.
"""
from __future__ import annotations

from .lexicon import Lexicon
from .meaning import interpret
from .quantities import find_quantities
from .report import Report


def tag(report: Report, lexicon: Lexicon, segmenter=None) -> Report:
    if report.status != "ok":
        return report
    indicators = []
    for sentence in report.sentences:
        quantities = find_quantities(sentence.text, lexicon, offset=sentence.start)
        if quantities:
            indicators.extend(interpret(sentence, quantities, lexicon, segmenter))
    report.indicators = indicators
    return report
