"""Shared fixtures: a real HTTP server on 127.0.0.1, a fresh store, a local PostgreSQL, headless Chromium."""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from support import CHROMIUM, DRIVER, PASSWORD, PG_URL, PUBLIC, TOKEN, Served, free_port, running, write_config

from policywatch.monitor.demo.site import LocalSite, Page
from policywatch.snapshots import FetchPolicy, Store
from policywatch.snapshots.robots import SHARED


@pytest.fixture(autouse=True)
def _fresh_robots():
    """Each test's site is a new origin, but ports are reused: no robots.txt answer outlives its test."""
    SHARED.forget()
    yield


@pytest.fixture
def site():
    with LocalSite() as s:
        s.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        yield s


@pytest.fixture
def store(tmp_path):
    s = Store(str(tmp_path / "pw.db"))
    yield s
    s.close()


@pytest.fixture
def fast_policy() -> FetchPolicy:
    return FetchPolicy(min_delay=0, retries=2, backoff=0.05, read_timeout=1.0, connect_timeout=1.0,
                       timeout=6.0, robots=True, allow_private=True)


@pytest.fixture
def pg_store():
    """A store on the local PostgreSQL that tests/install.sh sets up; skipped where there is none. A test
    in another xdist process waits for this one to end (each starts from an empty schema)."""
    import fcntl

    import sqlalchemy

    with open(Path(tempfile.gettempdir()) / "policywatch-tests-postgresql.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        try:
            engine = sqlalchemy.create_engine(PG_URL)
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            engine.dispose()
        except Exception as exc:  # noqa: BLE001 (any failure means: no server here)
            pytest.skip(f"no PostgreSQL at {PG_URL}: {exc.__class__.__name__}")
        store = Store(PG_URL)
        yield store
        store.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='pw-chrome-')}", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


class Mailbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1: what reaches it is what a person's mail server gets."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list = []  # type: ignore[type-arg]

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(envelope)
        return "250 OK"

    def target(self, to: str = "analyst@example.com") -> str:
        return f"mailto://127.0.0.1:{self.port}?from=policywatch@example.com&to={to}&mode=insecure"

    def wait(self, seconds: float = 120) -> list:  # type: ignore[type-arg]

        deadline = time.time() + seconds
        while not self.received and time.time() < deadline:
            time.sleep(0.1)
        return self.received


@pytest.fixture
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files first: those with a slow trial, then the end-to-end ones (processes, servers,
    browsers), then monitor/, then the unit tests, which fill in at the end. pytest-xdist hands out whole files
    in this order (`--no-loadscope-reorder` in pyproject.toml: its default reorders files by their number of
    tests, which had put the PostgreSQL file, six tests and the longest, two minutes into the run)."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: (item.path not in slow, "endtoend" not in item.path.parts,
                                 "monitor" not in item.path.parts))


@pytest.fixture
def served(site, tmp_path):
    """The web app on a free port, over a config with a password and an API token."""
    import uvicorn

    from policywatch.monitor.web.app import create_app

    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [], web_password=PASSWORD, web_token=TOKEN, robots=False)
    port = free_port()
    with running(uvicorn.Config(create_app(cfg, db), host="127.0.0.1", port=port, log_level="warning")):
        yield Served(f"http://127.0.0.1:{port}", cfg, db)


@pytest.fixture
def public_site():
    """A site on a public address (root adds it to `lo`); skipped where the address cannot be added."""
    from policywatch.monitor.demo.site import LocalSite

    added = subprocess.run(["ip", "addr", "add", f"{PUBLIC}/32", "dev", "lo"], capture_output=True)
    if added.returncode != 0 and b"exists" not in added.stderr:
        pytest.skip(f"cannot add {PUBLIC} to lo (needs root): {added.stderr.decode().strip()}")
    try:
        with LocalSite(host=PUBLIC) as site:
            yield site
    finally:
        subprocess.run(["ip", "addr", "del", f"{PUBLIC}/32", "dev", "lo"], capture_output=True)
