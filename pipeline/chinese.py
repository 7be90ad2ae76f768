"""Chinese-script helpers shared by the stages: OpenCC's conversion, the tests for
Traditional text, and what jieba's dictionary knows (word frequencies, measure words).
Not a stage: ingest (to choose between two decodings), normalize, describe and the
lexicon loader all read Chinese through these.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

# The code points of CJK Unified Ideographs and Extension A: the Chinese characters counted.
CJK_RANGE = ("\u3400", "\u9fff")
CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def t2s():
    """OpenCC's Traditional -> Simplified converter: the C++ library through its official
    binding (`opencc` on PyPI), about 100 times faster than a pure-Python OpenCC."""
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """Characters that OpenCC's t2s changes: their presence marks Traditional text.
    Asked of the converter itself, one character a line, so the set always matches it."""
    first, last = (ord(c) for c in CJK_RANGE)
    chars = [chr(c) for c in range(first, last + 1)]
    converted = t2s().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a converter that joins lines: ask one by one
        converted = [t2s().convert(c) for c in chars]
    return frozenset(c for c, s in zip(chars, converted) if s != c)


@lru_cache(maxsize=1)
def traditional_pattern() -> re.Pattern:
    return re.compile("[%s]" % "".join(sorted(traditional_chars())))


@lru_cache(maxsize=1)
def traditional_only_pattern() -> re.Pattern:
    """The characters that t2s changes and that Simplified writing never uses: those
    outside GB 2312, the character set of Simplified Chinese. The 16 that t2s changes but
    GB 2312 holds (乾 of 乾县, 於 the surname, 夥, 後 …) occur in Simplified text, and alone
    never make it Traditional."""
    def simplified(ch: str) -> bool:
        try:
            ch.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return False
    return re.compile("[%s]" % "".join(sorted(c for c in traditional_chars() if not simplified(c))))


def has_traditional(text: str) -> bool:
    """True when `text` holds a single Traditional-only character, whatever its length:
    今年新建工會12個 is Traditional text to convert; Simplified text never is."""
    return traditional_only_pattern().search(text) is not None


def is_traditional(text: str, threshold: float = 0.02) -> bool:
    """True when enough of the Chinese characters are Traditional-only ones (at least 3,
    and `threshold` of them). The pipeline no longer asks it: whether to convert is
    has_traditional's question, whatever the text's length."""
    n_trad = len(traditional_pattern().findall(text))
    if n_trad < 3:
        return False
    n_cjk = len(CJK.findall(text))
    return n_trad / n_cjk >= threshold


def jieba_dictionary_path():
    """jieba's dictionary file (jieba's DEFAULT_DICT_NAME beside its __init__.py), found
    without importing jieba: the segmenter's words and ingest's test of which decoding
    reads as common Chinese both use it."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed: pip install jieba")
    return Path(spec.origin).with_name("dict.txt")


@lru_cache(maxsize=1)
def common_word_frequencies() -> dict[str, int]:
    """Characters and two-character words with their counts, from jieba's dictionary
    (read directly: 0.2 s, where building jieba's own prefix dictionary takes 2 s)."""
    text = jieba_dictionary_path().read_text(encoding="utf-8")
    return {word: int(count) for word, count in re.findall(r"^(\S{1,2}) (\d+)", text, re.M)}


def cache_dir() -> Path:
    """Where facts computed from jieba's dictionary are kept between runs:
    $XDG_CACHE_HOME/work-report-indicators, by default ~/.cache/work-report-indicators."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "work-report-indicators"


def cached_facts(prefix: str, path: Path, extra: list, compute, read):
    """Facts computed from a file (jieba's dictionary), kept between runs in a small JSON
    file of cache_dir() under a key made of the file's path, size and modification time
    and of `extra`: `compute()` gives them as a JSON object, `read(facts)` what the caller
    wants of them. A missing, damaged or foreign cache file is computed again; without a
    usable cache folder the facts are computed each time. OSError of the file itself, or
    of `compute`, is the caller's."""
    from .files import atomic_write

    st = path.stat()
    key = json.dumps([str(path.resolve()), st.st_size, st.st_mtime_ns, *extra], ensure_ascii=False)
    cache = cache_dir() / f"{prefix}-{hashlib.blake2b(key.encode('utf-8'), digest_size=16).hexdigest()}.json"
    try:
        facts = json.loads(cache.read_text(encoding="utf-8"))
        if facts["key"] == key:
            return read(facts)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # none yet, or unreadable: computed again
    facts = compute()
    try:  # whole or not at all, if two processes write it
        atomic_write(cache, json.dumps({"key": key, **facts}, ensure_ascii=False), durable=False)
    except OSError:
        pass
    return read(facts)


@lru_cache(maxsize=4)
def dictionary_measure_words(numerals: str, min_numerals: int) -> tuple[frozenset[str], frozenset[str]]:
    """Single characters that jieba's dictionary gives as measure words: tagged `q`, or
    following at least `min_numerals` of `numerals` in its numeral compounds (一枚 三枚
    五枚 …, tagged `m`: the dictionary tags 枚, 副 and 趟 alone otherwise); and the
    dictionary's two-character words that begin with one of them (片区, 组数), which a
    number does not measure. Both empty when jieba is not installed. Kept by cached_facts
    (three scans of its 349,000 lines were 0.1 s of every process's start)."""
    def compute() -> dict:
        words, starts = _measure_words(path.read_text(encoding="utf-8"), numerals, min_numerals)
        return {"words": sorted(words), "starts": sorted(starts)}

    def read(facts: dict) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(map(str, facts["words"])), frozenset(map(str, facts["starts"]))

    try:
        path = jieba_dictionary_path()
        return cached_facts("measure-words", path, [numerals, min_numerals], compute, read)
    except (ModuleNotFoundError, OSError):
        return frozenset(), frozenset()


def _measure_words(text: str, numerals: str, min_numerals: int) -> tuple[frozenset[str], frozenset[str]]:
    """dictionary_measure_words, from the text of jieba's dictionary file."""
    words = set(re.findall(r"^(\S) \d+ q$", text, re.M))
    after: dict[str, set[str]] = {}
    for numeral, word in re.findall(r"^([%s])(\S) \d+ m$" % re.escape(numerals), text, re.M):
        after.setdefault(word, set()).add(numeral)
    words.update(w for w, seen in after.items() if len(seen) >= min_numerals)
    if not words:
        return frozenset(), frozenset()
    starts = re.findall(r"^([%s]\S) \d+" % "".join(map(re.escape, sorted(words))), text, re.M)
    return frozenset(words), frozenset(starts)
