"""Stage 3, segment: normalized text -> sentences, and each sentence -> words.

Backends share one interface (`Segmenter.cut(text) -> list[str]`): jieba (default,
with the domain dictionary of `lexicons/user_dict.txt`), spaCy (its Chinese
tokenizer) and HanLP (a model you have on disk; see `pipeline.backends.hanlp`).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from .lexicon import Lexicon, user_dict_words
from .report import Report, Sentence, Token

# A sentence ends at 。！？ (and their ASCII forms), with any closing quotes or
# brackets that follow; a paragraph break always ends one. NFKC has turned ？ into
# "?", which also marks a character lost in transcoding ("50?万元", "下?、"): a "?"
# after a digit or before a comma or 、 does not end a sentence.
SENTENCE = re.compile(r"(?:[^。！？!?\n]|(?<=\d)\?|\?(?=[、,，;；\d]))*"
                      r"(?:[。！？!?]+[”’」』\")]*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence, offsets into `text`, no empty ones."""
    spans = []
    paragraph = 0
    for m in SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        chunk = m.group()
        if chunk.endswith("\n"):
            end -= 1
        # trim surrounding spaces but keep offsets exact
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end, paragraph))
        if chunk.endswith("\n"):
            paragraph += 1
    return spans


class Segmenter:
    """Splits a sentence into words. Subclasses implement `cut`."""

    name = "base"

    def cut(self, text: str) -> list[str]:  # pragma: no cover - interface
        raise NotImplementedError

    def pos(self, word: str) -> str | None:
        """A dictionary part-of-speech tag for the word, where the backend knows one."""
        return None


class JiebaSegmenter(Segmenter):
    """jieba's accurate mode with the project's user dictionary.

    Part-of-speech tags come from jieba's dictionary (a table look-up), not from
    `jieba.posseg`, which is about 80 times slower on these articles.
    """

    name = "jieba"

    def __init__(self, lexicon: Lexicon):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._tags = dict(jieba.posseg.dt.word_tag_tab) if jieba.posseg.dt.word_tag_tab else {}
        if not self._tags:
            jieba.posseg.dt.initialize()
            self._tags = dict(jieba.posseg.dt.word_tag_tab)
        for word, freq, tag in user_dict_words(lexicon):
            self._tokenizer.add_word(word, freq, tag)
            if tag:
                self._tags[word] = tag

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text, HMM=True)

    def pos(self, word: str) -> str | None:
        return self._tags.get(word)


class SpacySegmenter(Segmenter):
    """spaCy's Chinese tokenizer (`spacy.blank("zh")`), with jieba as its segmenter."""

    name = "spacy"

    def __init__(self, lexicon: Lexicon):
        import spacy

        self._nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        self._jieba = JiebaSegmenter(lexicon)  # for the dictionary tags only

    def cut(self, text: str) -> list[str]:
        words = []
        for tok in self._nlp.make_doc(text):
            words.append(tok.text)
            if tok.whitespace_:
                words.append(tok.whitespace_)
        return words

    def pos(self, word: str) -> str | None:
        return self._jieba.pos(word)


BACKENDS = {"jieba": JiebaSegmenter, "spacy": SpacySegmenter}


def make_segmenter(name: str, lexicon: Lexicon, **options) -> Segmenter:
    if name == "hanlp":
        from .backends.hanlp import HanLPSegmenter

        return HanLPSegmenter(lexicon, **options)
    if name not in BACKENDS:
        raise ValueError(f"unknown segmenter {name!r} (choose from jieba, spacy, hanlp)")
    return _cached_segmenter(name, lexicon.fingerprint, lexicon)


@lru_cache(maxsize=4)
def _cached_segmenter(name: str, fingerprint: str, lexicon: Lexicon) -> Segmenter:
    return BACKENDS[name](lexicon)


def tokens_with_offsets(words: list[str], text: str, offset: int) -> list[Token]:
    """Attach offsets to words; words that do not line up with the text are re-synced."""
    tokens = []
    pos = 0
    for w in words:
        if not w:
            continue
        found = text.find(w, pos)
        if found < 0:
            continue
        tokens.append(Token(w, offset + found, offset + found + len(w)))
        pos = found + len(w)
    return tokens


def segment(report: Report, segmenter: Segmenter) -> Report:
    """Fill `report.sentences`, each with its words and their offsets."""
    if report.status != "ok":
        return report
    text = report.text
    sentences = []
    for i, (start, end, paragraph) in enumerate(split_sentences(text)):
        sent_text = text[start:end]
        words = segmenter.cut(sent_text)
        sentences.append(Sentence(i, start, end, sent_text, paragraph,
                                  tokens_with_offsets(words, sent_text, start)))
    report.sentences = sentences
    return report
