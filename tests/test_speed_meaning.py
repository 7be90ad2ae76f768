"""The shortcuts meaning.py takes for speed (issue 19) read what the plain walks read: the
words outside the quantities, the content words of a clause by bisection, the context
words of a sentence once for all its figures."""
from __future__ import annotations

import pytest

from pipeline import process_text
from pipeline.extract.categories import content_words, features
from pipeline.extract.category_rules import matchers
from pipeline.extract.meaning import SentenceWords, read_figure
from pipeline.extract.quantities import find_quantities

SENTENCES = [
    "全年新建基层工会45个，发展会员6303名，其中农民工会员3895名、女职工2100名。",
    "投入资金500万元建设的职工之家，全年接待职工1.2万人次，比上年增加3200人次。",
    "为3761名已加入工会的快递员缴交互助金，帮扶4052名就业困难人员实现就业。",
]


def sentence_words(text, nlp):
    report = nlp(text)
    sentence = report.sentences[0]
    quantities = find_quantities(sentence.text, nlp.lexicon, offset=sentence.start)
    assert quantities
    return SentenceWords(sentence, quantities, nlp.lexicon, nlp.segmenter.pos)


@pytest.mark.parametrize("text", SENTENCES)
def test_content_is_the_words_outside_every_quantity(text, nlp):
    words = sentence_words(text, nlp)
    base = words.sentence.start
    covered = bytearray(len(words.sentence.text) + 1)
    for q in words.quantities:
        covered[q.start - base:q.end - base] = b"\x01" * (q.end - q.start)
    free = [t for t in words.tokens if 1 not in covered[t.start - base:t.end - base]]
    keep = set(content_words(free))
    assert words.content() == [(t.start, t.end, t.text) for t in free if t.text in keep]


@pytest.mark.parametrize("text", SENTENCES)
def test_content_overlapping_is_the_walk_over_all_content_words(text, nlp):
    words = sentence_words(text, nlp)
    start, end = words.sentence.start, words.sentence.start + len(words.sentence.text)
    for left in range(start - 1, end + 2):
        for right in range(left, end + 2):
            walked = [w for w in words.content() if not (w[1] <= left or w[0] >= right)]
            assert words.content_overlapping(left, right) == walked, (left, right)


@pytest.mark.parametrize("text", SENTENCES)
def test_sentence_context_features_are_each_figures_own(text, nlp):
    words, lexicon = sentence_words(text, nlp), nlp.lexicon
    context, cats = matchers(lexicon).context, lexicon.categories
    previous = None
    for q in words.quantities:
        f = read_figure(words, q, previous)
        own = [f"TS:{cats.context[hit]}" for hit in context.findall(f.sentence)]
        assert [x for x in features(f, lexicon) if x.startswith("TS:")] == list(dict.fromkeys(own))


def test_is_verb_answers_are_kept_and_the_same(nlp):
    words = sentence_words(SENTENCES[0], nlp)
    first = [words.is_verb(t.text) for t in words.tokens]
    assert [words._is_verb(t.text) for t in words.tokens] == first
    assert [words.is_verb(t.text) for t in words.tokens] == first


def test_process_text_still_reads_the_sentences():
    assert all(process_text(text).indicators for text in SENTENCES)
