"""Single-instance locks (flock): two checks never write one store at once, and one scheduler runs per
store. The lock is named after the database's canonical form, so `--db pw.db`, `--db ./x/../pw.db` and
`--db sqlite:////abs/pw.db` take the same lock."""
from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path
from typing import TextIO

import platformdirs

from ...errors import Busy, StoreError
from ...snapshots.targets import canonical_target, sqlite_path


def lock_path(db: str, role: str) -> Path:
    path = sqlite_path(db)
    if path is not None:
        return path.with_name(path.name + f".{role}.lock")
    folder = Path(platformdirs.user_cache_dir("policywatch"))
    digest = hashlib.sha1(canonical_target(db).encode()).hexdigest()[:12]
    return folder / f"{role}-{digest}.lock"


class InstanceLock:
    """An advisory lock beside the database, released by the OS if the holder dies (kill -9)."""

    def __init__(self, db: str, role: str, hint: str = "try again later or pass --wait SECONDS") -> None:
        self.path = lock_path(db, role)
        self.role = role
        self.hint = hint
        self.handle: TextIO | None = None

    def acquire(self, wait: float = 0.0) -> InstanceLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+")  # noqa: SIM115 - held open for as long as the lock is
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the lock file ({exc.strerror})") from None
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
                               f"{self.hint}") from None
                time.sleep(0.2)

    def release(self) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
