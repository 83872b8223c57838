"""`policywatch run`: APScheduler with its job store in the snapshot database, one job per watch."""
from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from snapshots import Store

from .check import check
from .config import Config, load, trigger_for
from .digest import Digest, from_report, since
from .lock import InstanceLock
from .notify import send
from .render import render

log = logging.getLogger("policywatch")
FEED_DAYS = 30


def output_dir(config: Config, store: Store) -> Path:
    """Where digests, the Atom feed and redlines are written."""
    if config.settings.digest_dir:
        return Path(config.settings.digest_dir).expanduser()
    base = Path(store.target).parent if "://" not in store.target else Path.cwd()
    return base / "policywatch-digests"


def publish(config: Config, store: Store, digest: Digest) -> Path:
    """Write latest digest (md, html, json) and refresh the Atom feed; return the HTML path."""
    folder = output_dir(config, store)
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in ("md", "html", "json"):
        (folder / f"latest.{fmt}").write_text(render("digest", fmt, digest), encoding="utf-8")
    names = {w.url: w.name for w in config.watches}
    # The feed keeps 30 days: this run's entries in full, earlier ones by headline (no re-diffing).
    history = since(store, datetime.now(timezone.utc) - timedelta(days=FEED_DAYS), None, names, detail=False)
    fresh = {(e.url, e.version) for e in digest.entries}
    history.entries = [e for e in history.entries if (e.url, e.version) not in fresh] + digest.entries
    recent = history
    (folder / "feed.atom").write_text(render("digest", "atom", recent), encoding="utf-8")
    return folder / "latest.html"


def run_watch(config_path: str, db: str, name: str) -> None:
    """One scheduled check (referenced by name so the job store can persist it)."""
    config = load(config_path)
    store = Store(db)
    try:
        with InstanceLock(store.target, "check").acquire(wait=600):
            report = check(config, store, names=(name,))
        digest = from_report(store, report, output_dir(config, store) / "redlines")
        if not digest.empty:
            publish(config, store, digest)
            for delivery in send(config, digest):
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
