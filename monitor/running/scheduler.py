"""`policywatch run`: APScheduler with its job store in the snapshot database, one job per watch.

A restart never pushes a check later: a job whose schedule did not change keeps its stored next run, a
new or changed one is due at the time its last check and its schedule give (at once when overdue), and
an overdue job runs at start. Each job runs a cycle (monitor/cycle.py), so its events are delivered,
and those an interrupted job left behind with them."""
from __future__ import annotations

import logging
import signal
import threading

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from ...errors import PolicywatchError, one_line
from ...snapshots import Store
from ..clock import TIMEZONE
from ..outbox.deliver import Delivery
from ..watching import state
from ..watching.config import load
from ..watching.lock import InstanceLock
from ..watching.schedule import next_run, trigger_for
from ..watching.watchlist import Config
from .cycle import run_cycle

log = logging.getLogger("policywatch")
JOB_FUNC = f"{__name__}:run_watch"
QUEUE_FUNC = f"{__name__}:queue_watch"
RETRY_EVERY = 60.0  # seconds between looks at the outbox for notifications due again (embedded mode)


def queue_watch(config_path: str, db: str, name: str) -> None:
    """Distributed mode: the check is enqueued for a worker (one queued at a time per watch)."""
    from .queue import app_for, current_config, defer

    try:
        config = current_config(config_path)
        if not defer(app_for(db), config, db, config.watch(name)):
            log.info("%s: still queued from its last turn", name)
    except PolicywatchError as exc:
        log.error("%s: %s", name, one_line(exc))


def upkeep(config_path: str, db: str) -> None:
    """Distributed mode, every few seconds: jobs of dead workers back in the queue, the outbox delivered."""
    import asyncio

    from ..outbox.deliver import deliver
    from .queue import current_config, maintain

    try:
        config = current_config(config_path)
        put_back = asyncio.run(maintain(db, config.settings.stalled_after))
        if put_back:
            log.warning("%d check(s) of workers that stopped answering put back in the queue", put_back)
        store = Store(db)
        try:
            delivery = deliver(config, store)
            store.prune_checks()
        finally:
            store.close()
    except PolicywatchError as exc:
        log.error("upkeep: %s", one_line(exc))
        return
    _log_delivery(delivery)


def _log_delivery(delivery: Delivery) -> None:
    if delivery.error:
        log.error("digest not delivered (kept for the next turn): %s", delivery.error)
    elif delivery.digest is not None:
        log.info("delivered %d event(s)", len(delivery.digest.entries))
    for sent in delivery.sent:
        if sent.ok and not delivery.digest:
            log.info("notification to %s delivered after a failure (%d event(s))", sent.target, sent.entries)
        elif not sent.ok and sent not in delivery.gave_up:
            log.warning("notification to %s failed (%s); kept for a later turn", sent.target, sent.error)
    for sent in delivery.gave_up:
        log.error("GAVE UP notifying %s of %d event(s): %s", sent.target, sent.entries, sent.error)


def retry_outbox(config_path: str, db: str) -> None:
    """Embedded mode, every minute: notifications an earlier failure left owed are tried again once their
    backoff has passed (a watch checked once a day would otherwise hold them a day). Under the check lock,
    so it never sends beside a running pass; skipped while one runs."""
    from ..outbox.deliver import deliver

    try:
        config = load(config_path)
        store = Store(db)
        try:
            if not state.undelivered(store):
                return
            with InstanceLock(store.target, "check").acquire(0):
                delivery = deliver(config, store)
        finally:
            store.close()
    except PolicywatchError as exc:
        log.info("outbox retry skipped: %s", one_line(exc))
        return
    _log_delivery(delivery)


def run_watch(config_path: str, db: str, name: str) -> None:
    """One scheduled check (referenced by name so the job store can persist it)."""
    try:
        config = load(config_path)
        store = Store(db)
        try:
            cycle = run_cycle(config, store, names=(name,), wait=600)
        finally:
            store.close()
    except PolicywatchError as exc:
        log.error("%s: %s", name, one_line(exc))
        return
    for line in cycle.alert_lines():
        log.warning("%s", line)
    log.info("%s: %d page(s) checked, %d new, %d error(s)", name, cycle.report.pages, len(cycle.report.changes),
             len(cycle.report.errors))


def _jobs(scheduler: BackgroundScheduler, config: Config, store: Store, func: str = JOB_FUNC) -> None:
    tracked = state.load(store)
    now = state.now()
    wanted = set()
    for watch in config.selected():
        job_id = f"watch:{watch.name}"
        wanted.add(job_id)
        trigger = trigger_for(watch.schedule, watch.jitter)
        args = [str(config.path), store.target, watch.name]
        job = scheduler.get_job(job_id)
        if job is not None and str(job.trigger) == str(trigger) and list(job.args) == args and job.func_ref == func:
            continue  # unchanged: it keeps its stored next run
        last = tracked[watch.url].last_checked if watch.url in tracked else None
        scheduler.add_job(func, trigger=trigger, args=args, id=job_id, name=watch.name, replace_existing=True,
                          next_run_time=next_run(watch.schedule, last, now))
    for job in scheduler.get_jobs():
        if job.id not in wanted and job.id.startswith("watch:"):
            job.remove()  # a watch removed (or paused) since the last run


def run(config: Config, db: str | None, queue: bool = False) -> None:
    """Block until SIGTERM/SIGINT, then let a running check finish; a second scheduler on the same
    database exits at once with a message. `queue`: enqueue the checks for workers (monitor/queue.py)
    instead of running them here."""
    store = Store(db)
    state.setup(store)
    lock = InstanceLock(store.target, "scheduler", hint="stop it first (one scheduler per database)").acquire()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=store.engine, tablename="pw_scheduler_jobs")},
        job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1}, timezone=TIMEZONE)
    try:
        scheduler.start(paused=True)
        if queue:
            from .queue import prepare

            prepare(store.target).open()
            _jobs(scheduler, config, store, QUEUE_FUNC)
            every = max(config.settings.stalled_after / 3, 1.0)
            scheduler.add_job(f"{__name__}:upkeep", "interval", seconds=every, args=[str(config.path), store.target],
                              id="upkeep", replace_existing=True)
        else:
            _jobs(scheduler, config, store)
            if scheduler.get_job("upkeep") is not None:
                scheduler.remove_job("upkeep")
            scheduler.add_job(f"{__name__}:retry_outbox", "interval", seconds=RETRY_EVERY,
                              args=[str(config.path), store.target], id="retry_outbox", replace_existing=True)
        for job in sorted(scheduler.get_jobs(), key=lambda j: j.next_run_time):
            if job.id.startswith("watch:"):
                log.info("watch %s: next run %s", job.name, job.next_run_time.isoformat(timespec="seconds"))
        scheduler.resume()
        log.info("scheduler running %d watch(es); SIGTERM stops it", len(scheduler.get_jobs()))
        stopping.wait()
        log.info("stopping: waiting for running checks")
        scheduler.shutdown(wait=True)
    finally:
        lock.release()
        store.close()
