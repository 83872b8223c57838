"""What a check can raise, by name: the outbox's rows, the digest's sections and `check`'s exit status all
speak of these kinds, and mypy holds every use to them."""
from __future__ import annotations

from typing import Literal

EventKind = Literal["change", "publication", "broken", "recovered", "expired", "abolished"]
CHANGES: tuple[EventKind, ...] = ("change", "publication")  # a page's content is new
ALERTS: tuple[EventKind, ...] = ("broken", "recovered", "expired", "abolished")  # a page's condition changed
NEWS: tuple[EventKind, ...] = ("change", "publication", "expired", "abolished")  # `check` exits 1 (a recovery does not)
LISTED_STATES: dict[str, EventKind] = {"失效": "expired", "废止": "abolished"}  # a listing's mark of a document
