"""The web app under a hostile client, in a real uvicorn server on 127.0.0.1 configured as `serve` runs
it (monitor/web/serving.py): bad input is a one-line 4xx with the security headers, never a 500; a
foreign Host is refused; a body over its cap is refused by its Content-Length before it is sent; a
half-sent request is closed; logout and a password change end sessions; wrong passwords back off."""
from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from support import free_port, running, write_config

PASSWORD, TOKEN = "correct horse battery", "api-token-123"


class Served:
    def __init__(self, base: str, port: int, cfg) -> None:  # type: ignore[no-untyped-def]
        self.base, self.port, self.cfg = base, port, cfg


@pytest.fixture
def served(tmp_path, monkeypatch) -> Iterator[Served]:

    from policywatch.monitor.web import serving
    from policywatch.monitor.web.app import create_app

    monkeypatch.setattr(serving, "HEADER_TIMEOUT", 1.0)
    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [], web_password=PASSWORD, web_token=TOKEN, robots=False, web_hosts=["policy.example"])
    port = free_port()
    with running(serving.server_config(create_app(cfg, db), "127.0.0.1", port)):
        yield Served(f"http://127.0.0.1:{port}", port, cfg)


def _one_line_refusal(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    assert "Traceback" not in response.text


def test_bad_input_is_a_one_line_4xx_with_the_security_headers(served):
    huge = "1" + "0" * 30
    for path in (f"/?page={huge}", f"/documents?page={huge}", f"/analyse?page={huge}", f"/api/watches?page={huge}",
                 f"/page?url=x&offset={huge}", f"/api/page?url=x&offset={huge}"):
        response = httpx.get(served.base + path)
        assert response.status_code < 500, (path, response.status_code, response.text[:200])
        assert "default-src 'none'" in response.headers["content-security-policy"]
    api = served.base + "/api/watches"
    _one_line_refusal(httpx.post(api, json={"name": "x", "url": "http://example.com/"},
                                 headers={"Authorization": "Bearer é".encode()}))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in ({"name": 5, "url": "http://example.com/"}, {"name": "x", "url": ["a"]}, {"name": "x"},
                 {"name": "x", "url": "http://example.com/", "tags": "a"}, {"nope": 1}, [1, 2]):
        refused = httpx.post(api, json=body, headers=auth)
        _one_line_refusal(refused)
        assert refused.json()["ok"] is False and "\n" not in refused.json()["error"]
    for raw in (b"{", b"\xff\xfe", b"[" * 100_000):
        refused = httpx.post(api, content=raw, headers={**auth, "Content-Type": "application/json"})
        _one_line_refusal(refused)
    assert "x" not in [r["name"] for r in httpx.get(api).json()["rows"]]


def test_a_foreign_host_is_refused_and_web_hosts_adds_one(served):
    evil = httpx.get(served.base + "/", headers={"Host": "evil.example"})
    assert evil.status_code == 421 and "default-src 'none'" in evil.headers["content-security-policy"]
    assert httpx.get(served.base + "/api/watches", headers={"Host": "evil.example:80"}).status_code == 421
    for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}", "policy.example"):
        assert httpx.get(served.base + "/", headers={"Host": host}).status_code == 200, host


def _raw(port: int, head: bytes, wait: float = 15) -> bytes:
    """The server's answer to bytes sent as they are: read until its declared length has come (the server
    may keep the connection open for a body that never comes), the connection closes, or `wait` passes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(head)
        out = b""
        try:
            while not _complete(out) and (chunk := conn.recv(65536)):
                out += chunk
        except TimeoutError:
            pass
        return out


def _complete(answer: bytes) -> bool:
    head, ended, body = answer.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return bool(ended) and length is not None and len(body) >= int(length.group(1))


def test_a_body_over_its_cap_is_refused_by_its_length_before_it_is_sent(served):
    head = (b"POST /analyse/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 300000000\r\n\r\n")
    answer = _raw(served.port, head)  # not one byte of the body sent: the answer comes anyway
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"content-security-policy" in answer.lower()
    chunked = (b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
    body = b"".join(b"%x\r\n%s\r\n" % (65536, b"a" * 65536) for _ in range(8)) + b"0\r\n\r\n"
    assert _raw(served.port, chunked + body).startswith(b"HTTP/1.1 413")


def test_a_half_sent_request_is_closed(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert conn.recv(100) == b""  # closed by the server (HEADER_TIMEOUT), not by the test's timeout
    assert httpx.get(served.base + "/").status_code == 200  # and the server answers others


def _login(client: httpx.Client, password: str = PASSWORD) -> str:
    answer = client.post("/login", data={"password": password})
    assert answer.status_code == 303 and answer.headers["location"] == "/", answer.headers.get("location")
    return client.get("/watches/new").text.split('name="csrf" value="')[1].split('"')[0]


def _add(client: httpx.Client, cookie: str, token: str, name: str) -> int:
    return client.post("/watches/new", data={"name": name, "url": "http://example.com/a.html", "csrf": token},
                       headers={"Cookie": f"pw_session={cookie}"}).status_code


def test_logout_and_a_password_change_end_sessions(served):
    with httpx.Client(base_url=served.base) as client:
        token = _login(client)
        cookie = client.cookies["pw_session"]
        assert client.post("/logout", data={"csrf": token}).status_code == 303
    with httpx.Client(base_url=served.base) as thief:  # the old cookie, kept by someone
        assert _add(thief, cookie, token, "after-logout") == 401
    with httpx.Client(base_url=served.base) as client:
        token = _login(client)
        cookie = client.cookies["pw_session"]
    text = served.cfg.read_text(encoding="utf-8").replace(PASSWORD, "a new password")
    time.sleep(0.01)
    served.cfg.write_text(text, encoding="utf-8")
    with httpx.Client(base_url=served.base) as thief:
        assert _add(thief, cookie, token, "after-change") == 401
    with httpx.Client(base_url=served.base) as client:
        assert client.post("/login", data={"password": PASSWORD}).headers["location"].startswith("/login?err=")
    with httpx.Client(base_url=served.base) as client:
        time.sleep(1.1)  # the one wrong try above costs this client a second
        new_token = _login(client, "a new password")
        assert _add(client, client.cookies["pw_session"], new_token, "with-new") == 303
    assert 'name = "with-new"' in served.cfg.read_text(encoding="utf-8")
    assert "after-logout" not in served.cfg.read_text(encoding="utf-8")


def test_wrong_passwords_back_off_and_the_right_one_then_waits_too(served):
    with httpx.Client(base_url=served.base) as client:
        for _ in range(5):
            client.post("/login", data={"password": "guess"})
        right = client.post("/login", data={"password": PASSWORD})
        assert right.status_code == 429 and "pw_session" not in client.cookies
        assert "default-src 'none'" in right.headers["content-security-policy"]


def test_the_edit_form_masks_a_targets_password_and_keeps_it(served):
    import html

    import tomlkit

    secret = "json://alice:S3cretPass@127.0.0.1:8080/hook"
    document = tomlkit.parse(served.cfg.read_text(encoding="utf-8"))
    document["watch"] = [{"name": "w", "url": "http://example.com/a.html", "notify": [secret]}]
    served.cfg.write_text(tomlkit.dumps(document), encoding="utf-8")
    with httpx.Client(base_url=served.base) as client:
        token = _login(client)
        form = client.get("/watches/edit", params={"name": "w"}).text
        assert "S3cretPass" not in form and "alice" in form
        shown = html.unescape(form.split('name="notify" rows="2">')[1].split("</textarea>")[0])
        saved = client.post("/watches/edit", data={"original": "w", "name": "w", "url": "http://example.com/a.html",
                                                    "notify": shown, "csrf": token})
        assert saved.status_code == 303, saved.text[:300]
    assert secret in served.cfg.read_text(encoding="utf-8")


def test_a_password_being_checked_never_holds_up_other_requests(served, monkeypatch):
    """The check is held (as a slow scrypt would be) until the feed has been answered: on the event loop,
    the feed could not be answered at all."""
    from policywatch.monitor.web.auth import Auth

    checking, release = threading.Event(), threading.Event()
    real = Auth.check_password

    def held(self, password):  # type: ignore[no-untyped-def]
        checking.set()
        release.wait(300)
        return real(self, password)
    monkeypatch.setattr(Auth, "check_password", held)
    outcome: dict[str, int] = {}

    def log_in() -> None:
        outcome["login"] = httpx.post(served.base + "/login", data={"password": PASSWORD}, timeout=60).status_code
    thread = threading.Thread(target=log_in)
    thread.start()
    try:
        assert checking.wait(120)
        assert httpx.get(served.base + "/feed.atom", timeout=120).status_code == 200
    finally:
        release.set()
        thread.join(60)
    assert outcome["login"] == 303
