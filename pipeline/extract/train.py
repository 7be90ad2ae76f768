"""Train the category model from annotated articles: `make train`.

    python -m pipeline.extract.train ARTICLES:GOLD [ARTICLES:GOLD ...] [-o lexicons/category_model.json]
    python -m pipeline.extract.train ARTICLES:GOLD ... --cv 5     # measure only: cross-validation by article

Each ARTICLES folder is run through the pipeline up to the extraction of quantities;
each quantity is paired with a gold row of its article (GOLD/<doc>.jsonl, SPEC.md fields)
as `pipeline eval` pairs them (same dimension and value, in document order), and the
features of the figure (categories.features) are labelled with the gold `category`. A
multinomial logistic regression (scikit-learn, lbfgs, L2) is fitted to them and written as
plain JSON (pipeline/lexicon/category_model.py), which the pipeline reads without
scikit-learn. The same data and options give the same file, byte for byte.

scikit-learn is needed here only: `pip install -e '.[train]'` (make train does it).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..evaluate import doc_key, load_gold, pair_greedily
from ..inputs import iter_input_files, with_doc_ids
from ..lexicon import default_dir
from ..lexicon.category_model import FEATURES_VERSION, MODEL_FILE
from ..pipeline import STAGES, Pipeline
from .categories import features, section_headings
from .category_rules import rule_category
from .meaning import interpret
from .quantities import find_quantities

DEFAULT_C = 4.0        # inverse strength of the L2 penalty (chosen by --cv on the training sets)
# Features learned at a larger value, so penalised less (a quarter at 2): the counted noun's
# head and its trigger, what most says what a figure counts (chosen by --cv and on pages)
SCALE = {"h": 2.0, "hdim": 2.0, "TH": 2.0}
MIN_COUNT = 2          # a feature seen on fewer training figures is left out (a smaller model)
MIN_WEIGHT = 0.005     # a smaller weight is written as 0
MIN_ROW = 0.05         # a feature whose weights are all smaller is left out (a third of them)
DECIMALS = 3


@dataclass
class Example:
    doc: str
    features: list[str]
    category: str
    rule: str       # what the trigger cascade alone says, for comparison
    where: str = "" # the figure, its counted noun and verb, its clause: for --show


def examples(articles: Path, gold_dir: Path, nlp: Pipeline) -> list[Example]:
    """The labelled figures of one folder of articles and its gold."""
    gold = load_gold(gold_dir)
    out: list[Example] = []
    for path, doc_id in with_doc_ids(iter_input_files(articles), articles):
        key = doc_key(doc_id, gold)
        if key is None:
            continue
        for report in nlp.process_path(path, root=articles, doc_id=doc_id):
            if report.status == "ok":
                out.extend(_report_examples(report, gold[key], nlp, key))
    return out


def _report_examples(report, gold_rows: list[dict], nlp: Pipeline, doc: str) -> list[Example]:
    lexicon = nlp.lexicon
    found = [(s, find_quantities(s.text, lexicon, offset=s.start, region=report.region)) for s in report.sentences]
    labels = _align([q for _, qs in found for q in qs], gold_rows)
    out: list[Example] = []

    def record(f, lex):
        rule = rule_category(f, lex)
        label = labels.get(f.quantity.start)
        if label is not None:
            where = f"{f.quantity.mention} [{f.phrase.text}|{f.action}] {f.clause}"
            out.append(Example(doc, features(f, lex), label, rule, where))
        return (label or rule), None  # the gold category for the figures after it

    for (sentence, quantities), heading in zip(found, section_headings(report.sentences, lexicon)):
        if quantities:
            interpret(sentence, quantities, lexicon, nlp.segmenter.pos, heading, decide=record)
    return out


def _align(quantities, gold_rows: list[dict]) -> dict[int, str]:
    """Start of each quantity -> the category of its gold row, paired as eval pairs them."""
    matched = pair_greedily(gold_rows, [(q.dimension, q.value) for q in quantities])
    return {quantities[i].start: g["category"] for g, i in zip(gold_rows, matched) if i is not None}


def fit(data: list[Example], categories: tuple[str, ...], c: float = DEFAULT_C):
    """(model categories, intercepts, {feature: weights}) of a logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, int] = {}
    for ex in data:
        for name in set(ex.features):
            seen[name] = seen.get(name, 0) + 1
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([{name: _scale(name) for name in ex.features if seen[name] >= MIN_COUNT}
                                  for ex in data])
    classifier = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    classifier.fit(x, [ex.category for ex in data])
    classes = list(classifier.classes_)
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(classes) == 2:  # a binary model has one row: the second class against the first
        coef, intercept = [-coef[0] / 2, coef[0] / 2], [-intercept[0] / 2, intercept[0] / 2]
    order = [c for c in categories if c in classes]
    rows = [classes.index(c) for c in order]
    weights = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        row = [_weight(coef[i][j] * _scale(name)) for i in rows]  # the feature is 1 when read
        if max(map(abs, row)) >= MIN_ROW:
            weights[str(name)] = row
    return order, [_weight(intercept[i]) for i in rows], weights


def _scale(name: str) -> float:
    return SCALE.get(name.split(":", 1)[0], 1.0)


def _weight(w) -> float | int:
    w = round(float(w), DECIMALS)
    return 0 if abs(w) < MIN_WEIGHT else w


def library_versions() -> dict[str, str]:
    """The versions of the libraries that fitted the model: the same data and options give
    the same file byte for byte with these; other releases may move a weight in its third
    decimal (scikit-learn 1.9.1 against the release the model of 97b318c was fitted with)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("scikit-learn", "numpy", "scipy"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = ""
    return out


def model_json(data: list[Example], categories: tuple[str, ...], sources: list[str],
               c: float = DEFAULT_C) -> str:
    order, intercept, weights = fit(data, categories, c)
    counts = {cat: sum(1 for ex in data if ex.category == cat) for cat in order}
    doc = {
        "features_version": FEATURES_VERSION,
        "info": {"trained_on": sources, "figures": len(data),
                 "articles": len({ex.doc for ex in data}), "figures_by_category": counts,
                 "C": c, "min_count": MIN_COUNT, "min_row": MIN_ROW, "scale": SCALE,
                 "libraries": library_versions(),
                 "written_by": "python -m pipeline.extract.train (make train)"},
        "categories": order, "intercept": intercept, "weights": weights,
    }
    # one feature a line: readable, and a retrained model's diff shows what moved
    lines = [json.dumps({k: v for k, v in doc.items() if k != "weights"}, ensure_ascii=False,
                        sort_keys=True)[:-1] + ', "weights": {']
    items = sorted(weights.items())
    lines += [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" + ("," if i < len(items) - 1 else "")
              for i, (k, v) in enumerate(items)]
    return "\n".join(lines + ["}}", ""])


def cross_validate(data: list[Example], categories: tuple[str, ...], folds: int, c: float) -> dict:
    """Accuracy of the model and of the trigger cascade, articles split into `folds` groups."""
    docs = sorted({ex.doc for ex in data})
    right = rule_right = 0
    for k in range(folds):
        held = set(docs[k::folds])
        train = [ex for ex in data if ex.doc not in held]
        test = [ex for ex in data if ex.doc in held]
        order, intercept, weights = fit(train, categories, c)
        for ex in test:
            scores = list(intercept)
            for name in ex.features:
                for i, w in enumerate(weights.get(name, ())):
                    scores[i] += w
            right += order[scores.index(max(scores))] == ex.category
            rule_right += ex.rule == ex.category
    return {"figures": len(data), "model": right / len(data), "rules": rule_right / len(data)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.extract.train", description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", metavar="ARTICLES:GOLD",
                        help="a folder of articles and the folder of their gold (.jsonl)")
    parser.add_argument("-o", "--out", default=None,
                        help="the model file (default: category_model.json of the lexicon folder)")
    parser.add_argument("--lexicons", default=None, help="the lexicon folder (default lexicons/)")
    parser.add_argument("-C", type=float, default=DEFAULT_C, help=f"inverse L2 strength (default {DEFAULT_C})")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="measure only: K-fold cross-validation by article; writes nothing")
    args = parser.parse_args(argv)
    for item in args.sets:
        articles, sep, gold = item.partition(":")
        if not sep or not Path(articles).is_dir() or not Path(gold).is_dir():
            parser.error(f"{item!r}: give ARTICLES:GOLD, two folders")
    lexicons = Path(args.lexicons or default_dir())
    with tempfile.TemporaryDirectory() as folder:
        # the lexicons without the model: the features do not read it, and a model of
        # older features (refused by the loader) is the one being replaced
        shutil.copytree(lexicons, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MODEL_FILE))
        nlp = Pipeline(lexicons=folder, stages=[s for s in STAGES if s.name != "extract"])
        data: list[Example] = []
        for item in args.sets:
            articles, _, gold = item.partition(":")
            data += examples(Path(articles), Path(gold), nlp)
    if not data:
        parser.error("no figure of the articles is paired with a gold row")
    categories = nlp.lexicon.categories.names
    if args.cv:
        print(json.dumps(cross_validate(data, categories, args.cv, args.C)))
        return 0
    out = Path(args.out) if args.out else lexicons / MODEL_FILE
    out.write_text(model_json(data, categories, list(args.sets), args.C), encoding="utf-8")
    print(f"{out}: {len(data)} figures of {len({ex.doc for ex in data})} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
