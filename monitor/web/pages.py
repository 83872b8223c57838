"""Reading, as HTML: the watch list, a page's timeline, redlines, stored versions, analyses, the digest and feed."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..render import render
from ..render.digest_formats import KIND_LABELS
from . import data, exports
from .context import MAX_UPLOAD, Refused, web_of

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def watches(request: Request, q: str = "", tag: str = "", state: str = "", page: int = 1) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    return web.page(request, "web/watches.html", v=data.watch_list(web.config(), web.store, tag, state, q, page))


@router.get("/page", response_class=HTMLResponse, include_in_schema=False)
def page_view(request: Request, url: str, offset: int = 0) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    return web.page(request, "web/page.html", v=data.page_view(web.store, url, max(offset, 0)))


@router.get("/diff", response_class=HTMLResponse, include_in_schema=False)
def diff(request: Request, url: str, a: int | None = None, b: int | None = None,
         changes: int = 1) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    result, change = data.diff_view(web.store, url, a, b)
    return HTMLResponse(render("diff", "html", result, old_label=f"version {change['a']}",
                               new_label=f"version {change['b']}", changes_only=bool(changes),
                               layout="web/layout.html", change=change, **web.context(request)))


@router.get("/version", include_in_schema=False)
def version(request: Request, url: str, seq: int, raw: int = 0) -> Response:
    web = web_of(request)
    web.may_read(request)
    stored = web.store.version(url, seq)
    if raw:  # the bytes as the server sent them, shown as text, never run as a page
        return Response(web.store.raw(stored), media_type="text/plain; charset=" + (stored.encoding or "utf-8"),
                        headers={"Content-Disposition": "inline"})
    return web.page(request, "web/version.html", doc=stored.document, url=url, seq=seq)


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    return web.page(request, "web/documents.html", v=data.documents(web.store, q, page), action="/documents",
                    picking=False)


@router.get("/analyse", response_class=HTMLResponse, include_in_schema=False)
def analyse(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    return web.page(request, "web/documents.html", v=data.documents(web.store, q, page), action="/analyse",
                    picking=True, max_upload_mb=MAX_UPLOAD // 2**20)


@router.get("/analyse/run", response_class=HTMLResponse, include_in_schema=False)
def analyse_run(request: Request, what: str = "compare") -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    docs = request.query_params.getlist("doc")
    exported = "?" + urlencode([("what", what), *(("doc", d) for d in docs)])
    if what == "trend":
        return HTMLResponse(render("trend", "html", data.trend_stored(web.store, docs), layout="web/layout.html",
                                   exports=exported, **web.context(request)))
    if len(docs) != 2:
        raise Refused(400, f"tick two documents to compare, not {len(docs)}")
    return HTMLResponse(render("compare", "html", data.compare_stored(web.store, docs[0], docs[1]),
                               layout="web/layout.html", exports=exported, **web.context(request)))


def _download(tables: list[exports.Table], name: str, kind: str) -> Response:
    if kind not in exports.MEDIA_TYPES:
        raise Refused(400, f"format {kind!r}: choose csv or xlsx")
    body, media_type, filename = exports.export(tables, name, kind)
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/export/watches.{kind}", include_in_schema=False)
def export_watches(request: Request, kind: str, q: str = "", tag: str = "", state: str = "") -> Response:
    """Every watch the list's filters leave, as CSV or XLSX."""
    web = web_of(request)
    web.may_read(request)
    return _download(exports.watch_tables(data.watch_export(web.config(), web.store, tag, state, q)), "watches", kind)


@router.get("/analyse/export.{kind}", include_in_schema=False)
def export_analysis(request: Request, kind: str, what: str = "compare") -> Response:
    """The compare (two documents) or the trend (three or more) of /analyse/run, as CSV or XLSX."""
    web = web_of(request)
    web.may_read(request)
    docs = request.query_params.getlist("doc")
    if what == "trend":
        return _download(exports.trend_tables(data.trend_stored(web.store, docs)), "trend", kind)
    if len(docs) != 2:
        raise Refused(400, f"tick two documents to compare, not {len(docs)}")
    return _download(exports.compare_tables(data.compare_stored(web.store, docs[0], docs[1])), "compare", kind)


@router.get("/digest", response_class=HTMLResponse, include_in_schema=False)
def digest(request: Request) -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    return web.page(request, "web/digest.html", d=data.recent_digest(web.store), days=30, labels=KIND_LABELS)


@router.get("/feed.atom", include_in_schema=False)
def feed(request: Request, token: str = "") -> Response:
    web = web_of(request)
    if not web.auth.check_feed(token):
        web.may_read(request)
    return Response(render("digest", "atom", data.recent_digest(web.store)), media_type="application/atom+xml")
