"""`policywatch search PHRASE`: where a phrase came and went in the stored versions."""
from __future__ import annotations

import json

import click

from ...snapshots import Store
from ...snapshots.search import Found, History, Mark, search
from ...text.normal import printable
from ..clock import shown, typed
from .main import db_of, db_option


def _mark(mark: Mark, series: bool) -> str:
    where = f"{mark.url} v{mark.seq}" if series else f"v{mark.seq}"
    return f"{where} ({shown(mark.fetched_at)})"


def _term(history: History) -> list[str]:
    series = len(history.urls) > 1
    lines = [history.title or history.urls[-1]]
    lines += [f"  {url}" for url in history.urls]
    state = "in the latest version" if history.present else "not in the latest version"
    lines.append(f"  in {history.containing} of {history.versions} versions, {state}; "
                 f"first {_mark(history.first, series)}, last {_mark(history.last, series)}")
    lines += [f"  {event.kind:<11} {_mark(event.at, series)}" for event in history.events]
    return lines


def _json(found: Found) -> str:
    def mark(m: Mark) -> dict[str, object]:
        return {"url": m.url, "seq": m.seq, "fetched_at": shown(m.fetched_at), "title": m.title}
    return json.dumps({"phrase": found.phrase, "note": found.note, "histories": [
        {"title": h.title, "urls": list(h.urls), "first": mark(h.first), "last": mark(h.last),
         "containing": h.containing, "versions": h.versions, "present": h.present,
         "events": [{"kind": e.kind, **mark(e.at)} for e in h.events]} for h in found.histories]},
        ensure_ascii=False, indent=1)


@click.command("search")
@click.argument("phrase")
@click.option("--since", "since_date", metavar="DATE",
              help="Only versions fetched since this date (YYYY-MM-DD or an ISO time; Asia/Shanghai).")
@click.option("--url", help="Only this page and the documents found on it (a listing's documents).")
@click.option("--format", "fmt", type=click.Choice(["term", "json"]), default="term", show_default=True,
              help="term: a history per page or series of editions; json: the same, every field.")
@db_option
@click.pass_context
def search_cmd(ctx: click.Context, phrase: str, since_date: str | None, url: str | None, fmt: str) -> None:
    """Where PHRASE came and went: per page (or a report's editions) the first and last version holding it,
    and each version where it appeared or disappeared. 全角/半角, spacing and case do not matter.

    Exit status: 0 found, 1 not found, 2 error."""
    store = Store(db_of(ctx), create=False)
    try:
        found = search(store, phrase, typed(since_date, "--since") if since_date else None, url)
    finally:
        store.close()
    if fmt == "json":
        click.echo(_json(found))
    else:
        if found.note:
            click.echo(f"note: {found.note}", err=True)
        if not found.histories:
            click.echo(printable(f"{phrase}: in no stored version"))
        for n, history in enumerate(found.histories):
            if n:
                click.echo()
            click.echo("\n".join(printable(line) for line in _term(history)))
    ctx.exit(0 if found.histories else 1)


COMMANDS = [search_cmd]
