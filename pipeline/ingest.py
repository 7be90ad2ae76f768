"""Stage 1, ingest: a file on disk -> a Report with its raw text and source metadata.

Decoding: a BOM, else UTF-16 when NUL bytes say so, else UTF-8, else GB18030 or Big5.
The same bytes often decode in both of those; the reading kept is the one that is more
common Chinese by jieba's dictionary (charset-normalizer, used for what neither decodes,
misreads short files). HTML goes through lxml (to drop script, style and navigation) and
trafilatura (to find the article).
Nothing here raises for bad input: the report's status and error say what happened.
"""
from __future__ import annotations

import codecs
import errno
import math
import os
import re
import stat
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from .report import Report

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

# Leading bytes of common binary formats: a file named .txt that is really one of these
# is skipped with the format named, rather than decoded into garbage.
MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"{\\rtf", "RTF document"),
]
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def doc_id_for(path: Path, root: Path) -> str:
    """The file's path relative to the input folder, without its extension, POSIX style."""
    rel = PurePosixPath(*path.relative_to(root).parts)
    if not rel.suffix or rel.stem in (".", ".."):  # "..txt" keeps its name: no "." or ".." part
        return str(rel)
    return str(rel.with_suffix(""))


# Why a decode failed at the very end of the data: the file was cut inside a character.
_TRUNCATED = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}
# Chinese punctuation: neutral when two readings of the same bytes are compared.
_CJK_PUNCTUATION = re.compile(r"[\u2010-\u2027\u3000-\u303f\uff01-\uff5e]")
_LEGACY_CHINESE = ["gb18030", "big5"]


def _decode_whole(data: bytes, codec: str) -> tuple[str, bool]:
    """Strict decoding; a file cut inside its last character keeps what is there.
    Returns (text, truncated); raises UnicodeDecodeError for anything else."""
    try:
        return data.decode(codec), False
    except UnicodeDecodeError as exc:
        if exc.reason in _TRUNCATED and exc.start >= len(data) - 3:
            return data[: exc.start].decode(codec), True
        raise


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or -be when the bytes are text in that form (NUL bytes show it), else None."""
    head = data[:4096]
    head = head[: len(head) - len(head) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a character cut at the end of the head is fine
                continue
            text = head[: exc.start].decode(codec)
        if text and sum(_is_plain_text_char(ch) for ch in text) >= 0.95 * len(text):
            return codec
    return None


def _is_plain_text_char(ch: str) -> bool:
    """ASCII text, Chinese characters and punctuation: what a Chinese text file holds."""
    return ((" " <= ch <= "~") or ch in "\t\n\r" or "\u3400" <= ch <= "\u9fff"
            or bool(_CJK_PUNCTUATION.match(ch)))


@lru_cache(maxsize=1)
def _word_frequencies() -> dict[str, int]:
    """Characters and two-character words with their counts, from jieba's dictionary
    (read directly: 0.2 s, where building jieba's own prefix dictionary takes 2 s)."""
    import jieba

    with jieba.get_dict_file() as fh:
        text = fh.read().decode("utf-8")
    return {word: int(count) for word, count in re.findall(r"^(\S{1,2}) (\d+)", text, re.M)}


def chinese_likelihood(text: str) -> float:
    """How much the text reads as common Chinese: the mean log frequency (in jieba's
    dictionary) of its characters and of its two-character words, Traditional read as
    Simplified. A misread encoding gives rare characters, kana or symbols, which score 0."""
    from .normalize import _t2s

    freq = _word_frequencies()
    text = _t2s().convert(text[:2000])
    chars = [ch for ch in text if ch > "\x7f" and not ch.isspace() and not _CJK_PUNCTUATION.match(ch)]
    if not chars:
        return 0.0
    score = sum(math.log1p(freq.get(ch, 0)) for ch in chars)
    score += sum(math.log1p(freq.get(a + b, 0)) for a, b in zip(text, text[1:]))
    return score / len(chars)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises UnicodeDecodeError when nothing fits.

    A file cut inside its last character keeps what is there, and the encoding name
    says "(truncated)"."""
    def named(text_and_cut: tuple[str, bool], name: str) -> tuple[str, str]:
        text, cut = text_and_cut
        return text, f"{name} (truncated)" if cut else name

    for bom, name in BOMS:
        if data.startswith(bom):
            return named(_decode_whole(data, name), name)
    if b"\x00" in data[:4096]:
        codec = _utf16_without_bom(data)
        if codec:
            return named(_decode_whole(data, codec), codec)
    try:
        return named(_decode_whole(data, "utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    readings = []
    for codec in _LEGACY_CHINESE:
        try:
            readings.append((named(_decode_whole(data, codec), codec)))
        except UnicodeDecodeError:
            pass
    if len(readings) == 1:
        return readings[0]
    if readings:
        return max(readings, key=lambda r: chinese_likelihood(r[0]))
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_CHINESE).best()
    if best is None:
        raise utf8_error
    return str(best), best.encoding


def sniff_binary(data: bytes) -> str | None:
    """The name of a binary format the bytes are in, or None for text."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None
    if b"\x00" in head:
        # NULs without a BOM: text only when it reads as UTF-16 text
        return None if _utf16_without_bom(data) else "binary data"
    return None


_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template"]
_CHROME_ATTR = re.compile(r"\b(nav|menu|footer|header|breadcrumb|share|related|sidebar|"
                          r"comment|copyright|toolbar|advert|ads?|recommend|topbar)\b", re.I)


class _FlatText(HTMLParser):
    """Text of a page without building a tree: for pages nested deeper than lxml reads."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
             "section", "article", "table", "ul", "ol", "blockquote", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        self.in_title = self.in_title or tag == "title"
        if tag in self.SKIP and tag != "head":
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP and tag != "head":
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def flat_html_text(html: str) -> tuple[str, str]:
    """(text, title) of a page read as a flat run of tags: one block element a line."""
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), " ".join("".join(parser.title).split())


def html_to_text(html: str, warn=None) -> tuple[str, str, str]:
    """HTML -> (main text, title, date). Script, style and navigation never come through.
    `warn(message)` hears when the page had to be read without its structure."""
    import lxml.html
    import trafilatura

    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except Exception:  # lxml raises several types on empty or odd documents
        tree = None
    if tree is None or any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # lxml stops at 256 levels and drops what is deeper: read the page flat instead
        text, title = flat_html_text(html)
        if tree is not None and warn:
            warn("HTML nested deeper than the parser reads: text taken without the page structure")
        return text, title, ""
    title = ""
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text:
        title = title_el.text.strip()
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                el.drop_tree()
            continue
        attrs = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
        if el.tag in _DROP_TAGS or (attrs and _CHROME_ATTR.search(attrs) and el.tag != "body"):
            if el.getparent() is not None:
                el.drop_tree()
    article = tree.find(".//article")
    root = article if article is not None else tree
    cleaned = lxml.html.tostring(root, encoding="unicode")
    doc = trafilatura.bare_extraction(cleaned, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True)
    text = doc.text if doc is not None and doc.text else ""
    date = (doc.date or "") if doc is not None else ""
    if doc is not None and doc.title:
        title = doc.title
    if not text.strip():
        # trafilatura found no article: fall back to the text of block elements
        blocks = [" ".join(el.text_content().split()) for el in root.iter("p", "h1", "h2", "h3", "li", "td", "div")
                  if not any(c.tag in ("p", "div") for c in el)]
        text = "\n".join(b for b in blocks if b)
    return text, title, date


FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket",
              stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


def read_report(path: str | Path, root: str | Path | None = None) -> Report:
    """Read one file into a Report. Never raises for bad input: see status and error."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    report = Report(doc_id=doc_id_for(path, root), path=str(path))
    try:
        return _read_into(report, path)
    except Exception as exc:  # a file no rule foresaw must not stop the batch
        report.status, report.error = "error", f"cannot read file: {type(exc).__name__}: {exc}"
        report.raw_text = ""
        return report


def _read_into(report: Report, path: Path) -> Report:
    suffix = path.suffix.lower()
    try:
        info, stat_error = os.stat(path), None
    except OSError as exc:
        info, stat_error = None, exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        # never opened: a named pipe would block the run, a device never end
        report.status, report.error = _not_a_regular_file(path, info)
        return report
    if suffix not in SUPPORTED_SUFFIXES:
        report.status, report.error = "skipped", f"unsupported file type {suffix or '(none)'!r}"
        return report
    if stat_error is not None:
        report.status, report.error = "error", _cannot_read(path, stat_error)
        return report
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.status, report.error = "error", _cannot_read(path, exc)
        return report
    if not data.strip():
        report.status, report.error = "empty", "file is empty" if not data else "file holds only whitespace"
        return report
    binary = sniff_binary(data)
    if binary:
        report.status, report.error = "skipped", f"not a text file: {binary}"
        return report
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        report.status, report.error = "error", f"cannot decode text: {exc.reason} at byte {exc.start}"
        return report
    report.encoding = encoding
    if encoding.endswith("(truncated)"):
        report.warn("the file ends inside a character: it was cut short")
    if not text.strip():  # what bytes.strip() does not see: 　 (U+3000) and other spaces
        report.status, report.error = "empty", "file holds only whitespace"
        return report
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        text, report.title, report.date = html_to_text(text, warn=report.warn)
    if not text.strip():
        report.status, report.error = "empty", "no text found in the page"
        return report
    report.raw_text = text
    return report


def _not_a_regular_file(path: Path, info: os.stat_result) -> tuple[str, str]:
    """(status, reason) for a folder, pipe, socket or device met among the input files."""
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return "error", f"cannot read folder: {exc.strerror or exc}"
        if path.is_symlink():
            return "skipped", "symbolic link to a folder already read (a loop): not read again"
        return "skipped", "a folder, not a file"
    return "skipped", f"not a regular file: {FILE_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')}"


def _cannot_read(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read file: symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"cannot read file: broken symbolic link (to {os.readlink(path)})"
    return f"cannot read file: {exc.strerror or exc}"


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def iter_input_files(input_dir: str | Path, exclude: str | Path | None = None):
    """Every entry under the folder that is not a folder walked, sorted within each folder.

    Files of any type are yielded, so that each is accounted for in reports.csv, and so
    are the folders that are not walked: a symbolic link back to a folder already walked
    (a loop), and a folder that cannot be listed. The folder `exclude` (the output
    folder, when it lies inside the input) is not walked: outputs never become inputs.
    """
    root = Path(input_dir)
    seen_dirs: set[tuple[int, int]] = set()
    if exclude is not None and Path(exclude).is_dir():
        st = os.stat(exclude)
        seen_dirs.add((st.st_dev, st.st_ino))
    unlisted: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=lambda e: unlisted.append(e.filename)):
        for folder in sorted(unlisted):
            if Path(folder) != root:
                yield Path(folder)
        unlisted.clear()
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen_dirs:  # a symlink loop: do not walk it again, but account for it
            dirnames[:] = []
            if not _same_folder(dirpath, exclude):
                yield Path(dirpath)
            continue
        seen_dirs.add(key)
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name
    for folder in sorted(unlisted):
        if Path(folder) != root:
            yield Path(folder)


def _same_folder(a, b) -> bool:
    try:
        return b is not None and os.path.samefile(a, b)
    except OSError:
        return False
