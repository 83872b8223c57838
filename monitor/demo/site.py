"""A real HTTP server on 127.0.0.1 serving bureau-style pages: the offline demo's site and the
tests' site (which adds fault routes). Pages are rendered like the bureau's CMS (NFCMS) so the
cleaner meets real navigation, breadcrumbs, info lines, share bars and footers."""
from __future__ import annotations

import html
import ssl
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ...snapshots.document import Document
from ...text.pictures import picture

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-response is normal here (fault tests, size caps): no tracebacks.
    socketserver's listen backlog of 5 drops the SYNs of a burst of new connections, and each drop
    costs the client a one-second retransmit: a real server's backlog is in the hundreds."""

    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, TimeoutError)):
            super().handle_error(request, client_address)


class LocalSite:
    """Routes are exact paths; a route is a Page or a handler that writes the response itself."""

    def __init__(self, latency: float = 0.0, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        """`tls`: a server context; the site then speaks HTTPS (the tests' certificate checks). `host`: the
        address to listen on (the tests' private-address rule puts a "public" site on another one)."""
        self.routes: dict[str, Page | Handler] = {}
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}  # bodies sent (a 304 sends none), by path
        self.latency = latency
        self.in_flight = self.peak = 0  # requests being answered now, and the most ever at once
        self._counting = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with site._counting:
                    site.hits[path] = site.hits.get(path, 0) + 1
                    site.in_flight += 1
                    site.peak = max(site.peak, site.in_flight)
                try:
                    if site.latency:
                        threading.Event().wait(site.latency)
                    route = site.routes.get(path)
                    if route is None:
                        self._send(Page(b"<html><body><h1>404 Not Found</h1></body></html>", status=404))
                    elif isinstance(route, Page):
                        self._send(route)
                    else:
                        route(self)
                finally:
                    with site._counting:
                        site.in_flight -= 1

            do_POST = do_GET

            def _send(self, page: Page) -> None:
                if page.etag and self.headers.get("If-None-Match") == page.etag:
                    self.send_response(304)
                    self.send_header("ETag", page.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                with site._counting:
                    path = self.path.split("?")[0]
                    site.sent[path] = site.sent.get(path, 0) + 1
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.etag:
                    self.send_header("ETag", page.etag)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _QuietServer((host, 0), _Handler)
        self.host = host
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.server.daemon_threads = True
        # serve_forever polls for shutdown every 0.5 s by default: each stop (a test's teardown) waited for it
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.host}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> LocalSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_NAV = "".join(f'<li><a href="/{p}/">{n}</a></li>' for p, n in (
    ("", "首页"), ("xxgk", "政务公开"), ("hdjl", "互动交流"), ("bsfw", "办事服务"), ("ztzl", "专题专栏")))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _table(rows: list[list[str]]) -> str:
    """A body table as the CMS writes one: a heading row of th, then rows of td."""
    head = "".join(f"<th>{_esc(c)}</th>" for c in rows[0]) if rows else ""
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
    return f"<table><tr>{head}</tr>{body}</table>"


def _paragraph(block: str) -> str:
    """A paragraph, or an image line (text.pictures) as the CMS publishes a chart: the cleaner reads it back."""
    image = picture(block)
    if image is None:
        return f"<p>{_esc(block)}</p>"
    return f'<p><img class="nfw-cms-img" src="{_esc(image.src)}" alt="{_esc(image.alt)}" width="600" height="400"></p>'


def chart_png(values: list[int]) -> bytes:
    """A bar chart of the values, as a small grayscale PNG drawn here (the demo stays offline): other
    values are other bytes, a chart redrawn under the same address."""
    height, top = 64, max([*values, 1])
    rows = b"".join(b"\0" + b"".join((b"\0" if (height - y) * top <= v * height else b"\xff") * 12 + b"\xff" * 4
                                      for v in values) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 16 * len(values), height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def bureau_html(doc: Document, section: list[str] | None = None, charset: str = "utf-8") -> str:
    """An article page in the bureau CMS's markup, around the document's title and body."""
    crumbs = " &gt; ".join(f'<a href="#">{_esc(s)}</a>' for s in ["首页", *(section or doc.section)])
    body = "\n".join(_paragraph(b) if isinstance(b, str) else _table(b) for b in doc.body)
    attachments = "".join(f'<li><a href="{_esc(a.url)}">{_esc(a.title)}</a></li>' for a in doc.attachments)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{_esc(doc.title)}-深圳市科技创新局</title>
<meta name="ArticleTitle" content="{_esc(doc.title)}"><meta name="pubDate" content="{_esc(doc.published)}">
<meta name="ContentSource" content="{_esc(doc.source or '深圳市科技创新局')}">
<meta name="ColumnName" content="{_esc((section or doc.section or ['通知公告'])[-1])}">
<script>var NFCMS_POST_ID = "1"; var NFCMS_CAT_ID = "2";</script></head>
<body><div class="header"><div class="logo">深圳市科技创新局</div><div class="search"><input></div>
<ul class="nav">{_NAV}</ul></div>
<div class="zx_rm_tit">您现在的位置：{crumbs}</div>
<div class="main"><div class="tit"><h1>{_esc(doc.title)}</h1>
<h6>信息来源：{_esc(doc.source or '深圳市科技创新局')} 信息提供日期：{_esc(doc.published)} 【字体：大 中 小】</h6></div>
<div class="news_cont_d_wrap">{body}</div>
<div class="fjdown"><ul>{attachments}</ul></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="print"><a href="#">【打印】</a><a href="#">【关闭】</a></div></div>
<div class="footer"><p>主办：深圳市科技创新局 <a href="#">网站地图</a> <a href="#">联系我们</a></p>
<p>粤ICP备05011089号 粤公网安备 44030402003568号 网站标识码：4403000031</p></div></body></html>"""


def listing_html(title: str, items: list[tuple[str, str, str]]) -> str:
    """A 栏目 page: (title, href, date) rows, newest first, in the CMS's list markup."""
    rows = "\n".join(f'<li><a href="{_esc(h)}" title="{_esc(t)}">{_esc(t)}</a><span>{_esc(d)}</span></li>'
                     for t, h, d in items)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_esc(title)}-深圳市科技创新局</title></head>
<body><div class="header"><ul class="nav">{_NAV}</ul></div>
<div class="zx_rm_tit">您现在的位置：<a href="/">首页</a> &gt; {_esc(title)}</div>
<div class="main"><h2>{_esc(title)}</h2><div class="list"><ul>{rows}</ul></div>
<div class="pagination"><a href="#">首页</a><a href="#">下一页</a></div></div>
<div class="footer">粤ICP备05011089号</div></body></html>"""
