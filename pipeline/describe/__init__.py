"""Stage describe: what the report is, for the panel: title, date, source, issuer,
region and year.

It reads what the earlier stages kept: the reader's fields (an HTML page's title and
date), the lines normalize removed as page chrome (date and source lines), the text,
and the named entities of the segment stage where the backend finds them. The rules are
`lexicons/report_metadata.yaml` and boilerplate.yaml's metadata patterns.

    title   the headline          region  四川省/宜宾市/翠屏区
    date    the publication date  issuer  翠屏区总工会
    source  the paper or site     year    2023, the year the figures refer to
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.sections import MetadataRules as Rules
from ..report import Report
from ..stages import Stage
from .gazetteer import Gazetteer, Mention, load_gazetteer
from .places import Votes, choose_issuer, collect_issuers, home_chain, resolve
from .years import report_year


@dataclass(frozen=True)
class Metadata:
    region: str = ""
    issuer: str = ""
    year: int | None = None


def describe(title: str, text: str, date: str = "", *, rules: Rules,
             entities: list[tuple[str, str]] | None = None) -> Metadata:
    """Region, issuer and year of one article (normalized title and text)."""
    gaz = load_gazetteer(rules)
    title, text = title or "", text or ""
    sources = [(title, rules.title_weight, -len(title) - 1, True), (text, 1.0, 0, False)]
    mentions: list[Mention] = []
    per_source = []
    for source, weight, offset, in_title in sources:
        found = gaz.find(source, weight)
        per_source.append((source, found, weight, offset, in_title))
        mentions.extend(Mention(m.start + offset, m.end + offset, m.text, m.codes, m.weight) for m in found)

    if entities:
        entity_mentions, entity_named = _from_entities(entities, gaz, rules)
        if entity_mentions:
            mentions = entity_mentions
    resolved, support = resolve(mentions, gaz)
    first: dict[str, int] = {}
    for m in resolved:
        for c in gaz.divisions[m.codes[0]].ancestor_codes + [m.codes[0]]:
            first.setdefault(c, m.start)

    votes = Votes()
    if entities and entity_named:
        votes.named = entity_named
    else:
        by_start = {(m.start, m.text): m for m in resolved}
        for source, found, weight, offset, in_title in per_source:  # the title first
            kept = [Mention(m.start, m.end, m.text, by_start[(m.start + offset, m.text)].codes, m.weight)
                    for m in found if (m.start + offset, m.text) in by_start]
            collect_issuers(source, kept, rules, weight, offset, in_title, gaz, votes)
    issuer = choose_issuer(votes, support, gaz, first, rules)

    if issuer is not None:
        region = gaz.region(issuer.code)  # a place the dataset does not know: no region
    else:
        region = gaz.region(home_chain(support, gaz, first, rules.min_support))
    return Metadata(region=region, issuer=issuer.name if issuer else "",
                    year=report_year(title, text, date, rules))


def _from_entities(entities, gaz: Gazetteer, rules: Rules):
    """Place mentions inside place and organization entities, and issuers among the
    organizations (国网南部县供电公司工会 too, which the dataset way cannot name)."""
    mentions: list[Mention] = []
    named = []
    pos = 0
    for text, kind in entities:
        kind = str(kind)
        if kind not in rules.place_types and kind not in rules.organization_types:
            continue
        found = gaz.find(text)
        mentions.extend(Mention(pos + m.start, pos + m.end, m.text, m.codes) for m in found)
        if kind in rules.organization_types:
            suffix = next((s for s in rules.entity_suffixes if text.endswith(s)), None)  # longest first
            # an organization named by its suffix alone (总工会, 市总工会) says nothing of
            # who reports: the lexicon way decides then
            if suffix and len(text) - len(suffix) >= 2:
                place = found[-1] if found and len(found[-1].codes) == 1 else None
                code = place.codes[0] if place is not None else None
                if place is not None and place.end == len(text) - len(suffix):
                    named.append((gaz.divisions[code].name + suffix, code, 1.0, pos))
                else:  # 国网南部县供电公司工会: the name as written, the region of its place
                    named.append((text, code, 1.0, pos))
        pos += len(text) + 1
    return mentions, named


def guess_title(paragraphs: list[str]) -> str:
    """The first short line that is not a sentence."""
    for p in paragraphs[:5]:
        if 4 <= len(p) <= 50 and p[-1] not in "。；;,，:：":
            return p
    return ""


def date_and_source(report: Report, lexicon) -> tuple[str, str]:
    """The page's date and source: the reader's fields first, then the chrome lines."""
    meta = lexicon.boilerplate.metadata
    date, source = report.source_fields.get("date", ""), report.source_fields.get("sitename", "")
    for line in report.dropped_lines:
        if not date and "date" in meta and (m := meta["date"].search(line)):
            date = m.group("date")
        if not source and "source" in meta and (m := meta["source"].search(line)):
            source = m.group("source")
    return date, source


def entity_pairs(report: Report) -> list[tuple[str, str]] | None:
    """(text, label) of the report's entities, the title's first; None when none."""
    if not report.entities:
        return None
    ordered = [e for e in report.entities if e.in_title] + [e for e in report.entities if not e.in_title]
    return [(e.text, e.label) for e in ordered]


def describe_report(report: Report, lexicon) -> Report:
    """The stage: fill the report's title, date, source, region, issuer and year."""
    report.title = report.source_fields.get("title", "") or guess_title(report.text.split("\n"))
    report.date, report.source = date_and_source(report, lexicon)
    meta = describe(report.title, report.text, report.date, rules=lexicon.metadata,
                    entities=entity_pairs(report))
    report.region, report.issuer, report.year = meta.region, meta.issuer, meta.year
    return report


STAGE = Stage("describe", describe_report, requires=("text", "source_fields", "dropped_lines", "entities"),
              provides=("title", "date", "source", "issuer", "region", "year"), needs=("lexicon",))
