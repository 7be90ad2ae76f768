"""One loader per lexicon file: each reads its file, checks it and returns its section.

A section is a small frozen dataclass of what the stages read. Checks that involve
another file (a category named in a default, a dimension named in a rule) are made
against the sections already loaded, which `load_all` passes along in file order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError
from . import yaml_file as y
from .yaml_file import FLAG, NUMBER, TEXT, WHOLE, WORD, WORDS, Either, Mapping, Record, Seq

QUALIFIERS = ("exact", "approx", "over", "under", "at_least", "at_most")


# ------------------------------------------------------------------------- units.yaml

@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    factor: float = 1.0


@dataclass(frozen=True, eq=False)
class Units:
    by_word: dict[str, Unit]
    durations: frozenset[str]
    dimensions: tuple[str, ...]       # in the file's order: the tables' order
    ratio_dimensions: frozenset[str]  # ratios already: never per unit, never summed


UNITS_SHAPE = {"dimensions": Mapping(Seq(Either((WORD, Record((("unit", WORD), ("factor", NUMBER))))))),
               "durations": WORDS, "ratio_dimensions": WORDS}


def load_units(path: Path, _loaded: dict) -> Units:
    data, node = y.read(path, UNITS_SHAPE)
    y.check_duplicates(path, node, scope_depth=0)
    by_word: dict[str, Unit] = {}
    dimensions = y.require(path, data, "dimensions")
    for dim, entries in dimensions.items():
        for entry in entries or []:
            if isinstance(entry, dict):
                if "unit" not in entry:
                    raise LexiconError(f"{path}:{y.line_of(node, dim)}: entry {entry!r} has no 'unit'")
                by_word[str(entry["unit"])] = Unit(str(entry["unit"]), str(dim), float(entry.get("factor", 1)))
            else:
                by_word[str(entry)] = Unit(str(entry), str(dim))
    ratio = y.words(path, node, data.get("ratio_dimensions"), "ratio_dimensions")
    unknown = [d for d in ratio if d not in dimensions]
    if unknown:
        raise LexiconError(f"{path}:{y.line_of(node, 'ratio_dimensions')}: unknown dimension "
                           f"{unknown[0]!r} in ratio_dimensions (known: {', '.join(map(str, dimensions))})")
    return Units(by_word, frozenset(y.words(path, node, data.get("durations"), "durations")),
                 tuple(map(str, dimensions)), frozenset(ratio))


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


NON_INDICATORS_SHAPE = {"patterns": Seq(TEXT), "vague_before": WORDS, "bare_round_numerals": WORDS,
                        "skip_bare_one": FLAG, "bare_number_nouns": Mapping(WORDS)}


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
        bare_number_nouns=bare_nouns)


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

    def palette(self) -> dict[str, str]:
        """A colour for every category: its own, else one of DEFAULT_COLORS in turn."""
        spare = iter(DEFAULT_COLORS * (len(self.names) // len(DEFAULT_COLORS) + 1))
        return {name: self.colors.get(name) or next(spare) for name in self.names}


# Colours for categories the file gives none (a colour-blind-safe set, then greys).
DEFAULT_COLORS = ["#88ccee", "#cc6677", "#ddcc77", "#117733", "#332288", "#aa4499", "#44aa99",
                  "#999933", "#882255", "#661100", "#6699cc", "#888888"]

TRIGGERS = Record((("color", TEXT), ("nouns", WORDS), ("verbs", WORDS), ("context", WORDS),
                   ("overrides", WORDS)))
CATEGORIES_SHAPE = {
    "categories": Mapping(TRIGGERS),
    "defaults": Record((("units", Mapping(WORD)), ("dimensions", Mapping(WORD)))),
    "dimension_rules": Mapping(Record((("category", WORD), ("unless", Mapping(WORDS))))),
    "replace_for_dimension": Mapping(Mapping(WORD)),
    "verb_first": Mapping(WORDS), "transparent_heads": WORDS, "place_prefixes": WORDS,
    "headings": Record((("patterns", Seq(TEXT)), ("max_chars", WHOLE)))}
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
    verb_first = {check.dimension(dim, ("verb_first",)):
                  frozenset(check.category(c, ("verb_first", dim)) for c in cats or [])
                  for dim, cats in (data.get("verb_first") or {}).items()}
    return Categories(
        names=tuple(names), colors=colors, nouns=levels["nouns"], verbs=levels["verbs"],
        context=levels["context"], default_by_unit=by_unit, default_by_dimension=by_dim,
        fallback="other" if "other" in names else names[-1], dimension_rules=rules,
        replace_for_dimension=replace, verb_first=verb_first,
        transparent_heads=tuple(sorted(y.words(path, node, data.get("transparent_heads"),
                                               "transparent_heads"), key=len, reverse=True)),
        place_prefixes=tuple(sorted(y.words(path, node, data.get("place_prefixes"), "place_prefixes"),
                                    key=len, reverse=True)),
        overrides=levels["overrides"], **_headings(path, node, data.get("headings") or {}))


def _headings(path: Path, node, section: dict) -> dict:
    """How a section heading is told (the category model reads the words of a figure's)."""
    return {"heading_patterns": tuple(y.compile_pattern(path, node, p, "patterns")
                                      for p in section.get("patterns") or []),
            "heading_max_chars": int(section.get("max_chars") or 0)}


def _triggers(path: Path, node, categories: dict) -> tuple[dict, dict]:
    """({level: {word: category}}, {category: colour}); a word once per level."""
    levels: dict[str, dict[str, str]] = {"nouns": {}, "verbs": {}, "context": {}, "overrides": {}}
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
    min_repeated_paragraph: int
    question_words: re.Pattern
    garbled: re.Pattern
    html_drop_tags: tuple[str, ...]
    html_chrome_words: re.Pattern


BOILERPLATE_SHAPE = {"drop_line": Seq(TEXT), "cut_from": Seq(TEXT), "metadata": Mapping(TEXT),
                     "max_unpunctuated_line": WHOLE, "min_broken_paragraph": WHOLE,
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
        metadata={k: y.compile_pattern(path, node, v, f"metadata.{k}")
                  for k, v in (data.get("metadata") or {}).items()},
        max_unpunctuated_line=int(data.get("max_unpunctuated_line", 60)),
        min_broken_paragraph=int(data.get("min_broken_paragraph", 40)),
        min_repeated_paragraph=int(data.get("min_repeated_paragraph", 12)),
        question_words=pattern("question_words"), garbled=pattern("garbled"),
        html_drop_tags=tuple(y.words(path, node, y.require(path, data, "html_drop_tags", list),
                                     "html_drop_tags")),
        html_chrome_words=re.compile(r"\b(%s)\b" % "|".join(map(re.escape, chrome)), re.I))


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
    percent_prefix: str
    particle: str
    from_to: frozenset[str]
    resultative: frozenset[str]
    noun_initials: str
    noun_tags: frozenset[str]
    break_initials: str
    verb_initials: str
    not_verb_tags: frozenset[str]
    conjunction_initials: str = ""  # 和, 及: a list of figures "40名A和20名B" is cut there


MARKS = ("sentence_end", "sentence_closers", "paragraph_end", "clause_breaks", "list_separators",
         "phrase_quotes", "open_brackets", "close_brackets", "open_quotes", "close_quotes",
         "range_separators", "from_to", "resultative_complements")
POS = ("noun_initials", "noun_tags", "break_initials", "verb_initials", "not_verb_tags")
GRAMMAR_SHAPE = {**{k: Seq(TEXT) for k in MARKS}, "percent_prefix": WORD, "particle": WORD,
                 "pos": Record(tuple((k, WORDS) for k in POS + ("conjunction_initials",)))}


def load_grammar(path: Path, _loaded: dict) -> Grammar:
    data, node = y.read(path, GRAMMAR_SHAPE)
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
        percent_prefix=str(y.require(path, data, "percent_prefix", (str, int))),
        particle=str(y.require(path, data, "particle", (str, int))),
        from_to=frozenset(marks["from_to"]), resultative=frozenset(marks["resultative_complements"]),
        noun_initials="".join(pos["noun_initials"]), noun_tags=frozenset(pos["noun_tags"]),
        break_initials="".join(pos["break_initials"]), verb_initials="".join(pos["verb_initials"]),
        not_verb_tags=frozenset(pos["not_verb_tags"]),
        conjunction_initials="".join(y.words(path, node, pos_data.get("conjunction_initials"),
                                             "conjunction_initials")))


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


# ---------------------------------------------------------------- report_metadata.yaml

PROVINCE, CITY, COUNTY = 0, 1, 2
CJK = "\u4e00-\u9fff"
BOUNDARY = r"\s：:，,、。；;！!？?“”\"'《》〈〉（）()【】\[\]—-"


@dataclass(frozen=True, eq=False)
class MetadataRules:
    """The rules of report metadata (region, issuer, year): see report_metadata.yaml."""
    path: Path
    suffixes: tuple[str, ...]
    relative_suffixes: frozenset[str]
    levels: dict[str, int]
    unknown_place: re.Pattern
    title_weight: float
    min_home_support: float
    short_name_endings: tuple[str, ...]  # patterns with {ethnic_groups}, compiled by the gazetteer
    ambiguous_short_names: frozenset[str]
    ignore_names: frozenset[str]
    min_support: float
    min_county_name_length: int
    place_types: frozenset[str]
    organization_types: frozenset[str]
    entity_suffixes: tuple[str, ...]
    year_first: int
    year_last: int
    year_not_after: tuple[str, ...]
    year_not_before: tuple[str, ...]
    last_year: tuple[str, ...]
    this_year: tuple[str, ...]
    min_year_mentions: int
    dateline_lines: int
    dateline: re.Pattern


METADATA_SHAPE = {
    "issuer": Record((("suffixes", WORDS), ("relative_suffixes", WORDS), ("levels", Mapping(WHOLE)),
                      ("unknown_place_endings", WORDS), ("title_weight", NUMBER),
                      ("min_home_support", NUMBER))),
    "region": Record((("short_name_endings", Seq(TEXT)), ("ambiguous_short_names", WORDS),
                      ("ignore_names", WORDS), ("min_support", NUMBER),
                      ("min_county_name_length", WHOLE))),
    "entity_types": Record((("place", WORDS), ("organization", WORDS), ("issuer_suffixes", WORDS))),
    "year": Record((("first", WHOLE), ("last", WHOLE), ("not_after", WORDS), ("not_before", WORDS),
                    ("last_year", WORDS), ("this_year", WORDS), ("min_mentions", WHOLE),
                    ("dateline_lines", WHOLE), ("dateline", TEXT))),
}


class _Sections:
    """Values of report_metadata.yaml's sections, each required, with its line in errors."""

    def __init__(self, path: Path, data, node):
        self.path, self.data, self.node = path, data, node
        for section in METADATA_SHAPE:
            y.require(path, data, section)

    def words(self, section: str, key: str) -> list[str]:
        found = y.words(self.path, self.node, self.data[section].get(key), key)
        if not found:
            raise LexiconError(f"{self.path}:{y.line_of(self.node, key) or 1}: {section}.{key} "
                               "should be a list of words")
        return found

    def number(self, section: str, key: str) -> float:
        value = self.data[section].get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise LexiconError(f"{self.path}:{y.line_of(self.node, key) or 1}: {section}.{key} "
                               "should be a number >= 0")
        return value

    def pattern(self, section: str, key: str, text: str | None = None) -> re.Pattern:
        text = self.data[section].get(key) if text is None else text
        try:
            return re.compile(text)
        except (re.error, TypeError) as exc:
            raise LexiconError(f"{self.path}:{y.line_of(self.node, key) or 1}: bad regular "
                               f"expression in {key}: {exc}") from None


def load_report_metadata(path: Path, _loaded: dict) -> MetadataRules:
    data, node = y.read(path, METADATA_SHAPE)
    s = _Sections(path, data, node)
    suffixes, relative = s.words("issuer", "suffixes"), s.words("issuer", "relative_suffixes")
    if set(relative) - set(suffixes):
        raise LexiconError(f"{path}:{y.line_of(node, 'relative_suffixes')}: relative_suffixes "
                           f"{sorted(set(relative) - set(suffixes))} are not in suffixes")
    levels = data["issuer"].get("levels")
    if not isinstance(levels, dict) or not levels or not all(v in (PROVINCE, CITY, COUNTY) for v in levels.values()):
        raise LexiconError(f"{path}:{y.line_of(node, 'levels') or 1}: issuer.levels maps a level "
                           "character to 0 (province), 1 (city) or 2 (county)")
    endings = "|".join(map(re.escape, s.words("issuer", "unknown_place_endings")))
    short_endings = tuple(s.words("region", "short_name_endings"))
    for pattern in short_endings:  # checked now; the gazetteer fills in the ethnic groups
        s.pattern("region", "short_name_endings", pattern.replace("{ethnic_groups}", "(?:族)"))
    return MetadataRules(
        path=path, suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        relative_suffixes=frozenset(relative),
        levels={str(k): int(v) for k, v in sorted(levels.items(), key=lambda kv: -len(str(kv[0])))},
        unknown_place=re.compile(f"(?:^|[{BOUNDARY}])([{CJK}]{{2,4}}?(?:{endings}))$"),
        title_weight=s.number("issuer", "title_weight"),
        min_home_support=s.number("issuer", "min_home_support"),
        short_name_endings=short_endings,
        ambiguous_short_names=frozenset(s.words("region", "ambiguous_short_names")),
        ignore_names=frozenset(s.words("region", "ignore_names")),
        min_support=s.number("region", "min_support"),
        min_county_name_length=int(s.number("region", "min_county_name_length")),
        place_types=frozenset(s.words("entity_types", "place")),
        organization_types=frozenset(s.words("entity_types", "organization")),
        entity_suffixes=tuple(sorted(s.words("entity_types", "issuer_suffixes"), key=len, reverse=True)),
        year_first=int(s.number("year", "first")), year_last=int(s.number("year", "last")),
        year_not_after=tuple(s.words("year", "not_after")),
        year_not_before=tuple(s.words("year", "not_before")),
        last_year=tuple(s.words("year", "last_year")), this_year=tuple(s.words("year", "this_year")),
        min_year_mentions=int(s.number("year", "min_mentions")),
        dateline_lines=int(s.number("year", "dateline_lines")),
        dateline=s.pattern("year", "dateline"))
