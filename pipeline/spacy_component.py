"""A spaCy component that puts every indicator of a text in `doc.spans["indicators"]`.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("work_report_indicators")
    doc = nlp("全年新建基层工会组织862个，新发展会员3.46万名。")
    for span in doc.spans["indicators"]:
        print(span.text, span.label_, span._.value, span._.dimension, span._.qualifier)
    spacy.displacy.render(doc, style="span", options=displacy_options())

The factory is registered twice over: by the `spacy_factories` entry point in
pyproject.toml (so `add_pipe` works without importing this package) and by the
decorator below when this module is imported. The component runs the pipeline's own
stages (the one list, `pipeline.STAGES`) after ingest and normalize, on `doc.text` taken
as already normalized (as in `out/normalized/`), so its offsets are the doc's; it is not
a second implementation.
The span label is the category; every field of SPEC.md is a span extension attribute.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .report import Indicator, Report

FACTORY = "work_report_indicators"
SPANS_KEY = "indicators"
# The fields of one indicator (SPEC.md), as span._.<field>; offsets are the span's own.
FIELDS = [f.name for f in fields(Indicator) if f.name not in ("start", "end")]


def register_extensions() -> None:
    for name in FIELDS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def tag_text(text: str, pipeline) -> Report:
    """The pipeline's stages after normalize on a text that is normalized already."""
    return pipeline(Report(doc_id="doc", raw_text=text, text=text, done=["ingest", "normalize"]))


class IndicatorComponent:
    def __init__(self, nlp: Language, name: str, lexicons: Optional[str] = None,
                 segmenter: str = "jieba", spans_key: str = SPANS_KEY):
        from .pipeline import get_pipeline
        from .settings import Settings

        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.pipeline = get_pipeline(Settings(lexicons=lexicons, segmenter=segmenter))
        self.colors = self.pipeline.lexicon.categories.palette()

    def __call__(self, doc: Doc) -> Doc:
        spans, taken = [], set()
        for ind in tag_text(doc.text, self.pipeline).indicators:
            # a mention that ends inside a token (名 of 万名) takes the whole token
            span = doc.char_span(ind.start, ind.end, label=ind.category, alignment_mode="expand")
            if span is None or (span.start, span.end) in taken:
                continue
            taken.add((span.start, span.end))
            for name in FIELDS:
                span._.set(name, getattr(ind, name))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def displacy_options(lexicons: str | None = None) -> dict:
    """displaCy's options for the indicator spans, coloured by the lexicon's categories:
    `displacy.render(doc, style="span", options=displacy_options())`."""
    from .lexicon import load

    return {"spans_key": SPANS_KEY, "colors": load(lexicons).categories.palette()}


def sentence_examples(doc: Doc, spans_key: str = SPANS_KEY) -> list[dict]:
    """Each sentence of the doc that holds indicators, in displaCy's manual span format:
    `displacy.render(sentence_examples(doc), style="span", manual=True, options=displacy_options())`.
    Sentences are split as the pipeline splits them."""
    from .segment import split_sentences

    spans = sorted(doc.spans.get(spans_key, []), key=lambda s: s.start)
    out = []
    for start, end, _ in split_sentences(doc.text):
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        inside = [s for s in spans if sent.start <= s.start and s.end <= sent.end]
        if not inside:
            continue
        out.append({
            "text": sent.text,
            "tokens": [t.text for t in sent],
            "spans": [{"start_token": s.start - sent.start, "end_token": s.end - sent.start,
                       "label": s.label_} for s in inside],
        })
    return out


@Language.factory(FACTORY, default_config={"lexicons": None, "segmenter": "jieba",
                                           "spans_key": SPANS_KEY})
def make_indicator_component(nlp: Language, name: str, lexicons: Optional[str],
                             segmenter: str, spans_key: str) -> IndicatorComponent:
    return IndicatorComponent(nlp, name, lexicons=lexicons, segmenter=segmenter, spans_key=spans_key)
