"""spaCy's Chinese tokenizer as the segmenter: `--segmenter spacy`."""
from __future__ import annotations

import logging

from ..lexicon import Lexicon
from . import Segmenter, make_segmenter


class SpacySegmenter(Segmenter):
    """spaCy's Chinese tokenizer (`spacy.blank("zh")`), with jieba as its segmenter."""


    def __init__(self, lexicon: Lexicon):
        import spacy

        import jieba

        jieba.setLogLevel(logging.WARNING)  # spaCy's tokenizer initializes jieba itself
        self._nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        self._jieba = make_segmenter("jieba", lexicon)  # for the dictionary tags
        # spaCy's tokenizer cuts with jieba's global dictionary: give it the domain words
        for word, freq, tag in lexicon.user_words:
            jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        words = []
        for tok in self._nlp.make_doc(text):
            words.append(tok.text)
            if tok.whitespace_:
                words.append(tok.whitespace_)
        return words

    def pos(self, word: str) -> str | None:
        return self._jieba.pos(word)
