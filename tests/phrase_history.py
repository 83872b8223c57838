"""A phrase that came and went, stored on any store (SQLite: tests/snapshots/test_search.py; PostgreSQL:
tests/endtoend/test_postgresql.py), and what its history must say."""
from __future__ import annotations

from policywatch.snapshots import Document, Record, Store
from policywatch.snapshots.search import search
from policywatch.text.normal import version_key


def save(store: Store, url: str, title: str, body: list[str], found_on: str = "", within=None):  # type: ignore[no-untyped-def]
    doc = Document(title=title, body=body, cleaner_version="4")
    return store.save(Record(url, "\n".join([title, *body]).encode(), doc, version_key(doc.full_text()),
                             found_on=found_on), within=within)


def came_and_went(store: Store) -> None:
    """A notice that names 揭榜挂帅 (v1), drops it (v2), names it again in other widths and spacing (v3);
    the 2023 report names it, the 2024 edition on the same listing does not."""
    url = "http://bureau.test/tzgg/post_1.html"
    save(store, url, "关于揭榜挂帅项目的通知", ["一、实行AI揭榜挂帅制度。", "二、资助不超过300万元。"])
    save(store, url, "关于重点项目的通知", ["一、实行竞争择优制度。", "二、资助不超过300万元。"])
    save(store, url, "关于重点项目的通知", ["一、恢复ａｉ揭榜　挂帅制度。", "二、资助不超过500万元。"])
    listing = "http://bureau.test/ghjh/"
    save(store, "http://bureau.test/ghjh/r2023.html", "2023年工作报告", ["全面推行揭榜挂帅。"], listing)
    save(store, "http://bureau.test/ghjh/r2024.html", "2024年工作报告", ["深化科技体制改革。"], listing)
    save(store, "http://bureau.test/ghjh/other.html", "关于印发办法的通知", ["无关内容。"], listing)


def check_history(store: Store) -> None:
    found = search(store, "ＡＩ揭榜挂帅")  # full width, upper case: as the differ folds it
    assert [h.urls for h in found.histories] == [("http://bureau.test/tzgg/post_1.html",)]
    notice = found.histories[0]
    assert [(e.kind, e.at.seq) for e in notice.events] == [("appeared", 1), ("disappeared", 2), ("appeared", 3)]
    assert (notice.first.seq, notice.last.seq, notice.containing, notice.versions, notice.present) == (1, 3, 2, 3, True)
    by_urls = {h.urls: h for h in search(store, "揭榜挂帅").histories}
    report = by_urls[("http://bureau.test/ghjh/r2023.html", "http://bureau.test/ghjh/r2024.html")]
    assert [(e.kind, e.at.title) for e in report.events] == [("appeared", "2023年工作报告"),
                                                            ("disappeared", "2024年工作报告")]
    assert not report.present and report.last.title == "2023年工作报告"
    assert set(by_urls) == {("http://bureau.test/tzgg/post_1.html",), tuple(report.urls)}
