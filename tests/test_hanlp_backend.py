"""HanLP backend on a real HanLP model, made here: a HanLP tokenizer trained for a few
seconds on a tiny BERT created from scratch and on sentences written for this test,
saved, then loaded through `--segmenter hanlp --hanlp-model DIR` like a downloaded one.

Nothing here reaches a network: the Hugging Face libraries are kept offline and the
missing-model tests refuse every connection.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline import run
from pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent

if os.environ.get("HANLP_REQUIRED"):  # `make test-hanlp` installs it: a missing HanLP fails there
    import hanlp  # noqa: F401
else:
    pytest.importorskip("hanlp", reason="HanLP and PyTorch are not installed: `make test-hanlp` runs these tests")

from csv_tables import read_csv  # noqa: E402
from pipeline.backends.hanlp import HanLPSegmenter, HanLPUnavailable  # noqa: E402

OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HANLP_VERBOSE": "0"}
# for the command-line runs: one PyTorch thread runs a tiny model faster on shared cores
SUBPROCESS_ENV = {**OFFLINE, "OMP_NUM_THREADS": "1"}

# Segmented the way the project's user dictionary cuts the domain's compounds, except the
# last line, cut as a general-purpose model cuts one (爱心 驿站), as HanLP's models do.
TRAINING = """\
全市 新建 工会组织 45 个 ， 发展 会员 3200 名 。
市 总工会 全年 筹措 帮扶资金 860 万元 ， 慰问 困难职工 1200 户 。
建成 户外劳动者服务站 56 个 ， 服务 新就业形态劳动者 2.3万 人次 。
举办 劳动竞赛 和 技能大赛 38 场 ， 参赛职工 1.5万 名 。
为 农民工 追回 工资 320 万元 ， 办理 法律援助 案件 86 件 。
基层工会 开展 送温暖 活动 ， 发放 慰问金 150 万元 。
新建 职工书屋 25 家 ， 职工之家 17 个 。
签订 集体合同 420 份 ， 覆盖 职工 6.8万 人 。
金秋助学 资助 学生 300 名 ， 发放 助学金 90 万元 。
调解 劳动争议 案件 112 件 ， 挽回 经济 损失 500 余 万元 。
开展 送清凉 活动 60 场 ， 惠及 一线职工 4万 人 。
选树 劳模创新工作室 12 个 ， 其中 3 人 获得 五一劳动奖章 。
开办 爱心托管班 22 个 ， 服务 职工 子女 1800 名 。
全市 工会会员 达到 56万 人 ， 建会率 超过 90% 。
工人文化宫 举办 培训班 40 期 ， 培训 职工 5000 人次 。
下沉 蹲点组 16 个 ， 走访 小微企业 380 家 。
行业工会联合会 新增 8 个 ， 吸纳 会员 9000 余 名 。
互助保障 参保 职工 12万 人 ， 理赔 资金 2100 万元 。
社会化工会工作者 队伍 达到 260 人 。
工会经费 投入 1.2亿 元 用于 服务 职工 。
沿街 设立 爱心 驿站 30 个 ， 方便 环卫 工人 歇脚 。
"""

# Two short reports written for this test, run through the whole pipeline.
ARTICLES = {
    "city_report.txt": "清河市总工会2023年工作总结\n"
                       "2023年，全市新建工会组织45个，发展会员3200名。"
                       "市总工会筹措帮扶资金860万元，慰问困难职工1200户。\n"
                       "建成户外劳动者服务站56个，服务新就业形态劳动者2.3万人次。\n",
    "county_report.txt": "青石县总工会工作报告\n"
                         "五年来，举办劳动竞赛38场，参赛职工1.5万名。"
                         "为农民工追回工资320万元，办理法律援助案件86件。\n"
                         "新建职工书屋25家，签订集体合同420份，覆盖职工6.8万人。\n",
}

# For a model that also finds named entities: word/TYPE marks an entity (MSRA's NT for an
# organization, NS for a place). Its words also teach the model's tokenizer.
ENTITIES = """\
清河市总工会/NT 召开 全委会 ， 部署 全年 工作 。
青石县/NS 职工 参加 技能大赛 ， 获奖 12 人 。
南湖市总工会/NT 慰问 困难职工 1200 户 。
千山市/NS 新建 职工之家 17 个 。
凌江县总工会/NT 组织 劳模 宣讲 30 场 。
枫林区/NS 工会 开展 送温暖 活动 。
"""

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def character_vocabulary(texts) -> list[str]:
    """A BERT vocabulary of single characters (and `##` forms for digits and letters,
    which BERT's basic tokenizer keeps together in one word)."""
    chars = sorted({c for t in texts for c in t if not c.isspace()})
    return SPECIAL_TOKENS + chars + [f"##{c}" for c in chars if c.isascii() and c.isalnum()]


def allow_hanlp_training() -> None:
    """HanLP 2.1.5's trainers (training only, not loading) ask transformers for the AdamW
    that transformers 5 removed; torch's is the same optimizer."""
    import torch
    import transformers.optimization

    if not hasattr(transformers.optimization, "AdamW"):
        class AdamW(torch.optim.AdamW):
            def __init__(self, params, no_deprecation_warning=True, **kwargs):
                super().__init__(params, **kwargs)

        transformers.optimization.AdamW = AdamW


@contextmanager
def one_thread():
    """Models this small train and run faster on one thread (and the cores are shared)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


TINY = dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
# The shape of the ELECTRA-small under HanLP's small Chinese models (for timing, not quality).
ELECTRA_SMALL = dict(hidden_size=256, num_hidden_layers=12, num_attention_heads=4,
                     intermediate_size=1024)


def build_tiny_bert(folder: Path, texts=(), shape: dict = TINY) -> Path:
    """A BERT with random weights (one layer of width 32 unless `shape` says otherwise), its
    vocabulary the characters of this file's sentences, of the project's lexicons and of
    `texts` (others read as [UNK])."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    # not towns.tsv: 34,000 place names that no sentence here holds would double the
    # vocabulary, and the tiny model trained from it learns these sentences less surely; nor
    # the category model (.json), whose features change with every retraining: the tiny
    # model must not change with it
    lexicon_texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lexicons").iterdir())
                     if p.is_file() and p.suffix in (".yaml", ".txt")]
    vocab = character_vocabulary([TRAINING, ENTITIES, *ARTICLES.values(), *lexicon_texts, *texts])
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = BertConfig(vocab_size=len(vocab), max_position_embeddings=512, **shape)
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    # read from vocab.txt: the same call in transformers 4 and 5
    BertTokenizerFast.from_pretrained(str(folder)).save_pretrained(folder)
    return folder


# Rates far above a real model's: about 100 steps from random weights to these sentences by heart.
FIT = dict(lr=1e-2, max_seq_len=300, sent_delimiter="，；。", char_level=True, hard_constraint=True)


def train_tokenizer(workdir: Path, bert: Path, training: str = TRAINING, epochs: int = 20) -> Path:
    """HanLP's TransformerTaggingTokenizer (the kind of COARSE_ELECTRA_SMALL_ZH) trained on
    `training`: one sentence a line, words separated by spaces."""
    from hanlp.components.tokenizers.transformer import TransformerTaggingTokenizer

    allow_hanlp_training()
    corpus = workdir / "tok_train.txt"
    corpus.write_text(training, encoding="utf-8")
    model_dir = workdir / "tok_model"
    with one_thread():
        TransformerTaggingTokenizer().fit(
            str(corpus), str(corpus), str(model_dir), transformer=str(bert), epochs=epochs,
            patience=epochs, batch_size=4, transformer_lr=1e-2, word_dropout=0, eval_trn=False,
            devices=-1, seed=1, logger=_quiet_logger(), **FIT)
    return model_dir


def entity_tsv(entities: str) -> str:
    """ENTITIES as HanLP's token-level NER format: word TAB IOBES tag, a blank line between sentences."""
    sentences = []
    for line in entities.splitlines():
        rows = []
        for item in line.split():
            word, _, kind = item.partition("/")
            rows.append(f"{word}\tS-{kind}" if kind else f"{word}\tO")
        sentences.append("\n".join(rows))
    return "\n\n".join(sentences) + "\n"


def train_tok_ner(workdir: Path, bert: Path, epochs: int = 40) -> Path:
    """A multi-task model (the kind of CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH)
    with a tokenizer task and an NER task that reads the tokenizer's words."""
    from hanlp.common.dataset import SortingSamplerBuilder
    from hanlp.components.mtl.multi_task_learning import MultiTaskLearning
    from hanlp.components.mtl.tasks.ner.tag_ner import TaggingNamedEntityRecognition
    from hanlp.components.mtl.tasks.tok.tag_tok import TaggingTokenization
    from hanlp.layers.embeddings.contextual_word_embedding import ContextualWordEmbedding

    allow_hanlp_training()
    words = "\n".join(" ".join(i.partition("/")[0] for i in line.split())
                      for line in ENTITIES.splitlines())
    tok_corpus, ner_corpus = workdir / "mtl_tok.txt", workdir / "mtl_ner.tsv"
    tok_corpus.write_text(TRAINING + words + "\n", encoding="utf-8")
    ner_corpus.write_text(entity_tsv(ENTITIES), encoding="utf-8")
    tasks = {
        "tok": TaggingTokenization(str(tok_corpus), str(tok_corpus), None,
                                   SortingSamplerBuilder(batch_size=4), tagging_scheme="BMES", **FIT),
        "ner": TaggingNamedEntityRecognition(str(ner_corpus), str(ner_corpus), None,
                                             SortingSamplerBuilder(batch_size=4), lr=1e-2,
                                             tagging_scheme="IOBES", dependencies="tok"),
    }
    model_dir = workdir / "mtl_model"
    encoder = ContextualWordEmbedding("token", str(bert), average_subwords=True,
                                      max_sequence_length=512, word_dropout=0)
    with one_thread():
        MultiTaskLearning().fit(encoder, tasks, str(model_dir), epochs=epochs, patience=epochs,
                                lr=1e-2, encoder_lr=1e-2, eval_trn=False, devices=-1, seed=1,
                                logger=_quiet_logger())
    return model_dir


def build_tiny_model(workdir: Path, texts=(), shape: dict = TINY, epochs: int = 20) -> Path:
    """A tiny BERT and a HanLP tokenizer trained over it; the tokenizer's folder."""
    return train_tokenizer(workdir, build_tiny_bert(workdir / "tiny_bert", texts, shape), epochs=epochs)


def _quiet_logger():
    import logging

    logger = logging.getLogger("tiny_hanlp_training")
    logger.setLevel(logging.WARNING)
    return logger


@pytest.fixture(scope="session")
def tiny_bert(tmp_path_factory) -> Path:
    for var, value in OFFLINE.items():
        os.environ.setdefault(var, value)
    return build_tiny_bert(tmp_path_factory.mktemp("hanlp") / "tiny_bert")


@pytest.fixture(scope="session")
def tiny_model(tiny_bert) -> Path:
    return train_tokenizer(tiny_bert.parent, tiny_bert)


@pytest.fixture(scope="session")
def tiny_tok_ner(tiny_bert) -> Path:
    return train_tok_ner(tiny_bert.parent, tiny_bert)


@pytest.fixture(scope="session")
def hanlp_seg(tiny_model, lexicon) -> HanLPSegmenter:
    return HanLPSegmenter(lexicon, model=str(tiny_model))


@pytest.fixture()
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder



def spans(rows: list[dict]) -> set[tuple]:
    return {(r["doc_id"], r["start"], r["end"], r["mention"], r["value"]) for r in rows}


# --- the model that was saved is the model that is loaded --------------------------------

def test_loaded_model_cuts_its_training_sentences_as_it_was_taught(hanlp_seg):
    lines = [line.split() for line in TRAINING.splitlines() if line.strip()]
    right = sum(hanlp_seg.cut("".join(words)) == words for words in lines)
    # a 1-layer BERT of width 32 learns these 20 sentences almost by heart
    assert right >= len(lines) - 2, right


def test_user_dictionary_merges_the_models_pieces_of_a_domain_word(hanlp_seg, tiny_model, lexicon):
    text = "沿街设立爱心驿站30个，方便环卫工人歇脚。"
    plain = HanLPSegmenter(lexicon, model=str(tiny_model), user_dict=False).cut(text)
    assert "爱心" in plain and "驿站" in plain  # the model's own words
    words = hanlp_seg.cut(text)
    assert "爱心驿站" in words  # lexicons/user_dict.txt
    assert "".join(words) == text


def test_tokenizer_model_has_no_entities_and_tags_come_from_the_dictionary(hanlp_seg):
    assert hanlp_seg.has_entities is False
    assert hanlp_seg.entities("清河市总工会") is None  # metadata then keeps the lexicon way
    assert hanlp_seg.pos("职工之家") == "n"


def test_multi_task_model_gives_words_and_entities(tiny_tok_ner, lexicon):
    seg = HanLPSegmenter(lexicon, model=str(tiny_tok_ner))
    assert seg.has_entities
    text = "清河市总工会召开全委会，部署全年工作。"
    assert seg.cut(text) == ["清河市总工会", "召开", "全委会", "，", "部署", "全年", "工作", "。"]
    assert seg.entities(text) == [("清河市总工会", "NT")]
    assert seg.entities("千山市新建职工之家17个。") == [("千山市", "NS")]


def test_one_pytorch_thread_unless_told_otherwise(tiny_model, lexicon, monkeypatch):
    import torch

    before = torch.get_num_threads()
    try:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
        torch.set_num_threads(2)
        HanLPSegmenter(lexicon, model=str(tiny_model))
        assert torch.get_num_threads() == 1
        HanLPSegmenter(lexicon, model=str(tiny_model), threads=2)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


# --- the pipeline, end to end ---------------------------------------------------------

def test_cli_run_with_hanlp_writes_the_same_indicators_as_jieba(tiny_model, articles, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, **SUBPROCESS_ENV, "HANLP_HOME": str(tmp_path / "empty_hanlp_home")}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(articles), "-o", str(out), "--quiet",
         "--segmenter", "hanlp", "--hanlp-model", str(tiny_model)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    reports = read_csv(out / "reports.csv")
    assert sorted(r["status"] for r in reports) == ["ok", "ok"]
    hanlp_rows = read_csv(out / "indicators.csv")
    assert len(hanlp_rows) >= 10

    jieba_out = tmp_path / "jieba_out"
    run(articles, jieba_out, progress=False)
    # the quantities are found in the text, whatever cut the words
    assert spans(hanlp_rows) == spans(read_csv(jieba_out / "indicators.csv"))


def test_library_pipeline_with_hanlp(tiny_model):
    nlp = Pipeline(segmenter="hanlp", model=str(tiny_model))
    from pipeline.report import Report

    report = nlp(Report(doc_id="t", raw_text=ARTICLES["city_report.txt"]))
    assert report.status == "ok"
    words = [t.text for s in report.sentences for t in s.tokens]
    assert "户外劳动者服务站" in words
    mentions = {i.mention for i in report.indicators}
    assert {"45个", "3200名", "860万元", "1200户", "56个", "2.3万人次"} <= mentions


def test_library_pipeline_with_a_multi_task_model(tiny_tok_ner):
    from pipeline import process_text

    report = process_text(ARTICLES["county_report.txt"], segmenter="hanlp", model=str(tiny_tok_ner))
    assert report.status == "ok"
    assert {"38场", "1.5万名", "320万元", "86件"} <= {i.mention for i in report.indicators}


def test_entities_are_stored_on_the_report_and_name_the_issuer(tiny_tok_ner):
    from pipeline import process_text

    text = "工作简报\n凌江县总工会组织劳模宣讲30场。\n枫林区工会开展送温暖活动。\n"
    report = process_text(text, segmenter="hanlp", model=str(tiny_tok_ner))
    # the segment stage's one pass gives the entities; describe reads them from the report
    assert ("凌江县总工会", "NT") in [(e.text, e.label) for e in report.entities]
    assert report.issuer == "凌江县总工会"


def test_seeds_run_with_hanlp(tiny_model, seeds_dir, seeds_out, tmp_path):
    out = tmp_path / "seeds_hanlp"
    summary = run(seeds_dir, out, segmenter="hanlp", segmenter_options={"model": str(tiny_model)},
                  progress=False)
    assert summary.n_errors == 0
    jieba_spans = spans(read_csv(seeds_out / "indicators.csv"))
    hanlp_spans = spans(read_csv(out / "indicators.csv"))
    assert hanlp_spans and len(hanlp_spans & jieba_spans) >= 0.9 * len(jieba_spans)


# --- a model that is not here: a clear message, and no network ------------------------------

@pytest.fixture()
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise ConnectionRefusedError("this test allows no network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_missing_model_says_what_to_download_and_where(lexicon, tmp_path, monkeypatch, no_network):
    import hanlp.pretrained.tok

    monkeypatch.setenv("HANLP_HOME", str(tmp_path))
    with pytest.raises(HanLPUnavailable) as err:
        HanLPSegmenter(lexicon, model="COARSE_ELECTRA_SMALL_ZH")
    message = str(err.value)
    url = hanlp.pretrained.tok.COARSE_ELECTRA_SMALL_ZH
    assert url in message
    assert str(tmp_path / "tok" / Path(url).name) in message
    assert no_network == []


def test_model_whose_transformer_is_missing_names_the_transformer(lexicon, tiny_model, tmp_path,
                                                                  monkeypatch, no_network):
    from hanlp.layers.transformers.resource import tokenizer_mirrors

    electra = "hfl/chinese-electra-180g-small-discriminator"
    model = tmp_path / "model"
    model.mkdir()
    config = json.loads((tiny_model / "config.json").read_text(encoding="utf-8"))
    (model / "config.json").write_text(json.dumps({**config, "transformer": electra}),
                                       encoding="utf-8")
    monkeypatch.setenv("HANLP_HOME", str(tmp_path / "home"))
    with pytest.raises(HanLPUnavailable) as err:
        HanLPSegmenter(lexicon, model=str(model))
    assert tokenizer_mirrors[electra] in str(err.value)
    assert str(tmp_path / "home" / "transformers") in str(err.value)
    assert no_network == []


def test_cli_without_a_usable_model_exits_2_with_the_reason(articles, tmp_path):
    env = {**os.environ, **SUBPROCESS_ENV, "HANLP_HOME": str(tmp_path)}
    for extra in ([], ["--hanlp-model", "FINE_ELECTRA_SMALL_ZH"], ["--hanlp-model", str(tmp_path)]):
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(articles), "-o", str(tmp_path / "o"),
             "--quiet", "--segmenter", "hanlp", *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
