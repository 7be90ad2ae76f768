"""Reader of Word documents (.docx), with python-docx: the body's paragraphs and tables in
the order they come, one paragraph a line; each table row a sentence with its label
(cells.py), so that `法律援助案件 | 42件` reads `法律援助案件42件。`. Page headers, footers
and comments are chrome and are not read. The document's title property, when it is
set in Chinese, is the reader's title.
"""
from __future__ import annotations

import io

from ..chinese import CJK
from .cells import table_lines
from .document import Document, Unreadable


def _cell_text(cell) -> str:
    """A cell's text: its paragraphs and the rows of tables nested in it."""
    parts = [p.text for p in cell.paragraphs]
    for table in cell.tables:
        parts.extend(table_lines(_rows(table)))
    return "".join(parts)


def _rows(table) -> list[list[str]]:
    """The rows of a table as texts; a merged cell counts once in its row."""
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        rows.append(cells)
    return rows


def docx_lines(document) -> list[str]:
    """The lines of a python-docx Document: paragraphs, and tables as sentences."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(table_lines(_rows(block)))
        else:
            lines.append(block.text)
    return lines


def docx_document(data: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and package errors alike
        raise Unreadable("error", f"cannot read Word document: {type(exc).__name__}: {exc}") from None
    fields = {}
    title = (document.core_properties.title or "").strip()
    if CJK.search(title):  # not a template's "Word Document"
        fields["title"] = title
    return Document("\n".join(docx_lines(document)), fields=fields)


def read_docx(data: bytes, context) -> Document:
    return docx_document(data)
