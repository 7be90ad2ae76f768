"""HanLP segmentation backend: `--segmenter hanlp --hanlp-model PATH_OR_ID`.

The model is one already on this machine, loaded with `hanlp.load`: a model folder, or
one of HanLP's identifiers (`COARSE_ELECTRA_SMALL_ZH`, ...) already downloaded under
HANLP_HOME. Nothing is downloaded at run time: before loading, every file the model
needs (the model and the transformer it is built on) is looked up locally, and a missing
one ends in `HanLPUnavailable`, which names the URL to download and the place to put it.

Two kinds of model work:
- a tokenizer (`hanlp.pretrained.tok.*`, or one you trained): words;
- a multi-task model (`hanlp.pretrained.mtl.*`) with a `tok` task: words, and named
  entities where it also has a `ner` task (`entities(text)`).

Like the spaCy backend, part-of-speech tags for single words come from jieba's
dictionary; the project's user dictionary merges HanLP's words into the domain's
compounds (HanLP's `dict_combine`), as it does for jieba.
"""
from __future__ import annotations

import json
import os
import socket
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from ..errors import SegmenterUnavailable
from ..lexicon import Lexicon
from . import Segmenter, make_segmenter

# Suggested in the messages: a tokenizer, and a multi-task model that also finds entities.
SUGGESTED_MODELS = ("COARSE_ELECTRA_SMALL_ZH", "CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH")

MODEL_FILES = ("config.json", "meta.json")

RECENT_TEXTS = 4096  # sentences remembered between entities() and cut(): more than a report has


class HanLPUnavailable(SegmenterUnavailable):
    """HanLP, or a file the chosen model needs, is not on this machine."""


class HanLPNotInstalled(HanLPUnavailable):
    """HanLP (or PyTorch) is not installed: the `hanlp` extra is optional."""


def import_hanlp():
    """Import HanLP with the Hugging Face libraries kept offline (they read these at import)."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")
    try:
        import hanlp
    except ImportError as exc:
        raise HanLPNotInstalled(
            f"the HanLP backend needs HanLP and PyTorch ({exc}). Install them with `make hanlp`, "
            "or: pip install torch==2.13.0 -e '.[hanlp]' (pin the PyTorch build you want first; "
            "an unpinned install fetches the newest CUDA build)") from None
    return hanlp


def hanlp_home() -> Path:
    from hanlp.utils.io_util import hanlp_home as home

    return Path(home())  # read now: HanLP's own default is fixed when it is imported


# --- where things live ------------------------------------------------------------

def download_destination(url: str, home: Path) -> tuple[Path, Path | None, str | None]:
    """Where HanLP keeps what `url` names: (folder, archive or None, anchor inside or None).

    The same mapping as `hanlp.utils.io_util.get_resource`, so that a file put there by
    hand is the one HanLP finds.
    """
    from hanlp.utils.io_util import path_from_url, split_if_compressed

    anchor = None
    if "#" in url:
        url, anchor = url.split("#", 1)
        anchor = anchor.lstrip("/") or None
    folder, ext = split_if_compressed(path_from_url(url, str(home)))
    return Path(folder), Path(folder + ext) if ext else None, anchor


def local_copy(url: str, home: Path) -> Path | None:
    """The local folder (or file) for `url`, unpacking an archive put there by hand; None if absent."""
    folder, archive, anchor = download_destination(url, home)
    target = folder / anchor if anchor else folder
    if target.exists():
        return target
    if archive is not None and archive.is_file():
        from hanlp.utils.io_util import get_resource

        with network_refused():  # the archive is there: HanLP only unpacks it
            return Path(get_resource(url, save_dir=str(home), verbose=False))
    return None


def missing_download(what: str, url: str, home: Path) -> str:
    folder, archive, _ = download_destination(url, home)
    where = (f"save it as {archive} (HanLP unpacks it on first use), or unzip it so that "
             f"{folder}/ holds its files" if archive else f"save it as {folder}")
    return f"{what}: download\n    {url}\n  and {where}"


def model_folder(path_or_id: str, home: Path) -> Path | str:
    """The local folder of a model, or a message saying what to download and where."""
    import hanlp.pretrained

    given = Path(path_or_id).expanduser()
    if given.is_dir():
        if not any((given / f).is_file() for f in MODEL_FILES):
            raise HanLPUnavailable(f"{given} is not a HanLP model folder (it has no "
                                   f"{' or '.join(MODEL_FILES)})")
        return given
    url = hanlp.pretrained.ALL.get(path_or_id, path_or_id)
    if not url.startswith(("http://", "https://")):
        raise HanLPUnavailable(
            f"HanLP model {path_or_id!r} is neither a folder nor a HanLP identifier "
            f"(such as {' or '.join(SUGGESTED_MODELS)}; see hanlp.pretrained)")
    found = local_copy(url, home)
    return found if found is not None else missing_download(f"the model {path_or_id}", url, home)


def transformer_names(config) -> list[str]:
    """The pre-trained transformers a saved HanLP config is built on (any depth)."""
    names = []
    if isinstance(config, dict):
        for key, value in config.items():
            if key == "transformer" and isinstance(value, str):
                names.append(value)
            else:
                names.extend(transformer_names(value))
    elif isinstance(config, list):
        for value in config:
            names.extend(transformer_names(value))
    return names


def missing_transformer(name: str, home: Path) -> list[str]:
    """What is missing for one transformer: HanLP's own mirror of it, or the Hugging Face cache."""
    if Path(name).expanduser().is_dir():
        return []
    from hanlp.layers.transformers.resource import model_mirrors, tokenizer_mirrors

    urls = [m[name] for m in (tokenizer_mirrors, model_mirrors) if name in m]
    if urls:
        return [missing_download(f"the transformer {name}", url, home)
                for url in urls if local_copy(url, home) is None]
    from huggingface_hub import constants, try_to_load_from_cache

    if isinstance(try_to_load_from_cache(name, "config.json"), str):
        return []
    return [f"the transformer {name}: download it into the Hugging Face cache "
            f"({constants.HF_HUB_CACHE}), e.g. `hf download {name}` on a machine with "
            "internet access, then copy that folder here"]


def missing_files(model_dir: Path, home: Path) -> list[str]:
    config_path = model_dir / "config.json"
    if not config_path.is_file():
        return []
    config = json.loads(config_path.read_text(encoding="utf-8"))
    return [m for name in dict.fromkeys(transformer_names(config))
            for m in missing_transformer(name, home)]


def unavailable_message(path_or_id: str, missing: list[str], home: Path) -> str:
    return (f"HanLP model {path_or_id!r} is missing files on this machine, and nothing is "
            "downloaded at run time. On a machine with internet access, get:\n  "
            + "\n  ".join(missing)
            + f"\nHANLP_HOME is {home} (set HANLP_HOME to keep HanLP's files elsewhere). "
              "Or pass the path of a model folder as --hanlp-model.")


@contextmanager
def network_refused():
    """Refuse connections while HanLP loads. The checks above leave it nothing to download;
    this makes sure of it, since HanLP's loader downloads whatever it misses and, when a load
    fails, asks PyPI for its latest version without a time-out."""
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no network while loading a HanLP model")

    saved = socket.socket.connect, socket.socket.connect_ex, socket.create_connection
    socket.socket.connect = socket.socket.connect_ex = socket.create_connection = refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved


def load_model(path_or_id: str, devices=None):
    """`hanlp.load` on a model that is entirely on this machine; HanLPUnavailable otherwise."""
    hanlp = import_hanlp()
    home = hanlp_home()
    folder = model_folder(str(path_or_id), home)
    missing = [folder] if isinstance(folder, str) else missing_files(folder, home)
    if missing:
        raise HanLPUnavailable(unavailable_message(str(path_or_id), missing, home))
    with network_refused():
        return hanlp.load(str(folder), devices=devices, verbose=False)


# --- the segmenter ----------------------------------------------------------------

def task_names(component) -> tuple[str | None, str | None]:
    """(tokenizer task, entity task) of a multi-task model; (None, None) for a single component."""
    tasks = getattr(component, "tasks", None)
    if not isinstance(tasks, dict):
        return None, None
    first = lambda prefix: next((t for t in tasks if t.split("/")[0] == prefix), None)  # noqa: E731
    return first("tok"), first("ner")


def use_threads(threads: int | None) -> None:
    """PyTorch threads for this process: `threads`, else OMP_NUM_THREADS, else one. The
    pipeline gives the model one sentence at a time and runs --jobs processes side by side;
    for that, one thread was 6 to 10 times faster than two on a busy 2-core machine
    (a model of ELECTRA-small's shape on the seeds)."""
    import torch

    if threads is None and os.environ.get("OMP_NUM_THREADS"):
        return
    torch.set_num_threads(threads or 1)


def is_tokenizer(component) -> bool:
    return "Tokenizer" in type(component).__name__ or "tokenizer" in type(component).__module__


class HanLPSegmenter(Segmenter):
    """Words (and, with a multi-task model that has NER, named entities) from a HanLP model."""


    def __init__(self, lexicon: Lexicon, model: str | os.PathLike | None = None,
                 user_dict: bool = True, devices=None, threads: int | None = None):
        if not model:
            raise HanLPUnavailable(
                "the hanlp segmenter needs a model: --hanlp-model PATH_OR_ID (library: "
                "model=...), a model folder or an identifier already downloaded under "
                f"HANLP_HOME, e.g. {SUGGESTED_MODELS[0]} (words) or {SUGGESTED_MODELS[1]} "
                "(words and named entities)")
        self.model_name = str(model)
        self.model = load_model(model, devices)
        use_threads(threads)
        self._tok_task, self._ner_task = task_names(self.model)
        if self._tok_task is None and not is_tokenizer(self.model):
            raise HanLPUnavailable(f"HanLP model {self.model_name!r} ({type(self.model).__name__}) "
                                   "does not split words: give a tokenizer or a multi-task model "
                                   "with a tok task")
        if user_dict:
            self._combine_words({w for w, _, _ in lexicon.user_words})
        self._tags = make_segmenter("jieba", lexicon)  # dictionary tags, as for spaCy
        # the pipeline asks for a report's entities sentence by sentence, then its words:
        # one run of the model serves both
        self._recent: OrderedDict[str, tuple[list[str], list[tuple[str, str]]]] = OrderedDict()

    @property
    def has_entities(self) -> bool:
        return self._ner_task is not None

    def _combine_words(self, words: set[str]) -> None:
        tokenizer = self.model[self._tok_task] if self._tok_task else self.model
        if words and hasattr(type(tokenizer), "dict_combine"):
            tokenizer.dict_combine = words

    def _analyse(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        if text in self._recent:
            self._recent.move_to_end(text)
            return self._recent[text]
        if not text.strip():
            result = ([text] if text else [], [])
        elif self._tok_task is None:
            result = (list(self.model(text)), [])
        else:
            tasks = [t for t in (self._tok_task, self._ner_task) if t]
            doc = self.model(text, tasks=tasks)
            entities = [(e[0], e[1]) for e in doc.get(self._ner_task) or []]
            result = (list(doc[self._tok_task]), entities)
        if self._ner_task is not None:  # a tokenizer alone is asked once per sentence
            self._recent[text] = result
            while len(self._recent) > RECENT_TEXTS:
                self._recent.popitem(last=False)
        return result

    def cut(self, text: str) -> list[str]:
        return self._analyse(text)[0]

    def entities(self, text: str) -> list[tuple[str, str]] | None:
        """Named entities as (text, HanLP's label: NT/NS/NR for MSRA, ORG/GPE/LOC for
        OntoNotes, ...); None when the model has no NER task (then use the lexicons)."""
        if self._ner_task is None:
            return None
        return self._analyse(text)[1]

    def pos(self, word: str) -> str | None:
        return self._tags.pos(word)
