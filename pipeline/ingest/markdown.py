"""Reader of Markdown files (.md, .markdown), with markdown-it-py: one line per heading,
paragraph, list item or quote, the markup removed (emphasis, links keep their text,
images and code blocks go); tables become sentences as in Word files (cells.py). A YAML
front matter's `title`, `date`, `url` and `source` are the reader's fields.
"""
from __future__ import annotations

import re

from .cells import table_lines
from .decode import decode_text
from .document import Document
from .html import flat_html_text

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FIELDS = {"title": "title", "date": "date", "url": "url", "source": "sitename"}


def _joiner(before: str, after: str) -> str:
    """A line break inside a paragraph: nothing between Chinese, a space between words."""
    return " " if before[-1:].isascii() and after[:1].isascii() and before and after else ""


def inline_text(token) -> str:
    """The plain text of an inline token: its text and code, without markup or images."""
    parts: list[str] = []
    children = token.children or []
    for i, child in enumerate(children):
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            after = next((c.content for c in children[i + 1:] if c.content), "")
            parts.append(_joiner("".join(parts), after))
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, text without it) of a text that may open with YAML front matter."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    fields = {FIELDS[k]: str(v).strip() for k, v in meta.items() if k in FIELDS and v not in (None, "")}
    return fields, text[m.end():]


def markdown_lines(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    lines: list[str] = []
    rows: list[list[str]] | None = None
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            rows = []
        elif token.type == "table_close":
            lines.extend(table_lines(rows or []))
            rows = None
        elif token.type == "tr_open" and rows is not None:
            rows.append([])
        elif token.type == "inline":
            if rows is not None and rows:
                rows[-1].append(inline_text(token))
            else:
                lines.append(inline_text(token))
        elif token.type == "html_block":
            lines.append(flat_html_text(token.content)[0])
    return lines


def read_markdown(data: bytes, context) -> Document:
    doc = decode_text(data)
    fields, body = front_matter(doc.text)
    doc.fields.update(fields)
    doc.text = "\n".join(markdown_lines(body))
    return doc
