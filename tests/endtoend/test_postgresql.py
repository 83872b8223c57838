"""Everything on the local PostgreSQL that tests/install.sh sets up, in one file so that one test process
runs them one after another (pytest-xdist --dist loadfile; the pg_store fixture also holds a lock).

The store on PostgreSQL, and distributed mode for real: one scheduler (`run --queue`), three worker
processes, 300 pages on three hosts (127.0.0.2-4). Every page is checked once per pass, no host ever sees
more than `per_host` requests at once, and a worker killed with SIGKILL mid-pass, with checks in hand, loses and
doubles nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlalchemy
from support import PG_URL, article, cli, concurrent_writers, run_snapshot, seed_doc, write_config

from policywatch.monitor.demo.site import LocalSite, Page
from policywatch.snapshots import Document, Store

# 100 pages a host: the kill needs a worker with checks in hand (the test holds three pages to make sure, and the
# scheduler's log says it put them back), not a long pass. 1,000 a host proved nothing more and cost 2-6 minutes.
PER_HOST, PAGES = 3, 100  # per host


def _page(n: int, revision: int = 0) -> Page:
    body = [f"第一条 为规范第{n}号项目管理，制定本办法。", f"第二条 资助金额不超过{300 + revision * 50}万元。"]
    return Page(article(Document(title=f"关于第{n}号项目的通知", published="2026-03-01", body=body)))


def _held(page: Page, release: threading.Event):  # type: ignore[no-untyped-def]
    """A route that answers `page` once released (the wait is the test's, not a server's stall)."""
    def handler(h):  # type: ignore[no-untyped-def]
        release.wait(300)
        h._send(page)
    return handler


def _count(engine: sqlalchemy.Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(sql).scalar() or 0)


def _until(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.time() + seconds
    while not condition():
        assert time.time() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def _command(*args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """A long-running command; its log goes to a file, if any (an unread pipe would fill and stall it)."""
    with open(log or os.devnull, "wb") as sink:
        return subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", PG_URL, *args],
                                stdout=subprocess.DEVNULL, stderr=sink)


@pytest.mark.slow
def test_one_scheduler_three_workers_three_hosts_300_pages(pg_store, tmp_path):
    pg_store.close()
    engine = sqlalchemy.create_engine(PG_URL)
    with ExitStack() as stack:
        sites = [stack.enter_context(LocalSite(host=f"127.0.0.{n}", latency=0.01)) for n in (2, 3, 4)]
        watches = []
        for site in sites:
            for n in range(PAGES):
                site.routes[f"/p{n}.html"] = _page(n)
                watches.append({"name": f"{site.host}-{n}", "url": site.url(f"/p{n}.html")})
        cfg = tmp_path / "pw.toml"
        write_config(cfg, watches, per_host=PER_HOST, robots=False, stalled_after=4, digest_dir=str(tmp_path / "out"),
                     timeout=300)  # the held pages below must not time out
        log = tmp_path / "scheduler.log"
        processes = [_command("run", "--queue", "--config", str(cfg), log=log)]
        processes += [_command("worker", "--config", str(cfg), "--concurrency", "4") for _ in range(3)]
        stack.callback(lambda: [p.kill() for p in processes])
        total = len(watches)
        _until(lambda: _count(engine, "SELECT count(*) FROM pw_versions") == total, 600, "the first pass")
        for site in sites:  # every page checked exactly once in a pass without faults
            assert all(site.hits[f"/p{n}.html"] == 1 for n in range(PAGES))
        revised = {(site.host, n) for site in sites for n in range(0, PAGES, 10)}
        for site in sites:
            for n in range(0, PAGES, 10):
                site.routes[f"/p{n}.html"] = _page(n, revision=1)
        # A third into pass two the middle host holds its pages 1-3 unanswered: its slots are all taken, the
        # checks queued behind them wait for one, and so every worker holds four checks when one is killed.
        release = threading.Event()
        for n in (1, 2, 3):
            sites[1].routes[f"/p{n}.html"] = _held(_page(n), release)
        enqueued = subprocess.run([sys.executable, "-m", "policywatch.monitor", "--db", PG_URL, "enqueue", "--config",
                                   str(cfg)], capture_output=True, text=True, timeout=300)
        assert enqueued.returncode == 0 and f"queued {total}" in enqueued.stdout, enqueued.stderr
        _until(lambda: sites[1].in_flight == PER_HOST
               and _count(engine, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'") == 12,
               300, "a third of pass two, every worker holding four checks")
        processes[1].send_signal(signal.SIGKILL)  # a worker dies mid-pass with checks in hand
        processes[1].wait()
        release.set()
        _until(lambda: "stopped answering put back" in log.read_text(encoding="utf-8"), 120,
               "the scheduler to put back the checks the killed worker held")
        _until(lambda: all(s.hits[f"/p{n}.html"] >= 2 for s in sites for n in range(PAGES)), 600, "pass two")
        _until(lambda: _count(engine, "SELECT count(*) FROM pw_events WHERE delivered_at IS NULL") == 0
               and _count(engine, "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')") == 0,
               120, "the queue and the outbox to empty")
        assert _count(engine, "SELECT count(*) FROM pw_versions") == total + len(revised)
        assert _count(engine, "SELECT count(*) FROM pw_events WHERE kind = 'change'") == len(revised)
        assert _count(engine, "SELECT count(DISTINCT url) FROM pw_events WHERE kind = 'change'") == len(revised)
        # and the digest the scheduler published holds one redline per revised page, of its second version
        assert len(list((tmp_path / "out" / "redlines").glob("*-v2.html"))) == len(revised)
        assert not list((tmp_path / "out" / "redlines").glob("*-v[13].html"))
        assert _count(engine, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'failed'") == 0
        assert [site.peak for site in sites] == [PER_HOST] * 3 or all(site.peak <= PER_HOST for site in sites)
        status = subprocess.run([sys.executable, "-m", "policywatch.monitor", "--db", PG_URL, "status", "--config",
                                 str(cfg)], capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and "queue: 0 waiting, 0 running, 0 failed" in status.stdout
        assert f"watches: {total} ok" in status.stdout
    engine.dispose()


def test_delay_between_requests_to_one_host_holds_across_workers(pg_store, tmp_path):
    """Two workers, 12 pages on one host, delay 0.3 s: the site sees its twelve requests spread over at least
    eleven delays, whoever sends them (without shared pacing, eight at once). Only a lower bound on the span is
    asserted: a loaded machine can delay a request's arrival, never bring it forward, so gaps between two
    arrivals prove nothing and are not asserted."""
    pg_store.close()
    engine = sqlalchemy.create_engine(PG_URL)
    with LocalSite(host="127.0.0.5") as site:
        starts: list[float] = []

        def timed(n: int):  # type: ignore[no-untyped-def]
            page = _page(n)

            def handler(h):  # type: ignore[no-untyped-def]
                starts.append(time.monotonic())
                h.send_response(200)
                h.send_header("Content-Type", page.content_type)
                h.send_header("Content-Length", str(len(page.body)))
                h.end_headers()
                h.wfile.write(page.body)
            return handler
        for n in range(12):
            site.routes[f"/p{n}.html"] = timed(n)
        cfg = tmp_path / "d.toml"
        write_config(cfg, [{"name": f"d{n}", "url": site.url(f"/p{n}.html")} for n in range(12)], per_host=4,
                     delay=0.3, robots=False)
        workers = [_command("worker", "--config", str(cfg), "--concurrency", "4") for _ in range(2)]
        try:
            assert subprocess.run([sys.executable, "-m", "policywatch.monitor", "--db", PG_URL, "enqueue", "--config",
                                   str(cfg)], capture_output=True, timeout=120).returncode == 0
            _until(lambda: len(starts) == 12, 120, "12 requests")
            # a response is sent before its version is written: wait for the store too, not only the site
            _until(lambda: _count(engine, "SELECT count(*) FROM pw_versions") == 12, 60, "12 versions")
        finally:
            for worker in workers:
                worker.kill()
    starts.sort()
    # Half a second for the first arrival's own lateness; without shared pacing the span is under one delay.
    assert starts[-1] - starts[0] >= 11 * 0.3 - 0.5, starts
    assert _count(engine, "SELECT count(*) FROM pw_versions") == 12
    engine.dispose()


def test_the_same_store_on_postgresql(site, pg_store, fast_policy):
    """The schema is SQLAlchemy Core: a PostgreSQL URL serves without a rewrite."""
    doc = seed_doc("004")
    url = site.url("/pg.html")
    site.routes["/pg.html"] = Page(article(doc), etag='"1"')
    assert run_snapshot(pg_store, url, fast_policy).outcome == "new"
    assert run_snapshot(pg_store, url, fast_policy).outcome == "unchanged"  # a 304
    doc.body[2] = doc.body[2] + "新增一句。"
    site.routes["/pg.html"] = Page(article(doc), etag='"2"')
    third = run_snapshot(pg_store, url, fast_policy)
    assert (third.outcome, third.seq, third.previous.seq) == ("new", 2, 1)
    assert pg_store.version(url).document.body == doc.body
    assert pg_store.raw(third.version) == article(doc)
    assert pg_store.counts()["versions"] == 2


def test_image_digests_and_their_column_on_postgresql(site, pg_store, fast_policy):
    """An older store gains the images column; a chart swapped under the same src is a new version."""
    from policywatch.monitor.outbox.digest import change_of

    with pg_store.transaction() as conn:
        conn.exec_driver_sql("ALTER TABLE pw_pages DROP COLUMN images")
    store = Store(PG_URL)  # as the upgrade opens it
    try:
        page = ('<html><head><meta charset="utf-8"><title>资助总额</title></head><body><div class="news_cont_d_wrap">'
                "<p>　　现将2026年度科技计划各专项的资助总额公布如下，请各单位认真核对，"
                "如有疑问请于十个工作日内反映。</p>"
                '<p><img src="/c.png" alt="资助总额" width="600" height="400"></p></div></body></html>')
        site.routes["/pg.html"] = Page(page.encode("utf-8"), etag='"1"')
        site.routes["/c.png"] = Page(b"\x89PNG" + b"1" * 500, "image/png", etag='"c1"')
        url = site.url("/pg.html")
        assert run_snapshot(store, url, fast_policy).outcome == "new"
        assert run_snapshot(store, url, fast_policy).outcome == "unchanged"  # page and chart are 304s
        site.routes["/c.png"] = Page(b"\x89PNG" + b"2" * 500, "image/png", etag='"c2"')
        third = run_snapshot(store, url, fast_policy)
        assert third.outcome == "new" and third.previous is not None and third.version is not None
        assert change_of(third.previous.document, third.version.document).headline == "image replaced: 资助总额"
        assert site.sent["/c.png"] == 2 and site.hits["/c.png"] == 3
    finally:
        store.close()


def test_check_command_on_postgresql(site, pg_store, tmp_path):
    site.routes["/a.html"] = Page(article(seed_doc("004")))
    cfg = tmp_path / "pg.toml"
    write_config(cfg, [{"name": "a", "url": site.url("/a.html")}])
    assert cli("--db", PG_URL, "check", "--config", str(cfg)).returncode == 0
    assert cli("--db", PG_URL, "check", "--config", str(cfg)).returncode == 0
    assert pg_store.counts()["checks"] == 2


def test_concurrent_writers_to_one_page_on_postgresql(pg_store):
    """Workers race on the new page's row and on each next seq; every text becomes one version."""
    outcomes = concurrent_writers(PG_URL, "http://example.gov.cn/a.html")
    assert sorted(o.seq for o in outcomes) == list(range(1, 9))
    assert pg_store.counts()["versions"] == 8 and pg_store.counts()["pages"] == 1


def test_a_phrases_history_on_postgresql(pg_store, monkeypatch):
    from phrase_history import came_and_went, check_history, save

    from policywatch.errors import InputError
    from policywatch.snapshots import search as search_mod
    from policywatch.snapshots.search import search

    came_and_went(pg_store)
    check_history(pg_store)  # pg_trgm's GIN index behind LIKE, kept in step by the version's transaction
    save(pg_store, "http://bureau.test/rate.html", "比例", ["完成率50%以上"])
    assert [h.urls for h in search(pg_store, "50%以上").histories] == [("http://bureau.test/rate.html",)]
    assert search(pg_store, "5_%以").histories == []  # LIKE's wildcards are the phrase's own characters
    found = search(pg_store, "挂帅")  # two characters: a scan, said so
    assert "scanned 7 versions" in found.note and len(found.histories) == 2
    monkeypatch.setattr(search_mod, "SCAN_LIMIT", 5)
    with pytest.raises(InputError, match="three characters or more"):
        search(pg_store, "挂帅")
    with pg_store.transaction() as conn:  # a store written before the index: backfilled when next opened
        conn.exec_driver_sql("DROP TABLE pw_search")
    pg_store.close()
    check_history(Store(PG_URL))
