"""Plain-text articles: the first non-empty line is the title, the rest the text."""

from __future__ import annotations

from typing import Iterator

from deathtoll.errors import InputError
from deathtoll.ingest.decode import normalise_text
from deathtoll.model import Article, article_id_for

__all__ = ["read_text"]


def read_text(text: str, shown: str) -> Iterator[Article]:
    """Read one plain-text article.

    The first non-empty line is the title and the rest is the text. A file of a
    single line has no title: that line is the text. A plain-text file carries
    no metadata, so ``published``, ``source`` and ``url`` are None and the id is
    a hash of the text.

    Raises:
        InputError: ``empty article`` when there is nothing but whitespace.
    """
    text = normalise_text(text)
    if not text:
        raise InputError(shown, "empty article")
    first, _, rest = text.partition("\n")
    rest = normalise_text(rest)
    title: str | None = " ".join(first.split())
    if not rest:
        title, rest = None, text
    yield Article(id=article_id_for(None, None, rest), text=rest, title=title, origin=shown)
