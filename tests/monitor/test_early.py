"""A `check` on a SQLite file sends its page watches' requests before the store loads (monitor/watching/early.py):
each page is still asked once per pass, with the validators the store holds, and the pass reports what it
reported before (a change, an unchanged page, a failure, the exit codes)."""
from __future__ import annotations

import asyncio
import subprocess
import sys

from support import article, cli, write_config

from policywatch.monitor.demo.site import Page
from policywatch.monitor.watching.early import PAGES, stored_validators
from policywatch.snapshots import Document, Fetcher, FetchPolicy
from policywatch.snapshots.schema import pages


def _page(n: int, clause: str = "第二条 自发布之日起施行。") -> bytes:
    return article(Document(title=f"关于第{n}号试点的通知", published="2026-05-01",
                            body=[f"第一条 补助不超过{40 + n}万元。", clause]))


def test_each_page_is_asked_once_per_pass_with_its_stored_validators(site, tmp_path):
    site.routes["/a.html"] = Page(_page(1), etag='"a1"')
    site.routes["/b.html"] = Page(_page(2), etag='"b1"')
    site.routes["/c.html"] = Page(_page(3))  # no validators: a 200 every time, the same text
    cfg, db = tmp_path / "pw.toml", tmp_path / "pw.db"
    write_config(cfg, [{"name": n, "url": site.url(f"/{n}.html")} for n in ("a", "b", "c", "gone")], robots=False)
    first = cli("--db", str(db), "check", "--config", str(cfg), "--no-notify")
    assert first.returncode == 2 and "gone.html" in first.stderr  # the missing page fails, the others are baselines
    assert stored_validators(str(db))[site.url("/a.html")] == ('"a1"', "")
    site.routes["/b.html"] = Page(_page(2, "第二条 自二〇二六年七月一日起施行。"), etag='"b2"')
    site.hits.clear()
    second = cli("--db", str(db), "check", "--config", str(cfg), "--no-notify")
    assert site.hits == {"/a.html": 1, "/b.html": 1, "/c.html": 1, "/gone.html": 1}
    assert second.returncode == 2 and "关于第2号试点的通知" in second.stdout  # the change is in the digest
    site.routes["/gone.html"] = Page(_page(4))
    site.hits.clear()
    third = cli("--db", str(db), "check", "--config", str(cfg), "--no-notify")
    assert site.hits == {"/a.html": 1, "/b.html": 1, "/c.html": 1, "/gone.html": 1}
    assert third.returncode == 0, third.stderr  # a recovery and a first version: no news


def test_a_fetch_with_other_validators_than_the_early_one_asks_again(site):
    site.routes["/a.html"] = Page(_page(1), etag='"a1"')
    url = site.url("/a.html")

    async def go() -> tuple[int, int]:
        async with Fetcher(FetchPolicy(min_delay=0, robots=False, allow_private=True)) as fetcher:
            fetcher.prime(url, '"a1"')  # would be a 304
            fetched = await fetcher.fetch(url)  # the pass has no validators for it: a 200
            fetcher.prime(url, "", "", {"Referer": "https://example.org/"})  # never asked for: dropped at close
            return fetched.status, len(fetched.content)
    status, size = asyncio.run(go())
    assert status == 200 and size > 0


def test_the_early_read_names_the_stores_pages_table():
    assert pages.name == PAGES


def test_the_check_command_reads_its_watch_list_without_the_store(tmp_path):
    cfg = tmp_path / "pw.toml"
    write_config(cfg, [{"name": "a", "url": "https://www.example.org/a.html", "schedule": "every 6h"}])
    probe = "import sys, policywatch.monitor.command.watches as w; w.config_mod.load(sys.argv[1]); " \
            "print(sorted(m for m in sys.modules if m.split('.')[0] in " \
            "('sqlalchemy', 'httpx', 'bs4', 'jinja2', 'apscheduler')))"
    ran = subprocess.run([sys.executable, "-c", probe, str(cfg)], capture_output=True, text=True, timeout=60,
                         check=True)
    assert ran.stdout.strip() == "[]"


def test_a_check_on_a_mistyped_folder_creates_nothing(site, tmp_path):
    site.routes["/a.html"] = Page(_page(1))
    cfg = tmp_path / "pw.toml"
    write_config(cfg, [{"name": "a", "url": site.url("/a.html")}])
    ran = cli("--db", str(tmp_path / "typo" / "pw.db"), "check", "--config", str(cfg), "--no-notify")
    assert ran.returncode == 2 and "no such folder" in ran.stderr
    assert not (tmp_path / "typo").exists() and site.hits.get("/a.html", 0) == 0


def test_the_gil_changes_hands_sooner_while_the_early_loop_runs_and_as_before_after(site, tmp_path):
    """The loop, woken by a response, waits for the GIL at most SWITCH_INTERVAL; the process's own setting is
    back once the loop is closed."""
    from policywatch.monitor.watching.config import load
    from policywatch.monitor.watching.early import SWITCH_INTERVAL, Early

    site.routes["/a.html"] = Page(_page(1))
    write_config(tmp_path / "pw.toml", [{"name": "a", "url": site.url("/a.html")}], robots=False)
    before = sys.getswitchinterval()
    assert before > SWITCH_INTERVAL  # the interpreter's default, 5 ms
    early = Early(load(tmp_path / "pw.toml"), str(tmp_path / "pw.db"))
    try:
        assert sys.getswitchinterval() == SWITCH_INTERVAL
    finally:
        early.close()
        early.lock.release()
    assert sys.getswitchinterval() == before
