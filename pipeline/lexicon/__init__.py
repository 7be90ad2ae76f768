"""Domain knowledge loaded from `lexicons/`: measure words, qualifiers, categories,
boilerplate, periods, kinds, the grammar's marks, report metadata rules and the user dictionary.

Everything a researcher may want to change lives in those files; this package only
reads them, checks them (a bad file stops the run before any work, naming the file and
line) and hands each stage its section. One loader per file (`sections.py`); the files
and their loaders are listed in FILES, in the order they are read: a file may refer to
what an earlier one defines (categories.yaml to the dimensions of units.yaml).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from . import sections
from .category_model import CategoryModel, MODEL_FILE, load_category_model
from .sections import (Boilerplate, Categories, Grammar, Kinds, MetadataRules, NonIndicators,
                       Qualifiers, Unit, Units)

__all__ = ["Lexicon", "LexiconError", "Unit", "load", "default_dir", "FILES"]

LEXICON_ENV = "WORK_REPORT_LEXICONS"

# file name -> (attribute of Lexicon, loader), in reading order
FILES = {
    "units.yaml": ("units", sections.load_units),
    "qualifiers.yaml": ("qualifiers", sections.load_qualifiers),
    "basis.yaml": ("per_unit_markers", sections.load_basis),
    "periods.yaml": ("period_patterns", sections.load_periods),
    "non_indicators.yaml": ("non_indicators", sections.load_non_indicators),
    "categories.yaml": ("categories", sections.load_categories),
    "kinds.yaml": ("kinds", sections.load_kinds),
    MODEL_FILE: ("category_model", load_category_model),  # optional: `make train`
    "verbs.yaml": ("action_verbs", sections.load_verbs),
    "boilerplate.yaml": ("boilerplate", sections.load_boilerplate),
    "grammar.yaml": ("grammar", sections.load_grammar),
    "towns.tsv": ("towns", sections.load_towns),  # read by report_metadata.yaml's rules
    "report_metadata.yaml": ("metadata", sections.load_report_metadata),
    "user_dict.txt": ("user_words", sections.load_user_dict),
}


def _bundled_dir() -> Path:
    """The lexicons shipped with the package, else the repository's top-level folder."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "lexicons", here.parent / "lexicons"):
        if (candidate / "units.yaml").is_file():
            return candidate
    return here.parent / "lexicons"


DEFAULT_DIR = _bundled_dir()


def default_dir() -> Path:
    return Path(os.environ.get(LEXICON_ENV) or DEFAULT_DIR)


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded lexicon keys the compiled caches
class Lexicon:
    directory: Path
    fingerprint: str
    units: Units
    qualifiers: Qualifiers
    per_unit_markers: tuple[str, ...]
    period_patterns: tuple
    non_indicators: NonIndicators
    categories: Categories
    kinds: Kinds
    category_model: CategoryModel | None
    action_verbs: frozenset[str]
    boilerplate: Boilerplate
    grammar: Grammar
    towns: dict
    metadata: MetadataRules
    user_words: tuple[tuple[str, int | None, str | None], ...]

    @property
    def verbs(self) -> frozenset[str]:
        """Words taken as the verb that governs a figure: the category verbs and verbs.yaml."""
        return _verbs(self)


@lru_cache(maxsize=8)
def _verbs(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.categories.verbs) | lexicon.action_verbs


def fingerprint(directory: Path) -> str:
    """Changes whenever a lexicon file does: part of the key of incremental runs."""
    digest = hashlib.sha256()
    for name in FILES:
        path = directory / name
        digest.update(name.encode())
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def folder_of(directory: str | Path | None = None) -> Path:
    """The lexicon folder that `directory` names, resolved (default: the project's `lexicons/`)."""
    return Path(directory or default_dir()).resolve()


def load(directory: str | Path | None = None) -> Lexicon:
    """Load and check the lexicons of `directory` (default: the project's `lexicons/`)."""
    folder = str(folder_of(directory))
    lexicon = _LOADED.get(folder)
    if lexicon is None:
        lexicon = _LOADED[folder] = _load_folder(Path(folder))
        if len(_LOADED) > MAX_LOADED:
            del _LOADED[next(iter(_LOADED))]
    return lexicon


# The lexicons this process loaded, by folder, the last MAX_LOADED of them: a folder is
# read once a process, so that every part of a run sees the same lexicons.
_LOADED: dict[str, Lexicon] = {}
MAX_LOADED = 8


def loaded(directory: str | Path | None = None) -> Lexicon | None:
    """The lexicons of `directory` if this process loaded them, else None."""
    return _LOADED.get(str(folder_of(directory)))


def fingerprint_of(directory: str | Path | None = None) -> str:
    """The fingerprint of the lexicons that load(directory) gives, without loading them:
    of those this process loaded, else read from the files' bytes. LexiconError when the
    folder does not exist."""
    lexicon = loaded(directory)
    if lexicon is not None:
        return lexicon.fingerprint
    folder = folder_of(directory)
    if not folder.is_dir():
        raise LexiconError(f"{folder}: lexicon folder does not exist")
    return fingerprint(folder)


def load_sections(directory: str | Path | None, names: tuple[str, ...]) -> dict:
    """The sections of the files `names` alone (attribute of Lexicon -> section), read and
    checked as load() reads them, in FILES order; `names` holds the files they refer to
    (categories.yaml: units.yaml). For what needs a part of the lexicons and no more."""
    folder = folder_of(directory)
    loaded: dict = {}
    for name in FILES:
        if name in names:
            loaded[FILES[name][0]] = _load_file(folder, name, loaded)
    return loaded


def _load_folder(folder: Path) -> Lexicon:
    if not folder.is_dir():
        raise LexiconError(f"{folder}: lexicon folder does not exist")
    loaded: dict = {}
    for name, (attribute, _loader) in FILES.items():
        loaded[attribute] = _load_file(folder, name, loaded)
    return Lexicon(directory=folder, fingerprint=fingerprint(folder), **loaded)


def _load_file(folder: Path, name: str, loaded: dict):
    """The section of one file, given the sections of the files before it."""
    try:
        return FILES[name][1](folder / name, loaded)
    except LexiconError:
        raise
    except Exception as exc:  # a mistake no check foresaw: still no traceback, still the file
        raise LexiconError(f"{folder / name}:1: cannot use this lexicon file "
                           f"({type(exc).__name__}: {exc})") from None
