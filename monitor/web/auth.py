"""Who may write. Forms need a login (a password, compared as a scrypt hash in constant time) and carry
a CSRF token tied to the session; the JSON API's writes need `Authorization: Bearer <token>` and no
cookie. Sessions are signed (itsdangerous, namespaced) and last LIFETIME; the signing secret is
POLICYWATCH_WEB_SECRET or a fresh random one per server start (sessions end with the server)."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
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
        password = os.environ.get("POLICYWATCH_WEB_PASSWORD", password)
        self.password_hash = _stored(password)
        if password.startswith("scrypt$") and len(password.split("$")) != 3:
            raise ConfigError("web_password: a scrypt$ hash should be scrypt$<salt>$<hash>")
        self.token = os.environ.get("POLICYWATCH_WEB_TOKEN", token)
        self.read_open = read_open
        self.feed_token = feed_token
        self.secret = secret or os.environ.get("POLICYWATCH_WEB_SECRET") or secrets.token_hex(32)
        self.signer = URLSafeTimedSerializer(self.secret, salt="policywatch.session")

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
        return bool(self.token) and scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), self.token)

    def check_feed(self, token: str) -> bool:
        return bool(self.feed_token) and hmac.compare_digest(token, self.feed_token)

    def new_session(self) -> tuple[str, Session]:
        """(cookie value, session) for a fresh login."""
        nonce = secrets.token_hex(16)
        return self.signer.dumps({"n": nonce}), Session(nonce, self._csrf(nonce))

    def session(self, cookie: str) -> Session | None:
        if not cookie:
            return None
        try:
            data = self.signer.loads(cookie, max_age=LIFETIME)
        except BadSignature:
            return None
        nonce = data.get("n") if isinstance(data, dict) else None
        return Session(nonce, self._csrf(nonce)) if isinstance(nonce, str) else None

    def _csrf(self, nonce: str) -> str:
        return hmac.new(self.secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()
