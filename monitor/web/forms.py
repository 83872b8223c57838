"""Writing through forms (login, watches, uploads): each needs a session and its CSRF token."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ...errors import ConfigError, one_line
from ..outbox.secrets import masked
from ..render import render
from ..watching import config as config_mod
from ..watching.schedule import DEFAULT_SCHEDULE
from ..watching.watchlist import FILE_ONLY, Watch
from .auth import COOKIE, LIFETIME
from .context import MAX_UPLOAD, Refused, back, local, web_of

router = APIRouter()


FIELDS = ("name", "url", "kind", "schedule", "ignore", "notify")  # what validate_watch checks, in its order


def _watch_from(form: FormData, kept: list[str] | None = None) -> Watch:
    """The watch as typed (not yet validated: a refused form is shown again as it was); a notification URL
    shown masked and sent back unchanged is the one kept."""
    unmasked = {masked(t): t for t in kept or []}

    def text(key: str) -> str:
        value = form.get(key)
        return value.strip() if isinstance(value, str) else ""

    def lines(key: str, sep: str = "\n") -> list[str]:
        return [part.strip() for part in text(key).split(sep) if part.strip()]
    return Watch(text("name"), text("url"), text("kind") or "page", text("schedule") or DEFAULT_SCHEDULE,
                 tags=lines("tags", ","), ignore=lines("ignore"), notify=[unmasked.get(t, t) for t in lines("notify")],
                 paused=bool(text("paused")))


def _fault(watch: Watch, error: ConfigError) -> str:
    """The form field a refused watch is refused for: the first that fails on its own beside valid
    values; the name when none does (another watch has it)."""
    probe = Watch("probe", "http://probe.test/")
    for name in FIELDS:
        try:
            config_mod.validate_watch(replace(probe, **{name: getattr(watch, name)}), "form")
        except ConfigError:
            return name
    return "name" if watch.name and watch.name in str(error) else ""


def _form_again(request: Request, watch: Watch, error: ConfigError, original: str = "") -> HTMLResponse:
    """The form as it was sent (credentials masked), the reason above it and the field at fault marked (400)."""
    from ..watching.kinds import KINDS

    shown = replace(watch, notify=[masked(t) for t in watch.notify])
    page = web_of(request).page(request, "web/watch_form.html", w=shown, editing=bool(original), original=original,
                                kinds={k: v.help for k, v in KINDS.items()}, error=one_line(error, 300),
                                fault=_fault(watch, error))
    page.status_code = 400
    return page


async def upload_document(value: Any, label: str) -> Any:
    from ...snapshots.inputs import document_from_file

    if not isinstance(value, UploadFile):
        raise Refused(400, f"{label}: no file chosen")
    content = await value.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise Refused(413, f"{label}: larger than {MAX_UPLOAD // 2**20} MB")
    name = (value.filename or label).replace("/", "_")[:100]
    return await run_in_threadpool(document_from_file, name, content)  # a reader's work never stalls the loop


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    web = web_of(request)
    if not web.auth.can_log_in:
        raise Refused(403, "no web_password is set: this server is read-only")
    return web.page(request, "web/login.html", next=local(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    web = web_of(request)
    web.config()  # the password as the file has it now
    form = await request.form(max_files=0, max_fields=5)
    password, target = form.get("password"), local(str(form.get("next") or "/"))
    client = request.client.host if request.client else "?"
    wait = web.auth.throttle.wait(client)
    if wait > 0:
        raise Refused(429, f"too many wrong passwords: try again in {math.ceil(wait)} s")
    # scrypt takes tens of milliseconds of CPU: in a thread, so every other request goes on meanwhile
    if not isinstance(password, str) or not await run_in_threadpool(web.auth.check_password, password):
        web.auth.throttle.failed(client)
        return back("wrong password", error=True, to="/login")
    web.auth.throttle.succeeded(client)
    cookie, _ = web.auth.new_session()
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, cookie, max_age=LIFETIME, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    web = web_of(request)
    await web.form_writer(request)
    session = web.session(request)
    if session is not None:
        web.auth.end_session(session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response



@router.get("/watches/new", response_class=HTMLResponse, include_in_schema=False)
def new_form(request: Request) -> HTMLResponse:
    web = web_of(request)
    if web.session(request) is None:
        raise Refused(401, "log in to add a watch")
    from ..watching.kinds import KINDS

    return web.page(request, "web/watch_form.html", w=Watch("", ""), editing=False,
                    kinds={k: v.help for k, v in KINDS.items()})


@router.post("/watches/new", include_in_schema=False)
async def add(request: Request) -> Response:
    web = web_of(request)
    watch = _watch_from(await web.form_writer(request))
    try:
        config_mod.validate_watch(watch, "form")
        config_mod.add_watch(web.config_path, watch)
    except ConfigError as error:
        return _form_again(request, watch, error)
    return back(f"added {watch.name}")


@router.get("/watches/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_form(request: Request, name: str) -> HTMLResponse:
    web = web_of(request)
    if web.session(request) is None:
        raise Refused(401, "log in to edit a watch")
    from ..watching.kinds import KINDS

    watch = web.config().watch(name)
    shown = replace(watch, notify=[masked(t) for t in watch.notify])  # credentials never on a page
    return web.page(request, "web/watch_form.html", w=shown, editing=True,
                    kinds={k: v.help for k, v in KINDS.items()})


@router.post("/watches/edit", include_in_schema=False)
async def edit(request: Request) -> Response:
    web = web_of(request)
    form = await web.form_writer(request)
    original = str(form.get("original") or "")
    old = web.config().watch(original)
    watch = replace(_watch_from(form, old.notify), **{key: getattr(old, key) for key in FILE_ONLY})
    try:
        config_mod.validate_watch(watch, "form")
        config_mod.replace_watch(web.config_path, original, watch)
    except ConfigError as error:
        return _form_again(request, watch, error, original)
    return back(f"saved {watch.name}")


@router.post("/watches/pause", include_in_schema=False)
async def pause(request: Request) -> Response:
    web = web_of(request)
    form = await web.form_writer(request)
    watch = web.config().watch(str(form.get("name") or ""))
    watch.paused = not watch.paused
    config_mod.replace_watch(web.config_path, watch.name, watch)
    return back(f"{'paused' if watch.paused else 'resumed'} {watch.name}")


@router.post("/watches/remove", include_in_schema=False)
async def remove(request: Request) -> Response:
    web = web_of(request)
    name = str((await web.form_writer(request)).get("name") or "")
    config_mod.remove_watch(web.config_path, name)
    return back(f"removed {name} (its stored versions stay)")


@router.post("/watches/check", include_in_schema=False)
async def check_now(request: Request) -> Response:
    web = web_of(request)
    name = str((await web.form_writer(request)).get("name") or "")
    return back(web.check_now(name))


@router.post("/analyse/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload(request: Request) -> HTMLResponse:
    web = web_of(request)
    from ...diffing.compare import compare

    form = await web.form_writer(request)
    old, new = await upload_document(form.get("old"), "last year's report"), await upload_document(form.get("new"),
                                                                                    "this year's report")
    result = await run_in_threadpool(compare, old, new)
    return HTMLResponse(render("compare", "html", result, layout="web/layout.html", **web.context(request)))
