"""Report metadata for panel analysis: the region, the issuer and the year of an article.

    region  四川省/宜宾市/翠屏区   province, city and county the article is about
    issuer  翠屏区总工会           the body reporting
    year    2023                  the year the figures refer to

Place names come from the administrative-division dataset that the cpca package ships
(`cpca/resources/adcodes.csv`: every province, city and county with its 6-digit code).
We read that file and do not import cpca: its code needs `pkg_resources`, which
setuptools 81 removed. The words around the names (总工会, 以来, 去年 ...) are in
`lexicons/report_metadata.yaml`.

`describe(title, text, date)` is the pure function; `annotate(report, lexicon)` is the
stage that the pipeline runs after normalize. A segmenter that recognizes named
entities (HanLP) may pass them as `entities=[(text, type), ...]`: organizations that end
in an issuer word and places are then preferred to the dataset-and-suffix way.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import DEFAULT_DIR, LexiconError, _load_yaml as read_lexicon_yaml
from .numerals import NumeralError, chinese_to_number
from .report import Report

RULES_FILE = "report_metadata.yaml"
PROVINCE, CITY, COUNTY = 0, 1, 2
CJK = "\u4e00-\u9fff"
BOUNDARY = r"\s：:，,、。；;！!？?“”\"'《》〈〉（）()【】\[\]—-"


@dataclass(frozen=True)
class Metadata:
    region: str = ""
    issuer: str = ""
    year: int | None = None


# ---------------------------------------------------------------------------- rules

@dataclass(frozen=True, eq=False)
class Rules:
    path: Path
    suffixes: tuple[str, ...]
    relative_suffixes: frozenset[str]
    levels: dict[str, int]
    unknown_place: re.Pattern
    title_weight: float
    min_home_support: float
    short_name_endings: tuple[re.Pattern, ...]
    ambiguous_short_names: frozenset[str]
    ignore_names: frozenset[str]
    min_support: float
    min_county_name_length: int
    place_types: frozenset[str]
    organization_types: frozenset[str]
    entity_suffixes: tuple[str, ...]
    year_not_after: tuple[str, ...]
    year_not_before: tuple[str, ...]
    last_year: tuple[str, ...]
    this_year: tuple[str, ...]
    min_year_mentions: int
    dateline_lines: int
    dateline: re.Pattern


def rules_path(lexicon_dir: str | Path | None = None) -> Path:
    """The rules of `lexicon_dir`, or the project's when that folder has none."""
    if lexicon_dir is not None and (Path(lexicon_dir) / RULES_FILE).exists():
        return Path(lexicon_dir) / RULES_FILE
    return DEFAULT_DIR / RULES_FILE


def load_rules(lexicon_dir: str | Path | None = None) -> Rules:
    return _load_rules(str(rules_path(lexicon_dir).resolve()))


def _words(path: Path, data: dict, section: str, key: str) -> list[str]:
    value = (data.get(section) or {}).get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"{path}:{_line(path, key)}: {section}.{key} should be a list of words")
    return value


def _line(path: Path, key: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            return n
    return 1


def _regex(path: Path, pattern, key: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except (re.error, TypeError) as exc:
        raise LexiconError(f"{path}:{_line(path, key)}: bad regular expression in {key}: {exc}") from None


def _number(path: Path, data: dict, section: str, key: str) -> float:
    value = (data.get(section) or {}).get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"{path}:{_line(path, key)}: {section}.{key} should be a number >= 0")
    return value


@lru_cache(maxsize=4)
def _load_rules(path_str: str) -> Rules:
    path = Path(path_str)
    data, _node = read_lexicon_yaml(path)  # missing file, bad YAML, a key twice: file:line
    for section in ("issuer", "region", "entity_types", "year"):
        if not isinstance(data, dict) or not isinstance(data.get(section), dict):
            raise LexiconError(f"{path}:1: missing section {section!r}")
    suffixes = _words(path, data, "issuer", "suffixes")
    relative = _words(path, data, "issuer", "relative_suffixes")
    if set(relative) - set(suffixes):
        raise LexiconError(f"{path}:{_line(path, 'relative_suffixes')}: relative_suffixes "
                           f"{sorted(set(relative) - set(suffixes))} are not in suffixes")
    levels = data["issuer"].get("levels")
    if not isinstance(levels, dict) or not all(v in (PROVINCE, CITY, COUNTY) for v in levels.values()):
        raise LexiconError(f"{path}:{_line(path, 'levels')}: issuer.levels maps a level "
                           "character to 0 (province), 1 (city) or 2 (county)")
    endings = _words(path, data, "issuer", "unknown_place_endings")
    unknown = f"(?:^|[{BOUNDARY}])([{CJK}]{{2,4}}?(?:{'|'.join(map(re.escape, endings))}))$"
    year = data["year"]
    return Rules(
        path=path,
        suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        relative_suffixes=frozenset(relative),
        levels={str(k): int(v) for k, v in sorted(levels.items(), key=lambda kv: -len(kv[0]))},
        unknown_place=re.compile(unknown),
        title_weight=_number(path, data, "issuer", "title_weight"),
        min_home_support=_number(path, data, "issuer", "min_home_support"),
        short_name_endings=tuple(_regex(path, p.replace("{ethnic_groups}", _ethnic_groups()),
                                        "short_name_endings")
                                 for p in _words(path, data, "region", "short_name_endings")),
        ambiguous_short_names=frozenset(_words(path, data, "region", "ambiguous_short_names")),
        ignore_names=frozenset(_words(path, data, "region", "ignore_names")),
        min_support=_number(path, data, "region", "min_support"),
        min_county_name_length=int(_number(path, data, "region", "min_county_name_length")),
        place_types=frozenset(_words(path, data, "entity_types", "place")),
        organization_types=frozenset(_words(path, data, "entity_types", "organization")),
        entity_suffixes=tuple(sorted(_words(path, data, "entity_types", "issuer_suffixes"),
                                     key=len, reverse=True)),
        year_not_after=tuple(_words(path, data, "year", "not_after")),
        year_not_before=tuple(_words(path, data, "year", "not_before")),
        last_year=tuple(_words(path, data, "year", "last_year")),
        this_year=tuple(_words(path, data, "year", "this_year")),
        min_year_mentions=int(_number(path, data, "year", "min_mentions")),
        dateline_lines=int(_number(path, data, "year", "dateline_lines")),
        dateline=_regex(path, year.get("dateline"), "dateline"),
    )


# ------------------------------------------------------------------ the division dataset

@dataclass(frozen=True)
class Division:
    code: str  # 6 digits: 2 province, 2 city, 2 county
    name: str
    level: int

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes of the province and city above, nearest last (placeholders included)."""
        if self.level == PROVINCE:
            return []
        if self.level == CITY:
            return [self.code[:2] + "0000"]
        return [self.code[:2] + "0000", self.code[:4] + "00"]

    def is_under(self, code: str) -> bool:
        return code in self.ancestor_codes


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    codes: tuple[str, ...]  # every division of that name; one after resolution
    weight: float = 1.0


def dataset_path() -> Path:
    """cpca's CSV of divisions, found without importing cpca (see the module docstring)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("the administrative-division dataset needs the cpca package "
                           "(pip install cpca)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _ethnic_groups() -> str:
    """壮族|苗族|...: the 56 ethnic groups of cpca's dataset, for the names of autonomous areas."""
    path = dataset_path().with_name("56_nations.csv")
    names = {w.strip().removesuffix("族") for w in path.read_text(encoding="utf-8").split()}
    # 蒙古自治州 and 维吾尔自治区 drop the 族 that 56_nations.csv writes
    return "(?:%s)族?" % "|".join(map(re.escape, sorted(filter(None, names), key=len, reverse=True)))


@dataclass(eq=False)
class Gazetteer:
    """Every division by code, and an Aho-Corasick automaton of their names and short forms."""
    divisions: dict[str, Division]
    forms: dict[str, tuple[str, ...]]  # name or short form -> codes
    min_county_name_length: int
    automaton: object = field(repr=False, default=None)

    def find(self, text: str, weight: float = 1.0) -> list[Mention]:
        """Division names in `text`, longest first, the short county ones only in a chain
        (宜宾市翠屏区, 安徽省和县), each resolved to its parent's child where chained."""
        found = []
        for last, form in self.automaton.iter_long(text):
            found.append(Mention(last - len(form) + 1, last + 1, form, self.forms[form], weight))
        out: list[Mention] = []
        for m in found:
            prev = out[-1] if out and out[-1].end == m.start else None
            if prev is not None:
                children = tuple(c for c in m.codes
                                 if any(self.divisions[c].is_under(p) for p in prev.codes))
                if children:
                    parents = tuple(p for p in prev.codes
                                    if any(self.divisions[c].is_under(p) for c in children))
                    out[-1] = Mention(prev.start, prev.end, prev.text, parents, prev.weight)
                    out.append(Mention(m.start, m.end, m.text, children, m.weight))
                    continue
            if all(self.divisions[c].level == COUNTY for c in m.codes) and \
                    len(m.text) < self.min_county_name_length:
                continue
            out.append(m)
        return out

    def chain(self, code: str) -> list[Division]:
        """The division and those above it that are real places, province first."""
        d = self.divisions[code]
        return [self.divisions[c] for c in d.ancestor_codes if c in self.divisions] + [d]

    def region(self, code: str | None) -> str:
        return "/".join(d.name for d in self.chain(code)) if code else ""


def short_form(name: str, rules: Rules) -> str | None:
    for pattern in rules.short_name_endings:
        short = pattern.sub("", name, count=1)
        if short != name and len(short) >= 2:  # 内蒙古自治区 is not 内 + 蒙古自治区
            return short
    return None


def load_gazetteer(rules: Rules) -> Gazetteer:
    return _gazetteer(rules)


@lru_cache(maxsize=4)
def _gazetteer(rules: Rules) -> Gazetteer:
    import ahocorasick

    path = dataset_path()
    divisions: dict[str, Division] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if name in rules.ignore_names or not name:
                continue
            level = PROVINCE if code.endswith("0000") else CITY if code.endswith("00") else COUNTY
            divisions[code] = Division(code, name, level)
    forms: dict[str, list[str]] = {}
    shorts_seen: set[str] = set()
    for d in divisions.values():
        forms.setdefault(d.name, []).append(d.code)
        short = short_form(d.name, rules) if d.level != COUNTY else None
        if short:
            shorts_seen.add(short)
            if short not in rules.ambiguous_short_names and short not in divisions:
                forms.setdefault(short, []).append(d.code)
    unknown = sorted(rules.ambiguous_short_names - shorts_seen)
    if unknown:
        raise LexiconError(f"{rules.path}:{_line(rules.path, 'ambiguous_short_names')}: "
                           f"not a short form of any province or city: {', '.join(unknown)}")
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return Gazetteer(divisions, {k: tuple(v) for k, v in forms.items()},
                     rules.min_county_name_length, automaton)


# --------------------------------------------------------------------------- region

def resolve(mentions: list[Mention], gaz: Gazetteer) -> tuple[list[Mention], Counter]:
    """Give each ambiguous mention (朝阳区 of Beijing or of Changchun) the division whose
    province or city the article names most; returns the mentions and the support of
    every division (its own mentions and those of the places inside it)."""
    support: Counter = Counter()

    def add(code: str, weight: float) -> None:
        for c in gaz.divisions[code].ancestor_codes + [code]:
            support[c] += weight

    for m in mentions:
        if len(m.codes) == 1:
            add(m.codes[0], m.weight)
    resolved = []
    for m in mentions:
        code = m.codes[0] if len(m.codes) == 1 else _pick(m.codes, support, gaz)
        if code is None:
            continue
        if len(m.codes) > 1:
            add(code, m.weight)
        resolved.append(Mention(m.start, m.end, m.text, (code,), m.weight))
    return resolved, support


def _pick(codes: tuple[str, ...], support: Counter, gaz: Gazetteer) -> str | None:
    scored = sorted(((sum(support[a] for a in gaz.divisions[c].ancestor_codes), -gaz.divisions[c].level, c)
                     for c in codes), reverse=True)
    best = scored[0]
    if best[0] > 0 and (len(scored) == 1 or scored[1][0] < best[0]):
        return best[2]
    # no context: a province or city name that is also a lower one's (吉林) is the higher one
    if len(scored) > 1 and scored[1][1] < best[1]:
        return best[2]
    return None


def home(level: int, support: Counter, gaz: Gazetteer, first: dict[str, int],
         within: str | None = None) -> str | None:
    """The division of `level` (inside `within`) that the article names most."""
    candidates = [c for c in support if c in gaz.divisions and gaz.divisions[c].level == level
                  and (within is None or gaz.divisions[c].is_under(within))]
    if level == COUNTY and within is not None and gaz.divisions[within].level == PROVINCE:
        # only where the province has no city level of its own (municipalities)
        candidates = [c for c in candidates if gaz.divisions[c].ancestor_codes[-1] not in gaz.divisions]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (support[c], -first.get(c, 1 << 30)))


def home_chain(support: Counter, gaz: Gazetteer, first: dict[str, int], min_support: float) -> str | None:
    """The most specific division down the most-named province, city and county."""
    code = None
    for level in (PROVINCE, CITY, COUNTY):
        best = home(level, support, gaz, first, within=code)
        if best is None or support[best] < min_support:
            if level == CITY and code is not None:
                continue  # a municipality: its counties sit right under it
            break
        code = best
    return code


# --------------------------------------------------------------------------- issuer

@dataclass
class Candidate:
    score: float
    first: int
    name: str
    code: str | None = None


@dataclass
class Votes:
    """Issuer mentions: named ones [(name, code, weight, pos)], bare-level ones
    [(level, suffix, weight, pos)], and places of the title the dataset does not know."""
    named: list = field(default_factory=list)
    relative: list = field(default_factory=list)
    unknown_places: dict[str, int] = field(default_factory=dict)  # name -> level


def collect_issuers(source: str, mentions: list[Mention], rules: Rules, weight: float,
                    offset: int, in_title: bool, gaz: Gazetteer, votes: Votes) -> None:
    ends = {m.end: m for m in mentions}
    pattern = re.compile("|".join(map(re.escape, rules.suffixes)))
    for sm in pattern.finditer(source):
        pos, suffix = sm.start(), sm.group()
        before = source[:pos]
        mention = ends.get(pos)
        if mention is not None:
            code = mention.codes[0]
            votes.named.append((gaz.divisions[code].name + suffix, code, weight, offset + pos))
            continue
        place = next((p for p in votes.unknown_places if before.endswith(p)), None)
        if place is None and in_title:
            unknown = rules.unknown_place.search(before)
            if unknown and not gaz.forms.get(unknown.group(1)):
                place = unknown.group(1)
                votes.unknown_places[place] = next(
                    (lv for ch, lv in rules.levels.items() if place.endswith(ch)), COUNTY)
        if place is not None:
            votes.named.append((place + suffix, None, weight, offset + pos))
            continue
        if suffix in rules.relative_suffixes:
            level = next((lv for ch, lv in rules.levels.items() if before.endswith(ch)), None)
            if level is not None:
                votes.relative.append((level, suffix, weight, offset + pos))


def choose_issuer(votes: Votes, support, gaz, first, rules: Rules) -> Candidate | None:
    scores: dict[str, Candidate] = {}

    def add(name, code, weight, pos):
        c = scores.setdefault(name, Candidate(0.0, pos, name, code))
        c.score += weight
        c.first = min(c.first, pos)

    for name, code, weight, pos in votes.named:
        add(name, code, weight, pos)
    homes = own_places(support, gaz, first, rules.min_home_support)
    for place, level in votes.unknown_places.items():
        homes[level] = (place, None)  # the title's own place, though the dataset lacks it
    for level, suffix, weight, pos in votes.relative:
        if level in homes:
            name, code = homes[level]
            add(name + suffix, code, weight, pos)
    if not scores:
        return None
    return max(scores.values(), key=lambda c: (c.score, -c.first))


def own_places(support, gaz, first, min_support: float) -> dict[int, tuple[str, str]]:
    """The article's own province, city and county (name, code), for 省总工会, 市总工会,
    县总工会: the most-named ones, each inside the one above."""
    out: dict[int, tuple[str, str]] = {}
    province = home(PROVINCE, support, gaz, first)
    if province is None or support[province] < min_support:
        return out
    out[PROVINCE] = (gaz.divisions[province].name, province)
    city = home(CITY, support, gaz, first, within=province)
    if (city is None or support[city] < min_support) and gaz.divisions[province].name.endswith("市"):
        city = province  # 北京市: 市总工会 is the municipality's
    if city is None or support[city] < min_support:
        return out
    out[CITY] = (gaz.divisions[city].name, city)
    county = home(COUNTY, support, gaz, first, within=city)
    if county is not None and support[county] >= min_support:
        out[COUNTY] = (gaz.divisions[county].name, county)
    return out


# ----------------------------------------------------------------------------- year

YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九])(\d{4}|[〇零一二三四五六七八九]{4})年")
MONTH_AFTER = re.compile(r"^[\d〇零一二三四五六七八九十]{1,2}(?=月)")


def _year_value(written: str) -> int | None:
    try:
        year = int(written) if written.isdigit() else int(chinese_to_number(written))
    except (ValueError, NumeralError):
        return None
    return year if 1949 <= year <= 2100 else None


def explicit_years(text: str, rules: Rules) -> list[int]:
    """Years the text names as the time of its figures: 2020年, 二〇二三年度; not 2018年以来,
    到2028年, 2021年6月29日, 《…(2022-2024年)》."""
    years = []
    for m in YEAR.finditer(text):
        after = MONTH_AFTER.sub("", text[m.end(): m.end() + 4])
        if MONTH_AFTER.match(text[m.end(): m.end() + 4]):
            continue  # a full date: an event, not the period
        if after.startswith(rules.year_not_after) or text[: m.start()].endswith(rules.year_not_before):
            continue
        year = _year_value(m.group(1))
        if year is not None:
            years.append(year)
    return years


def date_year(date: str, text: str, rules: Rules) -> int | None:
    """The year of the publication date, or of a date line under the title."""
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", date or "")
    if m and _year_value(m.group(1)):
        return int(m.group(1))
    for line in (text or "").split("\n")[: rules.dateline_lines]:
        m = rules.dateline.search(line)
        if m:
            return _year_value(m.group("year"))
    return None


def report_year(title: str, text: str, date: str, rules: Rules) -> int | None:
    """The title's year; else the year the text names most (at least `min_mentions`
    times, and not after the date); else the date's year, one less when the text speaks
    of 去年 more than of 今年."""
    in_title = explicit_years(title or "", rules)
    if in_title:
        return in_title[0]
    published = date_year(date, text, rules)
    counts = Counter(y for y in explicit_years(text or "", rules)
                     if published is None or y <= published)
    if counts:
        year, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        if n >= rules.min_year_mentions:
            return year
    if published is None:
        return None
    last = sum(text.count(w) for w in rules.last_year)
    this = sum(text.count(w) for w in rules.this_year)
    return published - 1 if last > this else published


# ---------------------------------------------------------------------------- entry

def describe(title: str, text: str, date: str = "", *, rules: Rules | None = None,
             entities: list[tuple[str, str]] | None = None) -> Metadata:
    """Region, issuer and year of one article (normalized title and text)."""
    rules = rules or load_rules()
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


def annotate(report: Report, lexicon=None, entities: list[tuple[str, str]] | None = None) -> Report:
    """Stage: fill report.region, .issuer and .year from its normalized title and text."""
    if report.status != "ok":
        return report
    rules = load_rules(getattr(lexicon, "directory", None))
    meta = describe(report.title, report.text, report.date, rules=rules, entities=entities)
    report.region, report.issuer, report.year = meta.region, meta.issuer, meta.year
    return report
