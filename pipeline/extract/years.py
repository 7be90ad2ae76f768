"""The calendar year a figure refers to (SPEC.md `year`), from the time expressions of
its sentence and the report's own year and date.

Two years of the report are read: the year it was written (`present`: its date's year,
else the year it is about, else, for an undated report that calls the year it is about
去年 ("去年，…全力兑现2024年服务职工10件实事"), the year after) and the year it is about
(`report.year`, from the describe stage). A time expression gives:

- an explicit year: that year (2022年, 截至2023年底); a span its last year (2019—2023年);
  an open span (2018年以来) the year the report is about;
- a relative year (kinds.yaml `years.relative`): `present` plus its offset (今年, 去年, 明年);
- a coming span (今后五年): `present` plus its length;
- now (`years.now`: 目前, 现在, 截至目前): the year the report is about;
- anything else (全年, 五年来, 上半年, 截至10月底): the year an expression before it in the
  sentence fixes ("2024年，…力争全年…"), else the year the report is about.

The figure takes the nearest expression before it in its sentence, else the first one of
the sentence, leaving out the base of a comparison (比去年增加, 较上年, 按2004年…计算) and
the years of a name in 《》 (《…三年规划(2022-2024年)》). A sentence without one takes the
year an earlier sentence of its paragraph names ("今年…。全国通过…累计捐赠…"), unless it
states what there is now (a point-in-time word: 现有, 目前), else the year of the heading
over it (headings.py), else the year the report is about. Empty when nothing fixes the year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..lexicon.patterns import led_by_first_chars
from ..numerals import DIGIT_VALUES
from ..report import Indicator, Report, Sentence

YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年")
OPEN_SPAN = re.compile(r"以来|开始|起|至今")
TITLE = re.compile(r"《[^《》]*》")
CHINESE_DIGITS = {c: str(v) for c, v in DIGIT_VALUES.items()}
SMALL_NUMBERS = DIGIT_VALUES | {"十": 10}


@dataclass(frozen=True)
class Expression:
    start: int  # offsets in the sentence
    end: int
    text: str
    year: int | None
    fixed: bool = True  # the expression names its year (2022年, 去年), not only a span (全年)


def present_year(report: Report, lexicon: Lexicon | None = None) -> int | None:
    """The year the report was written: its date's, else the year it is about, or the year
    after when the text calls that year 去年 (given `lexicon`)."""
    if report.date[:4].isdigit():
        return int(report.date[:4])
    if lexicon is not None and report.year is not None and _called_last_year(report, lexicon):
        return report.year + 1
    return report.year


def _called_last_year(report: Report, lexicon: Lexicon) -> bool:
    """A sentence with 去年 (as its time, not a comparison's base) names the report's year
    too, or gives a figure that a sentence naming the report's year gives as well (去年募集
    善款886万多元 above 2017年…接收款物捐赠886万多元): the text speaks from the year after."""
    kinds = lexicon.kinds
    last = [w for w, offset in kinds.relative_years.items() if offset == -1]

    def says_last_year(text: str) -> bool:
        return any(not text[:m.start()].endswith(kinds.comparison_before + kinds.relative_not_after)
                   for word in last for m in re.finditer(re.escape(word), text))

    texts = {s.id: TITLE.sub("", s.text) for s in report.sentences}
    naming = {k: report.year in _explicit_years(text, lexicon) for k, text in texts.items()}
    if any(naming[k] and says_last_year(text) for k, text in texts.items()):
        return True
    dated = {(i.value, i.unit) for i in report.indicators if naming.get(i.sentence_id)}
    return any((i.value, i.unit) in dated and i.sentence_id in texts and not naming[i.sentence_id]
               and says_last_year(texts[i.sentence_id]) for i in report.indicators)


def _explicit_years(text: str, lexicon: Lexicon) -> list[int]:
    """The years written out in `text`, within report_metadata.yaml's bounds of a year."""
    bounds, years = lexicon.metadata.year, []
    for m in YEAR.finditer(text):
        digits = "".join(CHINESE_DIGITS.get(c, c) for c in m.group(1))
        if digits.isdigit() and bounds.first <= int(digits) <= bounds.last:
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
    explicit = _explicit_years(text, lexicon)
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


@lru_cache(maxsize=4096)
def period_matches(text: str, lexicon: Lexicon) -> tuple[re.Match, ...]:
    """The matches of the period patterns (periods.yaml) in a sentence's text, pattern by
    pattern: found once, for the meaning of its figures and for their years."""
    return tuple(m for p in lexicon.period_patterns for m in p.finditer(text))


@lru_cache(maxsize=8)
def _relative_or_now(lexicon: Lexicon) -> re.Pattern:
    """Any of kinds.yaml's relative years and words of now, in one search."""
    words = sorted(set(lexicon.kinds.relative_years) | set(lexicon.kinds.now), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words if w) or "(?!)")


def expressions(sentence: Sentence, lexicon: Lexicon, present: int | None,
                about: int | None) -> list[Expression]:
    """The time expressions of a sentence that can fix a figure's year, in order: the
    period patterns, relative years and coming spans, none inside a longer one and none
    that is the base of a comparison."""
    text, kinds = sentence.text, lexicon.kinds
    spans = [m.span() for m in period_matches(text, lexicon)]
    for pattern in kinds.ahead:
        spans += map(re.Match.span, pattern.finditer(text))
    if _relative_or_now(lexicon).search(text):  # most sentences hold none of the words
        # `word in text` first: a scan is dearer
        spans += [(m.start(), m.end()) for word in kinds.relative_years if word in text
                  for m in re.finditer(re.escape(word), text)
                  if not text[: m.start()].endswith(kinds.relative_not_after)]
        spans += [(m.start(), m.end()) for word in kinds.now if word in text
                  for m in re.finditer(re.escape(word), text)]
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return []
    kept = _outermost(spans)
    titles = [(m.start(), m.end()) for m in TITLE.finditer(text)]
    out: list[Expression] = []
    sentence_year = about if about is not None else present
    for start, end in kept:
        if text[:start].endswith(kinds.comparison_before):
            continue  # 比去年增加: the base, not the time of the figure
        if any(a <= start and end <= b for a, b in titles):
            continue  # 《…三年规划(2022-2024年)》: a name
        piece = text[start:end]
        year = sentence_year if piece in kinds.now else expression_year(piece, lexicon, present, about)
        if year is None:  # 2024年，…力争全年…: the year named before it in the sentence
            year = next((e.year for e in reversed(out) if e.fixed), sentence_year)
            out.append(Expression(start, end, piece, year, fixed=False))
        else:
            out.append(Expression(start, end, piece, year))
    return out


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The distinct spans inside no other span, in order. Walked by start, the longest
    first: a span is inside another when one before it in that order reaches as far."""
    kept, reach = [], -1
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if end > reach:
            kept.append((start, end))
            reach = end
    return kept


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


def sentence_years(report: Report, lexicon: Lexicon, present: int | None,
                   heading_years: dict[int, int]) -> dict[int, tuple[list[Expression], int | None, bool]]:
    """By sentence id: its time expressions and the year its figures take without one (the
    year an earlier sentence of its paragraph names, unless a point-in-time word makes it a
    statement of now ("全县现有医护人员2860人"); else its heading's, else the report's), and
    whether that year is carried from an earlier sentence."""
    out: dict[int, tuple[list[Expression], int | None, bool]] = {}
    paragraph, carried = None, None
    for sentence in report.sentences:
        if sentence.paragraph != paragraph:
            paragraph, carried = sentence.paragraph, None
        about = heading_years.get(sentence.id, report.year)
        found = expressions(sentence, lexicon, present, about)
        point = lexicon.kinds.stock_point_in_time
        # 现有…: now, not then (asked only of a sentence that would carry a year)
        carry = carried is not None and not (
            point is not None and led_by_first_chars(point).search(sentence.text) is not None)
        out[sentence.id] = (found, carried if carry else about, carry and not found)
        fixed = [e.year for e in found if e.fixed and e.year is not None]
        if fixed:
            carried = fixed[-1]
    return out


def resolve_years(report: Report, lexicon: Lexicon, heading_years: dict[int, int] | None = None,
                  present: int | None = None) -> set[int]:
    """Give every indicator of the report its year; returns the starts of those whose year
    comes from an earlier sentence of their paragraph. `heading_years`: by sentence id, the
    year of the heading over it (headings.py); `present`: the year the report was written
    (else `present_year`)."""
    present = present if present is not None else present_year(report, lexicon)
    by_sentence = {s.id: s for s in report.sentences}
    years = sentence_years(report, lexicon, present, heading_years or {})
    carried = set()
    for ind in report.indicators:
        found, fallback, from_before = years[ind.sentence_id]
        ind.year = figure_year(ind, by_sentence[ind.sentence_id], found, fallback, present)
        if from_before:
            carried.add(ind.start)
    return carried
