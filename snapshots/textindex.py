"""The full-text index of every stored version: its clean text folded as the differ folds it (全角/半角,
punctuation variants, spacing; and case), one paragraph a line, with the title as written (for showing).
Trigrams index it, so Chinese, which has no spaces between words, is found by any substring of three
characters or more. SQLite: an FTS5 table with the trigram tokenizer; PostgreSQL: a table with a pg_trgm
GIN index. The store writes a version's row in the transaction that writes the version (writes.py), so
the index never lags the versions."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..text.normal import fold
from .document import Document

TABLE = "pw_search"
PAGE_OF_VERSION = "pw_versions_id_page"  # (id, page_id): a version's page without reading its row
BACKFILL_BATCH = 500  # versions read per query when an existing store gains the index


def folded(value: str) -> str:
    """The searchable form of a text or a phrase: each line folded like the differ's keys, lower-cased."""
    return "\n".join(line for raw in value.splitlines() if (line := fold(raw).casefold()))


def body(doc: Document) -> str:
    return folded(doc.full_text())


def exists(conn: Connection) -> bool:
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": TABLE}).scalar_one() is True
    return conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = :t"), {"t": TABLE}).first() is not None


def create(conn: Connection) -> None:
    """The index table, empty (the caller backfills it), and the small index of each version's page: a
    phrase found in 10,000 versions is grouped by page without reading 10,000 rows of pw_versions."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        conn.execute(text(f"CREATE TABLE {TABLE} (version_id INTEGER PRIMARY KEY REFERENCES pw_versions(id), "
                          "title TEXT NOT NULL, body TEXT NOT NULL)"))
        conn.execute(text(f"CREATE INDEX {TABLE}_trgm ON {TABLE} USING gin (body gin_trgm_ops)"))
    else:  # rowid = the version's id
        conn.execute(text(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, title UNINDEXED, tokenize='trigram')"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {PAGE_OF_VERSION} ON pw_versions (id, page_id)"))


def put(conn: Connection, docs: list[tuple[int, Document]]) -> None:
    """Rows for new versions (version id, document), in one statement."""
    params = [{"id": version_id, "title": doc.title, "body": body(doc)} for version_id, doc in docs]
    key = "version_id" if conn.dialect.name == "postgresql" else "rowid"
    conn.execute(text(f"INSERT INTO {TABLE} ({key}, title, body) VALUES (:id, :title, :body)"), params)


def replace(conn: Connection, version_id: int, doc: Document) -> None:
    """A version's row after another cleaner re-read it (reclean)."""
    key = "version_id" if conn.dialect.name == "postgresql" else "rowid"
    conn.execute(text(f"UPDATE {TABLE} SET title = :title, body = :body WHERE {key} = :id"),
                 {"id": version_id, "title": doc.title, "body": body(doc)})
