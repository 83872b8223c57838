"""An image's bytes are part of its page, against a local server: a chart swapped under the same src is
`image replaced: …` (digest, check --json, the web's what-changed column, escaped), an unchanged image is a 304 on later
passes, an image that fails or is too large is never a false change, and a store written before
image digests reports nothing when it meets them."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from sqlalchemy import text, update
from support import run, run_snapshot, write_config

from policywatch.monitor.demo.site import Page
from policywatch.monitor.outbox.digest import change_of
from policywatch.snapshots import Fetcher, Outcome, Store, Target, key_of, snapshot
from policywatch.snapshots.records import pack
from policywatch.snapshots.schema import versions
from policywatch.text.pictures import DIGEST_CHARS, picture

CHART = "/attachment/0/5/5001.png"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2026年度资助总额-深圳市科技创新局</title>
<meta name="ArticleTitle" content="2026年度各专项资助总额"><meta name="pubDate" content="2026-03-01"></head>
<body><div class="news_cont_d_wrap"><p>　　现将2026年度科技计划各专项的资助总额公布如下，请各单位认真核对。</p>
<p><img class="nfw-cms-img" src="{chart}" alt="{alt}" width="600" height="400"></p>{more}
<p>　　如有疑问，请于十个工作日内向市科技创新局反映。</p></div></body></html>"""
# Invented chart bytes: a PNG signature and a body that differs between the two charts.
OLD_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
NEW_PNG = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256))) * 8


def _page(alt: str = "资助总额", more: str = "", etag: str = "") -> Page:
    return Page(PAGE.format(chart=CHART, alt=alt, more=more).encode("utf-8"), etag=etag)


def _digests(store: Store, url: str) -> dict[str, str]:
    """src -> digest of each image line of the page's latest version."""
    return {p.src: p.digest for line in store.version(url).document.lines() if (p := picture(line)) is not None}


def _stored_digests(db: Path, url: str) -> dict[str, str]:
    """_digests of the store at `db`, opened for the question and closed again."""
    store = Store(str(db))
    try:
        return _digests(store, url)
    finally:
        store.close()


def test_a_chart_swapped_under_the_same_src_is_an_image_replaced_everywhere_and_escaped(site, tmp_path):
    alt = "资助总额<b>图</b>"
    site.routes["/zeze.html"] = Page(PAGE.format(chart=CHART, alt=alt.replace("<", "&lt;").replace(">", "&gt;"),
                                                 more="").encode("utf-8"), etag='"page-1"')  # the page stays a 304
    site.routes[CHART] = Page(OLD_PNG, "image/png", etag='"chart-1"')
    out, cfg, db = tmp_path / "out", tmp_path / "t.toml", str(tmp_path / "t.db")
    write_config(cfg, [{"name": "资助总额", "url": site.url("/zeze.html")}], digest_dir=str(out),
                 web_password="correct horse battery")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0

    site.routes[CHART] = Page(NEW_PNG, "image/png", etag='"chart-2"')
    done = run("--db", db, "check", "--config", str(cfg), "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    (result,) = [r for r in json.loads(done.stdout)["results"] if r["changed"]]
    assert result["change"]["headline"] == f"image replaced: {alt}"
    assert result["change"]["lines"] == [f"image replaced: {alt}"]  # no hex passage beside it
    (entry,) = json.loads((out / "latest.json").read_text(encoding="utf-8"))["entries"]
    assert entry["headline"] == f"image replaced: {alt}"
    page = (out / "latest.html").read_text(encoding="utf-8")
    assert "image replaced: 资助总额&lt;b&gt;图&lt;/b&gt;" in page and "<b>图</b>" not in page
    assert "<b>" not in (out / "latest.md").read_text(encoding="utf-8")
    from fastapi.testclient import TestClient

    from policywatch.monitor.web.app import create_app

    with TestClient(create_app(cfg, db), base_url="http://127.0.0.1") as client:
        for shown in (client.get("/").text, client.get("/page", params={"url": site.url("/zeze.html")}).text):
            assert "image replaced: 资助总额&lt;b&gt;图&lt;/b&gt;" in shown and "<b>图" not in shown


def test_an_unchanged_image_is_not_downloaded_again_when_the_server_answers_304(site, store, fast_policy):
    url = site.url("/zeze.html")
    site.routes["/zeze.html"] = _page()  # no validators: the page is read again each time
    site.routes[CHART] = Page(OLD_PNG, "image/png", etag='"chart-1"')
    assert run_snapshot(store, url, fast_policy).outcome == "new"
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"
    site.routes["/zeze.html"] = _page(etag='"page-1"')
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"  # a 200 that stores its ETag
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"  # a 304 page: its image is asked too
    assert site.hits[CHART] == 4 and site.sent[CHART] == 1
    assert _digests(store, url)[CHART]


def _hangs(handler: BaseHTTPRequestHandler) -> None:
    threading.Event().wait(3)  # longer than the policy's timeout; then the client is gone


def test_an_image_that_fails_or_hangs_is_no_change_and_its_first_digest_is_its_baseline(site, store, fast_policy):
    policy = replace(fast_policy, timeout=1.0, retries=0)
    url = site.url("/zeze.html")
    site.routes["/zeze.html"] = _page()
    first = run_snapshot(store, url, policy)  # the chart is a 404: its bytes are unknown
    assert first.outcome == "new" and _digests(store, url) == {CHART: ""}
    site.routes[CHART] = Page(OLD_PNG, "image/png")
    assert run_snapshot(store, url, policy).outcome == "unchanged"  # known now, and not a change
    known = _digests(store, url)[CHART]
    assert known and store.counts()["versions"] == 1
    del site.routes[CHART]
    assert run_snapshot(store, url, policy).outcome == "unchanged"  # a 404 keeps the digest last seen
    site.routes[CHART] = _hangs
    assert run_snapshot(store, url, policy).outcome == "unchanged"  # so does a timeout
    assert _digests(store, url) == {CHART: known}
    site.routes[CHART] = Page(b"<html><body>\xe7\x99\xbb\xe5\xbd\x95</body></html>", "text/html")
    assert run_snapshot(store, url, policy).outcome == "unchanged"  # a login page served for it is not its bytes
    site.routes[CHART] = Page(NEW_PNG, "image/png")
    done = run_snapshot(store, url, policy)
    assert done.outcome == "new" and done.previous is not None and done.version is not None
    assert change_of(done.previous.document, done.version.document).headline == "image replaced: 资助总额"


def test_hanging_images_do_not_stall_the_host_for_its_other_pages(site, store, fast_policy):
    policy = replace(fast_policy, timeout=1.0, retries=0, per_host=2)
    site.routes["/zeze.html"] = _page(more='<p><img src="/c/2.png" alt="分图" width="600" height="400"></p>')
    site.routes[CHART], site.routes["/c/2.png"] = _hangs, _hangs  # both of the host's slots hang
    site.routes["/other.html"] = _page(alt="另一图")

    async def two_pages() -> tuple[Outcome, Outcome]:
        async with Fetcher(policy) as fetcher:
            first = await snapshot(fetcher, store, Target(site.url("/zeze.html")))
            return first, await snapshot(fetcher, store, Target(site.url("/other.html")))
    first, second = asyncio.run(two_pages())
    assert (first.outcome, second.outcome) == ("new", "new"), second.message


def test_an_image_too_large_is_cut_off_while_streaming_and_stays_unknown(site, store, fast_policy):
    policy = replace(fast_policy, image_bytes=64 * 1024)
    url = site.url("/zeze.html")
    chunk, total = b"\0" * 65536, 64 * 1024 * 1024
    written: list[int] = []

    def endless(h: BaseHTTPRequestHandler) -> None:  # no Content-Length: only the stream's cap stops it
        h.send_response(200)
        h.send_header("Content-Type", "image/png")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        with contextlib.suppress(OSError):
            while sum(written) < total:
                h.wfile.write(chunk)
                written.append(len(chunk))

    def declared(h: BaseHTTPRequestHandler) -> None:  # refused by its Content-Length, before reading
        h.send_response(200)
        h.send_header("Content-Type", "image/png")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        with contextlib.suppress(OSError):
            h.wfile.write(chunk)

    site.routes["/zeze.html"] = _page(more='<p><img src="/big/a.png" alt="大图一" width="900" height="900"></p>'
                                           '<p><img src="/big/b.png" alt="大图二" width="900" height="900"></p>')
    site.routes[CHART] = Page(OLD_PNG, "image/png")
    site.routes["/big/a.png"], site.routes["/big/b.png"] = endless, declared
    assert run_snapshot(store, url, policy).outcome == "new"
    digests = _digests(store, url)
    assert digests[CHART] and digests["/big/a.png"] == "" and digests["/big/b.png"] == ""
    assert site.hits["/big/a.png"] == 1 and site.hits["/big/b.png"] == 1
    assert sum(written) < total / 4  # the client hung up near the cap, the socket buffers took the rest


def _without_digests(store: Store, url: str) -> None:
    """The latest version as a release before image digests (or a reclean, which reads stored bytes only)
    wrote it: its image lines without a digest."""
    old = store.version(url)
    bare = replace(old.document, body=[b.split("〔")[0] if isinstance(b, str) else b for b in old.document.body])
    with store.transaction() as conn:
        conn.execute(update(versions).where(versions.c.id == old.id).values(document=pack(bare),
                                                                              text_hash=key_of(bare)))


def test_a_store_from_before_image_digests_reports_no_change_when_it_meets_them(site, tmp_path, fast_policy):
    url, db = site.url("/zeze.html"), str(tmp_path / "old.db")
    site.routes["/zeze.html"] = _page(etag='"page-1"')
    site.routes[CHART] = Page(OLD_PNG, "image/png", etag='"chart-1"')
    store = Store(db)
    run_snapshot(store, url, fast_policy)
    _without_digests(store, url)
    with store.transaction() as conn:
        conn.execute(text("ALTER TABLE pw_pages DROP COLUMN images"))
    store.close()

    store = Store(db)  # the upgrade adds the column: every page's images unknown
    try:
        assert _digests(store, url) == {CHART: ""}
        done = run_snapshot(store, url, fast_policy)  # the page is a 304
        assert done.outcome == "unchanged" and store.counts()["versions"] == 1
        assert _digests(store, url)[CHART]  # its first digest taken as its baseline
        site.routes[CHART] = Page(NEW_PNG, "image/png", etag='"chart-2"')
        assert run_snapshot(store, url, fast_policy).outcome == "new"
    finally:
        store.close()


def test_a_chart_swapped_after_a_reclean_is_still_a_change(site, store, fast_policy):
    """A recleaned latest version has lost its digests; the digest the last check saw fills it, not the
    new one (which would hide the swap)."""
    url = site.url("/zeze.html")
    site.routes["/zeze.html"] = _page(etag='"page-1"')
    site.routes[CHART] = Page(OLD_PNG, "image/png", etag='"chart-1"')
    run_snapshot(store, url, fast_policy)
    _without_digests(store, url)
    site.routes[CHART] = Page(NEW_PNG, "image/png", etag='"chart-2"')
    done = run_snapshot(store, url, fast_policy)  # the page is a 304, its chart is not
    assert done.outcome == "new" and done.previous is not None and done.version is not None
    assert change_of(done.previous.document, done.version.document).headline == "image replaced: 资助总额"


def test_a_reclean_keeps_each_versions_image_digests_and_reports_no_change(site, tmp_path, fast_policy):
    """Stored bytes are the page's alone: `policywatch reclean` carries each version's digests over to
    its recleaned text, so the swap stays in the history and the next check sees no change."""
    url, db, cfg = site.url("/zeze.html"), str(tmp_path / "r.db"), tmp_path / "r.toml"
    write_config(cfg, [])
    site.routes["/zeze.html"] = _page()
    site.routes[CHART] = Page(OLD_PNG, "image/png")
    store = Store(db)
    try:
        run_snapshot(store, url, fast_policy)
        site.routes[CHART] = Page(NEW_PNG, "image/png")
        assert run_snapshot(store, url, fast_policy).outcome == "new"
        before = [(v.key, v.document.lines()) for v in store.history(url)]
        with store.transaction() as conn:  # as an older cleaner wrote them
            conn.execute(update(versions).values(cleaner_version="0"))
        done = run("--db", db, "reclean", "--config", str(cfg))
        assert done.returncode == 0 and "recleaned 2 version(s)" in done.stdout, done.stderr
        after = store.history(url)
        assert [(v.key, v.document.lines()) for v in after] == before
        assert change_of(after[0].document, after[1].document).headline == "image replaced: 资助总额"
        assert run_snapshot(store, url, fast_policy).outcome == "unchanged"
    finally:
        store.close()


def _late(h: BaseHTTPRequestHandler) -> None:
    """A chart that comes, but only after 8 s: within the page's timeout (10 s), past an image's (3 s), each by a
    margin a loaded machine cannot eat."""
    threading.Event().wait(8)
    with contextlib.suppress(OSError):
        h.send_response(200)
        h.send_header("Content-Type", "image/png")
        h.send_header("Content-Length", str(len(NEW_PNG)))
        h.end_headers()
        h.wfile.write(NEW_PNG)


def test_the_image_settings_bound_what_a_check_fetches(site, tmp_path):
    url, cfg = site.url("/zeze.html"), tmp_path / "s.toml"
    site.routes["/zeze.html"] = _page(more='<p><img src="/c/late.png" alt="迟图" width="600" height="400"></p>',
                                      etag='"page-1"')
    site.routes[CHART], site.routes["/c/late.png"] = Page(OLD_PNG, "image/png"), _late

    def check(db: str, **settings: object) -> dict[str, str]:
        write_config(cfg, [{"name": "资助总额", "url": url}], **settings)  # a page's timeout of 10 s
        done = run("--db", str(tmp_path / db), "check", "--config", str(cfg))
        assert done.returncode == 0, done.stdout + done.stderr
        return _stored_digests(tmp_path / db, url)
    timed = check("timed.db", image_timeout=3.0)
    assert timed[CHART] and timed["/c/late.png"] == ""  # the late chart gave up on, the page stored
    assert check("small.db", image_bytes=1024, image_timeout=3.0)[CHART] == ""  # over its cap: unknown
    hits = site.hits[CHART]
    assert check("none.db", max_images=0) == {CHART: "", "/c/late.png": ""} and site.hits[CHART] == hits
    assert check("timed.db", max_images=0) == timed and site.hits[CHART] == hits  # a 304 page asks none either


def test_policywatch_snapshot_honours_the_image_caps(site, tmp_path):
    """`snapshot --max-images/--image-bytes/--image-timeout`: the monitor's caps, for a one-off fetch."""
    url = site.url("/zeze.html")
    site.routes["/zeze.html"] = _page(more='<p><img src="/c/second.png" alt="第二图" width="600" height="400"></p>')
    site.routes[CHART], site.routes["/c/second.png"] = Page(OLD_PNG, "image/png"), Page(NEW_PNG, "image/png")

    def snap(db: str, *options: str) -> dict[str, str]:
        done = run("--db", str(tmp_path / db), "snapshot", url, *options)
        assert done.returncode == 0, done.stdout + done.stderr
        return _stored_digests(tmp_path / db, url)
    first = hashlib.sha256(OLD_PNG).hexdigest()[:DIGEST_CHARS]
    assert snap("one.db", "--max-images", "1") == {CHART: first, "/c/second.png": ""}
    assert "/c/second.png" not in site.hits
    assert snap("small.db", "--image-bytes", "1024") == {CHART: "", "/c/second.png": ""}  # both over the cap
    assert snap("none.db", "--max-images", "0") == {CHART: "", "/c/second.png": ""}
    bad = run("snapshot", url, "--max-images", "101")
    assert bad.returncode == 2 and "--max-images" in bad.stderr


def test_a_lowered_max_images_asks_only_for_the_images_it_keeps_when_the_page_is_a_304(site, store, fast_policy):
    """Three charts seen, then max_images = 1 while the page answers 304: the first chart in the page's
    order is asked for, the others keep their digests unasked, and nothing reads as changed."""
    url = site.url("/zeze.html")
    more = "".join(f'<p><img src="/c/{n}.png" alt="图{n}" width="600" height="400"></p>' for n in (2, 3))
    site.routes["/zeze.html"] = _page(more=more, etag='"page-1"')
    for path in (CHART, "/c/2.png", "/c/3.png"):
        site.routes[path] = Page(OLD_PNG, "image/png", etag='"chart-1"')
    assert run_snapshot(store, url, fast_policy).outcome == "new"
    known = _digests(store, url)
    assert all(known.values()) and len(known) == 3
    hits = {path: site.hits[path] for path in known}
    assert run_snapshot(store, url, replace(fast_policy, max_images=1)).outcome == "unchanged"
    assert {path: site.hits[path] - hits[path] for path in known} == {CHART: 1, "/c/2.png": 0, "/c/3.png": 0}
    assert _digests(store, url) == known
    assert run_snapshot(store, url, replace(fast_policy, max_images=1)).outcome == "unchanged"
    site.routes["/zeze.html"] = _page(more=more)  # a 200 now: the same cap, the same images asked for
    assert run_snapshot(store, url, replace(fast_policy, max_images=1)).outcome == "unchanged"
    assert site.hits["/c/2.png"] == hits["/c/2.png"] and site.hits["/c/3.png"] == hits["/c/3.png"]
    assert _digests(store, url) == known
