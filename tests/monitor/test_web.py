"""`policywatch serve` in a real uvicorn server on 127.0.0.1, driven by headless Chromium and by httpx:
a watcher's whole round (log in, add a watch through the form, check it, see the change on the list and
the timeline, open the redline), an analyst's compare and trend, the feed, and the security rules."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx
from support import PASSWORD, ROOT, TOKEN, Served, article, cli, free_port, needs_chromium, run, seed_doc, write_config

from policywatch.monitor.demo.site import Page
from policywatch.snapshots import Document

HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
           '<a href="javascript:window.__pwned=3">点我</a>')


def _shot(browser, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    """A screenshot of the page on screen; kept in POLICYWATCH_SCREENSHOTS too (the README's pictures)."""
    shot = tmp_path / f"{name}.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    folder = os.environ.get("POLICYWATCH_SCREENSHOTS")
    if folder:
        shutil.copy(shot, Path(folder) / shot.name)
    return shot


def _until(browser, css: str, seconds: float = 120):  # type: ignore[no-untyped-def]
    """The element once the page that holds it has loaded (a click's navigation takes its time)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, seconds).until(lambda b: b.find_element("css selector", css))
    except TimeoutException:
        raise AssertionError(f"no {css} on {browser.current_url}: {browser.page_source[-2000:]}") from None


def _submit(browser, button) -> None:  # type: ignore[no-untyped-def]
    """Click and wait until the next page has replaced this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    # A mark on this page's window object: the next page starts without it. Asking an element of the old page
    # whether it went stale races the navigation (Chromium may answer "node does not belong to the document").
    browser.execute_script("window.pwOldPage = true")
    button.click()
    WebDriverWait(browser, 120, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script("return !window.pwOldPage && document.readyState === 'complete'")
    )


def _login(browser, served: Served) -> None:  # type: ignore[no-untyped-def]
    browser.get(served.url("/login"))
    browser.find_element("name", "password").send_keys(PASSWORD)
    _submit(browser, browser.find_element("css selector", "#login button"))
    _until(browser, "nav form button")  # "Log out" is there


def _wait_for(browser, served: Served, condition, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.time() + seconds
    while True:
        browser.get(served.url("/"))
        if condition(browser):
            return
        assert time.time() < deadline, browser.find_element("tag name", "body").text
        time.sleep(0.3)


def _check_now(browser, name: str) -> None:  # type: ignore[no-untyped-def]
    _submit(browser, _row(browser, name).find_element("xpath", ".//button[text()='Check now']"))
    assert "checking" in _until(browser, "#flash").text  # the POST was answered


def _row(browser, name: str):  # type: ignore[no-untyped-def]
    return browser.find_element("css selector", f'tr[data-watch="{name}"]')


@needs_chromium
def test_a_watchers_round_in_the_browser(browser, site, served, tmp_path):
    doc = seed_doc("004")
    site.routes["/notice.html"] = Page(article(doc))
    _login(browser, served)
    browser.get(served.url("/watches/new"))
    form = browser.find_element("id", "watch-form")
    form.find_element("name", "name").send_keys("答复函")
    form.find_element("name", "url").send_keys(site.url("/notice.html"))
    form.find_element("name", "tags").send_keys("stic")
    _shot(browser, tmp_path, "web-add-watch")
    _submit(browser, form.find_element("css selector", "button"))
    assert "added 答复函" in _until(browser, "#flash").text
    assert 'name = "答复函"' in served.cfg.read_text(encoding="utf-8")
    _check_now(browser, "答复函")
    _wait_for(browser, served, lambda b: _row(b, "答复函").find_element("css selector", ".state").text == "ok")
    site.routes["/notice.html"] = Page(article(doc).replace("特此致函。".encode(), "特此函复，请予支持。".encode()))
    _check_now(browser, "答复函")
    _wait_for(browser, served, lambda b: _row(b, "答复函").find_elements("xpath", "./td[6][not(text()='—')]"))
    _shot(browser, tmp_path, "web-watches")
    _submit(browser, _row(browser, "答复函").find_element("css selector", "td a"))
    _until(browser, "#timeline")
    versions = browser.find_elements("css selector", "#timeline tr td:first-child")
    assert [v.text for v in versions] == ["2", "1"]
    _shot(browser, tmp_path, "web-timeline")
    _submit(browser, browser.find_element("link text", "redline"))
    _until(browser, "#change")
    assert [e.text for e in browser.find_elements("css selector", "#redline ~ p ins")][:1] == ["特此函复，请予支持"]
    assert "version 1 → 2" in browser.find_element("id", "change").text
    _shot(browser, tmp_path, "web-redline")


def _serve_reports(site) -> list[str]:  # type: ignore[no-untyped-def]
    paths = []
    for year in (2023, 2024, 2025):
        text = (ROOT / "bench" / "reports" / f"gwr-{year}.txt").read_text(encoding="utf-8").split("\n")
        lines = [line for line in text if line.strip()]
        site.routes[f"/gwr/{year}.html"] = Page(article(Document(title=lines[0], body=lines[1:])))
        paths.append(f"/gwr/{year}.html")
    return paths


@needs_chromium
def test_an_analysts_compare_trend_and_feed(browser, site, served, tmp_path):
    paths = _serve_reports(site)
    write_config(served.cfg, [{"name": f"r{n}", "url": site.url(p)} for n, p in enumerate(paths)],
                 web_password=PASSWORD, web_token=TOKEN, robots=False)
    assert run("--db", served.db, "check", "--config", str(served.cfg)).returncode == 0
    browser.get(served.url("/analyse"))
    boxes = {b.get_attribute("value").split("@")[0]: b for b in browser.find_elements("name", "doc")}
    boxes[site.url(paths[0])].click()
    boxes[site.url(paths[1])].click()
    _submit(browser, browser.find_element("xpath", "//button[@value='compare']"))
    _until(browser, "table.summary")
    assert browser.find_elements("css selector", "mark")  # the figure inside its sentence
    _shot(browser, tmp_path, "web-compare")
    browser.get(served.url("/analyse"))
    for box in browser.find_elements("name", "doc"):
        box.click()
    _submit(browser, browser.find_element("xpath", "//button[@value='trend']"))
    _until(browser, "#trend")
    assert len(browser.find_elements("css selector", "#trend svg.chart")) >= 3
    _shot(browser, tmp_path, "web-trend")
    text = (ROOT / "bench" / "reports" / "gwr-2025.txt").read_text(encoding="utf-8").replace("5%左右", "4.5%左右")
    lines = [line for line in text.split("\n") if line.strip()]
    site.routes[paths[2]] = Page(article(Document(title=lines[0], body=lines[1:])))
    assert run("--db", served.db, "check", "--config", str(served.cfg)).returncode == 1
    feed = httpx.get(served.url("/feed.atom"))
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert lines[0] in feed.text
    browser.get(served.url("/digest"))
    entry = _until(browser, "#digest td a")
    assert entry.text == lines[0]
    _shot(browser, tmp_path, "web-digest")
    _submit(browser, entry)
    assert "4.5%" in _until(browser, "#change").text  # the changed figure, named in the summary


@needs_chromium
def test_hostile_page_text_renders_inert(browser, site, served, tmp_path):
    site.routes["/evil.html"] = Page(article(Document(title=HOSTILE, body=["第一条 " + HOSTILE, "第二条 施行。"])))
    write_config(served.cfg, [{"name": HOSTILE[:40], "url": site.url("/evil.html")}],
                 web_password=PASSWORD, web_token=TOKEN, robots=False)
    assert run("--db", served.db, "check", "--config", str(served.cfg)).returncode == 0
    site.routes["/evil.html"] = Page(article(Document(title=HOSTILE, body=["第一条 " + HOSTILE + "补充。",
                                                                             "第二条 施行。"])))
    run("--db", served.db, "check", "--config", str(served.cfg))
    evil = site.url("/evil.html")
    for path in ("/", f"/page?url={evil}", f"/version?url={evil}&seq=1", f"/diff?url={evil}", "/digest",
                 "/documents", f"/version?url={evil}&seq=1&raw=1"):
        browser.get(served.url(path))
        assert browser.execute_script("return window.__pwned === undefined"), path
        assert not browser.find_elements("css selector", "body img, body script"), path
        assert not [a for a in browser.find_elements("tag name", "a")
                    if (a.get_attribute("href") or "").startswith("javascript:")], path


def test_writes_need_a_login_a_csrf_token_and_the_same_origin(site, served):
    form = {"name": "x", "url": site.url("/x.html")}
    before = served.cfg.read_text(encoding="utf-8")
    anonymous = httpx.post(served.url("/watches/new"), data=form)
    assert anonymous.status_code == 401
    with httpx.Client(base_url=served.base) as client:
        logged_in = client.post("/login", data={"password": PASSWORD})
        assert logged_in.status_code == 303 and "pw_session" in client.cookies
        assert client.post("/watches/new", data=form).status_code == 403  # no CSRF token
        page = client.get("/watches/new").text
        token = page.split('name="csrf" value="')[1].split('"')[0]
        cross = client.post("/watches/new", data={**form, "csrf": token}, headers={"Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403
        other_origin = client.post("/watches/new", data={**form, "csrf": token}, headers={"Origin": "http://evil.test"})
        assert other_origin.status_code == 403
        assert served.cfg.read_text(encoding="utf-8") == before
        done = client.post("/watches/new", data={**form, "csrf": token}, headers={"Sec-Fetch-Site": "same-origin"})
        assert done.status_code == 303 and 'name = "x"' in served.cfg.read_text(encoding="utf-8")
        assert client.post("/login", data={"password": "wrong"}).headers["location"].startswith("/login?err=")
    for header in ({}, {"Authorization": "Bearer wrong"}):
        assert httpx.post(served.url("/api/watches"), json={"name": "y", "url": site.url("/y")},
                          headers=header).status_code == 401
    with_cookie = httpx.post(served.url("/api/watches"), json={"name": "y", "url": site.url("/y")},
                             headers={"Authorization": f"Bearer {TOKEN}", "Cookie": "pw_session=x"})
    assert with_cookie.status_code == 403
    api = httpx.post(served.url("/api/watches"), json={"name": "y", "url": site.url("/y")},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert api.status_code == 201 and api.json() == {"ok": True, "added": "y"}
    listed = httpx.get(served.url("/api/watches")).json()
    assert [r["name"] for r in listed["rows"]] == ["x", "y"]
    schema = httpx.get(served.url("/api/openapi.json")).json()
    assert {"/api/watches", "/api/page", "/api/diff", "/api/compare", "/api/trend"} <= set(schema["paths"])
    headers = httpx.get(served.url("/")).headers
    assert "default-src 'none'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_serving_beyond_loopback_needs_a_password(tmp_path):
    cfg = tmp_path / "open.toml"
    write_config(cfg, [])
    done = cli("serve", "--host", "0.0.0.0", "--port", str(free_port()), "--config", str(cfg), timeout=30)
    assert done.returncode == 2 and "web_password" in done.stderr and done.stderr.count("\n") == 1
