"""Reader of plain-text files (.txt): bytes decoded (see decode.py), a page saved as
.txt read as the HTML it is."""
from __future__ import annotations

from .decode import decode_text, looks_like_html
from .document import Document
from .html import page_document


def read_text(data: bytes, context) -> Document:
    doc = decode_text(data)
    if looks_like_html(doc.text):
        return page_document(doc, context)
    return doc
