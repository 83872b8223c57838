"""A watch's say in what is news: `keywords` (regular expressions; `match = "any"` or `"all"`) that a new
document's text, or a change's changed lines, must hold for an event to be raised. The version is stored
either way: a filter decides what is told, never what is kept."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...snapshots import Document
from ...text.ignore import RUN_SECONDS

if TYPE_CHECKING:
    from .watchlist import Watch

MODES = ("any", "all")


def matching(watch: Watch, text: str) -> list[str]:
    """The watch's keywords found in text (a pattern that runs out of time counts as not found)."""
    import regex

    found = []
    for keyword in watch.keywords:
        try:
            if regex.search(keyword, text, regex.V0, timeout=RUN_SECONDS):
                found.append(keyword)
        except TimeoutError:
            continue
    return found


def wanted(watch: Watch, text: str) -> bool:
    if not watch.keywords:
        return True
    found = matching(watch, text)
    return len(found) == len(watch.keywords) if watch.match == "all" else bool(found)


def changed_text(old: Document, new: Document) -> str:
    """Lines of either version that the other lacks: what a change's keywords are looked for in."""
    before, after = old.full_text().split("\n"), new.full_text().split("\n")
    kept_before, kept_after = set(before), set(after)
    return "\n".join([line for line in before if line not in kept_after] +
                     [line for line in after if line not in kept_before])
