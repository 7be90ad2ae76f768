"""Segmenter backends: one module each, found by name in SEGMENTERS, imported when chosen.

As spaCy's Chinese `Segmenter` choices and Stanza's external processors: a backend turns
a sentence into words and, where it can, gives their part-of-speech tags and the named
entities; the segment stage asks it once per sentence and stores what it says on the
report. Adding a backend is one module with a `Segmenter` subclass and one entry below;
the command line's `--segmenter` choices are this registry's names.
"""
from __future__ import annotations

from functools import lru_cache

from ..registry import Registry


class Segmenter:
    """Splits a sentence into words. Subclasses implement `cut`; `pos` gives a word's
    dictionary tag, `entities` named entities (None: the backend finds none)."""

    has_entities = False

    def cut(self, text: str) -> list[str]:  # pragma: no cover - interface
        raise NotImplementedError

    def pos(self, word: str) -> str | None:
        """A dictionary part-of-speech tag for the word, where the backend knows one."""
        return None

    def tags(self, words: list[str]) -> list[str | None]:
        return [self.pos(w) for w in words]

    def entities(self, text: str) -> list[tuple[str, str]] | None:
        """(text, label) of the named entities of `text`; None when the backend has none."""
        return None


SEGMENTERS = Registry("segmenter")
SEGMENTERS.register("jieba", "pipeline.backends.jieba_rs:JiebaSegmenter")
SEGMENTERS.register("spacy", "pipeline.backends.spacy:SpacySegmenter")
SEGMENTERS.register("hanlp", "pipeline.backends.hanlp:HanLPSegmenter")

# Backends whose build is cheap to share: built once per lexicon and kept. A backend that
# loads a model given by options (HanLP) is built for each call.
SHARED = {"jieba", "spacy"}


def make_segmenter(name: str, lexicon, **options) -> Segmenter:
    if name in SHARED and not options:
        return _shared(name, lexicon.fingerprint, lexicon)
    return SEGMENTERS.get(name)(lexicon, **options)


@lru_cache(maxsize=4)
def _shared(name: str, fingerprint: str, lexicon) -> Segmenter:
    return SEGMENTERS.get(name)(lexicon)
