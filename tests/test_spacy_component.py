"""The spaCy component: indicators in doc.spans with the SPEC.md fields, shown by displaCy."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402

from pipeline import process_text  # noqa: E402
from pipeline.spacy_component import (FACTORY, FIELDS, displacy_options,  # noqa: E402
                                      sentence_examples)

TEXT = ("全年新建基层工会组织862个，新发展会员3.46万名，其中农民工会员1.9万名。"
        "发放困难职工生活救助金1230万元，惠及职工4000余人。")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe(FACTORY)
    return nlp


def test_every_indicator_is_a_span_with_the_pipelines_fields(nlp):
    doc = nlp(TEXT)
    spans = list(doc.spans["indicators"])
    expected = process_text(TEXT).indicators  # the same tagging code, through the pipeline
    assert len(spans) == len(expected) >= 4
    for span, ind in zip(spans, expected):
        assert span.label_ == ind.category
        assert ind.mention in span.text  # a span covers whole tokens
        for name in FIELDS:
            theirs, ours = getattr(span._, name), getattr(ind, name)
            if name in ("part_of", "repeat_of"):  # indicator ids: <doc_id>#<start>, doc ids differ
                theirs, ours = theirs.rpartition("#")[2], ours.rpartition("#")[2]
            assert theirs == ours, name
    by_mention = {s._.mention: s for s in spans}
    assert by_mention["3.46万名"]._.value == 34600
    assert by_mention["3.46万名"]._.dimension == "persons"
    assert by_mention["4000余人"]._.qualifier == "over"
    assert by_mention["1230万元"]._.category == "funds"


def test_displacy_shows_the_spans(nlp):
    doc = nlp(TEXT)
    html = displacy.render(doc, style="span", options={"spans_key": "indicators"})
    for span in doc.spans["indicators"]:
        assert span.label_ in html
    examples = sentence_examples(doc)
    assert len(examples) == 2  # two sentences, both with indicators
    assert sum(len(e["spans"]) for e in examples) == len(doc.spans["indicators"])
    html = displacy.render(examples, style="span", manual=True, options=displacy_options())
    assert "members" in html and "funds" in html


def test_character_tokenizer_of_blank_zh_works_too():
    nlp = spacy.blank("zh")  # spaCy's default Chinese segmenter: one token per character
    nlp.add_pipe(FACTORY)
    doc = nlp(TEXT)
    assert [s.text for s in doc.spans["indicators"]] == [i.mention for i in process_text(TEXT).indicators]


def test_text_without_figures_gives_no_spans(nlp):
    assert list(nlp("工会是职工之家。").spans["indicators"]) == []


def test_entry_point_registers_the_factory_without_importing_pipeline(tmp_path):
    names = [ep.name for ep in entry_points(group="spacy_factories")]
    if FACTORY not in names:
        pytest.skip("package not installed (pip install -e .): no entry point")
    code = ("import sys, spacy\n"
            "nlp = spacy.blank('zh')\n"
            "nlp.add_pipe('work_report_indicators')\n"
            "doc = nlp('新发展会员3.46万名。')\n"
            "print([(s.text, s._.value) for s in doc.spans['indicators']])\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "('3.46万名', 34600.0)" in result.stdout
