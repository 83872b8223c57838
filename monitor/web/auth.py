"""Who may write. Forms need a login (a password, compared as a scrypt hash in constant time) and carry
a CSRF token tied to the session; the JSON API's writes need `Authorization: Bearer <token>` and no
cookie. Sessions are signed (itsdangerous, namespaced) and last LIFETIME; the signing secret is
POLICYWATCH_WEB_SECRET or a fresh random one per server start (sessions end with the server). A session
also carries the version of the password it was opened with (a digest of its hash), so a changed
password ends every session, and logout ends its own on the server (its nonce revoked), not only in the
browser. Wrong passwords slow their sender (and, past a rate, everyone) down: Throttle."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ...errors import ConfigError

LIFETIME = 12 * 3600  # seconds a login lasts
COOKIE = "pw_session"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$<salt>$<hash>` (hex), the form `web_password` may hold instead of the password itself."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _stored(secret: str) -> str:
    return secret if secret.startswith("scrypt$") else hash_password(secret) if secret else ""


@dataclass
class Session:
    nonce: str
    csrf: str


class Auth:
    """The server's credentials and session signer."""

    def __init__(self, password: str = "", token: str = "", read_open: bool = True, feed_token: str = "",
                 secret: str = "") -> None:
        self.secret = secret or os.environ.get("POLICYWATCH_WEB_SECRET") or secrets.token_hex(32)
        self.signer = URLSafeTimedSerializer(self.secret, salt="policywatch.session")
        self.revoked: dict[str, float] = {}  # nonce -> when it would have expired anyway
        self.throttle = Throttle()
        self._given: tuple[str, str, bool, str] | None = None
        self._password: str | None = None
        self.password_hash = ""
        self.update(password, token, read_open, feed_token)

    def update(self, password: str, token: str, read_open: bool, feed_token: str) -> None:
        """The credentials as the config file has them now (the server re-reads it when it changes)."""
        if self._given == (password, token, read_open, feed_token):
            return
        self._given = (password, token, read_open, feed_token)
        password = os.environ.get("POLICYWATCH_WEB_PASSWORD", password)
        if password != self._password:  # a plain password is hashed once: its version stays while it does
            if password.startswith("scrypt$") and len(password.split("$")) != 3:
                raise ConfigError("web_password: a scrypt$ hash should be scrypt$<salt>$<hash>")
            self.password_hash, self._password = _stored(password), password
        self.token = os.environ.get("POLICYWATCH_WEB_TOKEN", token)
        self.read_open = read_open
        self.feed_token = feed_token

    @property
    def version(self) -> str:
        """Which password a session was opened with: a new password, a new version, every session ended."""
        return hmac.new(self.secret.encode(), f"pw:{self.password_hash}".encode(), hashlib.sha256).hexdigest()[:16]

    @property
    def can_log_in(self) -> bool:
        return bool(self.password_hash)

    def check_password(self, password: str) -> bool:
        if not self.password_hash:
            return False
        _, salt, _ = self.password_hash.split("$")
        return hmac.compare_digest(hash_password(password, bytes.fromhex(salt)), self.password_hash)

    def check_token(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        return bool(self.token) and scheme.lower() == "bearer" and _same(value.strip(), self.token)

    def check_feed(self, token: str) -> bool:
        return bool(self.feed_token) and _same(token, self.feed_token)

    def new_session(self) -> tuple[str, Session]:
        """(cookie value, session) for a fresh login."""
        nonce = secrets.token_hex(16)
        return self.signer.dumps({"n": nonce, "v": self.version}), Session(nonce, self._csrf(nonce))

    def session(self, cookie: str) -> Session | None:
        if not cookie:
            return None
        try:
            data = self.signer.loads(cookie, max_age=LIFETIME)
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("v") != self.version or not self.password_hash:
            return None
        nonce = data.get("n")
        if not isinstance(nonce, str) or nonce in self.revoked:
            return None
        return Session(nonce, self._csrf(nonce))

    def end_session(self, session: Session) -> None:
        """Logout: this session's cookie is refused from now on, whoever holds a copy."""
        moment = time.time()
        self.revoked = {n: t for n, t in self.revoked.items() if t > moment}
        self.revoked[session.nonce] = moment + LIFETIME

    def _csrf(self, nonce: str) -> str:
        return hmac.new(self.secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison of any text (hmac's refuses str beyond ASCII: `Bearer é` is a wrong token)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


class Throttle:
    """Backoff for wrong passwords: a client waits 2^(n-1) seconds (at most PER_CLIENT_MAX) after its n-th
    failure in a row; past GLOBAL_RATE failures a minute from everyone, every client waits GLOBAL_WAIT
    between tries (a spread-out guess is slowed too). A refused try is not hashed at all."""

    PER_CLIENT_MAX = 300.0
    GLOBAL_RATE = 30
    GLOBAL_WAIT = 2.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clients: dict[str, tuple[int, float]] = {}  # client -> (failures in a row, not before)
        self.recent: list[float] = []  # when the last failures happened (any client)
        self.global_after = 0.0

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before its password is checked (0: go ahead)."""
        moment = time.monotonic()
        with self.lock:
            _, not_before = self.clients.get(client, (0, 0.0))
            return max(not_before - moment, self.global_after - moment, 0.0)

    def failed(self, client: str) -> None:
        moment = time.monotonic()
        with self.lock:
            count = self.clients.get(client, (0, 0.0))[0] + 1
            self.clients[client] = (count, moment + min(2.0 ** (count - 1), self.PER_CLIENT_MAX))
            self.recent = [t for t in self.recent if t > moment - 60] + [moment]
            if len(self.recent) > self.GLOBAL_RATE:
                self.global_after = moment + self.GLOBAL_WAIT
            if len(self.clients) > 10_000:  # a flood of addresses: forget those that may try again anyway
                self.clients = {c: v for c, v in self.clients.items() if v[1] > moment}

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.clients.pop(client, None)
