"""category_model.json: the weights of the category model, learned by `make train`.

A multinomial logistic regression over the features of a figure (pipeline/extract/
categories.py), trained with scikit-learn from annotated articles (pipeline/extract/
train.py) and stored as plain JSON: one weight per category for each feature, and an
intercept. Scoring needs no scikit-learn: it adds up the weights of a figure's features.

The file is optional: a lexicon folder without it decides categories by the trigger
words alone. When it is there it is checked like every lexicon file: a model of another
feature format, or one that names a category categories.yaml does not define, stops the
run (retrain it with `make train`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError

# Bump when the features of pipeline/extract/categories.py change: older models are refused.
FEATURES_VERSION = 5  # 5: the clause words of a figure stop at the figures beside it
MODEL_FILE = "category_model.json"  # in the lexicon folder, written by `make train`


@dataclass(frozen=True, eq=False)
class CategoryModel:
    categories: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]   # feature -> one weight per category
    info: dict                              # what it was trained on, for people


def load_category_model(path: Path, loaded: dict) -> CategoryModel | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("features_version") != FEATURES_VERSION:
        found = data.get("features_version") if isinstance(data, dict) else None
        raise LexiconError(f"{path}:1: a category model of features version {found!r}, this pipeline "
                           f"reads version {FEATURES_VERSION}: retrain it with `make train`")
    categories = data.get("categories")
    known = loaded["categories"].names
    if not isinstance(categories, list) or not categories:
        raise LexiconError(f"{path}:1: 'categories' should be a list of category names")
    unknown = [c for c in categories if c not in known]
    if unknown:
        raise LexiconError(f"{path}:1: the model knows category {unknown[0]!r}, which categories.yaml "
                           f"does not define: retrain it with `make train`")
    n = len(categories)
    intercept, weights = data.get("intercept"), data.get("weights")
    if not _row(intercept, n) or not isinstance(weights, dict) or \
            not all(_row(row, n) for row in weights.values()):
        raise LexiconError(f"{path}:1: 'intercept' and every row of 'weights' should be a list of "
                           f"{n} numbers, one per category")
    return CategoryModel(tuple(categories), tuple(map(float, intercept)),
                         {str(k): tuple(map(float, v)) for k, v in weights.items()},
                         dict(data.get("info") or {}))


_NUMBERS = {int, float}  # a row's types: bool, str, None refused


def _row(row, n: int) -> bool:
    return isinstance(row, list) and len(row) == n and set(map(type, row)) <= _NUMBERS
