"""`python -m pipeline show FILE`: one article as the pipeline reads it, for checking by eye.

The report's metadata first, then the normalized text paragraph by paragraph, every
indicator highlighted (ANSI colour by category on a terminal, [[...]] otherwise) and
numbered, and under each paragraph one line per indicator with its fields.
"""
from __future__ import annotations

from pathlib import Path

from .errors import InputNotFound, UsageError
from .pipeline import get_pipeline
from .report import Indicator, Report
from .settings import Settings
from .tables import format_value

# ANSI colours for the categories, in the lexicon's order; bold and underlined on top.
_PALETTE = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96, 37, 90]
FIELDS = ["value", "value_high", "unit", "dimension", "qualifier", "basis", "category",
          "counted", "action", "period"]


def highlight(text: str, number: int, category: str, colors: dict[str, int] | None) -> str:
    """The mention marked: in its category's ANSI colour, or [[…]] when `colors` is None."""
    if colors is None:
        return f"[[{text}]]{_superscript(number)}"
    return f"\033[1;4;{colors.get(category, 37)}m{text}\033[0m{_superscript(number)}"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def field_line(number: int, ind: Indicator) -> str:
    values = [f"{name}={format_value(getattr(ind, name))}" for name in FIELDS
              if format_value(getattr(ind, name)) != ""]
    return f"  {number:>3}. {ind.mention}  " + " ".join(values)


def paragraphs(report: Report) -> list[tuple[int, int]]:
    """(start, end) of each line of the normalized text."""
    spans, start = [], 0
    for line in report.text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def format_report(report: Report, color: bool = False, categories: tuple[str, ...] = ()) -> str:
    head = [f"{report.doc_id}  ({report.path or 'text'})", f"status: {report.status}"]
    if report.error:
        head.append(f"error: {report.error}")
    for name in ("title", "date", "source", "region", "issuer", "year", "encoding"):
        value = getattr(report, name)
        if value not in ("", None):
            head.append(f"{name}: {value}")
    head.append(f"indicators: {len(report.indicators)}")
    if report.warnings:
        head.append("warnings: " + "; ".join(report.warnings))
    lines = head + [""]
    colors = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(categories)} if color else None
    indicators = sorted(report.indicators, key=lambda i: i.start)
    numbers = {id(ind): n for n, ind in enumerate(indicators, 1)}
    for start, end in paragraphs(report):
        inside = [i for i in indicators if start <= i.start < end]
        out, pos = [], start
        for ind in inside:
            out.append(report.text[pos:ind.start])
            out.append(highlight(report.text[ind.start:ind.end], numbers[id(ind)], ind.category, colors))
            pos = ind.end
        out.append(report.text[pos:end])
        lines.append("".join(out))
        lines.extend(field_line(numbers[id(ind)], ind) for ind in inside)
    return "\n".join(lines).rstrip() + "\n"


def render(file: str | Path, lexicons=None, segmenter: str = "jieba", color: bool = False,
           text_column: str | None = None, **segmenter_options) -> str:
    """The reports of one file (one, or one per row of a table), processed by the
    pipeline, as text for a terminal."""
    path = Path(file)
    if not path.exists():
        raise InputNotFound(f"file not found: {path}")
    if path.is_dir():
        from .ingest import READERS

        suffixes = " ".join(s for name in READERS.names() for s in READERS.get(name).suffixes)
        raise UsageError(f"{path} is a folder: show takes one file, an article or a table of "
                         f"articles ({suffixes}); to process a folder: python -m pipeline run "
                         f"FOLDER -o OUT")
    settings = Settings.from_options(lexicons=str(lexicons) if lexicons else None, segmenter=segmenter,
                                     segmenter_options=segmenter_options, text_column=text_column)
    nlp = get_pipeline(settings)
    reports = nlp.process_path(path, path.parent)
    return "\n".join(format_report(r, color=color, categories=nlp.lexicon.categories.names)
                     for r in reports)
