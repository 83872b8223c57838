"""Distributed mode's commands: `worker` runs queued checks, `enqueue` starts a pass now, `status` shows
the queue and the watches."""
from __future__ import annotations

import json
import logging
from typing import Any

import click

from ...errors import InputError
from ...snapshots import Store
from ...text.normal import printable
from ..watching import config as config_mod
from ..watching.watchlist import Config
from .main import db_of, db_option
from .watches import config_file, config_option


def _target(ctx: click.Context, cfg: Config) -> str:
    target = db_of(ctx) or cfg.settings.db
    if not target:
        raise InputError("distributed mode needs a PostgreSQL store: --db postgresql+psycopg://user:pass@host/db")
    return target


@click.command("worker")
@config_option
@click.option("--concurrency", type=click.IntRange(1, 256), default=4, show_default=True,
              help="Checks this worker runs at once.")
@db_option
@click.pass_context
def worker_cmd(ctx: click.Context, config_path: str | None, concurrency: int) -> None:
    """Run queued checks until SIGTERM; start as many workers as you like, on any machine that reaches
    the database. Per-host limits hold across all of them."""
    from ..running.queue import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for chatty in ("httpx", "procrastinate"):  # a line per request and per job: the worker's own lines suffice
        logging.getLogger(chatty).setLevel(logging.WARNING)
    cfg = config_mod.load(config_file(config_path), missing_ok=False)
    run_worker(_target(ctx, cfg), concurrency, cfg.settings.stalled_after)


@click.command("enqueue")
@config_option
@click.option("--tag", "tags", multiple=True, help="Only watches with this tag (repeatable).")
@db_option
@click.pass_context
def enqueue_cmd(ctx: click.Context, config_path: str | None, tags: tuple[str, ...]) -> None:
    """Queue one check of every watch now, for the workers (cron's `check` in distributed mode)."""
    from ..running.queue import enqueue_all

    cfg = config_mod.load(config_file(config_path), missing_ok=False)
    added, queued = enqueue_all(cfg, _target(ctx, cfg), tags=tags)
    click.echo(f"queued {added} check(s); {queued} were still queued")


@click.command("status")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the queue's state as JSON.")
@db_option
@click.pass_context
def status_cmd(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """The job queue (depth, running checks, workers seen, failures) and the watches' states."""
    from ..running.queue import status
    from ..watching import state
    from ..watching.status import condition_of, undelivered_line, undelivered_rows

    cfg = config_mod.load(config_file(config_path), missing_ok=False)
    store = Store(db_of(ctx) or cfg.settings.db or None, create=False)
    try:
        state.setup(store)
        health = state.health(store, [w.url for w in cfg.watches])
        queue: dict[str, Any] = status(store) if store.engine.dialect.name == "postgresql" else {"queue": None}
        owed = undelivered_rows(state.undelivered(store))
    finally:
        store.close()
    states: dict[str, int] = {}
    for watch in cfg.watches:
        key = condition_of(watch, health.get(watch.url)).split(" (")[0]
        states[key] = states.get(key, 0) + 1
    report = {**queue, "watches": states, "undelivered": owed}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    if queue["queue"] is None:
        click.echo("queue: none (embedded mode: `policywatch run` checks in its own process)")
    else:
        q = queue["queue"]
        click.echo(f"queue: {q['todo']} waiting, {q['doing']} running, {q['failed']} failed")
        click.echo(f"workers: {len(queue['workers'])}" + "".join(
            f"\n  #{w['id']}: {w['jobs']} running, last heartbeat {w['last_heartbeat']}" for w in queue["workers"]))
        if queue["running"]:
            click.echo("running: " + ", ".join(queue["running"][:20]) + (" …" if len(queue["running"]) > 20 else ""))
        for failed in queue["failed"]:
            click.echo(f"failed: {failed['watch']} after {failed['attempts']} attempt(s)")
    click.echo("watches: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items())))
    for row in owed:
        click.echo(printable(f"undelivered: {undelivered_line(row)}"))


COMMANDS = [worker_cmd, enqueue_cmd, status_cmd]
