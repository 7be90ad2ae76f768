"""Dates as Chinese pages and tables write them -> ISO `YYYY-MM-DD`. Not a stage: the
readers (a table's date column), the Parquet writer and `load()` all read dates through
this one function; the describe stage finds dates in page text with its own patterns
(boilerplate.yaml) and checks their day with iso_day."""
from __future__ import annotations

import datetime
import re

DATE = re.compile(r"((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def iso_date(text: str) -> str:
    """'2023-03-24 09:54', '2024年1月5日', '2023/10/26' -> 'YYYY-MM-DD'; '' when it is no date."""
    m = DATE.search(text or "")
    return iso_day(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else ""


def iso_day(year: int, month: int, day: int) -> str:
    """'YYYY-MM-DD' of a real day; '' for one the calendar does not have (2023-02-30)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""
