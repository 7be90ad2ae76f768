"""Score extracted indicators against hand-checked gold (JSON Lines, SPEC.md fields).

A prediction matches a gold row of the same document with the same `dimension` and
`value` (relative tolerance 1e-6); repeated keys pair in document order. On matched
pairs we report the accuracy of qualifier, category and basis; strict F1 also needs
qualifier and category right.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path


TOLERANCE = 1e-6


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1.0)


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        if path.name.endswith(".meta.jsonl"):  # the reports' own fields, not indicators
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            doc = row.get("doc") or path.stem
            gold.setdefault(doc, []).append(row)
    return gold


def load_predictions(out_dir: str | Path) -> dict[str, list[dict]]:
    preds: dict[str, list[dict]] = {}
    path = Path(out_dir) / "indicators.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            row["value"] = float(row["value"])
            row["start"] = int(row["start"])
            preds.setdefault(row["doc_id"], []).append(row)
    for rows in preds.values():
        rows.sort(key=lambda r: r["start"])
    return preds


@dataclass
class Pair:
    doc: str
    gold: dict
    pred: dict


@dataclass
class Scores:
    pairs: list[Pair] = field(default_factory=list)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    extras: list[tuple[str, dict]] = field(default_factory=list)

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

    def accuracy(self, field_name: str) -> float:
        if not self.pairs:
            return 0.0
        return sum(pr.gold[field_name] == pr.pred[field_name] for pr in self.pairs) / len(self.pairs)

    def strict(self) -> tuple[float, float, float]:
        tp = sum(1 for pr in self.pairs if pr.gold["qualifier"] == pr.pred["qualifier"]
                 and pr.gold["category"] == pr.pred["category"])
        return self._f1(tp, len(self.pairs) + len(self.extras), len(self.pairs) + len(self.misses))

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
        sp, sr, sf = self.strict()
        return {
            "precision": p, "recall": r, "f1": f, "money_f1": money[2],
            "qualifier_accuracy": self.accuracy("qualifier"),
            "category_accuracy": self.accuracy("category"),
            "basis_accuracy": self.accuracy("basis"),
            "strict_f1": sf, "n_gold": len(self.pairs) + len(self.misses),
            "n_pred": len(self.pairs) + len(self.extras), "n_matched": len(self.pairs),
        }


def _doc_key(doc_id: str, gold_docs) -> str | None:
    if doc_id in gold_docs:
        return doc_id
    name = Path(doc_id).name
    return name if name in gold_docs else None


def score(preds: dict[str, list[dict]], gold: dict[str, list[dict]]) -> Scores:
    scores = Scores()
    by_doc: dict[str, list[dict]] = {}
    for doc_id, rows in preds.items():
        key = _doc_key(doc_id, gold)
        if key is not None:
            by_doc.setdefault(key, []).extend(rows)
    for doc, gold_rows in gold.items():
        pred_rows = by_doc.get(doc, [])
        used = [False] * len(pred_rows)
        for g in gold_rows:
            for i, p in enumerate(pred_rows):
                if not used[i] and p["dimension"] == g["dimension"] and _same_value(p["value"], float(g["value"])):
                    used[i] = True
                    scores.pairs.append(Pair(doc, g, p))
                    break
            else:
                scores.misses.append((doc, g))
        scores.extras.extend((doc, p) for i, p in enumerate(pred_rows) if not used[i])
    return scores


def evaluate(out_dir: str | Path, gold_dir: str | Path) -> Scores:
    return score(load_predictions(out_dir), load_gold(gold_dir))


def format_report(scores: Scores, show: bool = False, categories: list[str] = ()) -> str:
    s = scores.summary()
    lines = [
        f"documents with gold: {len({p.doc for p in scores.pairs} | {d for d, _ in scores.misses})}   "
        f"gold: {s['n_gold']}   predicted: {s['n_pred']}   matched: {s['n_matched']}",
        "",
        f"{'detection':<22}P {s['precision']:.3f}   R {s['recall']:.3f}   F1 {s['f1']:.3f}",
        f"{'money only':<22}F1 {s['money_f1']:.3f}",
        f"{'strict (qual+cat)':<22}F1 {s['strict_f1']:.3f}",
        f"{'qualifier accuracy':<22}{s['qualifier_accuracy']:.3f}",
        f"{'category accuracy':<22}{s['category_accuracy']:.3f}",
        f"{'basis accuracy':<22}{s['basis_accuracy']:.3f}",
        "",
        f"{'category':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}",
    ]
    for cat, (p, r, f, n) in scores.per_category(categories).items():
        lines.append(f"{cat:<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{n:>6}")
    if show:
        lines += ["", "MISSES (gold not found):"]
        lines += [f"  {d}  {g['mention']}  [{g['dimension']} {g['value']}]  …{g.get('context', '')}…"
                  for d, g in scores.misses]
        lines += ["", "EXTRAS (found, not in gold):"]
        lines += [f"  {d}  {p['mention']}  [{p['dimension']} {p['value']} {p['category']}]  {p['sentence'][:80]}"
                  for d, p in scores.extras]
        lines += ["", "WRONG FIELDS on matched pairs (field: gold -> predicted):"]
        for pr in scores.pairs:
            wrong = [f"{f}: {pr.gold[f]} -> {pr.pred[f]}" for f in ("qualifier", "category", "basis")
                     if pr.gold[f] != pr.pred[f]]
            if wrong:
                lines.append(f"  {pr.doc}  {pr.gold['mention']}  counted={pr.pred['counted']!r} "
                             f"action={pr.pred['action']!r}  " + "; ".join(wrong))
    return "\n".join(lines)
