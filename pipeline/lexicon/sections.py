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

    def palette(self) -> dict[str, str]:
        """A colour for every category: its own, else one of DEFAULT_COLORS in turn."""
        spare = iter(DEFAULT_COLORS * (len(self.names) // len(DEFAULT_COLORS) + 1))
        return {name: self.colors.get(name) or next(spare) for name in self.names}


# Colours for categories the file gives none (a colour-blind-safe set, then greys).
DEFAULT_COLORS = ["#88ccee", "#cc6677", "#ddcc77", "#117733", "#332288", "#aa4499", "#44aa99",
                  "#999933", "#882255", "#661100", "#6699cc", "#888888"]

TRIGGERS = Record((("color", TEXT), ("nouns", WORDS), ("verbs", WORDS), ("context", WORDS)))
CATEGORIES_SHAPE = {
    "categories": Mapping(TRIGGERS),
    "defaults": Record((("units", Mapping(WORD)), ("dimensions", Mapping(WORD)))),
    "dimension_rules": Mapping(Record((("category", WORD), ("unless", Mapping(WORDS))))),
    "replace_for_dimension": Mapping(Mapping(WORD)),
    "verb_first": Mapping(WORDS), "transparent_heads": WORDS, "place_prefixes": WORDS}
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
                                    key=len, reverse=True)))


def _triggers(path: Path, node, categories: dict) -> tuple[dict, dict]:
    """({level: {word: category}}, {category: colour}); a word once per level."""
    levels: dict[str, dict[str, str]] = {"nouns": {}, "verbs": {}, "context": {}}
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
        metadata=_metadata_patterns(path, node, data.get("metadata") or {}),
        max_unpunctuated_line=int(data.get("max_unpunctuated_line", 60)),
        min_broken_paragraph=int(data.get("min_broken_paragraph", 40)),
        min_repeated_paragraph=int(data.get("min_repeated_paragraph", 12)),
        question_words=pattern("question_words"), garbled=pattern("garbled"),
        html_drop_tags=tuple(y.words(path, node, y.require(path, data, "html_drop_tags", list),
                                     "html_drop_tags")),
        html_chrome_words=re.compile(r"\b(%s)\b" % "|".join(map(re.escape, chrome)), re.I))


# What each metadata pattern must capture, for describe to read it.
METADATA_GROUPS = {"date": ("year",), "source": ("source",), "edition": ("source", "when"),
                   "dateline": ("year",), "masthead": ("source", "year")}


def _metadata_patterns(path: Path, node, patterns: dict) -> dict[str, re.Pattern]:
    """boilerplate.yaml's metadata patterns; `{date}` in the dateline and the masthead is the
    date pattern."""
    out = {}
    for key, text in patterns.items():
        if key in ("dateline", "masthead") and "date" in patterns:
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
    percent_prefix: str
    particle: str
    from_to: frozenset[str]
    resultative: frozenset[str]
    noun_initials: str
    noun_tags: frozenset[str]
    break_initials: str
    verb_initials: str
    not_verb_tags: frozenset[str]


MARKS = ("sentence_end", "sentence_closers", "paragraph_end", "clause_breaks", "list_separators",
         "phrase_quotes", "open_brackets", "close_brackets", "open_quotes", "close_quotes",
         "range_separators", "from_to", "resultative_complements")
POS = ("noun_initials", "noun_tags", "break_initials", "verb_initials", "not_verb_tags")
GRAMMAR_SHAPE = {**{k: Seq(TEXT) for k in MARKS}, "percent_prefix": WORD, "particle": WORD,
                 "pos": Record(tuple((k, WORDS) for k in POS))}


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
        not_verb_tags=frozenset(pos["not_verb_tags"]))


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


@dataclass(frozen=True, eq=False)
class IssuerRules:
    bodies: tuple[str, ...]            # longest first
    same_body: dict[str, str]          # a shorter name -> the body's full name
    spoken_forms: dict[str, str]
    abbreviations: tuple[str, ...]
    abbreviation_not_before: frozenset[str]
    wrapped: tuple[tuple[str, str], ...]
    company: re.Pattern                # a company's name and its union
    national: dict[str, str]           # every name -> the body's first name
    national_not_after: frozenset[str]
    levels: dict[str, int]             # longest level word first
    relative_not_after: tuple[str, ...]
    all_levels_prefix: str
    all_levels_infix: tuple[str, ...]
    all_levels_weight: float
    unknown_place: re.Pattern
    township: re.Pattern               # a town right after a known place: 于都县贡江镇
    township_endings: tuple[str, ...]
    title_weight: float
    head_weight: float
    field_weight: float
    subject_weight: float
    subject_before: tuple[re.Pattern, ...]
    above_before: re.Pattern
    above_after: re.Pattern
    min_home_support: float


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


PATTERNS = Seq(TEXT)
METADATA_SHAPE = {
    "title": Record((("min_chars", WHOLE), ("max_chars", WHOLE), ("min_cjk", WHOLE),
                     ("sentence_marks", WORDS), ("bad_endings", WORDS), ("breadcrumb", TEXT),
                     ("not_title", PATTERNS),
                     ("site_endings", WORDS), ("max_site_chars", WHOLE), ("original_title", TEXT),
                     ("title_separators", Seq(TEXT)))),
    "issuer": Record((("bodies", WORDS), ("same_body", Mapping(WORD)), ("spoken_forms", Mapping(WORD)),
                      ("abbreviations", WORDS), ("abbreviation_not_before", WORDS),
                      ("wrapped", Seq(WORDS)), ("company_endings", WORDS), ("company_bodies", WORDS),
                      ("company_not_first", WORDS),
                      ("national", Mapping(WORDS)), ("national_not_after", WORDS),
                      ("levels", Mapping(WHOLE)), ("relative_not_after", WORDS),
                      ("all_levels_prefix", WORD), ("all_levels_infix", WORDS),
                      ("all_levels_weight", NUMBER), ("unknown_place_endings", WORDS),
                      ("unknown_place_not_in", WORDS), ("masked_place", TEXT),
                      ("township_endings", WORDS),
                      ("title_weight", NUMBER), ("head_weight", NUMBER), ("field_weight", NUMBER),
                      ("subject_weight", NUMBER), ("subject_before", PATTERNS),
                      ("above_before", TEXT), ("above_after", TEXT), ("min_home_support", NUMBER))),
    "region": Record((("short_name_endings", PATTERNS), ("county_short_name_endings", PATTERNS),
                      ("ambiguous_short_names", WORDS), ("ignore_names", WORDS),
                      ("min_support", NUMBER), ("short_name_not_before", WORDS),
                      ("county_renamed_endings", Mapping(WORDS)),
                      ("min_county_name_length", WHOLE))),
    "entity_types": Record((("place", WORDS), ("organization", WORDS), ("issuer_suffixes", WORDS))),
    "year": Record((("first", WHOLE), ("last", WHOLE), ("not_after", WORDS), ("not_before", WORDS),
                    ("title_not_after", PATTERNS), ("strong_weight", NUMBER),
                    ("strong_before", PATTERNS), ("strong_after", PATTERNS),
                    ("closing_before", PATTERNS), ("plan_words", WORDS),
                    ("plan_window", WHOLE), ("last_year", WORDS), ("this_year", WORDS),
                    ("min_mentions", NUMBER))),
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

    def number(self, section: str, key: str) -> float:
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
            return re.compile(text)
        except (re.error, TypeError) as exc:
            raise LexiconError(f"{self.path}:{self._line(section, key)}: bad regular "
                               f"expression in {section}.{key}: {exc}") from None

    def patterns(self, section: str, key: str) -> tuple[re.Pattern, ...]:
        return tuple(self.pattern(section, key, p) for p in self.data[section].get(key) or [])

    def error(self, section: str, key: str, message: str) -> LexiconError:
        return LexiconError(f"{self.path}:{self._line(section, key)}: {section}.{key} {message}")


def _title_rules(s: _Sections) -> TitleRules:
    original = s.pattern("title", "original_title")
    if "title" not in original.groupindex:
        raise s.error("title", "original_title", "needs a group (?P<title>…)")
    return TitleRules(
        min_chars=int(s.number("title", "min_chars")), max_chars=int(s.number("title", "max_chars")),
        min_cjk=int(s.number("title", "min_cjk")), sentence_marks=tuple(s.words("title", "sentence_marks")),
        bad_endings=tuple(s.words("title", "bad_endings")), breadcrumb=s.pattern("title", "breadcrumb"),
        not_title=s.patterns("title", "not_title"),
        site_endings=tuple(s.words("title", "site_endings")),
        max_site_chars=int(s.number("title", "max_site_chars")), original_title=original,
        title_separators=tuple(str(x) for x in s.data["title"].get("title_separators") or []))


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _issuer_rules(s: _Sections) -> IssuerRules:
    bodies = s.words("issuer", "bodies")
    same = s.mapping("issuer", "same_body")
    unknown = sorted((set(same) | set(same.values())) - set(bodies) - set(s.words("issuer", "abbreviations")))
    if unknown:
        raise s.error("issuer", "same_body", f"names {unknown} that are not in bodies or abbreviations")
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
    not_first = "".join(map(re.escape, s.words("issuer", "company_not_first")))
    company = (rf"(?:^|(?<=[{BOUNDARY}\d年]))(?P<name>(?![{not_first}])[{CJK}]{{2,24}}?"
               f"(?:{_alternation(s.words('issuer', 'company_endings'))}))"
               f"(?P<body>{_alternation(s.words('issuer', 'company_bodies'))})")
    return IssuerRules(
        bodies=tuple(sorted(bodies, key=len, reverse=True)), same_body=same,
        spoken_forms=s.mapping("issuer", "spoken_forms"),
        abbreviations=tuple(s.words("issuer", "abbreviations", required=False)),
        abbreviation_not_before=frozenset(s.words("issuer", "abbreviation_not_before", required=False)),
        wrapped=tuple(wrapped), company=s.pattern("issuer", "company_endings", company),
        national=national, national_not_after=frozenset(s.words("issuer", "national_not_after", required=False)),
        levels={str(k): int(v) for k, v in sorted(levels.items(), key=lambda kv: -len(str(kv[0])))},
        relative_not_after=tuple(s.words("issuer", "relative_not_after", required=False)),
        all_levels_prefix=str(s.data["issuer"].get("all_levels_prefix") or ""),
        all_levels_infix=tuple(s.words("issuer", "all_levels_infix", required=False)),
        all_levels_weight=s.number("issuer", "all_levels_weight"),
        unknown_place=s.pattern("issuer", "unknown_place_endings",
                                rf"(?:^|[{BOUNDARY}\d年])((?:(?:(?![{not_in}])[{CJK}]){{2,4}}?|{masked})(?:{endings}))$"),
        township=s.pattern("issuer", "township_endings",
                           rf"((?:(?![{not_in}])[{CJK}]){{2,4}}?(?:{_alternation(s.words('issuer', 'township_endings'))}))$"),
        township_endings=tuple(s.words("issuer", "township_endings")),
        title_weight=s.number("issuer", "title_weight"), head_weight=s.number("issuer", "head_weight"),
        field_weight=s.number("issuer", "field_weight"), subject_weight=s.number("issuer", "subject_weight"),
        subject_before=s.patterns("issuer", "subject_before"),
        above_before=s.pattern("issuer", "above_before"), above_after=s.pattern("issuer", "above_after"),
        min_home_support=s.number("issuer", "min_home_support"))


def _year_rules(s: _Sections) -> YearRules:
    return YearRules(
        first=int(s.number("year", "first")), last=int(s.number("year", "last")),
        not_after=tuple(s.words("year", "not_after")), not_before=tuple(s.words("year", "not_before")),
        title_not_after=s.patterns("year", "title_not_after"), strong_weight=s.number("year", "strong_weight"),
        strong_before=s.patterns("year", "strong_before"), strong_after=s.patterns("year", "strong_after"),
        closing_before=s.patterns("year", "closing_before"),
        plan_words=tuple(s.words("year", "plan_words", required=False)),
        plan_window=int(s.number("year", "plan_window")),
        last_year=tuple(s.words("year", "last_year")), this_year=tuple(s.words("year", "this_year")),
        min_mentions=s.number("year", "min_mentions"))


def load_report_metadata(path: Path, _loaded: dict) -> MetadataRules:
    data, node = y.read(path, METADATA_SHAPE)
    s = _Sections(path, data, node)
    short_endings = tuple(s.words("region", "short_name_endings"))
    county_endings = tuple(s.words("region", "county_short_name_endings", required=False))
    for key, patterns in (("short_name_endings", short_endings), ("county_short_name_endings", county_endings)):
        for pattern in patterns:  # checked now; the gazetteer fills in the ethnic groups
            s.pattern("region", key, pattern.replace("{ethnic_groups}", "(?:族)"))
    return MetadataRules(
        path=path, title=_title_rules(s), issuer=_issuer_rules(s), year=_year_rules(s),
        short_name_endings=short_endings, county_short_name_endings=county_endings,
        ambiguous_short_names=frozenset(s.words("region", "ambiguous_short_names")),
        ignore_names=frozenset(s.words("region", "ignore_names")),
        min_support=s.number("region", "min_support"),
        short_name_not_before=tuple(s.words("region", "short_name_not_before", required=False)),
        county_renamed_endings={str(k): tuple(map(str, v or [])) for k, v in
                                (data["region"].get("county_renamed_endings") or {}).items()},
        min_county_name_length=int(s.number("region", "min_county_name_length")),
        place_types=frozenset(s.words("entity_types", "place")),
        organization_types=frozenset(s.words("entity_types", "organization")),
        entity_suffixes=tuple(sorted(s.words("entity_types", "issuer_suffixes"), key=len, reverse=True)))
