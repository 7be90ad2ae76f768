"""Reviewing a run by eye and turning it into gold.

    python -m pipeline review OUT_DIR [--gold GOLD_DIR]    # OUT_DIR/review/index.html
    python -m pipeline gold-draft OUT_DIR DEST             # DEST/<doc>.jsonl to correct

`build_site` writes a static site, self-contained and offline (every page carries its own
styles, scripts and data; it opens from `file://`): an index of the run's reports and one
page per report with its normalized text, each indicator highlighted in its category's
colour (`lexicons/categories.yaml`) as an element with `data-indicator-id`, its fields
shown on hover or click, and a side table to filter. Given gold, the misses and extras
are marked. `write_gold_draft` writes the run's indicators in the format `eval` reads
(docs/annotation.md), for a researcher to correct.

Modules: `run_data` reads a run and compares it with gold, `pages` writes the HTML,
`gold_draft` the drafts, `fonts` finds a CJK font for the notebook's plots, `browser`
drives the system's headless Chromium (tests and screenshots), `docs_images` regenerates
the pictures in docs/.
"""
from __future__ import annotations

from .gold_draft import write_gold_draft
from .pages import build_site

__all__ = ["build_site", "write_gold_draft"]
