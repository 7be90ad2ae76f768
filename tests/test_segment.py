"""Stage segment: sentences with exact offsets, then jieba words with the domain dictionary."""
from __future__ import annotations

import pytest

from pipeline.report import Report
from pipeline.backends import make_segmenter
from pipeline.errors import UnknownName
from pipeline.segment import segment, split_sentences, tokens_with_offsets


def sentences(text):
    return [text[s:e] for s, e, _ in split_sentences(text)]


@pytest.fixture(scope="module")
def seg(nlp):
    def _seg(text):
        return segment(Report(doc_id="t", text=text), nlp.segmenter)
    return _seg


# --- sentences --------------------------------------------------------------------------

def test_sentence_ends_at_full_stop_exclamation_and_question():
    assert sentences("全市新建工会50个。成效明显!为什么?因为有人干。") == [
        "全市新建工会50个。", "成效明显!", "为什么?", "因为有人干。"]


def test_closing_quote_stays_with_its_sentence():
    assert sentences("他说:“工会就是娘家。”大家都笑了。") == ["他说:“工会就是娘家。”", "大家都笑了。"]


def test_paragraph_break_ends_a_sentence_and_counts_paragraphs():
    text = "全市新建工会50个\n发展会员3000名。投入资金200万元。\n第三段"
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == ["全市新建工会50个", "发展会员3000名。", "投入资金200万元。", "第三段"]
    assert [p for _, _, p in spans] == [0, 1, 1, 2]


def test_spaces_around_a_sentence_are_trimmed_offsets_stay_exact():
    text = "  全市新建工会50个。  发展会员3000名。 "
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == ["全市新建工会50个。", "发展会员3000名。"]


def test_no_empty_sentences():
    assert split_sentences("") == []
    assert split_sentences("\n\n。") == [(2, 3, 2)]


def test_lost_character_after_a_digit_does_not_end_the_sentence():
    assert sentences("补助不超过50?万元;坚持把开发区工会建好。") == ["补助不超过50?万元;坚持把开发区工会建好。"]


def test_repeated_end_marks_stay_together():
    assert sentences("真好啊!!我们继续。") == ["真好啊!!", "我们继续。"]


# --- words ------------------------------------------------------------------------------

def test_domain_words_stay_whole(seg):
    report = seg("全市社会化工会工作者达到500名,新建户外劳动者驿站20个。")
    words = [t.text for t in report.sentences[0].tokens]
    assert "社会化工会工作者" in words
    assert "户外劳动者驿站" in words


def test_token_offsets_point_into_the_normalized_text(seg):
    text = "全市新建工会组织119个、发展会员6303名。\n投入帮扶资金1.2亿元。"
    report = seg(text)
    assert len(report.sentences) == 2
    for s in report.sentences:
        assert text[s.start:s.end] == s.text
        assert "".join(t.text for t in s.tokens) == s.text
        for t in s.tokens:
            assert text[t.start:t.end] == t.text


def test_sentence_ids_and_paragraphs(seg):
    report = seg("第一句。第二句。\n第三句。")
    assert [(s.id, s.paragraph) for s in report.sentences] == [(0, 0), (1, 0), (2, 1)]


def test_tokens_that_do_not_line_up_are_skipped_and_resynced():
    tokens = tokens_with_offsets(["全市", "XX", "", "工会"], "全市新建工会", 10)
    assert [(t.text, t.start, t.end) for t in tokens] == [("全市", 10, 12), ("工会", 14, 16)]


def test_jieba_tags_from_the_user_dictionary(nlp):
    assert nlp.segmenter.pos("社会化工会工作者") == "n"
    assert nlp.segmenter.pos("帮扶") == "v"


def test_unknown_segmenter_is_refused(lexicon):
    with pytest.raises(UnknownName, match="unknown segmenter 'nope' .known: jieba, spacy, hanlp"):
        make_segmenter("nope", lexicon)


def test_report_not_ok_is_passed_through(nlp):
    report = Report(doc_id="t", text="全市。", status="empty", done=["ingest", "normalize"])
    assert nlp(report).sentences == [] and report.done == ["ingest", "normalize"]


def test_tokens_carry_their_dictionary_tags(seg):
    report = seg("全区新建工会组织1410个，发展会员126184人。")
    tags = {t.text: t.tag for s in report.sentences for t in s.tokens}
    assert tags["新建"] == "v" and tags["会员"] == "n" and tags["工会组织"] == "n"
