"""Stage extract: sentences -> indicators.

First the quantities of each sentence (the grammar of `quantities.py`), then their
meaning (`meaning.py`). Each indicator keeps its offsets in the normalized text, and the page of a paged source
(PDF) they fall on.
"""
from __future__ import annotations

from bisect import bisect_right

from ..lexicon import Lexicon
from ..report import Report
from ..stages import Stage
from .meaning import interpret
from .quantities import find_quantities


def extract(report: Report, lexicon: Lexicon, pos_dictionary=None) -> Report:
    """`pos_dictionary(word)`: the part-of-speech dictionary of the segmenter (a resource,
    like the lexicons), for the pieces of words that straddle a figure's boundary."""
    indicators = []
    for sentence in report.sentences:
        quantities = find_quantities(sentence.text, lexicon, offset=sentence.start)
        if quantities:
            indicators.extend(interpret(sentence, quantities, lexicon, pos_dictionary))
    for indicator in indicators if report.page_starts else ():  # a paged source (PDF)
        indicator.page = bisect_right(report.page_starts, indicator.start)
    report.indicators = indicators
    return report


STAGE = Stage("extract", extract, requires=("sentences", "year"), provides=("indicators",),
              needs=("lexicon", "pos_dictionary"))
