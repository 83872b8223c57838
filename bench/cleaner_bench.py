"""Cleaner benchmark: policywatch against trafilatura on ../shared/corpus, quality and speed in one run.

Scoring: character-4-gram shingle precision, recall and F1 against the ground-truth body (whitespace
removed), the Zyte article-extraction benchmark's measure with characters instead of words, which suits
Chinese. trafilatura-zh has snippets instead of bodies: there the score is the share of `with` snippets
found and `without` snippets absent. gne has no ground truth: speed only.

A second English set: `--aeb DIR`, a checkout of github.com/scrapinghub/article-extraction-benchmark
(MIT; 181 pages), scores the 166 pages that ../shared/corpus/zyte-aeb does not hold, in two halves by
sorted name: `aeb-tune` (read while improving the cleaner) and `aeb-held-out`.
Usage: python bench/cleaner_bench.py [CORPUS_DIR] [--aeb DIR]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

import trafilatura

from policywatch.snapshots.clean_html import clean_html
from policywatch.snapshots.decode import decode

ARGS = argparse.ArgumentParser()
ARGS.add_argument("corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
ARGS.add_argument("--aeb", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")


def shingles(text: str, n: int = 4) -> Counter:
    text = re.sub(r"\s+", "", text)
    return Counter(text[i:i + n] for i in range(max(len(text) - n + 1, 0)))


def overlap(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of the predicted body's shingles against the truth's."""
    p, t = shingles(predicted), shingles(truth)
    common = sum((p & t).values())
    return (common / sum(p.values()) if p else 0.0), (common / sum(t.values()) if t else 0.0)


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


def cases(corpus: Path, aeb: Path | None) -> dict[str, list[tuple[str, object]]]:
    sets: dict[str, list[tuple[str, object]]] = {}
    wced = corpus / "chinese-wced"
    sets["chinese-wced"] = [(read(p), (wced / "cleaned" / (p.stem + ".txt")).read_text(encoding="utf-8"))
                            for p in sorted((wced / "original").glob("*.html"))]
    eval_data = json.loads((corpus / "trafilatura-zh" / "evaldata.json").read_text(encoding="utf-8"))
    sets["trafilatura-zh"] = [(read(corpus / "trafilatura-zh" / v["file"]), (v["with"], v["without"]))
                              for v in eval_data.values()]
    sets["gne"] = [(read(p), None) for p in sorted((corpus / "gne").glob("*/*.html"))]
    shared = corpus / "zyte-aeb"
    truth = json.loads((shared / "ground-truth.json").read_text(encoding="utf-8"))
    seen = {p.name.split(".")[0] for p in (shared / "html").glob("*.html.gz")}
    sets["zyte-aeb"] = [(read(shared / "html" / f"{name}.html.gz"), truth[name]["articleBody"])
                        for name in sorted(seen) if name in truth]
    if aeb is not None:
        truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
        rest = [name for name in sorted(truth) if name not in seen]
        for label, names in (("aeb-tune", rest[::2]), ("aeb-held-out", rest[1::2])):
            sets[label] = [(read(aeb / "html" / f"{name}.html.gz"), truth[name]["articleBody"]) for name in names]
    return sets


def main() -> None:
    args = ARGS.parse_args()
    all_sets = cases(args.corpus, args.aeb)
    print(f"{'set':14} {'pages':>5}  {'policywatch P / R / F1':>24}  {'trafilatura P / R / F1':>24}")
    speed = {"policywatch": [0.0, 0], "trafilatura": [0.0, 0]}
    for name, items in all_sets.items():
        scores = {}
        for label, extract in (("policywatch", ours), ("trafilatura", theirs)):
            precision = recall = snippets = 0.0
            for html, truth in items:
                start = time.perf_counter()
                text = extract(html)
                speed[label][0] += time.perf_counter() - start
                speed[label][1] += 1
                if isinstance(truth, str):
                    p, r = overlap(text, truth)
                    precision, recall = precision + p, recall + r
                elif isinstance(truth, tuple):
                    snippets += snippet_score(text, *truth)
            n = len(items) or 1
            if items and isinstance(items[0][1], str):
                p, r = precision / n, recall / n
                scores[label] = f"{p:.3f} / {r:.3f} / {2 * p * r / ((p + r) or 1):.3f}"
            else:
                scores[label] = f"snippets {snippets / n:.3f}" if items and items[0][1] is not None else "-"
        print(f"{name:14} {len(items):>5}  {scores['policywatch']:>24}  {scores['trafilatura']:>24}")
    for label, (seconds, pages) in speed.items():
        print(f"{label:12} {pages / seconds:8.1f} pages/s ({pages} pages, {seconds:.2f} s)")


if __name__ == "__main__":
    main()
