"""The administrative-division dataset: every province, city and county with its code,
and an Aho-Corasick automaton that finds their names (and short forms) in a text.

Place names come from the dataset that the cpca package ships (`cpca/resources/adcodes.csv`).
We read that file and do not import cpca: its code needs `pkg_resources`, which setuptools
81 removed.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..chinese import jieba_dictionary_path
from ..errors import LexiconError
from ..lexicon.sections import CITY, COUNTY, PROVINCE, MetadataRules as Rules

PAPER_ENDINGS = ("报", "社", "台", "刊")  # a paper's or agency's name: its words are no places

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
    page_short: bool = False  # a short name only the page gives (金湖 of its 金湖县)


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


CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")

# pyahocorasick looks a character up among a node's children one by one, in the order they
# were added: at the root, among the first characters of every name (some 900). Half a
# page's characters are in no name; find() reads each of them as NO_NAME, the root's first
# child (of a word no text holds), and so one look instead of 900. The matches stay the
# same: from any node such a character leads back to the root, as NO_NAME's node does.
NO_NAME, NEVER_AFTER = "\x00", "\uffff"


@dataclass(eq=False)
class Gazetteer:
    """Every division by code, and an Aho-Corasick automaton of their names and short forms."""
    divisions: dict[str, Division]
    forms: dict[str, tuple[str, ...]]  # name or short form -> codes
    min_county_name_length: int
    automaton: object = field(repr=False, default=None)
    short_not_before: tuple[str, ...] = ()  # 玉林街道 is no 玉林市
    county_shorts: dict[str, str] = field(default_factory=dict)  # 通山 -> 421224, for outlets' names
    chained_only: frozenset[str] = frozenset()  # names that are also words (会同县): in a chain only
    body_words: tuple[str, ...] = ()  # a short county name right before one (泾县民政局) counts
    towns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # towns.tsv: town -> county codes
    not_in_names: re.Pattern | None = field(repr=False, default=None)  # a character of no form (NO_NAME)
    wrapped: tuple[tuple[str, str], ...] = ()  # names wrapped round a place (共青团岚县县委): it counts

    def find(self, text: str, weight: float = 1.0) -> list[Mention]:
        """Division names in `text`, longest first, the short county ones only in a chain
        (宜宾市翠屏区, 安徽省和县) or right before a body's name (泾县民政局), each resolved to
        its parent's child where chained."""
        found = []
        scanned = self.not_in_names.sub(NO_NAME, text) if self.not_in_names is not None else text
        for last, form in self.automaton.iter_long(scanned):
            if self.short_not_before and text.startswith(self.short_not_before, last + 1) \
                    and all(self.divisions[c].name != form for c in self.forms[form]):
                continue  # a short form inside a smaller place's name: 玉林街道
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
                    (len(m.text) < self.min_county_name_length and not self._named_body(text, m)
                     or m.text in self.chained_only):
                continue
            out.append(m)
        return out

    def _named_body(self, text: str, m: Mention) -> bool:
        """A short county name as the dataset writes it (or as it was written before the
        county became a district of that name: 沙县 of 沙县区), alone, right before a body's
        name (`，泾县民政局`, `沙县妇联`; not `完成市政府`, 成县 renamed), or wrapped in a
        body's name (共青团岚县县委, 团岚县委)."""
        if not all(self.divisions[c].name in (m.text, m.text + "区") for c in m.codes):
            return False
        for before, after in self.wrapped:
            if text.endswith(before, 0, m.start) and \
                    (text.startswith(after, m.end) or text.startswith(m.text[-1] + after, m.end)):
                return True
        before = text[m.start - 1:m.start]
        return bool(self.body_words) and text.startswith(self.body_words, m.end) \
            and (not before or not CJK_CHAR.match(before) or before in "年日")

    def county_of_outlet(self, name: str, paper_max_frequency: float | None = None) -> str | None:
        """The county an outlet's name gives by its name without 县 or 区 (云上通山,
        安吉新闻网), where only one county goes by it; none where find() finds a place. A
        paper's or agency's name (光明日报, 新民晚报) gives one only by its opening, a word
        rarer than `paper_max_frequency` in jieba's dictionary (仙游今报: 仙游)."""
        if self.find(name):
            return None
        if name.endswith(PAPER_ENDINGS):
            return self._opening_county(name, paper_max_frequency) if paper_max_frequency is not None else None
        for size in (4, 3, 2):
            for i in range(len(name) - size + 1):
                code = self.county_shorts.get(name[i:i + size])
                if code is not None:
                    return code
        return None

    def county_opening(self, title: str) -> str | None:
        """The county whose name without 县 or 区 opens `title` (巫山研究部署…), where only
        one county goes by it and the title names no place of the dataset."""
        if not title or self.find(title):
            return None
        return self._opening_county(title)

    def _opening_county(self, text: str, max_frequency: float | None = None) -> str | None:
        """The county whose name without 县 or 区 opens `text`, the longest first; with
        `max_frequency`, only a name rarer than that in jieba's dictionary."""
        return next((self.county_shorts[text[:size]] for size in (4, 3, 2) if text[:size] in self.county_shorts
                     and (max_frequency is None or word_frequency(text[:size]) < max_frequency)), None)

    def counties_by_short_name(self, text: str, max_frequency: float, boundary_frequency: float) -> set[str]:
        """The counties `text` names by their names without 县 (子洲 of 子洲县) that are rare
        words (dictionary frequency below `max_frequency`), not inside a smaller place's
        name (子洲路) and not cut from the words around them: no word as common as
        `boundary_frequency` starts at its last character or ends at its first (党和政府
        holds 和政, whose 政 starts 政府)."""
        found = set()
        for last, short in _short_automaton(self).iter(text):
            start, end = last - len(short) + 1, last + 1
            if text.startswith(self.short_not_before, end) or word_frequency(short) >= max_frequency:
                continue
            if any(len(pair) == 2 and word_frequency(pair) >= boundary_frequency
                   for pair in (text[start - 1:start + 1] if start else "", text[end - 1:end + 1])):
                continue
            found.add(self.county_shorts[short])
        return found

    def town_counties(self, town: str, within: str | None = None) -> tuple[str, ...]:
        """The counties of the dataset that have a town or street of this name (towns.tsv),
        inside `within` if given."""
        return tuple(c for c in self.towns.get(town, ()) if c in self.divisions
                     and (within is None or c == within or self.divisions[c].is_under(within)))

    def towns_named(self, text: str, endings: tuple[str, ...]) -> list[str]:
        """The towns and streets of towns.tsv that `text` names, with their ending (南雁镇,
        方松街道), the longest name ending at each ending, of two characters at least before
        it; once each."""
        if not self.towns or not endings:
            return []
        found: dict[str, None] = {}
        for m in _ending_pattern(endings).finditer(text):
            # two characters at least before the ending: 兴镇 of 弘扬兴镇精神 is a word, no town
            for size in range(min(MAX_TOWN_CHARS, m.end()), len(m.group()) + 1, -1):
                name = text[m.end() - size:m.end()]
                if name in self.towns:
                    found.setdefault(name)
                    break
        return list(found)

    def chain(self, code: str) -> list[Division]:
        """The division and those above it that are real places, province first."""
        d = self.divisions[code]
        return [self.divisions[c] for c in d.ancestor_codes if c in self.divisions] + [d]

    def region(self, code: str | None) -> str:
        return "/".join(d.name for d in self.chain(code)) if code else ""


@lru_cache(maxsize=8)
def short_name_endings(rules: Rules, county: bool = False, also: bool = False) -> tuple[re.Pattern, ...]:
    """The short-form endings of the rules, with the ethnic groups of the dataset (`also`:
    those that give a province or city one more form each)."""
    patterns = rules.also_short_name_endings if also else \
        rules.county_short_name_endings if county else rules.short_name_endings
    return tuple(re.compile(p.replace("{ethnic_groups}", _ethnic_groups())) for p in patterns)


def short_form(name: str, rules: Rules, county: bool = False) -> str | None:
    """达州 for 达州市, 广西 for 广西壮族自治区; for a county (`county`), 威宁自治县 for
    威宁彝族回族苗族自治县 only."""
    return next(iter(short_forms(name, rules, county)), None)


def short_forms(name: str, rules: Rules, county: bool = False) -> list[str]:
    """Every short form of the rules' endings: for a province or city the first only (达州
    for 达州市), then one of each `also_short_name_endings` (黔南州 beside 黔南 for 黔南布依族
    苗族自治州); for a county one of each pattern (威宁自治县 and 威宁县 for 威宁彝族回族苗族
    自治县)."""
    out: list[str] = []
    for pattern in short_name_endings(rules, county):
        if _add_short(name, pattern, out) and not county:
            break
    for pattern in short_name_endings(rules, also=True) if not county else ():
        _add_short(name, pattern, out)
    return out


def _add_short(name: str, pattern: re.Pattern, out: list[str]) -> bool:
    m = pattern.search(name, 2)  # the place's own name keeps 2 characters: 彭水苗族…, not 彭 + 水(族)苗族…
    short = name[:m.start()] + name[m.end():] if m else name
    if short != name and len(short) >= 2 and short not in out:  # 内蒙古自治区 is not 内 + 蒙古自治区
        out.append(short)
        return True
    return False


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
            divisions[code] = Division(code, name, _level(code))
    old_forms = _current_divisions(divisions, rules)
    forms: dict[str, list[str]] = {}
    shorts_seen: set[str] = set()
    names = {d.name for d in divisions.values()}
    for d in divisions.values():
        forms.setdefault(d.name, []).append(d.code)
        for short in short_forms(d.name, rules, county=d.level == COUNTY):
            shorts_seen.add(short)
            if short not in rules.ambiguous_short_names and short not in divisions and short not in names:
                forms.setdefault(short, []).append(d.code)
    for name, code in old_forms.items():  # 彬县 for 彬州市
        if code not in forms.setdefault(name, []):
            forms[name].append(code)
    for code, places in rules.places_in.items():  # 彰化县: a place of 台湾省 the dataset lacks
        if code not in divisions:
            raise LexiconError(f"{rules.path}:{_line(rules.path, 'places_in')}: places_in: "
                               f"{code} is no division of the dataset")
        for name in places:
            if code not in forms.setdefault(name, []):
                forms[name].append(code)
    for d in divisions.values():  # 宁乡市 for the dataset's 宁乡县
        for new in rules.county_renamed_endings.get(d.name[-1:], ()) if d.level == COUNTY else ():
            renamed = d.name[:-1] + new
            if renamed not in names and renamed not in forms:
                forms.setdefault(renamed, []).append(d.code)
    unknown = sorted(rules.ambiguous_short_names - shorts_seen)
    if unknown:
        raise LexiconError(f"{rules.path}:{_line(rules.path, 'ambiguous_short_names')}: "
                           f"not a short form of any province or city: {', '.join(unknown)}")
    automaton = ahocorasick.Automaton()
    automaton.add_word(NO_NAME + NEVER_AFTER, None)  # first of the root's children (see NO_NAME)
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    name_chars = "".join(sorted(set("".join(forms))))
    return Gazetteer(divisions, {k: tuple(v) for k, v in forms.items()},
                     rules.min_county_name_length, automaton, rules.short_name_not_before,
                     _county_shorts(divisions, forms, rules), rules.chained_only_names,
                     tuple(sorted(rules.issuer.bodies, key=len, reverse=True)), rules.towns,
                     re.compile(f"[^{re.escape(name_chars)}]"), rules.issuer.wrapped)


MAX_TOWN_CHARS = 8  # a town's name with its ending: 王庆坨镇, 东花市街道, 鄂温克族苏木


@lru_cache(maxsize=8)
def _ending_pattern(endings: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(endings, key=len, reverse=True))))


def _level(code: str) -> int:
    return PROVINCE if code.endswith("0000") else CITY if code.endswith("00") else COUNTY


def _current_divisions(divisions: dict[str, Division], rules: Rules) -> dict[str, str]:
    """Put in the divisions renamed or made since the dataset (report_metadata.yaml's
    current_divisions), taking out those they were; returns their old names (彬县 -> 610482)."""
    old_forms: dict[str, str] = {}
    for code, (name, *old_names) in rules.current_divisions.items():
        for old in old_names:
            same = [d for d in divisions.values() if d.name == old and d.code[:2] == code[:2]]
            near = [d for d in same if d.code[:4] == code[:4]] if len(same) > 1 else same
            if len(near) == 1 and near[0].code != code:
                del divisions[near[0].code]
            if old != name:
                old_forms[old] = code
        divisions[code] = Division(code, name, _level(code))
    return old_forms


@lru_cache(maxsize=4)
def _short_automaton(gaz: Gazetteer):
    """An automaton of the counties' names without 县 (county_shorts)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for short in gaz.county_shorts:
        automaton.add_word(short, short)
    if len(automaton) == 0:
        automaton.add_word("\0", "\0")  # an empty automaton cannot be made
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _dictionary_text() -> str:
    return "\n" + jieba_dictionary_path().read_text(encoding="utf-8")


@lru_cache(maxsize=8192)
def word_frequency(word: str) -> int:
    """The word's frequency in jieba's dictionary (chinese.jieba_dictionary_path), 0 for a
    word it lacks: how common a word is, to tell a county's short name (子洲, 3) from a
    word (新建, 1000). Looked up for the few words asked, in the file read once and lazily,
    not parsed whole as chinese.common_word_frequencies does (which also stops at two
    characters)."""
    text = _dictionary_text()
    at = text.find("\n" + word + " ")
    if at < 0:
        return 0
    rest = text[at + len(word) + 2:at + len(word) + 14].split(" ", 1)[0].split("\n", 1)[0]
    return int(rest) if rest.isdigit() else 0


def _county_shorts(divisions: dict[str, Division], forms: dict, rules: Rules) -> dict[str, str]:
    """通山 for 通山县: counties' names without their last character (an autonomous one's
    without its peoples too: 秀山 for 秀山土家族苗族自治县), where only one county has it and
    it is no other place's name."""
    shorts: dict[str, list[str]] = {}
    for d in divisions.values():
        if d.level == COUNTY and "自治" in d.name:
            for short in short_forms(d.name, rules, county=True):  # 秀山县: 秀山
                if "自治" not in short and short[-1] in "县旗" and len(short) >= 3:
                    shorts.setdefault(short[:-1], []).append(d.code)
        elif d.level == COUNTY and len(d.name) >= 3 and d.name[-1] in "县区市旗":
            shorts.setdefault(d.name[:-1], []).append(d.code)
    return {k: v[0] for k, v in shorts.items()
            if len(v) == 1 and k not in forms and k not in rules.ambiguous_short_names}



def _line(path: Path, key: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            return n
    return 1
