"""Monitoring that never misses a revision: listed documents revisited, attachments read as documents,
the disclosure platform's JSON catalogue, all against a real local site."""
from __future__ import annotations

import io
import json

from support import article, run, write_config

from policywatch.monitor.demo.site import Page, listing_html
from policywatch.snapshots import Document
from policywatch.snapshots.document import Attachment

NOTICE = ["为加快培育新质生产力，现组织申报2026年度重点研发计划项目。",
          "一、支持方向：人工智能、合成生物、低空经济。",
          "二、资助标准：每个项目资助不超过3000万元。",
          "三、申报截止时间为2026年4月10日17:00。",
          "深圳市科技创新局", "2026年3月1日"]


def checked(db: str, cfg, out) -> tuple[int, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    """Run `check`; (exit status, the entries of the digest it delivered, from latest.json)."""
    done = run("--db", db, "check", "--config", str(cfg), "-v")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    if done.returncode == 0:
        return 0, []
    return 1, json.loads((out / "latest.json").read_text(encoding="utf-8"))["entries"]


def notice(body: list[str], attachments: list[Attachment] | None = None) -> Page:
    doc = Document(title="关于组织申报2026年度重点研发计划项目的通知", published="2026-03-01",
                   source="深圳市科技创新局", body=body, attachments=attachments or [])
    return Page(article(doc))


def test_a_silent_edit_of_a_listed_notice_is_reported_once(site, tmp_path):
    """The listing does not change; the notice it lists is edited (amount and deadline). The next check
    of the listing re-checks the notice (its first week: every check) and reports the edit once."""
    site.routes["/tzgg/post_1.html"] = notice(NOTICE)
    listed = [("关于组织申报2026年度重点研发计划项目的通知", "/tzgg/post_1.html", "2026-03-01")]
    site.routes["/tzgg/"] = Page(listing_html("通知公告", listed).encode("utf-8"))
    out = tmp_path / "out"
    cfg = tmp_path / "w.toml"
    write_config(cfg, [{"name": "通知公告", "url": site.url("/tzgg/"), "kind": "listing"}], digest_dir=str(out))
    db = str(tmp_path / "w.db")
    first = run("--db", db, "check", "--config", str(cfg))
    assert first.returncode == 0 and "baseline taken for 通知公告" in first.stdout
    edited = [line.replace("3000万元", "2000万元").replace("4月10日", "4月30日") for line in NOTICE]
    site.routes["/tzgg/post_1.html"] = notice(edited)
    status, entries = checked(db, cfg, out)
    assert status == 1
    assert [(e["kind"], e["url"]) for e in entries] == [("change", site.url("/tzgg/post_1.html"))]
    lines = "\n".join(entries[0]["lines"])
    assert "3000万元" in lines and "2000万元" in lines and "4月30日" in lines
    hits = site.hits["/tzgg/post_1.html"]
    third = run("--db", db, "check", "--config", str(cfg))
    assert third.returncode == 0 and site.hits["/tzgg/post_1.html"] == hits + 1  # looked again, nothing to say


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document as Word

    word = Word()
    for text in paragraphs:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_edited_word_or_excel_attachment_is_a_change_of_its_page(site, tmp_path):
    guide = ["2026年度重点研发计划申报指南", "项目实施期限为3年。", "申报单位须在深圳注册。"]
    table = [["项目", "资助上限（万元）"], ["人工智能", 3000], ["合成生物", 2000]]
    site.routes["/files/guide.docx"] = Page(_docx(guide), DOCX)
    site.routes["/files/budget.xlsx"] = Page(_xlsx(table), XLSX)
    attachments = [Attachment("申报指南.docx", site.url("/files/guide.docx")),
                   Attachment("资助额度表.xlsx", site.url("/files/budget.xlsx"))]
    site.routes["/tzgg/post_2.html"] = notice(NOTICE, attachments)
    out = tmp_path / "out"
    cfg = tmp_path / "a.toml"
    write_config(cfg, [{"name": "指南", "url": site.url("/tzgg/post_2.html")}], digest_dir=str(out))
    db = str(tmp_path / "a.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
    assert "资助上限" in run("--db", db, "show", site.url("/files/budget.xlsx")).stdout
    site.routes["/files/guide.docx"] = Page(_docx([g.replace("3年", "2年") for g in guide]), DOCX)
    status, (entry,) = checked(db, cfg, out)
    assert status == 1
    assert entry["url"] == site.url("/files/guide.docx") and entry["kind"] == "change"
    assert "3年" in "\n".join(entry["lines"]) and "2年" in "\n".join(entry["lines"])
    site.routes["/files/budget.xlsx"] = Page(_xlsx([table[0], ["人工智能", 2500], table[2]]), XLSX)
    status, (entry,) = checked(db, cfg, out)
    assert entry["url"] == site.url("/files/budget.xlsx") and "2500" in "\n".join(entry["lines"])
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0


def _catalogue(articles: list[dict[str, object]]) -> Page:
    return Page(json.dumps({"articles": articles, "total": len(articles)}, ensure_ascii=False).encode("utf-8"),
                "application/json; charset=utf-8")


def _entry(n: int, title: str, **flags: object) -> dict[str, object]:
    return {"id": 1000 + n, "title": title, "document_number": f"深科技创新规〔2025〕{n}号",
            "identifier": f"11440300MB2C92051B/2025-0{n}", "publisher": "深圳市科技创新局", "date": 1735689600 + n,
            "url": f"/gkmlpt/content/0/1/post_{1000 + n}.html", "attachment": [], "is_expired": 0,
            "is_abolished": 0, **flags}


def test_the_disclosure_catalogue_reports_new_edited_and_abolished_documents_once_each(site, tmp_path):
    """A replica of /gkmlpt/api/all/<cat>?page=1&sid=755018 (fields from SITE-NOTES.md)."""
    rules = {1: "深圳市科技计划项目管理办法", 2: "深圳市科技创新券实施办法"}
    for n, title in rules.items():
        site.routes[f"/gkmlpt/content/0/1/post_{1000 + n}.html"] = Page(article(Document(
            title=title, published="2025-01-01", body=[f"第一条 为规范{title[3:-2]}，制定本办法。",
                                                       "第二条 本办法自2025年2月1日起施行，有效期5年。"])))
    api = "/gkmlpt/api/all/2941"
    site.routes[api] = _catalogue([_entry(n, t) for n, t in rules.items()])
    out = tmp_path / "out"
    cfg = tmp_path / "g.toml"
    write_config(cfg, [{"name": "规范性文件", "url": site.url(api + "?page=1&sid=755018"), "kind": "gkmlpt"}],
                 digest_dir=str(out))
    db = str(tmp_path / "g.db")
    first = run("--db", db, "check", "--config", str(cfg))
    assert first.returncode == 0 and "baseline taken" in first.stdout, first.stdout + first.stderr

    site.routes["/gkmlpt/content/0/1/post_1003.html"] = Page(article(Document(
        title="深圳市概念验证中心认定办法", published="2025-06-01", body=["第一条 为推动成果转化，制定本办法。"])))
    site.routes[api] = _catalogue([_entry(3, "深圳市概念验证中心认定办法"),
                                   *(_entry(n, t) for n, t in rules.items())])
    site.routes["/gkmlpt/content/0/1/post_1001.html"] = Page(article(Document(
        title=rules[1], published="2025-01-01", body=["第一条 为规范科技计划项目管理，制定本办法。",
                                                      "第二条 本办法自2025年2月1日起施行，有效期3年。"])))
    _, second = checked(db, cfg, out)
    assert sorted((e["kind"], e["title"]) for e in second) == [
        ("change", rules[1]), ("publication", "深圳市概念验证中心认定办法")]

    site.routes[api] = _catalogue([_entry(3, "深圳市概念验证中心认定办法"), _entry(1, rules[1]),
                                   _entry(2, rules[2], is_abolished=1)])
    _, third = checked(db, cfg, out)
    assert [(e["kind"], e["title"]) for e in third] == [("abolished", rules[2])]
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0
