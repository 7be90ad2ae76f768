"""OCR of the pages of a PDF that have no text layer (scans), with Tesseract through
pytesseract, when the `tesseract` program and its Simplified Chinese data are installed
(Debian: `apt-get install tesseract-ocr tesseract-ocr-chi-sim`).

Each page is rendered at 300 dpi (pypdfium2, through pdfplumber) and read by Tesseract;
its lines, with their places on the page, go through the same paragraph joining as a
text layer's (pdf.py). A report read this way says so in its warnings: OCR misreads
figures now and then.
"""
from __future__ import annotations

import shutil
from functools import lru_cache

from .document import Unreadable
from .lines import Line, clean_ocr_line

LANGUAGE = "chi_sim"
DPI = 300
INSTALL = "install tesseract-ocr and tesseract-ocr-chi-sim to read it"


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if shutil.which("tesseract") is None:
        return INSTALL
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except Exception as exc:  # a tesseract that does not run
        return f"tesseract does not run ({type(exc).__name__}: {exc}); {INSTALL}"
    if LANGUAGE not in languages:
        return "Tesseract has no Simplified Chinese data: install tesseract-ocr-chi-sim to read it"
    return None


def page_lines(page):
    """The lines Tesseract reads on a pdfplumber page, in the page's coordinates."""
    import pytesseract

    image = page.to_image(resolution=DPI).original
    data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT)
    scale = 72 / DPI
    grouped: dict[tuple, list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            grouped.setdefault(key, []).append(i)
    lines = []
    for indices in grouped.values():
        text = clean_ocr_line(" ".join(data["text"][i] for i in indices))
        if text:
            lines.append(Line(text, min(data["left"][i] for i in indices) * scale,
                              max(data["left"][i] + data["width"][i] for i in indices) * scale,
                              min(data["top"][i] for i in indices) * scale,
                              max(data["top"][i] + data["height"][i] for i in indices) * scale))
    return sorted(lines, key=lambda line: (line.top, line.x0))


def read_scanned(pdf, blank: list[int], pages: list, warnings: list[str], every_page: bool) -> None:
    """Fill pages[i] for each page i in `blank` (no text layer) by OCR, or say why not."""
    reason = unavailable()
    numbers = ", ".join(str(i + 1) for i in blank)
    if reason is not None:
        if every_page:
            raise Unreadable("skipped", f"scanned PDF: no text layer ({reason})")
        warnings.append(f"page(s) {numbers} have no text layer and were not read ({reason})")
        return
    for i in blank:
        pages[i] = page_lines(pdf.pages[i])
    warnings.append(f"text of page(s) {numbers} read by OCR (Tesseract): figures may be misread")
