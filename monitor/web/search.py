"""The search page: where a phrase came and went in the stored versions (snapshots/search.py)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...errors import InputError
from ...snapshots.search import Found, search
from ..clock import shown, typed
from .context import web_of

router = APIRouter()


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str = "", since: str = "", url: str = "") -> HTMLResponse:
    web = web_of(request)
    web.may_read(request)
    found: Found | None = None
    error = ""
    if q.strip():
        try:
            found = search(web.store, q, typed(since, "since") if since else None, url or None)
        except InputError as exc:  # a phrase too short for the store: said on the page, the form kept
            error = str(exc)
    page = web.page(request, "web/search.html", q=q, since=since, url=url, found=found, error=error, shown=shown)
    if error:
        page.status_code = 400
    return page
