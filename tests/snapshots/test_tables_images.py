"""Tables and images as content, through a monitoring pass against a local server: a changed cell reads
with its row and column headings in the digest, a replaced chart (NFCMS publishes data tables as PNGs)
is a change."""
from __future__ import annotations

import json

from support import run, write_config

from policywatch.monitor.demo.site import Page

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2026年度资助计划-深圳市科技创新局</title>
<meta name="ArticleTitle" content="2026年度科技计划资助安排"><meta name="pubDate" content="2026-03-01"></head>
<body><div class="news_cont_d_wrap"><p>　　现将2026年度科技计划各专项的资助安排公布如下，请各单位认真核对。</p>
<table><tr><th>专项</th><th>项目数（个）</th><th>资助上限（万元）</th></tr>
<tr><td>人工智能</td><td>40</td><td>{ai}</td></tr><tr><td>合成生物</td><td>25</td><td>2000</td></tr></table>
<p>　　各专项资助总额见下图。</p>
<p><img class="nfw-cms-img" src="/attachment/0/5/{chart}.png" width="600" height="400"></p>
<p><img src="/images/print.gif" width="16" height="16"></p></div></body></html>"""


def _entries(db: str, cfg, out) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    done = run("--db", db, "check", "--config", str(cfg))
    assert done.returncode == 1, done.stdout + done.stderr
    return json.loads((out / "latest.json").read_text(encoding="utf-8"))["entries"]


def _baseline(site, tmp_path):  # type: ignore[no-untyped-def]
    site.routes["/zjap.html"] = Page(PAGE.format(ai="3000", chart="5001").encode("utf-8"))
    out = tmp_path / "out"
    cfg = tmp_path / "t.toml"
    write_config(cfg, [{"name": "资助安排", "url": site.url("/zjap.html")}], digest_dir=str(out))
    db = str(tmp_path / "t.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    return db, cfg, out


def test_a_changed_cell_is_a_figure_change_named_by_its_row_and_column(site, tmp_path):
    db, cfg, out = _baseline(site, tmp_path)

    site.routes["/zjap.html"] = Page(PAGE.format(ai="2500", chart="5001").encode("utf-8"))
    (entry,) = _entries(db, cfg, out)
    lines = "\n".join(str(line) for line in entry["lines"])
    assert "figure: 人工智能资助上限 3000万元 → 2500万元" in lines, lines
    assert "合成生物" not in lines and "print.gif" not in lines
    url = site.url("/zjap.html")
    diffed = run("--db", db, "diff", f"{url}@1", f"{url}@2", "--format", "text")
    assert diffed.returncode == 1 and "人工智能 资助上限 [-3000-]{+2500+}万元" in diffed.stdout, diffed.stdout
    (redline,) = (out / "redlines").glob("*.html")
    assert "人工智能 资助上限 " in redline.read_text(encoding="utf-8")



def test_a_swapped_chart_is_a_change_and_an_icon_is_not_content(site, tmp_path):
    db, cfg, out = _baseline(site, tmp_path)
    assert "print.gif" not in run("--db", db, "show", site.url("/zjap.html")).stdout
    site.routes["/zjap.html"] = Page(PAGE.format(ai="3000", chart="5002").encode("utf-8"))
    (entry,) = _entries(db, cfg, out)
    lines = "\n".join(str(line) for line in entry["lines"])
    assert "5001.png" in lines and "5002.png" in lines, lines
