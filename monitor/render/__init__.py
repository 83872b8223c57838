"""Output formats, one table: what `--format` offers, which file extension picks which format, what the
web app serves and what publish.py writes all come from here. A new format is one decorated function.

Every renderer takes a result value (a DiffResult, a Comparison, a Digest, a Trend) and returns text;
untrusted page text is escaped for the format it lands in (HTML by Jinja2's autoescape, Markdown by
md_escape, terminals by rich Text objects, never markup), and control characters never reach XML."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Renderer = Callable[..., str]


@dataclass(frozen=True)
class Format:
    kind: str  # diff | compare | digest | trend
    name: str  # term | text | json | md | html | atom | csv
    extension: str
    media_type: str
    func: Renderer


_FORMATS: dict[tuple[str, str], Format] = {}


def renderer(kind: str, name: str, extension: str, media_type: str) -> Callable[[Renderer], Renderer]:
    """Register a function rendering a `kind` of result as the format `name`."""
    def register(func: Renderer) -> Renderer:
        _FORMATS[(kind, name)] = Format(kind, name, extension, media_type, func)
        return func
    return register


def formats(kind: str) -> list[str]:
    return [name for k, name in _FORMATS if k == kind]


def extension(kind: str, name: str) -> str:
    return _FORMATS[(kind, name)].extension


def by_extension(kind: str, path: str) -> str | None:
    """The format a file name asks for (report.html -> html), if any."""
    lowered = path.lower()
    for (k, name), fmt in _FORMATS.items():
        if k == kind and fmt.extension and lowered.endswith(fmt.extension):
            return name
    return "html" if kind in ("diff", "compare", "trend") and lowered.endswith(".htm") else None


def render(kind: str, name: str, result: Any, **context: Any) -> str:
    return _FORMATS[(kind, name)].func(result, **context)


from . import compare_formats, diff_formats, digest_formats, trend_formats  # noqa: E402,F401  (registration)
