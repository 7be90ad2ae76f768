"""Duplicate reports (pipeline/duplicates.py): MinHash signatures per report, LSH once per
run, `duplicate_of` naming the earliest report by doc id."""
from __future__ import annotations

import csv
import random

from pipeline import run
from pipeline import duplicates as dup
from pipeline.duplicates import find_duplicates, signature

ARTICLE = ("全年新建基层工会组织{a}个，其中楼宇工会{b}个；新发展会员{c}名，其中新就业形态劳动者{d}名。"
           "截至12月底，全区共有工会会员{e}万人，工会驿站达到{f}个。全年投入帮扶资金{g}万元，"
           "走访慰问困难职工{h}户，为{i}名困难职工子女发放助学金。")


def article(seed: int) -> str:
    rng = random.Random(seed)
    return ARTICLE.format(**{k: rng.randint(10, 9999) for k in "abcdefghi"}) * 2


def test_the_same_text_has_the_same_signature():
    assert signature(article(1)) == signature(article(1))
    assert signature(article(1)) != signature(article(2))
    assert signature("") is None and signature(" \n ") is None
    assert signature("工会") is not None  # shorter than a shingle: still one


def test_copies_and_copies_with_chrome_are_duplicates_of_the_earliest():
    text = article(7)
    chrome = "首页 | 工会动态 | 分享到：微信 微博\n" + text + "\n责任编辑：王明 来源：宜宾日报"
    found = find_duplicates([("a", signature(text)), ("b", signature(article(8))),
                             ("c", signature(chrome)), ("d", signature(text))])
    assert found == {"c": "a", "d": "a"}


def test_a_chain_of_near_copies_resolves_to_the_first():
    text = article(3)
    edited = text.replace("全年投入帮扶", "全年共投入帮扶")
    found = find_duplicates([("1", signature(text)), ("2", signature(edited)), ("3", signature(edited))])
    assert found == {"2": "1", "3": "1"}


def test_reports_with_the_same_template_and_other_figures_are_not_duplicates():
    found = find_duplicates([(str(i), signature(article(i))) for i in range(50)])
    assert found == {}


def test_signatures_of_another_scheme_or_damaged_are_never_compared():
    good = signature(article(5))
    assert find_duplicates([("a", good), ("b", {**good, "scheme": "older"}), ("c", good)]) == {"c": "a"}
    assert find_duplicates([("a", good), ("b", {**good, "minhash": "not base64!"}), ("c", None)]) == {}


def test_candidates_grow_with_the_reports_not_their_pairs():
    import numpy as np

    texts = [article(i) for i in range(2000)]
    packed = [dup._digest(signature(t))[0] for t in texts]
    matrix = np.frombuffer(b"".join(packed), dtype="<u4").reshape(len(texts), dup.NUM_PERM)
    candidates = dup._candidates(matrix)
    # articles of one template share many buckets, yet each is compared with at most two
    # reports a band (all pairs: 2 million)
    assert max(len(c) for c in candidates.values()) <= 2 * dup.BANDS
    assert sum(len(c) for c in candidates.values()) <= 2 * dup.BANDS * len(texts) < 200_000


def reports_csv(out) -> dict[str, dict]:
    with open(out / "reports.csv", encoding="utf-8", newline="") as fh:
        return {r["doc_id"]: r for r in csv.DictReader(fh)}


def test_a_copy_added_later_is_found_from_the_stored_signatures(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article(1), encoding="utf-8")
    (corpus / "b.txt").write_text(article(2), encoding="utf-8")
    run(corpus, out, progress=False)
    assert {r["duplicate_of"] for r in reports_csv(out).values()} == {""}
    (corpus / "c.htm").write_text(f"<html><body><p>{article(2)}</p></body></html>", encoding="utf-8")
    again = run(corpus, out, progress=False)
    assert (again.processed, again.reused) == (1, 2)  # a and b from the state, with signatures
    assert reports_csv(out)["c"]["duplicate_of"] == "b"
    third = run(corpus, out, progress=False)
    assert third.processed == 0 and reports_csv(out)["c"]["duplicate_of"] == "b"


def test_few_reports_are_bucketed_as_numpy_buckets_many(monkeypatch):
    """Up to PLAIN_UP_TO reports are bucketed in plain Python (no numpy import): the same
    candidates as numpy's, and the same duplicates."""
    import struct

    import numpy as np

    texts = [article(i % 40) + ("另悉。" * (i % 3)) for i in range(120)]
    signatures = [(f"{i:04d}", signature(t)) for i, t in enumerate(texts)]
    packed = [dup._digest(s)[0] for _, s in signatures]
    matrix = np.frombuffer(b"".join(packed), dtype="<u4").reshape(len(packed), dup.NUM_PERM)
    rows = [struct.unpack(f"<{dup.NUM_PERM}I", p) for p in packed]
    assert dup._candidates_plain(rows) == dup._candidates(matrix)
    plain = find_duplicates(signatures)
    monkeypatch.setattr(dup, "PLAIN_UP_TO", 1)
    assert find_duplicates(signatures) == plain and plain
