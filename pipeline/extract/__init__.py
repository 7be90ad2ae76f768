"""Stage extract: sentences -> indicators.

First the quantities of each sentence (the grammar of `quantities.py`), then their
meaning (`meaning.py`). Each indicator keeps its offsets in the normalized text.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..report import Report
from ..stages import Stage
from .categories import section_headings
from .meaning import interpret
from .quantities import find_quantities


def extract(report: Report, lexicon: Lexicon, pos_dictionary=None) -> Report:
    """`pos_dictionary(word)`: the part-of-speech dictionary of the segmenter (a resource,
    like the lexicons), for the pieces of words that straddle a figure's boundary."""
    indicators = []
    headings = section_headings(report.sentences, lexicon)
    for sentence, heading in zip(report.sentences, headings):
        quantities = find_quantities(sentence.text, lexicon, offset=sentence.start)
        if quantities:
            indicators.extend(interpret(sentence, quantities, lexicon, pos_dictionary, heading))
    report.indicators = indicators
    return report


STAGE = Stage("extract", extract, requires=("sentences", "year"), provides=("indicators",),
              needs=("lexicon", "pos_dictionary"))
