"""Polite, bounded HTTP fetching: bytes and headers, or a FetchError saying why not.

Politeness: at most `per_host` requests in flight to one host and at least `min_delay` seconds between
their starts; robots.txt honoured. Bounds: `timeout` covers one page's whole attempt chain (retries,
backoff and redirects included), bodies stop at `max_bytes` while streaming (on the wire and decoded,
every layer of Content-Encoding counted: content_coding.py), robots.txt at ROBOTS_MAX_BYTES, and a host that gave no
answer at all to `per_host` pages in a row is not asked again in the same pass (its other pages fail
at once), so stalled URLs never queue behind each other for longer than one `timeout`.
What the bytes mean (decoding, error pages served as 200) is the next stage's business: extract.py."""
from __future__ import annotations

import asyncio
import email.utils
import os
import ssl
import time
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, one_line
from .addresses import AddressGuard, check_url
from .content_coding import ACCEPTED, Decoder
from .robots import SHARED, RobotsCache
from .transport import GuardedTransport

USER_AGENT = "policywatch/0.2 (change monitor for public policy pages)"
# `user_agent = "browser"`: some Guangdong front ends reset connections of clients that are not browsers.
BROWSER_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) " \
                     "Chrome/131.0.0.0 Safari/537.36"
_REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: a crawler reads at least 500 KiB of robots.txt; the rest is cut


@dataclass
class FetchPolicy:
    """Limits and politeness; the defaults suit a slow government site."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    timeout: float = 90.0  # one page, every attempt and redirect included, from its first turn on the host
    max_bytes: int = 20 * 1024 * 1024
    max_images: int = 10  # a page's body images whose bytes are fetched (their digests: snapshots/images.py)
    image_bytes: int = 4 * 1024 * 1024  # per image; a larger one stays of unknown bytes
    image_timeout: float = 20.0  # per image (at most `timeout`): a slow chart must not hold its page for long
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    per_host: int = 2
    min_delay: float = 1.0
    robots: bool = True
    # Internal addresses that may be fetched (intranet use): true (all but link-local and cloud metadata),
    # or networks and host names (addresses.Allowance).
    allow_private: bool | Sequence[str] = False
    pacer: Pacer | None = None  # spaces requests to a host across processes (workers); None: this process only


class Pacer(Protocol):
    """Per-host limits shared by every process that fetches (monitor/pacing.py)."""

    def slot(self, host: str, limit: int) -> AbstractAsyncContextManager[None]:
        """Hold one of the host's `limit` request slots."""
        ...

    async def turn(self, host: str, delay: float) -> float:
        """Reserve the host's next start at least `delay` after the previous one; the seconds to wait."""
        ...


@dataclass
class Fetched:
    """What the server sent for a URL: a page's bytes and headers, or a 304."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    """Per-host politeness state for one Fetcher."""

    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = 0.0
    silent: int = 0  # pages in a row that got no answer at all within their time
    stalled: str = ""  # why the host is not asked again in this pass


class _Chain:
    """One page's attempts: the deadline starts when its first request gets its turn on the host."""

    def __init__(self, url: str, timeout: float, headers: dict[str, str] | None = None, cap: int = 0) -> None:
        self.url = url
        self.timeout = timeout
        self.cap = cap  # bytes of the body, on the wire and decoded
        self.headers = dict(headers or {})  # the watch's own (Referer, X-Requested-With), on every attempt
        self.deadline: float | None = None
        self.received = False  # any answer at all from the host
        self.failure: FetchError | None = None  # why the last attempt failed (what a late retry reports)

    def remaining(self) -> float:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.timeout
        return self.deadline - time.monotonic()


class Fetcher:
    """One per pass: shares connections, politeness state, resolved addresses and robots.txt."""

    def __init__(self, policy: FetchPolicy | None = None, robots: RobotsCache | None = None) -> None:
        self.policy = policy or FetchPolicy()
        p = self.policy
        self.guard = AddressGuard(allow_internal=p.allow_private)
        self.robots = robots or SHARED
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self.client = httpx.AsyncClient(
            transport=GuardedTransport(self.guard, _tls_context(os.environ.get("SSL_CERT_FILE", ""),
                                                                os.environ.get("SSL_CERT_DIR", "")), limits),
            timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
            headers={"User-Agent": p.user_agent, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
                     "Accept-Encoding": ACCEPTED},
            follow_redirects=False, trust_env=False)
        self.hosts: dict[str, _Host] = {}
        self._primed: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], asyncio.Task[Fetched]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._primed.values():  # asked for early and never by the pass: nobody waits for them
            if not task.cancel():
                task.exception()  # a finished one's failure is nobody's error
        self._primed.clear()
        await self.client.aclose()

    def prime(self, url: str, etag: str = "", last_modified: str = "", headers: dict[str, str] | None = None) -> None:
        """Start the fetch of a page now (in the running loop), under every limit a fetch has; the pass's
        own `fetch` with the same arguments then takes its answer (once) instead of asking again."""
        key = (url, etag, last_modified, tuple(sorted((headers or {}).items())))
        if key not in self._primed:
            self._primed[key] = asyncio.ensure_future(self._fetch(url, etag, last_modified, headers))

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self.hosts:
            self.hosts[key] = _Host(asyncio.Semaphore(max(1, self.policy.per_host)))
        return self.hosts[key]

    async def fetch(self, url: str, etag: str = "", last_modified: str = "",
                    headers: dict[str, str] | None = None, max_bytes: int = 0, page: bool = True) -> Fetched:
        """GET url with conditional headers (and `headers` besides); a 200's or a 304's answer, else a
        FetchError. `max_bytes`: a smaller cap than the policy's for this body; not `page` (a page's
        image): its hanging is no sign the host's pages hang, so it never stalls the host, and it has
        `image_timeout`."""
        if page and not max_bytes:
            primed = self._primed.pop((url, etag, last_modified, tuple(sorted((headers or {}).items()))), None)
            if primed is not None:
                return await primed
        return await self._fetch(url, etag, last_modified, headers, max_bytes, page)

    async def _fetch(self, url: str, etag: str = "", last_modified: str = "",
                     headers: dict[str, str] | None = None, max_bytes: int = 0, page: bool = True) -> Fetched:
        check_url(url)
        started = time.monotonic()
        if self.policy.robots and not await self._allowed(url):
            raise FetchError("robots", "robots.txt disallows this URL (set robots = false to override)", url)
        timeout = self.policy.timeout if page else min(self.policy.image_timeout, self.policy.timeout)
        chain = _Chain(url, timeout, headers, min(max_bytes or self.policy.max_bytes, self.policy.max_bytes))
        try:
            fetched = await self._follow(chain, etag, last_modified)
        except FetchError as error:
            host = self._host(url)
            if error.kind == "timeout" and not chain.received and not host.stalled and page:
                host.silent += 1
                if host.silent >= self.policy.per_host:  # every slot it has given us hangs
                    host.stalled = f"{urlsplit(url).netloc} gave {host.silent} pages no answer within " \
                                   f"{self.policy.timeout:g} s"
            raise
        fetched.elapsed = time.monotonic() - started
        return fetched

    async def _follow(self, chain: _Chain, etag: str, last_modified: str) -> Fetched:
        current = chain.url
        for _ in range(self.policy.max_redirects + 1):
            fetched = await self._retrying(chain, current, etag, last_modified)
            if fetched.status not in _REDIRECTS:
                return self._finish(chain.url, current, fetched)
            location = fetched.headers.get("location", "").strip()
            if not location:
                raise FetchError("redirect", f"HTTP {fetched.status} without a Location header", chain.url)
            current = urljoin(current, location)
            try:
                check_url(current)
            except FetchError as error:
                raise FetchError(error.kind if error.kind == "scheme" else "redirect",
                                 f"redirect to an unusable address ({current[:100]}: {error.reason})",
                                 chain.url) from None
        raise FetchError("redirect", f"more than {self.policy.max_redirects} redirects", chain.url)

    async def _retrying(self, chain: _Chain, current: str, etag: str, last_modified: str) -> Fetched:
        policy = self.policy
        for attempt in range(policy.retries + 1):
            try:
                fetched = await self._once(chain, current, etag, last_modified)
            except FetchError as error:
                if attempt == policy.retries or error.kind not in ("network", "timeout", "truncated"):
                    raise
                await self._pause(chain, policy.backoff * 2 ** attempt, error)
                continue
            if fetched.status != 429 and fetched.status < 500:
                return fetched
            wait = retry_after(fetched.headers.get("retry-after", ""))
            hint = f", Retry-After {wait:g} s" if wait is not None else ""
            failure = FetchError("http", f"HTTP {fetched.status} after {attempt + 1} attempt(s){hint}", chain.url)
            if attempt == policy.retries or (wait is not None and wait > policy.max_retry_after):
                raise failure
            await self._pause(chain, wait if wait is not None else policy.backoff * 2 ** attempt, failure)
        raise FetchError("internal", "retry loop ended without an answer", chain.url)

    @staticmethod
    async def _pause(chain: _Chain, seconds: float, error: FetchError) -> None:
        """Back off before the next attempt, unless that would pass the page's deadline."""
        if seconds >= chain.remaining():
            raise error
        chain.failure = error
        await asyncio.sleep(seconds)

    def _shared_slot(self, url: str) -> AbstractAsyncContextManager[None]:
        pacer = self.policy.pacer
        return pacer.slot(urlsplit(url).netloc.lower(), self.policy.per_host) if pacer else nullcontext()

    async def _once(self, chain: _Chain, current: str, etag: str, last_modified: str) -> Fetched:
        headers = dict(chain.headers)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = self._host(current)
        async with host.slots, self._shared_slot(current):
            if host.stalled:
                raise FetchError("timeout", f"not tried: {host.stalled} earlier in this pass", chain.url)
            async with host.lock:
                if self.policy.pacer is not None:
                    wait = await self.policy.pacer.turn(urlsplit(current).netloc.lower(), self.policy.min_delay)
                else:
                    wait = host.last + self.policy.min_delay - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.last = time.monotonic()
            remaining = chain.remaining()
            if remaining <= 0:
                if chain.failure is not None:  # the retry's turn came too late: the answer it got stands
                    raise chain.failure
                raise FetchError("timeout", f"no complete answer within {chain.timeout:g} s", chain.url)
            try:
                async with asyncio.timeout(remaining):
                    return await self._request(chain, current, headers)
            except TimeoutError:
                raise FetchError("timeout", f"no complete answer within {chain.timeout:g} s", chain.url) from None
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"server too slow ({exc.__class__.__name__})", chain.url) from None
            except httpx.RemoteProtocolError as exc:
                if "location header" in str(exc).lower():  # h11 refused the Location of a redirect
                    raise FetchError("redirect", f"redirect to an invalid address ({one_line(exc, 120)})",
                                     chain.url) from None
                raise FetchError("truncated", f"connection closed mid-response ({one_line(exc, 120)})",
                                 chain.url) from None
            except httpx.ConnectError as exc:
                if isinstance(exc.__cause__, ssl.SSLError) or "SSL" in str(exc):
                    raise FetchError("tls", f"TLS handshake failed ({one_line(exc, 120)}); some *.gov.cn hosts "
                                     "only work over http://", chain.url) from None
                raise FetchError("network", f"cannot connect ({one_line(exc, 120)})", chain.url) from None
            except (httpx.TransportError, OSError) as exc:
                raise FetchError("network", f"{exc.__class__.__name__}: {one_line(exc, 120)}", chain.url) from None
            except httpx.UnsupportedProtocol as exc:
                # httpx builds the next request of every redirect, even unfollowed: a bad Location lands here.
                raise FetchError("scheme", f"redirect to a non-HTTP address ({one_line(exc, 120)})",
                                 chain.url) from None
            except (httpx.InvalidURL, ValueError) as exc:
                raise FetchError("redirect", f"redirect to an invalid address ({one_line(exc, 120)})",
                                 chain.url) from None
            except FetchError as error:  # from the address guard, raised while connecting
                raise FetchError(error.kind, error.reason, chain.url) from None

    async def _request(self, chain: _Chain, current: str, headers: dict[str, str]) -> Fetched:
        cap = chain.cap
        async with self.client.stream("GET", current, headers=headers) as r:
            chain.received = True
            self._host(current).silent = 0
            length = r.headers.get("content-length", "")
            if length.isdigit() and int(length) > cap:
                raise FetchError("too_large", f"body of {int(length)} bytes exceeds the {cap} byte cap", chain.url)
            raw = r.status_code in (*_REDIRECTS, 304)
            content = await _body(r, cap, chain.url, decode=not raw)
            return Fetched(url=chain.url, final_url=current, status=r.status_code, content=content,
                           content_type=r.headers.get("content-type", ""), etag=r.headers.get("etag", ""),
                           last_modified=r.headers.get("last-modified", ""), headers=dict(r.headers))

    @staticmethod
    def _finish(url: str, final: str, fetched: Fetched) -> Fetched:
        fetched.final_url = final
        if fetched.status == 304:
            return fetched
        if fetched.status >= 400:
            raise FetchError("http", f"HTTP {fetched.status}", url)
        if fetched.status not in (200, 203):
            raise FetchError("http", f"unexpected HTTP {fetched.status}", url)
        if not fetched.content.strip():
            raise FetchError("empty", "empty body", url)
        return fetched

    async def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"

        async def get(robots_url: str) -> tuple[int, str]:
            async with asyncio.timeout(min(self.policy.timeout, 15.0)), \
                    self.client.stream("GET", robots_url, timeout=min(self.policy.read_timeout, 10.0)) as r:
                content = await _body(r, ROBOTS_MAX_BYTES, robots_url, cut=True)
                return r.status_code, content.decode("utf-8", "replace")

        rules = await self.robots.rules(origin, get)
        return bool(rules.can_fetch(url, self.policy.user_agent))


async def _body(r: httpx.Response, cap: int, url: str, decode: bool = True, cut: bool = False) -> bytes:
    """A streamed body, its content encodings undone (unless not `decode`), at most `cap` bytes on the
    wire and decoded across every layer; past that a FetchError, or (`cut`) the bytes decoded so far."""
    decoder = Decoder(r.headers.get("content-encoding", "") if decode else "", cap, url)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in r.aiter_raw():
            size += len(chunk)
            if size > cap:
                raise FetchError("too_large", f"body exceeds the {cap} byte cap", url)
            chunks.extend(decoder.feed(chunk))
        chunks.extend(decoder.finish())
    except FetchError as error:
        if not (cut and error.kind == "too_large"):
            raise
        return b"".join(chunks)[:cap]
    return b"".join(chunks)


@lru_cache(maxsize=4)
def _tls_context(cert_file: str, cert_dir: str) -> ssl.SSLContext:
    """The system's CA store (20 ms to load) rather than certifi's bundle (90 ms, per process: a cron
    check pays it every run); certifi only where the system has no CA store. Loaded once per process:
    a worker makes a Fetcher per queued check. Keyed by the variables OpenSSL reads the store from."""
    context = ssl.create_default_context()
    if not context.cert_store_stats().get("x509_ca"):
        import certifi

        context.load_verify_locations(certifi.where())
    return context


def retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date)."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)
