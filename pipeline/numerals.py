"""Numbers as written in Chinese reports -> floats.

Chinese numerals go through cn2an, but for the plain short ones (三, 十二, 两千三百), which
`plain_numeral` reads to cn2an's value without importing it (0.1 s a process); this
module handles what surrounds them (thousands separators, magnitudes after Arabic
digits: 4.58万, 百分之) and the forms where cn2an
is not the judge: the magnitude the two ends of a range share (两到三万), two
neighbouring digits as an estimate (两三万, 七八十) and a number read digit by digit
(八五折).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿"
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
ARABIC = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$")


class NumeralError(ValueError):
    pass


@lru_cache(maxsize=4096)
def chinese_to_number(text: str) -> float:
    """一千二百三十 -> 1230, 两万三千 -> 23000, 十 -> 10, 千 -> 1000, 二〇二三 -> 2023."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if text[0] in "百千万亿":  # cn2an wants the leading 一 that writers drop: 千余 = 一千余
        text = "一" + text
    plain = plain_numeral(text) if len(text) <= PLAIN_MAX else None
    if plain is not None:
        return plain
    import cn2an  # 0.1 s to import: only for a numeral the plain reading leaves to it

    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError) as exc:
        raise NumeralError(f"not a Chinese numeral: {text!r} ({exc})") from None


DIGIT_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
PLAIN_DIGITS = {ch: i for ch, i in DIGIT_VALUES.items() if i}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# The plain reading is used up to this length: tests/test_numerals.py checks it against
# cn2an on every numeral of at most this many characters.
PLAIN_MAX = 5


def plain_numeral(text: str) -> float | None:
    """The value of a numeral written the plain way: digits each followed by a smaller
    unit than the one before (三, 十二, 两千三百, 四万五千); None for any other form (零,
    二〇二三, 三百五, 一万二), which cn2an reads. It gives cn2an's value, without cn2an."""
    total, section, digit = 0, 0, None
    small, big = 10_000, 10 ** 12  # the last unit, which the next must be below
    for ch in text:
        if ch in PLAIN_DIGITS:
            if digit is not None:
                return None
            digit = PLAIN_DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= small or (small == 10_000 and big < 10 ** 12 and (big != 10_000 or unit != 1000)):
                return None  # after 万 its thousands (一万二千), after 亿 nothing: else cn2an wants 零
            if digit is None:
                if ch != "十" or total or section:
                    return None
                digit = 1  # 十二: 12
            section, digit, small = section + digit * unit, None, unit
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            if digit is not None and small not in (10, 10_000):
                return None  # 一百一万: cn2an's error
            section += digit or 0
            if unit >= big or not section:
                return None
            total, section, digit, small, big = total + section * unit, 0, None, 10_000, unit
        else:
            return None
    if digit is not None:
        if small != 10 and (small != 10_000 or big != 10 ** 12):
            return None  # 三百五, 一万二: cn2an's spoken forms
        section += digit
    return float(total + section)


def magnitude(text: str) -> float:
    """万 -> 1e4, 千万 -> 1e7, 万亿 -> 1e12, '' -> 1."""
    value = 1.0
    for ch in text:
        if ch not in MAGNITUDES:
            raise NumeralError(f"not a magnitude: {text!r}")
        value *= MAGNITUDES[ch]
    return value


# Digits that Decimal's default context (28 significant digits) multiplies exactly: an
# Arabic number no longer than this, times 1, is the float of its digits.
EXACT_DIGITS = 28


def parse_number(base: str, mag: str = "") -> float:
    """The value of a number written as `base` (Arabic or Chinese) times the magnitude `mag`."""
    if ARABIC.match(base):
        if not mag and len(base) <= EXACT_DIGITS:  # most figures: float() rounds the digits as Decimal would
            return float(base.replace(",", ""))
        value = Decimal(base.replace(",", ""))
    else:
        value = Decimal(chinese_to_number(base))
    # in decimals, so that 19.99万 is 199900 and not 199899.99999999997
    return float(value * Decimal(magnitude(mag)))


def to_number(text: str) -> float:
    """Parse a whole numeral string: '4.58万', '1,250万', '两万三千', '百分之九十五'."""
    text = text.strip()
    if text.startswith("百分之"):
        text = text[3:]
    m = re.match(r"^(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿]*)$", text)
    if m:
        return parse_number(m.group(1), m.group(2))
    if "点" in text:
        return _cn_decimal(text)
    return chinese_to_number(text)


def _cn_decimal(text: str) -> float:
    """九十二点五 -> 92.5"""
    whole, _, frac = text.partition("点")
    if not frac or any(ch not in DIGIT_VALUES for ch in frac):
        raise NumeralError(f"not a Chinese decimal: {text!r}")
    # in decimals, so that 六十四点九一九零四一 is 64.919041 and not 64.91904099999999
    return float(Decimal(chinese_to_number(whole)) + Decimal("0." + "".join(str(DIGIT_VALUES[ch]) for ch in frac)))


# ------------------------------------------------------------------ forms the grammar reads

BIG_MAGNITUDES = "亿万"  # the magnitudes that the two ends of a range share: 两到三万


def digit_sequence(text: str) -> float:
    """A number read digit by digit, with the decimal point after the first digit:
    八五 -> 8.5, 八 -> 8, 85 -> 8.5, 9.5 -> 9.5 (a discount, 八五折, is written so)."""
    if re.fullmatch(r"\d(?:\.\d+)?", text):
        return float(text)
    if re.fullmatch(r"\d\d", text):
        return int(text[0]) + int(text[1]) / 10
    digits = [DIGIT_VALUES.get(ch) for ch in text]
    if not 1 <= len(digits) <= 2 or None in digits:
        raise NumeralError(f"not a number read digit by digit: {text!r}")
    return float(digits[0] + (digits[1] / 10 if len(digits) == 2 else 0))


def shared_magnitude(low: str, high: str) -> float:
    """What the low end of a range in Chinese numerals shares with the high end, written
    once after it: 两到三万 (2万 to 3万) -> 1e4, 三到五千万 -> 1e7, 三至五亿 -> 1e8,
    三到五千 -> 1e3, 一百二十到一百五十万 -> 1e4; 1 when the low end holds its own
    (一万到两万) or shares nothing (五到十). A single digit shares the magnitudes after the
    high end's digit (五千万: 千万), but for a 十 (三到五十: 3 to 50, 三到五十万: 3万 to
    50万); a longer low end shares the high end's largest 万 or 亿."""
    if any(ch in BIG_MAGNITUDES for ch in low):
        return 1.0
    if len(low) == 1 and low in DIGIT_VALUES and len(high) > 1 and high[0] in DIGIT_VALUES \
            and all(ch in MAGNITUDES for ch in high[1:]):
        return magnitude(high[1:].removeprefix("十"))  # 三到五十: 3 to 50, not 30 to 50
    big = next((ch for ch in high if ch in BIG_MAGNITUDES), None)
    return float(MAGNITUDES[big]) if big is not None else 1.0


ADJACENT = re.compile(r"(?P<head>[%s]*[十百千万亿])?" % CN_NUMERAL_CHARS
                      + r"(?P<a>[一二两三四五六七八九])(?P<b>[二三四五六七八九])(?P<tail>[十百千万亿]*)")


def adjacent_range(text: str) -> tuple[float, float] | None:
    """Two neighbouring digits give an estimate between them: 两三万 -> (2万, 3万),
    七八十 -> (70, 80), 十七八 -> (17, 18), 一百二三十 -> (120, 130), 三五 -> (3, 5);
    None for any other numeral."""
    m = ADJACENT.fullmatch(text)
    if m is None:
        return None
    a, b = DIGIT_VALUES[m["a"]], DIGIT_VALUES[m["b"]]
    if not (b == a + 1 or (a, b) == (3, 5)):
        return None
    head, tail = m["head"] or "", m["tail"]
    return chinese_to_number(head + m["a"] + tail), chinese_to_number(head + m["b"] + tail)
