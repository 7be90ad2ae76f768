"""Property tests: the numeral parser, the normalizer and the whole pipeline on text
that nobody wrote by hand.

The examples are random; with CI set, the `ci` profile of tests/conftest.py makes them
the same on every run (derandomize). Every property runs hundreds of examples.
"""
from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.numerals import (MAGNITUDES, NumeralError, chinese_to_number, magnitude,
                               parse_number, to_number)

# PROPERTY_SCALE=20 runs twenty times as many examples, for a deeper search by hand.
SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
MANY = settings(max_examples=600 * SCALE)
SOME = settings(max_examples=250 * SCALE, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- numbers as writers write them

DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese: 三千零五, 四百二十, 九."""
    out, pending_zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += DIGITS[digit] + name
    return out


def _under_yi(n: int) -> str:
    """0 < n < 10^8: 四十万五千, 一十万零五百."""
    high, low = divmod(n, 10_000)
    out = _section(high) + "万" if high else ""
    if low:
        out += ("零" if high and low < 1000 else "") + _section(low)
    return out


def write_chinese(n: int, *, drop_leading_one: bool = False, liang: bool = False,
                  circle_zero: bool = False) -> str:
    """An integer (< 10^16) the way a report writes it in Chinese numerals, with the
    common variants: 十二 for 一十二, 两万 for 二万, 〇 for 零. Above 亿 the count of 亿
    is itself a number: 一万零一亿 (10001 * 10^8)."""
    if n == 0:
        return "〇" if circle_zero else "零"
    high, low = divmod(n, 10**8)
    out = _under_yi(high) + "亿" if high else ""
    if low:
        out += ("零" if high and low < 10**7 else "") + _under_yi(low)
    if drop_leading_one and out.startswith("一十"):
        out = out[1:]
    if liang:
        # 两 is written before a magnitude, never for a final 二 or in the tens: 两万两千二百二十二
        out = "".join("两" if ch == "二" and i + 1 < len(out) and out[i + 1] in "千万亿"
                      and (i == 0 or out[i - 1] not in "十") else ch
                      for i, ch in enumerate(out))
    if circle_zero:
        out = out.replace("零", "〇")
    return out


def write_with_separators(n: int) -> str:
    return f"{n:,}"


integers = st.integers(min_value=0, max_value=10**16 - 1)
chinese_styles = st.fixed_dictionaries({"drop_leading_one": st.booleans(), "liang": st.booleans(),
                                        "circle_zero": st.booleans()})
# A decimal as written before a magnitude: 4.58万, 1,250万, 0.3亿
decimals = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
magnitude_words = st.sampled_from(["", "十", "百", "千", "万", "亿", "万亿", "千万", "百万", "十万"])


def mag_value(word: str) -> Decimal:
    value = Decimal(1)
    for ch in word:
        value *= MAGNITUDES[ch]
    return value


def write_decimal(d: Decimal, separators: bool) -> str:
    text = format(d.normalize(), "f")  # 4.58, 120, never 1.2E+2
    whole, dot, frac = text.partition(".")
    if separators:
        whole = f"{int(whole):,}"
    return whole + dot + frac


def test_the_writer_writes_what_reports_print():
    # the writer above is itself checked on figures taken from real usage
    assert write_chinese(126184) == "一十二万六千一百八十四"
    assert write_chinese(126184, drop_leading_one=True) == "十二万六千一百八十四"
    assert write_chinese(405000) == "四十万五千"
    assert write_chinese(100500) == "一十万零五百"
    assert write_chinese(23000, liang=True) == "两万三千"
    assert write_chinese(1080, circle_zero=True) == "一千〇八十"
    assert write_chinese(200000002) == "二亿零二"
    assert write_chinese(1_0001_0000_0011) == "一万零一亿零一十一"
    assert write_decimal(Decimal("12500.00"), True) == "12,500"


@MANY
@given(integers)
@example(0)
@example(10**16 - 1)
def test_arabic_integers_read_back(n):
    # values are floats: the parser must give the float nearest to the number written
    assert to_number(str(n)) == float(n)
    assert to_number(write_with_separators(n)) == float(n)


@MANY
@given(integers, chinese_styles)
@example(10, {"drop_leading_one": True, "liang": False, "circle_zero": False})
@example(2_0002_0002, {"drop_leading_one": False, "liang": True, "circle_zero": True})
def test_chinese_integers_read_back(n, style):
    assert to_number(write_chinese(n, **style)) == float(n)


@MANY
@given(decimals, magnitude_words, st.booleans())
@example(Decimal("19.99"), "万", False)  # 19.99 * 1e4 in floats is 199899.99999999997
@example(Decimal("1.15"), "亿", False)
def test_mixed_arabic_with_magnitude_reads_back(d, mag, separators):
    text = write_decimal(d, separators) + mag
    assert to_number(text) == float(d * mag_value(mag)), text


@MANY
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]), chinese_styles)
def test_chinese_numeral_with_magnitude_reads_back(n, mag, style):
    # 一千二百三十万, 两亿, 十二万亿
    text = write_chinese(n, **style) + mag
    assert to_number(text) == float(n * mag_value(mag)), text


@MANY
@given(st.integers(min_value=0, max_value=10**8), st.text(alphabet=DIGITS, min_size=1, max_size=6))
def test_chinese_decimals_read_back(whole, frac_digits):
    # 九十二点五, 零点三五
    text = write_chinese(whole) + "点" + frac_digits
    expected = Decimal(whole) + Decimal("0." + "".join(str(DIGITS.index(c)) for c in frac_digits))
    assert to_number(text) == float(expected), text


@MANY
@given(st.integers(min_value=0, max_value=100), st.booleans())
def test_percent_words_read_back(n, arabic):
    text = "百分之" + (str(n) if arabic else write_chinese(n, drop_leading_one=True))
    assert to_number(text) == n


NUMERAL_SOUP = st.text(alphabet=st.sampled_from(list("零〇一二两三四五六七八九十百千万亿点百分之0123456789.,，-+ e")),
                       max_size=16)
ANY_TEXT = st.one_of(NUMERAL_SOUP, st.text(max_size=16))


@MANY
@given(ANY_TEXT, st.one_of(st.just(""), NUMERAL_SOUP))
def test_numeral_parser_never_raises_anything_but_a_numeral_error(text, mag):
    # "never raises" for callers means: it gives a number or the one documented
    # NumeralError (a ValueError); no IndexError, KeyError, TypeError out of cn2an.
    for parse in (to_number, chinese_to_number, magnitude, lambda t: parse_number(t, mag)):
        try:
            value = parse(text)
        except NumeralError:
            continue
        assert isinstance(value, float)
        assert value == value  # not NaN


# ---------------------------------------------------------------- text as reports hold it

# Pieces that real reports are made of, and that the normalizer has rules for.
FRAGMENTS = st.sampled_from([
    "全区新建工会组织1410个，发展会员126184人。", "投入帮扶资金2.6亿元", "慰问困难职工３２００户",
    "經(jīng)濟", "會員", "工會組織", "（一）", "一是", "约", "余", "近", "万", "亿", "%", "百分之九十五",
    "？", "?", "。", "，", "、", "“", "”", "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\t",
    "\u200b", "\ufeff", "\u00ad", "责任编辑：张三", "来源：新华网", "分享到：", "打印本页", "关闭窗口",
    "2023年1月10日", "09:54", "第三批", "12351", "锟斤拷", "\ufffd", "ﬁ", "①", "㊣", "Ⅻ",
    "上千名", "3至5万人", "3000元至5000元", "每人每年", "一千二百三十", "两万余", "4.58万名",
    "两到三万人", "一百二十到一百五十万元", "两三万", "-2.1%", "负3.5%", "－", "3%-5%", "15元5角",
    "二十块五毛", "九成", "三成半", "千分之二", "八五折", "一吨半", "2568.5 万元", " 余", "两个亿",
    "港币50万元", "1.2亿美元", "新台币", "奖章10枚", "两节", "20万元以上的单位", "工會12個",
])
REPORT_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=40).map("".join)
ARBITRARY = st.one_of(REPORT_TEXT, st.text(max_size=200))


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _normalize(text: str):
    from pipeline.lexicon import load
    from pipeline.normalize import normalize
    from pipeline.report import Report

    return normalize(Report(doc_id="p", raw_text=text), load())


@SOME
@given(ARBITRARY)
@example("經(jīng)(jīng)濟")  # a second reading comes next to its character
@example("0\r©\n")  # a footer line that only the second pass finds in the second half
@example("工" * 45 + "\n" + "会" * 20)  # joined, the line is too long to be prose
@example("a\r\n\r\nb")
def test_normalizer_never_raises_and_is_idempotent(text):
    once = _normalize(text)
    assert once.status in ("ok", "empty")
    twice = _normalize(once.text)
    assert twice.text == once.text


@SOME
@given(ARBITRARY)
def test_normalized_text_is_clean(text):
    # what later stages and every offset rely on: no carriage returns, no invisible
    # characters, no blank or padded lines
    from pipeline.normalize import INVISIBLE

    out = _normalize(text).text
    assert "\r" not in out
    assert not INVISIBLE.search(out)
    for line in out.split("\n") if out else []:
        assert line and line == line.strip()


@SOME
@given(ARBITRARY)
@example("")
@example("\x00\x01")
def test_process_text_never_raises_and_offsets_point_into_the_text(text):
    from pipeline import process_text

    report = process_text(text)
    assert report.status in ("ok", "empty")
    body = report.text
    for s in report.sentences:
        assert 0 <= s.start <= s.end <= len(body)
        assert body[s.start:s.end] == s.text
        for t in s.tokens:
            assert s.start <= t.start <= t.end <= s.end
            assert body[t.start:t.end] == t.text
    ids = {s.id for s in report.sentences}
    for ind in report.indicators:
        assert ind.sentence_id in ids
        assert 0 <= ind.start < ind.end <= len(body)
        assert body[ind.start:ind.end] == ind.mention
        assert ind.value == ind.value  # never NaN


# ---------------------------------------------------------------- figures as the grammar reads them

def _quantities(text: str):
    from pipeline.extract.quantities import find_quantities
    from pipeline.lexicon import load

    found = find_quantities(text, load())
    for q in found:
        assert text[q.start:q.end] == q.mention
    return found


def _one_figure(text: str):
    found = _quantities(text)
    assert len(found) == 1, (text, [q.mention for q in found])
    return found[0]


same_length_pairs = st.integers(min_value=1, max_value=4).flatmap(
    lambda digits: st.lists(st.integers(min_value=10 ** (digits - 1), max_value=10 ** digits - 1),
                            min_size=2, max_size=2, unique=True).map(sorted))


@MANY
@given(same_length_pairs, st.sampled_from(["万", "亿"]), st.sampled_from(["到", "至"]), st.booleans(),
       chinese_styles)
@example([2, 3], "万", "到", False, {"drop_leading_one": False, "liang": True, "circle_zero": False})
@example([120, 150], "万", "到", False, {"drop_leading_one": True, "liang": False, "circle_zero": False})
def test_a_range_with_one_magnitude_reads_both_ends(pair, mag, sep, arabic, style):
    # 两到三万人, 一百二十到一百五十万元, 3至5亿元: ends of the same length share the magnitude
    low, high = pair
    if arabic:
        text = f"全年共有{low}{sep}{high}{mag}人参加。"
    else:
        text = f"全年共有{write_chinese(low, **style)}{sep}{write_chinese(high, **style)}{mag}人参加。"
    q = _one_figure(text)
    assert (q.value, q.value_high) == (low * mag_value(mag), high * mag_value(mag)), text


@MANY
@given(decimals.filter(lambda d: d > 0), st.sampled_from(["-", "−", "负"]))
def test_a_signed_percentage_keeps_its_sign(d, sign):
    text = f"同比增长{sign}{write_decimal(d, False)}%。"
    q = _one_figure(text)
    assert q.value == -float(d), text


@MANY
@given(st.integers(min_value=1, max_value=9), st.booleans(), st.sampled_from(["arabic", "chinese", "liang"]))
def test_shares_and_halves_read_back(tenths, half, style):
    # 九成 = 90%, 三成半 = 35%, 3成 = 30%, 两成 = 20%
    numeral = {"arabic": str(tenths), "chinese": DIGITS[tenths],
               "liang": "两" if tenths == 2 else DIGITS[tenths]}[style]
    assume(numeral != "一" or half)  # 一成 alone is the indefinite article
    text = f"全市{numeral}成{'半' if half else ''}以上的职工参加了培训。"
    q = _one_figure(text)
    assert q.value == tenths * 10 + (5 if half else 0), text


@MANY
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=9),
       st.integers(min_value=0, max_value=9))
def test_yuan_jiao_fen_read_back(yuan, jiao, fen):
    text = f"每人补助{yuan}元" + (f"{jiao}角" if jiao else "") + (f"{fen}分" if fen else "") + "。"
    q = _one_figure(text)
    assert q.value == float(Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100), text


@MANY
@given(st.integers(min_value=1, max_value=10**5), st.sampled_from(["", " "]),
       st.sampled_from(["万元", "亿元", "元", "人", "万人次", "余万元"]))
def test_a_space_after_the_digits_changes_nothing(n, space, unit):
    spaced = _one_figure(f"全年共计{n}{space}{unit}。")
    plain = _one_figure(f"全年共计{n}{unit}。")
    assert (spaced.value, spaced.unit, spaced.qualifier) == (plain.value, plain.unit, plain.qualifier)


SIMPLIFIED_CHARS = st.characters(min_codepoint=0x4e00, max_codepoint=0x9fa5).filter(_gb2312)


@MANY
@given(st.text(alphabet=st.one_of(SIMPLIFIED_CHARS, st.sampled_from("0123456789,。\n")), max_size=60))
@example("乾县於梨华之後")
def test_simplified_text_is_never_converted(text):
    # every character of GB 2312, the Simplified character set, is left as it is
    from pipeline.normalize import to_simplified

    assert to_simplified(text) == (text, False)
