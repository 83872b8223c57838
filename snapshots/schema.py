"""The store's tables (SQLAlchemy Core, the same on SQLite and PostgreSQL): pages, their versions, raw
bytes by content hash, and the log of checks. The monitor's own tables live in monitor/watching/state.py."""
from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

KEY_VERSION = 2  # bump when text.normal's keys change: stored keys of another version are recomputed

metadata = MetaData()
pages = Table(
    "pw_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("etag", String(512), nullable=False, default=""),
    Column("last_modified", String(128), nullable=False, default=""),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("found_on", String(2048), nullable=False, default=""),  # the page that revealed it (listing, parent)
    # What was seen of the latest check's body images (snapshots/images.py: addresses, digests, validators);
    # '?' until they are first fetched.
    Column("images", Text, nullable=False, default="?", server_default="?"),
)
blobs = Table(
    "pw_blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)
versions = Table(
    "pw_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", Integer, ForeignKey("pw_pages.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False, index=True),
    Column("http_status", Integer, nullable=False),
    Column("etag", String(512), nullable=False, default=""),
    Column("last_modified", String(128), nullable=False, default=""),
    Column("content_type", String(256), nullable=False, default=""),
    Column("encoding", String(64), nullable=False, default=""),
    Column("raw_sha256", String(64), ForeignKey("pw_blobs.sha256"), nullable=False),
    Column("document", LargeBinary, nullable=False),  # zlib(JSON of Document)
    Column("cleaner_version", String(32), nullable=False),
    Column("text_hash", String(64), nullable=False),  # the version key
    Column("key_version", Integer, nullable=False, default=KEY_VERSION, server_default="1"),
    Column("size", Integer, nullable=False, default=0, server_default="0"),  # characters of text
    UniqueConstraint("page_id", "seq"),
)
checks = Table(
    "pw_checks", metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", Integer, ForeignKey("pw_pages.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("outcome", String(16), nullable=False),  # new | unchanged | error
    Column("error_kind", String(32), nullable=False, default=""),
    Column("message", Text, nullable=False, default=""),
    Column("duration", Float, nullable=False, default=0.0),
    Column("version_id", Integer, ForeignKey("pw_versions.id")),
)
