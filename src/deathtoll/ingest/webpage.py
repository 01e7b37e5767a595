"""HTML: whole pages through trafilatura, fragments (feed summaries) through lxml.

Neither is ever read with regular expressions: a page goes to trafilatura for
its main text and metadata, and a fragment is walked as a parsed tree.
"""

from __future__ import annotations

from typing import Iterator

from deathtoll.errors import InputError
from deathtoll.ingest.dates import parse_published
from deathtoll.ingest.decode import normalise_text
from deathtoll.model import Article, article_id_for

__all__ = ["fragment_to_text", "read_html"]

# Page furniture trafilatura may keep on small pages that have no <article>.
_PRUNE = ["//nav", "//footer", "//noscript", "//aside", "//form"]

_BLOCKS = frozenset(
    "p div section article header footer main aside blockquote pre ul ol dl li dt dd table tr "
    "h1 h2 h3 h4 h5 h6 figure figcaption address hr".split()
)
_SKIP = frozenset("script style noscript template head iframe object embed svg".split())


def read_html(text: str, shown: str) -> Iterator[Article]:
    """Read one HTML page as one Article.

    Main text, title, publication date, author, site name (the article's
    ``source``) and canonical URL come from trafilatura. Each extracted block
    becomes a paragraph; a first paragraph that repeats the title is dropped.

    Raises:
        InputError: ``no article text found`` when the page has no main text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            prune_xpath=_PRUNE,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises assorted lxml/parser errors
        raise InputError(shown, f"cannot parse HTML: {err}") from None
    body = normalise_text(getattr(doc, "text", None) or "") if doc is not None else ""
    if not body:
        raise InputError(shown, "no article text found")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    title = _clean(doc.title)
    if title and paragraphs and _same(paragraphs[0], title) and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    body = normalise_text("\n\n".join(paragraphs))
    source = _clean(doc.sitename) or _clean(doc.hostname)
    url = _clean(doc.url)
    try:
        published = parse_published(doc.date)
    except ValueError:
        published = None  # trafilatura found something date-like but unusable
    yield Article(
        id=article_id_for(source, url, body),
        text=body,
        title=title,
        published=published,
        source=source,
        url=url,
        language=_clean(doc.language) or "en",
        author=_clean(doc.author),
        origin=shown,
    )


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, block elements as paragraphs.

    Scripts, styles and other non-text elements are dropped; ``<br>`` is a line
    break; each block element (``p``, ``div``, ``li``, headings…) starts a new
    paragraph.
    """
    if "<" not in fragment and "&" not in fragment:
        return normalise_text(fragment)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalise_text(fragment)
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return normalise_text("\n".join(lines))


def _walk(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP or not isinstance(el.tag, str):
        if el.tail:
            parts.append(el.tail)
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if block:
        parts.append("\n\n")
    if el.tail:
        parts.append(el.tail)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())

