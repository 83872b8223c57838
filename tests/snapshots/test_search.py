"""A phrase's history over the stored versions (snapshots/search.py on the index of textindex.py), on a real
SQLite store: the command in a subprocess, the search page in a real uvicorn server. The same on PostgreSQL:
tests/endtoend/test_postgresql.py."""
from __future__ import annotations

import httpx
import pytest
from phrase_history import came_and_went, check_history, save
from sqlalchemy import text
from support import free_port, run, running, write_config

from policywatch.errors import InputError
from policywatch.snapshots import Document, Store
from policywatch.snapshots import search as search_mod
from policywatch.snapshots.search import search


def test_a_phrase_that_disappeared_and_came_back(tmp_path):
    store = Store(str(tmp_path / "pw.db"))
    came_and_went(store)
    check_history(store)
    assert search(store, "揭榜挂帅", url="http://bureau.test/ghjh/").histories[0].urls[0].endswith("r2023.html")
    assert search(store, "不存在的短语").histories == []


def test_the_index_row_is_written_with_its_version_or_not_at_all(tmp_path):
    store = Store(str(tmp_path / "pw.db"))

    def crash(_conn, _outcome):  # type: ignore[no-untyped-def]
        raise RuntimeError("the monitor's write failed")
    with pytest.raises(RuntimeError):
        save(store, "http://bureau.test/a.html", "通知", ["揭榜挂帅"], within=crash)
    assert store.counts()["versions"] == 0 and search(store, "揭榜挂帅").histories == []
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM pw_search")).scalar_one() == 0


def test_reclean_reindexes_and_an_old_store_is_backfilled_once(tmp_path):
    db = str(tmp_path / "pw.db")
    store = Store(db)
    save(store, "http://bureau.test/a.html", "通知", ["旧的清洗结果"])
    recleaned = Document(title="通知", body=["新的清洗结果"], cleaner_version="9")
    store.reclean(lambda raw, ctype, url: (recleaned, lambda doc: "k"), "9")
    assert search(store, "新的清洗").histories and not search(store, "旧的清洗").histories
    with store.transaction() as conn:  # a store written before the index existed
        conn.execute(text("DROP TABLE pw_search"))
    store.close()
    assert search(Store(db), "新的清洗").histories[0].containing == 1


def test_a_short_phrase_is_scanned_within_bounds_or_refused(tmp_path, monkeypatch):
    store = Store(str(tmp_path / "pw.db"))
    came_and_went(store)
    found = search(store, "挂帅")
    assert "scanned 6 versions" in found.note and len(found.histories) == 2
    monkeypatch.setattr(search_mod, "SCAN_LIMIT", 5)
    with pytest.raises(InputError, match="three characters or more"):
        search(store, "挂帅")
    assert search(store, "挂帅", url="http://bureau.test/ghjh/").note  # narrowed: 3 versions, scanned


def test_the_search_command(tmp_path):
    db = str(tmp_path / "pw.db")
    came_and_went(Store(db))
    ran = run("--db", db, "search", "揭榜挂帅")
    assert ran.returncode == 0, ran.stderr
    assert "disappeared http://bureau.test/ghjh/r2024.html v1 (" in ran.stdout and "+08:00)" in ran.stdout
    assert "  disappeared v2 (" in ran.stdout
    assert run("--db", db, "search", "没有的短语").returncode == 1
    bad = run("--db", db, "search", "揭榜挂帅", "--since", "last year")
    assert bad.returncode == 2
    assert bad.stderr == "policywatch: error: --since 'last year': use YYYY-MM-DD or an ISO date-time\n"
    assert run("--db", db, "search", "揭榜挂帅", "--since", "2999-01-01").returncode == 1


def test_the_search_page_lists_where_a_phrase_disappeared(tmp_path):
    import uvicorn

    from policywatch.monitor.web.app import create_app

    db, cfg = str(tmp_path / "pw.db"), tmp_path / "pw.toml"
    store = Store(db)
    came_and_went(store)
    save(store, "http://bureau.test/x.html", "<script>alert(1)</script>揭榜挂帅", ["正文"])
    write_config(cfg, [])
    port = free_port()
    with running(uvicorn.Config(create_app(cfg, db), host="127.0.0.1", port=port, log_level="warning")):
        page = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "揭榜挂帅"})
        assert page.status_code == 200
        html = page.text
        assert ('<tr class="disappeared"><td>disappeared</td><td><a href="/version?url=http%3A//bureau.test/ghjh/'
                'r2024.html&amp;seq=1">2024年工作报告 v1</a>') in html
        assert '<tr class="disappeared"><td>disappeared</td><td><a href="/version?url=http%3A//bureau.test/tzgg/' \
               'post_1.html&amp;seq=2">' in html
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
        short = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "揭", "since": "nonsense"})
        assert short.status_code == 400 and "use YYYY-MM-DD" in short.text and 'value="nonsense"' in short.text
