"""Numbers as written in reports -> floats (pipeline.numerals; cn2an does the Chinese part)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numerals import NumeralError, chinese_to_number, magnitude, parse_number, to_number


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
