"""A phrase's history on 100,000 stored versions (the store of web_bench.py: 10,000 pages, 10 versions
each), through snapshots/search.py itself: a phrase in one page's versions, in no version, in one version of
every page (10,000 histories), and a two-character phrase (refused at once: no trigram, too many versions
to scan). Target: < 200 ms for the first two.

    .venv/bin/python bench/search_bench.py [--pages 10000] [--versions-per-page 10]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policywatch.errors import InputError
from policywatch.snapshots import Store
from policywatch.snapshots.search import search

sys.path.insert(0, str(Path(__file__).parent))
from web_bench import build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--versions-per-page", type=int, default=10)
    args = parser.parse_args()
    _cfg, db = build(Path(tempfile.mkdtemp(prefix="pw-search-bench-")), args.pages, args.versions_per_page)
    store = Store(db, create=False)
    phrases = {"in 1 page (10 versions)": f"通知（{args.pages // 2}）", "in no version": "揭榜挂帅",
               f"in 1 version of all {args.pages:,} pages": "不超过2950万元", "2 characters (refused)": "揭榜"}
    print(f"{'phrase':34} {'histories':>9} {'median ms':>10} {'max ms':>8}")
    for name, phrase in phrases.items():
        times, histories = [], 0
        for _ in range(5 if "all" in name else 20):
            begin = time.perf_counter()
            try:
                histories = len(search(store, phrase).histories)
            except InputError:
                histories = 0
            times.append((time.perf_counter() - begin) * 1000)
        print(f"{name:34} {histories:>9} {statistics.median(times):>10.1f} {max(times):>8.1f}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
