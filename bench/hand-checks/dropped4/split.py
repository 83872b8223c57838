"""Each candidate feature's wrong/right split over table.tsv, overall and per set (issue 20, dropped4).

usage: split.py table.tsv [TOP]  -- TOP limits to rows ranked at most TOP in the current default order
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Callable

Row = dict[str, str]
TESTS: dict[str, Callable[[Row], bool]] = {
    "head noun in NEW plan part": lambda r: r["head_in_new_plan"] == "1",
    "head noun anywhere in NEW": lambda r: r["head_in_new"] == "1",
    "no head noun in NEW": lambda r: r["head_in_new"] == "0",
    "share of content words in NEW >= 0.5": lambda r: float(r["share_words_in_new"]) >= 0.5,
    "share of content words in NEW >= 0.7": lambda r: float(r["share_words_in_new"]) >= 0.7,
    "share of content words in NEW == 1": lambda r: float(r["share_words_in_new"]) >= 1.0,
    "BM25 plan (normalised) >= 0.3": lambda r: float(r["bm25_plan"]) >= 0.3,
    "BM25 plan (normalised) >= 0.4": lambda r: float(r["bm25_plan"]) >= 0.4,
    "BM25 review (normalised) >= 0.4": lambda r: float(r["bm25_review"]) >= 0.4,
    "review clause beats plan clause": lambda r: r["review_beats_plan"] == "1",
    "generic head (行动, 工程, 机制...)": lambda r: r["generic_head"] == "1",
    ">= 2 specific words in one NEW plan clause": lambda r: int(r["shared_in_plan_clause"]) >= 2,
    ">= 3 specific words in one NEW plan clause": lambda r: int(r["shared_in_plan_clause"]) >= 3,
    ">= 2 specific words in one NEW review clause": lambda r: int(r["shared_in_review_clause"]) >= 2,
    ">= 3 in one plan clause and not specific": lambda r: int(r["shared_in_plan_clause"]) >= 3
    and r["quoted"] == "0" and r["number"] == "0",
    "a run of >= 4 promise characters in NEW plan": lambda r: int(r["run_in_plan"]) >= 4,
    "a run of >= 5 promise characters in NEW plan": lambda r: int(r["run_in_plan"]) >= 5,
    "a run of >= 6 promise characters in NEW": lambda r: int(r["run_in_new"]) >= 6,
    "quoted name": lambda r: r["quoted"] == "1",
    "number or count": lambda r: r["number"] == "1",
    "not specific (no quote, no number)": lambda r: r["quoted"] == "0" and r["number"] == "0",
    "closest share >= 0.3": lambda r: float(r["closest_score"]) >= 0.3,
    "closest share >= 0.4": lambda r: float(r["closest_score"]) >= 0.4,
    "length <= 15": lambda r: int(r["length"]) <= 15,
    "head in plan and not specific": lambda r: r["head_in_new_plan"] == "1" and r["quoted"] == "0"
    and r["number"] == "0",
    "share >= 0.7 and not specific": lambda r: float(r["share_words_in_new"]) >= 0.7 and r["quoted"] == "0"
    and r["number"] == "0",
    "BM25 plan >= 0.4 and not specific": lambda r: float(r["bm25_plan"]) >= 0.4 and r["quoted"] == "0"
    and r["number"] == "0",
    "head in plan and share >= 0.7": lambda r: r["head_in_new_plan"] == "1" and float(r["share_words_in_new"]) >= 0.7,
}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if len(sys.argv) > 2:
        rows = [r for r in rows if int(r["rank"]) <= int(sys.argv[2])]
    sets = sorted({r["set"] for r in rows})
    wrong = sum(r["verdict"] == "wrong" for r in rows)
    print(f"rows {len(rows)}: wrong {wrong}, right {len(rows) - wrong}")
    heads = " | ".join(f"set {s} w/r" for s in sets)
    print(f"| feature (moves to possibly) | wrong moved | right moved | {heads} |")
    print("|---|---|---|" + "---|" * len(sets))
    for name, test in TESTS.items():
        hit = [r for r in rows if test(r)]
        w = sum(r["verdict"] == "wrong" for r in hit)
        per = []
        for s in sets:
            hs = [r for r in hit if r["set"] == s]
            ws = sum(r["verdict"] == "wrong" for r in hs)
            per.append(f"{ws}/{len(hs) - ws}")
        print(f"| {name} | {w} | {len(hit) - w} | " + " | ".join(per) + " |")


if __name__ == "__main__":
    main()
