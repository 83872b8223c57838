"""`policywatch check --explain URL`: what a watch's filters make of its page now: the part its
selectors keep, and which of its keywords that holds (and so whether news of it would be told)."""
from __future__ import annotations

import asyncio

from ...errors import InputError
from ...snapshots import Fetcher
from ...snapshots.extract import extract
from . import filters
from .kinds import KINDS
from .policy import policy_for
from .watchlist import Config


def explain(config: Config, url: str) -> list[str]:
    watch = next((w for w in config.watches if w.url == url), None)
    if watch is None:
        raise InputError(f"{url}: no watch in {config.path} has this URL")

    async def fetch() -> tuple[bytes, str, str]:
        async with Fetcher(policy_for(config)) as fetcher:
            got = await fetcher.fetch(url, headers=watch.headers)
            return got.content, got.content_type, got.final_url

    content, content_type, final = asyncio.run(fetch())
    document = extract(content, content_type, final, KINDS[watch.kind].reader, scope=(watch.select, watch.exclude))[0]
    lines = [f"watch: {watch.name} ({watch.kind})",
             f"select: {watch.select or '(the whole page)'}", f"exclude: {watch.exclude or '(nothing)'}",
             f"kept: {len(document.lines())} line(s)", *(f"  {line}" for line in document.lines())]
    if watch.keywords:
        found = filters.matching(watch, document.full_text())
        lines.append(f"keywords ({watch.match}): " + ", ".join(
            f"{k} {'found' if k in found else 'not found'}" for k in watch.keywords))
        told = filters.wanted(watch, document.full_text())
        lines.append("news of this text would be told" if told else "news of this text would not be told")
    return lines
