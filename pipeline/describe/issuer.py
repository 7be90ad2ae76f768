"""The issuer: of the bodies a page names, the one that reports.

Each mention votes with the weight of where it stands (the title counts most, then the
head of the page, the page's source fields, the body), plus `subject_weight` where the
body speaks for itself (记者从…获悉, 我代表…). A bare level (市总工会, 县残联) votes for
the body of the article's own place at that level; 全省残联 votes less. Mentions of one
body count together (南海区总工会 and 佛山市南海区总工会, 临沂市残联 and 临沂市残疾人联合会),
and the issuer is named in the longest form the page writes; a body the page names only
by its level is named with its place's name (区总工会 -> 新会区总工会), or as written when
the page never says which place it is (县残联), in the longest form written (县残联 and
县残疾人联合会: 县残疾人联合会); a national body too, as the page writes it (人社部 where
it never writes 人力资源和社会保障部, as annotation.md's longest written form says). A page that speaks as 我市 (我县, 我省)
reports for a body of that level: the bodies of levels above it (省政府, 江苏省红十字会,
全国总工会) vote with `above_own_level_weight`, and where that is 0 are no issuer at all (a
county's report that sends its children to 遵义市残联康复中心 is no city's); a page that names
no body of its own level but such ones reports for its own body of their kind (县残联).

How the chosen body is written follows the annotators of real pages (docs/annotation.md): a
city's body from its city on (without_province), a province left out where the page also
writes the name without it (without_written_province), a bare wrapped name with its place as
the page writes it (place_of), a bare body of a place the page never writes named with its
region's (placed_name); a bare body and the one named body of its kind and level are one
(merge_bare).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon.sections import CITY, COUNTY, TOWNSHIP, IssuerRules
from .bodies import WRAPPED, Body
from .gazetteer import CJK_CHAR, Gazetteer

@dataclass
class Vote:
    body: Body
    weight: float
    order: int  # where it stands in the page: the title first


@dataclass
class Issuer:
    name: str
    kind: str
    code: str | None  # the division of its place, where known
    score: float = 0.0
    first: int = 0
    names: list[str] = field(default_factory=list)  # every name written for it
    body: str = ""  # the body's full name (总工会, 妇女联合会)
    level: int | None = None  # a relative one's (县妇联): the level it is the body of
    template: str = ""        # … and its name with {place} for its place's

    @property
    def unplaced(self) -> bool:
        """Named by a bare level only, of a place the page never says (县残联)."""
        return self.code is None and self.kind in ("relative", "all") and not self.names


def place_of(body: Body, homes: dict[int, tuple[str, str]], rules: IssuerRules,
             in_full: Collection[str] = (), chained: dict[int, str] | None = None) -> tuple[str | None, str | None]:
    """(code, name) of a relative body's place: the article's own at its level. A wrapped
    one (团市委) takes its place's name as the page writes it: 睢阳区团区委 on a page writing
    睢阳区, 洛阳团市委 on one writing only 洛阳 (`in_full`: the names the page writes in full);
    another one its place's name with the city the page writes right before it (`chained`:
    长沙市开福区妇联 on a page writing 长沙市开福区, see written_chains)."""
    if body.kind in ("relative", "all") and body.level in homes:
        name, code = homes[body.level]
        if body.body == WRAPPED and name not in in_full:
            name = wrapped_place_name(name, rules)
        elif body.body != WRAPPED and body.kind == "relative" and chained and body.level in chained:
            name = chained[body.level]
        # a home the page never writes names nothing: the body stays as written (自治区总工会),
        # by its level where it is a system's or a meeting's (全市民政工作会议: 市民政局)
        return code, body.template.replace("{place}", name) if name else None
    return body.code, body.name


def wrapped_place_name(name: str, rules: IssuerRules) -> str:
    """The place's name before a bare wrapped name (团市委, 团区委): without a level word of
    one character where two or more are left (洛阳 of 洛阳市, 晋宁 of 晋宁区; 岚县 and
    博尔塔拉蒙古自治州 stay)."""
    word = next((w for w in rules.levels if len(w) == 1 and name.endswith(w)), "")
    if not word or len(name) < 3 or name.endswith("自治" + word):
        return name
    return name[:-1]


def without_province(name: str, code: str | None, gaz: Gazetteer | None) -> str:
    """A city's body written after its province (福建省漳州市慈善总会, 四川自贡市总工会, 甘肃
    嘉峪关民政局) named from its city on (漳州市慈善总会), as the page's other mentions and
    readers name a city's body; a county's keeps its chain (河北省赤城县总工会)."""
    if gaz is None or code not in gaz.divisions or gaz.divisions[code].level != CITY:
        return name
    province = code[:2] + "0000"
    for i in range(len(name) - 2, 1, -1):  # the longest form of the province first
        if province in gaz.forms.get(name[:i], ()) and \
                any(code in gaz.forms.get(name[i:j], ()) for j in range(i + 2, len(name))):
            return name[i:]
    return name


def issuer_level(found: "Issuer", key: tuple, rules: IssuerRules, gaz: Gazetteer | None) -> int | None:
    """The level of a named body's place (海安县慈善总会: a county's), by its division or, for
    a place the dataset lacks, by its name's ending (巴中经开区: 区)."""
    if found.kind in ("named", "wrapped") and gaz is not None and found.code in gaz.divisions:
        return gaz.divisions[found.code].level
    if found.kind == "unknown" and key[0] == "place" and isinstance(key[1], str):
        return next((lv for w, lv in rules.levels.items() if key[1].endswith(w)), None)
    return None


def merge_bare(by_key: dict[tuple, "Issuer"], rules: IssuerRules, gaz: Gazetteer | None) -> None:
    """A bare 县慈善总会 of a page that names no county for its home is the one county's
    慈善总会 the page names (海安县慈善总会 of a county the dataset renamed, 巴中经开区妇联),
    if it names one only, and a bare 市残联 the one county-level city's (寿光市残联) in the
    prefecture it was placed in: their votes count together."""
    for key, bare in list(by_key.items()):
        if bare.kind != "relative":
            continue
        if key[0] == "level":
            # an unknown place counts only inside a known one (巴中经开区, not 调换增补省)
            same = [k for k, c in by_key.items() if k != key and c.body == bare.body
                    and (c.kind in ("named", "wrapped") or (c.kind == "unknown" and c.code is not None))
                    and (issuer_level(c, k, rules, gaz) == key[1] or _county_city(c, key[1], gaz))]
        elif bare.level == CITY and not bare.names and gaz is not None and bare.code in gaz.divisions:
            # a bare 市残联 placed in the prefecture (潍坊 of 潍坊日报) on a page that writes the
            # body of one county-level city inside it in full (寿光市残联), and never the
            # prefecture's own (潍坊市残联): that city's
            same = [k for k, c in by_key.items() if k != key and c.body == bare.body and c.kind == "named"
                    and _county_city(c, CITY, gaz) and gaz.divisions[c.code].is_under(bare.code)]
        else:
            continue
        if len(same) == 1:
            target = by_key[same[0]]
            target.score += bare.score
            target.first = min(target.first, bare.first)
            del by_key[key]


def _county_city(found: "Issuer", level: int, gaz: Gazetteer | None) -> bool:
    """A county-level city's body (嵊州市总工会) is what its page's bare 市总工会 is."""
    return level == CITY and gaz is not None and found.code in gaz.divisions and \
        gaz.divisions[found.code].level == COUNTY and gaz.divisions[found.code].name.endswith("市")


def without_written_province(names: list[str], code: str | None, gaz: Gazetteer | None) -> list[str]:
    """The names written for a body, those that are another one with a province before it
    (山东郯城县科协, 江西省弋阳县就业局, where the page also writes 郯城县科协) left out: the
    page's own name for it is the one without."""
    province = code[:2] + "0000" if code else ""
    if gaz is None or code not in gaz.divisions or province not in gaz.divisions \
            or gaz.divisions[province].name.endswith("市"):  # 北京市朝阳区总工会: a municipality is its city
        return names
    written = set(names)
    return [n for n in names if not any(n[i:] in written and province in gaz.forms.get(n[:i], ())
                                        for i in range(2, len(n) - 1))] or names


def placed_name(issuer: "Issuer", code: str, gaz: Gazetteer, rules: IssuerRules) -> str:
    """A bare body the page never names the place of (省残联, 自治区总工会, 区妇联) named with
    the region's division of its level (辽宁省残联, 内蒙古自治区总工会, 南山区妇联), as its
    readers name it; as written when the region has none of that level."""
    if issuer.kind != "relative" or issuer.names or not issuer.template or not code or code not in gaz.divisions \
            or not issuer.name.startswith(tuple(rules.levels)):  # named with its home already
        return issuer.name
    place = next((d for d in gaz.chain(code) if d.level == issuer.level), None)
    if place is None or not issuer.name.endswith(issuer.template.replace("{place}", "")):
        return issuer.name
    composed = issuer.template.replace("{place}", place.name)
    return composed if len(composed) > len(issuer.name) else issuer.name


def spoken_level_name(body: Body, rules: IssuerRules) -> str:
    """A 全省残联 (全市各级红十字会) named as the body of its level (省残联): 全省 is the
    province's whole system, never a body's name."""
    rest = body.name[len(rules.all_levels_prefix):]
    word = next((w for w in sorted(rules.levels, key=len, reverse=True) if rest.startswith(w)), "")
    return body.template.replace("{place}", word) if word else body.name


def own_town(votes: list[Vote], rules: IssuerRules) -> Body | None:
    """The one town or street the page names a body of (桂园街道总工会), if one only."""
    towns = {v.body.place: v.body for v in votes
             if v.body.kind == "unknown" and v.body.place.endswith(rules.township_endings)}
    return next(iter(towns.values())) if len(towns) == 1 else None


def masked_places(votes: list[Vote], rules: IssuerRules) -> dict[int, Body]:
    """By level, the one place with a masked name the page names a body of (x市民政局,
    ××县妇联): the place of its bare 市民政局 too."""
    found: dict[int, dict[str, Body]] = {}
    for v in votes:
        if v.body.kind != "unknown":
            continue
        word = next((w for w in rules.levels if v.body.place.endswith(w)), None)
        if word and not CJK_CHAR.search(v.body.place[:-len(word)]):
            found.setdefault(rules.levels[word], {})[v.body.place] = v.body
    return {level: next(iter(b.values())) for level, b in found.items() if len(b) == 1}


@lru_cache(maxsize=8)  # once per loaded lexicon, not per report
def _own_level_pattern(rules: IssuerRules) -> re.Pattern:
    words = sorted(rules.own_level_words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def own_level(text: str, rules: IssuerRules) -> int | None:
    """The level the page speaks from: that of the 我市 (我县, 我省) it writes most, the
    lower level on a tie; None when it writes none."""
    if not rules.own_level_words:
        return None
    counts: dict[int, int] = {}
    for m in _own_level_pattern(rules).finditer(text):
        level = rules.own_level_words[m.group()]
        counts[level] = counts.get(level, 0) + 1
    return max(counts, key=lambda lv: (counts[lv], lv)) if counts else None


def body_level(body: Body, gaz: Gazetteer | None) -> int | None:
    """The level of a body's place: -1 for a national body, None when unknown."""
    if body.kind == "national":
        return -1
    if body.kind in ("relative", "all"):
        return body.level
    if body.kind in ("named", "wrapped") and gaz is not None and body.code in gaz.divisions:
        return gaz.divisions[body.code].level
    return None


def own_counterpart(above: Issuer, level: int, homes: dict[int, tuple[str, str]], rules: IssuerRules,
                    gaz: Gazetteer | None) -> Issuer | None:
    """The page's own body of the kind of `above`, a body of a level above the one the page
    speaks from (a 我县 page naming only its 遵义市残联: 县残联, or 赤城县残联 where the page
    names its county); None for a national body or a name of no known body's ending."""
    written = max(above.names, key=len) if above.names else above.name
    if above.kind not in ("named", "relative", "all"):
        return None
    suffix = next((w for w in sorted(set(rules.bodies), key=len, reverse=True)
                   if written.endswith(w)), "")
    word = next((w for w, lv in rules.levels.items() if lv == level), None)
    if not suffix or word is None:
        return None
    name, code = homes.get(level, (word, None))
    name = name or word  # a home the page never writes
    return Issuer(name + suffix, "relative", code, above.score, above.first, body=above.body)


def choose_issuer(votes: list[Vote], homes: dict[int, tuple[str, str]], rules: IssuerRules,
                  level: int | None = None, gaz: Gazetteer | None = None, title: str = "",
                  in_full: Collection[str] = (), chained: dict[int, str] | None = None) -> Issuer | None:
    """The body with the most votes (the first named on a tie), with its name; `level` the
    one the page speaks from (see own_level); a body of the kind the title speaks of
    (工会工作情况汇报: 总工会) gains `title_topic_weight`; `in_full` and `chained`: how the
    page writes its homes (see place_of)."""
    by_key: dict[tuple, Issuer] = {}
    above: set[tuple] = set()  # the keys of bodies above the page's own level
    town, masked = own_town(votes, rules), masked_places(votes, rules)
    for vote in votes:
        body = vote.body
        code, composed = place_of(body, homes, rules, in_full, chained)
        if (body.kind == "all" and code is None) or composed is None:  # 全省残联 of a province
            composed = spoken_level_name(body, rules)  # the page never says: 省残联
        key = body.key if code == body.code else ("place", code, body.body)
        if body.level == TOWNSHIP and town is not None:  # 街道总工会: the page's own street's
            code, composed = town.code, body.template.replace("{place}", town.place)
            key = ("place", town.place, body.body)
        elif body.kind == "relative" and code is None and body.level in masked:  # x市民政局's
            place = masked[body.level].place
            composed, key = body.template.replace("{place}", place), ("place", place, body.body)
        weight = vote.weight * (rules.all_levels_weight if body.kind == "all" else 1.0)
        weight += rules.subject_weight if body.subject else 0.0
        if level is not None and (lv := body_level(body, gaz)) is not None and lv < level:
            weight *= rules.above_own_level_weight
            if body.kind not in ("relative", "all"):  # a bare 省妇联 may be the page's own yet
                above.add(key)
        found = by_key.setdefault(key, Issuer(composed, body.kind, code, 0.0, vote.order, body=body.body,
                                              level=body.level, template=body.template))
        found.score += weight
        found.first = min(found.first, vote.order)
        if body.kind not in ("relative", "all"):
            found.names.append(body.name)
        elif body.kind == "relative" and len(composed) > len(found.name):  # 县残联, 县残疾人联合会
            found.name = composed
    if not by_key:
        return None
    merge_bare(by_key, rules, gaz)
    for found in by_key.values():
        if title and any(w in title for w in rules.title_topics.get(found.body, ())):
            found.score += rules.title_topic_weight
    if level is not None and not rules.above_own_level_weight and above:  # 我县: no city's body
        own = {k: c for k, c in by_key.items() if k not in above}
        if not own:  # only its superiors: its own body of their kind (市残联 on a 我县 page: 县残联)
            top = max(by_key.values(), key=lambda c: (c.score, -c.first))
            return own_counterpart(top, level, homes, rules, gaz)
        by_key = own
    best = max(by_key.values(), key=lambda c: (c.score, -c.first))
    if best.names:  # the longest form written; the first of those on a tie
        best.name = max((without_province(n, best.code, gaz)
                         for n in without_written_province(best.names, best.code, gaz)), key=len)
    return best


def issuer_region(issuer: Issuer | None, gaz: Gazetteer) -> str | None:
    """The code of the issuer's place; None when it has none (a national body, a place the
    dataset lacks): the region is then decided by the places the page names."""
    return issuer.code if issuer is not None and issuer.code in gaz.divisions else None
