"""Numbers as written in reports -> floats (pipeline.numerals; cn2an does the Chinese part)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numerals import (NumeralError, adjacent_range, chinese_to_number, digit_sequence, magnitude,
                               parse_number, shared_magnitude, to_number)


@pytest.mark.parametrize("text, value", [
    ("一千二百三十", 1230),
    ("两万三千", 23000),
    ("三百零五", 305),
    ("四十万零五千", 405000),
    ("七十五万六千", 756000),
    ("十", 10),
    ("十一", 11),
])
def test_chinese_numerals(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize("text, value", [("〇", 0), ("零", 0), ("一千〇八十", 1080), ("一千零八十", 1080)])
def test_zero_written_as_ling_or_circle(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize("text, value", [("千", 1000), ("百", 100), ("万", 10_000), ("亿", 1e8),
                                         ("百万", 1e6), ("千万", 1e7)])
def test_leading_one_dropped_before_a_magnitude(text, value):
    # writers drop the 一 of 一千, 一百万: 上千名, 逾千人, 超百万人次
    assert chinese_to_number(text) == value


def test_arabic_with_magnitude():
    assert to_number("4.58万") == pytest.approx(45_800)
    assert to_number("1.12万") == pytest.approx(11_200)
    assert to_number("3万") == 30_000
    assert to_number("2.6亿") == pytest.approx(2.6e8)


def test_magnitudes_multiply():
    assert magnitude("") == 1
    assert magnitude("万") == 1e4
    assert magnitude("千万") == 1e7
    assert magnitude("万亿") == 1e12


def test_thousands_separators():
    assert to_number("1,250万") == 12_500_000
    assert to_number("2,146") == 2146
    assert parse_number("12,345,678") == 12_345_678


def test_chinese_numeral_with_magnitude_applies_once():
    # the numeral holds its own magnitudes: 一千二百三十万 is 12.3 million, not 1230 x 1e4 x 1e4
    assert to_number("一千二百三十万") == 12_300_000


def test_percent_words():
    assert to_number("百分之九十五") == 95
    assert to_number("百分之九十二点五") == pytest.approx(92.5)
    assert to_number("百分之百") == 100


def test_chinese_decimal():
    assert to_number("一点二六") == pytest.approx(1.26)
    assert to_number("九十二点五") == pytest.approx(92.5)
    assert to_number("零点五") == pytest.approx(0.5)


@pytest.mark.parametrize("text", ["", "abc", "万万十", "点五", "3万元", "一二三四五六七八九十十"])
def test_not_a_numeral_raises(text):
    with pytest.raises(NumeralError):
        to_number(text)


def test_numeral_error_is_a_value_error():
    # callers catch ValueError; a numeral error must not escape as something else
    assert issubclass(NumeralError, ValueError)


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_with_separators_round_trips(n):
    assert to_number(f"{n:,}") == n
    assert to_number(str(n)) == n


@given(st.integers(min_value=1, max_value=10**8))
def test_any_integer_written_in_chinese_reads_back(n):
    import cn2an

    assert chinese_to_number(cn2an.an2cn(n, "low")) == n


@given(st.floats(min_value=0, max_value=1e5, allow_nan=False).map(lambda x: round(x, 2)))
def test_decimal_times_wan(x):
    assert math.isclose(to_number(f"{x}万"), x * 1e4, rel_tol=1e-9)


# --- forms cn2an does not judge (issue 12) ---------------------------------------------

@pytest.mark.parametrize("low, high, shared", [
    ("两", "三万", 1e4), ("三", "五亿", 1e8), ("一百二十", "一百五十万", 1e4), ("三", "五千", 1e3),
    ("三", "五千万", 1e7), ("两千", "三千万", 1e4), ("五", "十万", 1e4), ("三", "五十万", 1e4),
    ("一", "两亿五千万", 1e8),
    ("一万", "两万", 1), ("五", "十", 1), ("三", "五十", 1), ("十", "二十", 1),
])
def test_the_magnitude_a_range_shares(low, high, shared):
    assert shared_magnitude(low, high) == shared


@pytest.mark.parametrize("text, pair", [
    ("两三万", (20_000, 30_000)), ("七八十", (70, 80)), ("十七八", (17, 18)), ("三五", (3, 5)),
    ("一百二三十", (120, 130)), ("三四十万", (300_000, 400_000)), ("一万二三千", (12_000, 13_000)),
])
def test_neighbouring_digits_are_a_range(text, pair):
    assert adjacent_range(text) == pair


@pytest.mark.parametrize("text", ["三七", "九十", "二十三", "一二三", "二〇二三", "五", "两万"])
def test_other_numerals_are_no_range(text):
    assert adjacent_range(text) is None


@pytest.mark.parametrize("text, value", [("八", 8), ("八五", 8.5), ("85", 8.5), ("9.5", 9.5), ("7", 7)])
def test_digit_sequence_of_a_discount(text, value):
    assert digit_sequence(text) == value


@pytest.mark.parametrize("text", ["", "八五五", "十", "855", "a"])
def test_digit_sequence_refuses_other_numbers(text):
    with pytest.raises(NumeralError):
        digit_sequence(text)


def test_plain_reading_gives_cn2an_value_on_every_short_numeral():
    """The plain reading (read without cn2an, so that most runs never import it) gives
    cn2an's value on every numeral of at most PLAIN_MAX characters it reads, and leaves
    the others (零, 三百五, 一亿一千, 一百一万...) to cn2an."""
    import itertools

    import cn2an

    from pipeline.numerals import PLAIN_MAX, plain_numeral

    read = 0
    for n in range(1, PLAIN_MAX + 1):
        for chars in itertools.product("零〇一二两三四五六七八九十百千万亿", repeat=n):
            text = "".join(chars)
            value = plain_numeral(text)
            if value is None:
                continue
            read += 1
            assert value == float(cn2an.cn2an(text, "normal")), text
    assert read > 4000  # 三, 十二, 两千三百, 四万五千...
    assert plain_numeral("三百五") is None and plain_numeral("一千零八十") is None


def test_a_short_plain_numeral_needs_no_cn2an():
    import subprocess
    import sys

    code = ("import sys; from pipeline.numerals import chinese_to_number as c; "
            "assert (c('两千三百'), c('十二'), c('千')) == (2300.0, 12.0, 1000.0); "
            "assert 'cn2an' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
