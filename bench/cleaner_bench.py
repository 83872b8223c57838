"""Cleaner benchmark: policywatch against trafilatura on ../shared/corpus, quality and speed in one run.

Scoring: character-4-gram shingle F1 against the ground-truth body (whitespace removed), the Zyte
article-extraction benchmark's measure with characters instead of words, which suits Chinese.
trafilatura-zh has snippets instead of bodies: there the score is the share of `with` snippets found
and `without` snippets absent. gne has no ground truth: speed only.
Usage: python bench/cleaner_bench.py [CORPUS_DIR]
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

from policywatch.snapshots.clean_html import clean_html
from policywatch.snapshots.decode import decode

CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"


def shingles(text: str, n: int = 4) -> Counter:
    text = re.sub(r"\s+", "", text)
    return Counter(text[i:i + n] for i in range(max(len(text) - n + 1, 0)))


def f1(predicted: str, truth: str) -> float:
    p, t = shingles(predicted), shingles(truth)
    common = sum((p & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def snippet_score(predicted: str, with_: list[str], without: list[str]) -> float:
    flat = re.sub(r"\s+", "", predicted)
    hits = sum(re.sub(r"\s+", "", s) in flat for s in with_) + sum(re.sub(r"\s+", "", s) not in flat for s in without)
    return hits / (len(with_) + len(without))


def ours(html: str) -> str:
    doc = clean_html(html)
    return doc.text()


def theirs(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode(data)[0]


def cases() -> dict[str, list[tuple[str, object]]]:
    sets: dict[str, list[tuple[str, object]]] = {}
    wced = CORPUS / "chinese-wced"
    sets["chinese-wced"] = [(read(p), (wced / "cleaned" / (p.stem + ".txt")).read_text(encoding="utf-8"))
                            for p in sorted((wced / "original").glob("*.html"))]
    eval_data = json.loads((CORPUS / "trafilatura-zh" / "evaldata.json").read_text(encoding="utf-8"))
    sets["trafilatura-zh"] = [(read(CORPUS / "trafilatura-zh" / v["file"]), (v["with"], v["without"]))
                              for v in eval_data.values()]
    sets["gne"] = [(read(p), None) for p in sorted((CORPUS / "gne").glob("*/*.html"))]
    truth = json.loads((CORPUS / "zyte-aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    sets["zyte-aeb"] = [(read(p), truth[p.name.split(".")[0]]["articleBody"])
                        for p in sorted((CORPUS / "zyte-aeb" / "html").glob("*.html.gz"))
                        if p.name.split(".")[0] in truth]
    return sets


def main() -> None:
    all_sets = cases()
    print(f"{'set':16} {'pages':>5} {'policywatch':>12} {'trafilatura':>12}   (score: 4-gram F1, or snippet share)")
    speed = {"policywatch": [0.0, 0], "trafilatura": [0.0, 0]}
    for name, items in all_sets.items():
        scores = {}
        for label, extract in (("policywatch", ours), ("trafilatura", theirs)):
            total = 0.0
            for html, truth in items:
                start = time.perf_counter()
                text = extract(html)
                speed[label][0] += time.perf_counter() - start
                speed[label][1] += 1
                if isinstance(truth, str):
                    total += f1(text, truth)
                elif isinstance(truth, tuple):
                    total += snippet_score(text, *truth)
            scores[label] = f"{total / len(items):.3f}" if items and truth is not None else "-"
        print(f"{name:16} {len(items):>5} {scores['policywatch']:>12} {scores['trafilatura']:>12}")
    for label, (seconds, pages) in speed.items():
        print(f"{label:12} {pages / seconds:8.1f} pages/s ({pages} pages, {seconds:.2f} s)")


if __name__ == "__main__":
    main()
