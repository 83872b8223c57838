"""Distributed checks: pages per minute with 1, 2 and 4 workers (`policywatch worker --concurrency 8`) on
a local PostgreSQL, first with per-host limits high enough not to matter (4 hosts, per_host 32), then
with realistic ones across 50 hosts (per_host 2, delay 0.5 s). Local sites answer after 50 ms, like a
near server. A pass is timed from `policywatch enqueue` to the last page stored.

Needs the PostgreSQL that tests/install.sh sets up (postgresql+psycopg://pw:pw@127.0.0.1/pw).

    .venv/bin/python bench/scale_bench.py [--pages 2000]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import sqlalchemy
import tomlkit

from policywatch.monitor.demo.site import LocalSite, Page, bureau_html
from policywatch.snapshots import Document, Store

PG = "postgresql+psycopg://pw:pw@127.0.0.1/pw"


def _reset(engine: sqlalchemy.Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    Store(PG).close()


def one_pass(pages: int, hosts: int, workers: int, per_host: int, delay: float) -> float:
    """Pages per minute of one pass."""
    engine = sqlalchemy.create_engine(PG)
    _reset(engine)
    folder = Path(tempfile.mkdtemp(prefix="pw-scale-"))
    with ExitStack() as stack:
        # 127.0.0.0/8 is all loopback on Linux: one address per host, so each is its own host to the fetcher
        sites = [stack.enter_context(LocalSite(host=f"127.0.{1 + n // 200}.{2 + n % 200}", latency=0.05))
                 for n in range(hosts)]
        watches = []
        for n in range(pages):
            site = sites[n % hosts]
            doc = Document(title=f"关于第{n}号项目的通知", body=[f"第一条 为规范第{n}号项目管理，制定本办法。"])
            site.routes[f"/p{n}.html"] = Page(bureau_html(doc).encode("utf-8"))
            watches.append({"name": f"p{n}", "url": site.url(f"/p{n}.html")})
        cfg = folder / "pw.toml"
        cfg.write_text(tomlkit.dumps({"settings": {"per_host": per_host, "delay": delay, "robots": False,
                                                   "allow_private": True}, "watch": watches}), encoding="utf-8")
        command = [sys.executable, "-m", "policywatch.monitor", "--db", PG]
        procs = [subprocess.Popen([*command, "worker", "--config", str(cfg), "--concurrency", "8"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        stack.callback(lambda: [p.kill() for p in procs])
        time.sleep(2)  # workers up
        started = time.perf_counter()
        subprocess.run([*command, "enqueue", "--config", str(cfg)], check=True, capture_output=True)
        while True:
            with engine.connect() as conn:
                if conn.exec_driver_sql("SELECT count(*) FROM pw_versions").scalar() >= pages:
                    break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    engine.dispose()
    return pages / elapsed * 60


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    print(f"{args.pages} pages per pass, 50 ms server latency, workers with 8 checks at a time")
    print(f"{'setting':44} {'workers':>7} {'pages/min':>10}")
    for label, hosts, per_host, delay in (("4 hosts, per_host 32, no delay", 4, 32, 0.0),
                                          ("50 hosts, per_host 2, delay 0.5 s", 50, 2, 0.5)):
        for workers in (1, 2, 4):
            rate = one_pass(args.pages, hosts, workers, per_host, delay)
            print(f"{label:44} {workers:>7} {rate:>10,.0f}", flush=True)
    print("floor with 50 hosts at per_host 2, delay 0.5 s: 50 x 2 requests/s = 6,000 pages/min")


if __name__ == "__main__":
    main()
