"""The quantity grammar: number, magnitude, qualifier, measure word and currency.

`find_quantities(sentence, lexicon)` reads every quantity of a sentence, with its value
in base units, range, unit, dimension, currency and qualifier. The words come from the
lexicons (units.yaml, qualifiers.yaml, non_indicators.yaml, grammar.yaml); this module
holds the grammar:

    quantity  := [qualifier] [currency] [sign] number [range-sep [qualifier] number]
                 [lost-char] unit [sub-units] [半] [qualifier]
               | [qualifier] number 个 magnitude                (两个亿: money)
               | [qualifier] 百分之|千分之|万分之 number [qualifier]
               | number-with-万/亿 noun-of-persons              (为123万职工)
    number    := base [space] [个] [余|多] [magnitude] [余|多]
    base      := Arabic digits with optional separators and decimals | Chinese numerals
    sign      := - | − | 负          (-2.1%, 负3.5%; never after a number or a unit: 3%-5%;
                                     负 never ending a word: 减负46.37亿元)
    sub-units := (digit 角|毛|分)+ after 元 or 块              (15元5角, 二十块五毛)

Where cn2an cannot judge, the grammar does (pipeline.numerals): the magnitude the two
ends of a range share (两到三万人: 2万 to 3万), two neighbouring digits as an estimate
(两三万: 2万 to 3万, approx), a discount read digit by digit (八五折: 85%).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon, Unit
from ..lexicon.patterns import led_by_first_chars
from ..numerals import (ARABIC, CN_DIGITS, CN_NUMERAL_CHARS as CN_NUM, DIGIT_VALUES, NumeralError,
                        adjacent_range, digit_sequence, magnitude, parse_number, shared_magnitude,
                        to_number)
from ..report import Quantity

CJK_CHAR = r"\u3400-\u9fff"
SIGNS = ("-", "−", "负")
BARE_MAGNITUDES = "万亿"  # a bare number (123万职工) holds one
NUMERAL_CHARS = CN_NUM + "0123456789"
# every quantity's number holds a digit (any \d, as the patterns' do) or a Chinese numeral (a
# percent's body of 点 alone reads as no number): a sentence without one (a third) holds none
_ANY_NUMERAL = re.compile(rf"[\d{CN_NUM}]")


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _number(n: str, inside: str) -> str:
    return (rf"(?P<base{n}>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}]+(?:点[{CN_DIGITS}]+)?)"
            rf"(?:(?<=\d) )?"                               # 2568.5 万元: spaced after digits
            rf"(?P<ge{n}>个(?=(?:{inside})?[万亿]))?"        # 两个亿, 两个多亿
            rf"(?P<qa{n}>{inside})?(?P<gf{n}>(?(ge{n})(?!)|个(?=[万亿])))?"  # 十几个亿
            rf"(?P<lost{n}>\?)?"
            rf"(?P<mag{n}>[十百千万亿]+)?"
            rf"(?P<rest{n}>(?<=[亿万]) ?\d+(?:,\d{{3}})*(?:\.\d+)?(?:(?<=\d) )?[万千百]?)?"  # 4亿2800万
            rf"(?P<qb{n}>{inside})?")


@dataclass
class Grammar:
    quantity: re.Pattern
    percent: re.Pattern
    bare: re.Pattern
    bare_after: re.Pattern   # 肢体残疾人414.3万，: the number after its noun, closing the clause
    noun_before: re.Pattern  # that noun, ending where the number starts
    continues: dict[str, tuple[str, ...]]  # unit -> the rests that make it a duration (个 -> 月)
    unit_words: frozenset[str]
    currency_words: tuple[str, ...]  # longest first: 新台币 before 台币
    currency_ends: frozenset[str]    # their last characters
    percent_words: tuple[str, ...]   # 百分之…, 分之: a match of `percent` holds one


def _sub_units(lexicon: Lexicon) -> str:
    """15元5角, 8元6角5分: digits with the smaller units, only after the units that take them;
    a sub-unit never begins a duration (5元5分钟 is not 5.05 yuan)."""
    units = lexicon.units
    if not units.sub_units or not units.sub_units_after:
        return "(?!)"
    after = "|".join(f"(?<={re.escape(w)})" for w in units.sub_units_after)
    def word(w: str) -> str:
        rests = (d[len(w):] for d in units.durations if d.startswith(w) and d != w)
        return re.escape(w) + "".join(f"(?!{re.escape(r)})" for r in rests)
    words = "|".join(word(w) for w in sorted(units.sub_units, key=len, reverse=True))
    return rf"(?:{after})(?:[0-9{''.join(DIGIT_VALUES)}](?:{words}))+"


@lru_cache(maxsize=8)
def _grammar(lexicon: Lexicon) -> Grammar:
    quals, g, units = lexicon.qualifiers, lexicon.grammar, lexicon.units
    before = _alt(list(quals.before) + list(quals.round_only))
    inside = _alt(quals.inside)
    after = _alt(quals.after)
    unit_alt = _alt(list(units.by_word) + list(units.durations))
    seps = _alt(g.range_separators)
    prefixes = _alt(units.currency_prefixes) or "(?!)"
    # no match may start inside a longer number or word of letters; and one starts only at a
    # character that may begin one (a charset test, asked first: most positions of a sentence fail it)
    guard = r"(?<![\d.A-Za-z])"
    firsts = set("0123456789" + CN_NUM + "".join(SIGNS[:2]) + SIGNS[2])
    firsts |= {w[0] for w in list(quals.before) + list(quals.round_only) + list(units.currency_prefixes)}
    starts = "(?=[%s])" % "".join(re.escape(c) for c in sorted(firsts))
    quantity = re.compile(
        rf"{starts}{guard}(?P<pre>{before})?(?(pre)(?: (?=\d))?)(?P<cur>{prefixes})?"
        rf"(?P<sign>(?<![\dA-Za-z.%)）])[-−]|负)?" + _number("1", inside)
        + rf"(?:(?P<sep>{seps})(?P<pre2>{before})?" + _number("2", inside) + ")?"
        + rf"(?:(?P<unit>{unit_alt})(?P<sub>{_sub_units(lexicon)})?"
        + rf"(?P<half>半(?=[^{CJK_CHAR}]|$|的|{after}))?(?P<post>{after})?|(?(ge1)|(?(gf1)|(?!))))"
    )
    infix = re.escape(g.fraction_infix) if g.fraction_infix else "(?!)"
    pre_firsts = {w[0] for w in list(quals.before) + list(quals.round_only)}
    percent_starts = "(?=[%s])" % "".join(re.escape(c) for c in sorted(
        pre_firsts | {w[0] for w in g.percent_prefixes} | set("0123456789" + CN_DIGITS + "十")))
    percent = re.compile(rf"{percent_starts}(?P<pre>{before})?(?:(?P<prefix>{_alt(g.percent_prefixes)})|"
                         rf"{guard}(?P<den>\d+|[{CN_DIGITS}十]+){infix})"
                         rf"(?P<body>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}点]+)(?P<post>{after})?")
    nouns = _alt(lexicon.non_indicators.bare_number_nouns)
    modifiers = _alt(lexicon.non_indicators.bare_number_modifiers) or "(?!)"
    bare_starts = "(?=[%s])" % "".join(re.escape(c) for c in sorted(pre_firsts | set("0123456789")))
    bare = re.compile(
        rf"{bare_starts}{guard}(?P<pre>{before})?(?P<base1>\d+(?:\.\d+)?)(?: )?(?P<qa1>{inside})?"
        rf"(?P<mag1>[{BARE_MAGNITUDES}]+)(?P<qb1>{inside})?(?=(?:{modifiers})*(?P<noun>{nouns}))"
    )
    # the digit tested before the look behind (guard): most positions fail it
    bare_after = re.compile(rf"(?=\d){guard}(?P<base1>\d+(?:\.\d+)?)(?P<qa1>{inside})?(?P<mag1>[{BARE_MAGNITUDES}]+)"
                            rf"(?P<qb1>{inside})?(?=[，,、。；;)）]|$)")
    noun_before = re.compile(rf"(?:{nouns})$")
    continues = {u: tuple(d[len(u):] for d in units.durations if d.startswith(u) and d != u)
                 for u in units.by_word}
    return Grammar(quantity, percent, bare, bare_after, noun_before, {u: c for u, c in continues.items() if c},
                   frozenset(units.by_word) | units.durations,
                   tuple(sorted(units.currency_prefixes, key=len, reverse=True)),
                   frozenset(w[-1] for w in units.currency_prefixes),
                   tuple(w for w in list(g.percent_prefixes) + [g.fraction_infix] if w))


@lru_cache(maxsize=8)
def _any_non_indicator(lexicon: Lexicon) -> re.Pattern | None:
    """All the non-indicator patterns in one: a sentence it finds nothing in (most) needs
    no pattern run one by one. None if they do not combine (named groups twice)."""
    try:
        combined = re.compile("|".join(f"(?:{p.pattern})" for p in lexicon.non_indicators.patterns) or "(?!)")
    except re.error:
        return None
    return led_by_first_chars(combined)


@lru_cache(maxsize=8)
def _non_indicator_patterns(lexicon: Lexicon) -> tuple[re.Pattern, ...]:
    """The non-indicator patterns, each led by the test of its first characters."""
    return tuple(led_by_first_chars(p) for p in lexicon.non_indicators.patterns)


def _non_indicator_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    any_pattern = _any_non_indicator(lexicon)
    first = 0
    if any_pattern is not None:
        found = any_pattern.search(text)
        if found is None:
            return []
        # where the first of them matches, the leftmost of the one pattern's: none of them
        # matches before it, so each is scanned from there (a lookbehind still sees before)
        first = found.start()
    spans = []
    for pattern in _non_indicator_patterns(lexicon):
        spans.extend(m.span() for m in pattern.finditer(text, first) if m.end() > m.start())
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


def _qualifier(lexicon: Lexicon, pre: str | None, inside: list[str | None], post: str | None,
               default: str = "exact") -> str:
    if pre:
        return lexicon.qualifiers.before.get(pre) or "over"  # round-only words (上千) mean "as many as"
    for q in inside:
        if q:
            return lexicon.qualifiers.inside[q]
    if post:
        return lexicon.qualifiers.after[post]
    return default


def _value(m: re.Match, n: str, mag_fallback: str = "") -> float:
    base, mag = m.group("base" + n), m.group("mag" + n) or ""
    if ARABIC.match(base):
        value = parse_number(base, mag or mag_fallback)
    elif "点" in base:  # 一点二六亿
        value = to_number(base) * magnitude(mag)
    elif m.group("qa" + n):  # 十余万: the magnitude multiplies the numeral
        value = parse_number(base, mag)
    else:  # a Chinese numeral holds its own magnitudes: 两万三千, 一千二百三十万
        value = parse_number(base + mag)
    rest = "rest" + n  # the quantity grammar's; not the bare numbers'
    return value + _rest(m.group(rest) if rest in m.re.groupindex else None, mag)


def _rest(rest: str | None, mag: str) -> float:
    """The lower part of a number written with two magnitudes: 4亿2800万 (2800万 of it),
    3万5千, 2亿6,910万. It must be below the magnitude before it."""
    if not rest:
        return 0.0
    digits = rest.strip(" 万千百")
    value = parse_number(digits, rest.strip()[-1] if rest.strip()[-1] in "万千百" else "")
    if value >= magnitude(mag[-1:]):
        raise NumeralError(f"{rest!r} is not below {mag!r}")
    return value


def find_quantities(text: str, lexicon: Lexicon, offset: int = 0, region: str = "") -> list[Quantity]:
    """Every quantity in `text` that may be an indicator, in order. Offsets add `offset`.
    `region`: the report's (`台湾省/…`), whose currency is that of money naming none."""
    if _ANY_NUMERAL.search(text) is None:
        return []
    g = _grammar(lexicon)
    blocked = _LazySpans(text, lexicon)  # the non-indicator patterns run only if needed
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    currency = default_currency(lexicon, region)

    for m in g.quantity.finditer(text):
        q = _read_quantity(m, text, lexicon, g, blocked, currency)
        if q is not None:
            found.append(q)
            taken.append((q.start, q.end))
    # a sentence without the words of a percent, or without 万 or 亿 (most), needs no scan
    for m in g.percent.finditer(text) if any(w in text for w in g.percent_words) else ():
        if not (_overlaps(m.start(), m.end(), taken) or blocked.overlaps(m.start(), m.end())):
            found.extend(_read_percent(m, lexicon))
    if not any(c in text for c in BARE_MAGNITUDES):
        return _finish(found, text, lexicon, offset)
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
    taken = [(q.start, q.end) for q in found]
    for m in g.bare_after.finditer(text):  # a statistics list: 视力残疾人75.5万，听力残疾人67.4万
        noun = g.noun_before.search(text, 0, m.start())
        if noun is None or _overlaps(m.start(), m.end(), taken) or blocked.overlaps(m.start(), m.end()):
            continue
        try:
            value = _value(m, "1")
        except NumeralError:
            continue
        qual = _qualifier(lexicon, None, [m.group("qa1"), m.group("qb1")], None)
        found.append(Quantity(m.start(), m.end(), m.group(), value, None, "",
                              lexicon.non_indicators.bare_number_nouns[noun.group()], qual))
    return _finish(found, text, lexicon, offset)


def _finish(found: list[Quantity], text: str, lexicon: Lexicon, offset: int) -> list[Quantity]:
    """The quantities in order, ranges joined, at their offsets in the whole text."""
    found.sort(key=lambda q: q.start)
    found = _merge_ranges(found, text, lexicon.grammar.range_separators)
    for q in found:
        q.start += offset
        q.end += offset
    return found


def _read_percent(m: re.Match, lexicon: Lexicon) -> list[Quantity]:
    """百分之九十五, 千分之二 (0.2 percent points), 百分之1,250, 三分之一 (33.33)."""
    try:
        value = to_number(m.group("body"))
        if m.group("den"):
            value = value / to_number(m.group("den")) * 100
            unit, dimension = lexicon.grammar.fraction_infix, lexicon.units.by_word["%"].dimension
        else:
            info = lexicon.units.by_word[lexicon.grammar.percent_prefixes[m.group("prefix")]]
            value, unit, dimension = value * info.factor, info.unit, info.dimension
    except (NumeralError, ZeroDivisionError):
        return []
    return [Quantity(m.start(), m.end(), m.group(), _clean(value), None, unit, dimension,
                     _qualifier(lexicon, m.group("pre"), [], m.group("post")))]


def _merge_ranges(found: list[Quantity], text: str, separators) -> list[Quantity]:
    """3000元至5000元: two quantities of one unit joined by a range separator are one range."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.value_high is None and prev.unit == q.unit
                and prev.dimension == q.dimension and prev.currency == q.currency
                and text[prev.end:q.start] in separators and q.value >= prev.value):
            out[-1] = Quantity(prev.start, q.end, text[prev.start:q.end], prev.value, q.value,
                               prev.unit, prev.dimension, prev.qualifier, prev.currency)
        else:
            out.append(q)
    return out


def _is_time_span(m: re.Match, text: str, lexicon: Lexicon, g: Grammar) -> bool:
    """2020年, 3个月, 两个多月, 一个半小时: a date or a duration, never an indicator;
    but 96万小时, with a magnitude of units.yaml's time_amounts, is an amount of time."""
    unit = m.group("unit")
    if unit is None or _is_time_amount(m, lexicon):
        return False
    if unit in lexicon.units.durations and unit not in lexicon.units.by_word:
        return True
    after = m.end("unit")
    after += text[after:after + 1] in ("多", "余", "半")
    return text.startswith(g.continues.get(unit, ()), after)


def _is_time_amount(m: re.Match, lexicon: Lexicon) -> bool:
    units = lexicon.units
    return (m.group("unit") in units.durations and m.group("unit") not in units.by_word
            and bool(units.time_amount_magnitudes & set(m.group("base1") + (m.group("mag1") or ""))))


def _unit_info(m: re.Match, lexicon: Lexicon) -> Unit | None:
    """The unit of a match: a measure word, a duration counted as an amount (96万小时), or
    None (两个亿: no unit, money)."""
    unit = m.group("unit")
    if unit in lexicon.units.by_word:
        return lexicon.units.by_word[unit]
    if unit and _is_time_amount(m, lexicon):
        return Unit(unit, lexicon.units.time_amount_dimension)
    return None


def _begins_a_word(m: re.Match, text: str, lexicon: Lexicon) -> bool:
    """A measure word from the dictionary (not listed in units.yaml) that begins a longer
    word of the dictionary with the next character is that word's: 12片区, 3组数据."""
    unit = m.group("unit")
    info = lexicon.units.by_word.get(unit)
    if info is None or info.listed or m.end("unit") >= len(text):
        return False
    return unit + text[m.end("unit")] in lexicon.units.dictionary_words


def _start(m: re.Match, text: str, lexicon: Lexicon, g: Grammar) -> tuple[int, str | None, str | None]:
    """(start, qualifier word, sign) of a match: 上 only qualifies a round magnitude (上千名);
    a minus after a unit joins a range (3%-5%), it is no sign; a currency word before the
    number is part of the mention (港币50万元, 港币约50万元)."""
    start, pre, sign = m.start(), m.group("pre"), m.group("sign")
    base1 = m.group("base1")
    if pre in lexicon.qualifiers.round_only and not (base1 in lexicon.non_indicators.bare_round_numerals
                                                     or base1 in "十百千万亿"):
        start, pre = m.end("pre") + (text[m.end("pre"):m.end("pre") + 1] == " "), None
    if sign and sign != "负" and any(text.endswith(u, 0, m.start("sign")) for u in g.unit_words):
        sign = None
        start = max(start, m.end("sign"))
    if not m.group("cur") and start and text[start - 1] in g.currency_ends:
        start -= len(next((p for p in g.currency_words if text.endswith(p, 0, start)), ""))
    return start, pre, sign


def _currency_word(m: re.Match, text: str, start: int, g: Grammar) -> str:
    """The currency word that begins the mention (港币50万元, 港币约50万元), or ''."""
    if m.group("cur"):
        return m.group("cur")
    return next((p for p in g.currency_words if text.startswith(p, start)), "")


def default_currency(lexicon: Lexicon, region: str = "") -> str:
    """The currency of money that names none (元, 块钱) in a report of `region`: units.yaml's
    currency.default_by_region of its province (元 on a Taiwan page is NT$), else its default."""
    units = lexicon.units
    return units.regional_currencies.get(region.split("/", 1)[0], units.default_currency)


def _read_quantity(m: re.Match, text: str, lexicon: Lexicon, g: Grammar, blocked,
                   default: str) -> Quantity | None:
    if _is_time_span(m, text, lexicon, g) or _begins_a_word(m, text, lexicon):
        return None
    start, pre, sign = _start(m, text, lexicon, g)
    end = m.end()
    num_start = m.start("base1")
    # the number must not continue a longer run of digits or numerals before it
    if num_start > 0 and text[num_start - 1] in NUMERAL_CHARS:
        return None
    if _in_short_quote(text, start, end):
        return None  # “五个年”, “全市工会10件大事”: a name
    if not _counted_numeral(m, text, lexicon, num_start, pre):
        return None
    if blocked.overlaps(start, end):  # after the cheaper tests: the patterns run only if asked
        return None
    try:
        low, high, estimate = _numbers(m, lexicon)
    except NumeralError:
        return None
    qual = _qualifier(lexicon, pre, [m.group("qa1"), m.group("qb1"), m.group("qa2"), m.group("qb2")],
                      m.group("post"), "approx" if estimate else "exact")
    info = _unit_info(m, lexicon)
    dimension, currency = _dimension_and_currency(m, text, start, lexicon, g, info, default)
    units = lexicon.units
    if sign == "负" and (dimension not in units.ratio_dimensions | {units.currency_dimension}
                        or text[m.start("sign") - 1:m.start("sign")] in lexicon.grammar.sign_not_after):
        # 胜负3场, 减负46.37亿元 (burdens eased), 担负: 负 ends a word, it is not a sign
        sign, start = None, max(start, m.end("sign"))
    if sign:
        low = -low
    factor = info.factor if info is not None else 1.0
    return Quantity(start, end, text[start:end], _clean(low * factor),
                    _clean(high * factor) if high is not None else None, m.group("unit") or "",
                    dimension, qual, currency)


def _dimension_and_currency(m: re.Match, text: str, start: int, lexicon: Lexicon, g: Grammar,
                            info: Unit | None, default: str) -> tuple[str, str]:
    """The dimension of a figure, and its currency if it is money: the unit's own (美元), a
    currency word that begins the mention (港币50万元), else `default` (元)."""
    units = lexicon.units
    dimension = info.dimension if info is not None else units.currency_dimension  # 两个亿
    if m.group("sub"):
        dimension = units.currency_dimension  # 二十块五毛: 块 with 毛 is money
    if dimension != units.currency_dimension:
        return dimension, ""
    own = info.currency if info is not None else ""
    return dimension, (own or units.currency_prefixes.get(_currency_word(m, text, start, g), "")
                       or default)


def _counted_numeral(m: re.Match, text: str, lexicon: Lexicon, num_start: int, pre: str | None) -> bool:
    """False for a Chinese numeral that is no figure: vague (几十名), an idiom (千家万户),
    the indefinite article (一名工人师傅)."""
    base1 = m.group("base1")
    if ARABIC.match(base1):
        return True
    if text.endswith(lexicon.non_indicators.vague_before, 0, num_start):
        return False  # 几十名, 数百人
    marked = bool(pre or m.group("qa1") or m.group("qb1") or m.group("post") or m.group("base2")
                  or m.group("half") or m.group("sub") or m.group("ge1") or m.group("gf1"))
    if base1 in lexicon.non_indicators.bare_round_numerals and not marked:
        return False  # 千家万户, 百人
    if lexicon.non_indicators.skip_bare_one and base1 == "一" and not marked and not m.group("mag1"):
        return False  # 一名工人师傅: the indefinite article
    return True


def _numbers(m: re.Match, lexicon: Lexicon) -> tuple[float, float | None, bool]:
    """(low, high, estimate) in the unit written, before its factor. Raises NumeralError."""
    info = lexicon.units.by_word.get(m.group("unit") or "")
    base1, base2 = m.group("base1"), m.group("base2")
    if info is not None and info.digits and not base2:
        return digit_sequence(base1), None, False  # 八五折
    pair = None if ARABIC.match(base1) or m.group("qa1") or m.group("mag1") else adjacent_range(base1)
    if pair is not None and not base2:
        low, high, estimate = pair[0], pair[1], True  # 两三万人
    elif base2:
        high = _value(m, "2")
        low = _value(m, "1", mag_fallback=m.group("mag2") or "")
        if not ARABIC.match(base1) and not m.group("mag1") and not ARABIC.match(base2):
            shared = shared_magnitude(base1, base2 + (m.group("mag2") or ""))
            low = low * shared if low * shared <= high else low  # 两到三万: 2万 to 3万
        estimate = False
    else:
        low, high, estimate = _value(m, "1"), None, False
    extra = _sub_unit_value(m.group("sub"), lexicon) + (0.5 if m.group("half") else 0.0)
    if high is not None and m.group("half"):
        return low, high + extra, estimate  # 两到三成半: the half goes with the high end
    return low + extra, high, estimate


def _sub_unit_value(sub: str | None, lexicon: Lexicon) -> float:
    """5角 -> 0.5, 6角5分 -> 0.65, 五毛 -> 0.5."""
    if not sub:
        return 0.0
    total = 0.0
    for digit, word in re.findall(r"(.)(%s)" % _alt(lexicon.units.sub_units), sub):
        total += (int(digit) if digit.isdigit() else DIGIT_VALUES[digit]) * lexicon.units.sub_units[word]
    return total


def _clean(value: float | None) -> float | None:
    """Round away binary noise (4.58 * 10000 = 45800.00000000001)."""
    if value is None:
        return None
    return round(value, 6)
