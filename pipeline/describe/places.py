"""Region and issuer of a report: the places it names, resolved against the dataset, and
the body reporting (a place name followed by an issuer word: 翠屏区总工会)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..lexicon.sections import CITY, COUNTY, PROVINCE, MetadataRules as Rules
from .gazetteer import Gazetteer, Mention

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


LOOK_BACK = 64  # characters before an issuer suffix that a place name can take


def collect_issuers(source: str, mentions: list[Mention], rules: Rules, weight: float,
                    offset: int, in_title: bool, gaz: Gazetteer, votes: Votes) -> None:
    ends = {m.end: m for m in mentions}
    pattern = re.compile("|".join(map(re.escape, rules.suffixes)))
    for sm in pattern.finditer(source):
        pos, suffix = sm.start(), sm.group()
        mention = ends.get(pos)
        if mention is not None:
            code = mention.codes[0]
            votes.named.append((gaz.divisions[code].name + suffix, code, weight, offset + pos))
            continue
        # what comes before the suffix is looked at in place, never copied: a copy per
        # match made a long paragraph cost the square of its length
        place = next((p for p in votes.unknown_places if source.endswith(p, 0, pos)), None)
        if place is None and in_title:
            unknown = rules.unknown_place.search(source, max(0, pos - LOOK_BACK), pos)
            if unknown and not gaz.forms.get(unknown.group(1)):
                place = unknown.group(1)
                votes.unknown_places[place] = next(
                    (lv for ch, lv in rules.levels.items() if place.endswith(ch)), COUNTY)
        if place is not None:
            votes.named.append((place + suffix, None, weight, offset + pos))
            continue
        if suffix in rules.relative_suffixes:
            level = next((lv for ch, lv in rules.levels.items() if source.endswith(ch, 0, pos)), None)
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

