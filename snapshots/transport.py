"""httpx over httpcore's own connection pool, with one change: the pool connects through AddressGuard,
so the address checked is the address connected to. Built from public API only: httpcore's pool with a
network backend, wrapped in an httpx transport (httpx's own transport takes no network backend)."""
from __future__ import annotations

import select
import ssl
import typing

import httpcore
import httpx

from .addresses import AddressGuard


def _mapped(exc: Exception) -> Exception:
    """httpcore's exceptions as httpx's (same names, public on both)."""
    target = getattr(httpx, type(exc).__name__, None)
    if not (isinstance(target, type) and issubclass(target, httpx.TransportError)):
        target = httpx.TransportError
    return target(str(exc))


def _readable(sock: typing.Any) -> bool:
    """httpcore's test of an idle connection: a socket gone, or with bytes (the server's close) waiting."""
    fd = sock.fileno() if sock is not None else -1
    if fd < 0:
        return True
    if not hasattr(select, "poll"):
        return bool(select.select([fd], [], [], 0)[0])
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return bool(poll.poll(0))


class _Connection(httpcore.AsyncNetworkStream):
    """A connection whose socket is looked up once. The pool asks every idle connection for it each time it
    hands out a request (is it still open?), and anyio builds the answer anew on every call: 6% of the CPU of
    a pass of 300 pages over 10 connections."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        return _Connection(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "socket":
            return self._socket
        if info == "is_readable":
            return _readable(self._socket)
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, guard: AddressGuard) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._guard = guard

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.AsyncNetworkStream:
        addresses = await self._guard.resolve(host, port)
        for n, address in enumerate(addresses):
            try:
                return _Connection(await self._inner.connect_tcp(address, port, timeout, local_address,
                                                                 socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if n + 1 == len(addresses):
                    raise
        raise httpcore.ConnectError(f"no address for {host}")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Stream(httpx.AsyncByteStream):
    def __init__(self, inner: typing.AsyncIterable[bytes]) -> None:
        self._inner = inner

    async def __aiter__(self) -> typing.AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except httpcore.ReadTimeout as exc:
            raise httpx.ReadTimeout(str(exc)) from exc
        except (httpcore.ReadError, httpcore.RemoteProtocolError, httpcore.NetworkError) as exc:
            raise _mapped(exc) from exc

    async def aclose(self) -> None:
        close = getattr(self._inner, "aclose", None)
        if close is not None:
            await close()


class GuardedTransport(httpx.AsyncBaseTransport):
    def __init__(self, guard: AddressGuard, verify: ssl.SSLContext, limits: httpx.Limits) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=verify, max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(guard))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                             target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        try:
            response = await self._pool.handle_async_request(core)
        except httpcore.TimeoutException as exc:
            raise _mapped(exc) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            raise _mapped(exc) from exc
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Stream(typing.cast(typing.AsyncIterable[bytes], response.stream)),
                              extensions=response.extensions)

    async def aclose(self) -> None:
        await self._pool.aclose()
