"""Notifications behind a small protocol; Apprise is the implementation (email, WeCom, DingTalk,
Feishu/Lark, Slack, webhooks: one URL scheme for all). A send is one attempt: a target that fails is
recorded and tried again on a later pass (deliver.py), so a receiver that accepted a message and then
stalled is not sent it three times in a row; it never stops the other targets. Every message ends with
its delivery key (the same for the same events to the same target), for a receiver that de-duplicates."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Protocol

from ...errors import one_line
from ..render import render
from ..watching.watchlist import Config
from .digest import Digest, Entry
from .secrets import masked, scrub


class Notifier(Protocol):
    def send(self, target: str, title: str, body_markdown: str) -> bool: ...


class _LastWarning(logging.Handler):
    """Apprise says why a send failed only in its log: keep the last warning of one send."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.message = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.message = record.getMessage()


class AppriseNotifier:
    """Sends Markdown through Apprise (which turns it into HTML for email)."""

    def send(self, target: str, title: str, body_markdown: str) -> bool:
        import apprise

        sender = apprise.Apprise()
        if not sender.add(target):
            return False
        return bool(sender.notify(title=title, body=body_markdown, body_format=apprise.NotifyFormat.MARKDOWN))


@dataclass
class Sent:
    target: str  # masked: shown to people
    ok: bool
    entries: int
    attempts: int
    key: str = ""  # the delivery key the message carried
    error: str = ""  # why it failed, secrets scrubbed


def targets_for(config: Config, entries: list[Entry]) -> dict[str, list[Entry]]:
    """Each target gets the entries it subscribed to: global targets all, a watch's its own, a tag's its tag's."""
    by_name = {w.name: w for w in config.watches}
    out: dict[str, list[Entry]] = {t: list(entries) for t in config.settings.notify}
    for entry in entries:
        watch = by_name.get(entry.watch)
        if watch is None:
            continue
        tagged = [t for tag in watch.tags for t in config.settings.tag_notify.get(tag, [])]
        for target in [*watch.notify, *tagged]:
            chosen = out.setdefault(target, [])
            if entry not in chosen:
                chosen.append(entry)
    return {t: chosen for t, chosen in out.items() if chosen}


def title_for(entries: list[Entry]) -> str:
    failing = " — a watch is failing" if any(e.kind == "broken" for e in entries) else ""
    return f"policywatch: {len(entries)} update(s){failing}"


def delivery_key(target: str, entries: list[Entry]) -> str:
    ids = ",".join(str(e.event_id) for e in sorted(entries, key=lambda e: e.event_id))
    return hashlib.sha256(f"{target}|{ids}".encode()).hexdigest()[:24]


def send(notifier: Notifier, target: str, digest: Digest, entries: list[Entry]) -> Sent:
    """One attempt; what failed and why, with the target's credentials masked."""
    part = Digest(digest.generated, entries, digest.checked, digest.errors)
    key = delivery_key(target, entries)
    body = render("digest", "md", part) + f"\n\npolicywatch delivery key: {key}\n"
    log, caught = logging.getLogger("apprise"), _LastWarning()
    log.addHandler(caught)
    try:
        ok, error = notifier.send(target, title_for(entries), body), ""
    except Exception as exc:  # noqa: BLE001 (a notifier's failure is this target's, reported by the caller)
        ok, error = False, one_line(exc, 200)
    finally:
        log.removeHandler(caught)
    error = "" if ok else scrub(error or caught.message or "the target did not accept the message", target)
    return Sent(masked(target), ok, len(entries), 1, key, " ".join(error.split())[:300])
