"""Fetching, cleaning and storing snapshots of published pages.

Names load on first use (PEP 562), so `policywatch check` does not pay for the HTML cleaner or the
PDF reader on a pass where every page answers 304. The cleaner and the snapshot step are imported
from their modules (`snapshots.clean.clean`, `snapshots.snapshot.snapshot`): a function named like
its module cannot be exported lazily."""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Attachment": "document", "Document": "document",
    "FetchError": "errors", "InputError": "errors", "PolicywatchError": "errors", "StoreError": "errors",
    "normal_form": "normal", "text_hash": "normal",
    "FetchPolicy": "fetch", "Fetcher": "fetch", "Response": "fetch",
    "Outcome": "store", "Store": "store", "Version": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'snapshots' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
