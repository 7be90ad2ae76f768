"""led_by_first_chars: a pattern led by a test of its first characters finds the same
matches; one whose first characters cannot be told, or that re scans fast already, is
left as it is."""
from __future__ import annotations

import re

import pytest

from pipeline.lexicon.patterns import led_by_first_chars

TEXT = "截至2023年底，全市累计建成驿站18个，今年力争新建12个；其中(?:x)共有3个、第二批5个"


@pytest.mark.parametrize("source", [
    r"(?:截至)|(?:(?<![下传])达(?!成))|(?:[\d一二三]{1,2}月(?:末|底))|(?:全[省市县]有)",
    r"(?<![之\d.])[\d.一二三四五六七八九十百千万]+(?:人|个)?",
    r"(?:至少|不少于)?[\d一二三]+[次个项]",
    r"(a)\1|共有(?![\d])|第",
])
def test_a_led_pattern_finds_the_same_matches(source):
    pattern = re.compile(source)
    led = led_by_first_chars(pattern)
    assert led is not pattern and led.pattern.startswith("(?=[")
    for text in (TEXT, "", "aa共有x第"):
        assert [(m.span(), m.groups()) for m in led.finditer(text)] == \
               [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", [
    r"规模以上", r"[一二三]+届", r"(?:腊八|三八)节",  # re scans for these by itself
    r"a?", r"(?:x|y)*z?",                           # may match nothing
    r"(?<!q)(?:ab|[^c]d)", r"(?:.|x)y",             # any character may begin them
    r"(?i)(?:ab|(?<!x)c)",                          # ignored case
])
def test_a_pattern_without_a_lead_is_itself(source):
    pattern = re.compile(source)
    assert led_by_first_chars(pattern) is pattern


@pytest.mark.parametrize("breaks", [frozenset("，。；:"), frozenset({"。", "。。", "ab"}), frozenset()])
@pytest.mark.parametrize("text", ["", "新建驿站12个", "全市，新建。驿站12个", "a。b；c", "ab。。x", "。"])
def test_the_last_break_starts_where_the_last_mark_does(breaks, text):
    from pipeline.extract.relations import _last_break

    m = _last_break(breaks).match(text)
    assert (m.start(1) if m else -1) == max((text.rfind(b) for b in breaks), default=-1)
