"""The places a report names, resolved against the dataset: which 朝阳区 it is, the
article's own province, city and county, and its region when no issuer fixes it."""
from __future__ import annotations

from collections import Counter

from ..lexicon.sections import CITY, COUNTY, PROVINCE
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

