"""The year a report's figures refer to: what the title and text say, else the date's."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon.sections import MetadataRules as Rules
from ..numerals import NumeralError, chinese_to_number

YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九])(\d{4}|[〇零一二三四五六七八九]{4})年")
MONTH_AFTER = re.compile(r"^[\d〇零一二三四五六七八九十]{1,2}(?=月)")


def _year_value(written: str, rules: Rules) -> int | None:
    try:
        year = int(written) if written.isdigit() else int(chinese_to_number(written))
    except (ValueError, NumeralError):
        return None
    return year if rules.year_first <= year <= rules.year_last else None


def explicit_years(text: str, rules: Rules) -> list[int]:
    """Years the text names as the time of its figures: 2020年, 二〇二三年度; not 2018年以来,
    到2028年, 2021年6月29日, 《…(2022-2024年)》."""
    years = []
    for m in YEAR.finditer(text):
        after = MONTH_AFTER.sub("", text[m.end(): m.end() + 4])
        if MONTH_AFTER.match(text[m.end(): m.end() + 4]):
            continue  # a full date: an event, not the period
        if after.startswith(rules.year_not_after) or text[: m.start()].endswith(rules.year_not_before):
            continue
        year = _year_value(m.group(1), rules)
        if year is not None:
            years.append(year)
    return years


def date_year(date: str, text: str, rules: Rules) -> int | None:
    """The year of the publication date, or of a date line under the title."""
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", date or "")
    if m and _year_value(m.group(1), rules):
        return int(m.group(1))
    for line in (text or "").split("\n")[: rules.dateline_lines]:
        m = rules.dateline.search(line)
        if m:
            return _year_value(m.group("year"), rules)
    return None


def report_year(title: str, text: str, date: str, rules: Rules) -> int | None:
    """The title's year; else the year the text names most (at least `min_mentions`
    times, and not after the date); else the date's year, one less when the text speaks
    of 去年 more than of 今年."""
    in_title = explicit_years(title or "", rules)
    if in_title:
        return in_title[0]
    published = date_year(date, text, rules)
    counts = Counter(y for y in explicit_years(text or "", rules)
                     if published is None or y <= published)
    if counts:
        year, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        if n >= rules.min_year_mentions:
            return year
    if published is None:
        return None
    last = sum(text.count(w) for w in rules.last_year)
    this = sum(text.count(w) for w in rules.this_year)
    return published - 1 if last > this else published

