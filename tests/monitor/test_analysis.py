"""The digest analysis of a pass's changes, worked out beside the fetching in a child process: every change
has its analysis, the same values delivery would work out itself, and a pass without changes starts no child."""
from __future__ import annotations

from copy import deepcopy

from support import article, seed_doc, write_config

from policywatch.monitor.demo.site import Page


def test_each_change_has_its_analysis_from_the_child_as_delivery_would_make_it(site, tmp_path, monkeypatch):
    import asyncio

    from policywatch.diffing.change import describe
    from policywatch.monitor.outbox.digest import redline_labels
    from policywatch.monitor.render.diff_formats import redline
    from policywatch.monitor.watching.check import check
    from policywatch.monitor.watching.config import load
    from policywatch.monitor.watching.describer import Analysis
    from policywatch.snapshots import Store

    base = seed_doc("000")
    for n in range(3):
        site.routes[f"/a{n}.html"] = Page(article(base), etag=f'"a{n}-0"')
    write_config(tmp_path / "pw.toml", [{"name": f"a{n}", "url": site.url(f"/a{n}.html")} for n in range(3)])
    config, store = load(tmp_path / "pw.toml"), Store(str(tmp_path / "pw.db"))
    started: list[object] = []
    real = asyncio.create_subprocess_exec

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(asyncio, "create_subprocess_exec", counted)
    assert check(config, store).analyses == {}  # first versions: nothing to analyse
    assert check(config, store).analyses == {} and started == []  # 304s: no child either
    for n in (0, 2):
        doc = deepcopy(base)
        doc.body[1] += f"新增经费{n + 7}亿元。"
        site.routes[f"/a{n}.html"] = Page(article(doc), etag=f'"a{n}-1"')
    report = check(config, store)
    assert len(started) == 1  # one child for the pass
    changed = sorted(r.url for r in report.results if r.changed)
    assert changed == [site.url("/a0.html"), site.url("/a2.html")]
    latest = store.latest(changed)
    assert sorted(report.analyses) == sorted(v.id for v in latest.values())
    for url, version in latest.items():
        old = store.version(url, 1).document
        change = describe(old.full_text(), version.document.full_text(), old.text())
        assert report.analyses[version.id] == Analysis(change.headline, change.lines,
                                                       redline(change, redline_labels(old, version.document)))
        assert any("亿元" in line for line in report.analyses[version.id].lines)


def test_a_child_that_dies_costs_the_pass_nothing_and_delivery_works_the_change_out(site, tmp_path, monkeypatch):
    from support import run

    from policywatch.monitor.watching import analysis

    base = seed_doc("000")
    site.routes["/b.html"] = Page(article(base))
    out = tmp_path / "out"
    write_config(tmp_path / "pw.toml", [{"name": "b", "url": site.url("/b.html")}], digest_dir=str(out))
    db = str(tmp_path / "pw.db")
    assert run("--db", db, "check", "--config", str(tmp_path / "pw.toml")).returncode == 0
    doc = deepcopy(base)
    doc.body[1] += "新增经费9亿元。"
    site.routes["/b.html"] = Page(article(doc))
    monkeypatch.setattr(analysis, "_CHILD", "import sys; sys.exit(3)")
    done = run("--db", db, "check", "--config", str(tmp_path / "pw.toml"))
    assert done.returncode == 1, done.stderr
    assert "9亿元" in (out / "latest.md").read_text(encoding="utf-8")


def test_the_analysis_child_loads_the_differ_and_the_redline_renderer_without_asyncio_or_the_store():
    import subprocess
    import sys

    from policywatch.monitor.watching import analysis

    probe = analysis._CHILD.replace("serve()", "import sys; from policywatch.diffing.change import describe; "
                                    "from policywatch.monitor.render.diff_formats import redline; "
                                    "print(sorted({'asyncio', 'sqlalchemy'} & set(sys.modules)))")
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert ran.stdout.strip() == "[]"


PROBE = """
import asyncio, sys
from datetime import datetime, timezone
from policywatch.monitor.watching.analysis import Analyses
from policywatch.snapshots.document import Document
from policywatch.snapshots.records import Version

old = Document(title="关于测试的通知", body=["全年安排资金3亿元。"])
new = Document(title="关于测试的通知", body=["全年安排资金5亿元。"])
version = Version(7, "http://127.0.0.1/x.html", 2, datetime.now(timezone.utc), 200, "text/html", "utf-8", "", "",
                  "", new)

async def main():
    analyses = Analyses()
    analyses.start(old, version)
    analyses._jobs.put_nowait(None)
    await analyses._work  # every answer read from the child, as the pass's fetch loop reads them
    print("differ in the loop:", "policywatch.diffing.change" in sys.modules)
    print("analysed:", sorted(await analyses.collect()))
    print("differ in the pass:", "policywatch.diffing.change" in sys.modules)

asyncio.run(main())
"""


def test_the_pass_reads_the_childs_answers_without_importing_the_differ():
    """Importing the differ in the pass would hold the GIL while fetches are in flight (and cost it 30 ms):
    the answers are plain values, read after the fetching."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.splitlines() == ["differ in the loop: False", "analysed: [7]", "differ in the pass: False"]


def test_the_analysis_child_runs_below_the_pass_priority():
    """The fetches are the pass's critical path; on a machine short of cores its analyses give way to them."""
    import os
    import pickle
    import subprocess
    import sys

    from policywatch.monitor.watching.describer import NICENESS, SIZE

    serve = "from policywatch.monitor.watching.describer import serve; serve()"
    child = subprocess.Popen([sys.executable, "-c", serve], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    try:
        data = pickle.dumps(("关于测试的通知\n资金3亿元。", "关于测试的通知\n资金5亿元。", "资金3亿元。", ("旧", "新")))
        child.stdin.write(SIZE.pack(len(data)) + data)
        child.stdin.flush()
        size = SIZE.unpack(child.stdout.read(SIZE.size))[0]
        assert pickle.loads(child.stdout.read(size)) is not None  # answered: serve has set its priority
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def test_the_analysis_child_ends_without_the_interpreters_teardown_once_the_pass_closes_its_input():
    """The pass waits for the child's exit after its last answer: teardown (the differ's modules, the
    segmenter's dictionary) would be time spent on nothing."""
    import subprocess
    import sys

    from policywatch.monitor.watching import analysis

    probe = "import atexit; atexit.register(print, 'torn down'); " + analysis._CHILD
    ran = subprocess.run([sys.executable, "-c", probe], input=b"", capture_output=True, timeout=60)
    assert ran.returncode == 0 and ran.stdout == b""


def test_publish_writes_the_redline_the_child_rendered_instead_of_rendering_it_again(tmp_path):
    """The pass waits for delivery: a redline already rendered beside the fetching is only written."""
    from datetime import UTC, datetime
    from pathlib import Path

    from policywatch.monitor.outbox.digest import Digest, Entry
    from policywatch.monitor.outbox.publish import publish

    now = datetime.now(UTC)
    entry = Entry("change", "w", "http://127.0.0.1/x.html", "关于测试的通知", now, "0.1% changed", version=2,
                  redline_html="<p>rendered by the child</p>")
    publish(tmp_path, Digest(now, [entry]), Digest(now, [entry]))
    assert Path(entry.redline).read_text(encoding="utf-8") == "<p>rendered by the child</p>"


def test_the_delivery_after_a_pass_reads_none_of_its_changes_versions_again(site, tmp_path, monkeypatch):
    """The pass holds both versions of each change (the store handed them out with the write): reading
    them back is time the check waits for."""
    from policywatch.monitor.running.cycle import run_cycle
    from policywatch.monitor.watching.config import load
    from policywatch.snapshots import Store

    base = seed_doc("000")
    site.routes["/c.html"] = Page(article(base))
    write_config(tmp_path / "pw.toml", [{"name": "c", "url": site.url("/c.html")}],
                 digest_dir=str(tmp_path / "out"))
    config, store = load(tmp_path / "pw.toml"), Store(str(tmp_path / "pw.db"))
    run_cycle(config, store, notify=False)
    doc = deepcopy(base)
    doc.body[1] += "新增经费9亿元。"
    site.routes["/c.html"] = Page(article(doc))
    asked: list[list[int]] = []
    real = Store.versions_by_id
    monkeypatch.setattr(Store, "versions_by_id", lambda self, ids: asked.append(list(ids)) or real(self, ids))
    cycle = run_cycle(config, store, notify=False)
    assert cycle.delivery.digest is not None and "9亿元" in "\n".join(cycle.delivery.digest.entries[0].lines)
    assert all(not ids for ids in asked) and cycle.report.versions == real(store, [1, 2])
