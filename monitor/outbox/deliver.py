"""The outbox, delivered: pending events -> their stored versions -> a digest -> files -> notifications
-> marked delivered. A crash or a failed write anywhere before the last step leaves the events pending,
and the next pass (or `run`'s next job) delivers them; a target that already got an event is not sent
it again."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import DeliveryError
from ...snapshots import Store, Version
from ..watching import state
from ..watching.watchlist import Config
from .digest import Digest, Entry, Item, build
from .editions import last_editions
from .notify import AppriseNotifier, Notifier, Sent, send, targets_for
from .publish import output_dir, publish

if TYPE_CHECKING:
    from ...diffing.change import Change

FEED_DAYS = 30


@dataclass
class Delivery:
    digest: Digest | None = None
    html: Path | None = None
    sent: list[Sent] = field(default_factory=list)
    error: str = ""  # why the digest could not be written (its events stay pending)

    @property
    def failed(self) -> list[Sent]:
        return [s for s in self.sent if not s.ok]


def items_for(store: Store, events: list[state.Event]) -> list[Item]:
    """The events with their versions (one query) and, for publications, last year's edition."""
    ids = [i for e in events for i in (e.version_id, e.previous_id) if i is not None]
    loaded: dict[int, Version] = store.versions_by_id(ids)
    items = [Item(e, loaded.get(e.version_id or -1), loaded.get(e.previous_id or -1)) for e in events]
    editions = last_editions(store, [i.version for i in items if i.event.kind == "publication" and i.version])
    for item in items:
        if item.version is not None:
            item.last_edition = editions.get(item.version.id)
    return items


def feed_digest(store: Store, fresh: Digest, generated: datetime) -> Digest:
    """The last FEED_DAYS of events: this delivery's in full, earlier ones by their stored headline."""
    now_ids = {e.event_id for e in fresh.entries}
    earlier = [e for e in state.recent(store, generated - timedelta(days=FEED_DAYS), delivered_only=True)
               if e.id not in now_ids]
    old = build([Item(e) for e in earlier], generated, detail=False, redlines=False)
    return Digest(generated, old.entries + fresh.entries)


def deliver(config: Config, store: Store, notify: bool = True, notifier: Notifier | None = None,
            checked: int = 0, errors: int = 0, analyses: dict[int, Change] | None = None) -> Delivery:
    """Deliver every pending event; nothing at all when there is none."""
    state.setup(store)
    events = state.pending(store)
    if not events:
        return Delivery()
    generated = state.now()
    digest = build(items_for(store, events), generated, checked=checked, errors=errors, analyses=analyses)
    folder = output_dir(config, store)
    try:
        html = publish(folder, digest, feed_digest(store, digest, generated))
    except DeliveryError as error:
        return Delivery(digest, error=str(error))
    sent = _notify(config, store, digest, notifier or AppriseNotifier()) if notify else []
    state.mark_delivered(store, {e.event_id: e.headline for e in digest.entries})
    return Delivery(digest, html, sent)


def _notify(config: Config, store: Store, digest: Digest, notifier: Notifier) -> list[Sent]:
    done = state.delivered_targets(store, [e.event_id for e in digest.entries])
    sent = []
    for target, entries in targets_for(config, digest.entries).items():
        key = state.target_key(target)
        todo: list[Entry] = [e for e in entries if (e.event_id, key) not in done]
        if not todo:
            continue
        result = send(notifier, target, digest, todo)
        if result.ok:
            state.record_delivery(store, [e.event_id for e in todo], target)
        sent.append(result)
    return sent
