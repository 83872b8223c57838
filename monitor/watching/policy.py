"""The fetch policy a watch list's settings ask for. Apart from check.py (the store, SQLAlchemy) so that
a `check` builds its fetcher before those load (early.py)."""
from __future__ import annotations

from ...snapshots.fetch import BROWSER_USER_AGENT, FetchPolicy
from .watchlist import Config


def policy_for(config: Config) -> FetchPolicy:
    s = config.settings
    policy = FetchPolicy(min_delay=s.delay, per_host=s.per_host, robots=s.robots, timeout=s.timeout,
                         read_timeout=min(30.0, s.timeout), connect_timeout=min(10.0, s.timeout),
                         allow_private=s.allow_private, max_images=s.max_images, image_bytes=s.image_bytes,
                         image_timeout=s.image_timeout)
    if s.user_agent:
        policy.user_agent = BROWSER_USER_AGENT if s.user_agent == "browser" else s.user_agent
    return policy
