"""Which stored document a new publication is the next edition of: the same title with every year one
later (2024年工作总结和2025年工作计划 after 2023年工作总结和2024年工作计划), among the documents found where
it was found. The digest then carries the cross-year compare."""
from __future__ import annotations

from ...snapshots import Store, Version
from ...text.outline import YEAR


def edition_key(title: str) -> tuple[str, tuple[int, ...]]:
    """(title with its years blanked, the years)."""
    return YEAR.sub("#", title), tuple(int(y) for y in YEAR.findall(title))


def follows(new_title: str, old_title: str) -> bool:
    key, years = edition_key(new_title)
    old_key, old_years = edition_key(old_title)
    return bool(years) and key == old_key and len(years) == len(old_years) and all(
        a + 1 == b for a, b in zip(old_years, years, strict=False))


def last_editions(store: Store, publications: list[Version]) -> dict[int, Version]:
    """Publication version id -> last year's edition, for those that have one stored."""
    out: dict[int, Version] = {}
    for version in publications:
        if not edition_key(version.document.title)[1]:
            continue
        found_on = store.found_on(version.url)
        candidates = store.urls(found_on=found_on) + (store.urls(found_on="") if found_on else [])
        urls = [u for u in candidates if u != version.url]
        for other in store.latest(urls).values():
            if follows(version.document.title, other.document.title):
                out[version.id] = other
                break
    return out
