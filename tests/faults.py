"""Fault routes for the local site: every way a government server misbehaves, for real, over TCP."""
from __future__ import annotations

import socket
import struct
import time
from http.server import BaseHTTPRequestHandler

from policywatch.monitor.demo.site import LocalSite, Page

SOFT_404 = ("<html><head><title>页面不存在</title></head><body><h1>404</h1>"
            "<p>抱歉，您访问的页面不存在或已被删除。</p></body></html>")
WAF = ("<html><head><title>安全验证</title><script>var a=1;</script></head>"
       "<body><p>访问过于频繁，请完成安全验证后继续访问。"
       "</p><div id='captcha'></div></body></html>")


def _head(h: BaseHTTPRequestHandler, status: int, length: int | None, ctype: str = "text/html; charset=utf-8",
          extra: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    if length is not None:
        h.send_header("Content-Length", str(length))
    for k, v in (extra or {}).items():
        h.send_header(k, v)
    h.end_headers()


# A stall outlasts every timeout the tests give by a margin a loaded machine cannot eat, so that margin never
# has to be small for the other faults (a 20 MB download, a redirect loop) to finish inside the timeout.
STALL_SECONDS = 15


def stall_before_headers(h: BaseHTTPRequestHandler) -> None:
    time.sleep(STALL_SECONDS)
    _head(h, 200, 2)
    h.wfile.write(b"ok")


def stall_mid_body(h: BaseHTTPRequestHandler) -> None:
    _head(h, 200, 5000)
    h.wfile.write(b"<html><body>" + "正文".encode() * 100)
    h.wfile.flush()
    time.sleep(STALL_SECONDS)


def reset_mid_body(h: BaseHTTPRequestHandler) -> None:
    _head(h, 200, 100000)
    h.wfile.write(b"<html><body><p>" + "部分正文".encode() * 200)
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def short_body(h: BaseHTTPRequestHandler) -> None:
    _head(h, 200, 10000)
    h.wfile.write(b"<html><body><p>" + "短".encode() * 100)
    h.wfile.flush()
    h.close_connection = True


def huge_body(h: BaseHTTPRequestHandler) -> None:
    """50 MB, chunked (no Content-Length), so only the streaming cap can stop it."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<p>" + "很长的页面".encode() * 20000 + b"</p>"
    sent = 0
    try:
        while sent < 50 * 1024 * 1024:
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
        h.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    h.close_connection = True


def redirect_to(location: str):
    def handler(h: BaseHTTPRequestHandler) -> None:
        _head(h, 302, 0, extra={"Location": location})
    return handler


def flaky(fail_times: int, status: int, page: Page, retry_after: str = "1"):
    """Fails `fail_times` times with `status` (and Retry-After), then serves `page`."""
    state = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        state["n"] += 1
        if state["n"] <= fail_times:
            body = b"<html><body>Service Unavailable</body></html>"
            _head(h, status, len(body), extra={"Retry-After": retry_after})
            h.wfile.write(body)
        else:
            _head(h, page.status, len(page.body), page.content_type)
            h.wfile.write(page.body)
    return handler


def install_faults(site: LocalSite) -> dict[str, str]:
    """Register every fault; returns {fault name: path} and the expected error kind is in FAULT_KINDS."""
    binary = bytes(range(256)) * 40
    routes = {
        "/f/500": Page(b"<html><body>Internal Server Error</body></html>", status=500),
        "/f/502": Page(b"<html><body>Bad Gateway</body></html>", status=502),
        "/f/503": Page(b"<html><body>Service Unavailable</body></html>", status=503, headers={"Retry-After": "1"}),
        "/f/404": Page(b"<html><body>Not Found</body></html>", status=404),
        "/f/429": Page(b"<html><body>Too Many Requests</body></html>", status=429, headers={"Retry-After": "1"}),
        "/f/stall-headers": stall_before_headers,
        "/f/stall-body": stall_mid_body,
        "/f/reset": reset_mid_body,
        "/f/short": short_body,
        "/f/loop": redirect_to("/f/loop"),
        "/f/ftp": redirect_to("ftp://127.0.0.1/file.html"),
        "/f/js": redirect_to("javascript:alert(1)"),
        "/f/huge": huge_body,
        "/f/binary": Page(binary, "text/html; charset=utf-8"),
        "/f/empty": Page(b""),
        "/f/blank": Page(b"<html><body>  </body></html>"),
        "/f/waf": Page(WAF.encode("utf-8")),
        "/f/soft404": Page(SOFT_404.encode("utf-8")),
    }
    site.routes.update(routes)
    return {path.removeprefix("/f/"): path for path in routes}


FAULT_KINDS = {
    "500": "http", "502": "http", "503": "http", "404": "http", "429": "http",
    "stall-headers": "timeout", "stall-body": "timeout", "reset": "network", "short": "truncated",
    "loop": "redirect", "ftp": "scheme", "js": "redirect", "huge": "too_large", "binary": "binary",
    "empty": "empty", "blank": "empty", "waf": "challenge", "soft404": "soft404",
}
