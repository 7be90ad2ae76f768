"""What a reader gives for one article of a file, and how it says a file cannot be read."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    text: str
    fields: dict[str, str] = field(default_factory=dict)  # title, date, sitename, url …
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    key: str | None = None  # the article's id within a file of several (a table's row)
    page_starts: list[int] = field(default_factory=list)  # where each page begins in text (PDF)


class Unreadable(Exception):
    """The file gives no article: `status` (skipped, empty or error) and the reason."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason
