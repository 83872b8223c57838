"""An alert is delivered or retried, never dropped: a crash (kill -9) or a failed digest write between
storing a change and reporting it leaves the event in the outbox, and the next pass delivers it once."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from support import article, run, seed_doc, write_config

from policywatch.monitor.demo.site import Page

EDIT = ("特此致函。", "特此函复。")


class Hook:
    """A webhook on the local site that records each POST; `hold` makes it hang until released."""

    def __init__(self, site) -> None:  # type: ignore[no-untyped-def]
        self.messages: list[dict[str, object]] = []
        self.hold = False
        self.entered = threading.Event()
        self.release = threading.Event()

        def handler(h):  # type: ignore[no-untyped-def]
            body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
            if self.hold:
                self.entered.set()
                self.release.wait(30)
                return
            self.messages.append(json.loads(body or b"{}"))
            h.send_response(200)
            h.send_header("Content-Length", "2")
            h.end_headers()
            h.wfile.write(b"ok")
        site.routes["/hook"] = handler
        self.url = "json://" + site.base.removeprefix("http://") + "/hook"


def _setup(site, tmp_path: Path, hook: Hook, digest_dir: Path, pages: int = 1) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    for n in range(pages):
        site.routes[f"/p{n}.html"] = Page(article(seed_doc("004")))
    cfg = tmp_path / "d.toml"
    write_config(cfg, [{"name": f"p{n}", "url": site.url(f"/p{n}.html")} for n in range(pages)],
                 notify=[hook.url], digest_dir=str(digest_dir))
    db = str(tmp_path / "d.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0  # baseline
    return db, cfg


def _edit(site, path: str = "/p0.html") -> None:  # type: ignore[no-untyped-def]
    site.routes[path] = Page(article(seed_doc("004")).replace(EDIT[0].encode(), EDIT[1].encode()))


def _popen(db: str, cfg: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", db, "check", "--config", str(cfg)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _delivered_once(db: str, cfg: Path, hook: Hook, out: Path) -> None:
    again = run("--db", db, "check", "--config", str(cfg))
    assert again.returncode == 1, again.stderr
    assert "## Changed (1)" in again.stdout and EDIT[1] in again.stdout
    assert len(hook.messages) == 1 and EDIT[1] in json.dumps(hook.messages[0], ensure_ascii=False)
    assert EDIT[1] in (out / "latest.md").read_text(encoding="utf-8")
    quiet = run("--db", db, "check", "--config", str(cfg))
    assert quiet.returncode == 0 and quiet.stdout == "" and len(hook.messages) == 1


def test_an_unwritable_digest_folder_keeps_the_alert_for_the_next_pass(site, tmp_path):
    hook = Hook(site)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the digest folder should be")
    db, cfg = _setup(site, tmp_path, hook, blocker / "digests")
    _edit(site)
    failed = run("--db", db, "check", "--config", str(cfg))
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr.count("\n") == 1 and "digests" in failed.stderr and "kept for the next" in failed.stderr
    assert hook.messages == []
    out = tmp_path / "out"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(blocker / "digests"), str(out)), encoding="utf-8")
    _delivered_once(db, cfg, hook, out)


def test_kill_9_while_notifying_delivers_once_on_the_next_pass(site, tmp_path):
    hook = Hook(site)
    out = tmp_path / "out"
    db, cfg = _setup(site, tmp_path, hook, out)
    _edit(site)
    hook.hold = True
    proc = _popen(db, cfg)
    assert hook.entered.wait(60), proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    hook.hold = False
    hook.release.set()
    assert (out / "latest.md").exists()  # the digest was written, the notification never answered
    _delivered_once(db, cfg, hook, out)


def test_kill_9_after_storing_before_the_digest_delivers_once_on_the_next_pass(site, tmp_path):
    """Page 0's change is stored while page 1 hangs; the pass is killed before it reports anything."""
    hook = Hook(site)
    out = tmp_path / "out"
    db, cfg = _setup(site, tmp_path, hook, out, pages=2)
    _edit(site)
    served = site.routes["/p1.html"]
    stalled = threading.Event()

    def slow(h):  # type: ignore[no-untyped-def]
        stalled.set()
        time.sleep(20)
    site.routes["/p1.html"] = slow
    proc = _popen(db, cfg)
    deadline = time.time() + 60
    while time.time() < deadline:
        with sqlite3.connect(db) as conn:
            if conn.execute("SELECT count(*) FROM pw_versions").fetchone()[0] == 3 and stalled.is_set():
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "latest.md").exists() and hook.messages == []
    site.routes["/p1.html"] = served
    _delivered_once(db, cfg, hook, out)


def test_a_digests_events_are_marked_delivered_in_one_statement_with_one_moment(tmp_path):
    """Delivery is the end of the pass that a check waits for: one UPDATE per event was 30 statements for
    a digest of 30 changes."""
    from sqlalchemy import event, select

    from policywatch.monitor.watching import state
    from policywatch.snapshots import Store

    store = Store(str(tmp_path / "pw.db"))
    state.setup(store)
    with store.transaction() as conn:
        for n in range(30):
            state.add_event(conn, "change", watch="w", url=f"http://127.0.0.1/{n}.html", page_id=n)
    ids = [e.id for e in state.pending(store)]
    updates: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: updates.append(statement) if statement.startswith("UPDATE")
                 else None)
    state.mark_delivered(store, {i: f"变更{i}" for i in ids})
    assert len(updates) == 1 and state.pending(store) == []
    with store.read() as conn:
        rows = list(conn.execute(select(state.events.c.id, state.events.c.delivered_at, state.events.c.headline)))
    assert len({r.delivered_at for r in rows}) == 1 and {r.id: r.headline for r in rows} == {i: f"变更{i}" for i in ids}
