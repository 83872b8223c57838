"""A watch's filters against a local site: CSS selectors choose the part of a page that counts, keywords
(any/all, regular expressions) the news that is told; `check --explain URL` shows what they kept."""
from __future__ import annotations

import json

from support import article, run, write_config

from policywatch.monitor.demo.site import Page, listing_html
from policywatch.snapshots import Document

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>科技金融专栏</title></head><body>
<div class="side"><p>热点推荐：{side}</p></div>
<div class="news_cont_d_wrap"><p>深圳市科技金融服务体系建设方案正文，支持{body}。</p>
<p class="counter">本文浏览次数：{count}次，欢迎转发分享本页。</p></div></body></html>"""


def _check(db: str, cfg) -> tuple[int, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    done = run("--db", db, "check", "--config", str(cfg), "--json")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode, [r for r in json.loads(done.stdout)["results"] if r["changed"]]


def test_selectors_choose_the_part_of_a_page_that_counts(site, tmp_path):
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动一", body="科技企业融资", count=1).encode("utf-8"))
    cfg = tmp_path / "f.toml"
    write_config(cfg, [{"name": "科技金融", "url": site.url("/kjjr.html"), "select": "div.news_cont_d_wrap",
                        "exclude": "p.counter"}])
    db = str(tmp_path / "f.db")
    assert _check(db, cfg)[0] == 0
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动二", body="科技企业融资", count=99).encode("utf-8"))
    assert _check(db, cfg) == (0, [])  # the sidebar and the excluded counter changed: nothing that counts
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动二", body="天使投资", count=99).encode("utf-8"))
    status, changed = _check(db, cfg)
    assert status == 1 and [r["url"] for r in changed] == [site.url("/kjjr.html")]


def test_keywords_tell_only_the_news_that_mentions_them(site, tmp_path):
    """A listing with keywords = ["人工智能", "申报"]: of two new notices only the one that mentions a
    keyword is told; both are stored. A page's change is told only when its changed lines match."""
    def notice(n: int, text: str) -> None:
        site.routes[f"/tzgg/post_{n}.html"] = Page(article(Document(title=f"第{n}号通知", published="2026-03-01",
                                                                    body=[text, "深圳市科技创新局"])))
    notice(1, "关于举办科技活动周的通知，欢迎市民参加。")
    rows = [("第1号通知", "/tzgg/post_1.html", "2026-03-01")]
    site.routes["/tzgg/"] = Page(listing_html("通知公告", rows).encode("utf-8"))
    cfg = tmp_path / "k.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/tzgg/"), "kind": "listing",
                        "keywords": ["人工智能", "申报"]}])
    db = str(tmp_path / "k.db")
    assert _check(db, cfg)[0] == 0
    notice(2, "关于组织申报2026年度人工智能专项的通知。")
    notice(3, "关于调整办公地址的通知。")
    rows = [("第3号通知", "/tzgg/post_3.html", "2026-03-03"), ("第2号通知", "/tzgg/post_2.html", "2026-03-02"), *rows]
    site.routes["/tzgg/"] = Page(listing_html("通知公告", rows).encode("utf-8"))
    status, told = _check(db, cfg)
    assert status == 1 and [r["url"] for r in told] == [site.url("/tzgg/post_2.html")]
    assert "第3号通知" in run("--db", db, "show", site.url("/tzgg/post_3.html")).stdout  # kept, not told
    notice(1, "关于举办科技活动周的通知，欢迎市民踊跃参加。")
    assert _check(db, cfg) == (0, [])  # an edit without a keyword in what changed
    notice(1, "关于举办科技活动周的通知，欢迎市民踊跃参加，现场设人工智能展区。")
    assert [r["url"] for r in _check(db, cfg)[1]] == [site.url("/tzgg/post_1.html")]


def test_all_keywords_as_regular_expressions_and_the_explanation(site, tmp_path):
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动", body="人工智能企业", count=1).encode("utf-8"))
    cfg = tmp_path / "a.toml"
    write_config(cfg, [{"name": "科技金融", "url": site.url("/kjjr.html"), "select": "div.news_cont_d_wrap",
                        "exclude": "p.counter", "keywords": ["人工智能", r"\d+万元"], "match": "all"}])
    db = str(tmp_path / "a.db")
    assert _check(db, cfg)[0] == 0
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动", body="人工智能企业融资", count=1).encode("utf-8"))
    assert _check(db, cfg) == (0, [])  # one keyword of two
    site.routes["/kjjr.html"] = Page(PAGE.format(side="活动", body="人工智能企业融资500万元", count=1).encode("utf-8"))
    assert _check(db, cfg)[0] == 1
    shown = run("check", "--config", str(cfg), "--explain", site.url("/kjjr.html"))
    assert shown.returncode == 0, shown.stderr
    assert "人工智能企业融资500万元" in shown.stdout
    assert "热点推荐" not in shown.stdout and "浏览次数" not in shown.stdout
    assert "keywords (all): 人工智能 found, \\d+万元 found" in shown.stdout


def test_a_bad_selector_or_keyword_is_one_line_naming_it(tmp_path):
    cfg = tmp_path / "bad.toml"
    write_config(cfg, [{"name": "x", "url": "http://stic.sz.gov.cn/", "select": "div[["}])
    done = run("check", "--config", str(cfg))
    assert done.returncode == 2 and "select: CSS selector 'div[['" in done.stderr
    write_config(cfg, [{"name": "x", "url": "http://stic.sz.gov.cn/", "keywords": ["(人工"]}])
    done = run("check", "--config", str(cfg))
    assert done.returncode == 2 and "keywords: pattern '(人工'" in done.stderr
