"""One loader per lexicon file: each reads its file, checks it and returns its section.

A section is a small frozen dataclass of what the stages read. Checks that involve
another file (a category named in a default, a dimension named in a rule) are made
against the sections already loaded, which `load_all` passes along in file order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from ..numerals import CN_NUMERAL_CHARS
from . import yaml_file as y
from .yaml_file import FLAG, NUMBER, TEXT, WHOLE, WORD, WORDS, Either, Mapping, Record, Seq

QUALIFIERS = ("exact", "approx", "over", "under", "at_least", "at_most")


# ------------------------------------------------------------------------- units.yaml

@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    factor: float = 1.0
    currency: str = ""     # ISO 4217, for a unit of the money dimension that names one (美元)
    digits: bool = False   # the number is read digit by digit: 八五折 is 8.5 折
    listed: bool = True    # False: a measure word from jieba's dictionary, not from the file


@dataclass(frozen=True, eq=False)
class Units:
    by_word: dict[str, Unit]
    durations: frozenset[str]
    dimensions: tuple[str, ...]       # in the file's order: the tables' order
    ratio_dimensions: frozenset[str]  # ratios already: never per unit, never summed
    currency_dimension: str = ""      # the dimension whose figures carry a currency
    default_currency: str = ""        # of its units that name none (元, 块钱)
    # the default in a report of these provinces (台湾省 -> TWD: 元 on a Taiwan page is NT$)
    regional_currencies: dict[str, str] = field(default_factory=dict)
    currency_prefixes: dict[str, str] = field(default_factory=dict)  # 港币 (50万元) -> HKD
    sub_units: dict[str, float] = field(default_factory=dict)        # 角 -> 0.1 (15元5角)
    sub_units_after: tuple[str, ...] = ()                            # 元, 块
    time_amount_magnitudes: frozenset[str] = frozenset()  # 96万小时: an amount of time
    time_amount_dimension: str = ""
    # two-character words of jieba's dictionary that begin with a measure word taken from
    # it (片区 of 片): after a number, the word, not the measure word (12片区)
    dictionary_words: frozenset[str] = frozenset()


UNIT_ENTRY = Either((WORD, Record((("unit", WORD), ("factor", NUMBER), ("currency", WORD),
                                   ("digits", FLAG)))))
UNITS_SHAPE = {"dimensions": Mapping(Seq(UNIT_ENTRY)), "durations": WORDS, "ratio_dimensions": WORDS,
               "currency": Record((("dimension", WORD), ("default", WORD), ("sub_units", Mapping(NUMBER)),
                                   ("sub_units_after", WORDS), ("default_by_region", Mapping(WORD)))),
               "dictionary_measure_words": Record((("dimension", WORD), ("numerals", WORD),
                                                   ("min_numerals", WHOLE), ("exclude", WORDS))),
               "time_amounts": Record((("magnitudes", WORDS), ("dimension", WORD)))}
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def load_units(path: Path, _loaded: dict) -> Units:
    data, node = y.read(path, UNITS_SHAPE)
    # a word once among all dimensions and durations; once in each list of the other sections
    y.check_duplicates(path, y.sections_of(node, ("dimensions", "durations")), scope_depth=0)
    y.check_duplicates(path, y.sections_of(node, ("currency", "dictionary_measure_words")), scope_depth=2)
    dimensions = y.require(path, data, "dimensions")
    by_word = _listed_units(path, node, dimensions)
    durations = frozenset(y.words(path, node, data.get("durations"), "durations"))
    ratio = y.words(path, node, data.get("ratio_dimensions"), "ratio_dimensions")
    for name in ratio:
        _known_dimension(path, node, name, dimensions, "ratio_dimensions")
    money = _currencies(path, node, data.get("currency") or {}, dimensions, by_word)
    known = set(by_word) | durations | set(money["sub_units"])
    found, dictionary_words = _dictionary_units(path, node, data.get("dictionary_measure_words"),
                                                dimensions, known)
    by_word.update(found)
    time = data.get("time_amounts") or {}
    time_dim = _known_dimension(path, node, time["dimension"], dimensions, "time_amounts") if time else ""
    return Units(by_word, durations, tuple(map(str, dimensions)), frozenset(ratio), **money,
                 time_amount_magnitudes=frozenset(y.words(path, node, time.get("magnitudes"), "magnitudes")),
                 time_amount_dimension=time_dim, dictionary_words=dictionary_words)


def _known_dimension(path: Path, node, name, dimensions, where: str) -> str:
    if name not in dimensions:  # the line of the name where it is written (of the section if none)
        line = y.line_of_value(node, str(name)) if name is not None else y.line_of(node, where)
        raise LexiconError(f"{path}:{line}: unknown dimension {name!r} in {where} "
                           f"(known: {', '.join(map(str, dimensions))})")
    return str(name)


def _listed_units(path: Path, node, dimensions: dict) -> dict[str, Unit]:
    by_word: dict[str, Unit] = {}
    for dim, entries in dimensions.items():
        for entry in entries or []:
            if not isinstance(entry, dict):
                by_word[str(entry)] = Unit(str(entry), str(dim))
                continue
            if "unit" not in entry:
                raise LexiconError(f"{path}:{y.line_of(node, dim)}: entry {entry!r} has no 'unit'")
            word, code = str(entry["unit"]), str(entry.get("currency") or "")
            if code and not CURRENCY_CODE.match(code):
                raise LexiconError(f"{path}:{y.line_of_value(node, code)}: currency {code!r} of "
                                   f"{word!r} should be an ISO 4217 code (three capitals: USD)")
            by_word[word] = Unit(word, str(dim), float(entry.get("factor", 1)), code,
                                 bool(entry.get("digits", False)))
    return by_word


def _currencies(path: Path, node, section: dict, dimensions: dict, by_word: dict[str, Unit]) -> dict:
    """The currency section: which dimension is money, its default currency, the smaller
    units of an amount; the currency words before a number are the money units that name
    their currency (港币50万元)."""
    if not section:
        return {"currency_dimension": "", "default_currency": "", "currency_prefixes": {},
                "sub_units": {}, "sub_units_after": (), "regional_currencies": {}}
    dim = _known_dimension(path, node, section.get("dimension"), dimensions, "currency")
    default = str(section.get("default") or "")
    if not CURRENCY_CODE.match(default):
        section_node = y.node_at(node, "currency")  # a missing default: the section's line
        line = y.line_of(section_node, "default") or (section_node.start_mark.line if section_node else 1)
        raise LexiconError(f"{path}:{line}: currency.default should be an "
                           f"ISO 4217 code (three capitals: CNY), not {default!r}")
    for word, unit in by_word.items():
        if unit.currency and unit.dimension != dim:
            raise LexiconError(f"{path}:{y.line_of_value(node, word)}: {word!r} has a currency but is "
                               f"not under {dim!r}")
    after = y.words(path, node, section.get("sub_units_after"), "sub_units_after")
    for word in after:
        if word not in by_word:
            raise LexiconError(f"{path}:{y.line_of(node, 'sub_units_after')}: {word!r} in "
                               "sub_units_after is not a unit of this file")
    regional = {str(k): str(v) for k, v in (section.get("default_by_region") or {}).items()}
    for place, code in regional.items():
        if not CURRENCY_CODE.match(code):
            raise LexiconError(f"{path}:{y.line_of_value(node, code)}: currency.default_by_region "
                               f"gives {place} {code!r}, not an ISO 4217 code (three capitals: TWD)")
    return {"currency_dimension": dim, "default_currency": default, "regional_currencies": regional,
            "currency_prefixes": {w: u.currency for w, u in by_word.items() if u.currency},
            "sub_units": {str(k): float(v) for k, v in (section.get("sub_units") or {}).items()},
            "sub_units_after": tuple(after)}


def _dictionary_units(path: Path, node, section: dict | None, dimensions: dict,
                      known: set[str]) -> tuple[dict[str, Unit], frozenset[str]]:
    """The measure words of jieba's dictionary that this file does not list (枚, 副, 趟),
    each in the section's dimension, and the dictionary's words that begin with one of
    them; none without the section."""
    if not section:
        return {}, frozenset()
    from ..chinese import dictionary_measure_words

    dim = _known_dimension(path, node, section.get("dimension"), dimensions,
                           "dictionary_measure_words")
    numerals = str(y.require(path, section, "numerals", str))
    exclude = set(y.words(path, node, section.get("exclude"), "exclude"))
    found, words = dictionary_measure_words(numerals, int(section.get("min_numerals", 1)))
    numeral_chars = set(numerals) | set(CN_NUMERAL_CHARS)  # 一百, 三千 are numbers, not measures
    units = {w: Unit(w, dim, listed=False) for w in sorted(found - known - exclude - numeral_chars)}
    return units, frozenset(w for w in words if w[0] in units)


# -------------------------------------------------------------------- qualifiers.yaml

@dataclass(frozen=True, eq=False)
class Qualifiers:
    before: dict[str, str]   # word -> qualifier: 近400万元
    inside: dict[str, str]   # 7万余名
    after: dict[str, str]    # 95%以上
    round_only: frozenset[str]  # 上 only before a round magnitude: 上千名


QUALIFIERS_SHAPE = {"before": Mapping(WORDS), "inside": Mapping(WORDS), "after": Mapping(WORDS),
                    "round_only": WORDS}


def load_qualifiers(path: Path, _loaded: dict) -> Qualifiers:
    data, node = y.read(path, QUALIFIERS_SHAPE)
    y.check_duplicates(path, node, scope_depth=1)
    slots = {}
    for slot in ("before", "inside", "after"):
        mapping: dict[str, str] = {}
        for qual, words in y.require(path, data, slot).items():
            if qual not in QUALIFIERS:
                raise LexiconError(f"{path}:{y.line_of(node, qual)}: unknown qualifier {qual!r} "
                                   f"(known: {', '.join(QUALIFIERS)})")
            for w in y.words(path, node, words, qual):
                mapping[w] = qual
        slots[slot] = mapping
    return Qualifiers(slots["before"], slots["inside"], slots["after"],
                      frozenset(y.words(path, node, data.get("round_only"), "round_only")))


# ------------------------------------------------------------- basis.yaml, periods.yaml

def load_basis(path: Path, _loaded: dict) -> tuple[str, ...]:
    """Words that make an amount a rate (每人, 人均)."""
    data, node = y.read(path, {"per_unit_markers": WORDS})
    y.check_duplicates(path, node, scope_depth=1)
    return tuple(y.words(path, node, y.require(path, data, "per_unit_markers", list), "per_unit_markers"))


def load_periods(path: Path, _loaded: dict) -> tuple[re.Pattern, ...]:
    """The time expressions of a sentence, as regular expressions."""
    data, node = y.read(path, {"patterns": Seq(TEXT)})
    y.check_duplicates(path, node, scope_depth=1)
    return tuple(y.compile_pattern(path, node, p, "patterns") for p in y.require(path, data, "patterns", list))


# ---------------------------------------------------------------- non_indicators.yaml

@dataclass(frozen=True, eq=False)
class NonIndicators:
    patterns: tuple[re.Pattern, ...]
    vague_before: tuple[str, ...]
    bare_round_numerals: frozenset[str]
    skip_bare_one: bool
    bare_number_nouns: dict[str, str]  # noun -> dimension
    bare_number_modifiers: tuple[str, ...] = ()  # 农村 of 396.8万农村残疾人: may stand before such a noun


NON_INDICATORS_SHAPE = {"patterns": Seq(TEXT), "vague_before": WORDS, "bare_round_numerals": WORDS,
                        "skip_bare_one": FLAG, "bare_number_nouns": Mapping(WORDS),
                        "bare_number_modifiers": WORDS}


def load_non_indicators(path: Path, loaded: dict) -> NonIndicators:
    data, node = y.read(path, NON_INDICATORS_SHAPE)
    y.check_duplicates(path, node, scope_depth=2)
    dimensions = loaded["units"].dimensions
    bare_nouns: dict[str, str] = {}
    for dim, words in (data.get("bare_number_nouns") or {}).items():
        if dim not in dimensions:
            raise LexiconError(f"{path}:{y.line_of(node, dim)}: unknown dimension {dim!r}")
        for w in y.words(path, node, words, dim):
            bare_nouns[w] = dim
    return NonIndicators(
        patterns=tuple(y.compile_pattern(path, node, p, "patterns")
                       for p in y.require(path, data, "patterns", list)),
        vague_before=tuple(y.words(path, node, data.get("vague_before"), "vague_before")),
        bare_round_numerals=frozenset(y.words(path, node, data.get("bare_round_numerals"),
                                              "bare_round_numerals")),
        skip_bare_one=bool(data.get("skip_bare_one", True)),
        bare_number_nouns=bare_nouns,
        bare_number_modifiers=tuple(y.words(path, node, data.get("bare_number_modifiers"), "bare_number_modifiers")))


# -------------------------------------------------------------------- categories.yaml

@dataclass(frozen=True, eq=False)
class Categories:
    names: tuple[str, ...]          # in the file's order: the tables' order
    colors: dict[str, str]          # the ones the file gives
    nouns: dict[str, str]           # trigger word -> category, by level
    verbs: dict[str, str]
    context: dict[str, str]
    default_by_unit: dict[str, str]
    default_by_dimension: dict[str, str]
    fallback: str                   # when nothing decides: `other`, else the last category
    dimension_rules: dict[str, tuple[str, dict[str, str]]]  # dimension -> (category, {word: category})
    replace_for_dimension: dict[str, dict[str, str]]        # dimension -> {category: replacement}
    verb_first: dict[str, frozenset[str]]                   # dimension -> verb categories first
    transparent_heads: tuple[str, ...]
    place_prefixes: tuple[str, ...]
    overrides: dict[str, str]       # word -> category, deciding whatever the model says
    heading_patterns: tuple[re.Pattern, ...]  # a section heading starts so: 一、 (二)
    heading_max_chars: int
    outcomes: dict[str, str] = field(default_factory=dict)  # word after the figure -> category, deciding too
    override_verbs: dict[str, str] = field(default_factory=dict)  # governing verb -> category, for people
    outcome_dimensions: frozenset[str] = frozenset()         # … for figures of these dimensions
    own_category_in_parts: frozenset[str] = frozenset()      # a part of these keeps its own category
    not_transparent: tuple[str, ...] = ()                    # 指数, 系数: nouns that end in a transparent head
    outcome_not_before: tuple[str, ...] = ()                 # services after an outcome: 参加|免费体检
    outcome_object_categories: frozenset[str] = frozenset()  # an outcome's object of these decides: 参加|督导组
    kept_for_unit: dict[str, frozenset[str]] = field(default_factory=dict)  # unit -> categories not replaced
    unit_rules: dict[str, str] = field(default_factory=dict)  # measure word -> the category it decides

    def palette(self) -> dict[str, str]:
        """A colour for every category: its own, else one of DEFAULT_COLORS in turn."""
        spare = iter(DEFAULT_COLORS * (len(self.names) // len(DEFAULT_COLORS) + 1))
        return {name: self.colors.get(name) or next(spare) for name in self.names}


# Colours for categories the file gives none (a colour-blind-safe set, then greys).
DEFAULT_COLORS = ["#88ccee", "#cc6677", "#ddcc77", "#117733", "#332288", "#aa4499", "#44aa99",
                  "#999933", "#882255", "#661100", "#6699cc", "#888888"]

TRIGGERS = Record((("color", TEXT), ("nouns", WORDS), ("verbs", WORDS), ("context", WORDS),
                   ("overrides", WORDS), ("outcomes", WORDS), ("override_verbs", WORDS)))
CATEGORIES_SHAPE = {
    "categories": Mapping(TRIGGERS),
    "defaults": Record((("units", Mapping(WORD)), ("dimensions", Mapping(WORD)))),
    "dimension_rules": Mapping(Record((("category", WORD), ("unless", Mapping(WORDS))))),
    "replace_for_dimension": Mapping(Mapping(WORD)), "kept_for_unit": Mapping(WORDS), "unit_rules": Mapping(WORD),
    "verb_first": Mapping(WORDS), "transparent_heads": WORDS, "not_transparent": WORDS, "place_prefixes": WORDS,
    "outcome_dimensions": WORDS, "own_category_in_parts": WORDS, "outcome_not_before": WORDS,
    "outcome_object_categories": WORDS, "headings": Record((("patterns", Seq(TEXT)), ("max_chars", WHOLE)))}
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class _Checker:
    """Names of categories and dimensions, checked against the known ones; a wrong one is
    reported at its line in the section it was read from."""

    def __init__(self, path: Path, node, categories, dimensions):
        self.path, self.node = path, node
        self.categories, self.dimensions = list(categories), list(dimensions)

    def _line(self, section: tuple, key, value) -> int:
        within = y.node_at(self.node, *section) or self.node
        return (y.line_of(within, str(key)) if key is not None else 0) or \
            y.line_of_value(within, str(value))

    def category(self, name, section: tuple, key=None) -> str:
        if name not in self.categories:
            raise LexiconError(f"{self.path}:{self._line(section, key, name)}: unknown category "
                               f"{name!r} (known: {', '.join(self.categories)})")
        return str(name)

    def dimension(self, name, section: tuple) -> str:
        if name not in self.dimensions:
            raise LexiconError(f"{self.path}:{self._line(section, name, name)}: unknown dimension "
                               f"{name!r} (known: {', '.join(self.dimensions)})")
        return str(name)


def load_categories(path: Path, loaded: dict) -> Categories:
    data, node = y.read(path, CATEGORIES_SHAPE)
    names = [str(c) for c in y.require(path, data, "categories")]
    if not names:
        raise LexiconError(f"{path}:{y.line_of(node, 'categories')}: no category defined")
    check = _Checker(path, node, names, loaded["units"].dimensions)
    levels, colors = _triggers(path, node, data["categories"])
    defaults = y.require(path, data, "defaults")
    by_unit = {str(k): check.category(v, ("defaults", "units"), k)
               for k, v in (defaults.get("units") or {}).items()}
    by_dim = {check.dimension(k, ("defaults", "dimensions")): check.category(v, ("defaults", "dimensions"), k)
              for k, v in (defaults.get("dimensions") or {}).items()}
    rules = {}
    for dim, rule in (data.get("dimension_rules") or {}).items():
        where = ("dimension_rules", dim)
        exceptions = {str(w): check.category(cat, where + ("unless",), cat)
                      for cat, words in ((rule or {}).get("unless") or {}).items()
                      for w in y.words(path, node, words, cat)}
        rules[check.dimension(dim, ("dimension_rules",))] = (
            check.category((rule or {}).get("category"), where, "category"), exceptions)
    replace = {check.dimension(dim, ("replace_for_dimension",)):
               {check.category(old, ("replace_for_dimension", dim), old):
                check.category(new, ("replace_for_dimension", dim), old)
                for old, new in (mapping or {}).items()}
               for dim, mapping in (data.get("replace_for_dimension") or {}).items()}
    kept = {str(unit): frozenset(check.category(c, ("kept_for_unit", unit)) for c in cats or [])
            for unit, cats in (data.get("kept_for_unit") or {}).items()}
    unit_rules = {str(unit): check.category(cat, ("unit_rules", unit), cat)
                  for unit, cat in (data.get("unit_rules") or {}).items()}
    verb_first = {check.dimension(dim, ("verb_first",)):
                  frozenset(check.category(c, ("verb_first", dim)) for c in cats or [])
                  for dim, cats in (data.get("verb_first") or {}).items()}
    return Categories(
        names=tuple(names), colors=colors, nouns=levels["nouns"], verbs=levels["verbs"],
        context=levels["context"], default_by_unit=by_unit, default_by_dimension=by_dim,
        fallback="other" if "other" in names else names[-1], dimension_rules=rules,
        replace_for_dimension=replace, kept_for_unit=kept, unit_rules=unit_rules, verb_first=verb_first,
        transparent_heads=tuple(sorted(y.words(path, node, data.get("transparent_heads"),
                                               "transparent_heads"), key=len, reverse=True)),
        not_transparent=tuple(y.words(path, node, data.get("not_transparent"), "not_transparent")),
        place_prefixes=tuple(sorted(y.words(path, node, data.get("place_prefixes"), "place_prefixes"),
                                    key=len, reverse=True)),
        overrides=levels["overrides"], outcomes=levels["outcomes"], override_verbs=levels["override_verbs"],
        outcome_dimensions=frozenset(check.dimension(d, ("outcome_dimensions",))
                                     for d in data.get("outcome_dimensions") or []),
        own_category_in_parts=frozenset(check.category(c, ("own_category_in_parts",))
                                        for c in data.get("own_category_in_parts") or []),
        outcome_not_before=tuple(y.words(path, node, data.get("outcome_not_before"), "outcome_not_before")),
        outcome_object_categories=frozenset(check.category(c, ("outcome_object_categories",))
                                            for c in data.get("outcome_object_categories") or []),
        **_headings(path, node, data.get("headings") or {}))


def _headings(path: Path, node, section: dict) -> dict:
    """How a section heading is told (the category model reads the words of a figure's)."""
    return {"heading_patterns": tuple(y.compile_pattern(path, node, p, "patterns")
                                      for p in section.get("patterns") or []),
            "heading_max_chars": int(section.get("max_chars") or 0)}


def _triggers(path: Path, node, categories: dict) -> tuple[dict, dict]:
    """({level: {word: category}}, {category: colour}); a word once per level."""
    levels: dict[str, dict[str, str]] = {"nouns": {}, "verbs": {}, "context": {}, "overrides": {},
                                         "outcomes": {}, "override_verbs": {}}
    colors: dict[str, str] = {}
    for cat, entry in categories.items():
        color = (entry or {}).get("color")
        if color is not None:
            if not COLOR.match(str(color)):
                raise LexiconError(f"{path}:{y.line_of_value(node, str(color))}: color of {cat!r} "
                                   f"should be written #rrggbb, not {color!r}")
            colors[str(cat)] = str(color)
    for keys, value, line in y.scalars_with_lines(node):
        if len(keys) == 3 and keys[0] == "categories" and keys[2] in levels:
            level, cat = keys[2], keys[1]
            if value in levels[level]:
                raise LexiconError(f"{path}:{line}: duplicate entry {value!r} in {level} "
                                   f"(already under {levels[level][value]})")
            levels[level][value] = cat
    return levels, colors


# -------------------------------------------------------------------------- verbs.yaml

def load_verbs(path: Path, _loaded: dict) -> frozenset[str]:
    """Verbs that govern a figure without deciding its category (发展, 新建)."""
    data, node = y.read(path, {"actions": WORDS})
    y.check_duplicates(path, node, scope_depth=1)
    return frozenset(y.words(path, node, y.require(path, data, "actions", list), "actions"))


# -------------------------------------------------------------------- boilerplate.yaml

@dataclass(frozen=True, eq=False)
class Boilerplate:
    drop_line: tuple[re.Pattern, ...]
    cut_from: tuple[re.Pattern, ...]
    metadata: dict[str, re.Pattern]
    max_unpunctuated_line: int
    min_broken_paragraph: int
    menu_min_gaps: int
    min_repeated_paragraph: int
    question_words: re.Pattern
    garbled: re.Pattern
    html_drop_tags: tuple[str, ...]
    html_chrome_words: re.Pattern


BOILERPLATE_SHAPE = {"drop_line": Seq(TEXT), "cut_from": Seq(TEXT), "metadata": Mapping(TEXT),
                     "max_unpunctuated_line": WHOLE, "min_broken_paragraph": WHOLE, "menu_min_gaps": WHOLE,
                     "min_repeated_paragraph": WHOLE, "question_words": TEXT, "garbled": TEXT,
                     "html_drop_tags": WORDS, "html_chrome_words": WORDS}


def load_boilerplate(path: Path, _loaded: dict) -> Boilerplate:
    data, node = y.read(path, BOILERPLATE_SHAPE)
    y.check_duplicates(path, node, scope_depth=1)

    def patterns(key: str) -> tuple[re.Pattern, ...]:
        return tuple(y.compile_pattern(path, node, p, key) for p in data.get(key) or [])

    def pattern(key: str) -> re.Pattern:
        return y.compile_pattern(path, node, y.require(path, data, key, str), key)

    chrome = y.words(path, node, y.require(path, data, "html_chrome_words", list), "html_chrome_words")
    return Boilerplate(
        drop_line=patterns("drop_line"), cut_from=patterns("cut_from"),
        metadata=_metadata_patterns(path, node, data.get("metadata") or {}),
        max_unpunctuated_line=int(data.get("max_unpunctuated_line", 60)),
        min_broken_paragraph=int(data.get("min_broken_paragraph", 40)),
        menu_min_gaps=int(data.get("menu_min_gaps", 3)),
        min_repeated_paragraph=int(data.get("min_repeated_paragraph", 12)),
        question_words=pattern("question_words"), garbled=pattern("garbled"),
        html_drop_tags=tuple(y.words(path, node, y.require(path, data, "html_drop_tags", list),
                                     "html_drop_tags")),
        html_chrome_words=re.compile(r"\b(%s)\b" % "|".join(map(re.escape, chrome)), re.I))


# What each metadata pattern must capture, for describe to read it.
METADATA_GROUPS = {"date": ("year",), "source": ("source",), "edition": ("source", "when"),
                   "date_first": ("source",),
                   "dateline": ("year",), "masthead": ("source", "year"), "byline": ("source",),
                   "byline_end": ("source",), "paper_line": ("source",), "property_paper": ("source",),
                   "crumb_site": ("source",), "reprint_notice": ("source",),
                   "reporter_in_text": ("source",), "author": ("author",),
                   "labeled_lead": ("year",), "dated_body": ("source",),
                   "body_after_date": ("source",)}


def _metadata_patterns(path: Path, node, patterns: dict) -> dict[str, re.Pattern]:
    """boilerplate.yaml's metadata patterns; `{date}` in the dateline, the masthead and
    date_first is the date pattern."""
    out = {}
    for key, text in patterns.items():
        if key in ("dateline", "masthead", "date_first", "dated_field_line", "labeled_lead", "dated_body",
                   "body_after_date") and "date" in patterns:
            text = str(text).replace("{date}", f"(?:{patterns['date']})")
        out[str(key)] = y.compile_pattern(path, node, text, f"metadata.{key}")
        missing = [g for g in METADATA_GROUPS.get(str(key), ()) if g not in out[str(key)].groupindex]
        if missing:
            raise LexiconError(f"{path}:{y.line_of(node, str(key)) or 1}: metadata.{key} needs the "
                               f"group(s) {', '.join(f'(?P<{g}>…)' for g in missing)}")
    return out


# ------------------------------------------------------------------------ grammar.yaml

@dataclass(frozen=True, eq=False)
class Grammar:
    sentence_end: str
    sentence_closers: str
    paragraph_end: str
    clause_breaks: frozenset[str]
    noun_breaks: frozenset[str]     # clause breaks and list separators
    phrase_quotes: frozenset[str]
    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    open_quotes: frozenset[str]
    close_quotes: frozenset[str]
    range_separators: tuple[str, ...]
    percent_prefixes: dict[str, str]   # 百分之 -> %, 千分之 -> ‰: the unit each is written with
    fraction_infix: str                # 三分之一: 分之
    particle: str
    from_to: frozenset[str]
    resultative: frozenset[str]
    noun_initials: str
    noun_tags: frozenset[str]
    break_initials: str
    verb_initials: str
    not_verb_tags: frozenset[str]
    conjunction_initials: str = ""  # 和, 及: a list of figures "40名A和20名B" is cut there
    after_noun_break_tags: frozenset[str] = frozenset()  # ad, s: 6名代表|积极参加 ends the noun
    glued_nouns: frozenset[str] = frozenset()  # 村 of 个村: a noun the segmenter glues to a measure word
    determiners: frozenset[str] = frozenset()  # 各级 of 125名各级劳模: before the noun, no part of it
    copulas: frozenset[str] = frozenset()      # 为 of 数量为6.3万家: "is" after a transparent head
    aspect_particles: frozenset[str] = frozenset()  # 了 of 达到了1.17万家, read past
    adverbs_before_verb: frozenset[str] = frozenset()  # 已 of 工会组织已达到612个, read past
    sign_not_after: frozenset[str] = frozenset()  # 减 of 减负46.37亿元: 负 ends a word, no minus
    clause_conjunctions: frozenset[str] = frozenset()  # 并 of 培训1200名贫困母亲并实现就业: ends the noun


MARKS = ("sentence_end", "sentence_closers", "paragraph_end", "clause_breaks", "list_separators",
         "phrase_quotes", "open_brackets", "close_brackets", "open_quotes", "close_quotes",
         "range_separators", "from_to", "resultative_complements")
POS = ("noun_initials", "noun_tags", "break_initials", "verb_initials", "not_verb_tags")
GRAMMAR_SHAPE = {**{k: Seq(TEXT) for k in MARKS}, "percent_prefixes": Mapping(WORD), "fraction_infix": WORD,
                 "particle": WORD, "glued_nouns": Seq(TEXT), "determiners": Seq(TEXT), "copulas": Seq(TEXT),
                 "aspect_particles": Seq(TEXT), "adverbs_before_verb": Seq(TEXT),
                 "sign_not_after": Seq(TEXT), "clause_conjunctions": Seq(TEXT),
                 "pos": Record(tuple((k, WORDS) for k in POS + ("conjunction_initials", "after_noun_break_tags")))}


def load_grammar(path: Path, loaded: dict) -> Grammar:
    data, node = y.read(path, GRAMMAR_SHAPE)
    prefixes = {str(k): str(v) for k, v in y.require(path, data, "percent_prefixes").items()}
    for word, unit in prefixes.items():
        if unit not in loaded["units"].by_word:
            raise LexiconError(f"{path}:{y.line_of(node, word)}: percent_prefixes: {unit!r} "
                               "is not a unit of units.yaml")
    marks = {k: [str(m) for m in y.require(path, data, k, list)] for k in MARKS}
    pos_data = y.require(path, data, "pos")
    pos = {k: y.words(path, node, y.require(path, pos_data, k, list), k) for k in POS}
    return Grammar(
        sentence_end="".join(marks["sentence_end"]), sentence_closers="".join(marks["sentence_closers"]),
        paragraph_end="".join(marks["paragraph_end"]), clause_breaks=frozenset(marks["clause_breaks"]),
        noun_breaks=frozenset(marks["clause_breaks"] + marks["list_separators"]),
        phrase_quotes=frozenset(marks["phrase_quotes"]), open_brackets=frozenset(marks["open_brackets"]),
        close_brackets=frozenset(marks["close_brackets"]), open_quotes=frozenset(marks["open_quotes"]),
        close_quotes=frozenset(marks["close_quotes"]), range_separators=tuple(marks["range_separators"]),
        percent_prefixes=prefixes, fraction_infix=str(data.get("fraction_infix") or ""),
        particle=str(y.require(path, data, "particle", (str, int))),
        from_to=frozenset(marks["from_to"]), resultative=frozenset(marks["resultative_complements"]),
        noun_initials="".join(pos["noun_initials"]), noun_tags=frozenset(pos["noun_tags"]),
        break_initials="".join(pos["break_initials"]), verb_initials="".join(pos["verb_initials"]),
        not_verb_tags=frozenset(pos["not_verb_tags"]),
        conjunction_initials="".join(y.words(path, node, pos_data.get("conjunction_initials"),
                                             "conjunction_initials")),
        after_noun_break_tags=frozenset(y.words(path, node, pos_data.get("after_noun_break_tags"),
                                                "after_noun_break_tags")),
        glued_nouns=frozenset(str(w) for w in data.get("glued_nouns") or []),
        determiners=frozenset(str(w) for w in data.get("determiners") or []),
        copulas=frozenset(str(w) for w in data.get("copulas") or []),
        aspect_particles=frozenset(str(w) for w in data.get("aspect_particles") or []),
        adverbs_before_verb=frozenset(str(w) for w in data.get("adverbs_before_verb") or []),
        sign_not_after=frozenset(str(w) for w in data.get("sign_not_after") or []),
        clause_conjunctions=frozenset(str(w) for w in data.get("clause_conjunctions") or []))


# ------------------------------------------------------------------------ user_dict.txt

def load_user_dict(path: Path, _loaded: dict) -> tuple[tuple[str, int | None, str | None], ...]:
    """The segmentation dictionary as (word, frequency, tag); a missing file is none."""
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    seen: dict[str, int] = {}
    words = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        if len(parts) > 3 or (len(parts) >= 2 and not parts[1].isdigit()):
            raise LexiconError(f"{path}:{n}: expected 'word [frequency] [tag]', got {line!r}")
        if parts[0] in seen:
            raise LexiconError(f"{path}:{n}: duplicate entry {parts[0]!r} (first at line {seen[parts[0]]})")
        seen[parts[0]] = n
        words.append((parts[0], int(parts[1]) if len(parts) > 1 else None,
                      parts[2] if len(parts) > 2 else None))
    return tuple(words)


# ------------------------------------------------------------------------- towns.tsv

CJK_FIRST = re.compile(r"[\u4e00-\u9fff]")
# A file of comment lines, empty lines and town<TAB>code lines (no spaces around, ASCII
# digits, "\n" breaks only): the file as `make towns` writes it, read in one search;
# any other is read line by line (_town_lines), which names a wrong line.
_TOWN = r"[\u4e00-\u9fff][^\t\n]*\t[0-9]{6}"
_PLAIN_TOWNS = re.compile(rf"(?:(?:#[^\n]*|{_TOWN})?\n)*(?:#[^\n]*|{_TOWN})?")
_PLAIN_TOWN_LINE = re.compile(r"^([\u4e00-\u9fff][^\t\n]*)\t([0-9]{6})$", re.M)
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # of str.splitlines


def load_towns(path: Path, _loaded: dict) -> dict[str, tuple[str, ...]]:
    """Town or street name -> the codes of the counties that have one of that name
    (pipeline/describe/towns.py writes the file); a missing file is none."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    if not _PLAIN_TOWNS.fullmatch(text) or _OTHER_LINE_BREAKS.search(text):
        return _town_lines(path, text)
    towns: dict[str, tuple[str, ...]] = {}
    for name, code in dict.fromkeys(_PLAIN_TOWN_LINE.findall(text)):  # each pair once, in order
        towns[name] = towns.get(name, ()) + (code,)
    return towns


def _town_lines(path: Path, text: str) -> dict[str, tuple[str, ...]]:
    """load_towns line by line: spaces around a line, blank lines, any digits."""
    towns: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, code = line.strip(" ").partition("\t")
        if not (len(code) == 6 and code.isdigit() and name and CJK_FIRST.match(name)):
            raise LexiconError(f"{path}:{n}: expected 'town<TAB>6-digit county code', got {line!r}")
        codes = towns.setdefault(name, [])
        if code not in codes:
            codes.append(code)
    return {name: tuple(codes) for name, codes in towns.items()}


# ------------------------------------------------------------------------- kinds.yaml

@dataclass(frozen=True, eq=False)
class Kinds:
    """The words of kinds.yaml: each list of patterns compiled into one (None when empty)."""
    change_before: re.Pattern | None
    change_level_after: tuple[str, ...]
    change_comparison: re.Pattern | None
    change_units: frozenset[str]
    target_before: re.Pattern | None
    target_before_verb: frozenset[str]   # 将, 要: the future only before a verb
    target_next_tags: tuple[str, ...]
    target_past: tuple[str, ...]         # 已, 以来: a late year is no plan after these
    target_quota: frozenset[str]         # 下达 … 任务: a quota handed down
    target_quota_after: tuple[str, ...]
    target_name_marks: tuple[str, ...]   # “”, 《》: an opening and a closing mark
    target_heading: re.Pattern | None    # a heading that opens a plan section
    target_review_heading: re.Pattern | None
    stock_clause: re.Pattern | None
    stock_point_in_time: re.Pattern | None
    stock_population: re.Pattern | None
    stock_counted: frozenset[str]
    stock_amount: frozenset[str]         # 达: a stock word only without a verb of doing before it
    stock_amount_verbs: frozenset[str]
    stock_level_nouns: tuple[str, ...]
    stock_perfective: frozenset[str]     # 已 before a verb
    stock_perfective_tags: tuple[str, ...]
    stock_running: tuple[str, ...]       # 累计: a running total
    flow_clause: re.Pattern | None
    flow_period: re.Pattern | None       # a period within one year
    coordination: frozenset[str]         # 4.1%和5.3%: the second as the first
    relative_years: dict[str, int]       # 去年 -> -1, longest first
    now: tuple[str, ...]                 # 目前: the year the report is about
    ahead: tuple[re.Pattern, ...]        # 今后五年: group 1 is how many years
    comparison_before: tuple[str, ...]   # 比去年: 去年 is the base of a comparison
    relative_not_after: tuple[str, ...]  # 以上年龄: no relative year
    breakdown: re.Pattern | None
    colon: tuple[str, ...]
    after_figure: tuple[str, ...]        # 6444例中，有…: a breakdown right after a figure
    subset: re.Pattern | None
    sum_words: tuple[str, ...]           # 合计: the sum of the figures before
    total: re.Pattern | None             # 共: a total its list after it may add up to


PATTERNS = Seq(TEXT)
KINDS_SHAPE = {
    "change": Record((("before", PATTERNS), ("level_after", WORDS), ("comparison", WORDS),
                      ("units", WORDS))),
    "target": Record((("before", PATTERNS), ("before_verb", WORDS), ("next_tags", WORDS),
                      ("past", WORDS), ("quota", WORDS), ("quota_after", WORDS), ("name_marks", WORDS),
                      ("heading", PATTERNS), ("review_heading", PATTERNS))),
    "stock": Record((("clause", PATTERNS), ("point_in_time", PATTERNS), ("population", PATTERNS),
                     ("counted", WORDS), ("amount", WORDS), ("amount_verbs", WORDS), ("level_nouns", WORDS),
                     ("perfective", WORDS), ("perfective_tags", WORDS), ("running", WORDS))),
    "flow": Record((("clause", PATTERNS), ("period", PATTERNS))),
    "coordination": WORDS,
    "years": Record((("relative", Mapping(WHOLE)), ("now", WORDS), ("ahead", PATTERNS),
                     ("comparison_before", WORDS), ("not_after", WORDS))),
    "parts": Record((("breakdown", PATTERNS), ("colon", WORDS), ("after_figure", WORDS), ("subset", PATTERNS),
                     ("sum", WORDS), ("total", PATTERNS))),
}


def _one_pattern(path: Path, node, patterns, what: str) -> re.Pattern | None:
    """Each pattern checked on its own (its line in errors), then all as one alternation:
    the plain words first, the longest first, then the patterns in the file's order. An
    alternation takes the first that matches, and a word must not lose to a shorter one it
    begins with (增幅为 to 增幅, 净增加 to 净增; 达到 to a pattern of 达), whatever the list's order."""
    patterns = [p for p in patterns or [] if isinstance(p, str)]
    for p in patterns:
        y.compile_pattern(path, node, p, what)
    words = sorted((p for p in patterns if re.escape(p) == p), key=len, reverse=True)  # stable
    ordered = words + [p for p in patterns if re.escape(p) != p]
    return re.compile("|".join(f"(?:{p})" for p in ordered)) if patterns else None


def load_kinds(path: Path, _loaded: dict) -> Kinds:
    data, node = y.read(path, KINDS_SHAPE)
    y.check_duplicates(path, node, scope_depth=2)
    for section in KINDS_SHAPE:
        y.require(path, data, section, list if section == "coordination" else dict)

    def get(section: str, key: str):
        return (data.get(section) or {}).get(key)

    def pattern(section: str, key: str) -> re.Pattern | None:
        return _one_pattern(path, node, get(section, key), f"{section}.{key}")

    relative = {str(word): int(offset) for word, offset in (get("years", "relative") or {}).items()}
    ahead = tuple(y.compile_pattern(path, node, p, "years.ahead") for p in get("years", "ahead") or [])
    for p in ahead:
        if p.groups < 1:
            raise LexiconError(f"{path}:{y.line_of_value(node, p.pattern)}: years.ahead pattern "
                               f"{p.pattern!r} should have a group: how many years ahead")
    listed = lambda section, key: tuple(y.words(path, node, get(section, key), key))  # noqa: E731
    marks = listed("target", "name_marks")
    for mark in marks:
        if len(mark) != 2:
            raise LexiconError(f"{path}:{y.line_of_value(node, mark)}: target.name_marks entry {mark!r} "
                               f"should be two characters: an opening and a closing mark")
    return Kinds(
        change_before=pattern("change", "before"), change_level_after=listed("change", "level_after"),
        change_comparison=_one_pattern(path, node, [re.escape(w) for w in listed("change", "comparison")],
                                       "change.comparison"),
        change_units=frozenset(listed("change", "units")),
        target_before=pattern("target", "before"),
        target_before_verb=frozenset(listed("target", "before_verb")),
        target_next_tags=listed("target", "next_tags"), target_name_marks=marks,
        target_past=listed("target", "past"), target_quota=frozenset(listed("target", "quota")),
        target_quota_after=listed("target", "quota_after"),
        target_heading=pattern("target", "heading"), target_review_heading=pattern("target", "review_heading"),
        stock_clause=pattern("stock", "clause"), stock_point_in_time=pattern("stock", "point_in_time"),
        stock_population=pattern("stock", "population"), stock_counted=frozenset(listed("stock", "counted")),
        stock_amount=frozenset(listed("stock", "amount")), stock_level_nouns=listed("stock", "level_nouns"),
        stock_amount_verbs=frozenset(listed("stock", "amount_verbs")),
        stock_perfective=frozenset(listed("stock", "perfective")),
        stock_perfective_tags=listed("stock", "perfective_tags"), stock_running=listed("stock", "running"),
        flow_clause=pattern("flow", "clause"), flow_period=pattern("flow", "period"),
        coordination=frozenset(y.words(path, node, data.get("coordination"), "coordination")),
        relative_years=dict(sorted(relative.items(), key=lambda kv: -len(kv[0]))), ahead=ahead,
        now=tuple(sorted(listed("years", "now"), key=len, reverse=True)),
        comparison_before=listed("years", "comparison_before"),
        relative_not_after=listed("years", "not_after"),
        breakdown=pattern("parts", "breakdown"), colon=listed("parts", "colon"),
        after_figure=listed("parts", "after_figure"), subset=pattern("parts", "subset"),
        sum_words=listed("parts", "sum"), total=pattern("parts", "total"))


# ---------------------------------------------------------------- report_metadata.yaml

PROVINCE, CITY, COUNTY = 0, 1, 2
TOWNSHIP = 3  # a town or street: not in the dataset
CJK = "\u4e00-\u9fff"
BOUNDARY = r"\s：:，,、。；;！!？?“”\"'《》〈〉（）()【】\[\]—\-"


@dataclass(frozen=True, eq=False)
class TitleRules:
    min_chars: int
    max_chars: int
    min_cjk: int
    sentence_marks: tuple[str, ...]
    bad_endings: tuple[str, ...]
    breadcrumb: re.Pattern
    not_title: tuple[re.Pattern, ...]
    site_endings: tuple[str, ...]
    max_site_chars: int
    original_title: re.Pattern
    title_separators: tuple[str, ...]
    strip: tuple[re.Pattern, ...] = ()  # removed from the headline: .docx, a forum's [board] tag
    glued_headline: re.Pattern | None = None  # a headline glued to the lead: its (?P<title>…)
    lead_openers: tuple[re.Pattern, ...] = ()  # … which is none when it opens a news item
    prose_lines: tuple[re.Pattern, ...] = ()   # a line of these shapes begins the text: “到现在为止
    not_prose: tuple[re.Pattern, ...] = ()     # … and of these never does: a site's greeting!
    continued_by: tuple[str, ...] = ()         # a headline's second line opens so: 及2025年工作谋划务虚会
    kicker: re.Pattern | None = None           # a slogan over the headline: 精准施策,提质扩面,助力经济复苏


@dataclass(frozen=True, eq=False)
class IssuerRules:
    bodies: tuple[str, ...]            # longest first
    same_body: dict[str, str]          # a shorter name -> the body's full name
    spoken_forms: dict[str, str]
    abbreviations: tuple[str, ...]
    abbreviation_not_before: frozenset[str]
    wrapped: tuple[tuple[str, str], ...]
    company: re.Pattern                # a company's name and its union
    self_named: re.Pattern | None      # a body named by its own name (曾宪梓教育基金会)
    national: dict[str, str]           # every name -> the body's first name
    national_not_after: frozenset[str]
    levels: dict[str, int]             # longest level word first
    relative_not_after: tuple[str, ...]
    all_levels_prefix: str
    all_levels_infix: tuple[str, ...]
    all_levels_weight: float
    unknown_place: re.Pattern
    unknown_place_not_first: tuple[str, ...]  # words no place's name starts with (协同县人社局)
    body_not_before: frozenset[str]            # after a body's name, a word's rest (就业局势)
    township: re.Pattern               # a town right after a known place (fullmatch): 于都县贡江镇
    township_endings: tuple[str, ...]
    title_weight: float
    head_weight: float
    field_weight: float
    subject_weight: float
    subject_before: tuple[re.Pattern, ...]
    subject_after: tuple[re.Pattern, ...]   # … and after it (市人社局相关负责人介绍)
    above_before: re.Pattern
    above_after: re.Pattern
    min_home_support: float
    # other bodies than the reporting one: (before, after) patterns of their clause
    other_bodies: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    regional: dict[str, tuple[str, str]] = field(default_factory=dict)  # a name -> (the body, its division): 工联会
    own_level_words: dict[str, int] = field(default_factory=dict)  # 我市 -> 1
    above_own_level_weight: float = 1.0
    title_topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 总工会 -> (工会, 职工)
    title_topic_weight: float = 0.0
    title_body_followers: tuple[str, ...] = ()  # 教育局|工作总结: a title opening with a bare body
    signature_weight: float = 0.0      # a body's name alone on a line at the end, over its date
    signature_date: re.Pattern | None = None
    national_not_before: tuple[str, ...] = ()  # 人社部门: a longer word, no 人社部
    township_bodies: tuple[str, ...] = ()  # 工会: a body only after a town (烟墩镇工会)
    township_not_words: tuple[str, ...] = ()  # 城乡: ends in 乡, names no town
    township_bodies_after: tuple[str, ...] = ()  # 区, 县: a county's full name before one (驿城区工会)
    zone_endings: tuple[str, ...] = ()     # 高新区: a zone after its place (达州高新区总工会)
    zone_name_chars: int = 0
    county_short_max_frequency: float | None = None  # 子洲 for 子洲县: a rare word only
    county_short_boundary_frequency: float = 100.0     # 党和政府 holds no 和政
    system_words: tuple[str, ...] = ()  # 全市民政系统, 全市人社工作会议: the level's bureau
    system_body_endings: tuple[str, ...] = ()  # 局 of a city's or county's, 厅 of a province's


@dataclass(frozen=True, eq=False)
class YearRules:
    first: int
    last: int
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    title_not_after: tuple[re.Pattern, ...]
    strong_weight: float
    strong_before: tuple[re.Pattern, ...]
    strong_after: tuple[re.Pattern, ...]
    closing_before: tuple[re.Pattern, ...]
    plan_words: tuple[str, ...]
    plan_window: int
    last_year: tuple[str, ...]
    this_year: tuple[str, ...]
    min_mentions: float
    plan_before: tuple[str, ...] = ()       # 做好2022年…工作: a plan's year
    starting_after: tuple[str, ...] = ()    # 2021年开始: the present is that year or later
    plan_done_after: tuple[str, ...] = ()   # 争取到: a plan word done is no plan
    since_before: tuple[str, ...] = ()      # 自2004年成立…以来: a starting point too
    dated_phrases: tuple["DatedPhrase", ...] = ()
    named_last_year_months: int = 0         # 2022年 on a page of 2023-03: its 去年
    next_year_from_month: int = 13          # 2022年 on a page of 2021-12: its plan's year, may be the figures'
    past_year: tuple[str, ...] = ()         # 过去一年 on a page of 2013-01: its 去年
    after_start: int | None = None          # 从2021年开始 … 今年 on an undated page: 2021 + this
    begun: tuple[str, ...] = ()             # 开始, 起: the starting words after_start reads
    title_plans: tuple["DatedPhrase", ...] = ()  # “十四五”…规划: the figures are of 2020
    title_bare_years: tuple[re.Pattern, ...] = ()  # 2022乡镇工会年度工作总结: 2022
    meeting_after: tuple[re.Pattern, ...] = ()  # 2023年周口市退役军人工作会议: the meeting's year


@dataclass(frozen=True)
class DatedPhrase:
    """A phrase that dates the present of the text it stands in (report_metadata.yaml's
    year.dated_phrases): from `first` to `last` (None: open); with `base`, the pattern's
    group n (第70个世界红十字日) gives the year base + n."""
    pattern: re.Pattern
    first: int | None = None
    last: int | None = None
    base: int | None = None


@dataclass(frozen=True, eq=False)
class MetadataRules:
    """The rules of report metadata (title, issuer, region, year): see report_metadata.yaml."""
    path: Path
    title: TitleRules
    issuer: IssuerRules
    year: YearRules
    short_name_endings: tuple[str, ...]  # patterns with {ethnic_groups}, compiled by the gazetteer
    county_short_name_endings: tuple[str, ...]
    ambiguous_short_names: frozenset[str]
    ignore_names: frozenset[str]
    min_support: float
    short_name_not_before: tuple[str, ...]
    county_renamed_endings: dict[str, tuple[str, ...]]
    min_county_name_length: int
    place_types: frozenset[str]
    organization_types: frozenset[str]
    entity_suffixes: tuple[str, ...]
    # current code -> (current name, the names it had): divisions the dataset lacks
    current_divisions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    places_in: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 710000 -> 彰化县, …
    chained_only_names: frozenset[str] = frozenset()  # 会同县: only after its city or province
    not_home_before: tuple[str, ...] = ()  # 仅次于武汉: a place compared with, no home
    also_short_name_endings: tuple[str, ...] = ()  # 黔南州 beside 黔南: one form each
    towns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # towns.tsv: town -> county codes


METADATA_SHAPE = {
    "title": Record((("min_chars", WHOLE), ("max_chars", WHOLE), ("min_cjk", WHOLE),
                     ("sentence_marks", WORDS), ("bad_endings", WORDS), ("breadcrumb", TEXT),
                     ("not_title", PATTERNS),
                     ("site_endings", WORDS), ("max_site_chars", WHOLE), ("original_title", TEXT),
                     ("title_separators", Seq(TEXT)), ("strip", PATTERNS),
                     ("glued_headline", TEXT), ("lead_openers", PATTERNS), ("prose_lines", PATTERNS),
                     ("not_prose", PATTERNS), ("continued_by", WORDS), ("kicker", TEXT))),
    "issuer": Record((("bodies", WORDS), ("same_body", Mapping(WORD)), ("spoken_forms", Mapping(WORD)),
                      ("abbreviations", WORDS), ("abbreviation_not_before", WORDS),
                      ("wrapped", Seq(WORDS)), ("company_endings", WORDS), ("company_bodies", WORDS),
                      ("company_not_first", WORDS), ("self_named_endings", WORDS),
                      ("national", Mapping(WORDS)), ("national_not_after", WORDS),
                      ("regional", Mapping(Record((("code", WORD), ("names", WORDS))))),
                      ("national_not_before", WORDS),
                      ("levels", Mapping(WHOLE)), ("relative_not_after", WORDS),
                      ("all_levels_prefix", WORD), ("all_levels_infix", WORDS),
                      ("all_levels_weight", NUMBER), ("unknown_place_endings", WORDS),
                      ("unknown_place_not_in", WORDS), ("unknown_place_not_first", WORDS),
                      ("body_not_before", WORDS), ("masked_place", TEXT),
                      ("township_endings", WORDS), ("township_may_hold", WORDS),
                      ("township_bodies", WORDS), ("township_not_words", WORDS), ("township_bodies_after", WORDS), ("zone_endings", WORDS), ("zone_name_chars", WHOLE),
                      ("title_weight", NUMBER), ("head_weight", NUMBER), ("field_weight", NUMBER),
                      ("subject_weight", NUMBER), ("subject_before", PATTERNS), ("subject_after", PATTERNS),
                      ("above_before", TEXT), ("above_after", TEXT), ("min_home_support", NUMBER),
                      ("other_bodies", Seq(Seq(TEXT))), ("own_level_words", Mapping(WHOLE)),
                      ("above_own_level_weight", NUMBER), ("title_topics", Mapping(WORDS)),
                      ("title_topic_weight", NUMBER), ("title_body_followers", WORDS), ("signature_weight", NUMBER),
                      ("signature_date", TEXT), ("county_short_max_frequency", NUMBER),
                      ("county_short_boundary_frequency", NUMBER), ("system_words", WORDS),
                      ("system_body_endings", WORDS))),
    "region": Record((("short_name_endings", PATTERNS), ("county_short_name_endings", PATTERNS),
                      ("also_short_name_endings", PATTERNS),
                      ("ambiguous_short_names", WORDS), ("ignore_names", WORDS),
                      ("min_support", NUMBER), ("short_name_not_before", WORDS),
                      ("county_renamed_endings", Mapping(WORDS)),
                      ("current_divisions", Mapping(WORDS)),
                      ("places_in", Mapping(WORDS)),
                      ("min_county_name_length", WHOLE), ("chained_only_names", WORDS),
                      ("not_home_before", WORDS))),
    "entity_types": Record((("place", WORDS), ("organization", WORDS), ("issuer_suffixes", WORDS))),
    "year": Record((("first", WHOLE), ("last", WHOLE), ("not_after", WORDS), ("not_before", WORDS),
                    ("title_not_after", PATTERNS), ("meeting_after", PATTERNS), ("strong_weight", NUMBER),
                    ("strong_before", PATTERNS), ("strong_after", PATTERNS),
                    ("closing_before", PATTERNS), ("plan_words", WORDS), ("plan_done_after", WORDS),
                    ("plan_window", WHOLE), ("last_year", WORDS), ("this_year", WORDS),
                    ("min_mentions", NUMBER), ("plan_before", WORDS), ("starting_after", WORDS),
                    ("since_before", WORDS), ("named_last_year_months", WHOLE), ("next_year_from_month", WHOLE), ("past_year", WORDS), ("after_start", WHOLE), ("begun", WORDS),
                    ("dated_phrases", Seq(Record((("pattern", TEXT), ("year", WHOLE), ("from", WHOLE),
                                                  ("to", WHOLE), ("base", WHOLE))))),
                    ("title_plans", Seq(Record((("pattern", TEXT), ("year", WHOLE))))),
                    ("title_bare_years", PATTERNS))),
}


class _Sections:
    """Values of report_metadata.yaml's sections, each required, with its line in errors."""

    def __init__(self, path: Path, data, node):
        self.path, self.data, self.node = path, data, node
        for section in METADATA_SHAPE:
            y.require(path, data, section)

    def _line(self, section: str, key: str) -> int:
        within = y.node_at(self.node, section)
        return (y.line_of(within, key) if within is not None else 0) or y.line_of(self.node, key) or 1

    def words(self, section: str, key: str, required: bool = True) -> list[str]:
        found = y.words(self.path, self.node, self.data[section].get(key), key)
        if required and not found:
            raise LexiconError(f"{self.path}:{self._line(section, key)}: {section}.{key} "
                               "should be a list of words")
        return found

    def number(self, section: str, key: str, default=None) -> float:
        """The number under section.key; `default` when the key is absent, if one is given
        (else the key is required)."""
        if default is not None and key not in self.data[section]:
            return default
        value = self.data[section].get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise LexiconError(f"{self.path}:{self._line(section, key)}: {section}.{key} "
                               "should be a number >= 0")
        return value

    def mapping(self, section: str, key: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.data[section].get(key) or {}).items()}

    def pattern(self, section: str, key: str, text: str | None = None) -> re.Pattern:
        text = self.data[section].get(key) if text is None else text
        try:
            compiled = re.compile(text)
        except (re.error, TypeError) as exc:
            raise LexiconError(f"{self.path}:{self._line(section, key)}: bad regular "
                               f"expression in {section}.{key}: {exc}") from None
        if y.nested_repeat(text):
            raise LexiconError(f"{self.path}:{self._line(section, key)}: {y.NESTED_REPEAT} "
                               f"(in {section}.{key})")
        return compiled

    def patterns(self, section: str, key: str) -> tuple[re.Pattern, ...]:
        return tuple(self.pattern(section, key, p) for p in self.data[section].get(key) or [])

    def error(self, section: str, key: str, message: str) -> LexiconError:
        return LexiconError(f"{self.path}:{self._line(section, key)}: {section}.{key} {message}")


def _title_rules(s: _Sections) -> TitleRules:
    original = s.pattern("title", "original_title")
    if "title" not in original.groupindex:
        raise s.error("title", "original_title", "needs a group (?P<title>…)")
    glued = s.pattern("title", "glued_headline") if "glued_headline" in s.data["title"] else None
    if glued is not None and "title" not in glued.groupindex:
        raise s.error("title", "glued_headline", "needs a group (?P<title>…)")
    return TitleRules(
        min_chars=int(s.number("title", "min_chars")), max_chars=int(s.number("title", "max_chars")),
        min_cjk=int(s.number("title", "min_cjk")), sentence_marks=tuple(s.words("title", "sentence_marks")),
        bad_endings=tuple(s.words("title", "bad_endings")), breadcrumb=s.pattern("title", "breadcrumb"),
        not_title=s.patterns("title", "not_title"),
        site_endings=tuple(s.words("title", "site_endings")),
        max_site_chars=int(s.number("title", "max_site_chars")), original_title=original,
        title_separators=tuple(str(x) for x in s.data["title"].get("title_separators") or []),
        strip=s.patterns("title", "strip"), glued_headline=glued,
        lead_openers=s.patterns("title", "lead_openers"), prose_lines=s.patterns("title", "prose_lines"),
        not_prose=s.patterns("title", "not_prose"),
        continued_by=tuple(s.words("title", "continued_by", required=False)),
        kicker=s.pattern("title", "kicker") if "kicker" in s.data["title"] else None)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _issuer_rules(s: _Sections) -> IssuerRules:
    bodies = s.words("issuer", "bodies")
    same = s.mapping("issuer", "same_body")
    unknown = sorted((set(same) | set(same.values())) - set(bodies) - set(s.words("issuer", "abbreviations"))
                     - set(s.words("issuer", "township_bodies", required=False)))
    if unknown:
        raise s.error("issuer", "same_body", f"names {unknown} that are not in bodies, abbreviations "
                      "or township_bodies")
    levels = s.data["issuer"].get("levels")
    if not isinstance(levels, dict) or not levels or not all(v in (PROVINCE, CITY, COUNTY) for v in levels.values()):
        raise s.error("issuer", "levels", "maps a level character to 0 (province), 1 (city) or 2 (county)")
    wrapped = []
    for pair in s.data["issuer"].get("wrapped") or []:
        if not isinstance(pair, list) or len(pair) != 2:
            raise s.error("issuer", "wrapped", f"should list pairs [before, after], not {pair!r}")
        wrapped.append((str(pair[0]), str(pair[1])))
    national: dict[str, str] = {}
    for name, others in (s.data["issuer"].get("national") or {}).items():
        for other in [name, *(others or [])]:
            if str(other) in national:
                raise s.error("issuer", "national", f"lists {other!r} twice")
            national[str(other)] = str(name)
    endings = _alternation(s.words("issuer", "unknown_place_endings"))
    masked = s.pattern("issuer", "masked_place").pattern
    not_in = "".join(map(re.escape, s.words("issuer", "unknown_place_not_in")))
    may_hold = set(s.words("issuer", "township_may_hold", required=False))
    town_not_in = "".join(map(re.escape, (w for w in s.words("issuer", "unknown_place_not_in") if w not in may_hold)))
    not_first = "".join(map(re.escape, s.words("issuer", "company_not_first")))
    name_start = rf"(?:^|(?<=[{BOUNDARY}\d年]))(?P<name>(?![{not_first}])"  # a company's, a self-named body's
    company = (rf"{name_start}[{CJK}]{{2,24}}?"
               f"(?:{_alternation(s.words('issuer', 'company_endings'))}))"
               f"(?P<body>{_alternation(s.words('issuer', 'company_bodies'))})")
    self_named = s.words("issuer", "self_named_endings", required=False)
    self_named_re = (rf"{name_start}[{CJK}]{{2,12}}?)"
                     f"(?P<body>{_alternation(self_named)})") if self_named else None
    return IssuerRules(
        bodies=tuple(sorted(bodies, key=len, reverse=True)), same_body=same,
        spoken_forms=s.mapping("issuer", "spoken_forms"),
        abbreviations=tuple(s.words("issuer", "abbreviations", required=False)),
        abbreviation_not_before=frozenset(s.words("issuer", "abbreviation_not_before", required=False)),
        wrapped=tuple(wrapped), company=s.pattern("issuer", "company_endings", company),
        self_named=s.pattern("issuer", "self_named_endings", self_named_re) if self_named_re else None,
        national=national, national_not_after=frozenset(s.words("issuer", "national_not_after", required=False)),
        levels={str(k): int(v) for k, v in sorted(levels.items(), key=lambda kv: -len(str(kv[0])))},
        relative_not_after=tuple(s.words("issuer", "relative_not_after", required=False)),
        all_levels_prefix=str(s.data["issuer"].get("all_levels_prefix") or ""),
        all_levels_infix=tuple(s.words("issuer", "all_levels_infix", required=False)),
        all_levels_weight=s.number("issuer", "all_levels_weight"),
        unknown_place=s.pattern("issuer", "unknown_place_endings",
                                rf"(?:^|[{BOUNDARY}\d年])((?:(?:(?![{not_in}])[{CJK}]){{2,4}}?|{masked})(?:{endings}))$"),
        unknown_place_not_first=tuple(s.words("issuer", "unknown_place_not_first", required=False)),
        body_not_before=frozenset(s.words("issuer", "body_not_before", required=False)),
        township=s.pattern("issuer", "township_endings",
                           rf"(?:(?![{town_not_in}])[{CJK}]){{2,4}}(?:{_alternation(s.words('issuer', 'township_endings'))})"),
        township_endings=tuple(s.words("issuer", "township_endings")),
        title_weight=s.number("issuer", "title_weight"), head_weight=s.number("issuer", "head_weight"),
        field_weight=s.number("issuer", "field_weight"), subject_weight=s.number("issuer", "subject_weight"),
        subject_before=s.patterns("issuer", "subject_before"),
        subject_after=s.patterns("issuer", "subject_after"),
        above_before=s.pattern("issuer", "above_before"), above_after=s.pattern("issuer", "above_after"),
        min_home_support=s.number("issuer", "min_home_support"),
        other_bodies=_other_bodies(s), regional=_regional_bodies(s),
        own_level_words={str(k): int(v) for k, v in (s.data["issuer"].get("own_level_words") or {}).items()},
        above_own_level_weight=s.number("issuer", "above_own_level_weight", default=1.0),
        title_topics={str(k): tuple(map(str, v or [])) for k, v in (s.data["issuer"].get("title_topics") or {}).items()},
        title_topic_weight=s.number("issuer", "title_topic_weight", default=0.0),
        title_body_followers=tuple(s.words("issuer", "title_body_followers", required=False)),
        signature_weight=s.number("issuer", "signature_weight", default=0.0),
        signature_date=s.pattern("issuer", "signature_date") if "signature_date" in s.data["issuer"] else None,
        national_not_before=tuple(s.words("issuer", "national_not_before", required=False)),
        township_bodies=tuple(s.words("issuer", "township_bodies", required=False)),
        township_not_words=tuple(s.words("issuer", "township_not_words", required=False)),
        township_bodies_after=tuple(s.words("issuer", "township_bodies_after", required=False)),
        zone_endings=tuple(sorted(s.words("issuer", "zone_endings", required=False), key=len, reverse=True)),
        county_short_max_frequency=(s.number("issuer", "county_short_max_frequency")
                                    if "county_short_max_frequency" in s.data["issuer"] else None),
        county_short_boundary_frequency=s.number("issuer", "county_short_boundary_frequency", default=100.0),
        system_words=tuple(s.words("issuer", "system_words", required=False)),
        system_body_endings=tuple(s.words("issuer", "system_body_endings", required=False)),
        zone_name_chars=int(s.number("issuer", "zone_name_chars", default=0)))


def _regional_bodies(s: _Sections) -> dict[str, tuple[str, str]]:
    """issuer.regional: each name and other name of a body known by its own name in one
    division (香港工会联合会, 工联会: 810000) -> (its first name, the division's code)."""
    out: dict[str, tuple[str, str]] = {}
    for name, entry in (s.data["issuer"].get("regional") or {}).items():
        code = str((entry or {}).get("code") or "")
        for other in [name, *((entry or {}).get("names") or [])]:
            if str(other) in out:
                raise s.error("issuer", "regional", f"lists {other!r} twice")
            out[str(other)] = (str(name), code)
    return out


def _other_bodies(s: _Sections) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """issuer.other_bodies: pairs [before, after] of patterns ('' matches anything)."""
    out = []
    for pair in s.data["issuer"].get("other_bodies") or []:
        if not isinstance(pair, list) or len(pair) != 2:
            raise s.error("issuer", "other_bodies", f"should list pairs [before, after], not {pair!r}")
        out.append((s.pattern("issuer", "other_bodies", str(pair[0] or "")),
                    s.pattern("issuer", "other_bodies", str(pair[1] or ""))))
    return tuple(out)


def _year_rules(s: _Sections) -> YearRules:
    return YearRules(
        first=int(s.number("year", "first")), last=int(s.number("year", "last")),
        not_after=tuple(s.words("year", "not_after")), not_before=tuple(s.words("year", "not_before")),
        title_not_after=s.patterns("year", "title_not_after"), strong_weight=s.number("year", "strong_weight"),
        strong_before=s.patterns("year", "strong_before"), strong_after=s.patterns("year", "strong_after"),
        closing_before=s.patterns("year", "closing_before"),
        plan_words=tuple(s.words("year", "plan_words", required=False)),
        plan_done_after=tuple(s.words("year", "plan_done_after", required=False)),
        plan_window=int(s.number("year", "plan_window")),
        last_year=tuple(s.words("year", "last_year")), this_year=tuple(s.words("year", "this_year")),
        min_mentions=s.number("year", "min_mentions"),
        plan_before=tuple(s.words("year", "plan_before", required=False)),
        starting_after=tuple(s.words("year", "starting_after", required=False)),
        since_before=tuple(s.words("year", "since_before", required=False)),
        named_last_year_months=int(s.number("year", "named_last_year_months", default=0)),
        next_year_from_month=int(s.number("year", "next_year_from_month", default=13)),
        past_year=tuple(s.words("year", "past_year", required=False)),
        after_start=int(s.number("year", "after_start")) if "after_start" in s.data["year"] else None,
        begun=tuple(s.words("year", "begun", required=False)),
        dated_phrases=_dated_phrases(s), title_plans=_title_plans(s),
        title_bare_years=s.patterns("year", "title_bare_years"), meeting_after=s.patterns("year", "meeting_after"))


def _title_plans(s: _Sections) -> tuple[DatedPhrase, ...]:
    """year.title_plans: each a pattern of a plan's title with the year of its figures."""
    out = []
    for entry in s.data["year"].get("title_plans") or []:
        pattern = s.pattern("year", "title_plans", entry.get("pattern"))
        if entry.get("year") is None:
            raise s.error("year", "title_plans", f"entry {pattern.pattern!r} needs a year")
        out.append(DatedPhrase(pattern, int(entry["year"]), int(entry["year"])))
    return tuple(out)


def _dated_phrases(s: _Sections) -> tuple[DatedPhrase, ...]:
    """year.dated_phrases: each a pattern with its year, its first (and last) year, or a
    base year for its group n."""
    out = []
    for entry in s.data["year"].get("dated_phrases") or []:
        pattern = s.pattern("year", "dated_phrases", entry.get("pattern"))
        year, first, last, base = (entry.get(k) for k in ("year", "from", "to", "base"))

        def error(message: str) -> LexiconError:
            line = y.line_of_value(s.node, pattern.pattern)
            return LexiconError(f"{s.path}:{line}: year.dated_phrases entry {pattern.pattern!r} {message}")
        if base is not None:
            if "n" not in pattern.groupindex or year is not None or first is not None:
                raise error("with a base needs a group (?P<n>…) and no year or from")
            out.append(DatedPhrase(pattern, base=int(base)))
        elif year is not None:
            out.append(DatedPhrase(pattern, int(year), int(year)))
        elif first is not None:
            out.append(DatedPhrase(pattern, int(first), int(last) if last is not None else None))
        else:
            raise error("needs a year, a from or a base")
    return tuple(out)


DIVISION_CODE = re.compile(r"^\d{6}$")


def _names_by_code(s: _Sections, key: str, names_are: str) -> dict[str, tuple[str, ...]]:
    """region's `key`: a 6-digit division code -> a list of names (current_divisions,
    places_in)."""
    out = {}
    for code, names in (s.data["region"].get(key) or {}).items():
        if not DIVISION_CODE.match(str(code)) or not names:
            raise s.error("region", key, f"maps a 6-digit code to {names_are}, not {code!r}: {names!r}")
        out[str(code)] = tuple(map(str, names))
    return out


def load_report_metadata(path: Path, _loaded: dict) -> MetadataRules:
    data, node = y.read(path, METADATA_SHAPE)
    s = _Sections(path, data, node)
    short_endings = tuple(s.words("region", "short_name_endings"))
    county_endings = tuple(s.words("region", "county_short_name_endings", required=False))
    also_endings = tuple(s.words("region", "also_short_name_endings", required=False))
    for key, patterns in (("short_name_endings", short_endings), ("county_short_name_endings", county_endings),
                          ("also_short_name_endings", also_endings)):
        for pattern in patterns:  # checked now; the gazetteer fills in the ethnic groups
            s.pattern("region", key, pattern.replace("{ethnic_groups}", "(?:族)"))
    return MetadataRules(
        path=path, title=_title_rules(s), issuer=_issuer_rules(s), year=_year_rules(s),
        short_name_endings=short_endings, county_short_name_endings=county_endings,
        also_short_name_endings=also_endings,
        ambiguous_short_names=frozenset(s.words("region", "ambiguous_short_names")),
        ignore_names=frozenset(s.words("region", "ignore_names")),
        min_support=s.number("region", "min_support"),
        short_name_not_before=tuple(s.words("region", "short_name_not_before", required=False)),
        county_renamed_endings={str(k): tuple(map(str, v or [])) for k, v in
                                (data["region"].get("county_renamed_endings") or {}).items()},
        min_county_name_length=int(s.number("region", "min_county_name_length")),
        current_divisions=_names_by_code(s, "current_divisions", "its name and old names"),
        places_in=_names_by_code(s, "places_in", "the names of places in it"),
        chained_only_names=frozenset(s.words("region", "chained_only_names", required=False)),
        not_home_before=tuple(s.words("region", "not_home_before", required=False)),
        place_types=frozenset(s.words("entity_types", "place")),
        organization_types=frozenset(s.words("entity_types", "organization")),
        entity_suffixes=tuple(sorted(s.words("entity_types", "issuer_suffixes"), key=len, reverse=True)),
        towns=_loaded.get("towns", {}))
