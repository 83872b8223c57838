"""Shared fixtures: a real HTTP server on 127.0.0.1, a fresh store, the seed documents."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from monitor.site import LocalSite, Page, bureau_html
from snapshots import Document, FetchPolicy, Fetcher, Store
from snapshots.clean import clean
from snapshots.snapshot import snapshot

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def seed_doc(prefix: str) -> Document:
    return clean(seed_text(prefix))


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
                       total_timeout=6.0, robots=True)


def article(doc: Document, charset: str = "utf-8") -> bytes:
    html = bureau_html(doc, charset=charset)
    return html.encode("gb18030" if charset.lower().startswith("gb") else "utf-8")


def run_snapshot(store: Store, url: str, policy: FetchPolicy, **kw):
    async def go():
        async with Fetcher(policy) as fetcher:
            return await snapshot(fetcher, store, url, **kw)
    return asyncio.run(go())


def fetch(url: str, policy: FetchPolicy, **kw):
    async def go():
        async with Fetcher(policy) as fetcher:
            return await fetcher.fetch(url, **kw)
    return asyncio.run(go())


def cli(*args: str, timeout: float = 180, **kw):
    """Run the real `policywatch` command in a subprocess."""
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True,
                          timeout=timeout, **kw)


class Receiver:
    """Webhook receiver: JSON bodies POSTed to a path on the local site."""

    def __init__(self, site, path: str = "/hook") -> None:
        import json
        self.messages: list[dict] = []
        self.path = path

        def handler(h):
            length = int(h.headers.get("Content-Length") or 0)
            self.messages.append(json.loads(h.rfile.read(length) or b"{}"))
            h.send_response(200)
            h.send_header("Content-Length", "2")
            h.end_headers()
            h.wfile.write(b"ok")
        site.routes[path] = handler
        self.url = "json://" + site.base.removeprefix("http://") + path


def write_config(path, site_watches: list[dict], **settings) -> None:
    import tomli_w
    settings = {"delay": 0.0, "robots": True, "timeout": 10.0, **settings}
    path.write_text(tomli_w.dumps({"settings": settings, "watch": site_watches}), encoding="utf-8")


PG_URL = "postgresql+psycopg://pw:pw@127.0.0.1/pw"


@pytest.fixture
def pg_store():
    """A store on the local PostgreSQL that tests/install.sh sets up; skipped where there is none."""
    import sqlalchemy
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
