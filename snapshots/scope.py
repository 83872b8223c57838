"""Which part of a page counts, by a watch's CSS selectors (`select` keeps, `exclude` drops): applied to
the HTML before the cleaner reads it, so the stored bytes stay whole and a changed selector re-reads them."""
from __future__ import annotations

from ..errors import InputError

MAX_SELECTOR = 500


def check_selector(selector: str) -> None:
    """An InputError naming a selector soupsieve cannot compile."""
    import soupsieve

    if len(selector) > MAX_SELECTOR:
        raise InputError(f"CSS selector over {MAX_SELECTOR} characters")
    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError, TypeError) as exc:
        raise InputError(f"CSS selector {selector!r}: {str(exc).splitlines()[0]}") from None


def scoped(html: str, select: str = "", exclude: str = "") -> str:
    """The page with only what `select` matches in its body (the head, with its meta tags, kept) and
    without what `exclude` matches. Nothing matched by `select`: an empty body (the page then reads as
    empty, which the check reports, rather than as the whole page)."""
    if not select and not exclude:
        return html
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    if exclude:
        for tag in soup.select(exclude):
            tag.decompose()
    if select:
        matched = list(soup.select(select))
        ids = {id(tag) for tag in matched}
        kept = [tag for tag in matched if not any(id(parent) in ids for parent in tag.parents)]  # outermost only
        body = soup.body or soup
        for tag in kept:
            tag.extract()
        body.clear()
        for tag in kept:
            body.append(tag)
    return str(soup)
