"""Bytes -> text, for the readers of text formats.

A BOM, else UTF-16 when NUL bytes say so, else UTF-8, else GB18030 or Big5. The same
bytes often decode in both of those; the reading kept is the one that is more common
Chinese by jieba's dictionary (charset-normalizer, used for what neither decodes,
misreads short files). `sniff_binary` names the binary format of bytes that are not text.
"""
from __future__ import annotations

import codecs
import math
import re

from ..chinese import common_word_frequencies, t2s
from .document import Document, Unreadable

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


def _head_text(head: bytes, codec: str) -> str | None:
    """The head of a file decoded, a character cut at its end left out; None when it does
    not decode."""
    try:
        return head.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a character cut at the end of the head is fine
            return None
        return head[: exc.start].decode(codec)


def _mostly_plain(text: str, share: float) -> bool:
    return bool(text) and sum(_is_plain_text_char(ch) for ch in text) >= share * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or -be when the bytes are text in that form (NUL bytes show it), else None."""
    head = data[:4096]
    head = head[: len(head) - len(head) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        text = _head_text(head, codec)
        if text is not None and _mostly_plain(text, 0.95):
            return codec
    return None


def _is_plain_text_char(ch: str) -> bool:
    """ASCII text, Chinese characters and punctuation: what a Chinese text file holds."""
    return ((" " <= ch <= "~") or ch in "\t\n\r" or "\u3400" <= ch <= "\u9fff"
            or bool(_CJK_PUNCTUATION.match(ch)))


def chinese_likelihood(text: str) -> float:
    """How much the text reads as common Chinese: the mean log frequency (in jieba's
    dictionary) of its characters and of its two-character words, Traditional read as
    Simplified. A misread encoding gives rare characters, kana or symbols, which score 0."""
    freq = common_word_frequencies()
    text = t2s().convert(text[:2000])
    chars = [ch for ch in text if ch > "\x7f" and not ch.isspace() and not _CJK_PUNCTUATION.match(ch)]
    if not chars:
        return 0.0
    score = sum(math.log1p(freq.get(ch, 0)) for ch in chars)
    score += sum(math.log1p(freq.get(a + b, 0)) for a, b in zip(text, text[1:]))
    return score / len(chars)


def _named(text_and_cut: tuple[str, bool], name: str) -> tuple[str, str]:
    text, cut = text_and_cut
    return text, f"{name} (truncated)" if cut else name


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises UnicodeDecodeError when nothing fits.

    A file cut inside its last character keeps what is there, and the encoding name
    says "(truncated)"."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return _named(_decode_whole(data, name), name)
    if b"\x00" in data[:4096]:
        codec = _utf16_without_bom(data)
        if codec:
            return _named(_decode_whole(data, codec), codec)
    try:
        return _named(_decode_whole(data, "utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    readings = []
    for codec in _LEGACY_CHINESE:
        try:
            readings.append(_named(_decode_whole(data, codec), codec))
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
        # NULs without a BOM: text when it reads as UTF-16 text, or when a few NULs sit in
        # what reads as text otherwise (a damaged or padded file: they are removed)
        if _utf16_without_bom(data):
            return None
        if not _reads_as_text(head.replace(b"\x00", b"")):
            return "binary data"
    return None


def _reads_as_text(head: bytes) -> bool:
    """Bytes (the head of a file) that decode as UTF-8, GB18030 or Big5 into plain text."""
    for codec in ("utf-8", "gb18030", "big5"):
        text = _head_text(head, codec)
        if text is not None:  # the first codec that decodes it decides
            return _mostly_plain(text, 0.9)
    return False


def strip_nul_bytes(data: bytes) -> tuple[bytes, int]:
    """The bytes without their NULs, and how many there were, unless the NULs are part of
    the encoding (UTF-16 or UTF-32, with or without a BOM)."""
    wide = any(data.startswith(bom) for bom, name in BOMS if name != "utf-8-sig")
    if b"\x00" not in data or wide or _utf16_without_bom(data):
        return data, 0
    return data.replace(b"\x00", b""), data.count(0)


def decode_text(data: bytes) -> Document:
    """The decoded text of a text file, or Unreadable (status error) with the reason."""
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        raise Unreadable("error", f"cannot decode text: {exc.reason} at byte {exc.start}") from None
    doc = Document(text, encoding=encoding)
    if encoding.endswith("(truncated)"):
        doc.warnings.append("the file ends inside a character: it was cut short")
    if not text.strip():  # what bytes.strip() does not see: 　 (U+3000) and other spaces
        raise Unreadable("empty", "file holds only whitespace")
    return doc


def looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")
