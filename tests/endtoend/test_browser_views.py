"""What a watcher sees in the web app, in a real headless Chromium over a real uvicorn server and a store
filled by real checks of a local site: relative times with the exact time on hover, the figure a revised
page changed in the watch list, a refused form that keeps what was typed, and downloads that open."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from support import article, free_port, needs_chromium, run, running, write_config

from policywatch.monitor.demo.site import Page
from policywatch.snapshots import Document

pytestmark = needs_chromium
PASSWORD = "correct horse battery"
TITLE = "关于孵化器认定的通知"


def _notice(count: str) -> bytes:
    return article(Document(title=TITLE, published="2026-03-01",
                            body=[f"一、全市已认定孵化器{count}家，今年新增10家。", "二、申报截止时间为4月30日。"]))


@pytest.fixture
def base(site, tmp_path):  # type: ignore[no-untyped-def]
    """The app on a free port over a watch whose page was checked, then revised (50家 → 60家) and checked."""
    import uvicorn

    from policywatch.monitor.web.app import create_app

    site.routes["/notice.html"] = Page(_notice("50"))
    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [{"name": "孵化器通知", "url": site.url("/notice.html")}], web_password=PASSWORD)
    assert run("--db", db, "check", "--config", str(cfg), "--no-notify").returncode == 0
    site.routes["/notice.html"] = Page(_notice("60"))
    assert run("--db", db, "check", "--config", str(cfg), "--no-notify").returncode == 1
    port = free_port()
    with running(uvicorn.Config(create_app(cfg, db), host="127.0.0.1", port=port, log_level="warning")):
        yield f"http://127.0.0.1:{port}"


def _row(browser):  # type: ignore[no-untyped-def]
    return browser.find_element("css selector", 'tr[data-watch="孵化器通知"]')


def _answered(browser, by: str, value: str, seconds: float = 120):  # type: ignore[no-untyped-def]
    """The element of the page a click leads to: a click returns before a loaded server answers, so the old page
    may still be shown (found by waiting for it, never by a time the machine must keep)."""
    deadline = time.time() + seconds
    while not (found := browser.find_elements(by, value)):
        assert time.time() < deadline, f"no {value} after the click"
        time.sleep(0.1)
    return found[0]


def test_times_are_relative_with_the_exact_time_on_hover(browser, base):
    browser.get(base + "/")
    moments = _row(browser).find_elements("css selector", "td.when time")
    assert len(moments) == 3  # last check, last change, next run
    checked = moments[0]
    assert checked.text == "just now" and moments[2].text.startswith("in ")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d CST", checked.get_attribute("title"))
    assert checked.get_attribute("datetime").endswith("+08:00")
    assert checked.find_element("xpath", "..").value_of_css_property("white-space") == "nowrap"


def test_the_watch_list_shows_the_figure_a_revised_page_changed(browser, base):
    browser.get(base + "/")
    assert _row(browser).find_element("css selector", "td.what").text == "figure 50家 → 60家"
    browser.find_element("link text", "孵化器通知").click()
    second = _answered(browser, "xpath", "//table[@id='timeline']//tr[td[1]='2']")
    assert second.find_element("css selector", "td.what").text == "figure 50家 → 60家"


def test_a_refused_form_keeps_its_values_and_marks_the_url(browser, base):
    browser.get(base + "/login")
    browser.find_element("name", "password").send_keys(PASSWORD)
    browser.find_element("css selector", "#login button").click()
    deadline = time.time() + 120  # the login answers once its password check (in a thread) is done
    while "/login" in browser.current_url:
        assert time.time() < deadline, "the login never finished"
        time.sleep(0.1)
    browser.get(base + "/watches/new")
    form = browser.find_element("id", "watch-form")
    typed = {"name": "新的通知", "url": "ftp://stic.sz.gov.cn/tzgg/", "tags": "stic, 科技"}
    for name, value in typed.items():
        form.find_element("name", name).send_keys(value)
    form.find_element("name", "ignore").send_keys("浏览次数\\d+")
    form.find_element("css selector", "button").click()
    error = _answered(browser, "id", "form-error")
    assert "not an http(s) URL" in error.text
    form = browser.find_element("id", "watch-form")
    assert {n: form.find_element("name", n).get_attribute("value") for n in typed} == typed
    assert form.find_element("name", "ignore").get_attribute("value") == "浏览次数\\d+"
    url = form.find_element("name", "url")
    assert url.get_attribute("aria-invalid") == "true" and "fault" in url.get_attribute("class")
    assert url.value_of_css_property("border-top-color") == "rgba(204, 0, 0, 1)"
    assert form.find_element("name", "name").get_attribute("aria-invalid") is None


def _downloaded(folder: Path, suffix: str, seconds: float = 120) -> Path:
    deadline = time.time() + seconds
    while True:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done:
            return done[0]
        assert time.time() < deadline, f"no {suffix} in {sorted(p.name for p in folder.iterdir())}"
        time.sleep(0.1)


def test_the_csv_and_xlsx_downloads_open(browser, base, tmp_path):
    import csv

    import openpyxl

    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    browser.get(base + "/")
    browser.find_element("css selector", "#exports").find_element("link text", "CSV").click()
    rows = list(csv.reader(io.StringIO(_downloaded(folder, "watches.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["name", "url"] and rows[1][0] == "孵化器通知"
    browser.find_element("css selector", "#exports").find_element("link text", "XLSX").click()
    book = openpyxl.load_workbook(_downloaded(folder, "watches.xlsx"))
    assert book["watches"]["A2"].value == "孵化器通知" and book["watches"]["B2"].value.endswith("/notice.html")


def test_the_search_page_shows_the_version_where_a_phrase_disappeared(browser, tmp_path):
    """A watcher types a phrase into the search page; its history names the version that dropped it."""
    import uvicorn
    from phrase_history import came_and_went

    from policywatch.monitor.web.app import create_app
    from policywatch.snapshots import Store

    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [], web_password=PASSWORD)
    store = Store(db)
    came_and_went(store)
    store.close()
    port = free_port()
    with running(uvicorn.Config(create_app(cfg, db), host="127.0.0.1", port=port, log_level="warning")):
        browser.get(f"http://127.0.0.1:{port}/search")
        box = browser.find_element("css selector", "input[name=q]")
        box.send_keys("揭榜挂帅")
        box.submit()
        deadline = time.time() + 120
        while not browser.find_elements("css selector", "section.history"):
            assert time.time() < deadline, browser.find_element("tag name", "body").text
            time.sleep(0.1)
        gone = [row.text for row in browser.find_elements("css selector", "section.history tr.disappeared")]
        assert any("2024年工作报告" in text for text in gone), gone
        assert any("关于重点项目的通知 v2" in text for text in gone), gone
