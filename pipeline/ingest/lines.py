"""A line of text on a page, with its place (in points from the page's top left): what
the PDF reader's text layer and OCR both give, and the paragraph joining reads."""
from __future__ import annotations

import re
from dataclasses import dataclass

_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026]"
# OCR puts a space between every two characters it reads: none belongs beside Chinese
OCR_SPACE = re.compile(rf"(?<={_WIDE})\s+|\s+(?={_WIDE})")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def clean_line(text: str) -> str:
    """A text layer's line, spaces collapsed (the layout's gaps are not spaces: pdf.py)."""
    return " ".join(text.split())


def clean_ocr_line(text: str) -> str:
    """An OCR line: spaces collapsed, none beside Chinese characters or marks."""
    return OCR_SPACE.sub("", " ".join(text.split()))
