"""The JSON API under /api/ (its schema at /api/openapi.json): reads as the pages, writes with a Bearer token."""
from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request

from ..watching import config as config_mod
from . import data
from .context import Refused, web_of

router = APIRouter()


@router.get("/api/watches", tags=["watches"])
def api_watches(request: Request, q: str = "", tag: str = "", state: str = "", page: int = 1) -> dict[str, Any]:
    """Watches with their state, last check and change, next run: one page of 50."""
    web = web_of(request)
    web.may_read(request)
    return {"ok": True, **data.watch_list(web.config(), web.store, tag, state, q, page)}


@router.post("/api/watches", tags=["watches"], status_code=201)
async def api_add(request: Request) -> dict[str, Any]:
    """Add a watch: a JSON object with name, url and optionally kind, schedule, tags, ignore, notify."""
    web = web_of(request)
    web.api_writer(request)
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):
        raise Refused(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise Refused(400, "send a JSON object")
    watch = config_mod.typed_watch(body, "api")  # every key known and of its type ({"name": 5} is refused)
    config_mod.validate_watch(watch, "api")
    config_mod.add_watch(web.config_path, watch)
    return {"ok": True, "added": watch.name}


@router.delete("/api/watches/{name}", tags=["watches"])
def api_remove(request: Request, name: str) -> dict[str, Any]:
    web = web_of(request)
    web.api_writer(request)
    config_mod.remove_watch(web.config_path, name)
    return {"ok": True, "removed": name}


@router.post("/api/watches/{name}/check", tags=["watches"], status_code=202)
def api_check(request: Request, name: str) -> dict[str, Any]:
    web = web_of(request)
    web.api_writer(request)
    return {"ok": True, "message": web.check_now(name)}


@router.get("/api/page", tags=["pages"])
def api_page(request: Request, url: str, offset: int = 0) -> dict[str, Any]:
    """A stored page's versions (newest first), the documents it revealed and its recent checks."""
    web = web_of(request)
    web.may_read(request)
    return {"ok": True, **data.page_view(web.store, url, max(offset, 0))}


@router.get("/api/diff", tags=["pages"])
def api_diff(request: Request, url: str, a: int | None = None, b: int | None = None) -> dict[str, Any]:
    """Two versions of a page compared: the change's summary and every edit."""
    web = web_of(request)
    web.may_read(request)
    result, change = data.diff_view(web.store, url, a, b)
    return {"ok": True, **change, "diff": result.to_dict()}


@router.get("/api/compare", tags=["analysis"])
def api_compare(request: Request, old: str, new: str) -> dict[str, Any]:
    """Cross-year compare of two stored documents, each URL@N or URL@latest."""
    web = web_of(request)
    web.may_read(request)
    return {"ok": True, **data.compare_stored(web.store, old, new).to_dict()}


@router.get("/api/trend", tags=["analysis"])
def api_trend(request: Request) -> dict[str, Any]:
    """Figures across editions: repeat ?doc=URL@N for each."""
    web = web_of(request)
    web.may_read(request)
    return {"ok": True, **data.trend_stored(web.store, request.query_params.getlist("doc")).to_dict()}
