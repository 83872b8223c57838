"""policywatch: a change monitor and document differ for Chinese government publications.

The package is this repository: `snapshots/` (fetch, extract, store), `diffing/` (compare texts, no I/O),
`monitor/` (watches, passes, digests, the command), over `text/` (what counts as the same text) and
`errors.py` (one error family). The names below are the public API; they load on first use, so a
cron `check` does not pay for the differ or the cleaner it does not need."""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    # errors
    "PolicywatchError": "errors", "InputError": "errors", "ConfigError": "errors", "DiffError": "errors",
    "StoreError": "errors", "FetchError": "errors", "DeliveryError": "errors", "Busy": "errors",
    # snapshots
    "Document": "snapshots", "Attachment": "snapshots", "Fetcher": "snapshots", "FetchPolicy": "snapshots",
    "Fetched": "snapshots", "Store": "snapshots", "Version": "snapshots", "Target": "snapshots",
    "snapshot": "snapshots", "extract": "snapshots.extract",
    # diffing
    "diff_texts": "diffing.diff", "DiffResult": "diffing.diff", "compare": "diffing.compare",
    "Comparison": "diffing.compare",
    # monitor
    "Config": "monitor.watching.watchlist", "Watch": "monitor.watching.watchlist",
    "load_config": "monitor.watching.config", "run_cycle": "monitor.running.cycle", "check": "monitor.watching.check",
    "deliver": "monitor.outbox.deliver", "render": "monitor.render", "load_document": "snapshots.inputs",
}
_ALIASES = {"load_config": "load"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'policywatch' has no attribute {name!r}")
    module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
    return getattr(module, _ALIASES.get(name, name))
