"""Tables inside a document (Word, Markdown) -> lines of text the grammar can read.

A table row such as `法律援助案件 | 42件` is written `法律援助案件42件。`: each figure with
its row's label right before it, as a sentence would have it, so that the counted noun
and the category are found as in prose. Under a header row, the column's heading follows
the figure in brackets (`法律援助案件42件（2023年）。`), where the period words find a
year; a bare number takes the unit its row label or heading gives in brackets
(`帮扶资金（万元） | 186.5` -> `帮扶资金186.5万元。`). A table used for page layout (long
cells of prose) gives each cell's text as paragraphs instead.
"""
from __future__ import annotations

import re

FIGURE = re.compile(r"\d")
YEAR = re.compile(r"(?:19|20)\d\d\s*年?度?")
BARE_NUMBER = re.compile(r"[+-]?\d[\d,，]*(?:\.\d+)?")
ROW_NUMBER = re.compile(r"\d{1,3}[.、]?")
UNIT_IN_BRACKETS = re.compile(r"[（(]\s*(?:单位[:：]\s*)?([^（）()\d]{1,4})\s*[）)]\s*$")
SENTENCE_END = "。！？!?；;，,：:"
PROSE_CELL = 60  # a cell this long, or holding a full stop, is prose: the table is layout


def _clean(cell: str | None) -> str:
    return " ".join(str(cell or "").split())


def _is_figure(cell: str) -> bool:
    return bool(FIGURE.search(cell))


def _is_header(row: list[str], below: list[str] | None) -> bool:
    """A row of headings: no figure in it but years, and figures in the row below."""
    return (below is not None and not any(_is_figure(YEAR.sub("", c)) for c in row)
            and any(_is_figure(YEAR.sub("", c)) for c in below))


def _unit(*labels: str) -> str:
    for label in labels:
        m = UNIT_IN_BRACKETS.search(label)
        if m:
            return m.group(1)
    return ""


def _without_unit(label: str) -> str:
    return UNIT_IN_BRACKETS.sub("", label).rstrip()


def row_sentence(row: list[str], header: list[str] | None) -> str:
    """One table row as one sentence: `label figure（heading）；…。`."""
    header = header or [""] * len(row)
    cells = [(c, header[i] if i < len(header) else "") for i, c in enumerate(row) if c]
    if cells and len(cells) > 1 and ROW_NUMBER.fullmatch(cells[0][0]):
        cells = cells[1:]  # a row number (1, 2., 3、) in front of the label
    label_cells = [c for c, _ in cells if not _is_figure(c)]
    figures = [(c, h) for c, h in cells if _is_figure(c)]
    label = "".join(_without_unit(c).rstrip(SENTENCE_END) for c in label_cells)
    if not figures:
        return "，".join(c.rstrip(SENTENCE_END) for c, _ in cells) + "。" if cells else ""
    clauses = []
    for cell, heading in figures:
        figure = cell.rstrip(SENTENCE_END)
        if BARE_NUMBER.fullmatch(figure):
            figure += _unit(heading, *label_cells)
        heading = _without_unit(heading)
        if heading and YEAR.fullmatch(heading):  # a year heads the clause, as in prose
            clauses.append(f"{heading}{label}{figure}")
        elif heading and len(figures) > 1:  # what tells the figures of the row apart
            clauses.append(f"{label}{figure}（{heading}）")
        else:
            clauses.append(f"{label}{figure}")
    return "；".join(clauses) + "。"


def table_lines(rows: list[list[str]]) -> list[str]:
    """The lines of a table given as rows of cell texts (merged cells already counted once)."""
    rows = [[_clean(c) for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    if any(len(c) > PROSE_CELL or "。" in c for row in rows for c in row):
        return [c for row in rows for c in row if c]  # a layout table: its cells are prose
    lines, header = [], None
    for i, row in enumerate(rows):
        if _is_header(row, rows[i + 1] if i + 1 < len(rows) else None):
            header = row  # headings of the rows below, up to the next row of headings
            continue
        line = row_sentence(row, header)
        if line:
            lines.append(line)
    return lines
