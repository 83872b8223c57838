"""Watch-list and monitoring commands: add, remove, list, check, run, digest, demo."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click

from snapshots.errors import InputError
from snapshots.store import Store

from . import config as config_mod
from .check import check
from .lock import InstanceLock

config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="POLICYWATCH_CONFIG",
                             help="Watch list (default: policywatch.toml in the user config folder).")


def _db(ctx: click.Context, cfg: config_mod.Config) -> str | None:
    return ctx.obj.get("db") or cfg.settings.db or None


@click.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--kind", type=click.Choice(["page", "listing"]), default="page", show_default=True)
@click.option("--schedule", default=config_mod.DEFAULT_SCHEDULE, show_default=True,
              help="Cron expression ('0 8 * * 1-5') or 'every N[s|m|h|d]'.")
@click.option("--jitter", type=int, default=300, show_default=True, help="Random delay in seconds.")
@click.option("--tag", "tags", multiple=True)
@click.option("--ignore", multiple=True, metavar="REGEX", help="Text that never counts as a change.")
@click.option("--notify", multiple=True, metavar="APPRISE_URL")
@config_option
def add_cmd(name: str, url: str, kind: str, schedule: str, jitter: int, tags: tuple[str, ...],
            ignore: tuple[str, ...], notify: tuple[str, ...], config_path: str | None) -> None:
    """Add a watch NAME on URL."""
    cfg = config_mod.load(config_path)
    watch = config_mod.Watch(name, url, kind, schedule, jitter, list(tags), list(ignore), list(notify))
    config_mod.validate_watch(watch, "add")
    if notify:
        from .notify import validate_target

        for target in notify:
            validate_target(target)
    if any(w.name == name for w in cfg.watches):
        raise InputError(f"a watch named {name!r} exists already in {cfg.path}")
    cfg.watches.append(watch)
    cfg.save()
    click.echo(f"added {name} ({kind}, {schedule}) to {cfg.path}")


@click.command("remove")
@click.argument("name")
@config_option
def remove_cmd(name: str, config_path: str | None) -> None:
    """Remove the watch NAME (its stored versions stay)."""
    cfg = config_mod.load(config_path)
    if not any(w.name == name for w in cfg.watches):
        raise InputError(f"no watch named {name!r} in {cfg.path}")
    cfg.watches = [w for w in cfg.watches if w.name != name]
    cfg.save()
    click.echo(f"removed {name}")


@click.command("list")
@config_option
@click.option("--json", "as_json", is_flag=True)
def list_cmd(config_path: str | None, as_json: bool) -> None:
    """List the watches."""
    cfg = config_mod.load(config_path)
    if as_json:
        click.echo(json.dumps([w.__dict__ for w in cfg.watches], ensure_ascii=False, indent=1))
        return
    if not cfg.watches:
        click.echo(f"no watches in {cfg.path}; add one with `policywatch add NAME URL`")
    for w in cfg.watches:
        tags = f" [{', '.join(w.tags)}]" if w.tags else ""
        click.echo(f"{w.name}\t{w.kind}\t{w.schedule}\t{w.url}{tags}")


@click.command("check")
@config_option
@click.option("--tag", "tags", multiple=True, help="Only watches with this tag (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the check report as JSON.")
@click.option("--wait", type=float, default=0.0, help="Seconds to wait if another check is running.")
@click.option("--no-notify", is_flag=True, help="Do not send notifications.")
@click.pass_context
def check_cmd(ctx: click.Context, config_path: str | None, tags: tuple[str, ...], as_json: bool, wait: float,
              no_notify: bool) -> None:
    """Check every watch once (cron mode). Prints the digest when something changed.

    Exit status: 0 no change, 1 changes found, 2 errors."""
    cfg = config_mod.load(config_path, missing_ok=False)
    store = Store(_db(ctx, cfg))
    with InstanceLock(store.target, "check").acquire(wait):
        watches = cfg.selected(tags)
        if not watches:
            raise InputError(f"no watches{' tagged ' + ', '.join(tags) if tags else ''} in {cfg.path}")
        if sys.stderr.isatty() and not as_json:
            from rich.progress import Progress

            with Progress(transient=True) as progress:
                task = progress.add_task("checking", total=None)
                report = check(cfg, store, tags, on_result=lambda r: progress.advance(task))
        else:
            report = check(cfg, store, tags)
    markdown = ""
    if report.changes or any(r.alert for r in report.results):  # else the digest machinery stays unloaded
        from .publish import deliver
        from .render import render

        digest, deliveries = deliver(cfg, store, report, notify=not no_notify)
        for delivery in deliveries:
            if not delivery.ok:
                click.echo(f"policywatch: notification to {delivery.target} failed", err=True)
        markdown = "" if digest.empty else render("digest", "md", digest)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    elif markdown:
        click.echo(markdown, nl=False)
    for result in report.errors:
        click.echo(f"{result.watch}: {result.url}: error [{result.error_kind}] {result.message}", err=True)
    store.close()
    sys.exit(report.exit_code)


@click.command("run")
@config_option
@click.pass_context
def run_cmd(ctx: click.Context, config_path: str | None) -> None:
    """Run the scheduler until SIGTERM (one instance per database)."""
    import logging

    from .scheduler import run

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    cfg = config_mod.load(config_path, missing_ok=False)
    if not cfg.watches:
        raise InputError(f"no watches in {cfg.path}")
    run(cfg, _db(ctx, cfg))


@click.command("digest")
@config_option
@click.option("--since", "since_date", help="YYYY-MM-DD or an ISO time (default: 24 hours ago).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "atom", "json"]), default="md", show_default=True)
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False))
@click.pass_context
def digest_cmd(ctx: click.Context, config_path: str | None, since_date: str | None, fmt: str,
               out_file: str | None) -> None:
    """Digest of everything stored since a date."""
    cfg = config_mod.load(config_path)
    if since_date:
        try:
            moment = datetime.fromisoformat(since_date)
        except ValueError:
            raise InputError(f"--since {since_date!r}: use YYYY-MM-DD or an ISO date-time") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    else:
        moment = datetime.now(timezone.utc) - timedelta(days=1)
    from .digest import since
    from .publish import output_dir
    from .render import render

    store = Store(_db(ctx, cfg), create=False)
    names = {w.url: w.name for w in cfg.watches}
    output = render("digest", fmt, since(store, moment, output_dir(cfg, store) / "redlines", names))
    if out_file:
        Path(out_file).write_text(output, encoding="utf-8")
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(output, nl=False)


@click.command("init")
@config_option
def init_cmd(config_path: str | None) -> None:
    """Write the shipped watch list (the bureau's sections) to the config file, if it has none yet."""
    from importlib.resources import files

    target = Path(config_path) if config_path else config_mod.default_path()
    if target.exists():
        raise InputError(f"{target}: exists already; edit it or use `policywatch add`")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(files("monitor").joinpath("default-watches.toml").read_bytes())
    config_mod.load(target, missing_ok=False)  # the shipped file must itself be valid
    click.echo(f"wrote {target}")


@click.command("demo")
@click.option("--workdir", type=click.Path(file_okay=False), help="Keep the demo's database and files here.")
def demo_cmd(workdir: str | None) -> None:
    """Offline demo: a local bureau site, two monitoring passes, and the digest."""
    from .demo import run_demo

    result = run_demo(Path(workdir) if workdir else None)
    click.echo(result.markdown, nl=False)
    click.echo(f"\nHTML digest: {result.html_path}")


COMMANDS = [add_cmd, remove_cmd, list_cmd, check_cmd, run_cmd, digest_cmd, demo_cmd, init_cmd]
