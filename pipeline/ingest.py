"""Stage 1, ingest: a file on disk -> a Report with its raw text and source metadata.

Decoding uses charset-normalizer (never a hand-made guess); HTML goes through lxml
(to drop script, style and navigation) and trafilatura (to find the article).
Nothing here raises for bad input: the report's status and error say what happened.
"""
from __future__ import annotations

import codecs
import re
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
# Encodings tried by charset-normalizer when the bytes are not UTF-8: the ones
# Chinese articles come in. Limiting the candidates makes short files decode right.
CJK_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be"]


def doc_id_for(path: Path, root: Path) -> str:
    """The file's path relative to the input folder, without its extension, POSIX style."""
    rel = PurePosixPath(*path.relative_to(root).parts)
    return str(rel.with_suffix("")) if rel.suffix else str(rel)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises UnicodeDecodeError when nothing fits."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    # UTF-16 without a BOM has NUL bytes in any Chinese text; without them a short
    # GBK file can pass for UTF-16-BE, so those candidates need the NULs.
    candidates = CJK_ENCODINGS if b"\x00" in data else [e for e in CJK_ENCODINGS if not e.startswith("utf_16")]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        # a file cut in the middle of a UTF-8 character: keep what is there
        if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
            return data[: utf8_error.start].decode("utf-8"), "utf-8 (truncated)"
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
        # NULs without a BOM: UTF-16 without BOM has them every other byte
        even, odd = head[0::2], head[1::2]
        if even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4:
            return None
        return "binary data"
    return None


_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template"]
_CHROME_ATTR = re.compile(r"\b(nav|menu|footer|header|breadcrumb|share|related|sidebar|"
                          r"comment|copyright|toolbar|advert|ads?|recommend|topbar)\b", re.I)


def html_to_text(html: str) -> tuple[str, str, str]:
    """HTML -> (main text, title, date). Script, style and navigation never come through."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on empty or odd documents
        return "", "", ""
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


def read_report(path: str | Path, root: str | Path | None = None) -> Report:
    """Read one file into a Report. Never raises for bad input: see status and error."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    report = Report(doc_id=doc_id_for(path, root), path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        report.status, report.error = "skipped", f"unsupported file type {suffix or '(none)'!r}"
        return report
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        report.status, report.error = "skipped", "a folder, not a file"
        return report
    except OSError as exc:
        report.status, report.error = "error", f"cannot read file: {exc.strerror or exc}"
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
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        text, report.title, report.date = html_to_text(text)
    if not text.strip():
        report.status, report.error = "empty", "no text found in the file"
        return report
    report.raw_text = text
    return report


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def iter_input_files(input_dir: str | Path):
    """Every file under the folder, sorted, following no symbolic link out of a loop.

    Files of any type are yielded, so that each is accounted for in reports.csv.
    """
    import os

    root = Path(input_dir)
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen_dirs:  # a symlink loop: do not walk it again
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name
