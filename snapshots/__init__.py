"""Fetching, cleaning and storing snapshots of published pages: fetch.py -> extract.py (decode, verdict,
clean.py / listing.py / catalogue.py / office.py) -> store.py (its connection in database.py, its queries in
reads.py, a check's writes in writes.py, unchanged checks in backlog.py, in-place upgrades in upgrades.py; its
tables in schema.py, its engine in engine.py, its values in records.py), tied together for one URL by capture.py.

Names load on first use (PEP 562): `policywatch compare` on two files never imports httpx or SQLAlchemy,
and a pass of 304s never imports the cleaner."""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"Attachment": "document", "Document": "document", "Fetched": "fetch", "Fetcher": "fetch",
            "FetchPolicy": "fetch", "Target": "capture", "key_of": "capture", "snapshot": "capture",
            "Outcome": "records", "PageState": "records", "Record": "records", "Store": "store",
            "Version": "records"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
