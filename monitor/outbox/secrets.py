"""Notification URLs as people may see them: the credentials in an Apprise URL (a password, a token in
the path or the query) masked, so no log line, error, page or listing prints them. Apprise knows where
each service keeps its secrets (`url(privacy=True)`); a URL it cannot read loses its userinfo, path and
query values instead."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_VALUE = re.compile(r"=([^&]*)")
# Apprise's own options that every URL it writes back carries: noise to a reader.
_DEFAULTS = {"overflow", "retry", "wait", "optional", "cto", "rto", "format", "emojis", "verify", "store", "tz",
             "method"}


def masked(url: str) -> str:
    """The URL with its secrets replaced by asterisks (never the secret itself, whatever the URL)."""
    try:
        import apprise

        plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
        if plugin:
            parts = urlsplit(str(plugin.url(privacy=True)))  # type: ignore[no-untyped-call]
            query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _DEFAULTS]
            return urlunsplit(parts._replace(query=urlencode(query, safe="@*.")))
    except Exception:  # noqa: BLE001 (an unreadable URL is masked by hand below)
        pass
    return _by_hand(url)


def _by_hand(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "****"
    user = "****@" if parts.username or parts.password else ""
    path = "/****" if parts.path.strip("/") else ""
    query = "?" + _VALUE.sub("=****", parts.query) if parts.query else ""
    return f"{parts.scheme}://{user}{host}{port}{path}{query}"


def secrets_of(url: str) -> list[str]:
    """The parts of a URL that may be secret (its password, user, path segments and query values), longest
    first: text from a library about this URL is scrubbed of them before it is shown."""
    try:
        parts = urlsplit(url)
        found = [parts.password or "", parts.username or ""]
    except ValueError:
        return [url]
    found += [s for s in parts.path.split("/") if len(s) >= 6]
    found += [v for v in _VALUE.findall(parts.query) if len(v) >= 6]
    return sorted({s for s in found if s}, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """`text` with every secret of `url` (and the URL itself) replaced by its masked form."""
    text = text.replace(url, masked(url))
    for secret in secrets_of(url):
        text = text.replace(secret, "****")
    return text
