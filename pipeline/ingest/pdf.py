"""Reader of PDF files: the text layer, read with pdfplumber (on pdfminer.six), lines
joined back into paragraphs, the page where each page begins kept as an offset.

pdfplumber was chosen by measurement on Chinese PDFs made the ways they are made (Word
or WPS export through LibreOffice, ReportLab with embedded and with unembedded CJK
fonts): it gave back the most text in reading order (`bench/pdf_libraries.py`; the
others put quotation marks set in a second font out of place).

A line of a page is a new paragraph when it is indented, when a gap wider than the
line spacing comes before it, or when the line before it stops short of the right
margin after a full stop (or halfway across); otherwise it continues the line before,
across a page break too. Page numbers and running headers or footers are dropped: of the
first two and last two lines of a page, those in its top or bottom band set apart from
the body by a gap, that hold the page's number and little else or that are short and
repeat on several pages.
Pages without a text layer are read by OCR (ocr.py) when Tesseract is installed; a PDF
without any text layer and no Tesseract is skipped, saying what to install.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..chinese import CJK
from . import ocr
from .document import Document, Unreadable
from .lines import Line, clean_line

BAND = 0.12          # top and bottom share of the page where headers and footers sit
INDENT = 0.8         # ems of indentation that start a paragraph
GAP = 1.25           # line spacings between two lines that start a paragraph
SHORT = 2.0          # ems short of the right margin that end a paragraph after a full stop
HALF = 0.6           # a line that stops before this share of the width ends a paragraph
RUNNING = 25         # characters at most of a running header or footer
SPACE = 0.4          # ems of gap between two characters that make a space
PARAGRAPH_END = "。！？!?；;…"
DIGITS = re.compile(r"\d+")
TITLE_NOISE = re.compile(r"^[\x20-\x7e]*? - |\.(?:docx?|wps|pdf)$", re.IGNORECASE)


@dataclass
class Layout:
    left: float
    right: float
    em: float
    spacing: float

    @classmethod
    def of(cls, pages: list[list[Line]]) -> "Layout":
        lines = [line for page in pages for line in page]
        if not lines:
            return cls(0.0, 0.0, 1.0, 1.0)
        em = median(line.bottom - line.top for line in lines) or 1.0
        # the left margin: the leftmost start that many lines share (in a report of short
        # paragraphs most lines are indented first lines)
        starts = Counter(round(line.x0) for line in lines)
        left = min(x for x, n in starts.items() if n >= max(2, 0.05 * len(lines)) or n == max(starts.values()))
        right = sorted(line.x1 for line in lines)[int(0.9 * (len(lines) - 1))]
        # the line spacing: short steps, not the wider ones between paragraphs
        steps = sorted(b.top - a.top for page in pages for a, b in zip(page, page[1:]) if b.top > a.top)
        return cls(left, right, em, steps[int(0.2 * (len(steps) - 1))] if steps else em * 1.5)


def text_lines(page) -> list[Line]:
    """The lines of a pdfplumber page's text layer, top to bottom. A gap between two
    characters is a space only when wider than SPACE ems (Word sets a quarter em between
    a figure and Chinese: `14 个` would hide the figure); spaces the text holds stay."""
    found = []
    for line in page.extract_text_lines(return_chars=False, x_tolerance_ratio=SPACE):
        text = clean_line(line["text"])
        if text:
            found.append(Line(text, line["x0"], line["x1"], line["top"], line["bottom"]))
    return found


def _in_band(line: Line, height: float) -> bool:
    return line.top < BAND * height or line.bottom > (1 - BAND) * height


def _is_page_number(text: str, number: int, count: int) -> bool:
    """`- 3 -`, `第 3 页 共 9 页`, `3/9`, `Page 3`: the page's number, perhaps the number of
    pages, and little else (a date at the foot of the last page is none)."""
    numbers = [int(n) for n in DIGITS.findall(text)]
    if number not in numbers or any(n > count for n in numbers):
        return False
    rest = DIGITS.sub("", text).replace(" ", "")
    return len(rest) <= 4 or rest.isascii()


def _apart(a: Line, b: Line) -> bool:
    """A blank line's height or more between two lines."""
    gap = max(b.top - a.bottom, a.top - b.bottom)
    return gap > max(a.bottom - a.top, b.bottom - b.top)


def _margin_lines(page: list[Line], height: float) -> list[Line]:
    """The lines that may be a header or footer: at most two at the top of the page and
    two at its foot, in its top or bottom band, set apart from the body by a gap."""
    found = []
    for lines in (page, page[::-1]):
        for i, line in enumerate(lines[:2]):
            after = lines[i + 1] if i + 1 < len(lines) else None
            if not _in_band(line, height) or (after is not None and not _apart(line, after)):
                break
            found.append(line)
    return found


def drop_furniture(pages: list[list[Line]], heights: list[float]) -> tuple[list[list[Line]], int]:
    """Pages without their page numbers and running headers and footers; how many went."""
    margins = [_margin_lines(page, height) for page, height in zip(pages, heights)]
    repeated = Counter()
    for lines in margins:
        repeated.update({DIGITS.sub("#", line.text) for line in lines if len(line.text) <= RUNNING})
    kept, dropped = [], 0
    for number, (page, lines) in enumerate(zip(pages, margins), 1):
        furniture = [line for line in lines if _is_page_number(line.text, number, len(pages))
                     or (len(line.text) <= RUNNING and repeated[DIGITS.sub("#", line.text)] > 1)]
        body = [line for line in page if not any(line is f for f in furniture)]
        dropped += len(page) - len(body)
        kept.append(body)
    return kept, dropped


def starts_paragraph(before: Line, line: Line, layout: Layout, same_page: bool) -> bool:
    em = layout.em
    if line.x0 > layout.left + INDENT * em:
        return True
    if same_page and line.top - before.top > GAP * layout.spacing:
        return True
    if before.x1 < layout.left + HALF * (layout.right - layout.left):
        return True
    return before.x1 < layout.right - SHORT * em and before.text[-1] in PARAGRAPH_END


def _joiner(a: str, b: str) -> str:
    return " " if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha() else ""


def assemble(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """The text of the pages, one paragraph a line, and the offset where each page begins."""
    layout = Layout.of(pages)
    paragraphs: list[str] = []
    marks: list[tuple[int, int]] = []  # (paragraph, offset in it) where each page begins
    before: Line | None = None
    for page in pages:
        pending = True  # this page's start is the first line of it that comes
        for i, line in enumerate(page):
            if before is None or starts_paragraph(before, line, layout, same_page=i > 0):
                paragraphs.append(line.text)
                at = (len(paragraphs) - 1, 0)
            else:
                joiner = _joiner(paragraphs[-1], line.text)
                at = (len(paragraphs) - 1, len(paragraphs[-1]) + len(joiner))
                paragraphs[-1] += joiner + line.text
            if pending:
                marks.append(at)
                pending = False
            before = line
        if pending:
            marks.append((len(paragraphs), 0))  # an empty page begins where the next does
    offsets, total = [], 0
    for p in paragraphs:
        offsets.append(total)
        total += len(p) + 1
    offsets.append(total)
    starts = [min(offsets[i] + at, max(total - 1, 0)) for i, at in marks]
    return "\n".join(paragraphs), starts


def _title(metadata: dict) -> str:
    title = str(metadata.get("Title") or "").strip()
    title = TITLE_NOISE.sub("", title).strip()
    return title if CJK.search(title) else ""


def _read_pages(pdf, warnings: list[str]) -> tuple[list[list[Line]], list[float], list[int]]:
    """The lines of each page's text layer, the pages' heights, and the pages that have
    no text but images (scans). A page that cannot be read is left out, with a warning;
    each page's parsed objects are let go once read (a long PDF would hold them all)."""
    pages, heights, blank, broken = [], [], [], []
    for i, page in enumerate(pdf.pages):
        try:
            lines = text_lines(page)
            if not lines and page.images:
                blank.append(i)
        except Exception:  # pdfminer raises many types for a broken page
            lines = []
            broken.append(str(i + 1))
        pages.append(lines)
        heights.append(float(page.height))
        page.close()
    if broken:
        warnings.append(f"page(s) {', '.join(broken)} could not be read")
    return pages, heights, blank


def pdf_document(data: bytes) -> Document:
    """The text of a PDF's pages (OCR for pages without a text layer, when it can)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise Unreadable("error", "cannot read PDF: it is protected by a password") from None
    except Exception as exc:  # pdfminer raises many types for a broken file
        raise Unreadable("error", f"cannot read PDF: {type(exc).__name__}: {exc}") from None
    warnings: list[str] = []
    with pdf:
        pages, heights, blank = _read_pages(pdf, warnings)
        if blank:
            ocr.read_scanned(pdf, blank, pages, warnings, every_page=len(blank) == len(pages))
        title = _title(pdf.metadata or {})
    pages, dropped = drop_furniture(pages, heights)
    if dropped:
        warnings.append(f"removed {dropped} page number, header or footer line(s)")
    text, starts = assemble(pages)
    return Document(text, fields={"title": title} if title else {}, warnings=warnings,
                    page_starts=starts)


def read_pdf(data: bytes, context) -> Document:
    return pdf_document(data)
