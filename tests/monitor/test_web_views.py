"""What a watcher reads in the web app, as HTML from the app itself (FastAPI's TestClient over a real
store filled by real checks of a local site): times in the bureau's zone with the exact moment on hover,
what each change was, the digest's passages, forms that keep what was typed, and exports."""
from __future__ import annotations

import csv
import html
import io
import re

import pytest
from support import article, run, write_config

from policywatch.monitor.demo.site import Page, listing_html
from policywatch.snapshots import Document

PASSWORD = "correct horse battery"
NOTICE = Document(title="关于孵化器认定的通知", published="2026-03-01",
                  body=["一、全市已认定孵化器50家，今年新增10家。", "二、申报截止时间为4月30日。"])


def _notice(body: list[str]) -> bytes:
    return article(Document(title=NOTICE.title, published=NOTICE.published, body=body))


@pytest.fixture
def app(site, tmp_path):  # type: ignore[no-untyped-def]
    """A config watching a notice and a listing, checked twice: the notice's figure 50家 became 60家,
    and the listing published two documents."""
    from fastapi.testclient import TestClient

    from policywatch.monitor.web.app import create_app

    site.routes["/notice.html"] = Page(_notice(NOTICE.body))
    first = [("关于项目管理的通知", "/content/post_1.html", "2026-02-01")]
    site.routes["/content/post_1.html"] = Page(article(Document(title="关于项目管理的通知",
                                                                body=["第一条 制定本办法。"])))
    site.routes["/list/"] = Page(listing_html("通知公告", first).encode("utf-8"))
    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [{"name": "孵化器通知", "url": site.url("/notice.html")},
                       {"name": "通知公告", "url": site.url("/list/"), "kind": "listing"}], web_password=PASSWORD)
    assert run("--db", db, "check", "--config", str(cfg), "--no-notify").returncode == 0
    site.routes["/notice.html"] = Page(_notice([NOTICE.body[0].replace("50家", "60家"), NOTICE.body[1]]))
    listed = [("关于2027年度项目申报的通知", "/content/post_2.html", "2026-03-02"),
              ("关于资助标准的补充说明", "/content/post_3.html", "2026-03-03"), *first]
    for title, path, _ in listed[:2]:
        site.routes[path] = Page(article(Document(title=title, body=["第一条 为规范管理，制定本办法。"])))
    site.routes["/list/"] = Page(listing_html("通知公告", listed).encode("utf-8"))
    done = run("--db", db, "check", "--config", str(cfg), "--no-notify")
    assert done.returncode == 1, done.stdout + done.stderr
    with TestClient(create_app(cfg, db), base_url="http://127.0.0.1") as client:
        client.site = site  # type: ignore[attr-defined]
        client.cfg = cfg  # type: ignore[attr-defined]
        yield client


def _row(html: str, marker: str) -> str:
    return next(r for r in html.split("<tr") if marker in r)


def test_times_are_relative_with_the_exact_moment_on_hover(app):
    row = _row(app.get("/").text, 'data-watch="孵化器通知"')
    times = re.findall(r'<time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', row)
    assert len(times) >= 2  # last check, last change (and the next run)
    iso, exact, shown = times[0]
    assert iso.endswith("+08:00") and exact.endswith(" CST") and shown == "just now"
    from datetime import datetime
    from zoneinfo import ZoneInfo
    assert exact == datetime.fromisoformat(iso).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M CST")
    assert "T" not in re.sub(r"<[^>]+>", "", row.split("</td>")[4])  # no raw ISO value shown


def test_the_watch_list_says_what_changed(app):
    html = app.get("/").text
    assert "figure 50家 → 60家" in _row(html, 'data-watch="孵化器通知"')
    listing = _row(html, 'data-watch="通知公告"')
    assert "2 new documents: /content/post_2.html、/content/post_3.html" in listing or \
        "2 new documents:" in listing, listing
    assert "| |" not in listing


def test_the_timeline_names_the_figure_not_a_character_count(app):
    html = app.get("/page", params={"url": app.site.url("/notice.html")}).text
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in _row(html, "<td>2</td>").split("</td>")]
    assert cells[2] == "figure 50家 → 60家" and not any(c == "+0" for c in cells), cells
    assert "first version" in _row(html, "<td>1</td>")


def _logged_in(app) -> str:  # type: ignore[no-untyped-def]
    assert app.post("/login", data={"password": PASSWORD}, follow_redirects=False).status_code == 303
    return app.get("/watches/new").text.split('name="csrf" value="')[1].split('"')[0]


def test_a_refused_form_keeps_what_was_typed_and_marks_the_field(app):
    csrf = _logged_in(app)
    sent = {"csrf": csrf, "name": "新的通知", "url": "ftp://stic.sz.gov.cn/x", "tags": "stic, 科技",
            "schedule": "0 8 * * 1-5", "ignore": "浏览次数\\d+", "notify": ""}
    before = app.cfg.read_text(encoding="utf-8")
    page = app.post("/watches/new", data=sent, follow_redirects=False)
    assert page.status_code == 400 and app.cfg.read_text(encoding="utf-8") == before
    html = page.text
    assert "not an http(s) URL" in html.split('id="form-error"')[1].split("</p>")[0]
    assert re.search(r'name="url" class="fault" aria-invalid="true"[^>]* value="ftp://stic.sz.gov.cn/x"', html)
    assert re.search(r'name="name" value="新的通知"', html)  # kept, and not marked
    assert 'value="stic, 科技"' in html and 'value="0 8 * * 1-5"' in html and ">浏览次数\\d+</textarea>" in html
    bad_schedule = app.post("/watches/new", data={**sent, "url": "http://stic.sz.gov.cn/x", "schedule": "every"},
                            follow_redirects=False).text
    assert re.search(r'name="schedule" class="fault"', bad_schedule) and 'name="url" class="fault"' not in bad_schedule
    taken = app.post("/watches/new", data={**sent, "url": "http://stic.sz.gov.cn/x", "name": "通知公告"},
                     follow_redirects=False).text
    assert re.search(r'name="name" class="fault"', taken)


def test_the_digest_page_has_the_markdown_digests_passages(app):
    """The second check wrote the Markdown digest (latest.md); the page lists the same lines under the change."""
    from policywatch.monitor.outbox.publish import output_dir
    from policywatch.monitor.watching import config as config_mod

    web = app.app.state.web
    markdown = (output_dir(config_mod.load(app.cfg), web.store) / "latest.md").read_text(encoding="utf-8")
    change = markdown.split("## Changed (1)")[1].split("\n## ")[0]
    lines = [line[2:] for line in change.split("\n") if line.startswith("- ") and "redline" not in line]
    assert any("50家 → 60家" in line for line in lines), change
    row = _row(app.get("/digest").text, "孵化器")
    shown = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", row)]
    assert shown == [line.replace("\\", "") for line in lines]


def test_the_redline_page_shows_its_summary_once(app):
    html = app.get("/diff", params={"url": app.site.url("/notice.html")}).text
    assert html.count("% changed") == 1 and 'id="summary"' not in html


def test_compare_and_trend_value_cells_do_not_wrap_and_charts_have_labelled_axes(app):
    from policywatch.diffing.compare import compare
    from policywatch.diffing.trend import trend
    from policywatch.monitor.render import render

    def edition(year: int, amount: str) -> Document:
        return Document(title=f"某市{year}年工作总结和{year + 1}年工作计划",
                        body=[f"一、{year}年工作总结", f"技术合同成交额超过{amount}亿元，新增孵化器{year - 2010}家。",
                              f"二、{year + 1}年工作计划", "推进孵化载体建设。"])
    html = render("compare", "html", compare(edition(2023, "126"), edition(2024, "150")))
    assert re.search(r'<td class="value">(超过)?126亿元</td>', html), html
    charts = render("trend", "html", trend([edition(2021, "100"), edition(2022, "126"), edition(2023, "150")]))
    svg = charts.split("<svg")[1]
    assert '<text class="unit"' in svg and ">亿元</text>" in svg
    assert re.findall(r'<text class="level"[^>]*>([^<]+)</text>', svg) == ["超过150亿元", "超过100亿元"]
    assert ">year</text>" in svg
    assert '<td class="pair"><span class="value">超过126亿元</span> / <span class="value">—</span></td>' in charts
    assert "white-space:nowrap" in charts.split(".value{")[1].split("}")[0]


def test_downloads_are_spreadsheets_whose_cells_never_run(app, tmp_path):
    """A watch named like a formula: the CSV cell starts with an apostrophe, the XLSX cell is a string."""
    import openpyxl

    evil = '=HYPERLINK("http://evil.test","点我")'
    text = app.cfg.read_text(encoding="utf-8").replace('name = "通知公告"', f"name = '{evil}'")
    app.cfg.write_text(text, encoding="utf-8")
    got = app.get("/export/watches.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert 'filename="watches.csv"' in got.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["name", "url", "kind"]
    assert sorted(r[0] for r in rows[1:]) == sorted(["孵化器通知", "'" + evil])
    book = openpyxl.load_workbook(io.BytesIO(app.get("/export/watches.xlsx").content))
    cells = [c.value for c in book["watches"]["A"]][1:]
    assert sorted(cells) == sorted(["孵化器通知", evil])
    assert all(c.data_type == "s" for c in book["watches"]["A"])
    assert app.get("/export/watches.pdf").status_code == 400


def test_compare_and_trend_download_as_the_page_shows_them(app):
    """The notice's two versions compared: the changed figure in the CSV (its signed difference made inert)
    and in the XLSX as written; a trend of three editions as one sheet, a column per year."""
    import openpyxl

    url = app.site.url("/notice.html")
    query = [("what", "compare"), ("doc", f"{url}@1"), ("doc", f"{url}@2")]
    page = app.get("/analyse/run", params=query).text
    link = html.unescape(page.split('id="exports"')[1].split('href="')[1].split('"')[0])
    assert link.startswith("/analyse/export.csv?what=compare&doc=")
    text = app.get(link).content.decode("utf-8-sig")
    tables = text.split("\r\n\r\n")
    changed = next(t for t in tables if t.startswith("Changed figures"))
    rows = list(csv.reader(io.StringIO(changed)))
    assert rows[1][:4] == ["metric", "OLD", "NEW", "difference"]
    assert rows[2][1:4] == ["50家", "60家", "'+10家"]
    book = openpyxl.load_workbook(io.BytesIO(app.get(link.replace("export.csv", "export.xlsx")).content))
    sheet = book["Changed figures"]
    assert [c.value for c in sheet[2]][1:4] == ["50家", "60家", "+10家"]
    assert app.get("/analyse/export.csv", params=[("what", "compare"), ("doc", f"{url}@1")]).status_code == 400


def test_a_trend_downloads_a_column_per_year(site, tmp_path):
    from fastapi.testclient import TestClient
    from support import ROOT

    from policywatch.monitor.web.app import create_app

    watches = []
    for year in (2023, 2024, 2025):
        lines = [line for line in (ROOT / "bench" / "reports" / f"gwr-{year}.txt").read_text(encoding="utf-8")
                 .split("\n") if line.strip()]
        site.routes[f"/gwr/{year}.html"] = Page(article(Document(title=lines[0], body=lines[1:])))
        watches.append({"name": f"r{year}", "url": site.url(f"/gwr/{year}.html")})
    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, watches)
    assert run("--db", db, "check", "--config", str(cfg), "--no-notify").returncode == 0
    with TestClient(create_app(cfg, db), base_url="http://127.0.0.1") as client:
        query = [("what", "trend"), *(("doc", w["url"] + "@latest") for w in watches)]
        rows = list(csv.reader(io.StringIO(client.get("/analyse/export.csv", params=query)
                                           .content.decode("utf-8-sig"))))
    assert rows[0] == ["metric", "measure", "kind", "unit", "2022", "2023", "2024", "2025"]
    jobs = next(r for r in rows if r[0] == "城镇新增就业" and r[2] == "result")
    assert jobs[4:7] == ["1206万人", "1244万人", "1256万人"]
