"""The pipeline: one configured object that runs the stages over a report, in order.

    nlp = Pipeline()                      # lexicons/ and jieba by default
    report = nlp(Report(doc_id="a", raw_text="..."))
    report = nlp.process_file(path, root)

Like a spaCy `Language`, it is built once (lexicons loaded and checked, segmenter
ready) and then called on many documents.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from . import lexicon as lexicon_mod
from .ingest import read_report
from .metadata import annotate
from .normalize import normalize
from .report import Report
from .segment import make_segmenter, segment, split_sentences
from .tag import tag

# Bump when a change of code changes the output, so that incremental runs redo everything.
PIPELINE_VERSION = "3"  # 2: reports carry region, issuer, year; 3: their summary sums


def fingerprint(lexicon, segmenter: str, segmenter_options: dict) -> str:
    """Pipeline.fingerprint without building the segmenter: the incremental runner asks
    it first, and builds the pipeline only when some file has to be processed."""
    options = ",".join(f"{k}={v}" for k, v in sorted(segmenter_options.items()))
    return f"{PIPELINE_VERSION}:{lexicon.fingerprint}:{segmenter}:{options}"


def named_entities(report: Report, segmenter) -> list[tuple[str, str]] | None:
    """(text, type) of the title's and each sentence's named entities, where the segmenter
    finds them (HanLP with an NER model); None otherwise, and metadata uses its lexicons."""
    find = getattr(segmenter, "entities", None)
    if find is None or report.status != "ok" or find(report.title) is None:
        return None
    texts = [report.text[s:e] for s, e, _ in split_sentences(report.text)]
    if report.title and not report.text.startswith(report.title):
        texts.insert(0, report.title)
    return [entity for text in texts for entity in find(text)]


class Pipeline:
    def __init__(self, lexicons: str | Path | None = None, segmenter: str = "jieba",
                 **segmenter_options):
        self.lexicon = lexicon_mod.load(lexicons)
        self.segmenter_name = segmenter
        self.segmenter_options = segmenter_options
        self.segmenter = make_segmenter(segmenter, self.lexicon, **segmenter_options)

    @property
    def fingerprint(self) -> str:
        """Changes whenever the output could change: code version, lexicons, segmenter."""
        return fingerprint(self.lexicon, self.segmenter_name, self.segmenter_options)

    def __call__(self, report: Report) -> Report:
        report = normalize(report, self.lexicon)
        report = annotate(report, self.lexicon, entities=named_entities(report, self.segmenter))
        report = segment(report, self.segmenter)
        return tag(report, self.lexicon, self.segmenter)

    def process_file(self, path: str | Path, root: str | Path | None = None,
                     doc_id: str | None = None) -> Report:
        """Ingest and process one file. Never raises: failures end in status `error`."""
        report = read_report(path, root)
        if doc_id:
            report.doc_id = doc_id
        if report.status != "ok":
            return report
        try:
            return self(report)
        except Exception as exc:  # one bad file must not stop a batch
            last = traceback.extract_tb(exc.__traceback__)[-1]
            report.status = "error"
            report.error = f"{type(exc).__name__}: {exc} (at {Path(last.filename).name}:{last.lineno})"
            report.sentences, report.indicators = [], []
            return report


_DEFAULT: dict[tuple, Pipeline] = {}


def get_pipeline(lexicons=None, segmenter="jieba", **options) -> Pipeline:
    key = (str(lexicons), segmenter, tuple(sorted(options.items())))
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(lexicons, segmenter, **options)
    return _DEFAULT[key]


def process_text(text: str, doc_id: str = "text", *, lexicons=None, segmenter: str = "jieba",
                 **segmenter_options) -> Report:
    """Run the whole pipeline on one text; returns the Report with its indicators."""
    nlp = get_pipeline(lexicons, segmenter, **segmenter_options)
    report = Report(doc_id=doc_id, raw_text=text)
    if not text.strip():
        report.status, report.error = "empty", "no text"
        return report
    return nlp(report)
