"""The speed shortcuts of the io slice ask what the plain searches ask: the boilerplate
patterns by a line's first character (normalize.LineStarts), the lookbehind-led patterns
led by their first characters, and the chrome test of clean_lines without its memory."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.lexicon.patterns import anchored_first_chars
from pipeline.normalize import LOST_CHAR, PINYIN, TONELESS, LineStarts, _line_starts, clean_lines
from pipeline.report import Report

DATA = Path(__file__).parent / "data"


def lines_of_the_test_pages() -> list[str]:
    lines = []
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".html", ".htm", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines += [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def lines():
    return lines_of_the_test_pages() + [
        "语音播报", "责任编辑:王五", "  • 标题 ", "1、下载本站文档", "Copyright 2024", "©某某网",
        "版权所有", "第 3 版 上一版", "【字号 大 中 小】", "◎ 新闻", "首页 > 新闻", "今年新建工会12个。"]


def test_a_line_is_asked_the_patterns_that_may_match_it(lexicon, lines):
    rules = lexicon.boilerplate
    for starts, patterns in zip(_line_starts(rules), (rules.drop_line, rules.cut_from)):
        for line in lines:
            asked = starts.of(line[0])
            assert [p for p in patterns if p.search(line)] == [p for p in asked if p.search(line)], line


def test_only_patterns_anchored_at_the_start_are_left_out_by_their_first_characters():
    assert anchored_first_chars(re.compile("^语音播报")).pattern == "[语]"
    assert anchored_first_chars(re.compile("^Copyright|^版权所有")).pattern == "[C版]"
    assert anchored_first_chars(re.compile("站内搜索")) is None
    assert anchored_first_chars(re.compile("^a|b")) is None  # b anywhere
    assert anchored_first_chars(re.compile("^x?")) is None  # matches nothing too
    assert anchored_first_chars(re.compile("^[^a]b")) is None  # first characters untold
    assert anchored_first_chars(re.compile("(?m)^ab")) is None  # after any newline
    assert anchored_first_chars(re.compile("(?i)^ab")) is None
    starts = LineStarts((re.compile("^ab"), re.compile("cd"), re.compile(r"^\s*e")))
    assert [p.pattern for p in starts.of("a")] == ["^ab", "cd"]
    assert [p.pattern for p in starts.of(" ")] == ["cd", r"^\s*e"]


def test_the_led_patterns_find_what_the_plain_ones_find(lines):
    text = "\n".join(lines) + "經(jīng)濟 稳(wen)就(jiu)业(ye) 上下?lián)動 50?万元 下?、 是?"
    for led in (PINYIN, TONELESS, LOST_CHAR):
        plain = re.compile(led.pattern.split("(?:", 1)[1][:-1], led.flags)
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_clean_lines_keeps_what_it_kept_without_asking_again(lexicon, lines):
    rules = lexicon.boilerplate
    plain = clean_lines(lines, rules, Report(doc_id="a"))
    kept: set[str] = set()
    first = clean_lines(lines, rules, Report(doc_id="b"), kept)
    again = clean_lines(lines, rules, Report(doc_id="c"), kept)
    assert first == again == plain
    assert kept == set(plain)
