"""The headings of a report and the sentences each one governs: the year a heading names
("五、2024年工作打算", "一、关于2023年工作") dates the figures under it that name none, and a
heading with a plan word (kinds.yaml `target.heading`) opens a plan section, whose figures
are targets (pipeline/extract/kinds.py).

A heading is a line of its own holding one short sentence, no figure and no closing
punctuation, or a numbered title that opens its paragraph as a short sentence of its own
("六、2025年工作打算。新建…"). Headings nest by their numbering: "一、" is of the first
level, "（一）" of the second, "1." of the third; an unnumbered one (a title, "下一步工作打算")
is above them all, so the numbered sections after it are its own. A heading governs the sentences
after it up to the next heading of its level or above. A heading that also looks back
(`target.review_heading`: "2023年工作总结及2024年工作计划") opens no plan section; a
heading dates its sentences only when it is numbered or names a plan or a review, and names
one year (not a breadcrumb, a date or a source line, which are no headings at all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..report import Report, Sentence
from .years import YEAR, expression_year

MAX_CHARS = 30
LEVELS = ((re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
          (re.compile(r"^[（(][一二三四五六七八九十\d]+[)）]"), 2),
          (re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))"), 3))
CLOSING = "。！？!?；;，,：:"
INLINE_CLOSING = "。：:"  # how a numbered title closes when its paragraph goes on after it
NOT_HEADING = re.compile(r"[>|»:：]|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}")  # breadcrumbs, date and source lines


@dataclass(frozen=True)
class Heading:
    sentence_id: int
    level: int
    year: int | None  # the one year it names, else None
    plan: bool | None  # True: a plan section; False: a review; None: neither


@dataclass
class Context:
    """What the headings say of each sentence, by sentence id."""
    years: dict[int, int]
    plan: set[int]


def _level(text: str) -> int:
    """An unnumbered heading (a title, 下一步工作打算) is above every numbered one: the
    numbered sections after it are its own."""
    return next((level for pattern, level in LEVELS if pattern.match(text)), 0)


def _is_heading(sentence: Sentence, alone: bool, has_figure: bool, opens_paragraph: bool = False) -> bool:
    """A line of its own (see the module docstring), or a numbered title that opens its
    paragraph as a sentence of its own ("六、2025年工作打算。新建基层工会不少于50个，…")."""
    text = sentence.text.strip()
    if has_figure or not 0 < len(text) <= MAX_CHARS or re.search(r"[\u4e00-\u9fff]", text) is None:
        return False
    if alone and text[-1] not in CLOSING:
        return not NOT_HEADING.search(text)
    inline = opens_paragraph and not alone and text[-1] in INLINE_CLOSING and \
        any(pattern.match(text) for pattern, _ in LEVELS)
    return inline and not any(c in CLOSING for c in text[:-1]) and not NOT_HEADING.search(text[:-1])


def _heading(sentence: Sentence, lexicon: Lexicon, present: int | None, about: int | None) -> Heading:
    text, kinds = sentence.text.strip(), lexicon.kinds
    plan = None
    if kinds.target_review_heading is not None and kinds.target_review_heading.search(text):
        plan = False
    elif kinds.target_heading is not None and kinds.target_heading.search(text):
        plan = True
    numbered = any(pattern.match(text) for pattern, _ in LEVELS)
    year = None
    if (numbered or plan is not None) and len(set(YEAR.findall(text))) <= 1:
        year = expression_year(text, lexicon, present, about)  # a name's year (二十大) is none
    return Heading(sentence.id, _level(text), year, plan)


def context(report: Report, lexicon: Lexicon, present: int | None) -> Context:
    """The heading year and plan section of every sentence under a heading."""
    with_figures = {ind.sentence_id for ind in report.indicators}
    per_paragraph: dict[int, int] = {}
    for sentence in report.sentences:
        per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
    out = Context({}, set())
    stack: list[Heading] = []
    seen_paragraphs: set[int] = set()
    for sentence in report.sentences:
        opens = sentence.paragraph not in seen_paragraphs
        seen_paragraphs.add(sentence.paragraph)
        if _is_heading(sentence, per_paragraph[sentence.paragraph] == 1, sentence.id in with_figures, opens):
            heading = _heading(sentence, lexicon, present, report.year)
            stack = [h for h in stack if h.level < heading.level] + [heading]
            continue
        year = next((h.year for h in reversed(stack) if h.year is not None), None)
        if year is not None:
            out.years[sentence.id] = year
        if next((h.plan for h in reversed(stack) if h.plan is not None), False):
            out.plan.add(sentence.id)
    return out
