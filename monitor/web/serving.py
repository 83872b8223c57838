"""uvicorn as `policywatch serve` runs it: limits a hostile client cannot outwait. uvicorn times out an
idle keep-alive connection but not one that never finishes its request's headers (measured: a half-sent
request stayed open until the client gave up), so the protocol here closes a connection whose request
line and headers are not in within HEADER_TIMEOUT; the body's pace is the Guard's (guard.BODY_TIMEOUT)."""
from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds from a connection (or the end of its last answer) to a request's headers
KEEP_ALIVE = 5  # seconds an idle connection stays open between requests
MAX_HEADERS = 16 * 1024  # bytes of request line and headers (h11's own default is 16 KiB too; said here)
MAX_CONNECTIONS = 200  # concurrent connections and tasks; past them uvicorn answers 503 at once


class HeaderTimeout(H11Protocol):
    """A connection that has not sent a whole request head within HEADER_TIMEOUT is closed."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._waiting_after: Any = None  # the cycle answered last (None: a new connection)
        self._header_timer: asyncio.TimerHandle | None = self.loop.call_later(HEADER_TIMEOUT, self._head_late)

    def handle_events(self) -> None:
        super().handle_events()
        if self._header_timer is not None and self.cycle is not None and self.cycle is not self._waiting_after:
            self._header_timer.cancel()  # a new request's head is in
            self._header_timer = None

    def on_response_complete(self) -> None:
        # Armed first: a pipelined request handled by the call below cancels it at once.
        self._waiting_after = self.cycle
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT + KEEP_ALIVE, self._head_late)
        super().on_response_complete()

    def _head_late(self) -> None:
        self._header_timer = None
        if self.cycle is None or self.cycle is self._waiting_after:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)


def server_config(app: Any, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=HeaderTimeout,
                          timeout_keep_alive=KEEP_ALIVE, h11_max_incomplete_event_size=MAX_HEADERS,
                          limit_concurrency=MAX_CONNECTIONS)
