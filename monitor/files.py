"""Writing a file whole or not at all (a temporary file beside it, then a rename), so a reader, a crash or a
full disk never leaves half of a watch list or a digest behind."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Raises OSError (the caller names what could not be written); the temporary file never stays."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
