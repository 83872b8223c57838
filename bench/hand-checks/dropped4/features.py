"""Signal search for issue 20's dropped precision: every judged sure `dropped` row of the hand checks with
candidate features, and each feature's wrong/right split.

usage: features.py JSONDIR OUT.tsv  (JSONDIR/PAIR.json = `compare OLD NEW --all --format json` of sets 2-6)
"""
from __future__ import annotations

import csv
import glob
import json
import math
import os
import re
import sys
from collections import Counter

from policywatch.diffing.commitments import _words
from policywatch.diffing.parts import split_parts
from policywatch.diffing.retrieval import GENERIC_PARTS, terms
from policywatch.diffing.tokens import tagged

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(os.path.dirname(HERE))
_CLAUSE = re.compile(r"[^。；;！？\n]+")


def verdicts() -> dict[tuple[str, str], tuple[str, str]]:
    """(pair, claim) -> (right|wrong, source file); blind judges' files first, later files override."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    files = sorted(glob.glob(f"{HERE}/../held-out-[2-6]/*.tsv"))
    files += sorted(glob.glob(f"{HERE}/../held-out-[2-6]/*/*.tsv"))
    for path in [*files, f"{HERE}/../dropped3/own-verdicts.tsv"]:
        base = os.path.basename(path)[:-4].replace("-dropped", "")
        with open(path, encoding="utf-8") as f:
            table = list(csv.DictReader(f, delimiter="\t"))
        for row in table:
            if row.get("kind") != "dropped":
                continue
            v = row["verdict"]
            label = "right" if v.startswith(("right", "doubtful (counted right)")) else "wrong"
            out[(row.get("pair") or base, row["claim"])] = (label, os.path.relpath(path, HERE))
    return out


def set_of(pair: str) -> tuple[str, str]:
    """The set number and the directory of a pair's texts."""
    for n in range(2, 7):
        d = f"{BENCH}/labels-provincial-{n}"
        if os.path.exists(f"{d}/{pair}-2025.txt"):
            return str(n), d
    raise SystemExit(pair)


def head_noun(promise: str) -> str:
    """The object head: the last noun (jieba n*, vn) of two characters or more."""
    nouns = [w for w, tag in tagged(promise) if (tag.startswith("n") or tag == "vn") and len(w) >= 2]
    return nouns[-1] if nouns else ""


class BM25:
    """BM25 over the clauses of NEW, on the retrieval's terms (words and character pairs)."""

    def __init__(self, clauses: list[str]) -> None:
        self.docs = [Counter(terms(c)) for c in clauses]
        self.avg = sum(sum(d.values()) for d in self.docs) / max(1, len(self.docs))
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def best(self, query: str, allowed: list[bool]) -> float:
        q = set(terms(query))
        best = 0.0
        for doc, ok in zip(self.docs, allowed, strict=True):
            if not ok:
                continue
            length = sum(doc.values())
            s = sum(self.idf[t] * doc[t] * 2.2 / (doc[t] + 1.2 * (0.25 + 0.75 * length / self.avg))
                    for t in q if t in doc)
            best = max(best, s)
        return best

    def self_score(self, query: str) -> float:
        """The query's own best possible score (every term once), to normalise."""
        return sum(self.idf.get(t, math.log(1 + len(self.docs))) for t in set(terms(query)))


def most_shared(words: list[str], clauses: list[str], allowed: list[bool]) -> int:
    """The most of the promise's specific content words (no generic part) that one allowed NEW clause holds."""
    specific = [w for w in words if w not in GENERIC_PARTS]
    return max((sum(w in c for w in specific) for c, ok in zip(clauses, allowed, strict=True) if ok), default=0)


def longest_run(promise: str, text: str) -> int:
    """The longest run of the promise's Han characters found in the text, not counting runs that are only
    generic parts (建设, 工程…)."""
    best = 0
    for run in re.findall(r"[\u4e00-\u9fff]+", promise):
        for i in range(len(run)):
            for j in range(len(run), i + best, -1):
                piece = run[i:j]
                if piece in text and not re.fullmatch("|".join(f"(?:{g})" for g in GENERIC_PARTS) + "|", piece):
                    best = max(best, j - i)
                    break
    return best


def new_side(path: str) -> tuple[list[str], list[bool], str, str]:
    """NEW's clauses, whether each is in the plan part, the plan text and the whole text."""
    with open(path, encoding="utf-8") as f:
        paragraphs = [p for p in f.read().split("\n") if p.strip()]
    parts = split_parts(paragraphs)
    clauses: list[str] = []
    in_plan: list[bool] = []
    plan = ""
    for part in parts:
        for p in paragraphs[part.start:part.end]:
            if part.kind == "plan":
                plan += p + "\n"
            for c in _CLAUSE.findall(p):
                if len(c.strip()) >= 4:
                    clauses.append(c)
                    in_plan.append(part.kind == "plan")
    return clauses, in_plan, plan, "\n".join(paragraphs)


def features(promise: str, item: dict, side: tuple[list[str], list[bool], str, str], index: BM25) -> dict:
    clauses, in_plan, plan, whole = side
    head = head_noun(promise)
    words = _words(promise)
    present = [w for w in words if w in whole]
    plan_best = index.best(promise, in_plan)
    review_best = index.best(promise, [not p for p in in_plan])
    norm = index.self_score(promise) or 1.0
    return {
        "head": head,
        "head_in_new_plan": int(bool(head) and head in plan),
        "head_in_new": int(bool(head) and head in whole),
        "share_words_in_new": round(len(present) / len(words), 2) if words else 0.0,
        "bm25_plan": round(plan_best / norm, 3),
        "bm25_review": round(review_best / norm, 3),
        "review_beats_plan": int(review_best > plan_best),
        "generic_head": int(head in GENERIC_PARTS),
        "run_in_plan": longest_run(promise, plan),
        "run_in_new": longest_run(promise, whole),
        "shared_in_plan_clause": most_shared(words, clauses, in_plan),
        "shared_in_review_clause": most_shared(words, clauses, [not p for p in in_plan]),
        "quoted": int(bool(re.search(r"[“《「]", promise))),
        "number": int(bool(re.search(r"\d|[一二三四五六七八九十百千万]+[个项条座家所批]", promise))),
        "closest_score": item.get("closest_score") or 0.0,
        "score": item.get("score") or 0.0,
        "length": len(promise),
    }


def main() -> None:
    jsondir, out = sys.argv[1], sys.argv[2]
    judged = verdicts()
    rows = []
    for path in sorted(glob.glob(f"{jsondir}/*.json")):
        pair = os.path.basename(path)[:-5]
        n, d = set_of(pair)
        with open(path, encoding="utf-8") as f:
            dropped = [c for c in json.load(f)["commitments"] if c["status"] == "dropped"]
        side = new_side(f"{d}/{pair}-2026.txt")
        index = BM25(side[0])
        for rank, item in enumerate(dropped, 1):
            if (pair, item["text"]) not in judged:
                continue
            label, source = judged[(pair, item["text"])]
            rows.append({"set": n, "pair": pair, "rank": rank, "claim": item["text"], "verdict": label,
                         **features(item["text"], item, side, index), "source": source})
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} judged sure dropped rows of {len(judged)} dropped verdicts on file")


if __name__ == "__main__":
    main()
