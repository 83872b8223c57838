"""Monitoring end to end through the real command, the real scheduler and a real local site:
a change is reported once, an unchanged page never, a broken page alerts once and recovers once."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from copy import deepcopy
from datetime import UTC
from pathlib import Path

import pytest
from support import Receiver, article, cli, run, seed_doc, write_config

from policywatch.monitor.demo.site import Page
from policywatch.monitor.demo.walkthrough import revise, run_demo
from policywatch.snapshots import FetchPolicy


@pytest.fixture
def watched(site, tmp_path):
    """Two article pages on the site, a config watching them, and a webhook receiver."""
    docs = {"/a.html": seed_doc("004"), "/b.html": seed_doc("000")}
    for path, doc in docs.items():
        site.routes[path] = Page(article(doc))
    hook = Receiver(site)
    config = tmp_path / "policywatch.toml"
    write_config(config, [{"name": "reply", "url": site.url("/a.html"), "tags": ["letters"]},
                          {"name": "report", "url": site.url("/b.html"), "tags": ["reports"]}],
                 notify=[hook.url], digest_dir=str(tmp_path / "out"))
    return {"site": site, "docs": docs, "hook": hook, "config": str(config), "db": str(tmp_path / "pw.db"),
            "out": tmp_path / "out"}


def _check(w, *extra):
    return run("--db", w["db"], "check", "--config", w["config"], *extra)


def test_change_is_reported_once_and_unchanged_never(watched):
    first = _check(watched)
    assert first.returncode == 0, first.stderr  # a first snapshot is not a change
    assert first.stdout == "" and watched["hook"].messages == [] and first.stderr == ""
    revised = revise(deepcopy(watched["docs"]["/a.html"]))
    watched["site"].routes["/a.html"] = Page(article(revised))
    second = _check(watched)
    assert second.returncode == 1, second.stderr
    assert second.stdout.count("## Changed (1)") == 1 and "深圳市未来产业先导区培育计划" in second.stdout
    assert len(watched["hook"].messages) == 1 and "人大" in watched["hook"].messages[0]["message"]
    third = _check(watched)
    assert third.returncode == 0 and third.stdout == ""
    assert len(watched["hook"].messages) == 1
    report = json.loads(_check(watched, "--json").stdout)
    assert {r["outcome"] for r in report["results"]} == {"unchanged"}
    assert (watched["out"] / "latest.html").exists() and (watched["out"] / "feed.atom").exists()
    redline = next((watched["out"] / "redlines").glob("*.html"))
    assert f'<a href="{redline.resolve().as_uri()}">' in (watched["out"] / "latest.html").read_text(encoding="utf-8")
    assert f"- [redline]({redline.resolve().as_uri()})" in (watched["out"] / "latest.md").read_text(encoding="utf-8")
    since = run("--db", watched["db"], "digest", "--config", watched["config"], "--since", "2000-01-01",
                "--format", "json")
    entries = json.loads(since.stdout)["entries"]
    assert [(e["kind"], e["watch"]) for e in entries] == [("change", "reply")]  # first snapshots are not news
    assert any(line.startswith("new program:") for line in entries[0]["lines"])


def test_broken_page_alerts_once_and_recovers_once(watched):
    _check(watched)
    good = watched["site"].routes["/b.html"]
    watched["site"].routes["/b.html"] = Page(b"<html><body>Service Unavailable</body></html>", status=503,
                                              headers={"Retry-After": "0"})
    codes, alerts, printed = [], [], []
    for _ in range(5):
        result = _check(watched, "--tag", "reports")
        codes.append(result.returncode)
        alerts.append(result.stdout.count("## Broken"))
        printed.append(result.stderr.count("error [http]"))
    # Every pass exits 2 and names the failing page on stderr; only the pass that crosses
    # failures_before_alert alerts (the threshold governs notifications, not the operator's terminal).
    assert codes == [2] * 5 and alerts == [0, 0, 1, 0, 0] and printed == [1, 1, 1, 1, 1]
    assert "error [http]" in _check(watched, "--tag", "reports", "--verbose").stderr
    watched["site"].routes["/b.html"] = good
    recovered = _check(watched, "--tag", "reports")
    assert recovered.returncode == 0 and recovered.stdout.count("## Recovered (1)") == 1
    again = _check(watched, "--tag", "reports")
    assert again.returncode == 0 and again.stdout == ""
    messages = [m["message"] for m in watched["hook"].messages]
    assert sum("failing" in m for m in messages) == 1 and sum("works again" in m for m in messages) == 1
    # errors never became versions, and the recovered page is compared with the last good one
    history = run("--db", watched["db"], "history", watched["site"].url("/b.html"))
    assert len(history.stdout.strip().splitlines()) == 1


def test_email_notification_through_a_real_smtp_server(watched, tmp_path, mailbox):
    write_config(tmp_path / "mail.toml", [{"name": "reply", "url": watched["site"].url("/a.html"),
                                           "notify": [mailbox.target()]}])
    cfg = str(tmp_path / "mail.toml")
    run("--db", watched["db"], "check", "--config", cfg)
    watched["site"].routes["/a.html"] = Page(article(revise(deepcopy(watched["docs"]["/a.html"]))))
    assert run("--db", watched["db"], "check", "--config", cfg).returncode == 1
    received = mailbox.wait()
    assert len(received) == 1 and received[0].rcpt_tos == ["analyst@example.com"]
    assert "policywatch" in received[0].content.decode("utf-8", "replace")

def test_scheduler_end_to_end(watched, tmp_path):
    """`policywatch run` with one-second schedules: the change reaches the webhook exactly once and the
    unchanged page never; a broken page alerts once and recovers once; a second scheduler refuses to
    start; SIGTERM stops it cleanly."""
    write_config(tmp_path / "run.toml", [
        {"name": "reply", "url": watched["site"].url("/a.html"), "schedule": "every 1s", "jitter": 0},
        {"name": "report", "url": watched["site"].url("/b.html"), "schedule": "every 1s", "jitter": 0}],
        notify=[watched["hook"].url], digest_dir=str(tmp_path / "out"), failures_before_alert=2)
    cfg = str(tmp_path / "run.toml")
    proc = subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", watched["db"], "run",
                             "--config", cfg],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: watched["site"].hits.get("/a.html", 0) >= 2, 120)
        second = cli("--db", watched["db"], "run", "--config", cfg, timeout=120)
        assert second.returncode == 2 and "another policywatch scheduler" in second.stderr
        watched["site"].routes["/a.html"] = Page(article(revise(deepcopy(watched["docs"]["/a.html"]))))
        _wait(lambda: watched["hook"].messages, 120)
        hits = watched["site"].hits["/a.html"]
        _wait(lambda: watched["site"].hits["/a.html"] >= hits + 3, 120)
        assert len(watched["hook"].messages) == 1
        assert "培育计划" in watched["hook"].messages[0]["message"]
        revised = watched["site"].routes["/a.html"]
        messages = lambda: [m["message"] for m in watched["hook"].messages]  # noqa: E731
        watched["site"].routes["/a.html"] = Page(b"<html><body>Not Found</body></html>", status=404)
        _wait(lambda: any("watch is failing" in m for m in messages()), 120)
        hits = watched["site"].hits["/a.html"]
        _wait(lambda: watched["site"].hits["/a.html"] >= hits + 3, 120)
        assert sum("watch is failing" in m for m in messages()) == 1
        watched["site"].routes["/a.html"] = revised
        _wait(lambda: any("works again" in m for m in messages()), 120)
        hits = watched["site"].hits["/a.html"]
        _wait(lambda: watched["site"].hits["/a.html"] >= hits + 3, 120)
        assert sum("works again" in m for m in messages()) == 1
        assert len(messages()) == 3  # the change, the alert, the recovery: the unchanged page never
        assert not any(watched["site"].url("/b.html") in m for m in messages())
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    assert "stopping" in err


def _wait(condition, seconds: float) -> None:
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


def test_listing_reports_new_publication_and_runs_the_cross_year_compare(tmp_path):
    result = run_demo(tmp_path / "demo")
    kinds = sorted(e.kind for e in result.digest.entries)
    assert kinds == ["change", "change", "publication", "publication"]
    calls = [e.title for e in result.digest.entries if e.kind == "publication" and "申报" in e.title]
    assert calls == ["关于组织申报2026年度人工智能专项的通知"]  # the 申报指南 watch's keyword let one of two through
    table = next(e for e in result.digest.entries if e.title == "2026年度科技计划各专项资助安排")
    assert "figure: 人工智能资助上限 3000万元 → 2500万元" in table.lines
    assert "image replaced: 各专项资助上限" in table.lines  # its chart redrawn under the same src
    publication = next(e for e in result.digest.entries if e.kind == "publication" and "申报" not in e.title)
    assert publication.title == "深圳市科技创新局2024年工作总结和2025年工作计划"
    assert publication.lines[0].startswith("next edition of “深圳市科技创新局2023年工作总结和2024年工作计划”")
    change = next(e for e in result.digest.entries if e.kind == "change" and e is not table)
    assert any(line.startswith("figure:") for line in change.lines)
    assert any("深圳市未来产业先导区培育计划" in line for line in change.lines)
    assert any(line.startswith("removed:") for line in change.lines)
    assert result.html_path.exists() and "<script" not in result.html_path.read_text(encoding="utf-8")
    feed = ET.fromstring((tmp_path / "demo" / "feed.atom").read_bytes())
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 4


def test_add_list_remove_and_bad_input(tmp_path):
    cfg = str(tmp_path / "w.toml")
    assert run("add", "通知公告", "http://stic.sz.gov.cn/xxgk/tzgg/", "--kind", "listing",
               "--schedule", "0 8 * * 1-5", "--tag", "stic", "--config", cfg).returncode == 0
    listed = run("list", "--config", cfg).stdout
    assert "通知公告\tlisting\t0 8 * * 1-5\tnever checked" in listed
    before = Path(cfg).read_text(encoding="utf-8")
    for args, culprit in [(["add", "x", "ftp://example.com/"], "ftp://example.com/"),
                          (["add", "y", "http://a.test/", "--schedule", "61 * * * *"], "61 * * * *"),
                          (["add", "通知公告", "http://a.test/"], "exists already"),
                          (["remove", "nope"], "nope"),
                          (["add", "z", "http://a.test/", "--notify", "bogus://x"], "bogus://x"),
                          (["add", "p", "http://127.0.0.1:99999/"], "99999"),
                          (["add", "h", "http://[::1"], "[::1"),
                          (["add", "s", "http://exa mple.com/"], "exa mple.com")]:
        result = run(*args, "--config", cfg)
        assert result.returncode == 2 and culprit in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert Path(cfg).read_text(encoding="utf-8") == before
    unwritable = run("add", "q", "http://a.test/", "--config", "/proc/none/w.toml")
    assert unwritable.returncode == 2 and unwritable.stderr.count("\n") == 1 and "/proc/none" in unwritable.stderr
    assert run("remove", "通知公告", "--config", cfg).returncode == 0
    assert "no watches" in run("list", "--config", cfg).stdout


def test_add_and_remove_keep_the_comments_and_layout_of_the_config(tmp_path):
    cfg = tmp_path / "w.toml"
    assert run("init", "--config", str(cfg)).returncode == 0
    written = cfg.read_text(encoding="utf-8")
    comments = [line for line in written.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 3
    assert run("add", "extra", "http://a.test/x.html", "--config", str(cfg)).returncode == 0
    added = cfg.read_text(encoding="utf-8")
    assert added.startswith(written.rstrip("\n")) and 'name = "extra"' in added
    assert run("remove", "extra", "--config", str(cfg)).returncode == 0
    assert cfg.read_text(encoding="utf-8").rstrip("\n") == written.rstrip("\n")


def test_targets_per_watch_per_tag_and_global(tmp_path):
    from datetime import datetime

    from policywatch.monitor.outbox.digest import Entry
    from policywatch.monitor.outbox.notify import targets_for
    from policywatch.monitor.watching.config import load

    cfg = tmp_path / "t.toml"
    cfg.write_text("""[settings]
notify = ["json://127.0.0.1:1/all"]
[settings.tag_notify]
reports = ["json://127.0.0.1:1/reports"]
[[watch]]
name = "a"
url = "http://a.test/"
tags = ["reports"]
notify = ["json://127.0.0.1:1/a"]
[[watch]]
name = "b"
url = "http://b.test/"
""", encoding="utf-8")
    now = datetime.now(UTC)
    entries = [Entry("change", "a", "http://a.test/", "A", now, "x"),
               Entry("change", "b", "http://b.test/", "B", now, "y")]
    routed = {target: [e.watch for e in chosen] for target, chosen in targets_for(load(cfg), entries).items()}
    assert routed == {"json://127.0.0.1:1/all": ["a", "b"], "json://127.0.0.1:1/a": ["a"],
                      "json://127.0.0.1:1/reports": ["a"]}


def test_init_writes_the_shipped_bureau_watch_list(tmp_path):
    cfg = tmp_path / "conf" / "policywatch.toml"
    assert run("init", "--config", str(cfg)).returncode == 0
    listed = run("list", "--config", str(cfg)).stdout
    assert "通知公告\tlisting" in listed and "stic.sz.gov.cn" in listed
    again = run("init", "--config", str(cfg))
    assert again.returncode == 2 and "exists already" in again.stderr


def test_listing_publishes_a_new_pdf_attachment(site, tmp_path):
    import io

    from reportlab.pdfgen import canvas

    from policywatch.monitor.demo.site import listing_html

    def pdf_bytes() -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.setTitle("Guide to the 2026 key research programme")
        pdf.drawString(72, 760, "1. Applications open on 1 March 2026.")
        pdf.drawString(72, 740, "2. Each project receives up to 3 million yuan.")
        pdf.save()
        return buffer.getvalue()

    article_path = "/xxgk/tzgg/content/post_1.html"
    site.routes[article_path] = Page(article(seed_doc("004")))
    items = [("关于人大建议答复的函", article_path, "2025-10-29")]
    site.routes["/xxgk/tzgg/"] = Page(listing_html("通知公告", items).encode("utf-8"))
    cfg = tmp_path / "l.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/xxgk/tzgg/"), "kind": "listing"}])
    db = str(tmp_path / "l.db")
    first = run("--db", db, "check", "--config", str(cfg))
    assert first.returncode == 0 and "baseline taken for 通知公告" in first.stdout  # not news: the baseline
    site.routes["/attachment/guide.pdf"] = Page(pdf_bytes(), "application/pdf")
    site.routes["/xxgk/tzgg/"] = Page(listing_html("通知公告", [("2026年重点研发计划申报指南（附件）",
                                                                 "/attachment/guide.pdf", "2026-01-05"),
                                                                *items]).encode("utf-8"))
    second = run("--db", db, "check", "--config", str(cfg))
    assert second.returncode == 1, second.stderr
    assert "## New publication (1)" in second.stdout and "Guide to the 2026 key research programme" in second.stdout
    shown = run("--db", db, "show", site.url("/attachment/guide.pdf"))
    assert "up to 3 million yuan" in shown.stdout


def test_reclean_keeps_listings_and_ignore_patterns_so_the_next_check_is_quiet(site, tmp_path):
    import sqlite3

    from policywatch.monitor.demo.site import listing_html

    doc = seed_doc("004")
    page = lambda n: Page(article(doc).replace("特此致函。".encode(), f"特此致函。浏览次数：{n}".encode()))  # noqa: E731
    site.routes["/content/post_7.html"] = page(1)
    listed = [("关于建议答复的函", "/content/post_7.html", "2025-10-29")]
    site.routes["/list/"] = Page(listing_html("通知公告", listed).encode("utf-8"))
    cfg = tmp_path / "r.toml"
    write_config(cfg, [{"name": "a", "url": site.url("/content/post_7.html"), "ignore": ["浏览次数：\\d+"]},
                       {"name": "list", "url": site.url("/list/"), "kind": "listing"}])
    db = str(tmp_path / "r.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE pw_versions SET cleaner_version = '0'")
    conn.commit()
    done = run("--db", db, "reclean", "--config", str(cfg))
    assert done.returncode == 0 and "recleaned 2 version(s)" in done.stdout
    listing = run("--db", db, "show", site.url("/list/"))
    assert "关于建议答复的函" in listing.stdout and site.url("/content/post_7.html") in listing.stdout
    site.routes["/content/post_7.html"] = page(2)
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0


def test_a_pass_of_304s_logs_every_check_and_a_failed_page_recovers(site, tmp_path):
    """Healthy pages answering 304 are logged in batches (Store.note_unchanged, here of 2 rows); a
    page that failed goes through the full write, so its failure count is reset."""
    from policywatch.monitor.watching import state
    from policywatch.monitor.watching.check import check
    from policywatch.monitor.watching.config import load
    from policywatch.snapshots import Store

    urls = []
    for n in range(5):
        site.routes[f"/e{n}.html"] = Page(article(seed_doc("004")), etag=f'"e{n}"')
        urls.append(site.url(f"/e{n}.html"))
    write_config(tmp_path / "pw.toml", [{"name": f"e{n}", "url": url} for n, url in enumerate(urls)])
    config, store = load(tmp_path / "pw.toml"), Store(str(tmp_path / "pw.db"), batch=2)
    assert {r.outcome for r in check(config, store).results} == {"new"}
    good = site.routes["/e0.html"]
    site.routes["/e0.html"] = Page(b"<html><body><h1>404 Not Found</h1></body></html>", status=404)
    assert sorted(r.outcome for r in check(config, store).results) == ["error"] + ["unchanged"] * 4
    assert state.load(store)[urls[0]].failures == 1
    site.routes["/e0.html"] = good
    report = check(config, store)
    assert store.backlog == 0  # the pass wrote what it held back
    assert sorted((r.outcome, r.seq) for r in report.results) == [("unchanged", 1)] * 5
    assert state.load(store)[urls[0]].failures == 0
    assert all(t.checks == 3 for t in state.load(store).values())  # the batched checks count for revisits
    rows = store.checks(urls[1])
    assert [row["outcome"] for row in rows] == ["unchanged", "unchanged", "new"]
    assert rows[0]["version_id"] == rows[2]["version_id"] is not None
    assert store.counts()["versions"] == 5
    # One 304 after another (a concurrent pass makes the count depend on timing): written as the batch fills.
    states, backlogs = store.page_states(), []
    import asyncio

    from policywatch.snapshots import Fetcher, Target, snapshot

    async def one(url):
        async with Fetcher(FetchPolicy(min_delay=0, robots=False, allow_private=True)) as fetcher:
            return await snapshot(fetcher, store, Target(url), states[url])
    for url in urls[1:]:
        assert asyncio.run(one(url)).outcome == "unchanged"
        backlogs.append(store.backlog)
    assert backlogs == [1, 0, 1, 0]
    store.close()
