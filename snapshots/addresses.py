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
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
RESOLVE_TTL = 300.0
# Never connected to, whatever allow_private says: link-local (169.254.169.254 is the metadata service of
# most clouds) and the metadata addresses of AWS over IPv6 and of Alibaba Cloud.
NEVER: tuple[Network, ...] = tuple(ipaddress.ip_network(n) for n in (
    "169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address in the last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: a local translator, its layout its own
_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated IPv4-compatible ::a.b.c.d


def carried(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo's client)."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64 or (address in _COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    return address.teredo[1] if address.teredo is not None else None


def internal(address: IPAddress) -> bool:
    """Not an address on the public internet (loopback, private, link-local, unspecified, reserved...),
    an IPv6 address that carries an IPv4 one judged by the IPv4 it carries."""
    inner = carried(address)
    if inner is not None:
        return internal(inner)
    if isinstance(address, ipaddress.IPv6Address) and address in _NAT64_LOCAL:
        return True
    return not address.is_global or address.is_multicast


def never(address: IPAddress) -> bool:
    """Refused even where internal addresses are allowed (link-local, cloud metadata)."""
    inner = carried(address)
    return any(address in n for n in NEVER) or (inner is not None and any(inner in n for n in NEVER))


class Allowance:
    """Which internal addresses may be connected to: all (true), none (false), or a list of networks
    ("10.1.2.0/24") and host names ("intranet.example": it and its subdomains, whatever they resolve to).
    NEVER is refused in every case."""

    def __init__(self, allow: bool | Sequence[str] = False) -> None:
        self.everything = allow is True
        self.networks: list[Network] = []
        self.names: list[str] = []
        for entry in () if isinstance(allow, bool) else allow:
            self._add(entry)

    def _add(self, entry: str) -> None:
        """One entry, or ValueError saying why it is not a network or a host name."""
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"{entry!r} is not a network or a host name")
        entry = entry.strip().lower()
        try:
            self.networks.append(ipaddress.ip_network(entry, strict=False))
            return
        except ValueError:
            pass
        if "/" in entry or ":" in entry or not _HOST.fullmatch(entry) or entry.replace(".", "").isdigit():
            raise ValueError(f"{entry!r} is not a network (10.1.2.0/24) or a host name (intranet.example)")
        self.names.append(entry.rstrip("."))

    def __bool__(self) -> bool:
        return self.everything or bool(self.networks or self.names)

    def permits(self, host: str, address: IPAddress) -> bool:
        """Whether `host`, resolved to `address`, may be connected to."""
        if never(address):
            return False
        if not internal(address) or self.everything:
            return True
        host = host.strip("[]").rstrip(".").lower()
        if any(host == name or host.endswith(f".{name}") for name in self.names):
            return True
        inner = carried(address)
        return any(address in n or (inner is not None and inner in n) for n in self.networks)


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

    def __init__(self, allow_internal: bool | Sequence[str] = False) -> None:
        self.allowance = Allowance(allow_internal)
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
        for address in addresses:
            parsed = ipaddress.ip_address(address.split("%")[0])
            if never(parsed):
                raise FetchError("private", f"{host} resolves to {address}, a link-local or cloud metadata "
                                 "address (never fetched)")
            if not self.allowance.permits(host, parsed):
                raise FetchError("private", f"{host} resolves to the internal address {address}; add it (or "
                                 "its network or host name) to allow_private to watch intranet pages")
        self._cache[key] = (time.monotonic() + RESOLVE_TTL, addresses)
        return addresses

    def is_internal_host(self, host: str) -> bool:
        """Whether a literal address or a host that resolves now is internal (for the CLI's typed URLs)."""
        try:
            infos = socket.getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError):
            return False
        return any(internal(ipaddress.ip_address(str(i[4][0]).split("%")[0])) for i in infos)
