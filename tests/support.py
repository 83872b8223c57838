"""Helpers shared by the tests: seeds, bureau-style pages, running a snapshot or the command."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from click.testing import CliRunner

from policywatch.monitor.command.main import cli as click_group
from policywatch.monitor.demo.site import bureau_html
from policywatch.snapshots import Document, Fetcher, FetchPolicy, Record, Store, Target, key_of, snapshot
from policywatch.snapshots.clean import clean
from policywatch.snapshots.extract import extract

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists() or not Path(DRIVER).exists(),
                                    reason="Debian's chromium/chromium-driver not installed (.ci/run installs them)")
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
PG_URL = "postgresql+psycopg://pw:pw@127.0.0.1/pw"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_PEAK_PROBE = ("import resource, subprocess, sys; "
               "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
               "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss(*args: str) -> tuple[int, float]:
    """(exit status, peak RSS in MB) of `policywatch ARGS`. A small go-between starts it: a child forked
    straight from pytest begins with pytest's resident size, and Linux keeps that peak across exec."""
    out = subprocess.run([sys.executable, "-c", _PEAK_PROBE, sys.executable, "-m", "policywatch.monitor", *args],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def seed_doc(prefix: str) -> Document:
    return clean(seed_text(prefix))


def article(doc: Document, charset: str = "utf-8") -> bytes:
    html = bureau_html(doc, charset=charset)
    return html.encode("gb18030" if charset.lower().startswith("gb") else "utf-8")


def run_snapshot(store: Store, url: str, policy: FetchPolicy, **kw):  # type: ignore[no-untyped-def]
    """One snapshot of url, as `policywatch snapshot` takes it."""
    async def go():  # type: ignore[no-untyped-def]
        async with Fetcher(policy) as fetcher:
            return await snapshot(fetcher, store, Target(url, **kw))
    return asyncio.run(go())


def fetch(url: str, policy: FetchPolicy, **kw):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        async with Fetcher(policy) as fetcher:
            return await fetcher.fetch(url, **kw)
    return asyncio.run(go())


def fetch_document(url: str, policy: FetchPolicy) -> Document:
    """Fetch and read a page (the stages a snapshot runs before storing): FetchError if either refuses."""
    fetched = fetch(url, policy)
    return extract(fetched.content, fetched.content_type, fetched.final_url)[0]


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, timeout: float = 180, env: dict[str, str] | None = None, **kw) -> Ran:  # type: ignore[no-untyped-def]
    """The real `policywatch` command in a subprocess (for what needs a process: signals, kill -9, locks)."""
    done = subprocess.run([sys.executable, "-m", "policywatch.monitor", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, **kw)
    return Ran(done.returncode, done.stdout, done.stderr)


def run(*args: str, env: dict[str, str] | None = None) -> Ran:
    """The `policywatch` command in this process (click's CliRunner): the fast lane."""
    result = CliRunner().invoke(click_group, list(args), env=env, catch_exceptions=False, prog_name="policywatch")
    return Ran(result.exit_code, result.stdout, result.stderr)


def write_config(path: Path, site_watches: list[dict], **settings) -> None:  # type: ignore[type-arg,no-untyped-def]
    settings = {"delay": 0.0, "robots": True, "timeout": 10.0, "allow_private": True, **settings}
    document = {"settings": settings, **({"watch": site_watches} if site_watches else {})}
    path.write_text(tomlkit.dumps(document), encoding="utf-8")


class Receiver:
    """Webhook receiver: JSON bodies POSTed to a path on the local site."""

    def __init__(self, site, path: str = "/hook") -> None:  # type: ignore[no-untyped-def]
        import json
        self.messages: list[dict] = []  # type: ignore[type-arg]
        self.path = path

        def handler(h):  # type: ignore[no-untyped-def]
            length = int(h.headers.get("Content-Length") or 0)
            self.messages.append(json.loads(h.rfile.read(length) or b"{}"))
            h.send_response(200)
            h.send_header("Content-Length", "2")
            h.end_headers()
            h.wfile.write(b"ok")
        site.routes[path] = handler
        self.url = "json://" + site.base.removeprefix("http://") + path


def concurrent_writers(target: str, url: str) -> list:
    """Eight workers, each with its own engine (as separate processes would have), record eight
    different texts of one page that none of them has seen, all released at once."""
    import threading

    gate = threading.Barrier(8)
    outcomes, failures = [], []
    base = seed_doc("004")

    def worker(n: int) -> None:
        store = None
        doc = Document.from_dict(base.to_dict())
        doc.body[0] = f"{doc.body[0]}（第{n}稿）"
        try:
            gate.wait(timeout=60)  # opening the store is part of the race: a new database, eight at once
            store = Store(target)
            outcomes.append(store.save(Record(url, f"{n}".encode(), doc, key_of(doc))))
        except Exception as exc:  # noqa: BLE001 (the assertion below names any failure)
            gate.abort()  # the others fail fast instead of waiting for a worker that is gone
            failures.append(exc)
        finally:
            if store is not None:
                store.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return outcomes


PASSWORD, TOKEN = "correct horse battery", "api-token-123"  # the served web app's login and API token
PUBLIC = "11.22.33.44"  # a global address, put on the loopback interface by the public_site fixture only


class Served:
    """The web app a test runs (conftest.served): its base URL, config file and database."""

    def __init__(self, base: str, cfg: Path, db: str) -> None:
        self.base, self.cfg, self.db = base, cfg, db

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def running(config: Any) -> Iterator[str]:
    """A uvicorn server (its uvicorn.Config) on a thread for the block, which gets its base URL once it
    answers; stopped at the end whatever happened."""
    import uvicorn

    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 120
    while not server.started:
        assert time.time() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://{config.host}:{config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
