"""The head of a page and its headline.

The head is the lines of the normalized text before the first paragraph of prose: the
headline is among them, with the page's chrome that normalize kept (breadcrumbs, menu
bars, a site's banner, a subtitle, a dateline under the title). A page whose text starts
with prose has no headline. An HTML page's own title (its reader's field) comes first
when it reads as a headline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.sections import TitleRules

TAG = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")
BULLETS = "◇◆■□●○▲△★☆·•※▶►◎ "
TRAILING = " |｜"  # a bar closing a headline's cell (雪堰镇总工会开展…活动 |)
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
LONGEST_HEAD = 12  # lines: a head longer than this is a page of chrome, not a head
LIST_BULLETS = BULLETS.replace(" ", "")  # a space opens no list
SHORTEST_LIST = 3  # bulleted lines in a row: a list of other pages (本版其他文章, a menu)


@dataclass
class Head:
    lines: list[str]          # every line of the text, tags removed
    starts: list[int]         # offset of each line in the text
    lead: int                 # index of the first line of prose (len(lines) when none)
    title_line: int | None    # the line the headline was taken from, if any
    chrome: set[int]          # head lines that are page chrome (breadcrumbs, menus, banners)


def strip_tags(line: str) -> str:
    """A line without the HTML tags left in it (<strike id=…>, <span style=…>)."""
    return " ".join(TAG.sub(" ", line).split()) if "<" in line else line


def unbulleted(line: str) -> str:
    return line.lstrip(BULLETS)


def list_lines(lines: list[str]) -> set[int]:
    """The lines of runs of SHORTEST_LIST or more bulleted lines (· 坚持…方向 / · 我国目前…):
    the headlines of an edition's other articles, a portal's menu, never the page's own."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines + [""]):
        if line.strip() and line.lstrip()[0] in LIST_BULLETS:
            run.append(i)
            continue
        if line.strip() or i == len(lines):
            if len(run) >= SHORTEST_LIST:
                out.update(run)
            run = []
    return out


SENTENCE_ENDS = "。！？!?；;…"


def is_prose(line: str, rules: TitleRules) -> bool:
    """A line of sentences: one with a sentence mark, or a long one that ends a sentence
    somewhere (a long menu or notice ticker, `通知公告: ·…(2024-04-09) ·…`, is none), or
    one of `prose_lines` (a quote opened and never closed: a speech runs on below it); never
    one of `not_prose` (a site's greeting, 您好,欢迎来到…网站!)."""
    if any(p.search(line) for p in rules.not_prose):
        return False
    return any(mark in line for mark in rules.sentence_marks) or \
        (len(line) > rules.max_chars and any(mark in line for mark in SENTENCE_ENDS)) or \
        any(p.search(line) for p in rules.prose_lines)


def reject_reason(line: str, rules: TitleRules, is_banner=None) -> str:
    """Why `line` is no headline ('' when it may be one): 'chrome' for page chrome (a
    breadcrumb, a menu, a banner), 'other' for the rest (too short, a heading, a date)."""
    raw, line = line, unbulleted(line)
    # the bullet may say what the line is: □王君东 顾雪松, the authors
    if rules.breadcrumb.search(line) or any(p.search(line) or p.search(raw) for p in rules.not_title):
        return "chrome"
    if len(line) <= rules.max_site_chars and line.endswith(rules.site_endings):
        return "chrome"
    if is_banner is not None and is_banner(line):
        return "chrome"
    if len(line) > rules.max_chars:
        return "chrome"  # a long line of no sentence before the text: a menu, a ticker
    if len(line) < rules.min_chars or line.endswith(rules.bad_endings):
        return "other"
    if len(CJK_CHAR.findall(line)) < rules.min_cjk:
        return "other"
    return ""


CRUMB_LABEL = re.compile(r"^[^:：>»›]{0,10}[:：]\s*")
CRUMB_STEP = re.compile(r"\s*[>»›]+\s*")


def crumb_roots(lines: list[str], rules: TitleRules) -> set[str]:
    """The first steps of the head's breadcrumbs (您现在的位置: 某某网 > 东海概况: 某某网): the
    site's name, which a line alone above them (its banner) is too, not the headline."""
    roots = set()
    for line in lines:
        if rules.breadcrumb.search(line) and CRUMB_STEP.search(line):
            first = CRUMB_STEP.split(CRUMB_LABEL.sub("", line.strip()), 1)[0].strip()
            if first:
                roots.add(first)
    return roots


@dataclass
class Candidate:
    """A line that may be the headline, and what ranks it: the first of each field counts
    most (see read_head)."""
    line: int
    crumb: bool        # a breadcrumb stands above it
    echoed: bool       # a line above (the title row) opens with it
    meta: bool         # the page's date, source or byline follows within two lines
    next_meta: bool    # … on the very next line
    under_date: bool   # right under the page's date
    holds: bool = False      # it ends with a later candidate: the whole headline
    kicker: bool = False     # a slogan over a line that may be the headline too

    def rank(self) -> tuple:
        return (self.crumb, self.echoed, self.holds, self.meta, self.next_meta, self.under_date,
                not self.kicker, -self.line)


def read_head(text: str, rules: TitleRules, is_banner=None, is_meta=None) -> Head:
    """The head of `text` and the headline among its lines (see the module docstring):
    the first that may be one below a breadcrumb where the head has one (a portal's banner
    and clock stand above it: 新闻源 财富源 / 2024年04月20日 星期六 / 财经 > 滚动新闻 >
    正文 / headline), unless a later one is followed by the page's date, source or byline
    (`is_meta(line)`), as a headline is, or else right under the page's date (an e-paper's
    内容详情 / 2023年01月10日 / headline); before those, one that a line above it opens with
    (the page's title row: headline, then the site's name); a kicker of slogans (title.kicker)
    gives way to a line under it that may be the headline too."""
    raw = text.split("\n")
    starts, pos = [], 0
    for line in raw:
        starts.append(pos)
        pos += len(line) + 1
    lines = [strip_tags(line) for line in raw]
    lead = next((i for i, line in enumerate(lines) if is_prose(line, rules)), len(lines))
    chrome: set[int] = set()
    candidates = []
    crumb = False  # a breadcrumb seen above: the article's headline comes after it
    listed = list_lines(lines[:lead])
    chrome |= listed
    # a list's lines do not count towards the head's length: an e-paper lists its edition's
    # other headlines above the article's own; nor do lines too short to be a headline: a
    # portal's menu, an item a line (全部, 省级云, A, B, C …)
    window, counted = [], 0
    for i in range(lead):
        if i in listed:
            continue
        if counted == LONGEST_HEAD:
            break
        window.append(i)
        counted += len(lines[i].strip()) >= rules.min_chars
    sites = crumb_roots(lines[:lead], rules)
    for i in window:
        reason = reject_reason(lines[i], rules, is_banner) if lines[i] else "other"
        if not reason and lines[i].strip() in sites:
            reason = "chrome"  # the site's name, which its breadcrumb starts with
        if reason == "chrome":
            chrome.add(i)
            crumb = crumb or bool(rules.breadcrumb.search(unbulleted(lines[i])))
        elif not reason:
            following = [line for line in lines[i + 1:lead] if line][:2]
            meta = bool(is_meta) and any(is_meta(line) for line in following)
            # right over the date line, the main headline, not the kicker over it (启动“五·八众筹”
            # 普及急救知识 / 通州区举办世界红十字日宣传活动 / 刊发日期:…)
            next_meta = bool(is_meta) and bool(following) and is_meta(following[0])
            above = next((line for line in reversed(lines[:i]) if line), "")
            under_date = bool(is_meta) and bool(above) and is_meta(above)
            # the page's title row above it opens with it (headline 吉网原创-第一新闻 赵鹏 4004467):
            # the headline, not the kicker over it (学习贯彻省委十二届八次全会精神)
            own = lines[i].strip()
            echoed = any(len(lines[j].strip()) > len(own) and lines[j].strip().startswith(own) for j in range(i))
            candidates.append(Candidate(i, crumb, echoed, meta, next_meta, under_date))
    texts = {c.line: lines[c.line].strip() for c in candidates}
    for c in candidates:
        own = texts[c.line]
        # a headline that ends with a later one holds it (去年全国城镇新增就业1269万人 就业形势将继续
        # 保持总体稳定 over 就业形势将继续保持总体稳定, its own second part, which the body repeats
        # under the date line normalize took out): the whole headline
        c.holds = any(j > c.line and len(own) > len(t) >= rules.min_chars and own.endswith(t)
                      for j, t in texts.items())
        # a kicker over a line that may be the headline too gives way to it
        below = next((j for j in range(c.line + 1, lead) if lines[j].strip()), None)
        c.kicker = rules.kicker is not None and below in texts and bool(rules.kicker.match(own))
    title_line = max(candidates, key=Candidate.rank).line if candidates else None
    return Head(lines, starts, lead, title_line, chrome)


def original_title(lines, rules: TitleRules) -> str:
    """The headline a repost gives as its original one (原标题:…), wherever it stands."""
    for line in lines:
        m = rules.original_title.search(line)
        if m and not reject_reason(m.group("title").strip(), rules):
            return m.group("title").strip()
    return ""


def clean_field_title(title: str, head: Head, rules: TitleRules) -> str:
    """The reader's title without the column and site names after it; '' when it is chrome."""
    title = strip_tags(title or "")
    if not title:
        return ""
    head_lines = set(head.lines[:head.lead])
    if title not in head_lines:
        for sep in rules.title_separators:
            first = title.split(sep)[0].strip()
            if first != title and (first in head_lines or not reject_reason(first, rules)):
                title = first
                break
    return "" if reject_reason(title, rules) == "chrome" else title


def choose_title(field_title: str, head: Head, dropped: list[str], rules: TitleRules) -> str:
    """The headline: the reader's, else the head's first, else a repost's original one,
    else one glued to the lead."""
    found = clean_field_title(field_title, head, rules)
    if found:
        return found
    if head.title_line is not None:
        title = unbulleted(head.lines[head.title_line]).rstrip(TRAILING)
        title += _continued(head, rules, len(title))
        for pattern in rules.strip:
            title = pattern.sub("", title)
        return title
    return original_title(head.lines, rules) or original_title(dropped, rules) or glued_title(head, rules)


def _continued(head: Head, rules: TitleRules, length: int) -> str:
    """The headline's second line, where the page broke it (市总工会召开2024年工作总结 / 及2025年
    工作谋划务虚会): the next line of the head, opening with one of `continued_by`, that is no
    chrome and fits within max_chars with the first."""
    i = head.title_line + 1
    if not rules.continued_by or i >= head.lead or i in head.chrome:
        return ""
    line = head.lines[i].strip()
    if not line.startswith(rules.continued_by) or length + len(line) > rules.max_chars \
            or reject_reason(line, rules) == "chrome":
        return ""
    return line


def glued_title(head: Head, rules: TitleRules) -> str:
    """A headline glued to the lead by spaces (`glued_headline`), where the head gave none."""
    if rules.glued_headline is None or head.lead >= len(head.lines):
        return ""
    m = rules.glued_headline.match(unbulleted(head.lines[head.lead]))
    title = m.group("title") if m else ""
    if not title or any(p.search(title) for p in rules.lead_openers) or reject_reason(title, rules):
        return ""
    return title
