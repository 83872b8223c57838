"""The store: versions only on change, content-addressed raw bytes, crash safety, reclean."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from support import article, concurrent_writers, run_snapshot, seed_doc

from policywatch.errors import StoreError
from policywatch.monitor.demo.site import Page
from policywatch.snapshots import Document, Record, Store, key_of
from policywatch.snapshots.extract import extract
from policywatch.snapshots.schema import pages
from policywatch.snapshots.targets import canonical_target


def test_new_version_only_when_the_text_changes(site, store, fast_policy):
    doc = seed_doc("004")
    url = site.url("/a.html")
    site.routes["/a.html"] = Page(article(doc))
    assert run_snapshot(store, url, fast_policy).outcome == "new"
    # Same text, different layout and widths: no new version.
    relaid = article(doc).replace(b"<p>", b"<p>  ").replace("，".encode(), b",")
    site.routes["/a.html"] = Page(relaid)
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"
    doc.body[3] = doc.body[3].replace("二是", "二是进一步")
    site.routes["/a.html"] = Page(article(doc))
    third = run_snapshot(store, url, fast_policy)
    assert third.outcome == "new" and third.version.seq == 2 and third.previous.seq == 1
    assert [c["outcome"] for c in reversed(store.checks(url))] == ["new", "unchanged", "new"]
    assert store.counts()["blobs"] == 2


def test_errors_are_logged_never_versions(site, store, fast_policy):
    url = site.url("/gone.html")
    outcome = run_snapshot(store, url, fast_policy)
    assert outcome.outcome == "error" and outcome.error_kind == "http"
    assert store.counts()["versions"] == 0
    run_snapshot(store, url, fast_policy)
    assert [c["outcome"] for c in store.checks(url)] == ["error", "error"]


def test_raw_bytes_round_trip_and_show(site, store, fast_policy):
    body = article(seed_doc("000"), "gb2312")
    site.routes["/g.html"] = Page(body, "text/html; charset=gb2312")
    outcome = run_snapshot(store, site.url("/g.html"), fast_policy)
    assert store.raw(outcome.version) == body
    assert outcome.version.encoding == "gb18030"
    assert store.version(site.url("/g.html")).document.title == seed_doc("000").title


def test_reclean_rewrites_documents_from_raw_bytes(site, store, fast_policy):
    site.routes["/r.html"] = Page(article(seed_doc("004")))
    outcome = run_snapshot(store, site.url("/r.html"), fast_policy)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE pw_versions SET cleaner_version = '0', document = x''")

    def again(raw, ctype, url):
        return extract(raw, ctype, url)[0], key_of
    assert store.reclean(again, "9") == 1
    stored = store.version(site.url("/r.html"))
    assert stored.cleaner_version == "9" and stored.document.body == outcome.version.document.body


def test_wal_mode(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


WRITER = r"""
import sys, time
from policywatch.snapshots import Store, Document, Record, key_of
store = Store(sys.argv[1])
n = 0
while True:
    n += 1
    doc = Document(title="t", body=[f"第{n}版 正文内容" * 200])
    store.save(Record("http://x.test/p", str(n).encode() * 5000, doc, key_of(doc)))
    print(n, flush=True)
"""


def test_kill_9_mid_write_leaves_a_consistent_database(tmp_path):
    db = str(tmp_path / "crash.db")
    for trial in range(5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, db], stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()
        time.sleep(0.05 + 0.03 * trial)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every version has its blob and its check-log row: no partial version
        assert conn.execute("SELECT count(*) FROM pw_versions v LEFT JOIN pw_blobs b ON b.sha256 = v.raw_sha256 "
                            "WHERE b.sha256 IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM pw_versions v LEFT JOIN pw_checks c ON c.version_id = v.id "
                            "WHERE c.id IS NULL").fetchone()[0] == 0
        seqs = [r[0] for r in conn.execute("SELECT seq FROM pw_versions ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1))
        conn.close()
    store = Store(db)
    assert store.version("http://x.test/p").seq == len(store.history("http://x.test/p"))
    store.close()


def test_store_refuses_a_non_database_file(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"bogus\.db"):
        Store(str(bogus))
    assert bogus.read_bytes() == b"this is not sqlite" * 100


def test_schema_is_plain_sqlalchemy_core():
    assert pages.c.url.type.length == 2048  # portable column types: PostgreSQL takes the same schema


def test_old_unchanged_check_rows_are_pruned(site, store, fast_policy):
    site.routes["/p.html"] = Page(article(seed_doc("004")))
    url = site.url("/p.html")
    for _ in range(3):
        run_snapshot(store, url, fast_policy)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE pw_checks SET at = '2020-01-01 00:00:00.000000'")
    assert store.prune_checks(keep_days=90) == 2  # the two unchanged rows; the new-version row stays
    assert [c["outcome"] for c in store.checks(url)] == ["new"]


def test_concurrent_writers_to_one_page_on_sqlite(tmp_path):
    outcomes = concurrent_writers(str(tmp_path / "pw.db"), "http://example.gov.cn/a.html")
    assert sorted(o.seq for o in outcomes) == list(range(1, 9))


def test_every_spelling_of_a_sqlite_path_is_one_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    spellings = ["pw.db", str(tmp_path / "pw.db"), "sub/../pw.db", f"sqlite:///{tmp_path}/pw.db",
                 f"sqlite:////{str(tmp_path).lstrip('/')}/pw.db"]
    assert len({canonical_target(s) for s in spellings}) == 1


def test_a_missing_database_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(StoreError, match="no such folder"):
        Store(str(tmp_path / "nonexistent" / "dir" / "pw.db"))
    assert not (tmp_path / "nonexistent").exists()


def test_a_database_of_the_previous_release_is_read_and_its_keys_rekeyed(tmp_path):
    """A 0.1 database (failure columns on pages, keys of the old normalisation): opening it migrates the
    schema, and a check of an unchanged page is not a new version."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript("""
    CREATE TABLE pw_pages (id INTEGER PRIMARY KEY, url VARCHAR(2048) NOT NULL UNIQUE, etag VARCHAR(512) NOT NULL,
      last_modified VARCHAR(128) NOT NULL, first_seen DATETIME NOT NULL, found_on VARCHAR(2048) NOT NULL,
      failures INTEGER NOT NULL, alerted INTEGER NOT NULL);
    CREATE TABLE pw_blobs (sha256 VARCHAR(64) PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);
    CREATE TABLE pw_versions (id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL, seq INTEGER NOT NULL,
      fetched_at DATETIME NOT NULL, http_status INTEGER NOT NULL, etag VARCHAR(512) NOT NULL,
      last_modified VARCHAR(128) NOT NULL, content_type VARCHAR(256) NOT NULL, encoding VARCHAR(64) NOT NULL,
      raw_sha256 VARCHAR(64) NOT NULL, document BLOB NOT NULL, cleaner_version VARCHAR(32) NOT NULL,
      text_hash VARCHAR(64) NOT NULL);
    CREATE TABLE pw_checks (id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL, at DATETIME NOT NULL,
      outcome VARCHAR(16) NOT NULL, error_kind VARCHAR(32) NOT NULL, message TEXT NOT NULL,
      duration FLOAT NOT NULL, version_id INTEGER);
    """)
    import zlib
    doc = seed_doc("004")
    conn.execute("INSERT INTO pw_pages VALUES (1, 'http://x.test/p', '', '', '2025-01-01 00:00:00', '', 0, 0)")
    conn.execute("INSERT INTO pw_blobs VALUES ('abc', 1, ?)", (zlib.compress(b"x"),))
    conn.execute("INSERT INTO pw_versions VALUES (1, 1, 1, '2025-01-01 00:00:00', 200, '', '', 'text/html', 'utf-8',"
                 " 'abc', ?, '1', 'an-old-style-hash')", (zlib.compress(doc.to_json().encode()),))
    conn.commit()
    conn.close()
    store = Store(str(db))
    outcome = store.save(Record("http://x.test/p", b"x", doc, key_of(doc)), rekey=key_of)
    assert outcome.outcome == "unchanged"
    changed = Document.from_dict({**doc.to_dict(), "title": doc.title + "（修订）"})
    assert store.save(Record("http://x.test/p", b"y", changed, key_of(changed)), rekey=key_of).seq == 2
    store.close()


def test_a_cleaner_upgrade_is_no_change_and_the_next_edit_compares_like_with_like(site, store, fast_policy):
    """A version cleaned by an older release (here: one that kept the share bar) is re-read from its raw
    bytes when the page is next checked: the same bytes are `unchanged`, and a later edit's old side is the
    re-cleaned text, so the redline shows the edit only."""
    from policywatch.snapshots.document import CLEANER_VERSION

    def page(budget: str) -> bytes:
        return (f"<html><body><article><div class='share-bar'><a href='#'>Share this on WhatsApp</a>"
                f"<a href='#'>Share this on Facebook</a></div><p>The council approved a budget of {budget} "
                f"for the new bus lines, to open in the spring of next year.</p></article></body></html>").encode()
    url = site.url("/budget.html")
    site.routes["/budget.html"] = Page(page("4 million"))
    raw = page("4 million")
    older = Document(url=url, body=["Share this on WhatsApp Share this on Facebook",
                                    "The council approved a budget of 4 million for the new bus lines, to open "
                                    "in the spring of next year."], cleaner_version="2")
    store.save(Record(url, raw, older, key_of(older), content_type="text/html; charset=utf-8"))
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"
    stored = store.version(url)
    assert stored.seq == 1 and stored.cleaner_version == CLEANER_VERSION and "WhatsApp" not in stored.document.text()
    site.routes["/budget.html"] = Page(page("5 million"))
    edited = run_snapshot(store, url, fast_policy)
    assert edited.outcome == "new" and edited.seq == 2 and edited.previous is not None
    assert "WhatsApp" not in edited.previous.document.text() and "4 million" in edited.previous.document.text()


def test_every_name_the_package_exports_resolves():
    """`policywatch.X` for each public name: a moved module must not leave an export behind."""
    import policywatch

    for name in policywatch.__all__:
        assert getattr(policywatch, name) is not None, name


def test_page_urls_by_id_of_every_page_or_of_some(store):
    """What other components' tables (the monitor's, by page id) read instead of joining pw_pages."""
    for n in (1, 2, 3):
        doc = Document(title=f"第{n}号通知", body=[f"第{n}条 正文。"])
        store.save(Record(f"http://bureau.test/{n}.html", str(n).encode(), doc, key_of(doc)))
    every = store.page_urls()
    assert sorted(every.values()) == [f"http://bureau.test/{n}.html" for n in (1, 2, 3)]
    first, second = (next(i for i, url in every.items() if url.endswith(f"/{n}.html")) for n in (1, 2))
    assert store.page_urls([first]) == {first: "http://bureau.test/1.html"}
    assert store.page_urls(urls=["http://bureau.test/2.html", "http://bureau.test/none.html"]) == {
        second: "http://bureau.test/2.html"}
    assert store.page_urls([], urls=[]) == {}
