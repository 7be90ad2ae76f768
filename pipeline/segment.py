"""Stage segment: normalized text -> sentences, each with its words, their offsets and tags,
and the named entities where the backend finds them.

One pass of the backend (`pipeline.backends`) per sentence gives all of it; the later
stages read the tokens and entities stored on the report and never ask the backend.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from .backends import Segmenter
from .report import Entity, Report, Sentence, Token
from .stages import Stage


@lru_cache(maxsize=8)
def sentence_pattern(ends: str = "。！？!?", closers: str = "”’」』\")") -> re.Pattern:
    """A sentence ends at one or more of `ends`, with the closers that follow; a paragraph
    break always ends one. NFKC has turned ？ into "?", which also marks a character lost
    in transcoding ("50?万元", "下?、"): a "?" after a digit or before a comma, 、 or a
    digit does not end a sentence."""
    e, c = re.escape(ends), re.escape(closers)
    # (a run of other characters taken whole, not one character an alternative: the same
    # matches, a quarter of the time)
    return re.compile(rf"(?:[^{e}\n]+|(?<=\d)\?|\?(?=[、,，;；\d]))*(?:[{e}]+[{c}]*|\n|$)")


# Characters in a sentence, at most: a longer run of text without a sentence end (a page
# with no 。) is cut at its last clause break before the limit, else at the limit, so that
# the work on one sentence, which grows with its length, stays bounded.
MAX_SENTENCE = 1000
CLAUSE_BREAKS = "，,；;：: "


def split_sentences(text: str, ends: str = "。！？!?", closers: str = "”’」』\")",
                    max_chars: int = MAX_SENTENCE, breaks: str = CLAUSE_BREAKS) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence, offsets into `text`, no empty ones,
    none longer than `max_chars`."""
    spans = []
    paragraph = 0
    for m in sentence_pattern(ends, closers).finditer(text):
        start, end = m.span()
        paragraph_end = text.endswith("\n", start, end)
        if paragraph_end:
            end -= 1
        pieces = _pieces(text, start, end, max_chars, breaks) if end - start > max_chars else ((start, end),)
        for start, end in pieces:
            # trim surrounding spaces but keep offsets exact
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end, paragraph))
        if paragraph_end:
            paragraph += 1
    return spans


def _pieces(text: str, start: int, end: int, max_chars: int, breaks: str):
    """text[start:end] in pieces of at most max_chars, each cut after a clause break in
    its second half where there is one."""
    while end - start > max_chars:
        cut = max(text.rfind(ch, start + max_chars // 2, start + max_chars) for ch in breaks)
        if cut >= 0:
            cut += 1
        else:  # no break: at the limit, but not inside a number or a Latin word
            cut = start + max_chars
            while cut > start + max_chars // 2 and _word_char(text[cut - 1]) and _word_char(text[cut]):
                cut -= 1
        yield start, cut
        start = cut
    yield start, end


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == ".")


def tokens_with_offsets(words: list[str], text: str, offset: int,
                        tags: list[str | None] | None = None) -> list[Token]:
    """Attach offsets (and tags) to words; words that do not line up with the text are re-synced."""
    tags = tags if tags is not None else [None] * len(words)
    if "".join(words) == text and "" not in words:
        # the usual case (jieba keeps every character): offsets are running sums of lengths
        bounds = list(accumulate(map(len, words), initial=offset))
        return list(map(Token, words, bounds, bounds[1:], tags))
    tokens = []
    pos = 0
    for w, tag in zip(words, tags):
        if not w:
            continue
        found = text.find(w, pos)
        if found < 0:
            continue
        tokens.append(Token(w, offset + found, offset + found + len(w), tag))
        pos = found + len(w)
    return tokens


def _entities(segmenter: Segmenter, text: str, offset: int, in_title: bool = False) -> list[Entity]:
    """The backend's entities of `text`, each placed at its first occurrence from the last."""
    out, pos = [], 0
    for name, label in segmenter.entities(text) or []:
        found = text.find(name, pos)
        start = found if found >= 0 else pos
        out.append(Entity(name, str(label), offset + start, offset + start + len(name), in_title))
        pos = start + len(name) if found >= 0 else pos
    return out


def segment(report: Report, segmenter: Segmenter, lexicon=None) -> Report:
    """Fill `report.sentences`, each with its words, offsets and tags, and the entities."""
    text = report.text
    grammar = lexicon.grammar if lexicon is not None else None
    spans = split_sentences(text, grammar.sentence_end, grammar.sentence_closers) if grammar \
        else split_sentences(text)
    sentences = []
    entities: list[Entity] = []
    title = report.source_fields.get("title", "")
    if segmenter.has_entities and title and not text.startswith(title):
        entities.extend(_entities(segmenter, title, 0, in_title=True))
    for i, (start, end, paragraph) in enumerate(spans):
        sent_text = text[start:end]
        if segmenter.has_entities:
            entities.extend(_entities(segmenter, sent_text, start))
        words = segmenter.cut(sent_text)
        sentences.append(Sentence(i, start, end, sent_text, paragraph,
                                  tokens_with_offsets(words, sent_text, start, segmenter.tags(words))))
    report.sentences, report.entities = sentences, entities
    return report


STAGE = Stage("segment", segment, requires=("text",), provides=("sentences", "entities"),
              needs=("segmenter", "lexicon"))
