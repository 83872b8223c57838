"""HTML -> Document: find the article node by text density (or a known CMS body container), read its
blocks, tables and attachment links, then filter its lines as clean.py filters pasted text."""
from __future__ import annotations

import functools
import re
from html import unescape
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from ..text.normal import REWRITTEN, fold, visible
from ..text.outline import iso_date
from ..text.pictures import Picture
from ..text.sentences import ends_sentence
from .boilerplate import BREADCRUMB, is_boilerplate
from .document import CLEANER_VERSION, Attachment, Block, Document
from .formats import DOWNLOAD_SUFFIXES, suffix_pattern
from .lines import SPACES, filter_lines
from .metadata import breadcrumb_path, labelled_fields

_JUNK_TAGS = ("script", "style", "noscript", "iframe", "button", "input", "select", "textarea",
              "nav", "footer", "aside", "svg", "template", "link", "meta", "object", "embed", "head")
_JUNK_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|share|bdshare|sidebar|side|related|"
    r"recommend|comments?|copyright|banner|advert|ads?|toolbar|login|search|friend-?links?|links|qrcode|"
    r"weixin|wechat|app-?download|topbar|top-?nav|header|hot|rank|tags|pager|pagination|print|close)"
    r"(?:$|[-_\s\d])", re.I)
# Class or id of the body container in the CMSs Chinese government sites run (NFCMS, TRS, UCAP, WordPress).
_KNOWN_BODY = ("news_cont_d_wrap", "TRS_Editor", "TRS_UEDITOR", "zoom", "Zoom", "UCAP-CONTENT", "pages_content",
               "article-content", "article_content", "articleContent", "content-text", "content_text",
               "wp_articlecontent", "post-content", "entry-content")
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
          "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "tbody", "center", "figure", "figcaption",
          "hr", "header", "address"}
_ATTACHMENT = re.compile(suffix_pattern(DOWNLOAD_SUFFIXES) + r"(?:$|\?)", re.I)
# Inside an article, a class or id token is furniture when one of its parts names furniture (share-bar,
# related-posts, latest-box-item, inlinegallery-wrap, ad) and none names the body (article-body__links).
_FURNITURE_PART = re.compile(
    r"(?:share|sharing|social|sociable|related|recommend\w*|tags|taglist|comments?|newsletter|subscribe|"
    r"subscription|promo|ads?|advert\w*|sponsor\w*|\w*gallery|slideshow|carousel|slidecount|caption|credits?|"
    r"byline|dateline|latest|popular|trending|mostread|pager|pagination|readmore|nextprev|prevnext|consent|"
    r"cookies?|gdpr)"
    r"(?:posts?|title|box|bar|list|links?|wrap|wrapper|area|block|widget|items?|container|icons?|buttons?)*", re.I)
_BODY_PART = re.compile(r"(?:body|content|text|article|main|entry|post|story)", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LINK_LISTS = {"ul", "ol", "div", "section", "p", "dl", "table"}
_PUNCT = re.compile(r"[，。；：！？、,.;]")


def clean_html(html: str, url: str = "") -> Document:
    """Find the article node by text density, then read its blocks and filter their lines."""
    soup = BeautifulSoup(html, "lxml")
    if _hides(html):
        _only_visible(soup)
    doc = Document(url=url, cleaner_version=CLEANER_VERSION)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    _read_meta(soup, doc)
    _read_labels(soup, doc)
    doc.attachments = _attachments(soup, url)
    for crumb in soup.find_all(string=BREADCRUMB):
        holder = crumb.find_parent(["div", "p", "td", "span", "section", "ul"]) or crumb.parent
        path = breadcrumb_path(holder.get_text(" ", strip=True) if holder is not None else str(crumb))
        if len(path) >= len(doc.section):  # the breadcrumb beats the bare ColumnName meta tag
            doc.section = path
        break
    for tag in soup.find_all(_JUNK_TAGS):
        tag.decompose()
    page_text = len((soup.body or soup).get_text())
    for form in soup.find_all("form"):  # a search box, not an ASP.NET page that is one big form
        if not form.decomposed and len(form.get_text()) < page_text / 2:
            form.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    known = _known_body(soup)
    # A short notice (端午节放假1天。) has no 20-character block: then a sentence of any length will do.
    nodes = [known] if known is not None else _densest(soup) or _densest(soup, shortest=4)
    if not nodes:
        return doc
    if not doc.title:
        doc.title = _heading_title(soup, nodes[0], page_title)
    blocks: list[Block] = []
    for node in nodes:
        _prune(node)
        _collect(node, blocks, [])
    paragraphs = [b for b in blocks if isinstance(b, str) and not isinstance(b, _Picture)]
    kept_text, _, credit_at = filter_lines(paragraphs, doc)
    kept = set(kept_text)
    # Re-merge tables in document order, dropping filtered paragraphs and all after a credit line.
    out: list[Block] = []
    seen = 0
    for block in blocks:
        if isinstance(block, _Picture):
            out.append(str(block))
        elif isinstance(block, str):
            if seen == credit_at:
                break
            seen += 1
            if block in kept:
                out.append(block)
        else:
            out.append(block)
    doc.title = _without_site_name(doc.title)
    doc.body = _drop_title_echo(out, doc.title)
    return doc


_SITE_TAIL = re.compile(r"\s*(?:(?:--|—|_|\||｜|\s-\s)\s*[^-—_|｜]{1,14}|-[^-]{1,10}(?:网|报|台|政府|在线|频道))$")


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _hides(html: str) -> bool:
    """Whether the page holds a character visible() drops, as itself or as a character reference (most
    pages hold none, and are spared the walk over every string and attribute)."""
    return bool(REWRITTEN().search(html)) or any(REWRITTEN().search(unescape(ref))
                                               for ref in set(_REFERENCE.findall(html)))


def _only_visible(soup: BeautifulSoup) -> None:
    """Control and invisible characters out of the page's text and attributes before anything reads
    them (a character reference such as &#8203; survives the parser): a zero-width space inside a
    date (发布时间) or an image's alt or src would otherwise split or change what the cleaner finds."""
    for text in soup.find_all(string=REWRITTEN()):
        text.replace_with(type(text)(visible(str(text))))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, str) and REWRITTEN().search(value):
                tag.attrs[name] = visible(value)
            elif not isinstance(value, str) and any(REWRITTEN().search(v) for v in value):
                tag.attrs[name] = type(value)(visible(v) for v in value)


def _without_site_name(title: str) -> str:
    """'拿起跨界“指挥棒”…成长--大河网' -> the headline: pages append their site's name to titles."""
    stripped = _SITE_TAIL.sub("", title).strip()
    return stripped if len(stripped) >= 4 else title


def attr(tag: Tag, name: str) -> str:
    """An attribute as one string (bs4 gives multi-valued ones such as class as lists)."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _read_meta(soup: BeautifulSoup, doc: Document) -> None:
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (attr(tag, "name") or attr(tag, "property")).lower()
        if key and attr(tag, "content").strip():
            metas.setdefault(key, attr(tag, "content").strip())

    def meta(*names: str) -> str:
        return next((metas[n.lower()] for n in names if n.lower() in metas), "")

    doc.title = meta("ArticleTitle", "og:title", "twitter:title")
    doc.published = iso_date(meta("pubDate", "publishdate", "article:published_time",
                                  "firstpublishedtime", "ReleaseDate", "date"))
    doc.source = meta("ContentSource")
    if meta("ColumnName"):
        doc.section = [meta("ColumnName")]


def _read_labels(soup: BeautifulSoup, doc: Document) -> None:
    """Visible metadata lines (发布时间, 来源, 发布机构, 文号, 索引号) for what the head's tags leave empty."""
    root = soup.body or soup
    lines = [str(s) for s in root.find_all(string=True)
             if not isinstance(s, Comment) and s.parent is not None and s.parent.name not in ("script", "style")]
    for name, value in labelled_fields(lines).items():
        if not getattr(doc, name):
            setattr(doc, name, value)


def _attachments(soup: BeautifulSoup, base: str) -> list[Attachment]:
    seen: dict[str, Attachment] = {}
    for a in soup.find_all("a", href=_ATTACHMENT):
        href = urljoin(base, attr(a, "href")) if base else attr(a, "href")
        seen.setdefault(href, Attachment(title=a.get_text(" ", strip=True) or href.rsplit("/", 1)[-1], url=href))
    return list(seen.values())


def _known_body(soup: BeautifulSoup) -> Tag | None:
    """The CMS's own body container (NFCMS, TRS and common WordPress-like names), when present."""
    found: dict[str, list[Tag]] = {}
    for tag in soup.find_all(True):
        names = [*attr(tag, "class").split(), attr(tag, "id"), attr(tag, "itemprop")]
        for name in names:
            if name in _KNOWN_BODY or name == "articleBody":
                found.setdefault(name, []).append(tag)
    for name in (*_KNOWN_BODY, "articleBody"):
        if name in found:
            best = max(found[name], key=lambda n: len(n.get_text()))
            if len(best.get_text(strip=True)) >= 4:  # the CMS says this is the body, however short
                return best
    return None


def _is_furniture(tag: Tag) -> bool:
    names = attr(tag, "class") + " " + attr(tag, "id")
    return bool(names.strip()) and bool(_JUNK_NAME.search(names))


def _in_furniture(node: Tag, root: Tag, seen: dict[int, bool]) -> bool:
    """Furniture-named itself, or inside comments, a cookie banner or a related-stories box (`seen`
    remembers each ancestor's answer: candidates share most of their ancestors)."""
    if _is_furniture(node):
        return True
    chain: list[Tag] = []
    found = False
    for tag in (node, *node.parents):
        if tag is root:
            break
        if id(tag) in seen:
            found = seen[id(tag)]
            break
        chain.append(tag)
        if _inner_furniture(tag):
            found = True
            break
    for tag in chain:
        seen[id(tag)] = found
    return found


def _densest(soup: BeautifulSoup, shortest: int = 20) -> list[Tag]:
    """Readability-style, in one pass over the text runs: a block's own text scores
    1 + punctuation + length/100 for its block's parent and, halved, the grandparent;
    link-heavy and furniture-named nodes are discounted. Returns the best node and, in page order,
    those of its siblings that score at least a fifth of it (a lead paragraph kept apart from the
    body, an article split in two containers)."""
    root = soup.body or soup
    own: dict[int, list[str]] = {}
    total: dict[int, int] = {}
    linked: dict[int, int] = {}
    nodes: dict[int, Tag] = {}
    for string in root.find_all(string=True):
        if isinstance(string, Comment):
            continue
        size = len(string.strip())
        if not size:
            continue
        in_link, block = False, None
        for parent in string.parents:
            key = id(parent)
            total[key] = total.get(key, 0) + size
            if in_link:
                linked[key] = linked.get(key, 0) + size
            if parent.name == "a":
                in_link = True
                linked[key] = linked.get(key, 0) + size
            if block is None and parent.name in _BLOCK:
                block = parent
                own.setdefault(key, []).append(str(string))
                nodes[key] = parent
            if parent is root:
                break
    scores: dict[int, float] = {}
    for key, parts in own.items():
        text = SPACES.sub("", "".join(parts))
        if len(text) < shortest or (shortest < 20 and not ends_sentence(text)):
            continue
        score = 1 + len(_PUNCT.findall(text)) + min(len(text) / 100, 3)
        node = nodes[key]
        for weight, target in ((1.0, node.parent if node.name == "p" else node),
                               (0.5, node.parent.parent if node.name == "p" and node.parent else node.parent)):
            if isinstance(target, Tag):
                scores[id(target)] = scores.get(id(target), 0.0) + score * weight
                nodes[id(target)] = target
    final: dict[int, float] = {}
    seen: dict[int, bool] = {}
    for key, score in scores.items():
        density = linked.get(key, 0) / (total.get(key, 0) or 1)
        final[key] = score * (1 - min(density, 0.95)) * (0.2 if _in_furniture(nodes[key], root, seen) else 1.0)
    if not final:
        return []
    best_key = max(final, key=final.__getitem__)
    best = nodes[best_key]
    if best.parent is None:
        return [best]
    threshold = max(final[best_key] * 0.2, 3.0)
    return [child for child in best.parent.children if isinstance(child, Tag) and (
        child is best or (final.get(id(child), 0.0) >= threshold
                          and linked.get(id(child), 0) / (total.get(id(child), 0) or 1) < 0.3))]


def _prune(node: Tag) -> None:
    """Inside the article: drop furniture-named parts (share bars, tags, related stories) and lists of
    links (more stories, next/previous), which English news pages keep inside their article element.
    Links to attachments count as text: a 附件 list is part of the document."""
    for tag in node.find_all(True):
        if tag.decomposed:
            continue
        if (tag.name == "figcaption" or _hidden(tag) or _inner_furniture(tag)
                or (tag.name == "article" and tag.find_parent("article") is not None)  # another story's teaser
                or (tag.name in _LINK_LISTS and _mostly_links(tag))):
            tag.decompose()


def _hidden(tag: Tag) -> bool:
    return (tag.has_attr("hidden") or attr(tag, "aria-hidden") == "true"
            or bool(_DISPLAY_NONE.search(attr(tag, "style"))))


def _inner_furniture(tag: Tag) -> bool:
    for name in (*attr(tag, "class").split(), attr(tag, "id")):
        parts = [part for part in re.split(r"[-_]+", name) if part]
        if any(_FURNITURE_PART.fullmatch(p) for p in parts) and not any(_BODY_PART.fullmatch(p) for p in parts):
            return True
    return False


def _mostly_links(tag: Tag) -> bool:
    """A list of links; not a sentence of prose that cites two documents (详见《…》和《…》。)."""
    links = [a for a in tag.find_all("a") if not _ATTACHMENT.search(attr(a, "href"))]
    if len(links) < 2:
        return False
    text = SPACES.sub("", tag.get_text())
    linked = [SPACES.sub("", a.get_text()) for a in links]
    if "。" in functools.reduce(lambda rest, part: rest.replace(part, "", 1), linked, text):
        return False
    return sum(map(len, linked)) >= 0.6 * len(text)


def _heading_title(soup: BeautifulSoup, node: Tag, page_title: str) -> str:
    """The heading nearest before the article that is no furniture (友情链接 is an h2 too), preferring
    one the page's <title> repeats; else the <title> without its site name."""
    headings = [*node.find_all_previous(["h1", "h2", "h3"], limit=8), *soup.find_all(["h1", "h2"], limit=8)]
    texts = [t for h in headings if 2 <= len(t := h.get_text(" ", strip=True)) <= 120 and not is_boilerplate(t)]
    if page_title:
        key = fold(page_title)
        echoed = [t for t in texts if fold(t) in key]
        if echoed:
            return max(echoed, key=len)
    texts = [t for t in texts if len(t) >= 4]
    if texts:
        return texts[0]
    return re.split(r"\s*[_|｜—]\s*|\s+-\s+", page_title)[0] if page_title else ""


def _table_rows(table: Tag) -> list[list[str]] | None:
    """A data table as rows of cells; None for a layout table (read as blocks instead)."""
    if table.find("table"):
        return None
    rows = []
    for tr in table.find_all("tr"):
        cells = [SPACES.sub(" ", td.get_text(" ", strip=True)).strip() for td in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append(cells)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    longest = max(len(c) for r in rows for c in r)
    return rows if longest <= 300 else None


class _Picture(str):
    """An image of the body, as a line of its own (text.pictures): never filtered as furniture, since a
    chart or a table published as a picture (NFCMS's img.nfw-cms-img) is content, and a replaced one is
    a change (its bytes' digest is added by snapshots/images.py, which fetches them)."""


def _picture(img: Tag) -> _Picture | None:
    src = " ".join(attr(img, "src").split())
    sizes = [attr(img, "width"), attr(img, "height")]
    if not src or src.startswith("data:") or any(v.isdigit() and int(v) < 48 for v in sizes):
        return None  # inline data, icons and spacers
    if img.find_parent(["figure", "a"]) is not None:
        return None  # a news photo with its caption, a linked thumbnail: illustration, not a figure of the text
    return _Picture(Picture(" ".join(attr(img, "alt").split())[:80], src[:300]).line())


def _collect(node: Tag, out: list[Block], buf: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            _flush(out, buf)
            continue
        if child.name == "img":
            picture = _picture(child)
            if picture is not None:
                _flush(out, buf)
                out.append(picture)
            continue
        if child.name == "table":
            rows = _table_rows(child)
            if rows is not None:
                _flush(out, buf)
                out.append(rows)
                continue
        if child.name in _BLOCK or child.name in ("td", "th"):
            _flush(out, buf)
            _collect(child, out, buf)
            _flush(out, buf)
        else:
            _collect(child, out, buf)


def _flush(out: list[Block], buf: list[str]) -> None:
    text = SPACES.sub(" ", "".join(buf)).strip()
    buf.clear()
    if text:
        out.append(text)


def _drop_title_echo(body: list[Block], title: str) -> list[Block]:
    """The page repeats its title above the body; keep it once, as metadata."""
    if not title:
        return body
    key = fold(title)
    for i, block in enumerate(body[:4]):
        if isinstance(block, str) and fold(block) == key:
            return body[:i] + body[i + 1:]
    return body
