"""The review site of a run: OUT_DIR/review/index.html and one page per report under
OUT_DIR/review/reports/, each page self-contained (its styles, scripts and data inline).

A report page is the normalized text with every indicator as a
`<mark data-indicator-id="…">` in its category's colour (the palette of the lexicons the
run used), then its data as JSON for the card and the side table (assets/report.js).
Given gold, each indicator is `matched` or `extra` (`eval`'s matching), matched ones whose
fields differ carry the gold's values, and the gold rows not found are marked in the text
where their mention can be located (elements with `data-gold-row`, never
`data-indicator-id`) and listed in the side table either way.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..files import atomic_write, safe_path
from ..lexicon import load as load_lexicon
from ..lexicon.sections import DEFAULT_COLORS
from .run_data import ReportView, category_order, run_info, views

ITEM_FIELDS = ["type", "indicator_id", "mention", "value", "value_high", "unit", "dimension", "currency",
               "qualifier", "basis", "category", "color", "category_confidence", "kind", "year", "counted",
               "action", "period", "part_of", "repeat_of", "sentence_id", "page", "gold", "wrong",
               "gold_row", "near"]
INDEX_FIELDS = ["doc_id", "href", "status", "error", "title", "date", "region", "issuer", "year",
                "n_indicators", "warnings", "duplicate_of", "matched", "missed", "extra"]
COL = {name: i for i, name in enumerate(ITEM_FIELDS)}
NOT_FROM_GOLD = frozenset({"indicator_id", "color", "gold", "wrong", "gold_row", "near"})
NO_KIND = "-"
NONE = "(none)"


@lru_cache(maxsize=None)  # the same few files in every page of a site
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def palette(out_dir: Path, lexicons=None) -> tuple[list[str], dict[str, str]]:
    """The run's categories in order, and a colour for each: the palette of the lexicons
    given, else of those the run used (run.json), else of the project's."""
    folder = lexicons
    if folder is None:  # the run's own lexicons, while they are still there
        used = run_info(out_dir).get("lexicons")
        folder = used if used and Path(used, "categories.yaml").is_file() else None
    colors = load_lexicon(folder).categories.palette()
    names = category_order(out_dir)
    names += [c for c in colors if c not in names]
    spare = iter(DEFAULT_COLORS * (len(names) // len(DEFAULT_COLORS) + 1))
    return names, {c: colors.get(c) or next(spare) for c in names}


def text_color(background: str) -> str:
    """Black or white, whichever reads better on `background` (#rrggbb)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"


def category_css(names: list[str], colors: dict[str, str]) -> str:
    rules = [f".c{i}{{--c:{colors[c]};--t:{text_color(colors[c])}}}" for i, c in enumerate(names)]
    return "\n".join(rules) + "\n.swatch{background:var(--c)}\n"


def script_json(value) -> str:
    """JSON safe inside <script>: no '<' that could close it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def html_page(title: str, body: str, scripts: list[str], data, style: str = "") -> str:
    js = "\n".join(asset(name) for name in scripts)
    return (f'<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{asset('review.css')}{style}</style>\n</head>\n"
            f'<body>\n{body}\n<script type="application/json" id="data">{script_json(data)}</script>\n'
            f"<script>\n{js}</script>\n</body>\n</html>\n")


@dataclass
class Site:
    """Where the pages go and what the index gathers from them."""
    root: Path
    names: list[str]
    colors: dict[str, str]
    gold: bool
    entries: list[dict] = field(default_factory=list)
    by_category_kind: Counter = field(default_factory=Counter)
    by_year_region: Counter = field(default_factory=Counter)
    written: set = field(default_factory=set)

    def page_path(self, doc_id: str) -> Path:
        return safe_path(self.root / "reports", doc_id, ".html")

    def href(self, doc_id: str, from_page: Path | None = None) -> str:
        """The URL of a report's page from the index, or from another page."""
        target = self.page_path(doc_id).relative_to(self.root).as_posix()
        depth = len(from_page.relative_to(self.root).parts) - 1 if from_page else 0
        return "../" * depth + quote(target)

    def color_index(self, category: str) -> int:
        if category not in self.names:
            self.names.append(category)
            self.colors[category] = DEFAULT_COLORS[len(self.names) % len(DEFAULT_COLORS)]
        return self.names.index(category)


def build_site(out_dir: str | Path, gold_dir: str | Path | None = None, lexicons=None) -> Path:
    """Write OUT_DIR/review/ (index.html and reports/…html) and return index.html's path."""
    out = Path(out_dir)
    names, colors = palette(out, lexicons)
    site = Site(out / "review", names, colors, gold=gold_dir is not None)
    for view in views(out, gold_dir):
        entry = index_entry(view)
        if view.text is not None:
            path = site.page_path(view.doc_id)
            atomic_write(path, report_page(view, site, path), durable=False)
            site.written.add(path)
            entry["href"] = site.href(view.doc_id)
        site.entries.append(entry)
        count_overview(view, site)
    index = site.root / "index.html"
    atomic_write(index, index_page(site, out), durable=False)
    remove_stale_pages(site)
    return index


def remove_stale_pages(site: Site) -> None:
    """Pages of reports no longer in the run."""
    folder = site.root / "reports"
    for path in folder.rglob("*.html") if folder.is_dir() else ():
        if path not in site.written:
            path.unlink()


def index_entry(view: ReportView) -> dict:
    row = view.row
    entry = {name: row.get(name, "") for name in INDEX_FIELDS}
    entry["href"] = ""
    for name in ("year", "n_indicators"):
        entry[name] = int(row[name]) if (row.get(name) or "").isdigit() else ""
    if view.comparison is not None:
        entry.update(view.comparison.counts)
    return entry


def count_overview(view: ReportView, site: Site) -> None:
    for ind in view.indicators:
        site.by_category_kind[(ind["category"], ind.get("kind") or NO_KIND)] += 1
    if view.row.get("status") == "ok":
        province = (view.row.get("region") or "").split("/")[0] or NONE
        site.by_year_region[(view.row.get("year") or NONE, province)] += 1


# ---------------------------------------------------------------- a report's page

def report_items(view: ReportView, site: Site) -> list[list]:
    """The rows of the page's data (ITEM_FIELDS): its indicators, then the gold's misses."""
    comparison = view.comparison
    rows = []
    for ind in view.indicators:
        item = {name: ind.get(name, "") for name in ITEM_FIELDS}
        item.update(type="ind", color=site.color_index(ind["category"]), gold="", wrong={}, gold_row="",
                    near="")
        if comparison is not None:
            item["gold"] = comparison.status.get(ind["indicator_id"], "")
            item["wrong"] = comparison.wrong.get(ind["indicator_id"], {})
        rows.append([item[name] for name in ITEM_FIELDS])
    for miss in comparison.misses if comparison is not None else ():
        item = {name: "" if miss.get(name) is None else miss.get(name) for name in ITEM_FIELDS
                if name not in NOT_FROM_GOLD}
        item.update(type="miss", indicator_id="", color=site.color_index(miss.get("category") or "other"),
                    gold="miss", wrong={}, gold_row=miss["row"], near=miss.get("near") or "")
        rows.append([item[name] for name in ITEM_FIELDS])
    return rows


def marked_text(view: ReportView, rows: list[list]) -> str:
    """The text, HTML-escaped, every indicator and every located miss that overlaps no
    indicator in a <mark>."""
    spans = [(int(ind["start"]), int(ind["end"]), n) for n, ind in enumerate(view.indicators)]
    if view.comparison is not None:
        first = len(view.indicators)
        spans += [(m["start"], m["end"], first + k) for k, m in enumerate(view.comparison.misses)
                  if m["start"] is not None and not m["near"]]
    spans.sort()
    text, out, pos = view.text or "", [], 0
    for start, end, n in spans:
        row = rows[n]
        start = max(start, pos)
        out.append(html.escape(text[pos:start]))
        inner = html.escape(text[start:end]) or "◆"  # overlapping a mark before it
        classes = f"c{row[COL['color']]}"
        if row[COL["type"]] == "miss":
            out.append(f'<mark class="miss {classes}" data-n="{n}" data-gold-row="{row[COL["gold_row"]]}" '
                       f'tabindex="0">{inner}</mark>')
        else:
            flags = {"part": row[COL["part_of"]], "repeat": row[COL["repeat_of"]],
                     "extra": row[COL["gold"]] == "extra", "wrong": row[COL["wrong"]]}
            classes += "".join(f" {name}" for name, on in flags.items() if on)
            ind_id = html.escape(row[COL["indicator_id"]])
            out.append(f'<mark class="i {classes}" data-n="{n}" data-indicator-id="{ind_id}" '
                       f'tabindex="0">{inner}</mark>')
        pos = max(pos, end)
    out.append(html.escape(text[pos:]))
    return "".join(out)


def report_page(view: ReportView, site: Site, path: Path) -> str:
    rows = report_items(view, site)
    data = {"doc_id": view.doc_id, "gold": site.gold, "fields": ITEM_FIELDS, "rows": rows}
    body = (report_header(view, site, path, rows) +
            f'\n<main>\n<article id="text" class="text">{marked_text(view, rows)}</article>\n'
            f"{side_panel(site, rows)}\n</main>\n<div id=\"card\" hidden></div>")
    return html_page(f"{view.row.get('title') or view.doc_id} · review", body, ["table.js", "report.js"],
                     data, category_css(site.names, site.colors))


def _meta(pairs) -> str:
    return '<div class="meta">' + "".join(f"<span>{label} <b>{value}</b></span>" for label, value in pairs
                                          if value not in ("", None)) + "</div>"


def report_header(view: ReportView, site: Site, path: Path, rows: list[list]) -> str:
    row, esc = view.row, html.escape
    back = "../" * (len(path.relative_to(site.root).parts) - 1) + "index.html"
    url = row.get("url") or ""
    duplicate = row.get("duplicate_of") or ""
    pairs = [("report", esc(view.doc_id))]
    pairs += [(name, esc(row.get(name) or "")) for name in ("date", "region", "issuer", "year", "source")]
    pairs += [("url", f'<a href="{esc(url)}">{esc(url)}</a>' if url else ""), ("indicators", len(view.indicators))]
    if duplicate:
        pairs.append(("duplicate of", f'<a href="{esc(site.href(duplicate, path))}">{esc(duplicate)}</a>'))
    if view.comparison is not None:
        counts = view.comparison.counts
        pairs.append(("gold", "{matched} matched, {missed} missed, {extra} extra".format(**counts)))
    warnings = f'<div class="warnings">{esc(row["warnings"])}</div>' if row.get("warnings") else ""
    title = esc(row.get("title") or view.doc_id)
    return (f'<header>\n<a href="{back}">← all reports</a>\n<h1>{title}</h1>\n'
            f"{_meta(pairs)}\n{warnings}\n{legend(site, rows)}\n</header>")


def legend(site: Site, rows: list[list]) -> str:
    counts = Counter(r[COL["category"]] for r in rows if r[COL["type"]] == "ind")
    keys = [f'<span data-category="{html.escape(c)}" title="show only {html.escape(c)}">'
            f'<span class="swatch c{site.names.index(c)}"></span>{html.escape(c)} {counts[c]}</span>'
            for c in site.names if counts[c]]
    keys += ['<span><span class="key part">part</span> part of a whole</span>',
             '<span><span class="key repeat">repeat</span> repeats an earlier figure</span>']
    if site.gold:
        keys += ['<span><span class="key extra">extra</span>+ not in the gold</span>',
                 '<span><span class="key miss">miss</span>− in the gold, not found</span>',
                 '<span><span class="key">≠</span> a field differs from the gold</span>']
    return '<div class="legend">' + "".join(keys) + "</div>"


def side_panel(site: Site, rows: list[list]) -> str:
    present = {r[COL["category"]] for r in rows}
    categories = "".join(f'<option value="{html.escape(c)}">{html.escape(c)}</option>'
                         for c in site.names if c in present)
    kinds = sorted({r[COL["kind"]] for r in rows if r[COL["kind"]]})
    kind_options = "".join(f'<option value="{html.escape(k)}">{html.escape(k)}</option>' for k in kinds)
    if any(not r[COL["kind"]] for r in rows):
        kind_options += f'<option value="{NO_KIND}">(none)</option>'
    gold = ('<select id="f-gold" title="gold"><option value="">gold: all</option><option value="matched">matched'
            '</option><option value="wrong">fields differ</option><option value="extra">extra</option>'
            '<option value="miss">missed</option></select>') if site.gold else ""
    return (f'<aside>\n<div class="filters"><select id="f-category" title="category"><option value="">'
            f'category: all</option>{categories}</select><select id="f-kind" title="kind"><option value="">'
            f'kind: all</option>{kind_options}</select>{gold}<input id="f-search" type="search" '
            f'placeholder="search mention, counted, action"></div>\n<div id="shown" class="shown"></div>\n'
            f'<table id="rows" class="list"></table>\n</aside>')


# -------------------------------------------------------------------- the index

def index_page(site: Site, out: Path) -> str:
    statuses = Counter(e["status"] for e in site.entries)
    n_indicators = sum(site.by_category_kind.values())
    options = "".join(f'<option value="{html.escape(s)}">{html.escape(s)} ({n})</option>'
                      for s, n in sorted(statuses.items()))
    gold = ('<select id="f-gold"><option value="">gold: all</option><option value="differs">with misses or '
            'extras</option><option value="same">as the gold</option></select>') if site.gold else ""
    summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    info = run_info(out)
    run = [("files", f"{len(site.entries)} ({summary})"), ("indicators", n_indicators),
           ("run", html.escape(info.get("started", ""))), ("version", html.escape(info.get("version", ""))),
           ("segmenter", html.escape(str(info.get("settings", {}).get("segmenter", ""))))]
    body = (f"<header>\n<h1>Review of the run in {html.escape(out.resolve().name)}</h1>\n"
            f"{_meta(run)}\n"
            f"</header>\n<main class=\"index\">\n{gold_scores(site)}{overview(site)}\n<h2>Reports</h2>\n"
            f'<div class="filters"><select id="f-status"><option value="">status: all</option>{options}'
            f'</select>{gold}<input id="f-search" type="search" placeholder="search title, region, issuer">'
            f'<span id="shown" class="shown"></span></div>\n<table id="reports" class="list"></table>\n</main>')
    data = {"gold": site.gold, "fields": INDEX_FIELDS,
            "rows": [[e.get(name, "") for name in INDEX_FIELDS] for e in site.entries]}
    return html_page(f"Review of {out.name}", body, ["table.js", "index.js"], data,
                     category_css(site.names, site.colors))


def gold_scores(site: Site) -> str:
    if not site.gold:
        return ""
    compared = [e for e in site.entries if e["matched"] != ""]
    matched, missed, extra = (sum(e[k] for e in compared) for k in ("matched", "missed", "extra"))
    p = matched / (matched + extra) if matched + extra else 0.0
    r = matched / (matched + missed) if matched + missed else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (f'<p class="scores">Against the gold ({len(compared)} of {len(site.entries)} reports have gold): '
            f"{matched} matched, {missed} missed, {extra} extra; "
            f"detection P {p:.3f} R {r:.3f} F1 {f1:.3f}</p>\n")


def _grid(title: str, counts: Counter, rows: list, columns: list, label) -> str:
    top = max([sum(counts[(r, c)] for c in columns) for r in rows] or [1]) or 1
    head = "".join(f"<th>{html.escape('(none)' if c == NO_KIND else str(c))}</th>" for c in columns)
    body = []
    for r in rows:
        total = sum(counts[(r, c)] for c in columns)
        cells = "".join(f"<td>{counts[(r, c)] or ''}</td>" for c in columns)
        body.append(f"<tr><td>{label(r)}</td>{cells}<td>{total}</td>"
                    f'<td><span class="bar" style="width:{round(80 * total / top)}px"></span></td></tr>')
    return (f"<section><h2>{title}</h2><table class=\"grid\"><tr><th></th>{head}<th>all</th><th></th></tr>"
            + "".join(body) + "</table></section>")


def overview(site: Site) -> str:
    kinds = sorted({k for _, k in site.by_category_kind}, key=lambda k: (k == NO_KIND, k))
    categories = [c for c in site.names if any(site.by_category_kind[(c, k)] for k in kinds)]
    by_category = _grid("Indicators by category and kind", site.by_category_kind, categories, kinds,
                        lambda c: f'<span class="swatch c{site.names.index(c)}"></span>{html.escape(c)}')
    last = lambda name: (name == NONE, name)  # noqa: E731
    years = sorted({y for y, _ in site.by_year_region}, key=last)
    regions = sorted({r for _, r in site.by_year_region}, key=last)
    flipped = Counter({(r, y): n for (y, r), n in site.by_year_region.items()})
    by_region = _grid("Reports by region and year", flipped, regions, years, html.escape)
    return f'<div class="overview">{by_category}{by_region}</div>'
