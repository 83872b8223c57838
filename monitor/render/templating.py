"""Jinja2 with autoescaping on for HTML: page text is untrusted and is never marked safe; control
characters are dropped from every value a template prints."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...text.normal import printable


@lru_cache(maxsize=1)
def environment() -> Any:
    """Built on first use: a command that prints text never loads Jinja2."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    def _finalize(value: Any) -> Any:
        """Markup (a macro's output, a <time> element of the web app: built escaped) passes as it is. Called
        for every value a template prints (thousands in a redline), so Markup is looked up once, here."""
        return printable(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    return Environment(loader=PackageLoader("policywatch.monitor.render", "templates"),
                       autoescape=select_autoescape(["html", "xml"], default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True, finalize=_finalize)


def render_template(name: str, **context: object) -> str:
    return str(environment().get_template(name).render(**context))
