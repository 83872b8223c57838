"""Commands that fetch, clean and read stored snapshots."""
from __future__ import annotations

import asyncio
import json
import sys

import click

from snapshots import FetchError, Fetcher, FetchPolicy, InputError, Store
from snapshots.fetch import check_url
from snapshots.clean import CLEANER_VERSION
from snapshots.snapshot import document_from, snapshot

from .inputs import load_document


def _store(ctx: click.Context, create: bool = False) -> Store:
    return Store(ctx.obj.get("db"), create=create)


@click.command("clean")
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def clean_cmd(source: str, fmt: str) -> None:
    """Print the clean document of a file, URL or stored version (URL@N)."""
    doc = load_document(source, click.get_current_context().obj.get("db"))
    if fmt == "json":
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(doc.title)
        click.echo()
        for line in doc.lines():
            click.echo(line)


def fetch_policy(user_agent: str | None, delay: float | None, no_robots: bool, timeout: float | None) -> FetchPolicy:
    policy = FetchPolicy()
    if user_agent:
        policy.user_agent = user_agent
    if delay is not None:
        policy.min_delay = delay
    if timeout is not None:
        policy.total_timeout = timeout
    policy.robots = not no_robots
    return policy


def policy_options(func):  # type: ignore[no-untyped-def]
    func = click.option("--user-agent", help="User-Agent header to send.")(func)
    func = click.option("--delay", type=float, help="Minimum seconds between requests to one host.")(func)
    func = click.option("--no-robots", is_flag=True, help="Ignore robots.txt.")(func)
    func = click.option("--timeout", type=float, help="Total seconds allowed per page.")(func)
    return func


@click.command("snapshot")
@click.argument("urls", nargs=-1, required=True)
@policy_options
@click.pass_context
def snapshot_cmd(ctx: click.Context, urls: tuple[str, ...], user_agent: str | None, delay: float | None,
                 no_robots: bool, timeout: float | None) -> None:
    """Fetch URLS now and store a new version of each that changed. Exit 2 if any failed."""
    for url in urls:
        try:
            check_url(url)
        except FetchError:
            raise InputError(f"{url}: not an http(s) URL") from None
    store = _store(ctx, create=True)
    policy = fetch_policy(user_agent, delay, no_robots, timeout)

    async def run() -> list:
        async with Fetcher(policy) as fetcher:
            return await asyncio.gather(*(snapshot(fetcher, store, url) for url in urls))

    failed = False
    for outcome, _ in asyncio.run(run()):
        if outcome.outcome == "new":
            click.echo(f"{outcome.url}: new version {outcome.version.seq}")
        elif outcome.outcome == "unchanged":
            click.echo(f"{outcome.url}: unchanged (version {outcome.seq or '-'})")
        else:
            failed = True
            click.echo(f"{outcome.url}: error [{outcome.error_kind}] {outcome.message}")
    store.close()
    sys.exit(2 if failed else 0)


@click.command("history")
@click.argument("url")
@click.option("--checks", "show_checks", is_flag=True, help="Also list recent checks.")
@click.pass_context
def history_cmd(ctx: click.Context, url: str, show_checks: bool) -> None:
    """List the stored versions of URL."""
    store = _store(ctx)
    versions = store.history(url)
    if not versions:
        raise InputError(f"{url}: nothing stored in {store.target}")
    for v in versions:
        doc = v.document
        click.echo(f"{v.seq:>4}  {v.fetched_at:%Y-%m-%d %H:%M:%S}  {len(doc.text()):>7} chars  "
                   f"{doc.published or '----------'}  {doc.title}")
    if show_checks:
        for row in store.checks(url):
            click.echo(f"      {row['at']:%Y-%m-%d %H:%M:%S}  {row['outcome']:<9} {row['error_kind']} {row['message']}")


@click.command("show")
@click.argument("url")
@click.option("--version", "seq", type=int, help="Version number (default: latest).")
@click.option("--raw", is_flag=True, help="Print the raw bytes as fetched.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show_cmd(ctx: click.Context, url: str, seq: int | None, raw: bool, fmt: str) -> None:
    """Print a stored version of URL."""
    store = _store(ctx)
    version = store.version(url, seq)
    if raw:
        sys.stdout.buffer.write(store.raw(version))
        return
    if fmt == "json":
        click.echo(json.dumps(version.document.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(version.document.title)
    click.echo()
    for line in version.document.lines():
        click.echo(line)


@click.command("reclean")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="POLICYWATCH_CONFIG",
              help="Watch list: listings are re-read as listings, and ignore patterns apply as in a check.")
@click.pass_context
def reclean_cmd(ctx: click.Context, config_path: str | None) -> None:
    """Re-run this version's cleaner over stored raw bytes (no refetch)."""
    from diffing.normalize import compile_ignore
    from snapshots.decode import decode
    from snapshots.listing import listing_document

    from .config import load

    store = _store(ctx)
    watches = {w.url: w for w in load(config_path).watches}

    def reclean_one(raw: bytes, content_type: str, url: str):  # type: ignore[no-untyped-def]
        watch = watches.get(url) or watches.get(store.found_on(url))
        ignore = compile_ignore(watch.ignore) if watch else None
        if watch is not None and watch.kind == "listing" and watch.url == url:
            return listing_document(decode(raw, content_type)[0], url), ignore
        return document_from(raw, content_type, url), ignore

    count = store.reclean(reclean_one, CLEANER_VERSION)
    click.echo(f"recleaned {count} version(s) with cleaner {CLEANER_VERSION}")


COMMANDS = [clean_cmd, snapshot_cmd, history_cmd, show_cmd, reclean_cmd]
