"""The bureau as public scrapers see it: the disclosure platform's real fields, epoch dates in Beijing time,
its /gkmlpt/index config, catalogues and 栏目 pages of more than one page, links across the hosts of one
site family, short title attributes, and front ends that want a cookie, a browser or a Referer. Every
site here is a real local server."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from support import article, run, write_config

from policywatch.monitor.demo.site import Page, listing_html
from policywatch.snapshots import Document

BEIJING_MIDNIGHT = 1786636800  # 2026-08-14 00:00 in Beijing, 2026-08-13 16:00 UTC
DAY = 86400


def _post(site, n: int, title: str) -> str:  # type: ignore[no-untyped-def]
    path = f"/gkmlpt/content/1/{n}/post_{n}.html"
    site.routes[path] = Page(article(Document(title=title, published="2026-08-14",
                                              body=[f"{title}的正文，第{n}号文件。", "深圳市科技创新局"])))
    return path


def _article(site, n: int, title: str, published: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """An entry with the platform's real field names: `date` written, the publish fields published."""
    return {"id": n, "title": title, "document_number": f"深科技创新〔2026〕{n}号", "identifier": f"1144-{n}",
            "publisher": "深圳市科技创新局", "date": published - 10 * DAY, "created_at": published,
            "display_publish_time": published, "first_publish_time": published, "url": _post(site, n, title),
            "attachment": [], "is_expired": 0, "is_abolished": 0}


class Catalogue:
    """/gkmlpt/api/all/<cat>?page=N&sid=SID, a page of `size` articles, newest first."""

    def __init__(self, site, cat: int, size: int = 2) -> None:  # type: ignore[no-untyped-def]
        self.articles: list[dict[str, object]] = []
        self.size = size
        self.asked: list[tuple[int, str]] = []  # (page, sid) of every request
        self.raw: list[tuple[bytes, bytes]] = []  # replacements in the served bytes (escapes made raw)
        site.routes[f"/gkmlpt/api/all/{cat}"] = self.handle

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        query = parse_qs(urlsplit(h.path).query)
        page = int(query.get("page", ["1"])[0])
        self.asked.append((page, query.get("sid", [""])[0]))
        chunk = self.articles[(page - 1) * self.size:page * self.size]
        body = json.dumps({"classify": {"post_count": len(self.articles)}, "total": len(self.articles),
                           "articles": chunk}, ensure_ascii=False).encode("utf-8")
        for escaped, raw in self.raw:
            body = body.replace(escaped, raw)
        h.send_response(200)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


INDEX = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title>
<script>window._CONFIG = {SID: '755018', SITE_NAME: '深圳市科技创新局',
TREE: [{"id": 2940, "name": "政策法规", "children": [{"id": 2941, "name": "规范性文件", "children": []}]},
       {"id": 2950, "name": "机构信息", "jump_url": "/xxgk/jgxx/"}], SERVICE_AREA_ID: 1};</script>
</head><body><div id="app"></div></body></html>"""


def test_the_platform_is_watched_from_its_index_with_publish_dates_in_beijing_time_and_every_page(site, tmp_path):
    """Only /gkmlpt/index is configured: SID and the category come from window._CONFIG; a first check reads
    the catalogue's pages until it has them all (the baseline is whole); a published stamp at Beijing
    midnight is that day, not the day before; the written date is kept apart; the next check, with one
    new document, reads one page."""
    site.routes["/gkmlpt/index"] = Page(INDEX.encode("utf-8"))
    cat = Catalogue(site, 2941)
    titles = ["深圳市科技计划项目管理办法", "深圳市科技创新券实施办法", "深圳市概念验证中心认定办法",
              "深圳市科技企业孵化器管理办法", "深圳市重点实验室管理办法"]
    cat.articles = [_article(site, 100 + n, t, BEIJING_MIDNIGHT - n * DAY) for n, t in enumerate(titles)]
    out = tmp_path / "out"
    cfg = tmp_path / "g.toml"
    write_config(cfg, [{"name": "信息公开", "url": site.url("/gkmlpt/index"), "kind": "gkmlpt"}], digest_dir=str(out))
    db = str(tmp_path / "g.db")
    first = run("--db", db, "check", "--config", str(cfg))
    assert first.returncode == 0 and "baseline taken" in first.stdout, first.stdout + first.stderr
    assert cat.asked == [(1, "755018"), (2, "755018"), (3, "755018")]
    assert all(site.hits.get(f"/gkmlpt/content/1/{100 + n}/post_{100 + n}.html") == 1 for n in range(5))

    api = site.url("/gkmlpt/api/all/2941?page=1&sid=755018")
    shown = run("--db", db, "show", api).stdout
    assert f"2026-08-14 | {titles[0]} | " in shown and "| 成文日期：2026-08-04" in shown  # published, then written

    cat.articles.insert(0, _article(site, 200, "深圳市技术转移机构资助办法", BEIJING_MIDNIGHT + DAY))
    cat.asked.clear()
    done = run("--db", db, "check", "--config", str(cfg), "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert cat.asked == [(1, "755018")]  # page one holds known documents: nothing more to read
    news = [r for r in json.loads(done.stdout)["results"] if "publication" in r["events"]]
    assert [r["title"] for r in news] == ["深圳市技术转移机构资助办法"]
    assert "2026-08-15 | 深圳市技术转移机构资助办法" in run("--db", db, "show", api).stdout


def test_a_catalogue_entry_without_a_publish_field_keeps_its_written_date(site, tmp_path):
    """`date: 0` and no publish field: no date rather than 1970; a written date alone stands in."""
    cat = Catalogue(site, 7, size=10)
    entry = _article(site, 300, "深圳市科技奖励办法", BEIJING_MIDNIGHT)
    for name in ("created_at", "display_publish_time", "first_publish_time"):
        del entry[name]
    undated = {**_article(site, 301, "深圳市科技奖励实施细则", BEIJING_MIDNIGHT), "date": 0, "created_at": 0,
               "display_publish_time": 0, "first_publish_time": 0}
    cat.articles = [entry, undated]
    cfg = tmp_path / "g.toml"
    url = site.url("/gkmlpt/api/all/7?page=1&sid=1")
    write_config(cfg, [{"name": "奖励", "url": url, "kind": "gkmlpt"}])
    db = str(tmp_path / "g.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    shown = run("--db", db, "show", url).stdout
    assert "2026-08-04 | 深圳市科技奖励办法" in shown and "\n | 深圳市科技奖励实施细则" in shown
    assert "1970" not in shown


def test_a_catalogue_with_raw_control_characters_inside_its_strings_is_read(site, tmp_path):
    """Real platforms paste a tab, a line break or another control byte into a title unescaped, which
    strict JSON refuses: every page is still read, the spacing folds to one space and the rest is dropped."""
    cat = Catalogue(site, 8, size=3)
    titles = ["深圳市\t科技示范区管理办法", "深圳市科技\n示范园区认定办法", "深圳市\u0001科技示范项目细则",
              "深圳市科技示范企业名单"]
    cat.articles = [_article(site, 600 + n, t, BEIJING_MIDNIGHT) for n, t in enumerate(titles)]
    cat.raw = [(b"\\t", b"\t"), (b"\\n", b"\n"), (b"\\u0001", b"\x01")]
    cfg = tmp_path / "g.toml"
    url = site.url("/gkmlpt/api/all/8?page=1&sid=1")
    write_config(cfg, [{"name": "示范", "url": url, "kind": "gkmlpt"}])
    db = str(tmp_path / "g.db")
    first = run("--db", db, "check", "--config", str(cfg))
    assert first.returncode == 0 and "baseline taken" in first.stdout, first.stdout + first.stderr
    assert cat.asked == [(1, "1"), (2, "1")]
    shown = run("--db", db, "show", url).stdout
    assert "| 深圳市 科技示范区管理办法 |" in shown and "| 深圳市科技 示范园区认定办法 |" in shown
    assert "| 深圳市科技示范项目细则 |" in shown
    assert site.hits.get("/gkmlpt/content/1/603/post_603.html") == 1  # page two's document


def test_a_listing_reads_its_pages_on_the_first_check_and_follows_its_hosts(site, tmp_path):
    """A 栏目 of two pages (createPageHTML(2, ...)): the first check's baseline holds both. A document on
    another host is followed when the watch's follow_hosts names it, and a short title attribute gives
    way to the link's text."""
    other = site.url("/").replace("127.0.0.1", "localhost")
    for n in range(1, 5):
        site.routes[f"/xxgk/tzgg/content/post_{n}.html"] = Page(article(Document(
            title=f"关于第{n}批高新技术企业认定的通知", published="2026-03-0" + str(n),
            body=[f"第{n}批高新技术企业认定工作的通知正文。"])))
    one = listing_html("通知公告", [("关于第1批高新技术企业认定的通知", "/xxgk/tzgg/content/post_1.html", "2026-03-01"),
                                    ("关于第2批高新技术企业认定的通知", other + "xxgk/tzgg/content/post_2.html",
                                     "2026-03-02")])
    one = one.replace('title="关于第1批高新技术企业认定的通知"', 'title="通知"')
    one = one.replace("</body>", '<script>createPageHTML(2, 0, "index", "html");</script></body>')
    site.routes["/xxgk/tzgg/"] = Page(one.encode("utf-8"))
    site.routes["/xxgk/tzgg/index_2.html"] = Page(listing_html("通知公告", [
        ("关于第3批高新技术企业认定的通知", "/xxgk/tzgg/content/post_3.html", "2026-02-01"),
        ("关于第4批高新技术企业认定的通知", "/xxgk/tzgg/content/post_4.html", "2026-01-01")]).encode("utf-8"))
    cfg = tmp_path / "l.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/xxgk/tzgg/"), "kind": "listing",
                        "follow_hosts": ["127.0.0.1", "localhost"]}])
    db = str(tmp_path / "l.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    assert [site.hits.get(f"/xxgk/tzgg/content/post_{n}.html") for n in range(1, 5)] == [1, 1, 1, 1]
    assert "关于第1批高新技术企业认定的通知" in run("--db", db, "show", site.url("/xxgk/tzgg/")).stdout
    assert site.hits["/xxgk/tzgg/index_2.html"] == 1
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    assert site.hits["/xxgk/tzgg/index_2.html"] == 1  # page one holds known documents now


def test_a_listing_keeps_to_its_site_family_unless_told_otherwise(site, tmp_path):
    """Without follow_hosts, a document on another host (here: localhost beside 127.0.0.1) is not
    followed; the bureau's hosts are one family."""
    other = site.url("/").replace("127.0.0.1", "localhost")
    site.routes["/xxgk/tzgg/content/post_9.html"] = Page(article(Document(title="关于科技金融的通知",
                                                                         body=["正文。"])))
    page = listing_html("通知公告", [("关于科技金融的通知", other + "xxgk/tzgg/content/post_9.html", "2026-03-01")])
    site.routes["/xxgk/tzgg/"] = Page(page.replace("</body>", "<script>createPageHTML(2, 0);</script></body>")
                                      .encode("utf-8"))
    site.routes["/xxgk/tzgg/index_2.html"] = Page(page.encode("utf-8"))
    cfg = tmp_path / "l.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/xxgk/tzgg/"), "kind": "listing"}])
    assert run("--db", str(tmp_path / "l.db"), "check", "--config", str(cfg)).returncode == 0
    assert "/xxgk/tzgg/content/post_9.html" not in site.hits
    assert "/xxgk/tzgg/index_2.html" not in site.hits  # links elsewhere are no reason to read on
    from policywatch.snapshots.listing import follows, site_family

    assert site_family("stic.sz.gov.cn") == site_family("www.sz.gov.cn") == "sz.gov.cn"
    assert follows("http://stic.sz.gov.cn/xxgk/tzgg/content/post_1.html", "http://www.sz.gov.cn/cn/xxgk/")
    assert not follows("http://www.gd.gov.cn/gkmlpt/content/post_1.html", "http://stic.sz.gov.cn/xxgk/")
    assert follows("http://www.sz.gov.cn/a/post_1.html", "http://stic.sz.gov.cn/", ["*.sz.gov.cn"])
    assert not follows("http://www.sz.gov.cn/a/post_1.html", "http://stic.sz.gov.cn/", ["stic.sz.gov.cn"])


def test_a_front_end_that_sets_a_cookie_by_redirect_and_wants_a_browser_and_a_referer(site, tmp_path):
    """The first answer is a 302 to the same URL that sets a cookie; the page comes with the cookie. The
    front end also refuses anything but a browser's User-Agent with the watch's Referer and
    X-Requested-With, on the listing, on its next page and on the documents it lists."""
    seen: list[dict[str, str]] = []
    doc = Page(article(Document(title="关于征集2026年度科技计划项目的通知", body=["征集通知正文。"])))
    older = Page(article(Document(title="关于征集2025年度科技计划项目的通知", body=["上年度征集通知正文。"])))
    listing = Page(listing_html("通知公告", [("关于征集2026年度科技计划项目的通知",
                                              "/xxgk/tzgg/content/post_5.html", "2026-03-01")])
                   .replace("</body>", "<script>createPageHTML(2, 0);</script></body>").encode("utf-8"))
    second = Page(listing_html("通知公告", [("关于征集2025年度科技计划项目的通知",
                                             "/xxgk/tzgg/content/post_4.html", "2025-03-01")]).encode("utf-8"))

    def guarded(page: Page):  # type: ignore[no-untyped-def]
        def handle(h: BaseHTTPRequestHandler) -> None:
            seen.append(dict(h.headers))
            ok = (h.headers.get("User-Agent", "").startswith("Mozilla/5.0")
                  and h.headers.get("Referer") == "http://stic.sz.gov.cn/gkmlpt/policy"
                  and h.headers.get("X-Requested-With") == "XMLHttpRequest")
            if "guard=ok" not in h.headers.get("Cookie", ""):
                h.send_response(302)
                h.send_header("Location", h.path)
                h.send_header("Set-Cookie", "guard=ok; Path=/")
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            body = page.body if ok else b"<html><body><h1>403 Forbidden</h1></body></html>"
            h.send_response(200 if ok else 403)
            h.send_header("Content-Type", page.content_type)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        return handle

    site.routes["/xxgk/tzgg/"] = guarded(listing)
    site.routes["/xxgk/tzgg/index_2.html"] = guarded(second)
    site.routes["/xxgk/tzgg/content/post_5.html"] = guarded(doc)
    site.routes["/xxgk/tzgg/content/post_4.html"] = guarded(older)
    cfg = tmp_path / "d.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/xxgk/tzgg/"), "kind": "listing",
                        "headers": {"Referer": "http://stic.sz.gov.cn/gkmlpt/policy",
                                    "X-Requested-With": "XMLHttpRequest"}}], user_agent="browser")
    db = str(tmp_path / "d.db")
    done = run("--db", db, "check", "--config", str(cfg), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert [r["outcome"] for r in json.loads(done.stdout)["results"]] == ["new", "new", "new"]
    assert len(seen) == 5  # one 302 for the cookie, then the listing, its next page and its documents with it
    assert "关于征集2025年度科技计划项目的通知" in run("--db", db, "show",
                                                   site.url("/xxgk/tzgg/content/post_4.html")).stdout
    assert "关于征集2026年度科技计划项目的通知" in run("--db", db, "show",
                                                   site.url("/xxgk/tzgg/content/post_5.html")).stdout


def test_request_headers_of_a_watch_are_checked_when_the_file_is_read(tmp_path):
    cfg = tmp_path / "bad.toml"
    write_config(cfg, [{"name": "x", "url": "http://stic.sz.gov.cn/", "headers": {"Referer": "a\r\nX: y"}}])
    done = run("check", "--config", str(cfg))
    assert done.returncode == 2 and "headers: Referer should be one line" in done.stderr
    write_config(cfg, [{"name": "x", "url": "http://stic.sz.gov.cn/", "headers": {"Host": "evil"}}])
    assert "'Host' is not a header a watch may set" in run("check", "--config", str(cfg)).stderr


def test_the_shipped_list_watches_the_bureaus_sections_and_its_disclosure_platform(tmp_path):
    cfg = tmp_path / "shipped.toml"
    assert run("init", "--config", str(cfg)).returncode == 0
    listed = run("list", "--config", str(cfg)).stdout
    assert "申报指南" in listed and "/xxgk/zdly/sbzn/" in listed and "/gkmlpt/index" in listed
    assert "/xxgk/ghjh/" not in cfg.read_text(encoding="utf-8")  # a path no public source shows


def test_an_index_page_without_the_platforms_config_is_the_watchs_error(site, tmp_path):
    deep = "window._CONFIG = {SID: '1', TREE: " + '[{"id": 1, "children": ' * 3000 + "[]" + "}]" * 3000 + "};"
    site.routes["/gkmlpt/index"] = Page(f"<html><head><script>{deep}</script></head><body></body></html>".encode())
    cfg = tmp_path / "g.toml"
    write_config(cfg, [{"name": "信息公开", "url": site.url("/gkmlpt/index"), "kind": "gkmlpt"}])
    done = run("--db", str(tmp_path / "g.db"), "check", "--config", str(cfg), "--json")
    assert done.returncode == 2
    (result,) = json.loads(done.stdout)["results"]
    assert result["error_kind"] == "unreadable" and "TREE is not JSON of a sensible depth" in result["message"]


def test_a_listing_follows_its_documents_onto_other_hosts_of_its_site_family(site, tmp_path, monkeypatch):
    """No follow_hosts: a listing on www.bureau.test follows a document on stic.bureau.test (one site
    family, as stic.sz.gov.cn beside www.sz.gov.cn), not one on www.elsewhere.test. Every name here is
    the local server (the address guard's resolver is pointed at it)."""
    from policywatch.monitor.running.cycle import run_cycle
    from policywatch.monitor.watching.watchlist import Config, Settings, Watch
    from policywatch.snapshots import Store
    from policywatch.snapshots.addresses import AddressGuard

    resolve = AddressGuard.resolve

    async def local(self, host: str, port: int) -> list[str]:  # type: ignore[no-untyped-def]
        assert host.endswith(".test"), host  # never a real name
        return await resolve(self, "127.0.0.1", port)
    monkeypatch.setattr(AddressGuard, "resolve", local)
    hosts: dict[str, str] = {}

    def document(n: int) -> str:
        page = Page(article(Document(title=f"关于第{n}批科技计划项目立项的通知", published=f"2026-03-0{n}",
                                     body=[f"第{n}批科技计划项目立项名单公示的通知正文。"])))

        def handle(h: BaseHTTPRequestHandler) -> None:
            hosts[f"post_{n}"] = h.headers.get("Host", "").split(":")[0]
            h.send_response(200)
            h.send_header("Content-Type", page.content_type)
            h.send_header("Content-Length", str(len(page.body)))
            h.end_headers()
            h.wfile.write(page.body)
        site.routes[f"/xxgk/tzgg/content/post_{n}.html"] = handle
        return f"/xxgk/tzgg/content/post_{n}.html"
    port = urlsplit(site.url("/")).port
    rows = [(f"关于第{n}批科技计划项目立项的通知", f"http://{host}:{port}{document(n)}", f"2026-03-0{n}")
            for n, host in ((1, "stic.bureau.test"), (2, "www.elsewhere.test"), (3, "www.bureau.test"))]
    site.routes["/xxgk/tzgg/"] = Page(listing_html("通知公告", rows).encode("utf-8"))
    config = Config(tmp_path / "w.toml", Settings(delay=0.0, allow_private=True),
                    [Watch("通知公告", f"http://www.bureau.test:{port}/xxgk/tzgg/", "listing")])
    store = Store(str(tmp_path / "w.db"))
    try:
        report = run_cycle(config, store, notify=False).report
    finally:
        store.close()
    assert not report.errors, report.errors
    assert hosts == {"post_1": "stic.bureau.test", "post_3": "www.bureau.test"}


def test_a_first_check_reads_on_only_within_the_revisit_budget(site, tmp_path):
    """Ten unseen documents, two a page: a revisit budget of 12 a day for a watch checked every 6 hours
    allows 3 documents a check, so the first check reads two pages (not five) and fetches three."""
    cat = Catalogue(site, 9)
    cat.articles = [_article(site, 400 + n, f"深圳市第{n}批科技项目立项公示", BEIJING_MIDNIGHT - n * DAY)
                    for n in range(10)]
    cfg = tmp_path / "b.toml"
    url = site.url("/gkmlpt/api/all/9?page=1&sid=1")
    write_config(cfg, [{"name": "立项", "url": url, "kind": "gkmlpt", "schedule": "every 6h"}], revisit_budget=12)
    assert run("--db", str(tmp_path / "b.db"), "check", "--config", str(cfg)).returncode == 0
    assert [page for page, _ in cat.asked] == [1, 2]
    fetched = [n for n in range(10) if site.hits.get(f"/gkmlpt/content/1/{400 + n}/post_{400 + n}.html")]
    assert fetched == [0, 1, 2]


def test_a_category_named_in_the_index_urls_fragment_is_the_only_one_read(site, tmp_path):
    """`/gkmlpt/index#2942`: of the tree's two categories, only 2942's catalogue is asked for."""
    site.routes["/gkmlpt/index"] = Page(INDEX.replace('"children": []}', '"children": []}, {"id": 2942, "name": '
                                                      '"其他文件", "children": []}').encode("utf-8"))
    wanted, other = Catalogue(site, 2942), Catalogue(site, 2941)
    wanted.articles = [_article(site, 500, "深圳市科技伦理审查办法", BEIJING_MIDNIGHT)]
    other.articles = [_article(site, 501, "深圳市科研诚信管理办法", BEIJING_MIDNIGHT)]
    cfg = tmp_path / "c.toml"
    write_config(cfg, [{"name": "其他文件", "url": site.url("/gkmlpt/index#2942"), "kind": "gkmlpt"}])
    assert run("--db", str(tmp_path / "c.db"), "check", "--config", str(cfg)).returncode == 0
    assert wanted.asked == [(1, "755018")] and other.asked == []
    assert site.hits.get("/gkmlpt/content/1/500/post_500.html") == 1
