"""The digest analysis of a pass's changes, worked out beside the fetching in a child process: every change
has its analysis, the same values delivery would work out itself, and a pass without changes starts no child."""
from __future__ import annotations

from copy import deepcopy

from support import article, seed_doc, write_config

from policywatch.monitor.demo.site import Page


def test_each_change_has_its_analysis_from_the_child_as_delivery_would_make_it(site, tmp_path):
    from policywatch.diffing.change import describe
    from policywatch.monitor.watching import analysis
    from policywatch.monitor.watching.check import check
    from policywatch.monitor.watching.config import load
    from policywatch.snapshots import Store

    base = seed_doc("000")
    for n in range(3):
        site.routes[f"/a{n}.html"] = Page(article(base), etag=f'"a{n}-0"')
    write_config(tmp_path / "pw.toml", [{"name": f"a{n}", "url": site.url(f"/a{n}.html")} for n in range(3)])
    config, store = load(tmp_path / "pw.toml"), Store(str(tmp_path / "pw.db"))
    started: list[object] = []
    real = analysis.ProcessPoolExecutor

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(args)
        return real(*args, **kwargs)

    analysis.ProcessPoolExecutor = counted  # type: ignore[assignment,misc]
    try:
        assert check(config, store).analyses == {}  # first versions: nothing to analyse
        assert check(config, store).analyses == {} and started == []  # 304s: no child either
        for n in (0, 2):
            doc = deepcopy(base)
            doc.body[1] += f"新增经费{n + 7}亿元。"
            site.routes[f"/a{n}.html"] = Page(article(doc), etag=f'"a{n}-1"')
        report = check(config, store)
    finally:
        analysis.ProcessPoolExecutor = real  # type: ignore[misc]
    assert len(started) == 1  # one child for the pass
    changed = sorted(r.url for r in report.results if r.changed)
    assert changed == [site.url("/a0.html"), site.url("/a2.html")]
    latest = store.latest(changed)
    assert sorted(report.analyses) == sorted(v.id for v in latest.values())
    for url, version in latest.items():
        old = store.version(url, 1).document
        assert report.analyses[version.id] == describe(old.full_text(), version.document.full_text(), old.text())
        assert any("亿元" in line for line in report.analyses[version.id].lines)
