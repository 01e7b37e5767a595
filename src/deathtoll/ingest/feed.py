"""RSS and Atom feeds: one Article per entry, through feedparser."""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from deathtoll.errors import InputError
from deathtoll.ingest.dates import parse_published
from deathtoll.ingest.decode import normalise_text
from deathtoll.ingest.webpage import fragment_to_text
from deathtoll.model import Article, article_id_for

__all__ = ["looks_like_feed", "read_feed"]

_FEED_ROOTS = (b"rss", b"feed", b"rdf:rdf")


def looks_like_feed(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) opens an RSS, Atom or RDF feed.

    Skips a byte-order mark, the XML declaration, comments, processing
    instructions and a doctype, then looks at the first element's name. This
    only recognises a feed saved under another extension; feedparser parses it.
    """
    head = head[:8192]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    pos = 0
    while True:
        while pos < len(head) and head[pos:pos + 1].isspace():
            pos += 1
        if head.startswith(b"<!--", pos):
            end = head.find(b"-->", pos + 4)
            pos = end + 3 if end >= 0 else len(head)
        elif head.startswith(b"<?", pos) or head.startswith(b"<!", pos):
            end = head.find(b">", pos)
            pos = end + 1 if end >= 0 else len(head)
        else:
            break
    if not head.startswith(b"<", pos):
        return False
    name = head[pos + 1:pos + 40].lower()
    return any(name.startswith(root) and name[len(root):len(root) + 1] in (b" ", b">", b"\t", b"\n", b"\r")
               for root in _FEED_ROOTS)


def read_feed(data: bytes, shown: str, report: Callable[[InputError], None]) -> Iterator[Article]:
    """Read every entry of a feed.

    Each entry's title, text (the longest of its content and summary, with HTML
    reduced to paragraphs), publication date (the calendar day the feed wrote,
    not shifted to UTC), link (``url``) and guid/id become an Article whose
    ``source`` is the feed's title. An entry without a guid gets a hash id.

    Args:
        data: the raw bytes of the feed (feedparser honours its XML encoding).
        shown: the path as errors should name it.
        report: called with an InputError for each unreadable entry.

    Raises:
        InputError: the document is not a feed, or is broken and has no entries.
    """
    import feedparser

    parsed = feedparser.parse(data)  # bytes: never read as a URL or a file name
    entries = parsed.get("entries") or []
    if not parsed.get("version"):  # feedparser found no rss/feed/RDF root
        raise InputError(shown, "not an RSS or Atom feed")
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
            raise InputError(shown, f"not a readable feed: {reason}")
        return  # a well-formed feed with no entries today
    feed_title = _clean(parsed.get("feed", {}).get("title"))
    for n, entry in enumerate(entries, 1):
        try:
            yield _entry_article(entry, n, feed_title, shown)
        except InputError as err:
            report(err)


def _entry_article(entry, n: int, feed_title: str | None, shown: str) -> Article:
    where = f"entry {n}"
    text = _entry_text(entry)
    if not text:
        raise InputError(shown, f"{where}: empty article text")
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    try:
        published = parse_published(raw_date)
    except ValueError:
        published = _from_struct(entry.get("published_parsed") or entry.get("updated_parsed"))
        if published is None:
            raise InputError(shown, f"{where}: invalid date in 'pubDate': {raw_date!r}") from None
    url = _clean(entry.get("link"))
    guid = _clean(entry.get("id"))
    author = _clean(entry.get("author"))
    title = entry.get("title")
    if isinstance(title, str) and (entry.get("title_detail") or {}).get("type") == "text/html":
        title = fragment_to_text(title)
    title = _clean(title)
    return Article(
        id=guid or article_id_for(feed_title, url, text),
        text=text,
        title=title,
        published=published,
        source=feed_title,
        url=url,
        language=_language(entry) or "en",
        author=author,
        origin=f"{shown}#{n}",
    )


def _entry_text(entry) -> str:
    candidates = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    best = ""
    for value, kind in candidates:
        text = normalise_text(value) if kind == "text/plain" else fragment_to_text(value)
        if len(text) > len(best):
            best = text
    return best


def _from_struct(st) -> date | None:
    return date(st.tm_year, st.tm_mon, st.tm_mday) if st else None


def _language(entry) -> str | None:
    detail = entry.get("summary_detail") or entry.get("title_detail") or {}
    lang = detail.get("language")
    return lang.split("-")[0].lower() if isinstance(lang, str) and lang else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
