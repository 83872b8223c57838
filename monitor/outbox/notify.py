"""Notifications behind a small protocol; Apprise is the implementation (email, WeCom, DingTalk,
Feishu/Lark, Slack, webhooks: one URL scheme for all). A target that fails is tried again a few times,
then reported; it never stops the other targets."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from ..render import render
from ..watching.watchlist import Config
from .digest import Digest, Entry

ATTEMPTS = 3
BACKOFF = 1.0  # seconds before the second attempt, doubled for the third


class Notifier(Protocol):
    def send(self, target: str, title: str, body_markdown: str) -> bool: ...


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
    target: str
    ok: bool
    entries: int
    attempts: int


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


def send(notifier: Notifier, target: str, digest: Digest, entries: list[Entry]) -> Sent:
    part = Digest(digest.generated, entries, digest.checked, digest.errors)
    body = render("digest", "md", part)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if notifier.send(target, title_for(entries), body):
                return Sent(target, True, len(entries), attempt)
        except Exception:  # noqa: BLE001 (a notifier's failure is this target's, reported below)
            pass
        if attempt < ATTEMPTS:
            time.sleep(BACKOFF * 2 ** (attempt - 1))
    return Sent(target, False, len(entries), ATTEMPTS)
