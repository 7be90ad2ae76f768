"""The calendar year a figure refers to (SPEC.md `year`), from the time expressions of
its sentence and the report's own year and date.

Two years of the report are read: the year it was written (`present`: its date's year,
else the year it is about) and the year it is about (`report.year`, from the describe
stage). A time expression gives:

- an explicit year: that year (2022年, 截至2023年底); a span its last year (2019—2023年);
  an open span (2018年以来) the year the report is about;
- a relative year (kinds.yaml `years.relative`): `present` plus its offset (今年, 去年, 明年);
- a coming span (今后五年): `present` plus its length;
- anything else (全年, 五年来, 上半年, 目前, 截至10月底): the year an expression before it
  in the sentence fixes ("2024年，…力争全年…"), else the year the report is about.

The figure takes the nearest expression before it in its sentence, else the first one of
the sentence, leaving out the base of a comparison (比去年增加, 较上年) and the years of
a name in 《》 (《…三年规划(2022-2024年)》); a sentence
without one takes the year the report is about. Empty when nothing fixes the year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..report import Indicator, Report, Sentence

YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年")
OPEN_SPAN = re.compile(r"以来|开始|起|至今")
TITLE = re.compile(r"《[^《》]*》")
FIRST_YEAR, LAST_YEAR = 1949, 2100
CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
SMALL_NUMBERS = {c: i for i, c in enumerate("〇一二三四五六七八九十", 0)} | {"两": 2}


@dataclass(frozen=True)
class Expression:
    start: int  # offsets in the sentence
    end: int
    text: str
    year: int | None
    fixed: bool = True  # the expression names its year (2022年, 去年), not only a span (全年)


def present_year(report: Report) -> int | None:
    """The year the report was written: its date's, else the year it is about."""
    if report.date[:4].isdigit():
        return int(report.date[:4])
    return report.year


def _explicit_years(text: str) -> list[int]:
    years = []
    for m in YEAR.finditer(text):
        digits = "".join(CHINESE_DIGITS.get(c, c) for c in m.group(1))
        if digits.isdigit() and FIRST_YEAR <= int(digits) <= LAST_YEAR:
            years.append(int(digits))
    return years


def _count(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    if written in SMALL_NUMBERS:
        return SMALL_NUMBERS[written]
    return None


def expression_year(text: str, lexicon: Lexicon, present: int | None, about: int | None) -> int | None:
    """The year one time expression fixes (see the module docstring); None for one that
    fixes none (全年, 五年来, 目前), which takes the year of the sentence."""
    kinds = lexicon.kinds
    explicit = _explicit_years(text)
    if explicit:
        last = max(explicit)
        if len(explicit) == 1 and OPEN_SPAN.search(text) and about is not None and about > last:
            return about  # 2018年以来: up to the year the report is about
        return last
    if present is not None:
        for pattern in kinds.ahead:
            m = pattern.search(text)
            if m and (n := _count(m.group(1))) is not None:
                return present + n
        for word, offset in kinds.relative_years.items():
            if word in text:
                return present + offset
    return None


def expressions(sentence: Sentence, lexicon: Lexicon, present: int | None,
                about: int | None) -> list[Expression]:
    """The time expressions of a sentence that can fix a figure's year, in order: the
    period patterns, relative years and coming spans, none inside a longer one and none
    that is the base of a comparison."""
    text, kinds = sentence.text, lexicon.kinds
    spans = [(m.start(), m.end()) for p in lexicon.period_patterns for m in p.finditer(text)]
    spans += [(m.start(), m.end()) for p in kinds.ahead for m in p.finditer(text)]
    spans += [(m.start(), m.end()) for word in kinds.relative_years
              for m in re.finditer(re.escape(word), text)
              if not text[: m.start()].endswith(kinds.relative_not_after)]
    spans = [s for s in spans if s[1] > s[0]]
    kept = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    titles = [(m.start(), m.end()) for m in TITLE.finditer(text)]
    out: list[Expression] = []
    sentence_year = about if about is not None else present
    for start, end in sorted(set(kept)):
        if text[:start].endswith(kinds.comparison_before):
            continue  # 比去年增加: the base, not the time of the figure
        if any(a <= start and end <= b for a, b in titles):
            continue  # 《…三年规划(2022-2024年)》: a name
        piece = text[start:end]
        year = expression_year(piece, lexicon, present, about)
        if year is None:  # 2024年，…力争全年…: the year named before it in the sentence
            year = next((e.year for e in reversed(out) if e.fixed), sentence_year)
            out.append(Expression(start, end, piece, year, fixed=False))
        else:
            out.append(Expression(start, end, piece, year))
    return out


def figure_year(ind: Indicator, sentence: Sentence, found: list[Expression],
                about: int | None, present: int | None) -> int | None:
    """The nearest expression before the figure, else the sentence's first, else `about`
    (the year of the heading over the sentence, else the year the report is about)."""
    rel = ind.start - sentence.start
    before = [e for e in found if e.end <= rel]
    chosen = before[-1] if before else (found[0] if found else None)
    if chosen is not None:
        return chosen.year
    return about if about is not None else present


def resolve_years(report: Report, lexicon: Lexicon, heading_years: dict[int, int] | None = None) -> None:
    """Give every indicator of the report its year. `heading_years`: by sentence id, the
    year of the heading over it (headings.py), which stands for the report's year there."""
    present = present_year(report)
    by_sentence = {s.id: s for s in report.sentences}
    cache: dict[int, list[Expression]] = {}
    for ind in report.indicators:
        sentence = by_sentence[ind.sentence_id]
        about = (heading_years or {}).get(sentence.id, report.year)
        if sentence.id not in cache:
            cache[sentence.id] = expressions(sentence, lexicon, present, about)
        ind.year = figure_year(ind, sentence, cache[sentence.id], about, present)
