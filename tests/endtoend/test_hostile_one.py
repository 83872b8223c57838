"""A hostile world: faults raise no false alarms, crashes lose nothing, bad input gets one line."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from copy import deepcopy
from datetime import UTC

import pytest
from faults import FAULT_KINDS, install_faults
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import article, cli, run, seed_doc, write_config

from policywatch.diffing.figures import extract_figures
from policywatch.monitor.demo.site import Page
from policywatch.snapshots.clean_html import clean_html

FAULTS = sorted(FAULT_KINDS)


def test_every_fault_is_an_error_never_a_change(site, tmp_path):
    """Each fault path first serves a good page; then the fault; then the good page again."""
    paths = install_faults(site)
    faults = {name: dict(site.routes)[path] for name, path in paths.items()}
    good = {name: Page(article(seed_doc("004"))) for name in FAULTS}
    db, cfg = str(tmp_path / "h.db"), tmp_path / "h.toml"
    # a page's whole timeout: long enough for a 20 MB download or a redirect loop on a loaded machine, and
    # shorter than a stall (faults.STALL_SECONDS)
    write_config(cfg, [{"name": name, "url": site.url(path)} for name, path in paths.items()], timeout=8)
    for name, path in paths.items():
        site.routes[path] = good[name]
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    for name, path in paths.items():
        site.routes[path] = faults[name]
    broken = run("--db", db, "check", "--config", str(cfg), "--json")
    report = __import__("json").loads(broken.stdout)
    assert broken.returncode == 2
    kinds = {r["watch"]: r["error_kind"] for r in report["results"]}
    assert kinds == {name: FAULT_KINDS[name] for name in FAULTS}
    assert not [r for r in report["results"] if r["changed"]]
    for name, path in paths.items():
        site.routes[path] = good[name]
    healed = run("--db", db, "check", "--config", str(cfg), "--json")
    assert healed.returncode == 0, healed.stdout  # compared with the last good version: no spurious diff
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pw_versions").fetchone()[0] == len(FAULTS)
    errors = conn.execute("SELECT count(*) FROM pw_checks WHERE outcome = 'error'").fetchone()[0]
    assert errors == len(FAULTS)


def _serve_many(site, count: int) -> list[dict]:
    base = seed_doc("000")
    watches = []
    for n in range(count):
        doc = deepcopy(base)
        doc.title = f"{base.title}（第{n}号）"
        site.routes[f"/p/{n}.html"] = Page(article(doc))
        watches.append({"name": f"p{n}", "url": site.url(f"/p/{n}.html")})
    return watches


def _holding(reached: threading.Event, released: threading.Event):  # type: ignore[no-untyped-def]
    """A route that says it was asked for and answers nothing until released."""
    def handler(_h):  # type: ignore[no-untyped-def]
        reached.set()
        released.wait(60)
    return handler


# Kills at random points of a pass (when it asks for a random one of its pages), two of them in a pass that writes
# 10 revisions.
# Each trial costs a pass's requests: 20 trials of 200 pages took 42 s in the suite and proved no more.
TRIALS, PAGES = 8, 100


@pytest.mark.slow
def test_kill_9_during_a_check_of_100_pages(site, tmp_path):
    watches = _serve_many(site, PAGES)
    cfg = tmp_path / "many.toml"
    write_config(cfg, watches, per_host=8)
    db = str(tmp_path / "many.db")
    rng = random.Random(20261122)
    trials = 0
    for trial in range(TRIALS):
        if trial % 4 == 3:  # now and then a revision, so the kills land on writes of new versions too
            for n in rng.sample(range(PAGES), PAGES // 10):
                doc = seed_doc("000")
                doc.title = f"{doc.title}（第{n}号）"
                doc.body[1] = doc.body[1] + f"修订{trial}。"
                site.routes[f"/p/{n}.html"] = Page(article(doc))
        # The kill comes when the pass asks for a random page, which the site holds until then (the others
        # go on being fetched and written), not after a random time: on a loaded machine a timed kill often
        # landed before the first request or after the pass had ended.
        path = f"/p/{rng.randrange(PAGES)}.html"
        reached, killed, held = threading.Event(), threading.Event(), site.routes[path]
        site.routes[path] = _holding(reached, killed)
        proc = subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", db, "check", "--config",
                                 str(cfg), "--no-notify"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert reached.wait(120), "the check never asked for the held page"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed.set()  # the held request ends unanswered
        site.routes[path] = held
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "pw_versions" not in tables:  # a slow machine: killed before the store made its tables, nothing to check
            assert not tables & {"pw_pages", "pw_checks", "pw_blobs"}, tables  # the tables come all at once or not
            conn.close()
            trials += 1
            continue
        orphans = conn.execute("SELECT count(*) FROM pw_versions v LEFT JOIN pw_checks c ON c.version_id = v.id "
                               "WHERE c.id IS NULL").fetchone()[0]
        missing_blobs = conn.execute("SELECT count(*) FROM pw_versions v LEFT JOIN pw_blobs b "
                                     "ON b.sha256 = v.raw_sha256 WHERE b.sha256 IS NULL").fetchone()[0]
        duplicates = conn.execute("SELECT count(*) FROM (SELECT page_id, seq FROM pw_versions "
                                  "GROUP BY page_id, seq HAVING count(*) > 1)").fetchone()[0]
        conn.close()
        assert (orphans, missing_blobs, duplicates) == (0, 0, 0)
        trials += 1
    final = cli("--db", db, "check", "--config", str(cfg), "--no-notify", timeout=600)
    assert final.returncode in (0, 1), final.stderr[-500:]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT page_id) FROM pw_versions").fetchone()[0] == PAGES
    assert trials == TRIALS


def test_two_checks_at_once_one_waits_or_says_so(site, tmp_path):
    """The first check is held on one page (a gate the test opens), so the second is refused and the third
    waits however slowly this machine starts processes."""
    watches = _serve_many(site, 40)
    gate = threading.Event()
    held = site.routes["/p/0.html"]

    def gated(handler):  # type: ignore[no-untyped-def]
        gate.wait(120)
        handler._send(held)
    site.routes["/p/0.html"] = gated
    cfg = tmp_path / "two.toml"
    write_config(cfg, watches, timeout=600)  # the held page must not time out, or the first check ends early
    db = str(tmp_path / "two.db")
    first = subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", db, "check", "--config", str(cfg)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "two.db.check.lock"
    deadline = time.time() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.time() < deadline, "the first check never took its lock"
        time.sleep(0.05)
    try:
        refused = cli("--db", db, "check", "--config", str(cfg))
        waiting = subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", db, "check", "--config",
                                    str(cfg), "--wait", "120"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
    finally:
        gate.set()
    first.communicate(timeout=300)
    _waited_out, waited_err = waiting.communicate(timeout=300)
    assert refused.returncode == 2 and "another policywatch check is running" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert first.returncode == 0 and waiting.returncode == 0, waited_err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pw_versions").fetchone()[0] == 40


@pytest.mark.parametrize("content, culprit", [
    (b"[[watch]\nname = 'x'", "malformed TOML"),
    (b"[[watch]]\nname = 'x'\nurl = 'http://a.test/'\ncolour = 'red'\n", "unknown key 'colour'"),
    (b"[[watch]]\nname = 'x'\nurl = 'http://a.test/'\nschedule = '99 * * * *'\n", "99 * * * *"),
    (b"[[watch]]\nname = 'x'\nurl = 'stic.sz.gov.cn'\n", "'stic.sz.gov.cn': not an http(s) URL"),
    (b"[[watch]]\nname = 'x'\nurl = 'http://a.test/'\nignore = ['(']\n", "ignore pattern"),
    (b"[settings]\ndelay = 'slow'\n", "delay should be float"),
    ("[[watch]]\nname = '深圳市科技创新局通知公告'\n".encode("gbk"), "not UTF-8"),
    (b"[[watch]]\nname = 'x'\n", "missing required key 'url'"),
])
def test_bad_config_is_one_line_naming_the_culprit(tmp_path, content, culprit):
    cfg = tmp_path / "bad.toml"
    cfg.write_bytes(content)
    db = tmp_path / "never.db"
    result = run("--db", str(db), "check", "--config", str(cfg))
    assert result.returncode == 2
    assert culprit in result.stderr and str(cfg) in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not db.exists() and cfg.read_bytes() == content


def test_bad_input_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("深圳市科技创新局通知\n\n正文第一段内容。", encoding="utf-8")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("x", encoding="utf-8")
    unreadable.chmod(0)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café ".encode("utf-16-le") * 50)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    cases = [(tmp_path / "missing.txt", "no such file"), (binary, "binary file"), (latin, "binary file"),
             (huge, "input limit"), (tmp_path, "is a directory")]
    if os.geteuid() != 0:  # root reads anything
        cases.append((unreadable, "permission denied"))
    for path, culprit in cases:
        for command in (["diff", str(good), str(path)], ["compare", str(path), str(good)], ["clean", str(path)]):
            result = run(*command)
            assert result.returncode == 2, (command, result.stderr)
            assert culprit in result.stderr and str(path) in result.stderr, (command, result.stderr)
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    bad_url = run("diff", str(good), "ftp://example.com/x")
    assert bad_url.returncode == 2 and "not an http(s) URL" in bad_url.stderr
    no_db = run("--db", str(tmp_path / "typo.db"), "diff", "http://a.test/x@3", str(good))
    assert no_db.returncode == 2 and "no snapshot database here" in no_db.stderr
    assert not (tmp_path / "typo.db").exists()  # reading commands never create a database
    from policywatch.snapshots import Store
    Store(str(tmp_path / "empty.db")).close()
    no_version = run("--db", str(tmp_path / "empty.db"), "diff", "http://a.test/x@3", str(good))
    assert no_version.returncode == 2 and "no version 3 stored" in no_version.stderr


def test_gbk_text_file_is_read_not_refused(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("深圳市科技创新局通知\n\n正文第一段内容。".encode("gbk"))
    result = run("clean", str(gbk))
    assert result.returncode == 0 and "正文第一段内容。" in result.stdout


HTML_BITS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<table><tr><td>", "</td></tr></table>",
                             "<a href='x'>", "</a>", "<script>", "</script>", "<!--", "-->", "<li>", "<h1>", "&amp;",
                             "您当前的位置：首页 > 通知", "分享到：", "粤ICP备1号", "[size=1em]", "\x00", "<<", ">"])
HTML = st.lists(st.one_of(HTML_BITS, st.text(max_size=30)), max_size=80).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_property_cleaner_never_crashes(html):
    doc = clean_html(html)  # speed is bench/cleaner_bench.py's to measure, not a loaded test machine's
    assert isinstance(doc.text(), str)


UNITS = ["万家", "亿元", "%", "项", "家", "人", "个", "平方公里", "万人年"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["研发投入", "高新技术企业", "概念验证中心", "技术合同成交额"]),
       st.sampled_from(["", "超", "达", "近", "约", "突破"]),
       st.decimals(min_value="0.01", max_value="99999", places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(UNITS), st.sampled_from(["", "以上", "左右"]))
def test_property_figures_round_trip(metric, pre, value, unit, post):
    text = f"全市{metric}{pre}{value}{unit}{post}。"
    (figure,) = extract_figures(text)
    assert (figure.value, figure.unit, figure.qualifier) == (str(value), unit, pre or post)
    assert figure.raw == f"{pre}{value}{unit}{post}"
    again = extract_figures(f"{metric}{figure.raw}。")
    assert again and again[0].value == figure.value and again[0].unit == figure.unit


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_property_figure_parser_never_crashes(text):
    for figure in extract_figures(text):
        assert figure.raw and figure.metric


def test_atom_feed_escapes_hostile_titles(tmp_path):
    import xml.etree.ElementTree as ET
    from datetime import datetime

    from policywatch.monitor.outbox.digest import Digest, Entry
    from policywatch.monitor.render import render

    hostile = "<script>alert(1)</script>&<img src=x onerror=alert(2)>"
    entry = Entry("change", hostile, "http://a.test/x", hostile, datetime.now(UTC), hostile, [hostile])
    feed = render("digest", "atom", Digest(datetime.now(UTC), [entry]))
    root = ET.fromstring(feed.encode("utf-8"))
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{ns}entry/{ns}title").text.endswith(hostile)
    assert "<script>" not in feed
    md = render("digest", "md", Digest(datetime.now(UTC), [entry]))
    assert "<script>" not in md
