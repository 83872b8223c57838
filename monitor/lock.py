"""Single-instance locks (flock): two checks never write the same store at once."""
from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path
from typing import TextIO

import platformdirs

from snapshots import PolicywatchError


class Busy(PolicywatchError):
    """Another policywatch process holds the lock."""


class InstanceLock:
    """An advisory lock beside the database, released by the OS if the holder dies (kill -9).
    (It guards one machine; several machines on one PostgreSQL need a database lock instead.)"""

    def __init__(self, db: str, role: str) -> None:
        if "://" in db:  # a server database: the lock lives in this user's cache folder
            folder = Path(platformdirs.user_cache_dir("policywatch"))
            folder.mkdir(parents=True, exist_ok=True)
            self.path = folder / f"{role}-{hashlib.sha1(db.encode()).hexdigest()[:12]}.lock"
        else:
            self.path = Path(db).expanduser().with_name(Path(db).name + f".{role}.lock")
        self.role = role
        self.handle: TextIO | None = None

    def acquire(self, wait: float = 0.0) -> "InstanceLock":
        handle = open(self.path, "a+")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()))
                handle.flush()
                self.handle = handle
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "?"
                    handle.close()
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
