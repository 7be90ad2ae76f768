"""Numbers as written in Chinese reports -> floats.

Chinese numerals go through cn2an; this module only handles what surrounds them:
thousands separators, magnitudes after Arabic digits (4.58万), 百分之.
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
    import cn2an

    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if text[0] in "百千万亿":  # cn2an wants the leading 一 that writers drop: 千余 = 一千余
        text = "一" + text
    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError) as exc:
        raise NumeralError(f"not a Chinese numeral: {text!r} ({exc})") from None


def magnitude(text: str) -> float:
    """万 -> 1e4, 千万 -> 1e7, 万亿 -> 1e12, '' -> 1."""
    value = 1.0
    for ch in text:
        if ch not in MAGNITUDES:
            raise NumeralError(f"not a magnitude: {text!r}")
        value *= MAGNITUDES[ch]
    return value


def parse_number(base: str, mag: str = "") -> float:
    """The value of a number written as `base` (Arabic or Chinese) times the magnitude `mag`."""
    if ARABIC.match(base):
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
    digits = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")}
    digits["〇"] = "0"
    digits["两"] = "2"
    if not frac or any(ch not in digits for ch in frac):
        raise NumeralError(f"not a Chinese decimal: {text!r}")
    # in decimals, so that 六十四点九一九零四一 is 64.919041 and not 64.91904099999999
    return float(Decimal(chinese_to_number(whole)) + Decimal("0." + "".join(digits[ch] for ch in frac)))
