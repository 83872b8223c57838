"""One error family for everything policywatch reports to a person: the CLI, the scheduler and the web
app turn any of these into a single line naming the culprit, never a traceback. Every error has a stable
`kind` that scripts and the check log can rely on."""
from __future__ import annotations

from typing import ClassVar


class PolicywatchError(Exception):
    """Base of the family; `kind` is a stable machine-readable label."""

    kind: str = "error"


class InputError(PolicywatchError):
    """A file, URL, option or value given by the user is unusable."""

    kind = "input"


class ConfigError(InputError):
    """The watch list (policywatch.toml) or one of its values is unusable."""

    kind = "config"


class DiffError(InputError):
    """Unusable diff or compare input, such as an empty document or a bad ignore pattern."""

    kind = "diff"


class StoreError(PolicywatchError):
    """The snapshot database cannot be opened, is locked, damaged or full."""

    kind = "store"


class Busy(PolicywatchError):
    """Another policywatch process holds the lock this one needs."""

    kind = "busy"


class DeliveryError(PolicywatchError):
    """A digest could not be written or sent; it stays pending and is tried again by the next pass."""

    kind = "delivery"


class FetchError(PolicywatchError):
    """A page that could not be had, or was not the page (an error page served with status 200)."""

    KINDS: ClassVar[tuple[str, ...]] = (
        "network", "timeout", "tls", "http", "too_large", "redirect", "scheme", "robots", "empty", "challenge",
        "soft404", "binary", "truncated", "private", "url", "unreadable", "internal",
    )

    def __init__(self, kind: str, message: str, url: str = "") -> None:
        if kind not in self.KINDS:
            raise ValueError(f"unknown FetchError kind {kind!r}")
        self.kind = kind
        self.url = url
        self.reason = message
        super().__init__(f"{url}: {message}" if url else message)


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception as one line of at most `limit` characters (library messages can span many lines)."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
