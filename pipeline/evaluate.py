"""Score a run against hand-checked gold (JSON Lines, SPEC.md fields; docs/annotation.md).

A prediction matches a gold row of the same document with the same `dimension` and
`value` (relative tolerance 1e-6); repeated keys pair in document order. On matched
pairs: the accuracy of qualifier, category, basis, kind, year and currency; strict F1
also needs qualifier and category right. Relations: a predicted `part_of` (`repeat_of`)
link is right when both its ends are matched and the gold row of the one says
`part_of_row` (`repeat_of_row`) is the gold row of the other. With a `reports.meta.jsonl`
beside the gold, the report fields of reports.csv are scored too.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GoldError

TOLERANCE = 1e-6
META_SUFFIX = ".meta.jsonl"
REPORT_FIELDS = ("title", "date", "source", "issuer", "region", "region_code", "year")
PAIR_FIELDS = ("qualifier", "category", "basis", "kind", "year", "currency")


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1.0)


def _jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
    return rows


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    """Gold rows by document, each with `row`: its line index in its file."""
    gold: dict[str, list[dict]] = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        if path.name.endswith(META_SUFFIX):  # the reports' own fields, not indicators
            continue
        for i, row in enumerate(_jsonl(path)):
            gold.setdefault(row.get("doc") or path.stem, []).append({**row, "row": i})
    return gold


def load_predictions(out_dir: str | Path) -> dict[str, list[dict]]:
    preds: dict[str, list[dict]] = {}
    with open(Path(out_dir) / "indicators.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            row["value"] = float(row["value"])
            row["start"] = int(row["start"])
            preds.setdefault(row["doc_id"], []).append(row)
    for rows in preds.values():
        rows.sort(key=lambda r: r["start"])
    return preds


def _norm(name: str, value) -> str:
    """A field's value as compared: years and numbers as their digits, None as empty, text
    in its NFKC form (the pipeline writes （摘要） as (摘要), a gold row may keep the first)."""
    if value is None:
        return ""
    if name == "year" and str(value).strip():
        try:
            return str(int(float(value)))
        except ValueError:
            return str(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


@dataclass
class Pair:
    doc: str
    gold: dict
    pred: dict

    def same(self, name: str) -> bool:
        return _norm(name, self.gold.get(name)) == _norm(name, self.pred.get(name))


@dataclass
class Scores:
    pairs: list[Pair] = field(default_factory=list)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    extras: list[tuple[str, dict]] = field(default_factory=list)
    reports: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, of)
    report_misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def detection(self, keep=lambda row: True) -> tuple[float, float, float]:
        tp = sum(1 for pr in self.pairs if keep(pr.gold))
        n_gold = tp + sum(1 for _, g in self.misses if keep(g))
        n_pred = sum(1 for pr in self.pairs if keep(pr.pred)) + sum(1 for _, p in self.extras if keep(p))
        return self._f1(tp, n_pred, n_gold)

    def accuracy(self, name: str, keep=lambda pair: True) -> float | None:
        """On matched pairs (those `keep` takes) whose gold has the field; None if none has."""
        pairs = [pr for pr in self.pairs if name in pr.gold and keep(pr)]
        return sum(pr.same(name) for pr in pairs) / len(pairs) if pairs else None

    def strict(self) -> tuple[float, float, float]:
        tp = sum(1 for pr in self.pairs if pr.same("qualifier") and pr.same("category"))
        return self._f1(tp, len(self.pairs) + len(self.extras), len(self.pairs) + len(self.misses))

    def links(self, name: str) -> tuple[float, float, float]:
        """P, R, F1 of the `part_of` or `repeat_of` links (see the module docstring)."""
        return self._f1(*self._link_counts(name))

    def _link_counts(self, name: str) -> tuple[int, int, int]:
        """(right, predicted, gold) links of `name`: with none predicted and none in the
        gold there is nothing to score (not an F1 of 0)."""
        gold_key = f"{name}_row"
        gold_of = {(pr.doc, pr.pred["indicator_id"]): pr.gold for pr in self.pairs if "indicator_id" in pr.pred}
        n_gold = sum(1 for pr in self.pairs if pr.gold.get(gold_key) is not None) + \
            sum(1 for _, g in self.misses if g.get(gold_key) is not None)
        predicted = [(pr.doc, pr.pred, pr.gold) for pr in self.pairs if pr.pred.get(name)] + \
            [(d, p, None) for d, p in self.extras if p.get(name)]
        tp = 0
        for doc, pred, gold in predicted:
            whole = gold_of.get((doc, pred[name]))
            if gold is not None and whole is not None and gold.get(gold_key) == whole["row"]:
                tp += 1
        return tp, len(predicted), n_gold

    def per_category(self, order: list[str] = ()) -> dict[str, tuple[float, float, float, int]]:
        """P, R, F1 and the gold count of each category, in `order` then any other."""
        seen = {row["category"] for _, row in self.misses + self.extras} | \
            {pr.gold["category"] for pr in self.pairs} | {pr.pred["category"] for pr in self.pairs}
        out = {}
        for cat in list(order) + sorted(seen - set(order)):
            tp = sum(1 for pr in self.pairs if pr.gold["category"] == cat and pr.pred["category"] == cat)
            n_gold = sum(1 for pr in self.pairs if pr.gold["category"] == cat) + \
                sum(1 for _, g in self.misses if g["category"] == cat)
            n_pred = sum(1 for pr in self.pairs if pr.pred["category"] == cat) + \
                sum(1 for _, p in self.extras if p["category"] == cat)
            if n_gold or n_pred:
                out[cat] = (*self._f1(tp, n_pred, n_gold), n_gold)
        return out

    def summary(self) -> dict:
        p, r, f = self.detection()
        money = self.detection(lambda row: row["dimension"] == "money")
        out = {"precision": p, "recall": r, "f1": f, "money_f1": money[2], "strict_f1": self.strict()[2],
               "n_gold": len(self.pairs) + len(self.misses),
               "n_pred": len(self.pairs) + len(self.extras), "n_matched": len(self.pairs)}
        for name in PAIR_FIELDS:
            keep = (lambda pr: pr.gold["dimension"] == "money") if name == "currency" else (lambda pr: True)
            out[f"{name}_accuracy"] = self.accuracy(name, keep)
        out["category_accuracy_settled"] = self.accuracy("category", lambda pr: not pr.gold.get("open"))
        for name in ("part_of", "repeat_of"):
            counts = self._link_counts(name)
            out[f"{name}_f1"] = self._f1(*counts)[2] if counts[1] or counts[2] else None
        for name, (right, total) in self.reports.items():
            out[f"report_{name}_accuracy"] = right / total if total else 0.0
        return out


def doc_key(doc_id: str, gold_docs) -> str | None:
    """The gold document of a report: its doc id, else its file name; None when neither."""
    if doc_id in gold_docs:
        return doc_id
    name = Path(doc_id).name
    return name if name in gold_docs else None


def score(preds: dict[str, list[dict]], gold: dict[str, list[dict]]) -> Scores:
    scores = Scores()
    by_doc: dict[str, list[dict]] = {}
    for doc_id, rows in preds.items():
        key = doc_key(doc_id, gold)
        if key is not None:
            by_doc.setdefault(key, []).extend(rows)
    for doc, gold_rows in gold.items():
        pred_rows = by_doc.get(doc, [])
        matched = pair_greedily(gold_rows, [(p["dimension"], p["value"]) for p in pred_rows])
        for row, (g, i) in enumerate(zip(gold_rows, matched)):
            g = g if "row" in g else {**g, "row": row}
            if i is None:
                scores.misses.append((doc, g))
            else:
                scores.pairs.append(Pair(doc, g, pred_rows[i]))
        used = set(matched)
        scores.extras.extend((doc, p) for i, p in enumerate(pred_rows) if i not in used)
    return scores


def pair_greedily(gold_rows: list[dict], found: list[tuple[str, float]]) -> list[int | None]:
    """For each gold row in order, the index of the first figure found, (dimension, value),
    of its dimension and value not paired yet; None for a gold row none matches."""
    used = [False] * len(found)
    out: list[int | None] = []
    for g in gold_rows:
        value = float(g["value"])
        i = next((i for i, (dim, v) in enumerate(found)
                  if not used[i] and dim == g["dimension"] and _same_value(v, value)), None)
        if i is not None:
            used[i] = True
        out.append(i)
    return out


def score_reports(scores: Scores, out_dir: Path, gold_dir: Path) -> None:
    """The report fields of reports.csv against the gold folder's reports.meta.jsonl."""
    metas = [row for path in sorted(gold_dir.glob(f"*{META_SUFFIX}")) for row in _jsonl(path)]
    if not metas:
        return
    with open(out_dir / "reports.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_doc = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], row)
        by_doc.setdefault(Path(row["doc_id"]).name, row)
    for meta in metas:
        row = by_doc.get(meta["doc"], {})
        for name in REPORT_FIELDS:
            if name not in meta:
                continue
            right, total = scores.reports.get(name, (0, 0))
            ok = _norm(name, meta[name]) == _norm(name, row.get(name))
            scores.reports[name] = (right + ok, total + 1)
            if not ok:
                scores.report_misses.append((meta["doc"], name, _norm(name, meta[name]), _norm(name, row.get(name))))


def evaluate(out_dir: str | Path, gold_dir: str | Path) -> Scores:
    gold = load_gold(gold_dir)
    if not gold and not list(Path(gold_dir).glob(f"*{META_SUFFIX}")):
        raise GoldError(f"no gold (*.jsonl) in {gold_dir}")
    preds = load_predictions(out_dir)
    if gold and not any(doc_key(d, gold) for d in preds):
        raise GoldError(f"the gold of {gold_dir} names no document of {out_dir} "
                        f"(gold: {', '.join(sorted(gold)[:3])} …)")
    scores = score(preds, gold)
    score_reports(scores, Path(out_dir), Path(gold_dir))
    return scores


def format_report(scores: Scores, show: bool = False, categories: list[str] = ()) -> str:
    s = scores.summary()
    lines = [
        f"documents with gold: {len({p.doc for p in scores.pairs} | {d for d, _ in scores.misses})}   "
        f"gold: {s['n_gold']}   predicted: {s['n_pred']}   matched: {s['n_matched']}",
        "",
        f"{'detection':<22}P {s['precision']:.3f}   R {s['recall']:.3f}   F1 {s['f1']:.3f}",
        f"{'money only':<22}F1 {s['money_f1']:.3f}",
        f"{'strict (qual+cat)':<22}F1 {s['strict_f1']:.3f}",
    ]
    lines += [f"{name + ' accuracy':<22}{_figure(s[name + '_accuracy'])}" for name in PAIR_FIELDS]
    lines += [f"{'category, settled':<22}{_figure(s['category_accuracy_settled'])}   (gold rows not marked open)",
              f"{'part_of':<22}{_link_figure(s['part_of_f1'])}",
              f"{'repeat_of':<22}{_link_figure(s['repeat_of_f1'])}"]
    if scores.reports:
        lines += ["", "report fields (reports.meta.jsonl):"]
        lines += [f"  {name:<20}{right / total:.3f}   ({right} of {total})"
                  for name, (right, total) in scores.reports.items()]
    lines += ["", f"{'category':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}"]
    for cat, (p, r, f, n) in scores.per_category(categories).items():
        lines.append(f"{cat:<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{n:>6}")
    if show:
        lines += _details(scores)
    return "\n".join(lines)


def _link_figure(value: float | None) -> str:
    return "n/a (no link in the gold or the predictions)" if value is None else f"F1 {value:.3f}"


def _figure(value: float | None) -> str:
    return "n/a (no gold has it)" if value is None else f"{value:.3f}"


def _details(scores: Scores) -> list[str]:
    lines = ["", "MISSES (gold not found):"]
    lines += [f"  {d}  {g['mention']}  [{g['dimension']} {g['value']}]  …{g.get('context', '')}…"
              for d, g in scores.misses]
    lines += ["", "EXTRAS (found, not in gold):"]
    lines += [f"  {d}  {p['mention']}  [{p['dimension']} {p['value']} {p['category']}]  {p['sentence'][:80]}"
              for d, p in scores.extras]
    lines += ["", "WRONG FIELDS on matched pairs (field: gold -> predicted):"]
    for pr in scores.pairs:
        wrong = [f"{f}: {_norm(f, pr.gold.get(f))} -> {_norm(f, pr.pred.get(f))}" for f in PAIR_FIELDS
                 if f in pr.gold and not pr.same(f) and (f != "currency" or pr.gold["dimension"] == "money")]
        if wrong:
            lines.append(f"  {pr.doc}  {pr.gold['mention']}  counted={pr.pred['counted']!r} "
                         f"action={pr.pred['action']!r}  " + "; ".join(wrong))
    if scores.report_misses:
        lines += ["", "WRONG REPORT FIELDS (doc field: gold -> predicted):"]
        lines += [f"  {d}  {name}: {g!r} -> {p!r}" for d, name, g, p in scores.report_misses]
    return lines
