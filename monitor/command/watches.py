"""Watch-list and monitoring commands: init, add, remove, list, check, run, digest, demo."""
from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ...errors import ConfigError, InputError
from ...snapshots.targets import default_db
from ...text.normal import printable
from ..clock import typed
from ..render import formats
from ..watching import config as config_mod
from ..watching.early import Early
from ..watching.early import applies as early_applies
from ..watching.kinds import KINDS
from ..watching.schedule import DEFAULT_SCHEDULE
from ..watching.watchlist import Config, Watch
from .main import db_of, db_option, emit

if TYPE_CHECKING:
    from ..watching.results import PageResult

config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="POLICYWATCH_CONFIG",
                             help="Watch list (default: policywatch.toml in the user config folder).")


def _db(ctx: click.Context, cfg: Config) -> str | None:
    return db_of(ctx) or cfg.settings.db or None


def config_file(config_path: str | None) -> Path:
    """The watch list a command reads: --config, else POLICYWATCH_CONFIG, else the user's config folder."""
    return Path(config_path) if config_path else config_mod.default_path()


@click.command("init")
@config_option
def init_cmd(config_path: str | None) -> None:
    """Write the shipped watch list (the bureau's sections) to the config file, if it has none yet."""
    from importlib.resources import files

    target = config_file(config_path)
    if target.exists():
        raise ConfigError(f"{target}: exists already; edit it or use `policywatch add`")
    shipped = files("policywatch.monitor.watching").joinpath("default-watches.toml").read_text(encoding="utf-8")
    config_mod.parse(target, __import__("tomllib").loads(shipped))  # the shipped file must itself be valid
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(shipped)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write ({exc.strerror})") from None
    click.echo(f"wrote {target}")


@click.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--kind", type=click.Choice(sorted(KINDS)), default="page", show_default=True,
              help="; ".join(f"{name}: {cls.help}" for name, cls in sorted(KINDS.items())))
@click.option("--schedule", default=DEFAULT_SCHEDULE, show_default=True,
              help="Crontab line ('0 8 * * 1-5': Monday to Friday) or 'every N[s|m|h|d]'.")
@click.option("--jitter", type=click.IntRange(0, 86400), default=300, show_default=True,
              help="Random delay in seconds (at most a tenth of the period).")
@click.option("--tag", "tags", multiple=True, help="A tag for `check --tag` and tag_notify (repeatable).")
@click.option("--ignore", multiple=True, metavar="REGEX", help="Text that never counts as a change.")
@click.option("--notify", multiple=True, metavar="APPRISE_URL",
              help="This watch's own notification target (repeatable).")
@config_option
def add_cmd(name: str, url: str, kind: str, schedule: str, jitter: int, tags: tuple[str, ...],
            ignore: tuple[str, ...], notify: tuple[str, ...], config_path: str | None) -> None:
    """Add a watch NAME on URL (the config file keeps its comments)."""
    path = config_file(config_path)
    watch = Watch(name, url, kind, schedule, jitter, list(tags), list(ignore), list(notify))
    config_mod.validate_watch(watch, "add")
    config_mod.add_watch(path, watch)
    click.echo(f"added {name} ({kind}, {schedule}) to {path}")


@click.command("remove")
@click.argument("name")
@config_option
def remove_cmd(name: str, config_path: str | None) -> None:
    """Remove the watch NAME (its stored versions stay)."""
    path = config_file(config_path)
    config_mod.remove_watch(path, name)
    click.echo(f"removed {name}")


@click.command("list")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the watches and their state as JSON.")
@db_option
@click.pass_context
def list_cmd(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """List the watches with their state and next run."""
    from ..watching.status import watch_rows

    cfg = config_mod.load(config_path)
    rows = watch_rows(cfg, _db(ctx, cfg))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    if not rows:
        click.echo(f"no watches in {cfg.path}; add one with `policywatch add NAME URL`")
    for row in rows:
        tags = f" [{', '.join(row['tags'])}]" if row["tags"] else ""
        click.echo(printable(f"{row['name']}\t{row['kind']}\t{row['schedule']}\t{row['state']}\t"
                             f"next {row['next_run'] or '-'}\t{row['url']}{tags}"))


@click.command("check")
@config_option
@click.option("--tag", "tags", multiple=True, help="Only watches with this tag (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the check report as JSON.")
@click.option("--wait", type=click.FloatRange(0, 86400), default=0.0, help="Seconds to wait if another check runs.")
@click.option("--no-notify", is_flag=True, help="Do not send notifications.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each page's outcome as it is checked.")
@click.option("--explain", "explain_url", metavar="URL", default=None,
              help="Check nothing: show what the filters of URL's watch keep of its page now.")
@db_option
@click.pass_context
def check_cmd(ctx: click.Context, config_path: str | None, tags: tuple[str, ...], as_json: bool, wait: float,
              no_notify: bool, verbose: bool, explain_url: str | None) -> None:
    """Check every watch once (cron mode). Prints the digest when something is new, and each failing page
    on stderr (failures_before_alert governs the notifications, not this terminal).

    Exit status: 0 nothing new, 1 something new, 2 errors."""
    cfg = config_mod.load(config_path, missing_ok=False)
    if explain_url is not None:
        from ..watching.explain import explain

        for line in explain(cfg, explain_url):
            click.echo(printable(line))
        return
    selected = cfg.selected(tags)
    if not selected:
        raise InputError(f"no watches{' tagged ' + ', '.join(tags) if tags else ''} in {cfg.path}")
    db = _db(ctx, cfg) or default_db()
    # On a SQLite file the pages' requests go out now, while the store and the pass load (early.py).
    early = Early(cfg, db, tags, wait) if early_applies(db) else None
    try:
        from ...snapshots.store import Store
        from ..running.cycle import run_cycle
        from .progress import progress

        store = Store(db)
        try:
            with progress(len(selected), shown=sys.stderr.isatty() and not as_json) as advance:
                def on_result(result: PageResult) -> None:
                    advance()
                    if verbose and not as_json:
                        click.echo(printable(f"policywatch: {result.watch}: {result.url}: {result.outcome}"),
                                   err=True)
                cycle = run_cycle(cfg, store, tags, notify=not no_notify, wait=wait, on_result=on_result,
                                  early=early)
        finally:
            store.close()
    finally:
        if early is not None:
            early.close()
            early.lock.release()
    from ..render import render
    from ..watching.status import undelivered_rows

    digest = cycle.delivery.digest
    if as_json:
        click.echo(json.dumps({**cycle.report.to_dict(), "exit_code": cycle.exit_code,
                               "delivered": len(digest.entries) if digest else 0,
                               "undelivered": undelivered_rows(cycle.delivery.undelivered)},
                              ensure_ascii=False, indent=1))
    elif digest is not None and not cycle.delivery.error:
        click.echo(render("digest", "md", digest), nl=False)
    if cycle.report.baselines and not as_json:
        click.echo(f"baseline taken for {', '.join(cycle.report.baselines)}: from now on, changes are reported")
    for line in cycle.alert_lines():
        click.echo(printable(f"policywatch: {line}"), err=True)
    sys.exit(cycle.exit_code)


@click.command("run")
@config_option
@click.option("--queue", "use_queue", is_flag=True,
              help="Enqueue the checks for `policywatch worker` processes (PostgreSQL store) instead of running them.")
@db_option
@click.pass_context
def run_cmd(ctx: click.Context, config_path: str | None, use_queue: bool) -> None:
    """Run the scheduler until SIGTERM (one per database): each watch on its schedule, overdue ones at once."""
    import logging

    from ..running.scheduler import run

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for chatty in ("apscheduler.executors", "procrastinate"):  # a line per job run: ours say what matters
        logging.getLogger(chatty).setLevel(logging.WARNING)
    cfg = config_mod.load(config_path, missing_ok=False)
    if not cfg.selected():
        raise InputError(f"no watches to run in {cfg.path}")
    run(cfg, _db(ctx, cfg), queue=use_queue)


@click.command("digest")
@config_option
@click.option("--since", "since_date", help="YYYY-MM-DD or an ISO time, Asia/Shanghai (default: 24 hours ago).")
@click.option("--format", "fmt", type=click.Choice(formats("digest")), default="md", show_default=True,
              help="Markdown, an HTML page, an Atom feed or JSON.")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write to this file, not stdout.")
@db_option
@click.pass_context
def digest_cmd(ctx: click.Context, config_path: str | None, since_date: str | None, fmt: str,
               out_file: str | None) -> None:
    """Digest of every event since a date (delivered or not)."""
    from ..outbox.deliver import items_for
    from ..outbox.digest import build
    from ..render import render
    from ..watching import state

    cfg = config_mod.load(config_path)
    if since_date:
        moment = typed(since_date, "--since")
    else:
        moment = datetime.now(UTC) - timedelta(days=1)
    from ...snapshots.store import Store

    store = Store(_db(ctx, cfg), create=False)
    try:
        state.setup(store)
        output = render("digest", fmt, build(items_for(store, state.recent(store, moment)), state.now(),
                                             redlines=False))
    finally:
        store.close()
    emit(output, out_file)


@click.command("demo")
@click.option("--workdir", type=click.Path(file_okay=False), help="Keep the demo's database and files here.")
def demo_cmd(workdir: str | None) -> None:
    """Offline demo: a local bureau site, two monitoring passes, and the digest (each step told on stderr)."""
    from ..demo.walkthrough import run_demo

    result = run_demo(Path(workdir) if workdir else None, say=lambda line: click.echo(f"demo: {line}", err=True))
    click.echo(result.markdown, nl=False)
    click.echo(f"\nHTML digest: {result.html_path}")


COMMANDS = [add_cmd, remove_cmd, list_cmd, check_cmd, run_cmd, digest_cmd, demo_cmd, init_cmd]
