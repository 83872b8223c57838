"""HTML outputs in a real headless Chromium (Debian's chromium + chromedriver, driven by selenium):
inserted and deleted text is visibly marked, and untrusted page text never runs as script."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from diffing.compare import compare
from diffing.diff import diff_texts
from monitor.render import render

from .conftest import seed_doc

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or not Path(DRIVER).exists(),
                                reason="Debian's chromium/chromium-driver not installed (.ci/run installs them)")
HOSTILE = ('<script>window.__pwned = 1; document.title = "PWNED"</script>'
           '<img src=x onerror="window.__pwned = 2"><a href="javascript:window.__pwned=3">点我</a>')


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='pw-chrome-')}", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _open(browser, tmp_path: Path, name: str, html: str):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())
    return browser


def test_diff_html_marks_insertions_and_deletions(browser, tmp_path):
    old = "\n".join(seed_doc("000").lines())
    new = old.replace("2236.6亿元", "2300亿元").replace("技术合同成交额1000亿元以上", "技术合同成交额1200亿元以上")
    page = _open(browser, tmp_path, "diff.html", render("diff", "html", diff_texts(old, new)))
    ins = [e.text for e in page.find_elements("css selector", "#redline ~ p ins")]
    dels = [e.text for e in page.find_elements("css selector", "#redline ~ p del")]
    assert ins == ["2300", "1200"] and dels == ["2236.6", "1000"]
    element = page.find_element("css selector", "ins")
    assert element.value_of_css_property("text-decoration-line") == "underline"
    assert element.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    deleted = page.find_element("css selector", "del")
    assert deleted.value_of_css_property("text-decoration-line") == "line-through"
    shot = tmp_path / "diff.png"
    page.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_hostile_text_is_shown_not_run(browser, tmp_path):
    old = "\n".join(seed_doc("004").lines())
    new = old.replace("特此致函。", "特此致函。" + HOSTILE)
    outputs = {
        "diff.html": render("diff", "html", diff_texts(old, new), old_label=HOSTILE, new_label="新"),
        "compare.html": render("compare", "html", compare(HOSTILE, "", old, "新", "", new + "\n推动设立《" + HOSTILE + "》专项。")),
    }
    from monitor.digest import Digest, Entry
    from datetime import datetime, timezone
    entry = Entry("change", HOSTILE, "javascript:alert(1)", HOSTILE, datetime.now(timezone.utc), HOSTILE, [HOSTILE])
    outputs["digest.html"] = render("digest", "html", Digest(datetime.now(timezone.utc), [entry]))
    for name, html in outputs.items():
        page = _open(browser, tmp_path, name, html)
        assert page.execute_script("return window.__pwned === undefined"), name
        assert page.title != "PWNED", name
        assert "<script>" in page.find_element("tag name", "body").text, name
        assert not page.find_elements("css selector", "body img"), name
        assert not [a for a in page.find_elements("tag name", "a")
                    if (a.get_attribute("href") or "").startswith("javascript:")], name
