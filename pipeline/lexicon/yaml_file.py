"""Reading one lexicon file: YAML parsed safely, every mistake reported with its line.

A file is parsed twice over the same text: once into nodes (which keep the line of every
value, for messages), once into plain data. Its shape is checked on the nodes against
the shapes below, so that a section that should be a list but is a word, or a number
written as text, is reported as `FILE:LINE: …` before anything reads it.
"""
from __future__ import annotations

import re
import re._constants as _constants  # the parse tree's opcodes, for nested_repeat
import re._parser as _parser
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import LexiconError

# libyaml's C parser when PyYAML has it (the wheels do): the lexicons load at every start.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An alias bomb (a: &a [x, x], b: &b [*a, *a], ...) expands exponentially when loaded;
# no lexicon needs aliases at all, so a file with more than a few, or whose aliases would
# expand to more values than any lexicon holds, is refused before loading.
MAX_ALIASES = 100
MAX_EXPANDED = 200_000  # values of a file, its aliases expanded (the largest holds under 1,000)


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


def read(path: Path, shape: dict | None = None):
    """(data, node) of a YAML lexicon file, checked against `shape` (a dict of its
    sections' shapes; sections not listed are not checked). Raises LexiconError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    _refuse_alias_bombs(path, text)
    try:
        node, data = _parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else f"{path}:1"
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{where}: invalid YAML: {problem}") from None
    check_keys_once(path, node)
    if shape is not None:
        if not isinstance(node, yaml.MappingNode):
            found = "empty" if node is None else describe(node)
            raise LexiconError(f"{path}:1: the file should be a mapping of sections, not {found}")
        check_shape(path, node, shape, ())
    return data, node


def _parse(text: str):
    """(node, data) of the text: its data constructed from the node, as yaml.load does,
    in one parse; two for a text with a merge key (<<), whose construction rewrites the
    node that messages read lines from."""
    if "<<" in text:
        return yaml.compose(text, Loader=_SafeLoader), yaml.load(text, Loader=_SafeLoader)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _refuse_alias_bombs(path: Path, text: str) -> None:
    """Count the aliases, and the values the file would hold with each expanded, from the
    parser's events (which never expand anything): refused past either limit."""
    if "*" not in text:
        return
    aliases = 0
    sizes: dict[str, int] = {}  # values under each anchor
    open_nodes: list[list] = [[0, None]]  # [values so far, anchor] of each open collection
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_nodes.append([1, event.anchor])
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor = open_nodes.pop()
            elif isinstance(event, yaml.ScalarEvent):
                size, anchor = 1, event.anchor
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                size, anchor = sizes.get(event.anchor, 1), None
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            open_nodes[-1][0] += size
            if aliases > MAX_ALIASES or open_nodes[-1][0] > MAX_EXPANDED:
                line = event.start_mark.line + 1
                what = f"more than {MAX_ALIASES} YAML aliases" if aliases > MAX_ALIASES else \
                    f"YAML aliases that would expand to more than {MAX_EXPANDED:,} values"
                raise LexiconError(f"{path}:{line}: {what}: a lexicon needs none (a file "
                                   "built to expand without end?)")
    except yaml.YAMLError:
        return  # bad YAML: reported with its line when the file is composed


def describe(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "empty"
    return repr(node.value)


def shape_name(shape) -> str:
    if isinstance(shape, Scalar):
        return f"a {shape.what}"
    if isinstance(shape, Seq):
        return f"a list of {shape_name(shape.item)[2:]}s"
    if isinstance(shape, (Mapping, Record, dict)):
        return "a mapping"
    return " or ".join(shape_name(s) for s in shape.shapes)


def _fits(node, shape) -> bool:
    try:
        check_shape(Path("-"), node, shape, ())
        return True
    except LexiconError:
        return False


def check_shape(path: Path, node, shape, where: tuple) -> None:
    line = node.start_mark.line + 1
    name = ".".join(map(str, where)) or "the file"

    def wrong(expected: str):
        return LexiconError(f"{path}:{line}: {name} should be {expected}, not {describe(node)}")

    if isinstance(shape, Scalar):
        if not shape.accepts(node):
            raise wrong(shape_name(shape))
        return
    if isinstance(shape, Either):
        if not any(_fits(node, s) for s in shape.shapes):
            raise wrong(shape_name(shape))
        return
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return  # an empty list or mapping
    if isinstance(shape, Seq):
        if not isinstance(node, yaml.SequenceNode):
            raise wrong(shape_name(shape))
        for item in node.value:
            check_shape(path, item, shape.item, where)
        return
    if not isinstance(node, yaml.MappingNode):
        raise wrong("a mapping")
    _check_mapping(path, node, shape, where, name)


def _check_mapping(path: Path, node, shape, where: tuple, name: str) -> None:
    if isinstance(shape, Mapping):
        for key, value in node.value:
            check_shape(path, value, shape.value, where + (key.value,))
        return
    fields = dict(shape.fields) if isinstance(shape, Record) else shape
    for key, value in node.value:
        if key.value in fields:
            check_shape(path, value, fields[key.value], where + (key.value,))
        elif isinstance(shape, Record):
            raise LexiconError(f"{path}:{key.start_mark.line + 1}: unknown key {key.value!r} in {name} "
                               f"(known: {', '.join(fields)})")


def check_keys_once(path: Path, node) -> None:
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
            check_keys_once(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            check_keys_once(path, item)


def scalars_with_lines(node, prefix=()):
    """(key path, scalar value, line) for every scalar item of every sequence."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from scalars_with_lines(value, prefix + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                yield prefix, item.value, item.start_mark.line + 1
            elif isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    if key.value == "unit" and isinstance(value, yaml.ScalarNode):
                        yield prefix, value.value, value.start_mark.line + 1


def line_of(node, wanted_key: str) -> int:
    """The line of the first key `wanted_key` anywhere under `node` (0 if none)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == wanted_key:
                return key.start_mark.line + 1
            line = line_of(value, wanted_key)
            if line:
                return line
    return 0


def node_at(node, *keys):
    """The node under the mapping keys `keys` (None if there is none)."""
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if k.value == key), None)
    return node


def sections_of(node, keys: tuple[str, ...]):
    """The mapping `node` with only the sections named `keys`, for checks of part of a file."""
    if not isinstance(node, yaml.MappingNode):
        return node
    return yaml.MappingNode(node.tag, [(k, v) for k, v in node.value if k.value in keys])


def line_of_value(node, wanted: str) -> int:
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


def check_duplicates(path: Path, node, scope_depth: int) -> None:
    """No word twice in the same list group (scope = the first `scope_depth` keys)."""
    seen: dict[tuple, dict[str, int]] = {}
    for keys, value, line in scalars_with_lines(node):
        scope = keys[:scope_depth]
        first = seen.setdefault(scope, {}).get(value)
        if first is not None:
            raise LexiconError(f"{path}:{line}: duplicate entry {value!r} (first at line {first})")
        seen[scope][value] = line


def compile_pattern(path: Path, node, pattern: str, what: str) -> re.Pattern:
    try:
        compiled = re.compile(pattern)
    except (re.error, TypeError) as exc:
        raise LexiconError(f"{path}:{line_of_value(node, pattern)}: bad regular expression in "
                           f"{what}: {exc}") from None
    if nested_repeat(pattern):
        raise LexiconError(f"{path}:{line_of_value(node, pattern)}: {NESTED_REPEAT} (in {what})")
    return compiled


_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT)
# A group followed by `+`, `*` or `{m,`: where an unbounded repeat of a group can be (a
# filter that lets nested_repeat skip parsing most patterns at start-up)
_GROUP_REPEATED = re.compile(r"\)(?:[*+]|\{\d*,)")
NESTED_REPEAT = ("regular expression repeats alternatives one of which repeats too, which takes "
                 "time exponential in a long run of digits: write one character class, "
                 "e.g. [一二三\\d]+ for (?:[一二三]|\\d{1,2})+")


def nested_repeat(pattern: str) -> bool:
    """Whether `pattern` holds an unbounded repeat over alternatives one of which is itself
    of variable length, `(?:[一二]|\\d{1,2})+`. Such a repeat can split one
    string in exponentially many ways, and Python's backtracking engine tries them all
    when what follows fails: one period pattern of this shape took four minutes on a
    page with a long number. The narrow shape is what is refused; other nestings whose
    pieces cannot overlap (`(?:\\s+X[^\\s]+)+`) are fine."""
    def variable(items) -> bool:
        for op, av in items:
            if op in _REPEATS and av[0] != av[1]:
                return True
            if op == _constants.SUBPATTERN and variable(av[-1]):
                return True
            if op == _constants.BRANCH and any(variable(b) for b in av[1]):
                return True
        return False

    def alternatives(items):
        for op, av in items:
            if op == _constants.BRANCH:
                yield av[1]
            elif op == _constants.SUBPATTERN:
                yield from alternatives(av[-1])

    def walk(items) -> bool:
        for op, av in items:
            if op in _REPEATS:
                if av[1] == _constants.MAXREPEAT and any(
                        any(variable(alt) for alt in alts) for alts in alternatives(av[2])):
                    return True
                if walk(av[2]):
                    return True
            elif op == _constants.SUBPATTERN and walk(av[-1]):
                return True
            elif op == _constants.BRANCH and any(walk(b) for b in av[1]):
                return True
            elif op in (_constants.ASSERT, _constants.ASSERT_NOT) and walk(av[1]):
                return True
        return False

    if not isinstance(pattern, str) or not _GROUP_REPEATED.search(pattern):
        return False  # no group is repeated without bound: nothing to parse (most patterns)
    try:
        parsed = _parser.parse(pattern)
    except (re.error, TypeError):
        return False
    return walk(parsed)


def words(path: Path, node, section, name: str) -> list[str]:
    """A list of words (numbers read as words); [] for an empty section."""
    if section is None:
        return []
    if not isinstance(section, list) or not all(isinstance(w, (str, int)) and not isinstance(w, bool)
                                                for w in section):
        raise LexiconError(f"{path}:{line_of(node, name) or 1}: {name!r} should be a list of words")
    return [str(w) for w in section]


def require(path: Path, data, key: str, kind=dict):
    if not isinstance(data, dict) or key not in data:
        raise LexiconError(f"{path}:1: missing section {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise LexiconError(f"{path}:1: section {key!r} should be a {kind.__name__}")
    return value
