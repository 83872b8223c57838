"""Checks spread over machines: a job queue in the PostgreSQL the store already uses (procrastinate:
job locks, retries, worker heartbeats). The scheduler (`policywatch run --queue`) decides what is due and
enqueues one job per watch; `policywatch worker` processes run them, as many as you like, anywhere that
reaches the database. The scheduler also delivers the outbox and puts back the jobs of a worker that
died (no heartbeat for `stalled_after` seconds).

Politeness across workers: every request holds one of its host's `per_host` slots and waits its turn
after `delay`, both kept in PostgreSQL by monitor/pacing.py (queue-level job locks were measured first:
a slot freed by one job waited for a worker's next poll, a third of the throughput)."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from ...errors import ConfigError, StoreError, one_line
from ...snapshots import Store
from ..clock import shown
from ..watching import state
from ..watching.config import load
from ..watching.watchlist import Config, Watch

log = logging.getLogger("policywatch")
TASK = "policywatch.check_watch"
QUEUE = "checks"
POLL_SECONDS = 0.2


def conninfo(target: str) -> str:
    """The libpq address of a PostgreSQL store (procrastinate speaks psycopg, not SQLAlchemy URLs)."""
    try:
        url = make_url(target)
    except Exception:  # noqa: BLE001 (any unparsable target is the same error below)
        url = None
    if url is None or url.get_backend_name() != "postgresql":
        raise ConfigError(f"{target}: the job queue needs a PostgreSQL store (--db postgresql+psycopg://...)")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@lru_cache(maxsize=8)
def app_for(target: str) -> Any:
    """The procrastinate app of a store, with the check task registered."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(target)))
    app.task(name=TASK, queue=QUEUE, pass_context=False,
             retry=procrastinate.RetryStrategy(max_attempts=3, wait=5))(check_watch)
    return app


async def ensure_schema(app: Any) -> None:
    """procrastinate's tables, created once: the first of several processes starting together creates
    them under an advisory lock, the others wait for it and find them."""
    async with app.connector.pool.connection() as conn:
        await conn.execute("SELECT pg_advisory_lock(hashtext('policywatch.queue.schema'))")
        try:
            found = await (await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).fetchone()
            if not found[0]:
                await app.schema_manager.apply_schema_async()
        finally:
            await conn.execute("SELECT pg_advisory_unlock(hashtext('policywatch.queue.schema'))")


def prepare(target: str) -> Any:
    """The store's app, its queue tables created if this is the first use."""
    app = app_for(target)

    async def tables() -> None:
        async with app.open_async():
            await ensure_schema(app)
    try:
        asyncio.run(tables())
    except OSError as exc:
        raise StoreError(f"{target}: cannot reach the job queue ({one_line(exc, 160)})") from None
    return app


def defer(app: Any, config: Config, db: str, watch: Watch) -> bool:
    """Enqueue one check of a watch (False: one is queued already)."""
    from procrastinate.exceptions import AlreadyEnqueued

    task = app.tasks[TASK].configure(queueing_lock=f"watch:{watch.name}")
    try:
        task.defer(config_path=str(config.path), db=db, name=watch.name)
    except AlreadyEnqueued:
        return False
    return True


_STORES: dict[str, tuple[Store, Any]] = {}
_CONFIGS: dict[str, tuple[float, Config]] = {}


def _store(db: str) -> tuple[Store, Any]:
    """One store (one connection pool) and its pacer per worker process."""
    from .pacing import SharedPacer

    if db not in _STORES:
        store = Store(db)
        state.setup(store)
        _STORES[db] = (store, SharedPacer(store))
    return _STORES[db]


def current_config(path: str) -> Config:
    """The watch list, read again only when the file changed (a job is one watch of thousands)."""
    mtime = os.stat(path).st_mtime
    cached = _CONFIGS.get(path)
    if cached is None or cached[0] != mtime:
        cached = _CONFIGS[path] = (mtime, load(path))
    return cached[1]


async def check_watch(config_path: str, db: str, name: str) -> dict[str, Any]:
    """The job: one watch checked, its events written to the outbox (the scheduler delivers them)."""
    from ...snapshots.fetch import FetchPolicy
    from ..watching.check import Pass
    from ..watching.policy import policy_for

    config = current_config(config_path)
    try:
        watch = config.watch(name)
    except ConfigError:
        return {"skipped": f"{name}: no longer in {config_path}"}
    store, pacer = _store(db)
    policy: FetchPolicy = policy_for(config)
    policy.pacer = pacer  # per_host and delay across all workers
    report = await Pass(config, store, policy).run([watch], scoped=True)
    return {"pages": report.pages, "changes": len(report.changes), "errors": len(report.errors)}


async def maintain(target: str, stalled_after: float) -> int:
    """Put back the jobs of workers that stopped sending heartbeats; how many."""
    app = app_for(target)
    async with app.open_async():
        stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after)
        for job in stalled:
            await app.job_manager.retry_job(job)
    return len(stalled)


def run_worker(target: str, concurrency: int, stalled_after: float) -> None:
    """Run queued checks until SIGTERM/SIGINT (a job in progress is finished first)."""
    app = app_for(target)

    async def work() -> None:
        async with app.open_async():
            await ensure_schema(app)
            log.info("worker %s: %d check(s) at a time on %s", socket.gethostname(), concurrency,
                     make_url(target).render_as_string(hide_password=True))
            # A job that waited on its host's lock becomes runnable when another ends, with no notification:
            # poll often, or the host's slots idle between checks.
            await app.run_worker_async(queues=[QUEUE], concurrency=concurrency, name=socket.gethostname(),
                                       fetch_job_polling_interval=POLL_SECONDS,
                                       update_heartbeat_interval=max(stalled_after / 4, 0.5),
                                       stalled_worker_timeout=stalled_after, delete_jobs="successful")
    try:
        asyncio.run(work())
    except OSError as exc:
        raise StoreError(f"{target}: cannot reach the job queue ({one_line(exc, 160)})") from None


def status(store: Store) -> dict[str, Any]:
    """Queue depth by status, running checks, workers seen (with their last heartbeat) and failed jobs."""
    jobs = "SELECT args->>'name', attempts FROM procrastinate_jobs WHERE status = :status ORDER BY id DESC LIMIT 50"
    with store.read() as conn:
        if not conn.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar():
            return {"queue": None}
        counts = dict(conn.execute(text("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status")).all())
        running = [r[0] for r in conn.execute(text(jobs), {"status": "doing"})]
        seen = conn.execute(text(
            "SELECT w.id, w.last_heartbeat, count(j.id) FROM procrastinate_workers w LEFT JOIN procrastinate_jobs j "
            "ON j.worker_id = w.id AND j.status = 'doing' GROUP BY w.id ORDER BY w.id"))
        workers = [{"id": r[0], "last_heartbeat": shown(r[1]), "jobs": r[2]} for r in seen]
        failed = [{"watch": r[0], "attempts": r[1]} for r in conn.execute(text(jobs), {"status": "failed"})]
    return {"queue": {"todo": counts.get("todo", 0), "doing": counts.get("doing", 0),
                      "failed": counts.get("failed", 0), "succeeded": counts.get("succeeded", 0)},
            "running": running, "workers": workers, "failed": failed}


def enqueue_all(config: Config, db: str, names: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> tuple[int, int]:
    """One pass now (what cron would start in distributed mode): (enqueued, already queued)."""
    app = prepare(db)
    added = skipped = 0
    with app.open():
        for watch in config.selected(tags, names):
            if defer(app, config, db, watch):
                added += 1
            else:
                skipped += 1
    return added, skipped


