"""Polite, bounded HTTP fetching: every way a government server can fail becomes a FetchError."""
from __future__ import annotations

import asyncio
import email.utils
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .decode import decode, looks_binary
from .errors import FetchError
from .transport import transport
from .verdict import check_page

USER_AGENT = "policywatch/0.1 (change monitor for public policy pages)"


@dataclass
class FetchPolicy:
    """Limits and politeness; the defaults suit a slow government site."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 90.0  # one request, from the moment it has its politeness slot
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    per_host: int = 2
    min_delay: float = 1.0
    robots: bool = True


@dataclass
class Response:
    """A fetched page that passed every check (or a 304)."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    text: str = ""
    encoding: str = ""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    elapsed: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_pdf(self) -> bool:
        return is_pdf(self.content, self.content_type)


def is_pdf(content: bytes, content_type: str = "") -> bool:
    return content[:5] == b"%PDF-" or "application/pdf" in (content_type or "").lower()


class _Host:
    """Per-host concurrency cap and minimum spacing between request starts."""

    def __init__(self, limit: int) -> None:
        self.slots = asyncio.Semaphore(limit)
        self.lock = asyncio.Lock()
        self.last = 0.0
        self.robots: RobotFileParser | None = None


class Fetcher:
    """One per run: shares connections, politeness state and robots.txt across fetches."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        p = self.policy
        self.client = httpx.AsyncClient(
            transport=transport(_tls_context(), httpx.Limits(max_connections=64, max_keepalive_connections=32)),
            timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
            headers={"User-Agent": p.user_agent, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"},
            follow_redirects=False,
        )
        self.hosts: dict[str, _Host] = {}

    async def __aenter__(self) -> "Fetcher":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self.hosts:
            self.hosts[key] = _Host(self.policy.per_host)
        return self.hosts[key]

    async def fetch(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """GET url with conditional headers; raises FetchError, never returns an error page."""
        check_url(url)
        started = time.monotonic()
        if self.policy.robots and not await self._allowed(url):
            raise FetchError("robots", "robots.txt disallows this URL (set robots = false to override)", url)
        response = await self._follow(url, etag, last_modified)
        response.elapsed = time.monotonic() - started
        return response

    async def _follow(self, url: str, etag: str, last_modified: str) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            response = await self._retrying(current, url, etag, last_modified)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location", "")
                if not location:
                    raise FetchError("redirect", f"HTTP {response.status} without a Location header", url)
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    raise FetchError("scheme", f"redirect to a non-HTTP address ({current[:80]})", url)
                continue
            return self._finish(url, current, response)
        raise FetchError("redirect", f"more than {self.policy.max_redirects} redirects", url)

    async def _retrying(self, current: str, url: str, etag: str, last_modified: str) -> Response:
        policy = self.policy
        for attempt in range(policy.retries + 1):
            last = attempt == policy.retries
            try:
                response = await self._once(current, url, etag, last_modified)
            except FetchError as error:
                if last or error.kind not in ("network", "timeout", "truncated"):
                    raise
                await asyncio.sleep(policy.backoff * 2 ** attempt)
                continue
            if response.status == 429 or response.status >= 500:
                wait = retry_after(response.headers.get("retry-after", ""))
                if last or (wait is not None and wait > policy.max_retry_after):
                    hint = f", Retry-After {wait:g} s" if wait is not None else ""
                    raise FetchError("http", f"HTTP {response.status} after {attempt + 1} attempts{hint}", url)
                await asyncio.sleep(wait if wait is not None else policy.backoff * 2 ** attempt)
                continue
            return response
        raise AssertionError("unreachable")

    async def _once(self, current: str, url: str, etag: str, last_modified: str) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = self._host(current)
        async with host.slots:
            async with host.lock:
                wait = host.last + self.policy.min_delay - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.last = time.monotonic()
            try:
                async with asyncio.timeout(self.policy.total_timeout), \
                        self.client.stream("GET", current, headers=headers) as r:
                    length = int(r.headers.get("content-length") or 0)
                    if length > self.policy.max_bytes:
                        raise FetchError("too_large", f"body of {length} bytes exceeds the {self.policy.max_bytes} byte cap", url)
                    chunks, size = [], 0
                    async for chunk in r.aiter_raw() if r.status_code in (301, 302, 303, 307, 308, 304) else r.aiter_bytes():
                        size += len(chunk)
                        if size > self.policy.max_bytes:
                            raise FetchError("too_large", f"body exceeds the {self.policy.max_bytes} byte cap", url)
                        chunks.append(chunk)
                    return Response(url=url, final_url=str(r.url), status=r.status_code, content=b"".join(chunks),
                                    content_type=r.headers.get("content-type", ""), etag=r.headers.get("etag", ""),
                                    last_modified=r.headers.get("last-modified", ""), headers=dict(r.headers))
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"server too slow ({exc.__class__.__name__})", url) from None
            except TimeoutError:
                raise FetchError("timeout", f"no complete answer within {self.policy.total_timeout:g} s", url) from None
            except httpx.RemoteProtocolError as exc:
                raise FetchError("truncated", f"connection closed mid-response ({_short(exc)})", url) from None
            except httpx.ConnectError as exc:
                if isinstance(exc.__cause__, ssl.SSLError) or "SSL" in str(exc):
                    raise FetchError("tls", f"TLS handshake failed ({_short(exc)}); some *.gov.cn hosts "
                                     "only work over http://", url) from None
                raise FetchError("network", f"cannot connect ({_short(exc)})", url) from None
            except httpx.TransportError as exc:
                raise FetchError("network", f"{exc.__class__.__name__}: {_short(exc)}", url) from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                # httpx builds the next request of every redirect, even unfollowed: a bad Location lands here.
                raise FetchError("scheme", f"redirect to an invalid or non-HTTP address ({_short(exc)})", url) from None

    def _finish(self, url: str, final: str, response: Response) -> Response:
        response.final_url = final
        if response.status == 304:
            response.not_modified = True
            return response
        if response.status >= 400:
            raise FetchError("http", f"HTTP {response.status}", url)
        if response.status != 200 and response.status != 203:
            raise FetchError("http", f"unexpected HTTP {response.status}", url)
        if not response.content.strip():
            raise FetchError("empty", "empty body", url)
        if is_pdf(response.content, response.content_type):
            if not response.content.startswith(b"%PDF-"):
                raise FetchError("binary", "labelled PDF but the body is not a PDF", url)
            return response
        if looks_binary(response.content):
            raise FetchError("binary", f"binary bytes labelled {response.content_type or 'nothing'}", url)
        response.text, response.encoding = decode(response.content, response.content_type)
        check_page(response.text, url)
        return response

    async def _allowed(self, url: str) -> bool:
        host = self._host(url)
        if host.robots is None:
            parts = urlsplit(url)
            parser = RobotFileParser()
            try:
                async with asyncio.timeout(min(self.policy.total_timeout, 15.0)):
                    r = await self.client.get(f"{parts.scheme}://{parts.netloc}/robots.txt",
                                              timeout=min(self.policy.read_timeout, 10.0))
                lines = r.text.splitlines() if r.status_code == 200 else []
            except (httpx.HTTPError, TimeoutError):
                lines = []
            parser.parse(lines)
            host.robots = parser
        return host.robots.can_fetch(self.policy.user_agent, url)


def _tls_context() -> ssl.SSLContext:
    """The system's CA store (20 ms to load) rather than certifi's bundle (90 ms, per process: a cron
    check pays it every run); certifi only where the system has no CA store."""
    context = ssl.create_default_context()
    if not context.cert_store_stats().get("x509_ca"):
        import certifi

        context.load_verify_locations(certifi.where())
    return context


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError("scheme", "not an http(s) URL", url)


def retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date)."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text[:120]
