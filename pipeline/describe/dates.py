"""The page's date and source, from its metadata lines.

Looked for, in this order: the reader's fields (an HTML page's date, found by htmldate in
its own markup; its ContentSource); the date and source lines normalize removed as page
chrome, and those left in the head of the page (`来源: 重庆日报`, a date glued to the
site's address); a dateline under the title (`（2021年11月26日）`, `——2023年11月15日在……`);
a newspaper's edition line or masthead (`兰州日报·ZAKER兰州 2023-02-16`, `2023年3月8日 08:30 南湖日报`),
or its name alone on an e-paper's line (`甘肃日报`), or a portal's breadcrumb opening with
the site (`人民网>>重庆频道`); a date with its weekday (`2023年3月8日 星期三`); a lead naming
its paper (`鄂尔多斯日报讯`, `云上通山报道:`, `中新社北京…电`) or a byline naming it
(`(潮新闻 记者 王晨辉)`, `极目新闻记者 张三`), or closing the text's last paragraph; last, a paper's copyright
line (`哈尔滨日报社版权所有`) or notice against reprinting (`未经允许不得转载:雉水网`); at the very
last, the one paper whose reporter the text names twice or more (`济源晨报记者看到…`). A source field that names no paper (`管理员`, `原创`) is none.
Never from the body's sentences, and never invented: a page that gives no full date has
none. The patterns are boilerplate.yaml's `metadata`.
"""
from __future__ import annotations

from collections import Counter

from ..dates import iso_day
from ..numerals import NumeralError, chinese_to_number
from .head import Head

DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


def _number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    if len(written) == 4 and all(c in "〇零○一二三四五六七八九" for c in written):
        return int(written.translate(DIGITS))  # 二〇二三: digit by digit
    try:
        return int(chinese_to_number(written))
    except (ValueError, NumeralError):
        return None


# what may stand around a date alone on its line: brackets, and a portal's bar after it
# (2023年05月23日20:15 |)
BRACKETS = " ()（）[]【】|｜"
MIN_REPORTER_MENTIONS = 2  # a paper whose reporter the text names this often is its source
MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def match_date(match) -> str:
    """'YYYY-MM-DD' of a match of the date pattern; '' when it is no real day."""
    g = {k: v for k, v in match.groupdict().items() if v}
    english = g.get("emonth") or g.get("emonth2")
    if english:
        parts = [_number(g.get("eyear") or g.get("eyear2", "")), MONTHS.get(english[:3]),
                 _number(g.get("eday") or g.get("eday2", ""))]
    elif g.get("dyear"):  # 11.08.2015: the year last, the day first
        parts = [_number(g["dyear"]), _number(g.get("dmonth", "")), _number(g.get("dday", ""))]
    else:
        parts = [_number(g.get("year", "")), _number(g.get("month") or g.get("cmonth", "")),
                 _number(g.get("day") or g.get("cday", ""))]
    return "" if None in parts else iso_day(*parts)


def date_in(text: str, meta) -> str:
    m = meta["date"].search(text or "") if "date" in meta else None
    return match_date(m) if m else ""


def is_date_line(line: str, meta) -> bool:
    """A line that dates the page: a date alone, with a field word, a metadata line, a masthead."""
    m = meta["date"].search(line) if "date" in meta else None
    if m is None:
        return False
    alone = line.strip(BRACKETS).rstrip(",，.。")  # 2026-01-28, alone on its line
    if alone == m.group().strip():  # a date alone: 28 Jan 2026, 2026-01-23T08:00
        return True
    if "weekday" in meta and alone.startswith(m.group().strip()) and \
            meta["weekday"].fullmatch(alone[len(m.group().strip()):]):  # 2023年3月8日 星期三
        return True
    if "date_words" in meta and meta["date_words"].search(line):
        return True
    if any(k in meta and meta[k].search(line)
           for k in ("masthead", "date_first", "dated_body", "body_after_date")):
        return True
    return "line" in meta and meta["line"].fullmatch(line) is not None


def metadata_lines(head: Head, dropped: list[str]) -> list[str]:
    """The lines that may carry the page's date and source: those normalize removed, then
    the head's (the lead is prose: its dates are events)."""
    return list(dropped) + head.lines[:head.lead]


def find_date(fields: dict, head: Head, dropped: list[str], meta) -> str:
    """The page's publication date, ISO; '' when the page gives none."""
    given = date_in(fields.get("date", ""), meta)
    if given:
        return given
    lines = metadata_lines(head, dropped)
    # A line that labels its date (发布时间:2014-08-05 来源:…) first: a portal prints
    # today's date with its weekday above the article (2024年04月20日 星期六), the day the
    # page was fetched, not the day it was published.
    labels = meta.get("date_words")
    for line in sorted(lines, key=lambda line: not (labels and labels.search(line))):  # stable
        if is_date_line(line, meta) and (found := date_in(line, meta)):
            return found
    for line in lines:
        if "edition" in meta and (m := meta["edition"].search(line)):
            return date_in(m.group("when").replace("/", ""), meta)  # 2023 年/2 月/15 日
    for line in head.lines[:head.lead]:
        if "dateline" in meta and (m := meta["dateline"].search(line)):
            return match_date(m)
    if (m := _labeled_lead(head, meta)) is not None:  # date 2025-12-24 【…报道】…
        return match_date(m)
    return ""


def _labeled_lead(head: Head, meta) -> re.Match | None:
    """The page's date under a Latin label opening the lead (date 2025-12-24 …), if any."""
    if "labeled_lead" not in meta or head.lead >= len(head.lines):
        return None
    return meta["labeled_lead"].match(head.lines[head.lead])


def find_authors(fields: dict, head: Head, dropped: list[str], meta) -> list[str]:
    """The page's author fields (作者:国强乡妇联, an HTML page's author): a body named there
    wrote the page."""
    found = [fields["author"]] if fields.get("author") else []
    if "author" in meta:
        found += [m.group("author") for line in metadata_lines(head, dropped)
                  for m in meta["author"].finditer(line)]
    return list(dict.fromkeys(found))


def find_source(fields: dict, head: Head, dropped: list[str], meta) -> str:
    """The paper or site the page names as its source; '' when it names none."""
    lines = metadata_lines(head, dropped)
    lead = head.lines[head.lead:head.lead + 1]
    if "source" in meta:  # the lead too where it opens with the field (「本文来源:工人日报」…)
        for line in lines + lead:
            m = meta["source"].search(line)
            if m and line in lead and m.start() > 1:
                continue
            found = m.group("source").strip("《》") if m else ""
            if found and not ("not_source" in meta and meta["not_source"].search(found)):
                return found
    if fields.get("source"):
        return fields["source"]
    for line in lines:
        for key in ("edition", "masthead", "date_first", "dated_body", "body_after_date", "paper_line",
                    "crumb_site"):
            if key in meta and (m := meta[key].search(line)):
                return m.group("source")
    for line in lines + lead if "byline" in meta else ():
        if m := meta["byline"].search(line):  # (潮新闻 记者 王晨辉), 极目新闻记者 张三
            return next(v for v in m.groupdict().values() if v)
    if "lead_source" in meta and head.lead < len(head.lines):
        labeled = _labeled_lead(head, meta)
        m = meta["lead_source"].search(head.lines[head.lead][labeled.end() if labeled else 0:])
        if m:
            return next(v for v in m.groupdict().values() if v)
    filled = [line for line in head.lines[head.lead:] if line.strip()]
    for line in filled[-2:] if "byline_end" in meta else ():  # ……品质。(成都日报记者 陈煦阳)
        if m := meta["byline_end"].search(line):
            return m.group("source")
    for line in lines if "property_paper" in meta else ():  # an e-paper's: after its lead's agency
        if m := meta["property_paper"].search(line):
            return m.group("source")
    for key in ("copyright", "reprint_notice"):  # 哈尔滨日报社版权所有, 未经允许不得转载:雉水网
        for line in lines + head.lines[head.lead:] if key in meta else ():
            if m := meta[key].search(line):  # the paper's or site's own page
                return m.group("source")
    if "reporter_in_text" in meta:  # 济源晨报记者看到…, twice or more: that paper's own report
        papers = Counter(m.group("source") for line in head.lines[head.lead:]
                         for m in meta["reporter_in_text"].finditer(line))
        if papers and (top := papers.most_common(1)[0])[1] >= MIN_REPORTER_MENTIONS and len(papers) == 1:
            return top[0]
    return ""


def is_meta_line(line: str, meta) -> bool:
    """A line of the page's date, source or dateline: what follows a headline."""
    return is_date_line(line, meta) or any(k in meta and meta[k].search(line) for k in ("source", "dateline"))
