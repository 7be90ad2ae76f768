"""The quantity grammar: number, magnitude, qualifier and measure word.

`find_quantities(sentence, lexicon)` reads every quantity of a sentence, with its value
in base units, range, unit, dimension and qualifier. The words come from the lexicons
(units.yaml, qualifiers.yaml, non_indicators.yaml); this module holds the grammar:

    quantity  := [qualifier] number [range-sep [qualifier] number] [lost-char] unit [qualifier]
               | 百分之 number
               | number-with-万/亿 noun-of-persons          (为123万职工)
    number    := base [余|多] [magnitude] [余|多]
    base      := Arabic digits with optional separators and decimals | Chinese numerals
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..numerals import ARABIC, CN_NUMERAL_CHARS as CN_NUM, NumeralError, magnitude, parse_number, to_number
from ..report import Quantity

def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _number(suffix: str, inside: str) -> str:
    return (rf"(?P<base{suffix}>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}]+(?:点[零〇一二两三四五六七八九]+)?)"
            rf"(?P<qa{suffix}>{inside})?(?P<lost{suffix}>\?)?"
            rf"(?P<mag{suffix}>[十百千万亿]+)?(?P<qb{suffix}>{inside})?")


@dataclass
class Grammar:
    quantity: re.Pattern
    percent: re.Pattern
    bare: re.Pattern


@lru_cache(maxsize=8)
def _grammar(lexicon: Lexicon) -> Grammar:
    quals, g = lexicon.qualifiers, lexicon.grammar
    before = _alt(list(quals.before) + list(quals.round_only))
    inside = _alt(quals.inside)
    after = _alt(quals.after)
    units = _alt(list(lexicon.units.by_word) + list(lexicon.units.durations))
    seps = _alt(g.range_separators)
    # no match may start inside a longer number or word of letters
    guard = r"(?<![\d.A-Za-z])"
    quantity = re.compile(
        rf"{guard}(?P<pre>{before})?" + _number("1", inside)
        + rf"(?:(?P<sep>{seps})(?P<pre2>{before})?" + _number("2", inside) + ")?"
        + rf"(?P<unit>{units})(?P<post>{after})?"
    )
    percent = re.compile(rf"(?P<pre>{before})?{re.escape(g.percent_prefix)}(?P<body>[\d.]+|[{CN_NUM}点]+)(?P<post>{after})?")
    nouns = _alt(lexicon.non_indicators.bare_number_nouns)
    bare = re.compile(
        rf"{guard}(?P<pre>{before})?(?P<base1>\d+(?:\.\d+)?)(?P<qa1>{inside})?"
        rf"(?P<mag1>[万亿]+)(?P<qb1>{inside})?(?=(?P<noun>{nouns}))"
    )
    return Grammar(quantity, percent, bare)


def _non_indicator_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    spans = []
    for pattern in lexicon.non_indicators.patterns:
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    return spans


class _LazySpans:
    """The non-indicator spans of a sentence, found on the first question: most sentences
    have no quantity candidate and never need them."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text, self.lexicon, self.spans = text, lexicon, None

    def overlaps(self, start: int, end: int) -> bool:
        if self.spans is None:
            self.spans = _non_indicator_spans(self.text, self.lexicon)
        return _overlaps(start, end, self.spans)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _in_short_quote(text: str, start: int, end: int, width: int = 8) -> bool:
    """Inside a short quoted phrase such as “五个年”, “十问”: a name, not a figure.
    Figures of a sentence are never quoted in these reports; names and slogans are."""
    left = text.rfind("“", max(0, start - width), start + 1)
    if left < 0 or "”" in text[left:start]:
        return False
    right = text.find("”", end, end + width)
    return right >= 0 and "“" not in text[end:right]


def _qualifier(lexicon: Lexicon, pre: str | None, inside: list[str | None], post: str | None) -> str:
    if pre:
        return lexicon.qualifiers.before.get(pre) or "over"  # round-only words (上千) mean "as many as"
    for q in inside:
        if q:
            return lexicon.qualifiers.inside[q]
    if post:
        return lexicon.qualifiers.after[post]
    return "exact"


def _value(m: re.Match, n: str, mag_fallback: str = "") -> float:
    base, mag = m.group("base" + n), m.group("mag" + n) or ""
    if ARABIC.match(base):
        return parse_number(base, mag or mag_fallback)
    if "点" in base:  # 一点二六亿
        return to_number(base) * magnitude(mag)
    if m.group("qa" + n):  # 十余万: the magnitude multiplies the numeral
        return parse_number(base, mag)
    # a Chinese numeral holds its own magnitudes: 两万三千, 一千二百三十万
    return parse_number(base + mag)


def find_quantities(text: str, lexicon: Lexicon, offset: int = 0) -> list[Quantity]:
    """Every quantity in `text` that may be an indicator, in order. Offsets add `offset`."""
    g = _grammar(lexicon)
    blocked = _LazySpans(text, lexicon)  # the non-indicator patterns run only if needed
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    for m in g.quantity.finditer(text):
        q = _read_quantity(m, text, lexicon, blocked)
        if q is not None:
            found.append(q)
            taken.append((q.start, q.end))
    for m in g.percent.finditer(text):
        if _overlaps(m.start(), m.end(), taken) or blocked.overlaps(m.start(), m.end()):
            continue
        try:
            value = to_number(m.group("body"))
        except NumeralError:
            continue
        unit = lexicon.units.by_word["%"]
        found.append(Quantity(m.start(), m.end(), m.group(), value, None, unit.unit, unit.dimension,
                              _qualifier(lexicon, m.group("pre"), [], m.group("post"))))
    for m in g.bare.finditer(text):
        if _overlaps(m.start(), m.end(), taken) or blocked.overlaps(m.start(), m.end()):
            continue
        try:
            value = _value(m, "1")
        except NumeralError:
            continue
        qual = _qualifier(lexicon, m.group("pre"), [m.group("qa1"), m.group("qb1")], None)
        found.append(Quantity(m.start(), m.end(), m.group(), value, None, "",
                              lexicon.non_indicators.bare_number_nouns[m.group("noun")], qual))
    found.sort(key=lambda q: q.start)
    found = _merge_ranges(found, text, lexicon.grammar.range_separators)
    for q in found:
        q.start += offset
        q.end += offset
    return found


def _merge_ranges(found: list[Quantity], text: str, separators) -> list[Quantity]:
    """3000元至5000元: two quantities of one unit joined by a range separator are one range."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.value_high is None and prev.unit == q.unit
                and text[prev.end:q.start] in separators and q.value >= prev.value):
            out[-1] = Quantity(prev.start, q.end, text[prev.start:q.end], prev.value, q.value,
                               prev.unit, prev.dimension, prev.qualifier)
        else:
            out.append(q)
    return out


def _read_quantity(m: re.Match, text: str, lexicon: Lexicon, blocked) -> Quantity | None:
    unit = m.group("unit")
    if unit in lexicon.units.durations and unit not in lexicon.units.by_word:
        return None  # dates, times, durations, ages
    start, end = m.start(), m.end()
    pre = m.group("pre")
    base1 = m.group("base1")
    # 上 only qualifies a round magnitude (上千名); elsewhere it is another word
    if pre in lexicon.qualifiers.round_only and not (base1 in lexicon.non_indicators.bare_round_numerals or base1 in "十百千万亿"):
        start += len(pre)
        pre = None
    # the number must not continue a longer run of digits or numerals before it
    num_start = start + (len(pre) if pre else 0)
    if num_start > 0 and text[num_start - 1] in CN_NUM + "0123456789":
        return None
    if blocked.overlaps(start, end):
        return None
    is_chinese = not ARABIC.match(base1)
    marked = bool(pre or m.group("qa1") or m.group("qb1") or m.group("post"))
    if _in_short_quote(text, start, end):
        return None  # “五个年”, “全市工会10件大事”: a name
    if is_chinese:
        for word in lexicon.non_indicators.vague_before:
            if text.endswith(word, 0, num_start):
                return None  # 几十名, 数百人
        if base1 in lexicon.non_indicators.bare_round_numerals and not marked:
            return None  # 千家万户, 百人
        if lexicon.non_indicators.skip_bare_one and base1 == "一" and not marked and not m.group("mag1"):
            return None  # 一名工人师傅: the indefinite article
    try:
        high = None
        if m.group("base2"):
            high = _value(m, "2")
            low = _value(m, "1", mag_fallback=m.group("mag2") or "")
        else:
            low = _value(m, "1")
    except NumeralError:
        return None
    info = lexicon.units.by_word[unit]
    qual = _qualifier(lexicon, pre, [m.group("qa1"), m.group("qb1"), m.group("qa2"), m.group("qb2")],
                      m.group("post"))
    value = low * info.factor
    value_high = high * info.factor if high is not None else None
    return Quantity(start, end, text[start:end], _clean(value), _clean(value_high), unit,
                    info.dimension, qual)


def _clean(value: float | None) -> float | None:
    """Round away binary noise (4.58 * 10000 = 45800.00000000001)."""
    if value is None:
        return None
    return round(value, 6)
