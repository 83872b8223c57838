"""A notification target that fails keeps its alert: against a real SMTP receiver (aiosmtpd) on 127.0.0.1
that answers 451, drops the connection or hangs, then recovers, the mail arrives once after recovery;
a receiver that accepted a mail and then stalled, or a pass killed between the accept and its record,
costs at most one duplicate; an alert is given up only after give_up_after, loudly; no password printed."""
from __future__ import annotations

import asyncio
import email
import email.policy
import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from support import article, free_port, run, running, seed_doc, write_config

from policywatch.monitor.demo.site import Page

EDIT = ("特此致函。", "特此函复。")


def _text(raw: bytes) -> str:
    """A mail's text parts, decoded (the body travels base64 or quoted-printable)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return "\n".join(str(part.get_content()) for part in message.walk() if part.get_content_maintype() == "text")


class Receiver:
    """aiosmtpd on 127.0.0.1 with a switchable behaviour: ok | 451 | drop | hang | accept-then-hang."""

    def __init__(self) -> None:
        self.port = free_port()
        self.mode = "ok"
        self.accepted: list[str] = []  # bodies of the mails this server answered or would have answered 250
        self.tries = 0  # DATA commands seen
        self.entered = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.tries += 1
        if self.mode == "451":
            return "451 4.3.0 try again later"
        if self.mode == "drop":
            server.transport.close()
            return "421 closing"
        if self.mode in ("hang", "accept-then-hang"):
            if self.mode == "accept-then-hang":
                self.accepted.append(_text(envelope.content))
            self.entered.set()
            await asyncio.sleep(30)
            return "451 too late"
        self.accepted.append(_text(envelope.content))
        return "250 OK"

    def target(self, userinfo: str = "") -> str:
        return (f"mailto://{userinfo}127.0.0.1:{self.port}?from=policywatch@example.com&to=analyst@example.com"
                f"&mode=insecure&cto=3")


@pytest.fixture
def receiver():
    from aiosmtpd.controller import Controller

    box = Receiver()
    controller = Controller(box, hostname="127.0.0.1", port=box.port, ready_timeout=10)
    controller.start()
    yield box
    controller.stop()


def _setup(site, tmp_path: Path, target: str, pages: int = 1, **settings) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    for n in range(pages):
        site.routes[f"/p{n}.html"] = Page(article(seed_doc("004")))
    cfg = tmp_path / "o.toml"
    write_config(cfg, [{"name": f"p{n}", "url": site.url(f"/p{n}.html")} for n in range(pages)],
                 notify=[target], digest_dir=str(tmp_path / "out"), retry_backoff=0.0, **settings)
    db = str(tmp_path / "o.db")
    assert run("--db", db, "check", "--config", str(cfg)).returncode == 0  # baseline
    return db, cfg


def _edit(site, pages: int = 1) -> None:  # type: ignore[no-untyped-def]
    for n in range(pages):
        doc = seed_doc("004")
        site.routes[f"/p{n}.html"] = Page(article(doc).replace(EDIT[0].encode(), f"{EDIT[1]}（第{n}页）".encode()))


def _check(db: str, cfg: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run("--db", db, "check", "--config", str(cfg), *extra)


def _web(cfg: Path, db: str, path: str) -> str:
    """One page of the web app, served by uvicorn on 127.0.0.1 as `policywatch serve` runs it."""
    import httpx

    from policywatch.monitor.web.app import create_app
    from policywatch.monitor.web.serving import server_config

    with running(server_config(create_app(cfg, db), "127.0.0.1", free_port())) as base:
        return httpx.get(base + path).text


@pytest.mark.parametrize("failure", ["451", "drop", "hang"])
def test_a_failing_target_gets_the_alert_once_after_it_recovers(site, tmp_path, receiver, failure):
    db, cfg = _setup(site, tmp_path, receiver.target())
    _edit(site)
    receiver.mode = failure
    failed = _check(db, cfg, "--json")
    assert failed.returncode == 2 and receiver.accepted == []
    owed = json.loads(failed.stdout)["undelivered"]
    assert len(owed) == 1 and owed[0]["events"] == 1 and owed[0]["undelivered_since"]
    status = run("--db", db, "status", "--config", str(cfg))
    assert "undelivered since" in status.stdout, status.stdout
    if failure == "451":
        page, api = _web(cfg, db, "/"), _web(cfg, db, "/api/watches")
        assert "undelivered since" in page and f"127.0.0.1:{receiver.port}" in page
        assert json.loads(api)["undelivered"][0]["events"] == 1
    receiver.mode = "ok"
    again = _check(db, cfg)
    assert again.returncode == 0, again.stderr  # nothing new in the pages: the owed mail went out
    assert len(receiver.accepted) == 1 and "第0页" in receiver.accepted[0]
    quiet = _check(db, cfg, "--json")
    assert quiet.returncode == 0 and json.loads(quiet.stdout)["undelivered"] == [] and len(receiver.accepted) == 1


def test_a_receiver_that_accepts_then_stalls_costs_at_most_one_duplicate(site, tmp_path, receiver):
    db, cfg = _setup(site, tmp_path, receiver.target(), pages=3)
    _edit(site, pages=3)
    receiver.mode = "accept-then-hang"
    assert _check(db, cfg).returncode == 2
    assert receiver.tries == 1  # one attempt a pass: not three mails into a server that took the first
    receiver.mode = "ok"
    assert _check(db, cfg).returncode == 0
    assert len(receiver.accepted) == 2
    assert all(f"第{n}页" in receiver.accepted[-1] for n in range(3))
    keys = [m.split("policywatch delivery key:")[1].split()[0] for m in receiver.accepted]
    assert keys[0] == keys[1]  # the same key: a receiver that de-duplicates sees one
    assert _check(db, cfg).returncode == 0 and len(receiver.accepted) == 2


def test_kill_9_between_accept_and_record_sends_at_most_one_duplicate(site, tmp_path, receiver):
    db, cfg = _setup(site, tmp_path, receiver.target(), pages=3)
    _edit(site, pages=3)
    receiver.mode = "accept-then-hang"
    proc = subprocess.Popen([sys.executable, "-m", "policywatch.monitor", "--db", db, "check", "--config", str(cfg)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert receiver.entered.wait(60), proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    receiver.mode = "ok"
    assert _check(db, cfg).returncode == 1  # the digest was never recorded as reported: it comes again
    assert len(receiver.accepted) == 2 and all(f"第{n}页" in receiver.accepted[-1] for n in range(3))
    assert _check(db, cfg).returncode == 0 and len(receiver.accepted) == 2


def test_an_alert_is_given_up_only_after_give_up_after_and_loudly(site, tmp_path, receiver):
    db, cfg = _setup(site, tmp_path, receiver.target(), give_up_after=0.0)
    _edit(site)
    receiver.mode = "451"
    first = _check(db, cfg)
    assert first.returncode == 2 and "kept for a later pass" in first.stderr and "GAVE UP" not in first.stderr
    second = _check(db, cfg, "--json")
    assert second.returncode == 2 and "GAVE UP" in second.stderr and receiver.tries == 2
    assert json.loads(second.stdout)["undelivered"] == []
    third = _check(db, cfg)
    assert third.returncode == 0 and receiver.tries == 2  # given up: never tried again


def test_the_password_of_a_target_is_never_printed(site, tmp_path, receiver):
    db, cfg = _setup(site, tmp_path, receiver.target("alice:S3cretPass@"))
    _edit(site)
    receiver.mode = "451"
    failed = _check(db, cfg, "--json")
    assert failed.returncode == 2 and "S3cretPass" not in failed.stderr + failed.stdout
    assert f"127.0.0.1:{receiver.port}" in failed.stderr  # the target is named, masked
    status = run("--db", db, "status", "--config", str(cfg), "--json")
    assert "S3cretPass" not in status.stdout and json.loads(status.stdout)["undelivered"]
    bad = tmp_path / "bad.toml"
    write_config(bad, [], notify=["nosuchscheme://bob:Hunter2Secret@example.com/"])
    refused = run("list", "--config", str(bad))
    assert refused.returncode == 2 and "Hunter2Secret" not in refused.stderr and "nosuchscheme" in refused.stderr


def test_a_target_removed_from_the_watch_list_is_given_up_loudly(site, tmp_path, receiver):
    db, cfg = _setup(site, tmp_path, receiver.target())
    _edit(site)
    receiver.mode = "451"
    assert _check(db, cfg).returncode == 2
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(receiver.target(), "json://127.0.0.1:9/none"),
                   encoding="utf-8")
    dropped = _check(db, cfg, "--no-notify")
    assert dropped.returncode == 0  # --no-notify: nothing is decided about notifications
    removed = _check(db, cfg, "--json")
    assert "GAVE UP" in removed.stderr and "no longer in the watch list" in removed.stderr
    assert removed.returncode == 2 and json.loads(removed.stdout)["undelivered"] == []
