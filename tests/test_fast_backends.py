"""The compiled libraries the pipeline uses for speed give the words and the text of the
reference implementations: jieba-rs (rjieba) the words of jieba, OpenCC's C++ library the
Simplified text a Traditional article is known to have."""
from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.chinese import is_traditional, t2s as _t2s, traditional_chars as _traditional_chars
from pipeline.normalize import to_simplified
from pipeline.backends.jieba_rs import JiebaSegmenter
from pipeline.segment import split_sentences

# Strings written for these tests, one for each way jieba-rs differs from jieba.
TRICKY = [
    "《三年规划(2022-2024年)》", "请发e-mail至foo_bar", "第1.2.3版", "C或C++语言", "C#与C++",
    "+86-10-12345678", "3.5%的职工", "50%以上", "做诗论诗的学问", "人人人上", "工工工工元",
    "㐀&Y员工", "鿖字与𠀀字", "行尾\r\n换行", "全角１２３．５万元", "  多个  空格\t制表 ",
    "投入29.96万元,惠及职工16万人次", "A&B公司", "x86_64与1,234", "",
]


@pytest.fixture(scope="module")
def jieba_reference(lexicon):
    """jieba's own tokenizer with the project's user dictionary: what the words must be."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq, tag in lexicon.user_words:
        tokenizer.add_word(word, freq, tag)
    return lambda text: tokenizer.lcut(text, HMM=True)


@pytest.fixture(scope="module")
def segmenter(lexicon):
    return JiebaSegmenter(lexicon)


@pytest.mark.parametrize("text", TRICKY)
def test_words_equal_jieba_on_tricky_strings(text, segmenter, jieba_reference):
    assert segmenter.cut(text) == jieba_reference(text)


def test_words_equal_jieba_on_the_seeds(seeds_dir, segmenter, jieba_reference, nlp):
    n = 0
    for path in sorted(seeds_dir.iterdir()):
        raw = path.read_text(encoding="utf-8")
        text = nlp(_report(raw, path.stem)).text
        for start, end, _ in split_sentences(text):
            sentence = text[start:end]
            assert segmenter.cut(sentence) == jieba_reference(sentence), sentence
            n += 1
        for line in raw.splitlines():  # and the raw lines: ASCII, full width, spaces
            assert segmenter.cut(line) == jieba_reference(line), line
    assert n > 300


def test_words_equal_jieba_on_random_strings(seeds_dir, segmenter, jieba_reference):
    """Random strings over the seeds' characters and the characters where the two differ."""
    chars = sorted({c for p in seeds_dir.iterdir() for c in p.read_text(encoding="utf-8")
                    if "\u4e00" <= c <= "\u9fd5"})
    odd = list("abcXYZ0123456789.-_%+#&,:;()（）“”、。 \t\n１２．％－") + ["\r\n", "\u3400", "\U00020000", "·"]
    rng = random.Random(20240607)
    for _ in range(3000):
        text = "".join(rng.choice(chars) if rng.random() < 0.75 else rng.choice(odd)
                       for _ in range(rng.randint(1, 30)))
        assert segmenter.cut(text) == jieba_reference(text), text


def test_dictionary_tags_are_jiebas(segmenter, lexicon):
    import jieba.posseg

    jieba.posseg.dt.initialize()
    table = jieba.posseg.dt.word_tag_tab
    user = {word: tag for word, _freq, tag in lexicon.user_words}
    for word in ["工会", "发展", "会员", "万元", "慰问", "帮扶", "职工", "新建"]:
        # the user dictionary's tag wins (新建 is a verb here, a place name to jieba)
        assert segmenter.pos(word) == (user.get(word) or table[word])
    for word, tag in user.items():
        if tag:
            assert segmenter.pos(word) == tag
    assert segmenter.pos("不是一个词的字符串") is None


def test_every_dictionary_tag_is_jiebas(segmenter, lexicon):
    """pos() asks jieba-rs, and the dictionary file only for a word jieba-rs cuts in pieces
    when alone: every word of jieba's table must get jieba's tag (posseg's table: the last
    entry of a word listed twice), unless the user dictionary gives one."""
    import jieba.posseg

    jieba.posseg.dt.initialize()
    table = jieba.posseg.dt.word_tag_tab
    user = {word: tag for word, _freq, tag in lexicon.user_words if tag}
    cut_alone = [w for w in table if len(segmenter._rust.cut(w, False)) > 1]
    assert "百人" in cut_alone and len(cut_alone) < len(table) / 20
    whole = set(table) - set(cut_alone)
    for word in whole:
        assert segmenter.pos(word) == user.get(word, table[word]), word
    # the file is searched for the others: a sample of them, and the word listed twice
    for word in random.Random(7).sample(sorted(cut_alone), 300) + ["百人", "B超"]:
        assert segmenter.pos(word) == user.get(word, table[word]), word


def test_user_words_without_a_tag(tmp_path):
    """A user word given without a tag keeps its dictionary tag, or has none."""
    import dataclasses

    from pipeline.lexicon import load

    words = tmp_path / "user_dict.txt"
    words.write_text("慰问 500\n职工驿站建设 50\n", encoding="utf-8")
    from pipeline.lexicon.sections import load_user_dict

    segmenter = JiebaSegmenter(dataclasses.replace(load(None), user_words=load_user_dict(words, {})))
    assert segmenter.pos("慰问") == "v"  # jieba's
    assert segmenter.pos("职工驿站建设") is None
    assert segmenter.cut("开展职工驿站建设") == ["开展", "职工驿站建设"]


def _report(raw, doc_id):
    from pipeline.report import Report

    return Report(doc_id=doc_id, raw_text=raw)


# Sentences written for these tests, with their Simplified form.
TRADITIONAL = {
    "全市總工會舉辦職工運動會,參賽職工達1200人次。": "全市总工会举办职工运动会,参赛职工达1200人次。",
    "發放慰問金80萬元,幫扶困難職工家庭300戶。": "发放慰问金80万元,帮扶困难职工家庭300户。",
    "乾隆年間的著作顯著增加": "乾隆年间的著作显著增加",  # phrases keep 乾 and 著
}


@pytest.mark.parametrize("traditional, simplified", TRADITIONAL.items())
def test_opencc_converts_traditional_sentences(traditional, simplified):
    assert is_traditional(traditional)
    assert to_simplified(traditional) == (simplified, True)


def test_simplified_text_is_left_alone():
    text = "全市总工会举办职工运动会,参赛职工达1200人次。"
    assert not is_traditional(text)
    assert to_simplified(text) == (text, False)


def test_traditional_characters_are_those_opencc_changes():
    chars = _traditional_chars()
    assert {"總", "會", "職", "運", "動", "發", "萬", "幫"} <= chars
    assert not {"总", "会", "职", "工", "的"} & chars
    sample = sorted(chars)[::50]
    assert all(_t2s().convert(c) != c for c in sample)


def test_dictionary_facts_are_cached_and_the_cache_is_checked(tmp_path, monkeypatch, lexicon):
    """The frequencies read from jieba's dictionary are kept in the cache folder; a second
    segmenter reads them from there, a damaged or foreign cache file is computed again,
    and a cache folder that cannot be written only costs the time."""
    import pipeline.backends.jieba_rs as segment
    from pipeline import chinese

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = "全区新建工会组织1410个，发展会员126184人，投入帮扶资金4191万元"
    first = JiebaSegmenter(lexicon)
    (cached,) = chinese.cache_dir().glob("jieba-*.json")
    computed = segment._jieba_frequencies(first._dictionary, {w for w, _, _ in lexicon.user_words})
    facts = json.loads(cached.read_text(encoding="utf-8"))
    assert (facts["freqs"], facts["repeated"]) == computed and computed[1] > 0  # B超

    def not_again(*_args):
        raise AssertionError("the dictionary was read although its facts are cached")

    with monkeypatch.context() as m:
        m.setattr(segment, "_jieba_frequencies", not_again)
        assert JiebaSegmenter(lexicon).cut(text) == first.cut(text)

    for damaged in ("{", json.dumps({**facts, "key": "another dictionary"})):
        cached.write_text(damaged, encoding="utf-8")
        assert JiebaSegmenter(lexicon).cut(text) == first.cut(text)
        assert json.loads(cached.read_text(encoding="utf-8")) == facts  # written again

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert JiebaSegmenter(lexicon).cut(text) == first.cut(text)


def test_dictionary_measure_words_are_cached_and_the_cache_is_checked(tmp_path, monkeypatch):
    """The measure words read from jieba's dictionary are kept in the cache folder: a
    later process reads them from there, the same sets; a damaged or foreign cache file
    is computed again, a cache folder that cannot be written only costs the time."""
    from pipeline import chinese

    read = chinese.dictionary_measure_words.__wrapped__  # without the process's own cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = read("一二两三四五六七八九十", 4)
    (cached,) = chinese.cache_dir().glob("measure-words-*.json")
    assert "枚" in first[0] and "片区" in first[1]
    with monkeypatch.context() as m:
        m.setattr(chinese, "_measure_words", lambda *_: (_ for _ in ()).throw(AssertionError("read again")))
        assert read("一二两三四五六七八九十", 4) == first
    facts = json.loads(cached.read_text(encoding="utf-8"))
    for damaged in ("{", json.dumps({**facts, "key": "another dictionary"})):
        cached.write_text(damaged, encoding="utf-8")
        assert read("一二两三四五六七八九十", 4) == first
        assert json.loads(cached.read_text(encoding="utf-8")) == facts  # written again
    assert read("一二三", 3) != first  # other arguments, another entry
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert read("一二两三四五六七八九十", 4) == first


def test_jiebas_patterns_are_the_ones_written_out():
    import jieba
    import jieba.finalseg

    from pipeline.backends.jieba_rs import JIEBA_BLOCK, JIEBA_HMM_RUN, JIEBA_SPACE
    from pipeline.chinese import jieba_dictionary_path

    for ours, jiebas in [(JIEBA_BLOCK, jieba.re_han_default), (JIEBA_SPACE, jieba.re_skip_default),
                         (JIEBA_HMM_RUN, jieba.finalseg.re_skip)]:
        assert (ours.pattern, ours.flags) == (jiebas.pattern, jiebas.flags)
    assert jieba_dictionary_path() == Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def test_rjieba_imports_as_usual_after_the_segmenter(tmp_path):
    """The segmenter loads rjieba's compiled module without the package (whose import
    parses the dictionary once more), and does not import jieba; `import rjieba`
    afterwards still works."""
    code = ("import sys\n"
            "from pipeline.lexicon import load\n"
            "from pipeline.backends.jieba_rs import JiebaSegmenter\n"
            "seg = JiebaSegmenter(load(None))\n"
            "seg.cut('发展会员')\n"
            "assert 'rjieba' not in sys.modules and 'jieba' not in sys.modules\n"
            "import rjieba\n"
            "assert type(seg._rust) is rjieba.Jieba\n"
            "print(rjieba.cut('发展会员'), seg.cut('发展会员'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert out.stdout.strip() == "['发展', '会员'] ['发展', '会员']"
