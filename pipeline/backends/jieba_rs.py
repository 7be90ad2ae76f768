"""The default segmenter: jieba's words, computed by jieba-rs (`rjieba`).

`--segmenter jieba`. See `JiebaSegmenter` for how the words are kept exactly jieba's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..chinese import cached_facts, jieba_dictionary_path
from ..lexicon import Lexicon
from . import Segmenter


class JiebaSegmenter(Segmenter):
    """jieba's accurate mode (HMM on) with the project's user dictionary.

    The words are jieba's, computed by jieba-rs (the `rjieba` binding, about 20 times
    faster than jieba's pure Python, with the same dictionary and HMM model). Three
    differences of jieba-rs are undone so that the words stay exactly jieba's:
    text with code points that only jieba-rs counts as Chinese is split into jieba's
    blocks first; runs of letters and digits guessed by the HMM are split with jieba's
    pattern (jieba-rs keeps 2022-2024 or e-mail whole); and the dictionary total is
    made jieba's (which counts a word listed twice, and a user word already in the
    dictionary, twice), so that exact ties between two splits (诗|论诗 or 诗论|诗, both
    words of frequency 3) are rounded the same way. tests/test_fast_backends.py checks
    the words against jieba's own.

    Part-of-speech tags are the dictionary's (the user dictionary's, else jieba's, which
    jieba-rs holds), not `jieba.posseg`'s, which is about 80 times slower on these articles.
    """


    def __init__(self, lexicon: Lexicon):
        user_words = lexicon.user_words
        self._dictionary = jieba_dictionary_path()
        freqs, grown = _cached_frequencies(self._dictionary, {w for w, _, _ in user_words})
        self._rust = _jieba_rs_class()()
        # jieba-rs keeps a dictionary word's own tag when the user dictionary gives it
        # another (新建: ns to jieba, v here): the user's tags are looked up first
        self._user_tags = {}
        for word, freq, tag in user_words:
            grown += freqs.get(word, 0)
            freqs[word] = self._rust.add_word(word, freq, tag)
            if tag:
                self._user_tags[word] = tag
        if grown:
            # jieba's total counts every entry of a word, jieba-rs only the one it keeps.
            # A word made of a private-use character (never inside a Chinese block, so
            # never matched) makes the totals equal.
            self._rust.add_word(TOTAL_PAD_WORD, grown, None)
        self._tags_seen: dict[str, str | None] = {}

    def cut(self, text: str) -> list[str]:
        if RUST_ONLY_HAN.search(text):
            return self._cut_blocks(text)
        words = self._rust.cut(text, True)
        # only a word with Latin letters or digits can need jieba's split (_as_jieba)
        return self._as_jieba(words) if ASCII_ALNUM.search(text) else words

    def _cut_blocks(self, text: str) -> list[str]:
        """Split the text into blocks as jieba does, and only jieba's Chinese blocks go to jieba-rs."""
        words: list[str] = []
        for i, block in enumerate(JIEBA_BLOCK.split(text)):
            if not block:
                continue
            if i % 2:  # a Chinese block (the split keeps the pattern's group at odd places)
                words.extend(self._as_jieba(self._rust.cut(block, True)))
            else:  # as jieba: whitespace runs whole, everything else one character a word
                for part in JIEBA_SPACE.split(block):
                    if JIEBA_SPACE.match(part):
                        words.append(part)
                    else:
                        words.extend(part)
        return words

    def _as_jieba(self, words: list[str]) -> list[str]:
        """Letters and digits that jieba-rs's HMM keeps together (2022-2024, e-mail), split
        as jieba's HMM splits them. Such a word is not in the dictionary and, coming from
        the HMM, is either all Chinese or has no Chinese: its first character tells."""
        out = []
        for word in words:
            if (len(word) > 1 and not "\u4e00" <= word[0] <= "\u9fd5"
                    and not self._rust.has_word(word)):
                out.extend(w for w in JIEBA_HMM_RUN.split(word) if w)
            else:
                out.append(word)
        return out

    def tags(self, words: list[str]) -> list[str | None]:
        """The tags of a sentence's words: nearly always all seen before, so one pass over
        the cache first, and word by word only when one is new."""
        seen = self._tags_seen
        try:
            return [seen[w] for w in words]
        except KeyError:
            return [self.pos(w) for w in words]

    def pos(self, word: str) -> str | None:
        """The word's tag in the user dictionary, else in jieba's (as `jieba.posseg` reads
        it: for a word listed twice, the last entry); None for a word in neither."""
        try:
            return self._tags_seen[word]  # asked again and again: 的, 万元, 职工
        except KeyError:
            pass
        tag = self._user_tags.get(word)
        if tag is None and self._rust.has_word(word):
            # jieba-rs tags a dictionary word with its dictionary tag when it cuts the word
            # whole, which saves reading jieba's table of 349,000 tags (0.35 s a process)
            tagged = self._rust.tag(word, False)
            if len(tagged) == 1:
                tag = tagged[0][1] or None  # "": a user word given without a tag
            else:
                # a word that jieba-rs cuts in pieces on its own (百人 -> 百|人, yet a word
                # in 百人以上): the dictionary file tells, a search of some milliseconds
                tag = _jieba_tag(self._dictionary, word)
        if len(self._tags_seen) < TAGS_SEEN_MAX:
            self._tags_seen[word] = tag
        return tag


# jieba's own patterns (jieba.re_han_default, jieba.re_skip_default, jieba.finalseg.re_skip),
# written out so that a process that segments with jieba-rs never imports jieba (0.06 s);
# tests/test_fast_backends.py checks that they are still jieba's.
JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)  # segmented as Chinese
JIEBA_SPACE = re.compile("(\r\n|\\s)", re.U)  # kept whole between blocks
JIEBA_HMM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # how jieba's HMM splits letters and digits
ASCII_ALNUM = re.compile(r"[a-zA-Z0-9]")  # text without any has no word JIEBA_HMM_RUN splits


# Tags kept for the words asked about, up to this many (a few MB): a corpus's vocabulary
# beyond it is looked up each time.
TAGS_SEEN_MAX = 200_000

# A private-use character: jieba's blocks never contain it (see JiebaSegmenter).
TOTAL_PAD_WORD = "\ue000"
# Code points that jieba-rs segments as Chinese and jieba does not (jieba's class stops at
# U+9FD5): text with any of them is split into jieba's blocks first.
RUST_ONLY_HAN = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _jieba_frequencies(path: Path, wanted: set[str]) -> tuple[dict[str, int], int]:
    """The frequencies of the `wanted` words in jieba's dictionary file, and the frequency
    that jieba's total counts twice (a word listed twice: B超). Read as bytes, without
    building a table of all the words, because every process that segments pays for it."""
    fields = path.read_bytes().split()  # word, frequency, tag; no word holds a space
    words, counts = fields[0::3], fields[1::3]
    # with dicts and sums, not a loop over 349,000 entries: dict() keeps the last entry of
    # a key, so the reversed pairs keep each word's first
    last = dict(zip(words, counts))
    freqs = {w: int(last[b]) for w in wanted if (b := w.encode("utf-8")) in last}
    repeated = 0
    if len(last) < len(words):
        first = dict(zip(reversed(words), reversed(counts)))
        repeated = sum(map(int, counts)) - sum(map(int, first.values()))
    return freqs, repeated


def _jieba_rs_class():
    """rjieba's `Jieba`. Importing the rjieba package builds a default instance that the
    pipeline never uses (0.15 s, a parse of the whole dictionary, in every process): its
    compiled module is loaded alone where it can be found, and registered under its own
    name, so that a later `import rjieba` finds it loaded and goes on as usual."""
    import importlib.machinery
    import importlib.util
    import sys

    name = "rjieba.rjieba"
    if name not in sys.modules:
        package = importlib.util.find_spec("rjieba")  # finds the package, runs none of it
        for folder in (package.submodule_search_locations or []) if package else []:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / f"rjieba{suffix}"
                if path.is_file():
                    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
                    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
                    try:
                        module = importlib.util.module_from_spec(spec)
                        sys.modules[name] = module
                        loader.exec_module(module)
                        return module.Jieba
                    except Exception:  # not loadable alone: through the package below
                        sys.modules.pop(name, None)
    if name in sys.modules:
        return sys.modules[name].Jieba
    import rjieba  # another layout: the package, default instance and all

    return rjieba.Jieba


def _cached_frequencies(path: Path, wanted: set[str]) -> tuple[dict[str, int], int]:
    """_jieba_frequencies, kept by chinese.cached_facts under the wanted words too (as
    jieba keeps its own parsed dictionary in the temporary folder): reading jieba's
    349,000 lines is 0.3 s of every process's start, serial before --jobs forks its
    workers."""
    def compute() -> dict:
        freqs, repeated = _jieba_frequencies(path, wanted)
        return {"freqs": freqs, "repeated": repeated}

    def read(facts: dict) -> tuple[dict[str, int], int]:
        return {str(w): int(f) for w, f in facts["freqs"].items()}, int(facts["repeated"])

    return cached_facts("jieba", path, [sorted(wanted)], compute, read)


@lru_cache(maxsize=1)
def _dictionary_bytes(path: Path) -> bytes:
    """jieba's dictionary file, read once a process when a tag must be looked up in it."""
    return b"\n" + path.read_bytes()


def _jieba_tag(path: Path, word: str) -> str | None:
    """The word's tag in jieba's dictionary file (the last entry of a word listed twice)."""
    data = _dictionary_bytes(path)
    at = data.rfind(b"\n" + word.encode("utf-8") + b" ")
    if at < 0:
        return None
    end = data.find(b"\n", at + 1)
    line = data[at + 1:end if end > 0 else len(data)]
    return line.split()[2].decode("utf-8")
