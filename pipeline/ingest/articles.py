"""Reader of tables of articles, as scrapers export them: CSV or TSV, Excel (.xlsx) and
JSON Lines (or a JSON array of objects), one article a row.

The article's text is the column named `text`, `content`, `正文` or `内容` (or the one
`--text-column` names; names are matched ignoring case and spaces). Each row is one
report, `<file>/<key>`: the key is the row's `id` (also `doc_id`, `article_id`, `编号`)
when every row has a distinct one without a slash, else its number among the rows,
from 1. The `title`, `date`, `url` and `source` columns (and their Chinese names) are
the reader's fields. A text that holds HTML is reduced to its article as a page is.
A table without a text column is skipped, its columns named.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys

from ..dates import iso_date
from .decode import decode_text
from .document import Document, Unreadable
from .html import page_document

TEXT_COLUMNS = ("text", "content", "正文", "内容")
ID_COLUMNS = ("id", "doc_id", "article_id", "编号")
FIELD_COLUMNS = {
    "title": ("title", "标题", "题目"),
    "date": ("date", "日期", "发布日期", "发布时间", "时间", "pubdate", "publish_date", "published"),
    "url": ("url", "link", "链接", "网址"),
    "source": ("source", "来源", "媒体"),
    "sitename": ("sitename", "site", "网站"),
}
HTML_TAG = re.compile(r"</?(?:p|div|br|span|table|article|section)\b", re.IGNORECASE)


def _key(name) -> str:
    return "".join(str(name or "").split()).lower()


def _find(header: list[str], names) -> int | None:
    keys = [_key(h) for h in header]
    for name in names:
        if _key(name) in keys:
            return keys.index(_key(name))
    return None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _keys(rows: list[list[str]], column: int | None) -> list[str]:
    numbers = [str(n) for n in range(1, len(rows) + 1)]
    if column is None:
        return numbers
    ids = [row[column].strip() if column < len(row) else "" for row in rows]
    if all(ids) and len(set(ids)) == len(ids) and not any(c in i for i in ids for c in "/\\"):
        return ids
    return numbers


def documents(header: list[str], rows: list[list[str]], context) -> list[Document]:
    """One Document per row of a table with this header."""
    wanted = getattr(context.settings, "text_column", None)
    text_at = _find(header, [wanted] if wanted else TEXT_COLUMNS)
    if text_at is None:
        expected = repr(wanted) if wanted else ", ".join(TEXT_COLUMNS) + " (or name it with --text-column)"
        columns = ", ".join(h for h in header if h) or "none"
        raise Unreadable("skipped", f"not a table of articles: no text column {expected}; its columns: {columns}")
    fields_at = {field: _find(header, names) for field, names in FIELD_COLUMNS.items()}
    found = []
    for row, key in zip(rows, _keys(rows, _find(header, ID_COLUMNS))):
        get = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
        fields = {field: get(i) for field, i in fields_at.items() if get(i)}
        if "date" in fields:
            fields["date"] = iso_date(fields["date"])
        fields = {k: v for k, v in fields.items() if v}
        doc = Document(get(text_at), key=key)
        if HTML_TAG.search(doc.text):
            try:
                doc = page_document(doc, context)
            except Unreadable:  # a page without an article: an empty report
                doc.text = ""
        doc.fields.update(fields)  # the table's columns before what the page says
        found.append(doc)
    return found


def read_csv(data: bytes, context) -> list[Document]:
    doc = decode_text(data)
    text = doc.text
    if context.path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than 128 KB at times
    table = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(row)]
    if not table:
        raise Unreadable("empty", "the table has no rows")
    found = documents(table[0], table[1:], context)
    for d in found:
        d.encoding = doc.encoding
    return found


def read_xlsx(data: bytes, context) -> list[Document]:
    """Every sheet that has a text column; with several, keys are `<sheet>/<key>`."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip and XML errors of a broken file
        raise Unreadable("error", f"cannot read Excel workbook: {type(exc).__name__}: {exc}") from None
    sheets = []
    try:
        for sheet in book.worksheets:
            table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            table = [row for row in table if any(c.strip() for c in row)]
            if table:
                sheets.append((sheet.title, table))
    finally:
        book.close()
    if not sheets:
        raise Unreadable("empty", "the workbook has no rows")
    found, reasons = [], []
    for title, table in sheets:
        try:
            docs = documents(table[0], table[1:], context)
        except Unreadable as exc:
            reasons.append(exc)
            continue
        for d in docs:
            d.key = f"{title}/{d.key}" if len(sheets) > 1 else d.key
        found.extend(docs)
    if not found and reasons:
        raise reasons[0]
    return found


def _records(text: str) -> list[dict]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise Unreadable("error", f"cannot read JSON: {exc.msg} at line {exc.lineno}") from None
        return [r for r in records if isinstance(r, dict)]
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Unreadable("error", f"cannot read JSON Lines: line {n}: {exc.msg}") from None
        if isinstance(record, dict):
            records.append(record)
    return records


def read_jsonl(data: bytes, context) -> list[Document]:
    doc = decode_text(data)
    records = _records(doc.text)
    if not records:
        raise Unreadable("skipped", "not a table of articles: no JSON object in the file")
    header = list(dict.fromkeys(k for r in records for k in r))
    rows = [[_cell(r.get(k)) for k in header] for r in records]
    found = documents(header, rows, context)
    for d in found:
        d.encoding = doc.encoding
    return found
