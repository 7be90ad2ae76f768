"""Stage 2, normalize: raw text -> clean Simplified text, one paragraph per line.

Unicode folding (NFKC), pinyin readings removed, Traditional -> Simplified (OpenCC),
page chrome dropped by the patterns of `lexicons/boilerplate.yaml`, paragraphs
repeated word for word dropped, paragraphs broken mid-sentence joined. What was
removed or looks doubtful is recorded in the report's warnings.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import Lexicon
from .report import Report

# A pinyin reading some sites put after a character: 經(jīng)濟 -> 經濟.
# It must carry a tone mark (or ü), so "(APP)" or "(sic)" stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_READING = r"(?=[a-z%s]*[%s])[a-z%s]{1,7}\)" % (_TONED, _TONED, _TONED)
# After a character lost in transcoding ("?") the reading may have lost its "(" too:
# 上下?lián)動 -> 上下?動.
PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\(" + _READING + r"|(?<=\?)\(?" + _READING)
# Zero-width and formatting characters that only get in the way of offsets.
INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
SENTENCE_END = "。！？!?…”’」』)"
CJK = re.compile(r"[\u3400-\u9fff]")
# A character lost in transcoding shows as "?" between Chinese characters or digits.
LOST_CHAR = re.compile(r"(?<=[\u3400-\u9fff\d])\?(?=[\u3400-\u9fff\d、,。“”])|(?<=[\u3400-\u9fff])\?")
# NFKC also turns a real question mark ？ into "?": one that closes a clause with a
# question word (为什么改?怎么改?) is punctuation, not a lost character.
QUESTION_WORD = re.compile(r"吗|呢|什么|怎么|怎样|怎能|如何|为何|是否|有没有|有无|能否|可否|哪|谁|多少|难道|岂")
CLAUSE_START = re.compile(r"[。!?！？;；\n][^。!?！？;；\n]*$")
# Mojibake: UTF-8 read as GBK or Latin-1, and the replacement character.
GARBLED = re.compile(r"\ufffd+|锟斤拷|烫烫烫|屯屯屯|(?:[ÃÂÅæçèéäå][\x80-\xbf¡-¿]){2,}|(?:鈥|銆|锛|鍙|鐨|浜)[\u4e00-\u9fff]{0,2}(?:鈥|銆|锛|鍙|鐨|浜)")
PUNCTUATION = re.compile(r"[，,。！？!?；;：:、]")


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's Traditional -> Simplified converter: the C++ library through its official
    binding (`opencc` on PyPI), about 100 times faster than a pure-Python OpenCC."""
    from opencc import OpenCC

    return OpenCC("t2s")


# The code points of CJK below, the Chinese characters is_traditional counts.
CJK_RANGE = ("\u3400", "\u9fff")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that OpenCC's t2s changes: their presence marks Traditional text.
    Asked of the converter itself, one character a line, so the set always matches it."""
    first, last = (ord(c) for c in CJK_RANGE)
    chars = [chr(c) for c in range(first, last + 1)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a converter that joins lines: ask one by one
        converted = [_t2s().convert(c) for c in chars]
    return frozenset(c for c, s in zip(chars, converted) if s != c)


@lru_cache(maxsize=1)
def _traditional_pattern() -> re.Pattern:
    return re.compile("[%s]" % "".join(sorted(_traditional_chars())))


def is_traditional(text: str, threshold: float = 0.02) -> bool:
    """True when enough of the Chinese characters are Traditional-only ones."""
    n_trad = len(_traditional_pattern().findall(text))
    if n_trad < 3:
        return False
    n_cjk = len(CJK.findall(text))
    return n_trad / n_cjk >= threshold


def fold(text: str) -> str:
    """Unicode folding: NFKC (full-width digits and letters, compatibility forms), newlines."""
    text = INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_pinyin(text: str) -> tuple[str, int]:
    # until none is left: removing one reading can bring another next to its character,
    # 經(jīng)(jīng)濟, and normalizing twice must give the same text as once
    total = 0
    while True:
        text, n = PINYIN.subn("", text)
        if not n:
            return text, total
        total += n


def to_simplified(text: str) -> tuple[str, bool]:
    """Traditional -> Simplified with OpenCC, only when the text is Traditional."""
    if not is_traditional(text):
        return text, False
    return _t2s().convert(text), True


def _is_prose(line: str) -> bool:
    return bool(PUNCTUATION.search(line))


def clean_lines(lines: list[str], rules: dict, report: Report) -> list[str]:
    """Drop chrome lines, take metadata lines into the report, cut the footer."""
    meta = rules.get("metadata", {})
    kept: list[str] = []
    n = len(lines)
    dropped = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if i >= n / 2 and any(p.search(line) for p in rules["cut_from"]):
            dropped += sum(1 for rest in lines[i:] if rest)
            break
        if any(p.search(line) for p in rules["drop_line"]):
            _read_metadata(line, meta, report)
            dropped += 1
            continue
        if "line" in meta and meta["line"].fullmatch(line) and (meta["date"].search(line) or meta["source"].search(line)):
            _read_metadata(line, meta, report)
            dropped += 1
            continue
        if not _is_prose(line) and len(line) > rules["max_unpunctuated_line"]:
            dropped += 1
            continue
        kept.append(line)
    if dropped:
        report.warn(f"removed {dropped} line(s) of page chrome")
    return kept


def _read_metadata(line: str, meta: dict, report: Report) -> None:
    if "date" in meta and not report.date:
        m = meta["date"].search(line)
        if m:
            report.date = m.group("date")
    if "source" in meta and not report.source:
        m = meta["source"].search(line)
        if m:
            report.source = m.group("source")


def drop_repeats(paragraphs: list[str], min_len: int, report: Report) -> list[str]:
    seen: set[str] = set()
    out = []
    repeated = 0
    for p in paragraphs:
        if len(p) >= min_len:
            if p in seen:
                repeated += 1
                continue
            seen.add(p)
        out.append(p)
    if repeated:
        report.warn(f"removed {repeated} repeated paragraph(s)")
    return out


def join_broken(paragraphs: list[str], min_len: int, report: Report) -> list[str]:
    """Join a long paragraph that stops mid-sentence with the paragraph after it."""
    out: list[str] = []
    joined = 0
    for p in paragraphs:
        if (out and len(out[-1]) >= min_len and out[-1][-1] not in SENTENCE_END
                and CJK.match(out[-1][-1]) and CJK.match(p[0])):
            out[-1] += p
            joined += 1
        else:
            out.append(p)
    if joined:
        report.warn(f"joined {joined} paragraph(s) broken mid-sentence")
    return out


def _is_question_mark(text: str, i: int) -> bool:
    """The "?" at text[i] ends a question: no digit beside it, a question word before it."""
    if (i > 0 and text[i - 1].isdigit()) or (i + 1 < len(text) and text[i + 1].isdigit()):
        return False
    head = text[max(0, i - 60):i]
    start = CLAUSE_START.search(head)
    clause = head[start.start() + 1:] if start else head
    return bool(QUESTION_WORD.search(clause))


def record_doubts(text: str, report: Report) -> None:
    lost = sum(1 for m in LOST_CHAR.finditer(text) if not _is_question_mark(text, m.start()))
    if lost:
        report.warn(f"{lost} character(s) lost in transcoding (shown as '?')")
    garbled = GARBLED.findall(text)
    if garbled:
        report.warn(f"{len(garbled)} garbled run(s), e.g. {garbled[0]!r}")


def normalize(report: Report, lexicon: Lexicon) -> Report:
    """Fill `report.text` (the normalized text) from `report.raw_text`."""
    if report.status != "ok":
        return report
    text = fold(report.raw_text)
    text, n_pinyin = strip_pinyin(text)
    if n_pinyin:
        report.warn(f"removed {n_pinyin} pinyin reading(s)")
    text, converted = to_simplified(text)
    if converted:
        report.warn("converted from Traditional to Simplified characters")
        report.title = _t2s().convert(report.title) if report.title else report.title
    rules = lexicon.boilerplate
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = clean_paragraphs(lines, rules, report)
    report.text = "\n".join(paragraphs)
    if not report.title:
        report.title = guess_title(paragraphs)
    record_doubts(report.text, report)
    if not report.text.strip():
        report.status, report.error = "empty", "no text left after removing page chrome"
    return report


def clean_paragraphs(lines: list[str], rules: dict, report: Report, max_passes: int = 8) -> list[str]:
    """Chrome, repeats and broken paragraphs, again until nothing changes: one removal can
    make work for another rule (a footer line moves into the second half, two joined
    paragraphs repeat), and normalizing twice must give the text of once."""
    paragraphs = lines
    for _ in range(max_passes):  # each pass that changes anything shortens the list
        before = paragraphs
        paragraphs = clean_lines(paragraphs, rules, report)
        paragraphs = drop_repeats(paragraphs, rules["min_repeated_paragraph"], report)
        paragraphs = join_broken(paragraphs, rules["min_broken_paragraph"], report)
        if paragraphs == before:
            break
    return paragraphs


def guess_title(paragraphs: list[str]) -> str:
    """The first short line that is not a sentence."""
    for p in paragraphs[:5]:
        if 4 <= len(p) <= 50 and p[-1] not in "。；;,，:：":
            return p
    return ""
