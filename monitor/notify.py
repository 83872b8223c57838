"""Notifications through Apprise URLs (email, WeCom, DingTalk, Feishu/Lark, Slack, webhooks)."""
from __future__ import annotations

from dataclasses import dataclass

import apprise

from snapshots import InputError

from .config import Config
from .digest import Digest
from .render import render


@dataclass
class Delivery:
    target: str
    ok: bool
    entries: int


def targets_for(config: Config, digest: Digest) -> dict[str, Digest]:
    """Each target gets the entries it subscribed to: global targets all, a watch's its own, a tag's its tag's."""
    by_name = {w.name: w for w in config.watches}
    out: dict[str, list] = {t: list(digest.entries) for t in config.settings.notify}
    for entry in digest.entries:
        watch = by_name.get(entry.watch)
        if watch is None:
            continue
        tagged = [t for tag in watch.tags for t in config.settings.tag_notify.get(tag, [])]
        for target in [*watch.notify, *tagged]:
            out.setdefault(target, [])
            if entry not in out[target]:
                out[target].append(entry)
    return {t: Digest(digest.generated, entries, digest.checked, digest.errors) for t, entries in out.items() if entries}


def validate_target(url: str) -> None:
    if not apprise.Apprise().add(url):
        raise InputError(f"notification URL {url!r} is not one Apprise understands")


def send(config: Config, digest: Digest) -> list[Delivery]:
    """Send the digest; a failed target is reported, never raised (the store is already written)."""
    deliveries = []
    for target, part in targets_for(config, digest).items():
        sender = apprise.Apprise()
        if not sender.add(target):
            deliveries.append(Delivery(target, False, len(part.entries)))
            continue
        kinds = {e.kind for e in part.entries}
        title = f"policywatch: {len(part.entries)} update(s)" + (" — a watch is failing" if "broken" in kinds else "")
        ok = sender.notify(title=title, body=render("digest", "md", part), body_format=apprise.NotifyFormat.MARKDOWN)
        deliveries.append(Delivery(target, bool(ok), len(part.entries)))
    return deliveries
