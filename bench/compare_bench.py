"""Compare benchmark: precision and recall per category on the labelled seed pairs, and the time of a
compare of two 20,000-character reports (warm).

Scoring: each label names one item and the status a careful analyst gives it. For every status s of a
category, precision = labelled items predicted s that are s / labelled items predicted s, recall =
labelled items that are s and predicted s / labelled items that are s. An item the tool does not
report counts as predicted "missing". Commitments are scored on kept (fulfilled or carried_over)
against dropped; "uncertain" is wrong either way. "not programs" are kinds of thing (产业基金, 省实验室)
and fragments that must not be reported as programs: "none" is right, any status is wrong.
Usage: python bench/compare_bench.py
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from diffing.compare import Comparison, compare
from diffing.figures import metric_key
from snapshots.clean import clean

ROOT = Path(__file__).resolve().parent.parent
KNOWN_TITLES = {"001": "深圳市科技创新局2023年工作总结和2024年工作计划"}


def load(prefix: str):  # type: ignore[no-untyped-def]
    doc = clean(next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))
    doc.title = doc.title or KNOWN_TITLES.get(prefix, "")
    return doc


def run(old_prefix: str, new_prefix: str) -> Comparison:
    old, new = load(old_prefix), load(new_prefix)
    return compare(old.title, old.published, old.text(), new.title, new.published, new.text())


def predicted(result: Comparison, category: str, key: str) -> str:
    if category == "commitments":
        item = next((c for c in result.commitments if key in c.text), None)
        if item is None:
            return "missing"
        return "kept" if item.status in ("fulfilled", "carried_over") else item.status
    if category == "programs":
        item = next((p for p in result.programs if key in (p.name, p.old_name)), None) or \
            next((p for p in result.programs if key in p.name or key in (p.old_name or "")), None)
        return item.status if item else "missing"
    if category == "not programs":  # generic words and fragments: reported under exactly this name?
        item = next((p for p in result.programs if key in (p.name, p.old_name)), None)
        return item.status if item else "none"
    sides = lambda f: [x for x in (f.old, f.new) if x]  # noqa: E731
    item = next((f for f in result.figures if any(key in x.metric or metric_key(key) == x.key for x in sides(f))),
                None)
    return item.status if item else "missing"


def main() -> None:
    labels = json.loads((ROOT / "bench" / "compare-labels.json").read_text(encoding="utf-8"))
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))  # tp, fp, fn
    misses = []
    for pair, categories in labels.items():
        if pair.startswith("_"):
            continue
        result = run(*pair.split("->"))
        for category, items in categories.items():
            for key, want in items:
                got = predicted(result, category, key)
                if got == want:
                    tallies[category][want][0] += 1
                else:
                    tallies[category][got][1] += 1
                    tallies[category][want][2] += 1
                    misses.append(f"  {pair} {category}: {key} — labelled {want}, got {got}")
    print(f"{'category':12} {'status':12} {'precision':>9} {'recall':>7} {'labels':>6}")
    for category, statuses in tallies.items():
        for status, (tp, fp, fn) in sorted(statuses.items()):
            if tp + fn == 0:
                continue
            precision = tp / (tp + fp) if tp + fp else 0.0
            print(f"{category:12} {status:12} {precision:9.2f} {tp / (tp + fn):7.2f} {tp + fn:6d}")
        tp = sum(v[0] for v in statuses.values())
        total = sum(v[0] + v[2] for v in statuses.values())
        print(f"{category:12} {'(accuracy)':12} {tp / total:9.2f} {'':7} {total:6d}")
    print("misses:\n" + "\n".join(misses) if misses else "misses: none")
    # Speed: two ~20,000-character reports, warm.
    texts = {p: load(p).text() for p in ("000", "001", "002", "003", "004")}
    big_old = "\n".join(texts[p] for p in ("001", "003", "002", "004", "000"))
    big_new = "\n".join(texts[p] for p in ("000", "004", "001", "002", "003")).replace("2024", "2025")
    compare("", "", big_old, "", "", big_new)
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        compare("", "", big_old, "", "", big_new)
    print(f"compare of {len(big_old)} vs {len(big_new)} characters: {(time.perf_counter() - start) / rounds:.3f} s (warm)")


if __name__ == "__main__":
    main()
