"""Where a phrase came and went: every stored version whose text holds it (the trigram index of
textindex.py), and per page or series of editions (a report's 2023, 2024 and 2025 editions found on one
listing) the first and last version holding it and each version where it appeared or disappeared.

A phrase of one or two characters has no trigram: it is looked for by a scan of the versions in scope,
which is done only when they are few enough (SCAN_LIMIT); otherwise the answer says why not, rather than
a history drawn from part of the store."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import column, func, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnClause, ColumnElement
from sqlalchemy.sql.expression import Join, TableClause

from ..errors import InputError
from ..text.outline import YEAR_NAMED
from .engine import aware
from .schema import pages, versions
from .store import Store
from .textindex import PAGE_OF_VERSION, TABLE, folded

TRIGRAM = 3  # the shortest phrase the index can find
SCAN_LIMIT = 20_000  # versions a phrase shorter than TRIGRAM may be scanned over
MAX_PHRASE = 200  # characters
MAX_PAGES = 50  # pages whose history is drawn (those where the phrase was stored most recently)


@dataclass(frozen=True)
class Mark:
    """One version of a series."""

    url: str
    seq: int
    fetched_at: datetime
    title: str


@dataclass(frozen=True)
class Event:
    kind: str  # appeared | disappeared
    at: Mark


@dataclass(frozen=True)
class History:
    """The phrase in one page, or in one series of editions (its pages in edition order)."""

    title: str  # the latest version's title
    urls: tuple[str, ...]  # one page, or the editions oldest first
    first: Mark
    last: Mark
    containing: int  # versions holding the phrase
    versions: int  # versions in scope
    events: tuple[Event, ...]  # in order; the first is always "appeared"
    present: bool  # in the latest version in scope


@dataclass(frozen=True)
class Found:
    phrase: str
    histories: list[History]  # the most recently seen first
    note: str = ""  # how the answer was found, when it matters (a scan, histories left out)
    pages: int = 0  # pages holding the phrase (histories are drawn for at most MAX_PAGES of them)


@dataclass(frozen=True)
class _Row:
    id: int
    page_id: int
    seq: int
    fetched_at: datetime
    url: str
    found_on: str
    title: str


def _index(conn: Connection) -> tuple[TableClause, ColumnClause[int]]:
    """The index table and its version-id column, as each database names it."""
    key = "version_id" if conn.dialect.name == "postgresql" else "rowid"
    index = table(TABLE, column(key), column("title"), column("body"))
    return index, index.c[key]


def search(store: Store, phrase: str, since: datetime | None = None, url: str | None = None) -> Found:
    """The phrase's history over the stored versions fetched since `since`, of the page `url` and the
    documents found on it (or of every page)."""
    needle = folded(phrase).replace("\n", "")
    if not needle:
        raise InputError(f"{phrase!r}: nothing to search for (only spaces or punctuation variants)")
    if len(needle) > MAX_PHRASE:
        raise InputError(f"{phrase[:20]}…: a phrase of at most {MAX_PHRASE} characters")
    with store.read() as conn:
        index, vid = _index(conn)
        scope: list[ColumnElement[bool]] = []
        if since is not None:
            scope.append(versions.c.fetched_at >= since)
        if url is not None:
            scope.append((pages.c.url == url) | (pages.c.found_on == url))
        joined = versions.join(pages, pages.c.id == versions.c.page_id).join(index, vid == versions.c.id)
        note = ""
        holds: ColumnElement[bool]
        phrase_query = '"' + needle.replace('"', '""') + '"'  # FTS5: the phrase's trigrams, in a row
        if len(needle) >= TRIGRAM:
            if conn.dialect.name == "postgresql":
                escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                holds = index.c.body.like(f"%{escaped}%", escape="\\")
            else:
                holds = index.c.body.match(phrase_query)
        else:
            in_scope = conn.execute(select(func.count()).select_from(versions.join(pages)).where(*scope)).scalar_one()
            if in_scope > SCAN_LIMIT:
                raise InputError(f"{phrase}: a phrase of {len(needle)} character(s) has no trigram to look up, and "
                                 f"scanning {in_scope:,} versions is too slow (at most {SCAN_LIMIT:,}): give three "
                                 "characters or more, or narrow with --url or --since")
            holds = (func.strpos if conn.dialect.name == "postgresql" else func.instr)(index.c.body, needle) > 0
            note = f"scanned {in_scope:,} versions (a phrase shorter than {TRIGRAM} characters has no index)"
        if conn.dialect.name == "sqlite" and not scope:
            # SQLite would read each version's whole row for its page; told to, it reads the small index.
            condition = "s.body MATCH :q" if len(needle) >= TRIGRAM else "instr(s.body, :q) > 0"
            found = conn.execute(text(f"SELECT s.rowid AS id, v.page_id FROM {TABLE} s JOIN pw_versions v INDEXED BY "
                                      f"{PAGE_OF_VERSION} ON v.id = s.rowid WHERE {condition}"),
                                 {"q": phrase_query if len(needle) >= TRIGRAM else needle}).all()
        else:
            found = conn.execute(select(versions.c.id, versions.c.page_id).select_from(joined)
                                 .where(holds, *scope)).all()
        pairs: list[tuple[int, int]] = [tuple(r) for r in found]  # (version, page)
        hits = {version for version, _ in pairs}
        # page -> its latest version holding the phrase (ids grow with time; the last one written wins)
        newest = {page: version for version, page in sorted(pairs)}
        shown = sorted(newest, key=newest.__getitem__, reverse=True)[:MAX_PAGES]
        if len(newest) > MAX_PAGES:
            note = "; ".join(filter(None, [note, f"in {len(newest):,} pages: the {MAX_PAGES} where it was stored "
                                                 "most recently are shown (narrow with --url or --since)"]))

        def load(ids: list[int]) -> list[_Row]:
            query = select(versions.c.id, versions.c.page_id, versions.c.seq, versions.c.fetched_at, pages.c.url,
                           pages.c.found_on, index.c.title).select_from(joined)
            return [_Row(r.id, r.page_id, r.seq, aware(r.fetched_at), r.url, r.found_on, r.title)
                    for r in conn.execute(query.where(versions.c.page_id.in_(ids), *scope))] if ids else []
        rows = load(shown)
        rows += load(_other_editions(conn, rows, joined, index))
    return Found(phrase, _histories(rows, hits), note, len(newest))


def _other_editions(conn: Connection, rows: list[_Row], joined: Join, index: TableClause) -> list[int]:
    """Pages that are other editions of a report holding the phrase, though they do not hold it."""
    latest: dict[int, _Row] = {}
    for row in rows:
        if row.page_id not in latest or latest[row.page_id].seq < row.seq:
            latest[row.page_id] = row
    keys = {_series_key(r) for r in latest.values() if _series_key(r)[0] == "editions"}
    if not keys:
        return []
    newest = (select(versions.c.page_id, func.max(versions.c.seq).label("seq")).join(pages)
              .where(pages.c.found_on.in_(sorted({k[1] for k in keys})), pages.c.id.not_in(sorted(latest)))
              .group_by(versions.c.page_id).subquery())
    query = (select(versions.c.page_id, pages.c.url, pages.c.found_on, index.c.title)
             .select_from(joined).join(newest, (newest.c.page_id == versions.c.page_id)
                                       & (newest.c.seq == versions.c.seq)))
    return sorted(r.page_id for r in conn.execute(query)
                  if _series_key(_Row(0, r.page_id, 0, datetime.min, r.url, r.found_on, r.title)) in keys)


def _series_key(row: _Row) -> tuple[str, ...]:
    """Editions of one report share their listing and their title with its years (2024年) blanked, as
    monitor/outbox/editions.py pairs them; any other page is a series of its own (a number such as
    （2024） in a notice's title is no year)."""
    if YEAR_NAMED.search(row.title):
        return ("editions", row.found_on, YEAR_NAMED.sub("#", row.title))
    return ("page", row.url)


def _histories(rows: list[_Row], hits: set[int]) -> list[History]:
    by_page: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_page[row.page_id].append(row)
    series: dict[tuple[str, ...], list[list[_Row]]] = defaultdict(list)
    for page_rows in by_page.values():
        page_rows.sort(key=lambda r: r.seq)
        series[_series_key(page_rows[-1])].append(page_rows)
    out = []
    for members in series.values():
        members.sort(key=lambda p: (tuple(int(y) for y in YEAR_NAMED.findall(p[-1].title)), p[0].fetched_at, p[0].id))
        timeline = [r for member in members for r in member]
        events, was = [], False
        for row in timeline:
            now = row.id in hits
            if now != was:
                events.append(Event("appeared" if now else "disappeared", _mark(row)))
            was = now
        holding = [r for r in timeline if r.id in hits]
        if not holding:
            continue
        out.append(History(timeline[-1].title, tuple(m[0].url for m in members), _mark(holding[0]),
                           _mark(holding[-1]), len(holding), len(timeline), tuple(events), was))
    out.sort(key=lambda h: (h.last.fetched_at, h.urls), reverse=True)
    return out


def _mark(row: _Row) -> Mark:
    return Mark(row.url, row.seq, row.fetched_at, row.title)
