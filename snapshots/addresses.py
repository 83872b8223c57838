"""Where a fetch may connect. A monitor runs beside other services and the web app accepts URLs, so by
default no request reaches a loopback, private, link-local or unspecified address (127.0.0.1,
10.0.0.0/8, 169.254.169.254, 0.0.0.0, `2130706433`...), whether named by the URL or by a redirect.
The check is made on the address actually connected to (resolve, check, connect to that address),
so a DNS answer that changes between check and use (rebinding) gains nothing."""
from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
from urllib.parse import urlsplit

from ..errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
RESOLVE_TTL = 300.0


def internal(address: IPAddress) -> bool:
    """Not an address on the public internet (loopback, private, link-local, unspecified, reserved...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


# Labels of letters (any script: 例子.中国), digits, hyphens and underscores, dot-separated; or an IPv6 literal.
_HOST = re.compile(r"(?:[^\W_][\w-]{0,62}\.)*[^\W_][\w-]{0,62}\.?|[0-9a-f.]*:[0-9a-f:.]*(?:%\w+)?", re.I)


def check_url(url: str) -> None:
    """An http(s) URL with a host and a valid port, or a FetchError of kind `url`/`scheme`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError("url", f"not a valid URL ({exc})", url) from None
    if parts.scheme not in ("http", "https"):
        raise FetchError("scheme", "not an http(s) URL", url)
    if not parts.hostname:
        raise FetchError("url", "URL has no host", url)
    if not _HOST.fullmatch(parts.hostname):
        raise FetchError("url", f"{parts.hostname!r} is not a host name or address", url)
    if port == 0:
        raise FetchError("url", "port 0 is not a port one can connect to", url)


class AddressGuard:
    """Resolves host names (cached for RESOLVE_TTL) and refuses internal addresses unless allowed."""

    def __init__(self, allow_internal: bool = False) -> None:
        self.allow_internal = allow_internal
        self._cache: dict[tuple[str, int], tuple[float, list[str]]] = {}

    async def resolve(self, host: str, port: int) -> list[str]:
        """The addresses to connect to, in order; FetchError when there are none or one is internal."""
        key = (host.lower(), port)
        cached = self._cache.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OverflowError, ValueError) as exc:
            raise FetchError("network", f"cannot resolve {host} ({exc.__class__.__name__}: {exc})") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise FetchError("network", f"{host} has no address")
        if not self.allow_internal:
            for address in addresses:
                if internal(ipaddress.ip_address(address.split("%")[0])):
                    raise FetchError("private", f"{host} resolves to the internal address {address}; set "
                                     "allow_private = true to watch intranet pages")
        self._cache[key] = (time.monotonic() + RESOLVE_TTL, addresses)
        return addresses

    def is_internal_host(self, host: str) -> bool:
        """Whether a literal address or a host that resolves now is internal (for the CLI's typed URLs)."""
        try:
            infos = socket.getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError):
            return False
        return any(internal(ipaddress.ip_address(str(i[4][0]).split("%")[0])) for i in infos)
