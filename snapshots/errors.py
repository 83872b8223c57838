"""One error family, so the CLI can turn any failure into a single line naming the culprit."""
from __future__ import annotations


class PolicywatchError(Exception):
    """Base of every error policywatch reports to a user (never shown as a traceback)."""


class InputError(PolicywatchError):
    """A file, URL, option or config value given by the user is unusable."""


class StoreError(PolicywatchError):
    """The snapshot database cannot be opened, is locked or is damaged."""


class FetchError(PolicywatchError):
    """A fetch that produced no usable page. `kind` is a stable machine-readable label."""

    KINDS = (
        "network", "timeout", "tls", "http", "too_large", "redirect", "scheme", "robots",
        "empty", "challenge", "soft404", "binary", "truncated",
    )

    def __init__(self, kind: str, message: str, url: str = "") -> None:
        assert kind in self.KINDS, kind
        self.kind = kind
        self.url = url
        super().__init__(f"{url}: {message}" if url else message)
