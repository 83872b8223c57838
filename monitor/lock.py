"""Single-instance locks (flock): two checks never write the same store at once."""
from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

import platformdirs

from snapshots import PolicywatchError


class Busy(PolicywatchError):
    """Another policywatch process holds the lock."""


class InstanceLock:
    """An advisory lock named after the database, released by the OS if the holder dies (kill -9)."""

    def __init__(self, db: str, role: str) -> None:
        digest = hashlib.sha1(os.path.abspath(db).encode() if "://" not in db else db.encode()).hexdigest()[:12]
        folder = Path(platformdirs.user_runtime_dir("policywatch", ensure_exists=True))
        self.path = folder / f"{role}-{digest}.lock"
        self.role = role
        self.handle = None

    def acquire(self, wait: float = 0.0) -> "InstanceLock":
        self.handle = open(self.path, "a+")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.handle.seek(0)
                self.handle.truncate()
                self.handle.write(str(os.getpid()))
                self.handle.flush()
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.handle.seek(0)
                    holder = self.handle.read().strip() or "?"
                    self.handle.close()
                    raise Busy(f"another policywatch {self.role} is running on this database (pid {holder}); "
                               f"try again later or pass --wait SECONDS") from None
                time.sleep(0.2)

    def release(self) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> "InstanceLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
