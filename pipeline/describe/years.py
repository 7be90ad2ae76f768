"""The year a report's figures refer to.

What the text says about its figures comes first, the publication date last:

1. the title's year (南湖市总工会2023年工作总结, …（2024年）, a shared document's
   2022乡镇工会年度工作总结 without its 年: `year.title_bare_years`), unless it is the year of a
   meeting or a plan (在全县2024年卫生健康工作会议上的讲话 reviews the year before, 研究部署
   2022年就业创业工作 plans it); for a five-year plan's title without a year (马鞍山市“十四五”
   残疾人保障和发展规划), the last year of the period before, whose results it gives as its
   base (`year.title_plans`);
2. the year the text names most (the first on a tie), a year of the lead's first sentence, or one that
   opens a paragraph (2023年，全市…) or closes the period (截至2024年底) counting more, at
   least `min_mentions` times unless the page has no date; never a year after the publication date
   (but the next one on a page dated in its year's last month, `next_year_from_month`: a plan
   for the coming year), a plan's (2024年，将力争…), a starting point (2018年以来) or an event's date (2021年6月29日);
3. the date's year, one less when the text speaks of 去年 more than of 今年 (on a page dated
   in its year's first `named_last_year_months`, the year before the date's named counts as
   去年, the date's own as 今年, and so does `year.past_year`'s 过去的一年) (only where a sentence gives a figure; a plan, a comparison's
   base (比上年, 去年同期) count for neither).

A page without a date has no present but the one its text speaks from, and the report's
year stands for it (今年 is resolved from it), so it must lie within what the text's own
words allow: not before a year the text names as a starting point (从2021年开始, 2018年以来),
nor outside the years of its dated phrases (report_metadata.yaml `year.dated_phrases`:
学习贯彻党的二十大精神 → 2022 or later, 第70个世界红十字日 → 2017). A year the text names
outside those bounds is no year of the report (none at all where it names it as often as
min_mentions: the figures and the present disagree), and a page that names no year within
them has none: an empty year rather than a wrong one, unless it names a starting point and
speaks of 今年 (从2021年开始累计…；今年…): a writer of 2021 says 从今年开始, so its present is
taken as the year after the latest starting point (`year.after_start`), when a word of
`year.begun` marks that point (2024年以来 is said in 2024 itself as often as later). Phrases that fix one year (喜迎二十大
→ 2022) give the page a present, which then stands for the date in rule 3.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ..lexicon.patterns import needed_literal
from ..lexicon.sections import DatedPhrase, YearRules
from ..numerals import NumeralError, chinese_to_number

# A year with its 年, or in digits right before a quoted name without it (举行2016“金秋助学”活动)
YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九])(\d{4}|[〇零一二三四五六七八九]{4})(?:年|(?<=\d)(?=“))")
FULL_DATE_AFTER = re.compile(r"^[\d〇零一二三四五六七八九十]{1,2}月[\d〇零一二三四五六七八九十]{1,3}[日号]")
SPAN_AFTER = re.compile(r"^\s*(?:[-—–~～至到])\s*(?:\d{4}|[〇零一二三四五六七八九]{4})年")
CLAUSE_END = re.compile(r"[。；;！？!?\n]")
COMPARED = ("同期",)  # 去年同期: the base of a comparison
# a figure of the sentence: in digits, or in Chinese numerals with a magnitude (一百五十万人民币,
# 五千个, 二十名) as a Traditional page writes them; not 十九大 nor 一些
DIGIT = re.compile(r"\d|[一二两三四五六七八九][十百千万亿]")
WINDOW = 80  # characters around a year that decide how it counts


def _year_value(written: str, rules: YearRules) -> int | None:
    try:
        year = int(written) if written.isdigit() else int(chinese_to_number(written))
    except (ValueError, NumeralError):
        return None
    return year if rules.first <= year <= rules.last else None


def _before(text: str, i: int) -> str:
    """The text of the line before offset `i`, the line's start marked by a newline (at
    most WINDOW characters: a longer stretch is marked as no start)."""
    start = text.rfind("\n", 0, i) + 1
    return "\n" + text[start:i] if i - start <= WINDOW else "\x00" + text[i - WINDOW:i]


def starting_point(text: str, m: re.Match, rules: YearRules) -> bool:
    """The year of `m` is a starting point: 2018年以来, 2021年开始, or 自2004年成立…以来
    (a since word before it, a starting word later in its clause)."""
    after = text[m.end(): m.end() + WINDOW]
    if after.startswith(rules.starting_after):
        return True
    if not rules.since_before or not text.endswith(rules.since_before, 0, m.start()):
        return False
    clause = CLAUSE_END.split(after, 1)[0]
    return any(w in clause for w in rules.starting_after)


def _plan(after: str, rules: YearRules, before: str = "") -> bool:
    """The clause after the year speaks of a plan (2024年，县人社局将力争…), or a planning
    verb stands right before it (做好2022年…工作); a plan's word done is none (争取到: won,
    `year.plan_done_after`)."""
    clause = CLAUSE_END.split(after, 1)[0][: rules.plan_window]
    return bool(_plan_words(rules.plan_words, rules.plan_done_after).search(clause)) or \
        before.endswith(rules.plan_before)


@lru_cache(maxsize=8)
def _plan_words(words: tuple[str, ...], done: tuple[str, ...]) -> re.Pattern:
    """Any of the plan words, not followed by one of `done` (year.plan_done_after)."""
    alternatives = "|".join(map(re.escape, words)) or "(?!)"
    return re.compile(f"(?:{alternatives})" + (f"(?!{'|'.join(map(re.escape, done))})" if done else ""))


# The end of a span of years (2018-2022年，…; 2018年至2022年): the figures' last year, not
# a target's (到2025年) nor a plan's in brackets (《…(2022-2024年)》).
SPAN_WEIGHT = 0.5  # a span's end counts less than a year of its own: the figures of the years up to it
SPAN_BEFORE = re.compile(r"(?:^|[^(（《\d])\d{4}\s*年?\s*[-—–~至到]\s*$|(?:^|\n)\s*——$")
# (and a subtitle's dash: ——2019年全市慈善工作总结 names its year, it spans nothing)


def year_mentions(text: str, rules: YearRules, lead: tuple[int, int] = (0, 0)) -> list[tuple[int, float, int]]:
    """(year, weight, offset) of the years the text names as the time of its figures:
    2020年, 二〇二三年度; not 2018年以来, 到2028年, 2021年6月29日, 《…(2022-2024年)》, a
    plan's, a meeting's (2023年全市民政工作会议, which reviews the year before). A year in
    the `lead` (start, end: the lead's first sentence) counts strong_weight."""
    found = []
    for m in YEAR.finditer(text):
        after, before = text[m.end(): m.end() + WINDOW], _before(text, m.start())
        closing = any(p.search(before) for p in rules.closing_before)  # 截至2024年底
        marked = before.endswith(rules.not_before) and not closing  # 到2028年, 2018年至2020年
        if FULL_DATE_AFTER.match(after) or after.startswith(rules.not_after) \
                or any(p.match(after) for p in rules.meeting_after) \
                or (marked and not SPAN_BEFORE.search(before)) or _plan(after, rules, before) \
                or starting_point(text, m, rules):
            continue
        year = _year_value(m.group(1), rules)
        if year is None:
            continue
        if marked:  # the end of a span (2018年至2020年): of the years up to it, never strong
            found.append((year, SPAN_WEIGHT, m.start()))
            continue
        strong = closing or lead[0] <= m.start() < lead[1] or \
            (any(p.search(before) for p in rules.strong_before) and any(p.search(after) for p in rules.strong_after))
        found.append((year, rules.strong_weight if strong else 1.0, m.start()))
    return found


def title_year(title: str, rules: YearRules) -> int | None:
    """The year of the title's figures: the first, the end of a span (2018年至2022年),
    not a meeting's or a plan's year, nor a starting point."""
    for m in YEAR.finditer(title or ""):
        after = title[m.end():]
        if after.startswith(rules.starting_after) or SPAN_AFTER.match(after) or FULL_DATE_AFTER.match(after):
            continue
        if (year := _titles_own_year(title, m, m.end(), rules)) is not None:
            return year
    for p in rules.title_bare_years:  # 2022乡镇工会年度工作总结
        if (m := p.search(title or "")) and (year := _titles_own_year(title, m, m.end(1), rules)) is not None:
            return year
    return None


def _titles_own_year(title: str, m: re.Match, end: int, rules: YearRules) -> int | None:
    """The year of `m` (its group 1, written up to `end`) unless a planning verb stands
    before it (研究部署2022年就业创业工作), a meeting's or plan's words follow it, or its
    clause speaks of a plan (2012年,重庆妇联将继续…)."""
    if title.endswith(rules.plan_before, 0, m.start(1)) or any(t.match(title[end:]) for t in rules.meeting_after + rules.title_not_after) \
            or _plan(title[end:], rules):
        return None
    return _year_value(m.group(1), rules)


def _relative(text: str, words, rules: YearRules, since: bool = True) -> int:
    """Mentions of 去年 (or 今年) that fix the period of a figure: in a sentence with a
    digit, or opening a sentence without one whose paragraph goes on to the figures (去年，
    全省…取得新成果。全年为3.37万名…); not a plan's, not a comparison's (比上年, 去年同期);
    with `since` False, not a starting point either (自去年以来: up to now, as 今年以来 is
    this year's)."""
    n = 0
    openings = tuple(w + mark for w in words for mark in ("，", ","))
    for paragraph in text.split("\n"):
        sentences = CLAUSE_END.split(paragraph)
        for i, sentence in enumerate(sentences):
            if sentence.lstrip().startswith(openings) and not DIGIT.search(sentence) \
                    and any(DIGIT.search(later) for later in sentences[i + 1:]):
                n += 1
    for sentence in CLAUSE_END.split(text):
        if not DIGIT.search(sentence):
            continue
        for w in words:
            if w not in sentence:  # most sentences name none of the words
                continue
            for m in re.finditer(re.escape(w), sentence):
                before, after = sentence[: m.start()], sentence[m.end():]
                if before.endswith(rules.not_before) or after.startswith(COMPARED) or _plan(after, rules) \
                        or (not since and after.startswith(rules.starting_after)):
                    continue
                n += 1
    return n


def _phrase_years(phrase: DatedPhrase, m: re.Match, rules: YearRules) -> tuple[int | None, int | None]:
    if phrase.base is None:
        return phrase.first, phrase.last
    written = m.group("n")
    try:
        year = phrase.base + (int(written) if written.isdigit() else int(chinese_to_number(written)))
    except (ValueError, NumeralError):
        return None, None
    return (year, year) if rules.first <= year <= rules.last else (None, None)


class Present(NamedTuple):
    """What an undated text's own words say of its present: the years it may lie between
    (None: open), the one year its phrases fix, and the latest starting point it names, when
    a word of `begun` marks it (从2021年开始, 2016年起)."""
    first: int | None = None
    last: int | None = None
    fixed: int | None = None
    start: int | None = None


def present_bounds(text: str, rules: YearRules) -> Present:
    """The years the text's present may lie between, from the starting points it names and
    its dated phrases, and the one year its phrases fix, if they fix one. Bounds that
    contradict each other fix nothing."""
    lows, highs, dated, begun = [], [], False, []
    for m in YEAR.finditer(text):
        if starting_point(text, m, rules) and (year := _year_value(m.group(1), rules)):
            lows.append(year)
            if rules.begun and text.startswith(tuple(rules.begun), m.end()):
                begun.append(year)  # 从2021年开始, 2016年起: not 2024年以来, said in 2024 as often as after
    start = max(begun, default=None) if begun and max(begun) == max(lows) else None
    for phrase in rules.dated_phrases:
        if needed_literal(phrase.pattern.pattern, phrase.pattern.flags) not in text:
            continue  # most texts name none of the phrases: a substring test, not a scan
        if phrase.base is None:  # fixed years, the same at every match: the first will do
            matches = [m] if (m := phrase.pattern.search(text)) else []
        else:
            matches = phrase.pattern.finditer(text)
        for m in matches:
            first, last = _phrase_years(phrase, m, rules)
            lows += [first] if first is not None else []
            highs += [last] if last is not None else []
            dated = dated or first is not None or last is not None
    low, high = max(lows, default=None), min(highs, default=None)
    if low is not None and high is not None and low > high:
        return Present()
    return Present(low, high, low if dated and low is not None and low == high else None, start)


def _undated_year(counts: Counter, first: dict[int, int], bounds: Present, speaks_of_this_year: bool,
                  rules: YearRules) -> int | None:
    """The year of a page without a date or a present its phrases fix: the one its text
    names most within the bounds of its present (once is enough); none where a year it
    names min_mentions times lies outside them (the figures and the present disagree).
    A page that names none within them but a starting point, and speaks of 今年, speaks
    from rules.after_start years after its latest starting point, if the bounds allow it."""
    low, high = bounds.first, bounds.last

    def inside(year: int) -> bool:
        return (low is None or year >= low) and (high is None or year <= high)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
    if ranked and not inside(ranked[0][0]) and ranked[0][1] >= rules.min_mentions:
        return None
    found = next((year for year, _ in ranked if inside(year)), None)
    if found is None and rules.after_start is not None and bounds.start is not None \
            and bounds.start == low and speaks_of_this_year and inside(bounds.start + rules.after_start):
        return bounds.start + rules.after_start
    return found


EVENT_DAY = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def report_year(title: str, text: str, date: str, rules: YearRules, lead: tuple[int, int] = (0, 0)) -> int | None:
    """The year the report's figures refer to (see the module docstring); `lead` is where
    the first sentence of the text's first paragraph lies."""
    found = title_year(title, rules)
    if found is None:  # a plan's title (马鞍山市“十四五”残疾人保障和发展规划): the period before
        found = next((p.first for p in rules.title_plans if p.pattern.search(title or "")), None)
    if found is not None:
        return found
    m = re.match(r"(\d{4})", date or "")
    published = _year_value(m.group(1), rules) if m else None
    bounds = present_bounds(f"{title}\n{text}", rules) if published is None else Present()
    published = published or bounds.fixed  # a present its phrases fix stands for the date
    if published is None and (day := EVENT_DAY.search(text or "", lead[0], lead[1])) is not None:
        # an undated page whose lead opens on its news's day (2018年1月24日,…举行了启动仪式):
        # that day stands for the date, as a dateline would (not written as the page's date)
        published = _year_value(day.group(1), rules)
        date = f"{day.group(1)}-{int(day.group(2)):02d}-{int(day.group(3)):02d}" if published else date
    counts: Counter = Counter()
    first: dict[int, int] = {}
    month = re.match(r"\d{4}-(\d{2})", date or "")
    latest = published  # the latest year the figures may be of
    if published is not None and month and int(month.group(1)) >= rules.next_year_from_month:
        latest = published + 1  # a plan for the coming year, issued in December
    for year, weight, pos in year_mentions(text or "", rules, lead):
        if published is None or year <= latest:
            counts[year] += weight
            first.setdefault(year, pos)
    if published is None:
        this_year = _relative(f"{title}\n{text}", rules.this_year, rules) > 0
        return _undated_year(counts, first, bounds, this_year, rules)
    if counts:  # the most named; on a tie, the first named
        year, n = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]]))
        if n >= rules.min_mentions:
            return year
    words = f"{title}\n{text}"
    last, this = _relative(words, rules.last_year, rules, since=False), _relative(words, rules.this_year, rules)
    if month and int(month.group(1)) <= rules.named_last_year_months:  # a review published early
        last += counts.get(published - 1, 0)  # in 2023 names 2022 as its 去年, 2023 as its 今年
        last += _relative(words, rules.past_year, rules, since=False)  # 过去的一年 said in January
        this += counts.get(published, 0)
        # and the days of its events (2019年3月8日, 2019年5月27日 on 2020-01-23: a year in review),
        # not its own day (a speech's dateline: （2025年1月16日）)
        events = Counter(int(y) for y, mo, d in EVENT_DAY.findall(words)
                         if f"{y}-{int(mo):02d}-{int(d):02d}" != date[:10])
        last += events.get(published - 1, 0)
        this += events.get(published, 0)
    return published - 1 if last > this else published
