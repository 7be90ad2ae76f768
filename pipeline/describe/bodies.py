"""Bodies named in a text: who may be the report's issuer.

A body is written in one of these ways (the words are report_metadata.yaml's `issuer`):

    named     a place, then a body's name        佛山市南海区总工会, 衡南县民政局, 重庆市总
    relative  a level, then a body's name        市总工会, 县残联, 区人社局, 街道总工会 (the article's
                                                 own place; its own town, the one it names)
    all       全 + a level, then a body's name   全省残联, 全市各级红十字会
    wrapped   a body's name around its place     共青团宜宾市委, 团湘潭市委, 团县委
    company   a company's name, then 工会         中国铁路郑州局集团有限公司工会
    self_named  a body's own name, then 基金会    曾宪梓教育基金会 (no place: no region)
    national  a national body                    全国总工会, 全总, 中华慈善总会
    unknown   a place the dataset lacks, then a  玉林街道工会联合会, 贡江镇总工会, xx街道总工会,
              body's name (a town or street      于都县贡江镇总工会 (in its county), 烟墩镇工会,
              anywhere, others in the title and  达州高新技术产业园区总工会 (a zone, in its place),
              head only); or one the dataset     鼓楼区总工会 (of no one city)
              has several of, left unresolved

A body named as another than the reporting one is left out: the one above it (在…领导下),
one that awards it or gives it its tasks (被省总工会授予, 市政府下达的任务), a partner
(与省红十字会共同实施): report_metadata.yaml's `above_before`/`above_after` and `other_bodies`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.patterns import needed_literal, trie_alternation
from ..lexicon.sections import COUNTY, PROVINCE, TOWNSHIP, IssuerRules
from .gazetteer import CJK_CHAR, Gazetteer, Mention



@dataclass
class Body:
    name: str          # as written (an abbreviation expanded: 重庆市总 -> 重庆市总工会)
    kind: str          # named, relative, all, wrapped, company, self_named, national, unknown
    body: str          # the body's full name (残疾人联合会 for 残联); for national ones, its name
    code: str | None   # the division of its place, where known
    level: int | None  # for relative and all ones: the level of the article's place
    start: int         # in the text it was found in
    end: int
    template: str = ""     # for relative and all ones: the name, {place} for the place's
    subject: bool = False  # the body speaks for itself (记者从…获悉)
    place: str = ""        # for unknown ones: the place's own name (贡江镇)

    @property
    def key(self) -> tuple:
        """Mentions of one body share this (relative ones once their place is known)."""
        if self.kind == "national":
            return ("national", self.body)
        if self.kind == "company":
            return ("company", self.code or self.name)
        if self.kind == "self_named":
            return ("self_named", self.name)
        if self.kind == "unknown":  # 贡江镇, 玉林街道: named by itself, whatever county it is in
            return ("place", self.place, self.body)
        if self.code is not None:
            return ("place", self.code, self.body)
        return ("level", self.level, self.body)


@lru_cache(maxsize=4)
def _patterns(rules: IssuerRules) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    # the longest body word at a position, as their alternation longest first would find it
    suffix = re.compile(trie_alternation(set(rules.bodies) | set(rules.abbreviations) | set(rules.township_bodies)))
    national = re.compile("|".join(map(re.escape, sorted(rules.national, key=len, reverse=True))))
    levels = "|".join(map(re.escape, rules.levels))
    wrapped = re.compile("|".join(f"{re.escape(b)}(?P<lv{i}>{levels}){re.escape(a)}"
                                  for i, (b, a) in enumerate(rules.wrapped)))
    return suffix, national, wrapped


WRAPPED = "wrapped"  # the body of every wrapped name (共青团…委, 团…委): one kind of body


def full_body(suffix: str, rules: IssuerRules) -> str:
    return rules.same_body.get(suffix, suffix)


# What the rules read around a body's name, in characters: the text is searched within
# these bounds, never copied up to the match (a copy per match made a long paragraph cost
# the square of its length).
LOOK_BACK = LOOK_AHEAD = 64


def _above(text: str, start: int, end: int, rules: IssuerRules) -> bool:
    """The body is named as another than the reporting one: the one above it (在市委和省总工会
    的指导下), one that awards it or sets its tasks (被省总工会表彰, 市政府下达的), a partner."""
    lo, after = max(0, start - LOOK_BACK), text[end:end + LOOK_AHEAD]
    pairs = ((rules.above_before, rules.above_after), *rules.other_bodies)
    return any(before.search(text, lo, start) and later.search(after) for before, later in pairs)


def _subject(text: str, start: int, end: int, rules: IssuerRules) -> bool:
    return any(p.search(text, max(0, start - LOOK_BACK), start) for p in rules.subject_before) or \
        any(p.match(text, end, end + LOOK_AHEAD) for p in rules.subject_after)


def written_parents(mention: Mention, ends: dict[int, Mention], gaz: Gazetteer) -> list[Mention]:
    """The places written right before this one that hold it (佛山市 of 佛山市南海区), the
    nearest first."""
    parents, start, code = [], mention.start, mention.codes[0]
    while (prev := ends.get(start)) is not None and gaz.divisions[code].is_under(prev.codes[0]):
        parents.append(prev)
        start, code = prev.start, prev.codes[0]
    return parents


def written_start(mention: Mention, ends: dict[int, Mention], gaz: Gazetteer) -> int:
    """Where the place's name starts, its parents written before it included (佛山市南海区)."""
    parents = written_parents(mention, ends, gaz)
    return parents[-1].start if parents else mention.start


def chain_name(mention: Mention, ends: dict[int, Mention], gaz: Gazetteer) -> str:
    """The names of the place's parents written before it, each by its full name (长春二道区:
    长春市, as the chain is written in full once it is written at all)."""
    return "".join(gaz.divisions[p.codes[0]].name for p in reversed(written_parents(mention, ends, gaz)))


def find_bodies(text: str, places: list[Mention], gaz: Gazetteer, rules: IssuerRules,
                unknown_places: bool = False) -> list[Body]:
    """The bodies named in `text` (one line or field), given its resolved place mentions;
    `unknown_places` also takes places the dataset lacks (in the title and the head)."""
    suffix_re, national_re, wrapped_re = _patterns(rules)
    ends = {m.end: m for m in places}
    found: list[Body] = []
    for m in suffix_re.finditer(text):
        body = _suffixed(text, m.start(), m.group(), ends, gaz, rules, unknown_places)
        if body is not None:
            found.append(body)
    found += _national(text, national_re, rules)
    found += _regional(text, rules)
    found += _wrapped(text, places, wrapped_re, gaz, rules)
    found += _systems(text, found, rules)
    found += _companies(text, places, rules)
    found += _self_named(text, places, rules)
    out = []
    for b in found:
        if not _above(text, b.start, b.end, rules):
            b.subject = _subject(text, b.start, b.end, rules)
            out.append(b)
    return sorted(out, key=lambda b: b.start)


def short_stems(codes: set[str], gaz: Gazetteer, rules: IssuerRules) -> list[tuple[str, str]]:
    """(stem, code) of the places of `codes` (those the page names in full) that the page may
    write without their level (金湖 of 金湖县), for page_short_names: the dataset's forms
    leave out a short name of two characters, a word as often as a place, but a page that
    names the place calls its body so. Found once a page, for all its lines."""
    stems: dict[str, list[str]] = {}
    for code in sorted(codes):  # sorted: the same result in every process, whatever the hash seed
        name = gaz.divisions[code].name
        level = next((w for w in rules.levels if name.endswith(w)), "")
        stems.setdefault(name[:-len(level)] if level else "", []).append(code)
    # 五华 of both 五华区 and 五华县 named: which one the page means is not known
    return [(stem, named[0]) for stem, named in stems.items()
            if len(stem) >= 2 and stem not in gaz.forms and len(named) == 1]


def page_short_names(text: str, stems: list[tuple[str, str]], rules: IssuerRules) -> list[Mention]:
    """The places of `stems` (see short_stems) written in `text` without their level right
    before a body's name (金湖妇联 on a page naming 金湖县, 西青团区委 on one naming 西青区)."""
    suffix_re, _, wrapped_re = _patterns(rules)
    out = []
    for stem, code in stems:
        at = text.find(stem)
        while at >= 0:
            end = at + len(stem)
            if suffix_re.match(text, end) or wrapped_re.match(text, end):  # 西青团区委 too
                out.append(Mention(at, end, stem, (code,), page_short=True))
            at = text.find(stem, end)
    return out


def _known_tail(name: str, gaz: Gazetteer) -> str | None:
    """The longest end of an unknown place's name that is the one place of the dataset with
    that name (道县 of 成立道县), if any."""
    for i in range(1, len(name) - 1):
        if len(gaz.forms.get(name[i:], ())) == 1:
            return name[i:]
    return None


def _after_county_name(place: Mention | None, gaz: Gazetteer, rules: IssuerRules) -> bool:
    """`place` is a county's or district's name written in full, ending in one of
    township_bodies_after (驿城区 of 驿城区工会): a body of it, as a town's would be."""
    return place is not None and not place.page_short and place.text.endswith(rules.township_bodies_after) \
        and gaz.divisions[place.codes[0]].level == COUNTY


def _suffixed(text, pos, suffix, ends, gaz, rules: IssuerRules, unknown_places) -> Body | None:
    """The body whose name is `suffix` at `pos`: after a place, a level, or a new place."""
    end = pos + len(suffix)
    if suffix in rules.township_bodies and (not text.endswith(rules.township_endings, 0, pos)
                                            or text.endswith(rules.township_not_words, 0, pos)) \
            and not _after_county_name(ends.get(pos), gaz, rules):
        return None  # 工会 after a town or street only (烟墩镇工会), never 达州工会 nor 城乡工会
    if text[end:end + 1] in rules.body_not_before:  # 县就业局势: a word the name only starts
        return None
    abbreviation = suffix in rules.abbreviations  # 重庆市总, 云南省总: not 全市总投资
    if abbreviation and text[end:end + 1] in rules.abbreviation_not_before:
        return None
    body = full_body(suffix, rules)
    written = body if abbreviation else suffix
    place = ends.get(pos)
    if place is not None:
        start = written_start(place, ends, gaz)
        named = chain_name(place, ends, gaz) + text[place.start:pos]
        if place.page_short:  # 金湖妇联, of the 金湖县 the page names: 金湖县妇联
            named = chain_name(place, ends, gaz) + gaz.divisions[place.codes[0]].name
        return Body(named + written, "named", body, place.codes[0], None, start, end)
    lo = max(0, pos - LOOK_BACK)  # `$` of the patterns is at pos, `^` the text's own start
    county, town_start = _town_after_place(text, pos, ends, rules, gaz)
    if county is None:  # 达州高新技术产业园区总工会: a zone in its place
        county, town_start = _zone_after_place(text, pos, ends, rules)
    if county is not None:  # 于都县贡江镇总工会, 东城区东花市街道总工会: in its county
        start = written_start(county, ends, gaz)
        return Body(text[start:pos] + written, "unknown", body, county.codes[0], None, start, end,
                    place=text[town_start:pos])
    town = _known_town(text, pos, gaz, rules)
    if town is not None and not rules.unknown_place.search(text, lo, pos):
        return Body(town + written, "unknown", body, None, None, pos - len(town), end, place=town)
    u = rules.unknown_place.search(text, lo, pos)
    known = _known_tail(u.group(1), gaz) if u else None
    if known is not None:  # 成立道县退役军人事务局: the words before a place it knows are no name
        start = pos - len(known)
        return Body(known + written, "named", body, gaz.forms[known][0], None, start, end)
    # a place the dataset lacks, or one it has several of that the page leaves unresolved
    # (鼓楼区总工会 on a page naming neither 南京 nor 福州): named as written, of no division
    if u and len(gaz.forms.get(u.group(1), ())) != 1 and not u.group(1).startswith(rules.unknown_place_not_first) and \
            (unknown_places or u.group(1).endswith(rules.township_endings)):
        return Body(u.group(1) + written, "unknown", body, None, None, u.start(1), end, place=u.group(1))
    infix = "" if abbreviation else next((w for w in rules.all_levels_infix if text.endswith(w, 0, pos)), "")
    bare_end = pos - len(infix)
    level_word = next((w for w in rules.levels if text.endswith(w, 0, bare_end)), None)
    if level_word is None:
        town_word = next((w for w in rules.township_endings if text.endswith(w, 0, bare_end)), None)
        if town_word is None or infix or text.endswith(rules.relative_not_after, 0, pos - len(town_word)):
            return None  # 乡镇总工会, 各街道总工会: the bodies of many
        start = pos - len(town_word)  # 街道总工会, 镇总工会: the page's own town's
        return Body(text[start:end], "relative", body, None, TOWNSHIP, start, end, "{place}" + written)
    start = pos - len(infix) - len(level_word)
    template = "{place}" + rules.spoken_forms.get(written, written)
    if rules.all_levels_prefix and not abbreviation and text.endswith(rules.all_levels_prefix, 0, start):
        start -= len(rules.all_levels_prefix)  # 全省残联, 全省各级红十字会
        return Body(text[start:end], "all", body, None, rules.levels[level_word], start, end, template)
    if infix or text.endswith(rules.relative_not_after, 0, start) or \
            (abbreviation and CJK_CHAR.match(text[max(0, start - 1):start] or " ")):
        return None  # 各市总工会, 省市总工会; 我市总: a bare abbreviation stands alone
    return Body(text[start:end], "relative", body, None, rules.levels[level_word], start, end, template)


def _town_after_place(text: str, pos: int, ends: dict[int, Mention], rules: IssuerRules, gaz: Gazetteer):
    """(the place, the town's start) of a town or street named right after a place of the
    dataset and right before `pos` (于都县贡江镇, 东城区东花市街道; 长兴县和平镇 too, a town of
    towns.tsv whose name holds a character the township pattern keeps out); (None, pos) when
    none."""
    for start in range(max(0, pos - 8), pos - 2):  # 2 to 4 characters and the ending: the longest first
        if start in ends and (rules.township.fullmatch(text, start, pos) or text[start:pos] in gaz.towns):
            return ends[start], start
    return None, pos


def _known_town(text: str, pos: int, gaz: Gazetteer, rules: IssuerRules) -> str | None:
    """A town or street of towns.tsv named alone right before `pos`, after no other word
    (和平镇 of 和平镇总工会, whose 和 no unknown place may hold), the longest; None when none."""
    for start in range(max(0, pos - 8), pos - 2):
        name = text[start:pos]
        if name in gaz.towns and name.endswith(rules.township_endings) and \
                not CJK_CHAR.match(text[max(0, start - 1):start] or " "):
            return name
    return None


def _zone_after_place(text: str, pos: int, ends: dict[int, Mention], rules: IssuerRules):
    """(the place, the zone's start) of a development zone named right after a place of the
    dataset and right before `pos` (达州高新技术产业园区, 苏州工业园区); (None, pos) when none."""
    if not text.endswith(rules.zone_endings, 0, pos):  # the common case: which ending, only if one
        return None, pos
    ending = next(e for e in rules.zone_endings if text.endswith(e, 0, pos))
    zone_start = pos - len(ending)
    for start in range(zone_start, max(-1, zone_start - rules.zone_name_chars - 1), -1):
        if start in ends and all(CJK_CHAR.match(c) for c in text[start:zone_start]):
            return ends[start], start
    return None, pos


def _national(text: str, pattern: re.Pattern, rules: IssuerRules) -> list[Body]:
    out = []
    for m in pattern.finditer(text):
        if len(m.group()) <= 2 and m.start() > 0 and text[m.start() - 1] in rules.national_not_after:
            continue  # 安全总监 holds no 全总
        if text.startswith(rules.national_not_before, m.end()):
            continue  # 人社部门, 民政部门: a place's departments, no ministry
        out.append(Body(m.group(), "national", rules.national[m.group()], None, None, m.start(), m.end()))
    return out


@lru_cache(maxsize=4)
def _regional_pattern(rules: IssuerRules) -> re.Pattern | None:
    names = sorted(rules.regional, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def _regional(text: str, rules: IssuerRules) -> list[Body]:
    """Bodies known by a name of their own in one division (issuer.regional: 香港工会联合会,
    工联会, 澳门劳工事务局): named as written, in their division."""
    pattern = _regional_pattern(rules)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        body, code = rules.regional[m.group()]
        # another name right after a word is that word's (行业工联会, a mainland trade's union)
        if m.group() != body and CJK_CHAR.match(text[max(0, m.start() - 1):m.start()] or " "):
            continue
        out.append(Body(m.group(), "named", body, code or None, None, m.start(), m.end()))
    return out


def _wrapped(text, places, pattern: re.Pattern, gaz: Gazetteer, rules: IssuerRules) -> list[Body]:
    """共青团宜宾市委 (a place inside), 团县委 (a level inside: the article's own place)."""
    out: list[Body] = []
    ends = {p.end: p for p in places}
    for before, after in rules.wrapped:
        if before not in text:  # the common case: no place of the text is wrapped so
            continue
        for p in places:
            # the place with its parents written before it (团山东省济南市平阴县委); a county
            # may say 县 again (共青团岚县县委, 共青团围场满族蒙古族自治县县委)
            start, end = written_start(p, ends, gaz) - len(before), p.end + len(after)
            if text.startswith(p.text[-1] + after, p.end) and p.text[-1] in rules.levels:
                end += 1
            if start >= 0 and text[start:start + len(before)] == before and text[end - len(after):end] == after \
                    and not any(b.start <= start < b.end for b in out):
                out.append(Body(text[start:end], "wrapped", WRAPPED, p.codes[0], None, start, end))
    for m in pattern.finditer(text):
        if any(b.start <= m.start() < b.end for b in out):
            continue
        group, level_word = next((k, v) for k, v in m.groupdict().items() if v)
        level = rules.levels[level_word]
        place = ends.get(m.start())
        if place is not None and gaz.divisions[place.codes[0]].level == level:
            # 池州团市委, 洛阳市团市委: the place written before the bare name, as news writes
            # it; named as written
            out.append(Body(text[place.start:m.end()], "wrapped", WRAPPED, place.codes[0], None,
                            place.start, m.end()))
            continue
        # 团市委 alone: named with its place before it, as every bare level is (遵义市团市委,
        # as 遵义市总工会), the way the pages and their annotators write it
        out.append(Body(m.group(), "relative", WRAPPED, None, level, m.start(), m.end(), "{place}" + m.group()))
    return out


@lru_cache(maxsize=4)
def _system_pattern(rules: IssuerRules) -> tuple[re.Pattern | None, dict[str, dict[str, str]]]:
    """全市民政系统, 全省人力资源和社会保障工作会议: the stems of the bodies ending in one of
    system_body_endings, each with its body by ending (民政 -> {局: 民政局, 厅: 民政厅})."""
    stems: dict[str, dict[str, str]] = {}
    for body in rules.bodies:
        ending = next((e for e in rules.system_body_endings if body.endswith(e)), None)
        if ending is not None:
            stems.setdefault(body[:-len(ending)], {})[ending] = body
    if not rules.all_levels_prefix or not rules.system_words or not stems:
        return None, stems
    levels = "|".join(map(re.escape, sorted(rules.levels, key=len, reverse=True)))
    alternatives = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
    words = "|".join(map(re.escape, sorted(rules.system_words, key=len, reverse=True)))
    return re.compile(f"{re.escape(rules.all_levels_prefix)}(?P<level>{levels})(?P<stem>{alternatives})"
                      f"(?:{words})"), stems


def _systems(text: str, found: list[Body], rules: IssuerRules) -> list[Body]:
    """A body the page names only by its system or its meeting (全市人力资源和社会保障工作会议,
    全县民政系统): all the bodies of its level, as 全市残联 is; a province's takes the
    last of system_body_endings (省民政厅), the others the first (市民政局), where the
    body has that ending, else the one it has."""
    pattern, stems = _system_pattern(rules)
    out: list[Body] = []
    for m in pattern.finditer(text) if pattern is not None else ():
        if any(b.start <= m.start() < b.end for b in found):
            continue
        level = rules.levels[m.group("level")]
        by_ending = stems[m.group("stem")]
        endings = rules.system_body_endings
        preferred = endings[-1] if level == PROVINCE else endings[0]
        body = by_ending.get(preferred) or next(iter(by_ending.values()))
        out.append(Body(m.group(), "all", rules.same_body.get(body, body), None, level, m.start(), m.end(),
                        "{place}" + body))
    return out


def _companies(text: str, places: list[Mention], rules: IssuerRules) -> list[Body]:
    out = []
    if needed_literal(rules.company.pattern, rules.company.flags) not in text:
        return out  # a line without 工会 names no company's union: a substring test, not a scan
    for m in rules.company.finditer(text):
        inside = [p for p in places if m.start("name") <= p.start and p.end <= m.end("name")]
        code = inside[-1].codes[0] if inside else None
        out.append(Body(m.group(), "company", m.group("body"), code, None, m.start(), m.end()))
    return out


def _self_named(text: str, places: list[Mention], rules: IssuerRules) -> list[Body]:
    """Bodies named by a name of their own, not a place's (曾宪梓教育基金会): like a national
    body, they have no region; one whose name opens with a place (江苏省慈善基金会) is a
    place's body, found as such."""
    out = []
    if rules.self_named is None or needed_literal(rules.self_named.pattern, rules.self_named.flags) not in text:
        return out
    for m in rules.self_named.finditer(text):
        if not any(p.start == m.start("name") for p in places):
            out.append(Body(m.group(), "self_named", m.group("body"), None, None, m.start(), m.end()))
    return out
