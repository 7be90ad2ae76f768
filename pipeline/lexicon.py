"""Domain knowledge loaded from `lexicons/`: measure words, qualifiers, categories,
boilerplate patterns, periods and the jieba user dictionary.

Everything a researcher may want to change lives in those files; this module only
reads them, checks them (a bad file stops the run before any work, naming the file
and line) and compiles them for the stages.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .report import CATEGORIES, DIMENSIONS, QUALIFIERS

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "lexicons"
LEXICON_ENV = "WORK_REPORT_LEXICONS"
FILES = ["units.yaml", "qualifiers.yaml", "basis.yaml", "categories.yaml", "verbs.yaml",
         "periods.yaml", "non_indicators.yaml", "boilerplate.yaml", "report_metadata.yaml",
         "user_dict.txt"]


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


def default_dir() -> Path:
    return Path(os.environ.get(LEXICON_ENV) or DEFAULT_DIR)


@dataclass
class Unit:
    unit: str
    dimension: str
    factor: float = 1.0


@dataclass(eq=False)  # hashed by identity: one loaded lexicon keys the compiled caches
class Lexicon:
    directory: Path
    fingerprint: str
    units: dict[str, Unit]
    durations: set[str]
    qualifiers_before: dict[str, str]
    qualifiers_inside: dict[str, str]
    qualifiers_after: dict[str, str]
    round_only: set[str]
    per_unit_markers: list[str]
    period_patterns: list[re.Pattern]
    non_indicator_patterns: list[re.Pattern]
    vague_before: list[str]
    bare_round_numerals: set[str]
    skip_bare_one: bool
    bare_number_nouns: dict[str, str]  # noun -> dimension
    category_nouns: dict[str, str]
    category_verbs: dict[str, str]
    category_context: dict[str, str]
    default_by_unit: dict[str, str]
    default_by_dimension: dict[str, str]
    dimension_rules: dict[str, tuple[str, dict[str, str]]]  # dimension -> (category, {word: category})
    replace_for_dimension: dict[str, dict[str, str]]  # dimension -> {category: replacement}
    verb_first: dict[str, set[str]]  # dimension -> verb categories that beat the head noun
    transparent_heads: list[str]
    place_prefixes: list[str]
    boilerplate: dict = field(default_factory=dict)
    user_dict: Path | None = None
    verbs: set[str] = field(default_factory=set)  # category verbs and verbs.yaml: action candidates


# libyaml's C parser when PyYAML has it (the wheels do): the lexicons load at every start.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """The safe loader; its nodes keep the line of every value, for error messages."""


def _load_yaml(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    _LOADING["path"] = path
    try:
        node = yaml.compose(text, Loader=_LineLoader)
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else f"{path}:1"
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{where}: invalid YAML: {problem}") from None
    _check_keys_once(path, node)
    if path.name in SHAPES:
        if not isinstance(node, yaml.MappingNode):
            found = "empty" if node is None else _describe(node)
            raise LexiconError(f"{path}:1: the file should be a mapping of sections, not {found}")
        _check_shape(path, node, SHAPES[path.name], ())
    return data, node


# ------------------------------------------------------------------ shapes of the files
# What each file must look like, checked on the YAML nodes so that a mistake is reported
# with its line: a section that should be a list but is a word, a number that is text.
# Sections not listed here are not checked (the loader still refuses what it cannot use).
# Lists and mappings may be empty (null); words, texts and numbers may not.

@dataclass(frozen=True)
class Scalar:
    what: str  # "word", "text", "whole number", "number", "true or false"

    def accepts(self, node) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return False
        tag = node.tag.rsplit(":", 1)[-1]
        if self.what == "word":
            return tag in ("str", "int") and node.value.strip() != ""
        if self.what == "text":
            return tag == "str"
        if self.what == "whole number":
            return tag == "int"
        if self.what == "number":
            return tag in ("int", "float")
        return tag == "bool"


@dataclass(frozen=True)
class Seq:
    item: object


@dataclass(frozen=True)
class Mapping:
    value: object  # any keys, each value of this shape


@dataclass(frozen=True)
class Record:
    fields: tuple  # ((key, shape), ...): these keys only (an unknown key is a typo)


@dataclass(frozen=True)
class Either:
    shapes: tuple


WORD, TEXT, WHOLE, NUMBER, FLAG = (Scalar("word"), Scalar("text"), Scalar("whole number"),
                                    Scalar("number"), Scalar("true or false"))
WORDS = Seq(WORD)
SHAPES = {
    "units.yaml": {"dimensions": Mapping(Seq(Either((WORD, Record((("unit", WORD), ("factor", NUMBER))))))),
                   "durations": WORDS},
    "qualifiers.yaml": {"before": Mapping(WORDS), "inside": Mapping(WORDS), "after": Mapping(WORDS),
                        "round_only": WORDS},
    "basis.yaml": {"per_unit_markers": WORDS},
    "periods.yaml": {"patterns": Seq(TEXT)},
    "non_indicators.yaml": {"patterns": Seq(TEXT), "vague_before": WORDS, "bare_round_numerals": WORDS,
                            "skip_bare_one": FLAG, "bare_number_nouns": Mapping(WORDS)},
    "categories.yaml": {
        "categories": Mapping(Record((("nouns", WORDS), ("verbs", WORDS), ("context", WORDS)))),
        "defaults": Record((("units", Mapping(WORD)), ("dimensions", Mapping(WORD)))),
        "dimension_rules": Mapping(Record((("category", WORD), ("unless", Mapping(WORDS))))),
        "replace_for_dimension": Mapping(Mapping(WORD)),
        "verb_first": Mapping(WORDS), "transparent_heads": WORDS, "place_prefixes": WORDS},
    "verbs.yaml": {"actions": WORDS},
    "boilerplate.yaml": {"drop_line": Seq(TEXT), "cut_from": Seq(TEXT), "metadata": Mapping(TEXT),
                         "max_unpunctuated_line": WHOLE, "min_broken_paragraph": WHOLE,
                         "min_repeated_paragraph": WHOLE},
}


def _describe(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "empty"
    return repr(node.value)


def _shape_name(shape) -> str:
    if isinstance(shape, Scalar):
        return f"a {shape.what}"
    if isinstance(shape, Seq):
        return f"a list of {_shape_name(shape.item)[2:]}s"
    if isinstance(shape, (Mapping, Record, dict)):
        return "a mapping"
    return " or ".join(_shape_name(s) for s in shape.shapes)


def _fits(node, shape) -> bool:
    """True when the node has the shape (nothing is raised: for Either)."""
    try:
        _check_shape(Path("-"), node, shape, ())
        return True
    except LexiconError:
        return False


def _check_shape(path: Path, node, shape, where: tuple) -> None:
    line = node.start_mark.line + 1
    name = ".".join(map(str, where)) or "the file"
    is_null = isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
    if isinstance(shape, Scalar):
        if not shape.accepts(node):
            raise LexiconError(f"{path}:{line}: {name} should be {_shape_name(shape)}, not {_describe(node)}")
        return
    if isinstance(shape, Either):
        if not any(_fits(node, s) for s in shape.shapes):
            raise LexiconError(f"{path}:{line}: {name} should be {_shape_name(shape)}, not {_describe(node)}")
        return
    if is_null:
        return  # an empty list or mapping
    if isinstance(shape, Seq):
        if not isinstance(node, yaml.SequenceNode):
            raise LexiconError(f"{path}:{line}: {name} should be {_shape_name(shape)}, not {_describe(node)}")
        for item in node.value:
            _check_shape(path, item, shape.item, where)
        return
    if not isinstance(node, yaml.MappingNode):
        raise LexiconError(f"{path}:{line}: {name} should be a mapping, not {_describe(node)}")
    if isinstance(shape, Mapping):
        for key, value in node.value:
            _check_shape(path, value, shape.value, where + (key.value,))
        return
    fields = dict(shape.fields) if isinstance(shape, Record) else shape
    for key, value in node.value:
        if key.value in fields:
            _check_shape(path, value, fields[key.value], where + (key.value,))
        elif isinstance(shape, Record):
            raise LexiconError(f"{path}:{key.start_mark.line + 1}: unknown key {key.value!r} in {name} "
                               f"(known: {', '.join(fields)})")


def _check_keys_once(path: Path, node) -> None:
    """A key twice in one mapping: YAML would silently keep the last one."""
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode) and key.value in first:
                raise LexiconError(f"{path}:{line}: duplicate key {key.value!r} "
                                   f"(first at line {first[key.value]})")
            if isinstance(key, yaml.ScalarNode):
                first[key.value] = line
            _check_keys_once(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys_once(path, item)


def _scalars_with_lines(node, prefix=()):
    """Yield (key path, scalar value, line) for every scalar item of every sequence."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars_with_lines(value, prefix + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                yield prefix, item.value, item.start_mark.line + 1
            elif isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    if key.value == "unit" and isinstance(value, yaml.ScalarNode):
                        yield prefix, value.value, value.start_mark.line + 1


def _line_of(node, wanted_key: str) -> int:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == wanted_key:
                return key.start_mark.line + 1
            line = _line_of(value, wanted_key)
            if line:
                return line
    return 0


def _check_duplicates(path: Path, node, scope_depth: int) -> None:
    """No word twice in the same list group (scope = the first `scope_depth` keys)."""
    seen: dict[tuple, dict[str, int]] = {}
    for keys, value, line in _scalars_with_lines(node):
        scope = keys[:scope_depth]
        first = seen.setdefault(scope, {}).get(value)
        if first is not None:
            raise LexiconError(f"{path}:{line}: duplicate entry {value!r} (first at line {first})")
        seen[scope][value] = line


def _compile(path: Path, node, pattern: str, what: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{path}:{_line_of_value(node, pattern)}: bad regular expression in "
                           f"{what}: {exc}") from None


def _line_of_value(node, wanted: str) -> int:
    """The line of the first scalar holding `wanted`, anywhere in the file (1 if none)."""
    stack = [node]
    while stack:
        n = stack.pop(0)
        if isinstance(n, yaml.ScalarNode):
            if n.value == wanted:
                return n.start_mark.line + 1
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                stack.extend((key, value))
    return 1


def _require(path: Path, data, key: str, kind=dict):
    if not isinstance(data, dict) or key not in data:
        raise LexiconError(f"{path}:1: missing section {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise LexiconError(f"{path}:1: section {key!r} should be a {kind.__name__}")
    return value


def _words(path: Path, node, section, name: str) -> list[str]:
    if section is None:
        return []
    if not isinstance(section, list) or not all(isinstance(w, (str, int)) for w in section):
        raise LexiconError(f"{path}:{_line_of(node, name)}: {name!r} should be a list of words")
    return [str(w) for w in section]


def _fingerprint(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        p = directory / name
        digest.update(name.encode())
        if p.exists():
            digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


def load(directory: str | Path | None = None) -> Lexicon:
    """Load and check the lexicons of `directory` (default: the project's `lexicons/`)."""
    return _load_cached(str(Path(directory or default_dir()).resolve()))


# The file being read, so that an error no check foresaw still names it.
_LOADING: dict[str, Path | None] = {"path": None}


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> Lexicon:
    _LOADING["path"] = None
    try:
        lexicon = _build(directory)
        _check_report_metadata(lexicon.directory)
        return lexicon
    except LexiconError:
        raise
    except Exception as exc:  # a mistake no check foresaw: still no traceback, still the file
        where = _LOADING["path"] or directory
        raise LexiconError(f"{where}: cannot use this lexicon file ({type(exc).__name__}: {exc})") from None


def _check_report_metadata(directory: Path) -> None:
    """report_metadata.yaml is read by pipeline.metadata when the first report is tagged;
    check it now, so that a mistake in it stops the run before any work too."""
    from .metadata import load_rules

    _LOADING["path"] = directory / "report_metadata.yaml"
    load_rules(directory)


def _build(directory: str) -> Lexicon:
    d = Path(directory)
    if not d.is_dir():
        raise LexiconError(f"{d}: lexicon folder does not exist")

    # units.yaml
    path = d / "units.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=0)
    units: dict[str, Unit] = {}
    for dim, entries in _require(path, data, "dimensions").items():
        if dim not in DIMENSIONS:
            raise LexiconError(f"{path}:{_line_of(node, dim)}: unknown dimension {dim!r} "
                               f"(known: {', '.join(DIMENSIONS)})")
        for entry in entries or []:
            if isinstance(entry, dict):
                if "unit" not in entry:
                    raise LexiconError(f"{path}:{_line_of(node, dim)}: entry {entry!r} has no 'unit'")
                units[str(entry["unit"])] = Unit(str(entry["unit"]), dim, float(entry.get("factor", 1)))
            else:
                units[str(entry)] = Unit(str(entry), dim)
    durations = set(_words(path, node, data.get("durations"), "durations"))

    # qualifiers.yaml
    path = d / "qualifiers.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=1)
    slots = {}
    for slot in ("before", "inside", "after"):
        mapping: dict[str, str] = {}
        for qual, words in _require(path, data, slot).items():
            if qual not in QUALIFIERS:
                raise LexiconError(f"{path}:{_line_of(node, qual)}: unknown qualifier {qual!r} "
                                   f"(known: {', '.join(QUALIFIERS)})")
            for w in _words(path, node, words, qual):
                mapping[w] = qual
        slots[slot] = mapping
    round_only = set(_words(path, node, data.get("round_only"), "round_only"))

    # basis.yaml
    path = d / "basis.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=1)
    per_unit = _words(path, node, _require(path, data, "per_unit_markers", list), "per_unit_markers")

    # periods.yaml
    path = d / "periods.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=1)
    periods = [_compile(path, node, p, "patterns") for p in _require(path, data, "patterns", list)]

    # non_indicators.yaml
    path = d / "non_indicators.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=2)
    non_ind = [_compile(path, node, p, "patterns") for p in _require(path, data, "patterns", list)]
    vague_before = _words(path, node, data.get("vague_before"), "vague_before")
    bare_round = set(_words(path, node, data.get("bare_round_numerals"), "bare_round_numerals"))
    skip_bare_one = bool(data.get("skip_bare_one", True))
    bare_nouns: dict[str, str] = {}
    for dim, words in (data.get("bare_number_nouns") or {}).items():
        if dim not in DIMENSIONS:
            raise LexiconError(f"{path}:{_line_of(node, dim)}: unknown dimension {dim!r}")
        for w in _words(path, node, words, dim):
            bare_nouns[w] = dim

    # categories.yaml
    path = d / "categories.yaml"
    data, node = _load_yaml(path)
    levels = {"nouns": {}, "verbs": {}, "context": {}}
    where: dict[tuple[str, str], str] = {}
    for keys, value, line in _scalars_with_lines(node):
        if len(keys) == 3 and keys[0] == "categories":
            cat, level = keys[1], keys[2]
            if cat not in CATEGORIES:
                raise LexiconError(f"{path}:{_line_of(node, cat) or line}: unknown category {cat!r} "
                                   f"(known: {', '.join(CATEGORIES)})")
            if level not in levels:
                raise LexiconError(f"{path}:{line}: unknown trigger level {level!r} "
                                   "(known: nouns, verbs, context)")
            if (level, value) in where:
                raise LexiconError(f"{path}:{line}: duplicate entry {value!r} in {level} "
                                   f"(already under {where[(level, value)]})")
            where[(level, value)] = cat
            levels[level][value] = cat
    for cat in _require(path, data, "categories"):
        if cat not in CATEGORIES:
            raise LexiconError(f"{path}:{_line_of(node, cat)}: unknown category {cat!r} "
                               f"(known: {', '.join(CATEGORIES)})")
    defaults = _require(path, data, "defaults")
    by_unit = {str(k): str(v) for k, v in (defaults.get("units") or {}).items()}
    by_dim = {str(k): str(v) for k, v in (defaults.get("dimensions") or {}).items()}
    for k, v in list(by_unit.items()) + list(by_dim.items()):
        if v not in CATEGORIES:
            raise LexiconError(f"{path}:{_line_of(node, k)}: unknown category {v!r} for {k!r}")

    dimension_rules: dict[str, tuple[str, dict[str, str]]] = {}
    for dim, rule in (data.get("dimension_rules") or {}).items():
        line = _line_of(node, dim)
        if dim not in DIMENSIONS:
            raise LexiconError(f"{path}:{line}: unknown dimension {dim!r}")
        if not isinstance(rule, dict) or rule.get("category") not in CATEGORIES:
            raise LexiconError(f"{path}:{line}: rule for {dim!r} needs a known 'category'")
        exceptions = {}
        for cat, words in (rule.get("unless") or {}).items():
            if cat not in CATEGORIES:
                raise LexiconError(f"{path}:{_line_of(node, cat)}: unknown category {cat!r}")
            for w in _words(path, node, words, cat):
                exceptions[w] = cat
        dimension_rules[dim] = (rule["category"], exceptions)

    replace_for_dimension: dict[str, dict[str, str]] = {}
    for dim, mapping in (data.get("replace_for_dimension") or {}).items():
        line = _line_of(node, dim)
        if dim not in DIMENSIONS:
            raise LexiconError(f"{path}:{line}: unknown dimension {dim!r}")
        for old, new in (mapping or {}).items():
            if old not in CATEGORIES or new not in CATEGORIES:
                raise LexiconError(f"{path}:{line}: unknown category in {old!r}: {new!r}")
        replace_for_dimension[dim] = {str(k): str(v) for k, v in (mapping or {}).items()}

    verb_first: dict[str, set[str]] = {}
    for dim, cats in (data.get("verb_first") or {}).items():
        if dim not in DIMENSIONS or not all(c in CATEGORIES for c in cats or []):
            raise LexiconError(f"{path}:{_line_of(node, dim)}: verb_first needs a dimension "
                               "and a list of categories")
        verb_first[dim] = set(cats or [])
    transparent = _words(path, node, data.get("transparent_heads"), "transparent_heads")
    places = _words(path, node, data.get("place_prefixes"), "place_prefixes")

    # verbs.yaml
    path = d / "verbs.yaml"
    vdata, vnode = _load_yaml(path)
    _check_duplicates(path, vnode, scope_depth=1)
    action_verbs = set(_words(path, vnode, _require(path, vdata, "actions", list), "actions"))

    # boilerplate.yaml
    path = d / "boilerplate.yaml"
    data, node = _load_yaml(path)
    _check_duplicates(path, node, scope_depth=1)
    boilerplate = {
        "drop_line": [_compile(path, node, p, "drop_line") for p in data.get("drop_line") or []],
        "cut_from": [_compile(path, node, p, "cut_from") for p in data.get("cut_from") or []],
        "metadata": {k: _compile(path, node, v, f"metadata.{k}")
                     for k, v in (data.get("metadata") or {}).items()},
        "max_unpunctuated_line": int(data.get("max_unpunctuated_line", 60)),
        "min_broken_paragraph": int(data.get("min_broken_paragraph", 40)),
        "min_repeated_paragraph": int(data.get("min_repeated_paragraph", 12)),
    }

    user_dict = d / "user_dict.txt"
    if user_dict.exists():
        _check_user_dict(user_dict)

    return Lexicon(
        directory=d,
        fingerprint=_fingerprint(d),
        units=units,
        durations=durations,
        qualifiers_before=slots["before"],
        qualifiers_inside=slots["inside"],
        qualifiers_after=slots["after"],
        round_only=round_only,
        per_unit_markers=per_unit,
        period_patterns=periods,
        non_indicator_patterns=non_ind,
        vague_before=vague_before,
        bare_round_numerals=bare_round,
        skip_bare_one=skip_bare_one,
        bare_number_nouns=bare_nouns,
        category_nouns=levels["nouns"],
        category_verbs=levels["verbs"],
        category_context=levels["context"],
        default_by_unit=by_unit,
        default_by_dimension=by_dim,
        dimension_rules=dimension_rules,
        replace_for_dimension=replace_for_dimension,
        verb_first=verb_first,
        transparent_heads=sorted(transparent, key=len, reverse=True),
        place_prefixes=sorted(places, key=len, reverse=True),
        boilerplate=boilerplate,
        user_dict=user_dict if user_dict.exists() else None,
        verbs=set(levels["verbs"]) | action_verbs,
    )


def _check_user_dict(path: Path) -> None:
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        if len(parts) > 3 or (len(parts) >= 2 and not parts[1].isdigit()):
            raise LexiconError(f"{path}:{n}: expected 'word [frequency] [tag]', got {line!r}")
        if parts[0] in seen:
            raise LexiconError(f"{path}:{n}: duplicate entry {parts[0]!r} (first at line {seen[parts[0]]})")
        seen[parts[0]] = n


def user_dict_words(lexicon: Lexicon) -> list[tuple[str, int | None, str | None]]:
    """The user dictionary as (word, frequency, tag) triples."""
    out = []
    if lexicon.user_dict is None:
        return out
    for line in lexicon.user_dict.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 else None
        tag = parts[2] if len(parts) > 2 else None
        out.append((parts[0], freq, tag))
    return out
