"""Record files: JSON Lines and CSV/TSV, one article per line or row.

Both take the fields of :class:`~deathtoll.model.Article` by name, plus the
aliases that common corpora use, so users' files work as they are:
``article_id``/``doc_id`` for ``id``, ``date`` for ``published``,
``body``/``content`` for ``text``, ``link`` for ``url``, ``headline`` for
``title``. A bad line or row is reported with its line number and the next one
is read.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable, Iterable, Iterator, Mapping

from deathtoll.errors import InputError
from deathtoll.ingest.dates import parse_published
from deathtoll.ingest.decode import normalise_text
from deathtoll.model import Article, article_id_for

__all__ = ["FIELD_ALIASES", "read_csv", "read_jsonl", "record_article"]

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    "source": ("source", "outlet", "publisher", "sitename"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
    "author": ("author", "byline"),
}
"""Article field → the keys accepted for it, first match wins (keys fold case)."""

Report = Callable[[InputError], None]


def _pick(record: Mapping[str, Any], field: str) -> tuple[str | None, Any]:
    """The first alias of ``field`` present with a non-empty value, and that value."""
    for key in FIELD_ALIASES[field]:
        if key in record and record[key] not in (None, ""):
            return key, record[key]
    return None, None


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # e.g. {"id": "bbc", "name": "BBC News"}
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    value = " ".join(str(value).split())
    return value or None


def record_article(record: Mapping[str, Any], shown: str, line: int) -> Article:
    """Turn one record (a JSON object or a CSV row) into an Article.

    Raises:
        InputError: empty text, or a date that cannot be read (naming the field).
    """
    folded = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    _, raw_text = _pick(folded, "text")
    if isinstance(raw_text, (dict, list)):
        raise InputError(shown, "article text is not a string", line=line)
    text = normalise_text(str(raw_text)) if raw_text is not None else ""
    if not text:
        raise InputError(shown, "empty article text", line=line)
    date_key, raw_date = _pick(folded, "published")
    language = _text_value(_pick(folded, "language")[1]) or "en"
    try:
        published = parse_published(raw_date, language)
    except ValueError:
        raise InputError(shown, f"invalid date in '{date_key}': {raw_date!r}", line=line) from None
    source = _text_value(_pick(folded, "source")[1])
    url = _text_value(_pick(folded, "url")[1])
    given_id = _text_value(_pick(folded, "id")[1])
    title = _pick(folded, "title")[1]
    return Article(
        id=given_id or article_id_for(source, url, text),
        text=text,
        title=_text_value(title),
        published=published,
        source=source,
        url=url,
        language=language,
        author=_text_value(_pick(folded, "author")[1]),
        origin=f"{shown}:{line}",
    )


Lines = Iterable[tuple[int, "str | InputError"]]


def read_jsonl(lines: Lines, shown: str, report: Report) -> Iterator[Article]:
    """Read JSON Lines: one JSON object per line, blank lines skipped.

    Args:
        lines: ``(line_number, text)`` pairs, as
            :func:`~deathtoll.ingest.decode.iter_decoded_lines` gives them (an
            InputError in place of the text is a line that could not be decoded).
        shown: the path as errors should name it.
        report: called with each InputError; the next line is then read.

    A malformed line is reported as ``invalid JSON: <msg>`` with its line
    number; the other lines are still read.
    """
    for n, line in lines:
        if isinstance(line, InputError):
            report(line)
            continue
        line = line.lstrip("\ufeff") if n == 1 else line
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            report(InputError(shown, f"invalid JSON: {err.msg}", line=n))
            continue
        if not isinstance(record, dict):
            report(InputError(shown, f"expected a JSON object, got {type(record).__name__}", line=n))
            continue
        try:
            yield record_article(record, shown, n)
        except InputError as err:
            report(err)


def _ensure_field_size() -> None:
    # Article texts can pass the csv module's default 128 KiB field limit.
    if csv.field_size_limit() < 2**26:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(lines: Lines, shown: str, report: Report, *, delimiter: str = ",") -> Iterator[Article]:
    """Read a CSV (or, with ``delimiter="\\t"``, TSV) file with a header row.

    ``lines`` are ``(line_number, text)`` pairs as for :func:`read_jsonl`, with
    their line endings.

    Columns are matched to Article fields by header name (with the aliases of
    :data:`FIELD_ALIASES`). A row with the wrong number of fields, empty text
    or a bad date is reported with the line it starts on.

    Raises:
        InputError: the file has no header or no text column.
    """
    _ensure_field_size()
    feed = _LineFeed(lines, report)
    reader = csv.reader(feed, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise InputError(shown, f"bad CSV header: {err}", line=1) from None
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    if not any(alias in names for alias in FIELD_ALIASES["text"]):
        raise InputError(shown, "no text column (expected one of: " + ", ".join(FIELD_ALIASES["text"]) + ")", line=1)
    while True:
        start = feed.line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            report(InputError(shown, f"bad CSV row: {err}", line=start))
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            report(InputError(shown, f"row has {len(row)} fields, header has {len(names)}", line=start))
            continue
        try:
            yield record_article(dict(zip(names, row)), shown, start)
        except InputError as err:
            report(err)


class _LineFeed:
    """Feeds decoded lines to the csv module, reporting undecodable ones, and
    remembers the number of the last line handed out."""

    def __init__(self, source: Iterable[tuple[int, str | InputError]], report: Report) -> None:
        self._source = iter(source)
        self._report = report
        self.line = 0

    def __iter__(self) -> "_LineFeed":
        return self

    def __next__(self) -> str:
        while True:
            n, line = next(self._source)
            self.line = n
            if isinstance(line, InputError):
                self._report(line)
                continue
            return line
