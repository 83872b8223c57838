"""An httpx transport whose pooled connections answer "is the server gone?" cheaply.

httpcore asks every idle pooled connection whether its socket is readable each time any request
starts or ends, so a check of N pages asks O(N x connections) times. Through anyio each answer
costs a getpeername() and a fresh attribute dict, and those syscalls hand the GIL to the store's
worker threads: at 300 unchanged pages that was a third of the check's wall time. Here the stream
keeps its file descriptor and polls it directly (the same test httpcore makes, minus the detour)."""
from __future__ import annotations

import select
import ssl
import typing

import httpcore
import httpx


def _readable(fd: int) -> bool:
    """True when a read would not block: data waiting, or the peer hung up (a stale keep-alive)."""
    if fd < 0:
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class _Stream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        sock = inner.get_extra_info("socket")
        self._fd = sock.fileno() if sock is not None else -1

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "is_readable":
            return _readable(self._fd)
        return self._inner.get_extra_info(info)


class _Backend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def transport(verify: ssl.SSLContext, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """httpx's own transport (its error mapping and response handling), over a pool built on _Backend.
    Should a later httpx keep its pool elsewhere, its own pool stays: correct, only slower."""
    result = httpx.AsyncHTTPTransport(verify=verify, limits=limits)
    if not isinstance(getattr(result, "_pool", None), httpcore.AsyncConnectionPool):
        return result
    result._pool = httpcore.AsyncConnectionPool(
        ssl_context=verify, max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
        network_backend=_Backend())
    return result
