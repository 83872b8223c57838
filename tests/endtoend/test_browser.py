"""HTML outputs in a real headless Chromium (Debian's chromium + chromedriver, driven by selenium):
inserted and deleted text is visibly marked, and untrusted page text never runs as script."""
from __future__ import annotations

from datetime import UTC
from pathlib import Path

from support import needs_chromium, seed_doc

from policywatch.diffing.compare import compare
from policywatch.diffing.diff import diff_texts
from policywatch.monitor.render import render
from policywatch.snapshots import Document

pytestmark = needs_chromium
HOSTILE = ('<script>window.__pwned = 1; document.title = "PWNED"</script>'
           '<img src=x onerror="window.__pwned = 2"><a href="javascript:window.__pwned=3">点我</a>')


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
        "compare.html": render("compare", "html", compare(
            Document(title=HOSTILE, body=old.split("\n")),
            Document(title="新", body=(new + "\n推动设立《" + HOSTILE + "》专项。").split("\n")))),
    }
    from datetime import datetime

    from policywatch.monitor.outbox.digest import Digest, Entry
    entry = Entry("change", HOSTILE, "javascript:alert(1)", HOSTILE, datetime.now(UTC), HOSTILE, [HOSTILE])
    outputs["digest.html"] = render("digest", "html", Digest(datetime.now(UTC), [entry]))
    for name, html in outputs.items():
        page = _open(browser, tmp_path, name, html)
        assert page.execute_script("return window.__pwned === undefined"), name
        assert page.title != "PWNED", name
        assert "<script>" in page.find_element("tag name", "body").text, name
        assert not page.find_elements("css selector", "body img"), name
        assert not [a for a in page.find_elements("tag name", "a")
                    if (a.get_attribute("href") or "").startswith("javascript:")], name


def test_trend_chart_draws_results_and_targets(browser, tmp_path):
    """Invented editions: the html trend has one SVG per metric, a solid results line and dashed targets,
    each point labelled with its year and figure as written."""
    from policywatch.diffing.trend import trend

    def edition(year: int, rate: str) -> Document:
        return Document(title=f"某市{year}年工作总结和{year + 1}年工作计划",
                        body=[f"一、{year}年工作总结", f"城镇调查失业率{rate}%，新增孵化器{year - 2010}家。",
                              f"二、{year + 1}年工作计划", "城镇调查失业率5.5%左右，新增孵化器10家以上。"])
    result = trend([edition(2023, "5.1"), edition(2021, "4.0"), edition(2022, "4.6")])
    page = _open(browser, tmp_path, "trend.html", render("trend", "html", result))
    charts = page.find_elements("css selector", "#trend svg.chart")
    assert len(charts) == len(result.rows) >= 2
    first = charts[0]
    assert first.find_element("css selector", "polyline.r").is_displayed()
    assert first.find_element("css selector", "polyline.t").value_of_css_property("stroke-dasharray") != "none"
    labels = [t.get_attribute("textContent") for t in first.find_elements("css selector", "circle.rp title")]
    assert labels == ["result 2021: 4.0%", "result 2022: 4.6%", "result 2023: 5.1%"] or \
        labels == ["result 2021: 11家", "result 2022: 12家", "result 2023: 13家"]
    shot = tmp_path / "trend.png"
    page.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_compare_html_highlights_the_number_inside_its_sentence(browser, tmp_path):
    def edition(year: int, count: str) -> Document:
        return Document(title=f"某市{year}年工作总结和{year + 1}年工作计划",
                        body=[f"一、{year}年工作总结", f"全年新增孵化器{count}家，技术合同成交额1500亿元。",
                              f"二、{year + 1}年工作计划", "推进孵化载体建设。"])
    page = _open(browser, tmp_path, "compare.html", render("compare", "html", compare(edition(2023, "12"),
                                                                                      edition(2024, "15"))))
    (mark,) = page.find_elements("css selector", "mark")
    assert mark.text == "15家"
    assert mark.find_element("xpath", "..").text == "全年新增孵化器15家，技术合同成交额1500亿元。"
    assert mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"


def test_an_email_digest_of_hostile_pages_carries_no_live_markup(browser, site, tmp_path, mailbox):
    """A listing whose link, title and text are markup, through Apprise's Markdown-to-HTML, a real SMTP
    server (aiosmtpd) and Chromium: the email's HTML shows the markup as text and runs nothing."""
    import email

    from support import article, run, write_config

    from policywatch.monitor.demo.site import Page, listing_html

    benign = [("关于项目管理的通知", "/content/post_1.html", "2026-02-01")]
    site.routes["/content/post_1.html"] = Page(article(Document(title="关于项目管理的通知", published="2026-02-01",
                                                                body=["第一条 为规范管理，制定本办法。"])))
    site.routes["/list/"] = Page(listing_html("通知公告", benign).encode("utf-8"))
    cfg = tmp_path / "m.toml"
    write_config(cfg, [{"name": "list", "url": site.url("/list/"), "kind": "listing"}], notify=[mailbox.target()])
    db = str(tmp_path / "m.db")
    run("--db", db, "check", "--config", str(cfg))
    evil = '/content/post_9.html?a="><img src=x onerror="window.__pwned=5">'
    site.routes["/content/post_9.html"] = Page(article(Document(title=HOSTILE, published="2026-03-01",
                                                                body=["第一条 为规范管理，制定本办法。" + HOSTILE])))
    listed = [(HOSTILE + "](javascript:window.__pwned=6)", evil, "2026-03-01"), *benign]
    site.routes["/list/"] = Page(listing_html("通知公告", listed).encode("utf-8"))
    done = run("--db", db, "check", "--config", str(cfg), "-v")
    assert done.returncode == 1, done.stdout + done.stderr
    received = mailbox.wait()
    assert len(received) == 1
    message = email.message_from_bytes(received[0].content)
    parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
    assert parts, "Apprise sends the Markdown digest as HTML email"
    html = parts[0].get_payload(decode=True).decode(parts[0].get_content_charset() or "utf-8")
    page = _open(browser, tmp_path, "email.html", html)
    assert page.execute_script("return window.__pwned === undefined")
    assert not page.find_elements("css selector", "img, script, iframe")
    assert not [a for a in page.find_elements("tag name", "a")
                if not (a.get_attribute("href") or "").startswith(("http://", "https://", "file:"))]
    assert "<script>" in page.find_element("tag name", "body").text
