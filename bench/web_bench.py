"""The web app on a big store: 10,000 pages (each its own watch, the worst case for the watch list),
100,000 versions, 1,000 delivered events; every page type requested 20 times through a real uvicorn
server on 127.0.0.1. Reports median and 95th-percentile latency per page type (target: < 150 ms; search < 200 ms).

The store is written straight through SQLAlchemy Core into the same tables the monitor writes (generating
it through 100,000 fetches would take an hour); documents are short real-looking notices.

    .venv/bin/python bench/web_bench.py [--pages 10000] [--versions-per-page 10]
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import tomlkit
import uvicorn
from sqlalchemy import text

from policywatch.monitor.watching import state
from policywatch.monitor.web.app import create_app
from policywatch.snapshots import Document, Store
from policywatch.snapshots.schema import blobs, pages, versions

BODY = ["为加快培育新质生产力，现组织申报{year}年度重点研发计划项目。", "一、支持方向：人工智能、合成生物、低空经济。",
        "二、资助标准：每个项目资助不超过{amount}万元。", "三、申报截止时间为{year}年4月{day}日17:00。"]


def build(folder: Path, count: int, per_page: int) -> tuple[Path, str]:
    db = str(folder / "big.db")
    store = Store(db)
    state.setup(store)
    now = datetime.now(UTC)
    raw = b"<html><body>notice</body></html>"
    sha = hashlib.sha256(raw).hexdigest()
    with store.transaction() as conn:
        conn.execute(blobs.insert().values(sha256=sha, size=len(raw), data=zlib.compress(raw)))
        conn.execute(pages.insert(), [{"id": n + 1, "url": f"http://bureau.test/tzgg/post_{n}.html", "etag": "",
                                       "last_modified": "", "first_seen": now - timedelta(days=400), "found_on": ""}
                                      for n in range(count)])
        rows, vid = [], 0
        for n in range(count):
            for seq in range(1, per_page + 1):
                vid += 1
                doc = Document(title=f"关于组织申报重点研发计划项目的通知（{n}）", published="2026-03-01",
                               body=[line.format(year=2026, amount=3000 - seq * 10, day=seq % 28 + 1) for line in BODY])
                rows.append({"id": vid, "page_id": n + 1, "seq": seq, "http_status": 200, "raw_sha256": sha,
                             "fetched_at": now - timedelta(days=per_page - seq, minutes=n % 1440),
                             "document": zlib.compress(doc.to_json().encode()), "cleaner_version": "2",
                             "text_hash": hashlib.sha256(f"{n}-{seq}".encode()).hexdigest(), "size": 120})
            if len(rows) >= 5000:
                conn.execute(versions.insert(), rows)
                rows = []
        if rows:
            conn.execute(versions.insert(), rows)
        conn.execute(state.tracked.insert(), [{"page_id": n + 1, "watch": f"w{n}", "role": "watch", "first_seen": now,
                                              "last_checked": now, "last_changed": now - timedelta(hours=n % 48),
                                              "failures": 1 if n % 97 == 0 else 0, "checks": 40, "changes": per_page}
                                             for n in range(count)])
        conn.execute(state.events.insert(), [{"at": now - timedelta(minutes=n), "kind": "change", "watch": f"w{n}",
                                             "url": f"http://bureau.test/tzgg/post_{n}.html", "title": f"通知（{n}）",
                                             "page_id": n + 1, "version_id": (n + 1) * per_page,
                                             "previous_id": (n + 1) * per_page - 1, "headline": "0.5% changed",
                                             "delivered_at": now} for n in range(min(count, 1000))])
    with store.transaction() as conn:  # written around the store: its search index is built as for an old store
        conn.execute(text("DROP TABLE pw_search"))
    store.close()
    started = time.perf_counter()
    Store(db).close()
    print(f"search index backfilled in {time.perf_counter() - started:.0f} s")
    cfg = folder / "pw.toml"
    cfg.write_text(tomlkit.dumps({"settings": {"web_password": "bench"}, "watch": [
        {"name": f"w{n}", "url": f"http://bureau.test/tzgg/post_{n}.html", "tags": [f"t{n % 10}"]}
        for n in range(count)]}), encoding="utf-8")
    return cfg, db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--versions-per-page", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pw-web-bench-"))
    started = time.perf_counter()
    cfg, db = build(folder, args.pages, args.versions_per_page)
    print(f"store: {args.pages:,} pages, {args.pages * args.versions_per_page:,} versions, "
          f"{Path(db).stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - started:.0f} s")
    server = uvicorn.Server(uvicorn.Config(create_app(cfg, db), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    middle = f"http://bureau.test/tzgg/post_{args.pages // 2}.html"
    routes = {"watch list": "/", "watch list, page 100": "/?page=100", "watch list, search": "/?q=post_4242",
              "watch list, failing": "/?state=failing", "timeline": f"/page?url={middle}",
              "redline": f"/diff?url={middle}", "clean version": f"/version?url={middle}&seq=3",
              "documents, page 150": "/documents?page=150", "documents, search": "/documents?q=post_77",
              "digest (30 days)": "/digest", "Atom feed": "/feed.atom", "API watches": "/api/watches?page=7",
              "API diff": f"/api/diff?url={middle}",
              "API compare": f"/api/compare?old={middle}@1&new={middle}@latest",
              "search, 1 page": "/search?q=通知（4242）", "search, no version": "/search?q=揭榜挂帅"}
    print(f"{'page':24} {'median ms':>10} {'p95 ms':>8}")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        client.get("/")  # the config is parsed once, then only when it changes
        for name, path in routes.items():
            times = []
            for _ in range(20):
                begin = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, (path, response.status_code, response.text[:200])
            times.sort()
            print(f"{name:24} {statistics.median(times):>10.1f} {times[int(0.95 * (len(times) - 1))]:>8.1f}",
                  flush=True)
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main()
