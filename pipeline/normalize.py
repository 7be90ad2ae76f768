"""Stage normalize: raw text -> clean Simplified text, one paragraph per line.

Unicode folding (NFKC), pinyin readings removed, Traditional -> Simplified (OpenCC),
page chrome dropped by the patterns of `lexicons/boilerplate.yaml` (and kept on the
report, for describe to read dates and sources in), paragraphs repeated word for word
dropped, paragraphs broken mid-sentence joined. What was removed or looks doubtful is
recorded in the report's warnings. The offsets where the pages of a paged source (PDF)
begin are mapped from the raw text to the normalized one.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from .chinese import CJK, has_traditional, t2s
from .numerals import CN_DIGITS, CN_NUMERAL_CHARS
from .lexicon import Lexicon
from .lexicon.patterns import anchored_first_chars, led_by_first_chars
from .lexicon.sections import Boilerplate
from .report import Report
from .stages import Stage

# A pinyin reading some sites put after a character: 經(jīng)濟 -> 經濟.
# It must carry a tone mark (or ü), so "(APP)" or "(sic)" stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_READING = r"(?=[a-z%s]*[%s])[a-z%s]{1,7}\)" % (_TONED, _TONED, _TONED)
# After a character lost in transcoding ("?") the reading may have lost its "(" too:
# 上下?lián)動 -> 上下?動.
# (This pattern, TONELESS and LOST_CHAR begin with a lookbehind, which re tries at every
# position of a text: led_by_first_chars tests the character a match begins with first.)
PINYIN = led_by_first_chars(re.compile(r"(?<=[\u3400-\u9fff])\(" + _READING + r"|(?<=\?)\(?" + _READING))
# A reading without its tone marks (稳(wen)就业, 會(hui)): a syllable of pinyin, removed only on a
# page that has at least MIN_TONELESS of them (one "(a)" after a character is no reading).
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|"
             r"in|ua|uo|ui|un|ve|ue|a|o|e|i|u|v)")
TONELESS = led_by_first_chars(re.compile(r"(?<=[\u3400-\u9fff])\(" + _SYLLABLE + r"\)"))
MIN_TONELESS = 3
# Zero-width and formatting characters that only get in the way of offsets.
INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
# A character lost in transcoding shows as "?" between Chinese characters or digits.
LOST_CHAR = led_by_first_chars(re.compile(r"(?<=[\u3400-\u9fff\d])\?(?=[\u3400-\u9fff\d、,。“”])|(?<=[\u3400-\u9fff])\?"))
CLAUSE_START = re.compile(r"[。!?！？;；\n][^。!?！？;；\n]*$")
PUNCTUATION = re.compile(r"[，,。！？!?；;：:、]")
# A zero written with a circle sign among Chinese numerals (四百○二人, 二○二三年): 〇.
CIRCLE_ZERO = re.compile(f"(?<=[{CN_NUMERAL_CHARS}○◯])[○◯](?=[{CN_DIGITS}十百千○◯])")


# A forum's or an editor's BBCode ([b]20[/b][b]22[/b]年, [align=center]…[/align]), which
# pages copied from such sites keep: a block's end ends its line, the other tags go.
BBCODE_BLOCK_END = re.compile(r"\[/(?:align|p|center|left|right|quote|list|table|tr|h\d)\]|\[(?:br|hr)\s*/?\]", re.I)
BBCODE_TAG = re.compile(r"\[/?(?:b|i|u|s|align|color|font|size|url|img|quote|code|list|p|table|tr|td|th|center|"
                        r"left|right|indent|sup|sub|backcolor|h\d|email|strike|hr|br)(?:=[^\[\]\n]{0,80})?\s*/?\]", re.I)


def strip_bbcode(text: str) -> tuple[str, int]:
    """The text without BBCode tags, and how many there were; one without "[/" as it is."""
    if "[/" not in text:
        return text, 0
    text, ends = BBCODE_BLOCK_END.subn("\n", text)
    text, tags = BBCODE_TAG.subn("", text)
    return text, ends + tags


def fold(text: str) -> str:
    """Unicode folding: NFKC (full-width digits and letters, compatibility forms), a zero
    written as a circle sign among numerals, newlines."""
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    if "○" in text or "◯" in text:  # most texts have none, and the pattern is led by a lookbehind
        text = CIRCLE_ZERO.sub("〇", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_pinyin(text: str) -> tuple[str, int]:
    # until none is left: removing one reading can bring another next to its character,
    # 經(jīng)(jīng)濟, and normalizing twice must give the same text as once
    if "(" not in text and "?" not in text:  # every reading begins with "(" or follows a "?"
        return text, 0
    total = 0
    toneless = len(TONELESS.findall(text)) >= MIN_TONELESS
    while True:
        text, n = PINYIN.subn("", text)
        if toneless:
            text, m = TONELESS.subn("", text)
            n += m
        if not n:
            return text, total
        total += n


def to_simplified(text: str) -> tuple[str, bool]:
    """Traditional -> Simplified with OpenCC, line by line: each line that holds a
    Traditional-only character (has_traditional) is converted, whatever its length, so a
    short text (今年新建工會12個) and the Traditional lines of a mixed text are converted
    too. A line without one is left as it is, byte for byte: Simplified text never
    changes (OpenCC would turn 乾县 into 干县). True when anything was converted."""
    if not has_traditional(text):
        return text, False
    lines = text.split("\n")
    converted = [t2s().convert(line) if has_traditional(line) else line for line in lines]
    return "\n".join(converted), converted != lines


def _is_prose(line: str) -> bool:
    return bool(PUNCTUATION.search(line))


class LineStarts:
    """The patterns of a list that may match a line beginning with a given character.

    Most patterns of boilerplate.yaml are anchored at the line's start (^语音播报, ^(责任编辑|
    …)): each search fails at once on a line that begins otherwise, but a line asked all of
    them one by one still pays for each call, and most lines are prose. The characters an
    anchored pattern's match may begin with are read from its parse tree; a pattern that is
    not anchored, or whose first characters cannot be told, is kept for every line."""

    def __init__(self, patterns: tuple[re.Pattern, ...]):
        self.patterns = patterns
        self.first = [anchored_first_chars(p) for p in patterns]  # a class, or None: any line
        self._of: dict[str, tuple[re.Pattern, ...]] = {}

    def of(self, first: str) -> tuple[re.Pattern, ...]:
        """The patterns that may match a line whose first character is `first`."""
        try:
            return self._of[first]
        except KeyError:
            found = self._of[first] = tuple(p for p, chars in zip(self.patterns, self.first)
                                            if chars is None or chars.match(first))
            return found


@lru_cache(maxsize=8)  # per process: the boilerplate of the lexicons in use
def _line_starts(rules: Boilerplate) -> tuple[LineStarts, LineStarts]:
    """The drop_line and cut_from patterns, by the first character of a line."""
    return LineStarts(rules.drop_line), LineStarts(rules.cut_from)


def _is_chrome(line: str, rules: Boilerplate) -> bool:
    if any(p.search(line) for p in _line_starts(rules)[0].of(line[0])):
        return True
    meta = rules.metadata
    if "edition" in meta and meta["edition"].search(line):
        return True  # 株洲日报 2024年01月10日 第A01版:要闻
    return ("line" in meta and meta["line"].fullmatch(line) is not None
            and any(meta[k].search(line) for k in ("date", "source") if k in meta))


# The empty cells of a table row a page was converted from, after the text of its first
# (山东工会依法为民工撑腰 三年帮讨血汗钱756万 | |||||||||): removed, the text kept.
TABLE_TAIL = re.compile(r"(?:\s*[|｜]){2,}\s*$")


def clean_lines(lines: list[str], rules: Boilerplate, report: Report,
                kept_before: set[str] | None = None) -> list[str]:
    """Drop chrome lines and cut the footer; what is removed is kept in report.dropped_lines.
    `kept_before`: the lines an earlier pass over the same text kept, which are no chrome
    now either (whether a line is chrome depends on the line alone); the lines kept are
    added to it."""
    if kept_before is None:
        kept_before = set()
    kept: list[str] = []
    n = len(lines)
    dropped = 0
    for i, line in enumerate(lines):
        line = TABLE_TAIL.sub("", line) if "|" in line or "｜" in line else line
        if not line:
            continue
        if i >= n / 2 and any(p.search(line) for p in _line_starts(rules)[1].of(line[0])):
            rest = [r for r in lines[i:] if r]
            report.dropped_lines.extend(rest)
            dropped += len(rest)
            break
        if line not in kept_before and (_is_chrome(line, rules) or (
                not _is_prose(line) and len(line) > rules.max_unpunctuated_line)):
            report.dropped_lines.append(line)
            dropped += 1
            continue
        kept.append(line)
    kept_before.update(kept)
    if dropped:
        report.warn(f"removed {dropped} line(s) of page chrome")
    return kept


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


def _is_menu(line: str, min_gaps: int) -> bool:
    """A site's menu, words parted by spaces (`新闻 资讯 金融 … 栏目首页`): the headline under
    it is no sentence it breaks off. A paragraph broken by the page has no such gaps."""
    return not _is_prose(line) and line.count(" ") >= min_gaps


def join_broken(paragraphs: list[str], min_len: int, ends: str, report: Report,
                apart: tuple[re.Pattern, ...] = (), menu_gaps: int = 3,
                before_apart: Collection[str] = ()) -> list[str]:
    """Join a long paragraph that stops mid-sentence with the paragraph after it; not a
    line of one of the `apart` patterns (the page's fields, 索引号:… 发布机构:…; a date line,
    http://www.….cn 2013-06-24 22:23 长城网), nor one of `before_apart`, that had such a
    line after it before chrome was removed (a long headline over its date and source
    line), nor a menu (`_is_menu`)."""
    out: list[str] = []
    joined = 0
    for p in paragraphs:
        if (out and len(out[-1]) >= min_len and out[-1][-1] not in ends
                and CJK.match(out[-1][-1]) and CJK.match(p[0]) and not _is_menu(out[-1], menu_gaps)
                and out[-1] not in before_apart
                and not any(pattern.match(out[-1]) or pattern.match(p) for pattern in apart)):
            out[-1] += p
            joined += 1
        else:
            out.append(p)
    if joined:
        report.warn(f"joined {joined} paragraph(s) broken mid-sentence")
    return out


def _is_question_mark(text: str, i: int, question_words: re.Pattern) -> bool:
    """The "?" at text[i] ends a question: no digit beside it, a question word before it."""
    if (i > 0 and text[i - 1].isdigit()) or (i + 1 < len(text) and text[i + 1].isdigit()):
        return False
    head = text[max(0, i - 60):i]
    start = CLAUSE_START.search(head)
    clause = head[start.start() + 1:] if start else head
    return bool(question_words.search(clause))


def record_doubts(text: str, rules: Boilerplate, report: Report) -> None:
    lost = sum(1 for m in LOST_CHAR.finditer(text)
               if not _is_question_mark(text, m.start(), rules.question_words))
    if lost:
        report.warn(f"{lost} character(s) lost in transcoding (shown as '?')")
    garbled = led_by_first_chars(rules.garbled).findall(text)
    if garbled:
        report.warn(f"{len(garbled)} garbled run(s), e.g. {garbled[0]!r}")


# The metadata lines of boilerplate.yaml that are never a sentence the page broke: the
# page's fields, a date and the site after an address, a masthead, an edition line, a
# date with a field after it, a breadcrumb, a line opening with a field or with a date and time.
APART = ("fields", "date_first", "masthead", "edition", "line", "dated_field_line", "breadcrumb_line",
         "field_start", "date_time_start", "document_title")


def _before_apart(paragraphs: list[str], min_len: int, ends: str, apart: tuple[re.Pattern, ...]) -> list[str]:
    """The long lines that stop mid-sentence whose next line with text is a metadata line."""
    out, after = [], None  # the next line with text, walking back from the end
    for a in reversed(paragraphs):
        if len(a) >= min_len and a[-1] not in ends and after is not None \
                and any(pattern.match(after) for pattern in apart):
            out.append(a)
        if a.strip():
            after = a
    return out


def _kept_apart(rules: Boilerplate) -> tuple[re.Pattern, ...]:
    return tuple(rules.metadata[k] for k in APART if rules.metadata.get(k) is not None)


def clean_paragraphs(lines: list[str], lexicon: Lexicon, report: Report, max_passes: int = 8) -> list[str]:
    """Chrome, repeats and broken paragraphs, again until nothing changes: one removal can
    make work for another rule (a footer line moves into the second half, two joined
    paragraphs repeat), and normalizing twice must give the text of once."""
    rules = lexicon.boilerplate
    paragraphs = lines
    kept: set[str] = set()  # the lines no pass need ask again whether they are chrome
    apart, ends = _kept_apart(rules), lexicon.grammar.paragraph_end
    before_apart: set[str] = set()  # the lines a metadata line followed, once removed
    for _ in range(max_passes):  # each pass that changes anything shortens the list
        before = paragraphs
        before_apart.update(_before_apart(paragraphs, rules.min_broken_paragraph, ends, apart))
        paragraphs = clean_lines(paragraphs, rules, report, kept)
        paragraphs = drop_repeats(paragraphs, rules.min_repeated_paragraph, report)
        paragraphs = join_broken(paragraphs, rules.min_broken_paragraph, ends, report, apart,
                                 rules.menu_min_gaps, before_apart)
        if paragraphs == before:
            break
    return paragraphs


# The reader's fields written in words: folded, stripped and converted like the text.
TEXT_FIELDS = ("title", "source", "sitename", "author")


def _normalize_field(value: str) -> str:
    """A field of the reader's (title, source …) folded, without pinyin, and Simplified
    where it is Traditional, as the text is."""
    if not value:
        return value
    return to_simplified(" ".join(strip_pinyin(fold(value))[0].split()))[0]


class Traced(str):
    """A line of the text being normalized that remembers where it came from: `parts`
    holds (raw line number, offset in this line) of each raw line joined into it. Adding
    two (`a + b`, as join_broken does) keeps both, so that the rules above need not know."""

    parts: tuple[tuple[int, int], ...]

    def __new__(cls, text: str, parts):
        line = super().__new__(cls, text)
        line.parts = tuple(parts)
        return line

    def __add__(self, other: str) -> "Traced":
        shift = len(self)
        return Traced(str.__add__(self, other),
                      self.parts + tuple((n, at + shift) for n, at in getattr(other, "parts", ())))


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _column(head: str, line: str) -> int:
    """Where the end of `head`, the start of the raw line `line`, falls in that line
    normalized (converted when the line is: to_simplified decides line by line)."""
    head, _ = strip_pinyin(fold(head))
    if has_traditional(strip_pinyin(fold(line))[0]):
        head = t2s().convert(head)
    collapsed = " ".join(head.split())
    return len(collapsed) + (1 if collapsed and head[-1].isspace() else 0)


def map_offsets(raw: str, offsets: list[int], paragraphs: list[Traced]) -> list[int]:
    """Offsets in the raw text (page starts) -> offsets in the normalized text: each goes
    where its raw line went, or, when that line was dropped, to the next line kept."""
    parts = []  # (raw line, offset in the normalized text, length there), in text order
    at = 0
    for p in paragraphs:
        bounds = [o for _, o in p.parts[1:]] + [len(p)]
        parts.extend((n, at + o, end - o) for (n, o), end in zip(p.parts, bounds))
        at += len(p) + 1
    mapped, line, line_start, scanned = [], 0, 0, 0
    for offset in sorted(offsets):
        for m in LINE_BREAK.finditer(raw, scanned, offset):
            line, line_start = line + 1, m.end()
        scanned = max(scanned, offset)
        line_end = LINE_BREAK.search(raw, offset)
        column = _column(raw[line_start:offset], raw[line_start:line_end.start() if line_end else len(raw)])
        found = next(((start, min(column, size)) if n == line else (start, 0)
                      for n, start, size in parts if n >= line), (max(at - 1, 0), 0))
        mapped.append(found[0] + found[1])
    return mapped


def normalize(report: Report, lexicon: Lexicon) -> Report:
    """Fill `report.text` (the normalized text) from `report.raw_text`."""
    text = fold(report.raw_text)
    text, n_tags = strip_bbcode(text)
    if n_tags:
        report.warn(f"removed {n_tags} BBCode tag(s)")
    text, n_pinyin = strip_pinyin(text)
    if n_pinyin:
        report.warn(f"removed {n_pinyin} pinyin reading(s)")
    text, converted = to_simplified(text)
    if converted:
        report.warn("converted from Traditional to Simplified characters")
    report.source_fields = {k: _normalize_field(v) if k in TEXT_FIELDS else v
                            for k, v in report.source_fields.items()}
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if report.page_starts:
        lines = [Traced(line, ((n, 0),)) for n, line in enumerate(lines)]
    paragraphs = clean_paragraphs(lines, lexicon, report)
    report.text = "\n".join(paragraphs)
    if report.page_starts:
        report.page_starts = map_offsets(report.raw_text, report.page_starts, paragraphs)
    record_doubts(report.text, lexicon.boilerplate, report)
    if not report.text.strip():
        return report.fail("empty", "no text left after removing page chrome")
    return report


STAGE = Stage("normalize", normalize, requires=("raw_text",),
              provides=("text", "dropped_lines", "source_fields", "page_starts"), needs=("lexicon",))
