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

if TYPE_CHECKING:
    from ..watching.describer import Analysis

FEED_DAYS = 30


@dataclass
class Delivery:
    digest: Digest | None = None
    html: Path | None = None
    sent: list[Sent] = field(default_factory=list)
    error: str = ""  # why the digest could not be written (its events stay pending)
    gave_up: list[Sent] = field(default_factory=list)  # targets given up on for events older than give_up_after
    undelivered: list[state.Undelivered] = field(default_factory=list)  # what is still owed after this pass

    @property
    def failed(self) -> list[Sent]:
        return [s for s in self.sent if not s.ok]


def items_for(store: Store, events: list[state.Event], known: dict[int, Version] | None = None) -> list[Item]:
    """The events with their versions (one query for those not `known` already, by id) and, for
    publications, last year's edition."""
    known = known or {}
    ids = [i for e in events for i in (e.version_id, e.previous_id) if i is not None]
    loaded: dict[int, Version] = {**store.versions_by_id([i for i in ids if i not in known]),
                                  **{i: known[i] for i in ids if i in known}}
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
            checked: int = 0, errors: int = 0, analyses: dict[int, Analysis] | None = None,
            versions: dict[int, Version] | None = None) -> Delivery:
    """Report every pending event in a digest, then notify: each target gets what it does not have yet,
    this pass's events and those an earlier failure left owed (once their backoff has passed). `analyses`
    and `versions`: what the pass worked out and stored, by version id (not read again)."""
    state.setup(store)
    events = state.pending(store)
    delivery = Delivery()
    if events:
        from .publish import output_dir, publish  # the renderers load when there is something to render

        generated = state.now()
        digest = build(items_for(store, events, versions), generated, checked=checked, errors=errors,
                       analyses=analyses)
        folder = output_dir(config, store)
        try:
            delivery.html = publish(folder, digest, feed_digest(store, digest, generated))
        except DeliveryError as error:
            return Delivery(digest, error=str(error), undelivered=state.undelivered(store))
        delivery.digest = digest
    if notify:
        _notify(config, store, delivery, notifier or AppriseNotifier())
    if delivery.digest is not None:
        state.mark_delivered(store, {e.event_id: e.headline for e in delivery.digest.entries})
    delivery.undelivered = state.undelivered(store)
    return delivery


def _owed(config: Config, store: Store, delivery: Delivery) -> list[Entry]:
    """Events reported earlier that a failed target still owes, due for another try, in full (the target
    never had them; the redline files were written with the digest)."""
    moment = state.now()
    owed = state.failed(store)
    configured = {state.target_key(t) for t in config.targets()}
    orphans = [f for f in owed if f.target not in configured]
    state.drop_failures(store, {f.target for f in orphans})
    for shown in sorted({f.shown for f in orphans}):  # loudly: nobody is left to send them to
        count = sum(1 for f in orphans if f.shown == shown)
        delivery.gave_up.append(Sent(shown, False, count, 0, error="the target is no longer in the watch list"))
    due = sorted({f.event_id for f in owed if f.target in configured and f.next_try <= moment})
    return build(items_for(store, state.events_by_id(store, due)), moment, redlines=False).entries


def _notify(config: Config, store: Store, delivery: Delivery, notifier: Notifier) -> None:
    fresh = delivery.digest.entries if delivery.digest else []
    entries = fresh + [e for e in _owed(config, store, delivery) if e.event_id not in {f.event_id for f in fresh}]
    if not entries:
        return
    settled = state.delivered_targets(store, [e.event_id for e in entries])
    owed = {(f.event_id, f.target): f for f in state.failed(store)}
    moment = state.now()
    give_up = timedelta(hours=config.settings.give_up_after)
    fresh_ids = {e.event_id for e in fresh}
    digest = delivery.digest or Digest(moment, [])
    for target, chosen in targets_for(config, entries).items():
        key = state.target_key(target)
        # An owed event goes to the targets that owe it only, once their wait is over.
        todo: list[Entry] = [e for e in chosen if (e.event_id, key) not in settled and (
            e.event_id in fresh_ids or ((e.event_id, key) in owed and owed[(e.event_id, key)].next_try <= moment))]
        if not todo:
            continue
        result = send(notifier, target, digest, todo)
        ids = [e.event_id for e in todo]
        if result.ok:
            state.record_delivery(store, ids, target)
        else:
            old = [i for i in ids if (i, key) in owed and moment - owed[(i, key)].first_failed >= give_up]
            if old:
                state.record_delivery(store, old, target, ok=False)
                delivery.gave_up.append(Sent(result.target, False, len(old), result.attempts, result.key,
                                             f"undelivered longer than give_up_after ({result.error})"))
            rest = [i for i in ids if i not in old]
            if rest:
                state.record_failure(store, rest, target, result.target, result.error,
                                     config.settings.retry_backoff)
        delivery.sent.append(result)
