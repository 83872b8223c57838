"""Output formats as small registered renderers: the core never knows which one is used."""
from __future__ import annotations

from typing import Any, Callable

Renderer = Callable[..., str]
_RENDERERS: dict[tuple[str, str], Renderer] = {}


def renderer(kind: str, fmt: str) -> Callable[[Renderer], Renderer]:
    """Register a function rendering a `kind` of result (diff, compare, digest) as `fmt`."""
    def register(func: Renderer) -> Renderer:
        _RENDERERS[(kind, fmt)] = func
        return func
    return register


def formats(kind: str) -> list[str]:
    return [fmt for k, fmt in _RENDERERS if k == kind]


def render(kind: str, fmt: str, result: Any, **context: Any) -> str:
    return _RENDERERS[(kind, fmt)](result, **context)


from . import diff_formats, compare_formats, digest_formats  # noqa: E402,F401  (registration)
