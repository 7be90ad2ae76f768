"""Stage extract: sentences -> indicators.

First the quantities of each sentence (the grammar of `quantities.py`), then their
meaning (`meaning.py`), then what the figures are to the report and to each other: the
year each refers to (`years.py`), its kind (`kinds.py`), and the parts of breakdowns and
the repeats of one figure (`relations.py`). Each indicator keeps its offsets in the
normalized text, and the page of a paged source (PDF) it falls on.
"""
from __future__ import annotations

from bisect import bisect_right

from ..lexicon import Lexicon
from ..report import Report
from ..stages import Stage
from .categories import section_headings
from .headings import context
from .kinds import classify, inherit_from_wholes
from .meaning import interpret
from .quantities import find_quantities
from .relations import categories_of_parts, link_parts, link_repeats
from .years import present_year, resolve_years


def extract(report: Report, lexicon: Lexicon, pos_dictionary=None) -> Report:
    """`pos_dictionary(word)`: the part-of-speech dictionary of the segmenter (a resource,
    like the lexicons), for the pieces of words that straddle a figure's boundary."""
    indicators = []
    headings = section_headings(report.sentences, lexicon)
    for sentence, heading in zip(report.sentences, headings):
        quantities = find_quantities(sentence.text, lexicon, offset=sentence.start, region=report.region)
        if quantities:
            indicators.extend(interpret(sentence, quantities, lexicon, pos_dictionary, heading))
    for indicator in indicators if report.page_starts else ():  # a paged source (PDF)
        indicator.page = bisect_right(report.page_starts, indicator.start)
    report.indicators = indicators
    relate(report, lexicon)
    return report


def relate(report: Report, lexicon: Lexicon) -> None:
    """Year, kind, part_of and repeat_of of the report's indicators, in that order: the
    headings (headings.py) date the sentences under them and mark plan sections; a year
    after the report's present, named in the figure's own sentence or heading, makes a
    target; a change is no whole and no part; a part
    takes its whole's kind and, unless it says otherwise itself, its category; a part is
    never a repeat."""
    present = present_year(report, lexicon)
    headings = context(report, lexicon, present)
    carried = resolve_years(report, lexicon, headings.years, present)
    readings = classify(report, lexicon, present, headings.plan, carried)
    link_parts(report, lexicon, report.doc_id)
    inherit_from_wholes(report, readings, report.doc_id)
    categories_of_parts(report, lexicon, report.doc_id)
    link_repeats(report, lexicon, report.doc_id)


STAGE = Stage("extract", extract, requires=("sentences", "year", "region"), provides=("indicators",),
              needs=("lexicon", "pos_dictionary"))
