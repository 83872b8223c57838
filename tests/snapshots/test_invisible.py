"""Control and invisible characters never reach a stored document: the cleaner drops them before it reads
metadata off the lines, so a stray control splits no date, an invisible edit is no change, and a cleaner
that newly drops them re-reads stored versions without showing a change."""
from __future__ import annotations

import re

from support import run_snapshot

from policywatch.monitor.demo.site import Page
from policywatch.snapshots import Document, Record, key_of
from policywatch.snapshots.extract import extract

# Any C0/C1 control but tab and newline, and the invisible format characters (zero-width, bidi, soft hyphen, BOM).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")

PAGE = ("<html><head><title>关于开展&#7;示范项目申报的通知</title>"
        "<meta name='ContentSource' content='示范&#x200b;局'></head><body><div class='content'>"
        "<h1>关于开展&#x1;示范项目申报的通知</h1><p>发布时间：2026-11-2&#8203;0</p>"
        "<p>各有关单位：为推动示范项目建设，现组织开展\u202e年度申报工作，\x07请按要求于规定期限内提交材料。</p>"
        "<p>申报单位应当在本市注册，具有独立法人资格，近三年无不良信用记录&#x2028;并承诺如实填报。</p>"
        "<img alt='示范&#x200b;项目资助&#7;图' src='/img/chart&#x1;01.png'>"
        "<table><tr><th>项目&#xad;类别</th><th>资助上限</th></tr><tr><td>示范\ufeff项目</td><td>3&#8203;00万元</td></tr>"
        "</table></div></body></html>")


def _every_string(doc: Document) -> list[str]:
    out = [doc.title, doc.source, doc.published, doc.publisher, doc.number, doc.identifier, *doc.section]
    for block in doc.body:
        out.extend([block] if isinstance(block, str) else [c for row in block for c in row])
    return out + [a.title for a in doc.attachments] + [a.url for a in doc.attachments]


def test_controls_and_invisible_characters_never_reach_the_clean_document():
    doc, _ = extract(PAGE.encode(), "text/html; charset=utf-8", "http://bureau.test/a.html")
    assert not [s for s in _every_string(doc) if _HIDDEN.search(s)]
    assert doc.published == "2026-11-20" and doc.source == "示范局"
    assert "图片：示范项目资助图（/img/chart01.png）" in doc.lines()
    assert "示范项目 资助上限 300万元" in doc.text()
    assert "近三年无不良信用记录 并承诺" in doc.text()  # a line separator inside a paragraph is a space


def test_a_control_inside_a_pasted_date_splits_nothing():
    text = ("关于开展示范项目申报的通知\n发布时间：2026-11-2\x010\n"
            "正文\u200b第一段写明申报条件，请各单位按期提交材料。\n")
    doc, _ = extract(text.encode(), "text/plain; charset=utf-8", "http://bureau.test/a.txt")
    assert doc.published == "2026-11-20"
    assert doc.body == ["正文第一段写明申报条件，请各单位按期提交材料。"]


def test_an_invisible_edit_is_no_change():
    plain = PAGE.replace("&#8203;", "").replace("\u202e", "").replace("&#x200b;", "")
    first, _ = extract(PAGE.encode(), "text/html; charset=utf-8", "http://bureau.test/a.html")
    second, _ = extract(plain.encode(), "text/html; charset=utf-8", "http://bureau.test/a.html")
    assert key_of(first) == key_of(second) and first.full_text() == second.full_text()


def test_versions_stored_with_invisible_characters_are_re_read_without_a_change(site, store, fast_policy):
    """A version stored by the cleaner that kept them (version 5) is re-cleaned in place at the next
    check: the same bytes are `unchanged`, and the next edit's old side has none of them."""
    from policywatch.snapshots.document import CLEANER_VERSION

    url = site.url("/notice.html")
    site.routes["/notice.html"] = Page(PAGE.encode())
    older = Document(url=url, title="关于开展示范项目申报的通知", published="2026-11-02", cleaner_version="5",
                     body=["各有关单位：为推动示范项目建设，现组织开展\u202e年度申报工作，请按要求于规定期限内提交材料。",
                           "图片：示范\u200b项目资助图（/img/chart01.png）"])
    store.save(Record(url, PAGE.encode(), older, key_of(older), content_type="text/html; charset=utf-8"))
    assert run_snapshot(store, url, fast_policy).outcome == "unchanged"
    stored = store.version(url)
    assert stored.seq == 1 and stored.cleaner_version == CLEANER_VERSION != "5"
    assert not _HIDDEN.search(stored.document.full_text()) and stored.document.published == "2026-11-20"
    site.routes["/notice.html"] = Page(PAGE.replace("近三年", "近五年").encode())
    edited = run_snapshot(store, url, fast_policy)
    assert edited.outcome == "new" and edited.seq == 2 and edited.previous is not None
    assert not _HIDDEN.search(edited.previous.document.full_text())
    assert "近三年" in edited.previous.document.text()


def test_a_named_reference_to_an_invisible_character_is_dropped_too():
    page = ("<html><body><div class='content'><h1>关于开展示范项目申报的通知</h1>"
            "<p>发布时间：2026-11-&ZeroWidthSpace;20</p>"
            "<p>各有关单位：现组织开展年度申报&shy;工作，请按要求于规定期限内提交材料。</p></div></body></html>")
    doc, _ = extract(page.encode(), "text/html; charset=utf-8", "http://bureau.test/b.html")
    assert doc.published == "2026-11-20" and "年度申报工作" in doc.text()
