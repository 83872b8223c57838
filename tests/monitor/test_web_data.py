"""The web app's views as values (monitor/web/data.py), on a real SQLite store: what a timeline, a redline
and a stored-document name give, without a server."""
from __future__ import annotations

import pytest

from policywatch.errors import InputError
from policywatch.monitor.web import data
from policywatch.snapshots import Document, Record, key_of

URL = "http://x.test/notice.html"


def _save(store, count: str):  # type: ignore[no-untyped-def]
    doc = Document(title="关于高新技术企业认定的通知", url=URL,
                   body=[f"今年全市新认定高新技术企业{count}，同比增长。", "申报截止日期为12月20日。"])
    store.save(Record(URL, doc.text().encode(), doc, key_of(doc)))


def test_the_redline_view_names_the_changed_figure_once(store):
    _save(store, "50家")
    _save(store, "60家")
    result, change = data.diff_view(store, URL, None, None)
    assert (change["a"], change["b"]) == (1, 2)
    figures = [line for line in change["lines"] if line.startswith("figure:")]
    assert figures == ["figure: 新认定高新技术企业 50家 → 60家"]
    assert result.summary.chars_inserted >= 1 and "changed" in change["headline"]


def test_a_stored_document_is_named_by_url_at_n_latest_or_bare_url(store):
    _save(store, "50家")
    _save(store, "60家")
    assert "50家" in data.stored(store, f"{URL}@1").text()
    assert "60家" in data.stored(store, f"{URL}@latest").text()
    assert "60家" in data.stored(store, URL).text()


def test_a_page_never_stored_is_an_input_error_not_an_empty_timeline(store):
    with pytest.raises(InputError, match="nothing stored"):
        data.page_view(store, "http://x.test/never.html")


def test_the_timeline_lists_versions_newest_first(store):
    _save(store, "50家")
    _save(store, "60家")
    view = data.page_view(store, URL)
    assert [v["seq"] for v in view["versions"]] == [2, 1]
    assert view["title"] == "关于高新技术企业认定的通知"
