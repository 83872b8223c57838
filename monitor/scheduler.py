"""`policywatch run`: APScheduler with its job store in the snapshot database, one job per watch."""
from __future__ import annotations

import logging
import signal
import threading

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from snapshots import Store

from .check import check
from .config import Config, load, trigger_for
from .lock import InstanceLock
from .publish import deliver

log = logging.getLogger("policywatch")


def run_watch(config_path: str, db: str, name: str) -> None:
    """One scheduled check (referenced by name so the job store can persist it)."""
    config = load(config_path)
    store = Store(db)
    try:
        with InstanceLock(store.target, "check").acquire(wait=600):
            report = check(config, store, names=(name,))
        _, deliveries = deliver(config, store, report)
        for delivery in deliveries:
            log.info("notified %s: %s", delivery.target, "ok" if delivery.ok else "FAILED")
        log.info("%s: %d checked, %d changes, %d errors", name, len(report.results), len(report.changes),
                 len(report.errors))
    finally:
        store.close()


def run(config: Config, db: str | None) -> None:
    """Block until SIGTERM/SIGINT, then let a running check finish; a second scheduler on the same
    database exits at once with a message."""
    store = Store(db)
    lock = InstanceLock(store.target, "scheduler").acquire()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=store.engine, tablename="pw_scheduler_jobs")},
        job_defaults={"coalesce": True, "misfire_grace_time": 3600, "max_instances": 1},
        timezone="Asia/Shanghai")
    try:
        scheduler.start(paused=True)
        wanted = set()
        for watch in config.watches:
            job_id = f"watch:{watch.name}"
            wanted.add(job_id)
            scheduler.add_job("monitor.scheduler:run_watch", trigger=trigger_for(watch.schedule, watch.jitter),
                              args=[str(config.path), store.target, watch.name], id=job_id, name=watch.name,
                              replace_existing=True)
        for job in scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()  # a watch removed from the config since the last run
        scheduler.resume()
        log.info("scheduler running %d watch(es); SIGTERM stops it", len(wanted))
        stopping.wait()
        log.info("stopping: waiting for running checks")
        scheduler.shutdown(wait=True)
    finally:
        lock.release()
        store.close()
