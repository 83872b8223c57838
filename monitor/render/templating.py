"""Jinja2 with autoescaping on for HTML: page text is untrusted and is never marked safe."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

env = Environment(loader=PackageLoader("monitor", "templates"),
                  autoescape=select_autoescape(["html", "xml"], default_for_string=True),
                  trim_blocks=True, lstrip_blocks=True)


def render_template(name: str, **context: object) -> str:
    return env.get_template(name).render(**context)
