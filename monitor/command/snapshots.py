"""Commands that fetch, clean and read stored snapshots: clean, snapshot, history, show, reclean."""
from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import click

from ...errors import FetchError, InputError
from ...snapshots import Fetcher, FetchPolicy, Store, Target, key_of, snapshot
from ...snapshots.addresses import AddressGuard, check_url
from ...snapshots.document import CLEANER_VERSION, Document
from ...snapshots.extract import extract
from ...text.normal import printable
from ..clock import shown
from ..watching.config import RANGES
from .main import db_of, db_option, read_document


def _store(ctx: click.Context, create: bool = False) -> Store:
    return Store(db_of(ctx), create=create)


document_format = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: title, blank line, a paragraph a line; json: every field.")


def echo_document(doc: Document, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(printable(doc.title))
    click.echo()
    for line in doc.lines():
        click.echo(printable(line))


@click.command("clean")
@click.argument("source")
@document_format
@db_option
@click.pass_context
def clean_cmd(ctx: click.Context, source: str, fmt: str) -> None:
    """Print the clean document of a file, URL or stored version (URL@N)."""
    echo_document(read_document(ctx, source), fmt)


def policy_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--user-agent", help="User-Agent header to send.")(func)
    func = click.option("--delay", type=click.FloatRange(0, 3600),
                        help="Minimum seconds between requests to one host.")(func)
    func = click.option("--no-robots", is_flag=True, help="Ignore robots.txt.")(func)
    func = click.option("--timeout", type=click.FloatRange(0.5, 3600), help="Total seconds allowed per page.")(func)
    return func


def image_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The monitor's image caps (a watch list's max_images, image_bytes, image_timeout), as options."""
    defaults = FetchPolicy()
    low, high = RANGES["max_images"]
    func = click.option("--max-images", type=click.IntRange(int(low), int(high)), default=defaults.max_images,
                        show_default=True, help="Body images per page whose bytes are fetched; 0: none.")(func)
    low, high = RANGES["image_bytes"]
    func = click.option("--image-bytes", type=click.IntRange(int(low), int(high)), default=defaults.image_bytes,
                        show_default=True, help="Bytes per image; a larger one's bytes stay unknown.")(func)
    low, high = RANGES["image_timeout"]
    func = click.option("--image-timeout", type=click.FloatRange(low, high), default=defaults.image_timeout,
                        show_default=True, help="Seconds for one image (at most --timeout).")(func)
    return func


@click.command("snapshot")
@click.argument("urls", nargs=-1, required=True)
@policy_options
@image_options
@db_option
@click.pass_context
def snapshot_cmd(ctx: click.Context, urls: tuple[str, ...], user_agent: str | None, delay: float | None,
                 no_robots: bool, timeout: float | None, max_images: int, image_bytes: int,
                 image_timeout: float) -> None:
    """Fetch URLS now and store a new version of each that changed. Exit 2 if any failed."""
    for url in urls:
        try:
            check_url(url)
        except FetchError as error:
            raise InputError(f"{url}: {error.reason}") from None
    policy = FetchPolicy(robots=not no_robots, max_images=max_images, image_bytes=image_bytes,
                         image_timeout=image_timeout)
    policy.user_agent = user_agent or policy.user_agent
    policy.min_delay = policy.min_delay if delay is None else delay
    policy.timeout = policy.timeout if timeout is None else timeout
    guard = AddressGuard()  # addresses typed by the person may be on an intranet
    policy.allow_private = all(guard.is_internal_host(urlsplit(u).hostname or "") for u in urls)
    store = _store(ctx, create=True)

    async def run() -> list:  # type: ignore[type-arg]
        async with Fetcher(policy) as fetcher:
            return await asyncio.gather(*(snapshot(fetcher, store, Target(url)) for url in urls))

    failed = False
    for outcome in asyncio.run(run()):
        if outcome.outcome == "new":
            click.echo(f"{outcome.url}: new version {outcome.seq}")
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
@db_option
@click.pass_context
def history_cmd(ctx: click.Context, url: str, show_checks: bool) -> None:
    """List the stored versions of URL (and, with --checks, its recent checks)."""
    store = _store(ctx)
    versions = store.history(url)
    checks = store.checks(url) if show_checks else []
    if not versions and not checks:
        raise InputError(f"{url}: nothing stored in {store.target}" + ("" if show_checks else
                         " (--checks lists failed checks)"))
    for v in versions:
        doc = v.document
        click.echo(f"{v.seq:>4}  {shown(v.fetched_at)}  {len(doc.text()):>7} chars  "
                   f"{doc.published or '----------'}  {printable(doc.title)}")
    if not versions:
        click.echo(f"no version stored yet: every check of {url} failed")
    for row in checks:
        click.echo(f"      {shown(row['at'])}  {row['outcome']:<9} {row['error_kind']} "
                   f"{printable(row['message'])}")


@click.command("show")
@click.argument("url")
@click.option("--version", "seq", type=int, callback=lambda _ctx, _param, n: _version_number(n),
              help="Version number: 1 is the first, -1 the latest (the default), -2 the one before.")
@click.option("--raw", is_flag=True, help="Print the raw bytes as fetched.")
@document_format
@db_option
@click.pass_context
def show_cmd(ctx: click.Context, url: str, seq: int | None, raw: bool, fmt: str) -> None:
    """Print a stored version of URL."""
    store = _store(ctx)
    version = store.version(url, seq)
    if raw:
        sys.stdout.buffer.write(store.raw(version))
        return
    echo_document(version.document, fmt)


def _version_number(seq: int | None) -> int | None:
    """A number a database can hold (beyond 64 bits SQLite overflows); no stored page has a billion versions."""
    if seq is not None and abs(seq) > 10**9:
        raise click.BadParameter(f"{seq}: no page has that many versions")
    return seq


@click.command("reclean")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="POLICYWATCH_CONFIG",
              help="Watch list: listings are re-read as listings, and ignore patterns apply as in a check.")
@db_option
@click.pass_context
def reclean_cmd(ctx: click.Context, config_path: str | None) -> None:
    """Re-run this release's extraction over stored raw bytes (no refetch)."""
    from ...text.ignore import compile_ignore
    from ..watching.config import load
    from ..watching.kinds import KINDS

    store = _store(ctx)
    watches = {w.url: w for w in load(config_path).watches}

    def again(raw: bytes, content_type: str, url: str) -> tuple[Document, Callable[[Document], str]] | None:
        watch = watches.get(url) or watches.get(store.found_on(url))
        ignore = compile_ignore(watch.ignore) if watch else None
        reader = KINDS[watch.kind].reader if watch is not None and watch.url == url else "page"
        try:
            doc = extract(raw, content_type, url, reader, judge=False)[0]
        except FetchError as error:
            click.echo(f"{url}: kept as stored ({error.reason})", err=True)
            return None
        return doc, lambda recleaned: key_of(recleaned, ignore)

    count = store.reclean(again, CLEANER_VERSION)
    click.echo(f"recleaned {count} version(s) with extractor {CLEANER_VERSION}")


COMMANDS = [clean_cmd, snapshot_cmd, history_cmd, show_cmd, reclean_cmd]
