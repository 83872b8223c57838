"""What every answer carries and every request must pass: security headers (error pages too), an allowed
Host (a DNS-rebinding page cannot drive the app), a body within its cap by Content-Length before a byte
is read and within a time limit while it is read, same-origin writes; an exception is a one-line answer
with those headers, never a bare 500 page."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...errors import one_line

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
UPLOAD_PATHS = ("/analyse/upload",)
UPLOAD_BODY = 11 * 1024 * 1024  # two files of MAX_UPLOAD and the form around them
FORM_BODY = 256 * 1024  # any other request body
BODY_TIMEOUT = 30.0  # seconds for the next piece of a request's body
log = logging.getLogger("policywatch.web")


class TooLarge(Exception):
    pass


def answer(scope: Scope, status: int, message: str) -> Response:
    """A one-line refusal: JSON under /api/, HTML elsewhere."""
    if scope.get("path", "").startswith("/api/"):
        return JSONResponse({"ok": False, "error": message}, status_code=status)
    return HTMLResponse(f"<!DOCTYPE html><title>policywatch</title><p>{_escape(message)}</p>", status_code=status)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Guard:
    """Security headers on every answer; the Host one of `hosts()` (loopback names and web_hosts); a body
    over its cap refused by its Content-Length (and cut off when it has none); unsafe methods only from
    this origin (Sec-Fetch-Site, else Origin against Host): a cross-site form post is refused before any
    route sees it."""

    def __init__(self, app: ASGIApp, hosts: Callable[[], list[str]] = list) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        sending, started = self._with_headers(send)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await answer(scope, *refusal)(scope, receive, sending)
            return
        limit = UPLOAD_BODY if scope["path"] in UPLOAD_PATHS else FORM_BODY
        try:
            await self.app(scope, _capped(receive, limit), sending)
        except TooLarge:
            if not started():
                await answer(scope, 413, f"the request body is over {limit // 1024} KiB")(scope, receive, sending)
        except TimeoutError:
            if not started():
                await answer(scope, 408, "the request body came too slowly")(scope, receive, sending)
        except Exception as exc:
            log.exception("web: %s %s", scope["method"], scope["path"])
            if not started():
                status = 400 if isinstance(exc, (ValueError, UnicodeError, OverflowError, json.JSONDecodeError,
                                                 TypeError)) else 500
                message = f"bad request: {one_line(exc, 200)}" if status == 400 else "internal error (logged)"
                await answer(scope, status, message)(scope, receive, sending)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        try:
            extra = self.hosts()
        except Exception:  # noqa: BLE001 (a broken config file is the route's one-line error; loopback still works)
            extra = []
        if not allowed_host(headers.get("host", ""), extra):
            return 421, "this server does not answer to that Host (add it to web_hosts)"
        length = headers.get("content-length", "")
        limit = UPLOAD_BODY if scope["path"] in UPLOAD_PATHS else FORM_BODY
        if length and (not length.isdigit() or len(length) > 15 or int(length) > limit):
            return 413, f"the request body is over {limit // 1024} KiB"
        if scope["method"] not in _SAFE_METHODS and not _same_origin(headers):
            return 403, "cross-origin request refused"
        return None

    @staticmethod
    def _with_headers(send: Send) -> tuple[Send, Callable[[], bool]]:
        began = [False]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                began[0] = True
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)
        return sending, lambda: began[0]


def _capped(receive: Receive, limit: int) -> Receive:
    """The body as it comes, each piece within BODY_TIMEOUT, all of it within `limit` (a chunked body has no
    Content-Length to refuse by)."""
    seen, done = [0], [False]

    async def receiving() -> Message:
        if done[0]:  # the body is in: what follows is waiting for a disconnect, which takes its time
            return await receive()
        message = await asyncio.wait_for(receive(), BODY_TIMEOUT)
        if message["type"] == "http.request":
            seen[0] += len(message.get("body", b""))
            done[0] = not message.get("more_body", False)
            if seen[0] > limit:
                raise TooLarge
        return message
    return receiving


def allowed_host(host: str, extra: list[str]) -> bool:
    """The Host header's name (without the port) is a loopback name or one of web_hosts."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1]
    else:
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    return name in LOOPBACK_HOSTS or name in {h.lower() for h in extra}


def _same_origin(headers: dict[str, str]) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # a client that sends neither (curl, the API) is not a browser form
    parts = urlsplit(origin)
    return parts.netloc == headers.get("host", "")
