"""Stage describe: what the report is, for the panel: title, date, source, url, issuer,
region, region_code and year.

It reads what the earlier stages kept: the reader's fields (an HTML page's title, date,
source, site name and url), the lines normalize removed as page chrome (date and source
lines), the text, and the named entities of the segment stage where the backend finds
them. The rules are `lexicons/report_metadata.yaml` and boilerplate.yaml's metadata
patterns. The modules:

    head      the head of the page and its headline      title   the headline
    dates     date and source lines                      date    2024-01-12, the page's
    bodies    the bodies a page names                    source  the paper or site named
    issuer    which of them reports, and its name        issuer  佛山市南海区总工会
    places    the places, resolved; the page's own       region  四川省/宜宾市/翠屏区 (+ code)
    years     the year the figures refer to              year    2023
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lexicon.sections import CITY, COUNTY, PROVINCE, MetadataRules as Rules
from ..report import Report
from ..stages import Stage
from .bodies import Body, find_bodies, full_body, page_short_names, short_stems
from .dates import find_authors, find_date, find_source, is_meta_line
from .gazetteer import CJK_CHAR, Gazetteer, Mention, load_gazetteer, short_forms
from .head import Head, choose_title, read_head
from .issuer import Issuer, Vote, choose_issuer, issuer_region, own_level, placed_name
from .places import home, home_chain, own_places, resolve
from .years import report_year

TITLE_ORDER = -(10 ** 7)   # the title is read first
FIELD_ORDER = 10 ** 9      # the page's fields after its text
SENTENCE_END = re.compile("[。！？；!?;]")


@dataclass(frozen=True)
class Metadata:
    region: str = ""
    region_code: str = ""
    issuer: str = ""
    year: int | None = None


@dataclass
class Source:
    """A stretch of the page that may name places and bodies, with the weight of where it is."""
    text: str
    weight: float         # of the bodies and places it names, for the issuer and the region
    order: int            # its start in reading order
    in_head: bool         # the title and the head of the page: places the dataset lacks count
    place_weight: float   # of its places, for the article's own places (the city of 市总工会):
    #                       the title's, head's and fields' count more, the lead's once (a
    #                       place the lead passes by is no home)
    mentions: list[Mention] | None = None


def banner_check(rules: Rules):
    """is_banner(line): the line is nothing but one body's name (a site's banner)."""
    gaz = load_gazetteer(rules)

    def is_banner(line: str) -> bool:
        bodies = find_bodies(line, gaz.find(line), gaz, rules.issuer)
        return len(bodies) == 1 and bodies[0].start == 0 and bodies[0].end == len(line) \
            and bodies[0].kind not in ("relative", "all")
    return is_banner


def signature_line(head: Head, rules: Rules) -> int | None:
    """The line that signs the report at its end: a body's name alone on a line after the
    text's prose, followed by nothing but its date (王庆坨镇总工会 / 2017年11月)."""
    w = rules.issuer
    filled = [i for i, line in enumerate(head.lines) if line.strip()]
    if not w.signature_weight or not filled:
        return None
    last = filled[-1]
    if w.signature_date is not None and w.signature_date.match(head.lines[last]) and len(filled) > 1:
        last = filled[-2]
    line = head.lines[last].strip()
    if last <= head.lead:
        return None
    gaz = load_gazetteer(rules)
    bodies = find_bodies(line, gaz.find(line), gaz, w, True)
    whole = len(bodies) == 1 and bodies[0].start == 0 and bodies[0].end == len(line)
    return last if whole else None


def page_sources(title: str, head: Head, fields: list[str], rules: Rules, authors: list[str] = ()) -> list[Source]:
    w = rules.issuer
    sources = [Source(title, w.title_weight, TITLE_ORDER, True, w.title_weight)] if title else []
    signed = signature_line(head, rules)
    for i, line in enumerate(head.lines):
        if not line or line == title:
            continue
        if i in head.chrome:
            weight = place_weight = w.field_weight
        else:
            weight = w.head_weight if i <= head.lead else 1.0
            place_weight = w.head_weight if i < head.lead else 1.0
        if i == signed:
            weight += w.signature_weight
        sources.append(Source(line, weight, head.starts[i], i <= head.lead, place_weight))
    # the page's source, site and breadcrumbs name its place as its head does (云上通山,
    # 新会区档案馆); as bodies they count less
    sources += [Source(f, w.field_weight, FIELD_ORDER + 1000 * k, False, w.head_weight)
                for k, f in enumerate(fields) if f]
    # a body in the page's author field (作者:国强乡妇联) wrote it, as one that signs it does
    sources += [Source(a, w.field_weight + w.signature_weight, FIELD_ORDER + 1000 * (len(fields) + k), False,
                       w.head_weight) for k, a in enumerate(authors) if a]
    return sources


@dataclass
class Located:
    """The places of a page, resolved: the support of each division (its mentions and
    those of places inside it, weighted), from the whole page, from its title and head,
    from its fields (source, site, breadcrumbs); where each is first named; the divisions
    named themselves."""
    support: Counter
    head: Counter
    fields: Counter
    first: dict[str, int]
    named: set[str]


def locate(sources: list[Source], gaz: Gazetteer, not_before: tuple[str, ...] = ()) -> Located:
    """Resolve the places of every source together (see Located); a place named after one
    of `not_before` (仅次于武汉: compared with) is left out."""
    every: list[Mention] = []
    found = [[m for m in gaz.find(s.text) if not (not_before and s.text.endswith(not_before, 0, m.start))]
             for s in sources]
    for s, mentions in zip(sources, found):
        every += [Mention(s.order + m.start, s.order + m.end, m.text, m.codes, s.place_weight)
                  for m in mentions]
    resolved, support = resolve(every, gaz)
    by_start = {(m.start, m.text): m for m in resolved}
    head_mentions, field_mentions = [], []
    for s, mentions in zip(sources, found):
        s.mentions = [Mention(m.start, m.end, m.text, by_start[(s.order + m.start, m.text)].codes, s.weight)
                      for m in mentions if (s.order + m.start, m.text) in by_start]
        at = [Mention(s.order + m.start, s.order + m.end, m.text, m.codes, m.weight) for m in s.mentions]
        if s.in_head:
            head_mentions += at
        if s.order >= FIELD_ORDER:
            field_mentions += [Mention(m.start, m.end, m.text, m.codes, s.place_weight) for m in at]
    _, head_support = resolve(head_mentions, gaz)
    _, field_support = resolve(field_mentions, gaz)
    first: dict[str, int] = {}
    for m in resolved:
        for c in gaz.divisions[m.codes[0]].ancestor_codes + [m.codes[0]]:
            first.setdefault(c, m.start)
    return Located(support, head_support, field_support, first, {m.codes[0] for m in resolved})


def outlet_home(homes: dict, votes: list[Vote], fields: list[str], gaz: Gazetteer, rules,
                level: int | None = None) -> None:
    """A county's own outlet (云上通山, 仙游今报, 今日竹山网) names the county that 县总工会 and
    团县委 are of, and that a page speaking as 我县 (`level`) is of, when the page names no
    county itself (and the outlet's county lies in the page's city); a county-level city's
    (今日高邮) names the city its bare 市总工会 is of. A paper by an opening rarer than
    report_metadata.yaml's county_short_boundary_frequency."""
    bare = {v.body.level for v in votes if v.body.kind == "relative"}
    if COUNTY in homes or (level != COUNTY and COUNTY not in bare and CITY not in bare):
        return
    paper = rules.county_short_boundary_frequency
    code = next((c for c in (gaz.county_of_outlet(f, paper) for f in fields) if c), None)
    if code is None:
        return
    county_city = gaz.divisions[code].name.endswith("市")
    if level != COUNTY and COUNTY not in bare and not county_city:
        return  # a bare 市 body is a county's only where the county is a city (今日高邮: 高邮市)
    above = {d.level: (d.name, d.code) for d in gaz.chain(code)}
    if all(homes.get(level, above.get(level)) == above.get(level) for level in (PROVINCE, CITY)):
        homes.update(above)
        if county_city and CITY in bare:  # its bare 市总工会 is 高邮市's, not 扬州市's
            homes[CITY] = above[COUNTY]


def text_home(homes: dict, votes: list[Vote], texts: list[str], gaz: Gazetteer, rules) -> None:
    """A bare county body (县退役军人事务局) of a page that names no county takes the one
    county its text names by its name without 县 (关心子洲各项事业), when that name is a
    rare word (report_metadata.yaml's county_short_max_frequency) and the county lies in
    the province and city the page names, if it names any."""
    if COUNTY in homes or rules.county_short_max_frequency is None or \
            not any(v.body.level == COUNTY and v.body.kind in ("relative", "all") for v in votes):
        return
    found = set().union(*(gaz.counties_by_short_name(t, rules.county_short_max_frequency,
                                                      rules.county_short_boundary_frequency) for t in texts))
    inside = set()
    for code in found:
        above = {d.level: (d.name, d.code) for d in gaz.chain(code)}
        if all(homes.get(level, above.get(level)) == above.get(level) for level in (PROVINCE, CITY)):
            inside.add(code)
    if len(inside) == 1:
        homes.update({d.level: (d.name, d.code) for d in gaz.chain(inside.pop())})


def title_home(homes: dict, votes: list[Vote], title: str, level: int | None, gaz: Gazetteer) -> None:
    """A county outlet's headline opens with its county's name without 县 or 市 (巫山研究部署…,
    石狮总工会…): on a page that names no county itself and speaks as 我县 of its 县…局, or of
    its 市总工会 when the county is a county-level city, that is its county."""
    relative = {v.body.level for v in votes if v.body.kind == "relative"}
    if COUNTY in homes or not relative & {COUNTY, CITY}:
        return
    code = gaz.county_opening(title)
    if code is None:
        return
    county_city = gaz.divisions[code].name.endswith("市") and CITY in relative and CITY not in homes
    if not (level == COUNTY and COUNTY in relative) and not county_city:
        return
    above = {d.level: (d.name, d.code) for d in gaz.chain(code)}
    if all(homes.get(lv, above.get(lv)) == above.get(lv) for lv in (PROVINCE, CITY)):
        homes.update(above)


CLAUSE_MARKS = "，,。；;：:!！?？"
TITLE_YEAR = re.compile(r"\s*(?:19|20)\d{2}\s*年")


def place_issuer(title: str, lead: str, named: set[str], gaz: Gazetteer, rules: Rules) -> Issuer | None:
    """The place a page without a reporting body speaks for, as written: a town or street
    opening a clause of the title or of the lead's first sentence (钢山街道奋力书写民生满意
    答卷; 多年来,成吉思汗镇一直致力于…; 今年以来,丰城市隍城镇以…, with the places written
    before it), or the divisions opening a title before its year (淄博市周村区2005年…统计公报)."""
    endings = rules.issuer.township_endings
    for text in (title, lead):
        for town in gaz.towns_named(text or "", endings):
            i = text.find(town)
            opening = max(text.rfind(c, 0, i) for c in CLAUSE_MARKS) + 1
            start = _places_before(text, opening, i, gaz)
            after = text[i + len(town):i + len(town) + 1]
            if start == opening or not text[opening:start].strip():
                if after and after not in "的、和与及":
                    # its county: the one of the towns table, inside the places the page names
                    # if it names any (a 民族街道 of 江汉区 is not the table's of 东胜区)
                    counties = [c for c in gaz.town_counties(town) if not named or c in named
                                or any(gaz.divisions[c].is_under(n) for n in named)]
                    return Issuer(text[start:i + len(town)], "place", counties[0] if len(counties) == 1 else None)
    if title:
        found = gaz.find(title)
        end, code = 0, None
        for m in found:
            if m.start != end:
                break
            end, code = m.end, m.codes[0] if len(m.codes) == 1 else None
        if end and code and TITLE_YEAR.match(title, end):
            return Issuer(title[:end], "place", code)
    return None


def title_body_issuer(title: str, code: str, gaz: Gazetteer, rules: Rules) -> Issuer | None:
    """On a page naming no body, a title opening with a body's name alone, with neither
    place nor level (教育局2022工作总结及2022年工作计划), speaks for that body of the page's
    region (寿光市: 寿光市教育局); None otherwise."""
    word = next((w for w in rules.issuer.bodies if title.startswith(w)), None)
    rest = title[len(word):] if word else ""
    if not word or not code or code not in gaz.divisions or \
            (CJK_CHAR.match(rest[:1] or " ") and not rest.startswith(rules.issuer.title_body_followers)):
        return None
    place = gaz.divisions[code]
    return Issuer(place.name + word, "relative", code, body=full_body(word, rules.issuer), level=place.level)


def _places_before(text: str, opening: int, i: int, gaz: Gazetteer) -> int:
    """Where the names of places written right before offset i (丰城市 of 丰城市隍城镇) start,
    not before `opening`."""
    start = i
    for m in reversed(gaz.find(text[opening:i])):
        if opening + m.end != start:
            break
        start = opening + m.start
    return start


def written_homes(homes: dict, places: Located, texts: list[str], gaz: Gazetteer, rules: Rules) -> dict:
    """The homes the page writes, for naming its bare bodies (annotation.md: a bare level
    is named with the place the text names for it): a home it names, in full or by a short
    name (达州, 石狮, 安吉 of 安吉新闻网), keeps its full name (达州市总工会), but an
    autonomous one the page never writes in full goes by the short form it writes (镇宁自治县)
    or else by its short name and level (甘孜州妇联, 秀山县残联, as people write them); one it
    never writes, known only from the places inside it (呼和浩特市 for 内蒙古自治区), names
    nothing here (the region names its bare body later: placed_name)."""
    out = {}
    for level, (name, code) in homes.items():
        if code not in gaz.divisions:
            out[level] = (name, code)
            continue
        d = gaz.divisions[code]
        shorts = short_forms(d.name, rules, county=d.level == COUNTY)
        if code not in places.named:
            forms = [d.name, *shorts, *(short for short, c in gaz.county_shorts.items() if c == code)]
            name = name if any(f in t for f in forms for t in texts) else ""
        if name == d.name and "自治" in name and not any(name in t for t in texts):
            # the short form the page writes (镇宁自治县), else the short name and level
            written = [f for f in shorts if f.endswith(name[-1]) and any(f in t for t in texts)]
            name = max(written, key=len) if written else \
                next((f for f in shorts if f.endswith(name[-1]) and "自治" not in f), name)
        out[level] = (name, code)
    return out


def written_chains(homes: dict, texts: list[str], gaz: Gazetteer, rules: Rules) -> dict[int, str]:
    """The page's county written right after its city (长沙市开福区, 长沙开福区), by level: the
    county's name with the city's full name before it, for naming its bare bodies (区妇联:
    长沙市开福区妇联), as the annotators of real pages name them where the page writes both."""
    name, code = homes.get(COUNTY, ("", None))
    if not name or code not in gaz.divisions:
        return {}
    above = [d for d in gaz.chain(code) if d.level < COUNTY]
    city = next((d for d in reversed(above) if d.level == CITY), None) or \
        next((d for d in above if d.name.endswith("市")), None)  # a municipality's district
    if city is None:
        return {}
    forms = {city.name, *short_forms(city.name, rules)}
    if any(form + name in t for form in forms for t in texts):
        return {COUNTY: city.name + name}
    return {}


def _of_a_town(issuer: Issuer, rules) -> bool:
    """The issuer is a town's or street's body (镇工会, 街道总工会): its name before the body's
    word ends in a town's ending (not 县乡村振兴局, whose 乡 is the body's own)."""
    return bool(_town_of(issuer, rules))


def _town_of(issuer: Issuer, rules) -> str:
    """The name of the town or street the issuer is the body of (大关镇 of 大关镇妇联), or ""."""
    words = [issuer.body, *rules.same_body] if issuer.body else list(rules.same_body)
    for word in sorted(set(words), key=len, reverse=True):
        if word and issuer.name.endswith(word):
            place = issuer.name[:-len(word)]
            return place if place.endswith(rules.township_endings) else ""
    return ""


def town_in_county(issuer: Issuer, code: str, texts: list[str], gaz: Gazetteer, rules: Rules) -> str:
    """A town's body named with its county where the page writes the county right before
    the town (桐城市大关镇: 桐城市大关镇妇联; 宁陵县赵村乡; 即墨移风店镇, by a short name),
    the county being the region's; else as it is."""
    town = _town_of(issuer, rules.issuer)
    if not town or not code or code not in gaz.divisions or gaz.divisions[code].level != COUNTY \
            or not any(town in t for t in texts) or gaz.find(town):
        return issuer.name
    forms = {f for f, codes in gaz.forms.items() if code in codes} | \
        {f for f, c in gaz.county_shorts.items() if c == code}
    for form in sorted(forms, key=len, reverse=True):
        if any(form + town in t for t in texts):
            return form + issuer.name
    return issuer.name


def region_code(issuer: Issuer | None, places: Located, gaz: Gazetteer, rules: Rules,
                level: int | None = None, texts: list[str] = (), outlets: list[str] = ()) -> str:
    """The issuer's place; else the place the title and head name; else the whole text's
    (a place the dataset lacks: 玉林街道 lies in the 武侯区 its lead names); else, on a page
    that speaks as 我市 (`level`, see own_level), the one division of that level it names.
    A town's body (雪堰镇总工会, a bare 镇工会 too) lies in the county the page's own fields
    name inside that place (来源:武进区总工会)."""
    town = issuer is not None and _of_a_town(issuer, rules.issuer)
    if issuer is not None and issuer.kind in ("national", "self_named"):  # no place's body
        return ""
    if issuer is not None and issuer.unplaced and not town:
        # 县残联 of a county the page never names: the county of the towns it names, if any
        # (南雁镇 and 万全镇: 平阳县), or, on a page that speaks as 我市, the city holding the
        # places it names (spoken_home), else none (镇工会: in the page's county, below)
        return county_of_towns(texts, gaz, rules) or spoken_home(places, level, gaz) or ""
    code = issuer_region(issuer, gaz)
    if code is None:
        code = home_chain(places.head, gaz, places.first, rules.min_support) or \
            home_chain(places.support, gaz, places.first, rules.min_support) or \
            spoken_home(places, level, gaz)
    if town and issuer.code is None and (not code or gaz.divisions[code].level < COUNTY):
        # 王庆坨镇总工会: the county of that town (inside the page's place), where one only has it
        named = gaz.towns_named(issuer.name, rules.issuer.township_endings)
        counties = gaz.town_counties(named[-1], within=code or None) if named else ()
        if len(counties) == 1:
            return counties[0]
    if code and issuer is not None and issuer.code is None and gaz.divisions[code].level < COUNTY and town:
        code = home(COUNTY, places.fields, gaz, places.first, within=code) or code
    if town and (not code or gaz.divisions[code].level < COUNTY):
        # 深河乡退役军人服务站 on a page of 今日竹山网: the county of the outlet, inside the place
        paper = rules.issuer.county_short_boundary_frequency
        outlet = next((c for c in (gaz.county_of_outlet(f, paper) for f in outlets) if c), None)
        if outlet and (not code or gaz.divisions[outlet].is_under(code)):
            return outlet
    return code or county_of_towns(texts, gaz, rules) or ""


def county_of_towns(texts: list[str], gaz: Gazetteer, rules: Rules) -> str | None:
    """The county of the towns and streets the page names (towns.tsv), for a page that names
    no county of its own: each town only one county has votes for it, and all must agree;
    a town of several counties may not speak against it."""
    named = {t for text in texts for t in gaz.towns_named(text, rules.issuer.township_endings)}
    counties = {t: gaz.town_counties(t) for t in named}
    votes = {c[0] for c in counties.values() if len(c) == 1}
    if len(votes) != 1:
        return None
    county = votes.pop()
    return county if all(county in c for c in counties.values() if c) else None


def spoken_home(places: Located, level: int | None, gaz: Gazetteer) -> str | None:
    """The place of a page that speaks as 我市 (我县, 我省) and names it too seldom to be its
    home: the one division of that level it names (依托漯河…园区 on a 我市 page), if one only;
    naming none, the one that holds every smaller place it names (万柏林区 on a 我市 page:
    太原市)."""
    if level not in (PROVINCE, CITY, COUNTY):
        return None
    named = [c for c in places.named if gaz.divisions[c].level == level]
    if named:
        return named[0] if len(named) == 1 else None
    holders = {gaz.divisions[c].ancestor_codes[level] for c in places.named
               if gaz.divisions[c].level > level and len(gaz.divisions[c].ancestor_codes) > level}
    return holders.pop() if len(holders) == 1 and holders <= gaz.divisions.keys() else None


def named_homes(homes: dict, votes: list[Vote], places: Located, gaz: Gazetteer) -> None:
    """The place of a bare level (县人社局, or all of its bodies: 全省残联) the page names too
    seldom to be its home is the one division of that level it names, if it names one only
    (inside the homes above); a bare 市 of a county-level city's page (禄丰市, in 楚雄彝族
    自治州) is that city's."""
    for level in sorted({v.body.level for v in votes if v.body.kind in ("relative", "all")}
                        - set(homes) - {None}):
        if level not in (PROVINCE, CITY, COUNTY):
            continue
        within = next((homes[lv][1] for lv in (CITY, PROVINCE) if lv < level and lv in homes), None)
        named = [c for c in places.named if gaz.divisions[c].level == level
                 and (within is None or gaz.divisions[c].is_under(within))]
        if level == CITY and not named and within is None:
            # a municipality (北京市) is its own city: 市民政局 is its, as in own_places
            named = [c for c in places.named
                     if gaz.divisions[c].level == PROVINCE and gaz.divisions[c].name.endswith("市")]
        if len(named) == 1:
            for d in gaz.chain(named[0]):
                homes.setdefault(d.level, (d.name, d.code))
            if gaz.divisions[named[0]].level == PROVINCE and level == CITY:
                homes.setdefault(CITY, homes[PROVINCE])
    county, city = homes.get(COUNTY), homes.get(CITY)
    if county and county[0].endswith("市") and city and city[1] != county[1] and \
            (not city[0].endswith("市") or places.support[county[1]] >= places.support[city[1]]):
        homes[CITY] = county


def describe_page(title: str, head: Head, date: str = "", *, rules: Rules, fields: list[str] = (),
                  entities: list[tuple[str, str]] | None = None, authors: list[str] = ()) -> Metadata:
    """Region, issuer and year of a page whose head is read (see read_head); `fields` the
    page's source, site and breadcrumbs, `authors` its author fields."""
    gaz = load_gazetteer(rules)
    sources = page_sources(title, head, list(fields), rules, list(authors))
    places = locate(sources, gaz, rules.not_home_before)
    stems = short_stems(places.named, gaz, rules.issuer)
    for s in sources:  # 金湖妇联 on a page naming 金湖县
        s.mentions = s.mentions + page_short_names(s.text, stems, rules.issuer)
    votes = [Vote(b, s.weight, s.order + b.start) for s in sources
             for b in find_bodies(s.text, s.mentions, gaz, rules.issuer, s.in_head)]
    if entities:
        votes = _entity_votes(entities, gaz, rules) or votes
    homes = own_places(places.support, gaz, places.first, rules.issuer.min_home_support)
    speaks_from = own_level("\n".join([title, *head.lines]), rules.issuer)
    outlets = [s.text for s in sources if s.order >= FIELD_ORDER]  # the page's source and site fields
    outlet_home(homes, votes, outlets, gaz, rules.issuer, speaks_from)
    title_home(homes, votes, title, speaks_from, gaz)
    texts = [s.text for s in sources]
    text_home(homes, votes, texts, gaz, rules.issuer)
    named_homes(homes, votes, places, gaz)
    homes = written_homes(homes, places, texts, gaz, rules)
    in_full = {name for name, _ in homes.values() if name and any(name in t for t in texts)}
    issuer = choose_issuer(votes, homes, rules.issuer, speaks_from, gaz, title, in_full,
                           written_chains(homes, texts, gaz, rules))
    lead = first_sentence(head)
    if issuer is None:  # no body reports: a town, street or county that speaks for itself
        first = head.lines[head.lead][:lead[1] - lead[0]] if head.lead < len(head.lines) else ""
        issuer = place_issuer(title, first, places.named, gaz, rules)
    code = region_code(issuer, places, gaz, rules, speaks_from, texts, outlets)
    if issuer is None:  # a title opening with a bare body's name (教育局2022工作总结): the region's
        issuer = title_body_issuer(title, code, gaz, rules)
    text = "\n".join("" if line == title else line for line in head.lines)  # the title's year is its own
    name = town_in_county(issuer, code, texts, gaz, rules) if issuer else ""
    if issuer and name == issuer.name:
        name = placed_name(issuer, code, gaz, rules.issuer)
    return Metadata(region=gaz.region(code), region_code=code, issuer=name,
                    year=report_year(closed_years(title), closed_years(text), date, rules.year, lead))


SPACED_YEAR = re.compile(r"(?<!\d)(\d{4})([ \t\u3000\xa0]+)年")


def closed_years(text: str) -> str:
    """A year written apart from its 年 (一、2024 年工作总结, as documents converted from PDF
    write it) closed up, the space put before it: every other offset stays."""
    return SPACED_YEAR.sub(lambda m: m.group(2) + m.group(1) + "年", text)


def first_sentence(head: Head) -> tuple[int, int]:
    """(start, end) of the lead's first sentence in the text: the year it names is the article's."""
    if head.lead >= len(head.lines):
        return (0, 0)
    line = head.lines[head.lead]
    m = SENTENCE_END.search(line)
    return (head.starts[head.lead], head.starts[head.lead] + (m.end() if m else len(line)))


def describe(title: str, text: str, date: str = "", *, rules: Rules,
             entities: list[tuple[str, str]] | None = None, fields: list[str] = ()) -> Metadata:
    """Region, issuer and year of one article (normalized title and text)."""
    head = read_head(text or "", rules.title, banner_check(rules))
    return describe_page(title or "", head, date, rules=rules, fields=fields, entities=entities)


def _entity_votes(entities, gaz: Gazetteer, rules: Rules) -> list[Vote]:
    """Issuers among the organizations a segmenter recognized (国网南部县供电公司工会 too):
    an organization named by its suffix alone (总工会, 市总工会) says nothing of who
    reports, and leaves the choice to the lexicon's way."""
    votes, pos = [], 0
    for text, kind in entities:
        if str(kind) in rules.organization_types:
            suffix = next((s for s in rules.entity_suffixes if text.endswith(s)), None)  # longest first
            if suffix and len(text) - len(suffix) >= 2:
                found = gaz.find(text)
                place = found[-1] if found and len(found[-1].codes) == 1 else None
                code = place.codes[0] if place is not None else None
                name = gaz.divisions[code].name + suffix \
                    if place is not None and place.end == len(text) - len(suffix) else text
                votes.append(Vote(Body(name, "named", suffix, code, None, 0, len(text)), 1.0, pos))
        pos += len(text) + 1
    return votes


def entity_pairs(report: Report) -> list[tuple[str, str]] | None:
    """(text, label) of the report's entities, the title's first; None when none."""
    if not report.entities:
        return None
    ordered = [e for e in report.entities if e.in_title] + [e for e in report.entities if not e.in_title]
    return [(e.text, e.label) for e in ordered]


def describe_report(report: Report, lexicon) -> Report:
    """The stage: fill the report's title, date, source, url, region, issuer and year."""
    rules, meta = lexicon.metadata, lexicon.boilerplate.metadata
    fields = report.source_fields
    head = read_head(report.text, rules.title, banner_check(rules), lambda line: is_meta_line(line, meta))
    report.title = choose_title(fields.get("title", ""), head, report.dropped_lines, rules.title)
    report.date = find_date(fields, head, report.dropped_lines, meta)
    report.source = find_source(fields, head, report.dropped_lines, meta)
    report.url = report.url or fields.get("url", "")
    crumbs = [line for line in report.dropped_lines if rules.title.breadcrumb.search(line)]
    found = describe_page(report.title, head, report.date, rules=rules, entities=entity_pairs(report),
                          fields=[report.source, fields.get("sitename", ""), *crumbs[:2]],
                          authors=find_authors(fields, head, report.dropped_lines, meta))
    report.region, report.region_code = found.region, found.region_code
    report.issuer, report.year = found.issuer, found.year
    return report


STAGE = Stage("describe", describe_report, requires=("text", "source_fields", "dropped_lines", "entities"),
              provides=("title", "date", "source", "url", "issuer", "region", "region_code", "year"),
              needs=("lexicon",))
