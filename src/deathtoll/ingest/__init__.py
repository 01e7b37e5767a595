"""Ingest: turn files, folders and standard input into a stream of Articles.

The one public function is :func:`read_articles`. Formats:

- ``.txt``: the first non-empty line is the title, the rest the text.
- ``.html``, ``.htm``: main text and metadata through trafilatura.
- ``.xml``, ``.rss``, ``.atom``: RSS/Atom through feedparser, one article per entry.
- ``.jsonl``, ``.ndjson``: one JSON object per line with the fields of Article.
- ``.csv``, ``.tsv``: one row per article, fields by header.
- ``-``: standard input; JSON Lines when it starts with ``{``, a feed or a
  web page when it starts like one, else plain text.

Any file whose content opens like a feed is read as one. Every problem is an
:class:`~deathtoll.errors.InputError` naming the file (and line) and the
reason; it goes to ``on_error`` and reading goes on with the next line or file.
Near-duplicate detection lives in :mod:`deathtoll.ingest.dedup`.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from deathtoll.errors import InputError
from deathtoll.ingest.decode import decode_bytes, iter_decoded_lines, read_bytes
from deathtoll.ingest.dedup import Deduplicator
from deathtoll.ingest.feed import looks_like_feed, read_feed
from deathtoll.ingest.plaintext import read_text
from deathtoll.ingest.records import read_csv, read_jsonl
from deathtoll.ingest.webpage import read_html
from deathtoll.model import Article

__all__ = ["Deduplicator", "KNOWN_EXTENSIONS", "read_articles"]

_TEXT = (".txt",)
_HTML = (".html", ".htm")
_FEED = (".xml", ".rss", ".atom")
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")

KNOWN_EXTENSIONS: frozenset[str] = frozenset(_TEXT + _HTML + _FEED + _JSONL + _CSV)
"""File name endings read when a folder is walked (compared in lower case)."""

_SNIFF = 8192  # bytes looked at to recognise a feed

STDIN = "-"
_STDIN_NAME = "<stdin>"

OnError = Callable[[InputError], None]


def read_articles(
    paths: Iterable[str | Path],
    *,
    on_error: OnError | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article]:
    """Stream the Articles in files, folders and standard input.

    Nothing is held beyond the file being read: line-based formats are read a
    line at a time.

    Args:
        paths: files, folders (walked recursively in sorted order, only known
            extensions, hidden files and folders skipped) or ``-`` for stdin.
        on_error: called with each :class:`InputError`; reading then goes on
            with the next line or file. When None, the first error is raised.
        stdin: the stream ``-`` reads (default: ``sys.stdin``).

    Yields:
        Each article, in input order.

    Raises:
        InputError: only when ``on_error`` is None.

    Example:
        >>> errors = []
        >>> for article in read_articles(["examples/"], on_error=errors.append):
        ...     print(article.id, article.title)
    """
    report = _reporter(on_error)
    if isinstance(paths, (str, Path)):  # one path, not an iterable of characters
        paths = [paths]
    for given in paths:
        if str(given) == STDIN:
            yield from _guard(_read_stdin(stdin if stdin is not None else sys.stdin, report), report)
            continue
        path = Path(given)
        shown = str(given)
        if path.is_dir():
            for file in _walk(path, report):
                yield from _guard(_read_file(file, str(file), report, explicit=False), report)
        elif not path.exists():
            report(InputError(shown, "no such file or directory"))
        else:
            yield from _guard(_read_file(path, shown, report, explicit=True), report)


def _reporter(on_error: OnError | None) -> OnError:
    def report(err: InputError) -> None:
        err._reported = True  # type: ignore[attr-defined]
        if on_error is None:
            raise err
        on_error(err)

    return report


def _guard(articles: Iterator[Article], report: OnError) -> Iterator[Article]:
    """Pass articles through; a reader's fatal InputError is reported once."""
    try:
        yield from articles
    except InputError as err:
        if getattr(err, "_reported", False):
            raise
        report(err)


def _walk(folder: Path, report: OnError) -> Iterator[Path]:
    """Files with a known extension under ``folder``, depth first, sorted by name.

    A folder that cannot be listed is reported and skipped.
    """
    seen: set[tuple[int, int]] = set()

    def walk(d: Path) -> Iterator[Path]:
        try:
            st = d.stat()
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            report(InputError(str(d), f"cannot read folder: {(err.strerror or str(err)).lower()}"))
            return
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            return
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                yield from walk(p)
            elif p.suffix.lower() in KNOWN_EXTENSIONS:
                yield p

    return walk(folder)


def _read_file(path: Path, shown: str, report: OnError, *, explicit: bool) -> Iterator[Article]:
    ext = path.suffix.lower()
    if ext in _JSONL or ext in _CSV:
        try:
            with path.open("rb") as stream:
                lines = iter_decoded_lines(stream, shown)
                if ext in _JSONL:
                    yield from read_jsonl(lines, shown, report)
                else:
                    yield from read_csv(lines, shown, report, delimiter="\t" if ext == ".tsv" else ",")
        except OSError as err:
            raise InputError(shown, f"cannot read: {(err.strerror or str(err)).lower()}") from None
        return
    if ext not in KNOWN_EXTENSIONS:
        if not explicit:
            return
        # Given by name: read it only if it opens like a feed.
        if not looks_like_feed(read_bytes(path, shown, limit=_SNIFF)):
            raise InputError(shown, f"unsupported file type '{ext}'" if ext else "unsupported file type (no extension)")
    data = read_bytes(path, shown)
    if ext in _FEED or looks_like_feed(data[:_SNIFF]):
        if b"\x00" in data[:_SNIFF] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(shown, "binary file")
        yield from read_feed(data, shown, report)
        return
    try:
        text = decode_bytes(data)
    except ValueError as err:
        raise InputError(shown, str(err)) from None
    if ext in _HTML:
        yield from read_html(text, shown)
    else:
        yield from read_text(text, shown)


def _read_stdin(stream: TextIO, report: OnError) -> Iterator[Article]:
    head: list[str] = []
    first = ""
    for line in stream:
        head.append(line)
        if line.strip().lstrip("\ufeff"):
            first = line.lstrip().lstrip("\ufeff")
            break
    lines = itertools.chain(head, stream)
    if first.startswith("{"):
        yield from read_jsonl(enumerate(lines, 1), _STDIN_NAME, report)
        return
    text = "".join(lines).lstrip("\ufeff")
    if "\x00" in text:
        raise InputError(_STDIN_NAME, "binary file")
    start = text.lstrip()[:4096]
    if first.startswith("<") and looks_like_feed(start.encode("utf-8")):
        # A UTF-8 byte-order mark tells feedparser to ignore the declared encoding.
        yield from read_feed(b"\xef\xbb\xbf" + text.encode("utf-8"), _STDIN_NAME, report)
    elif first.startswith("<") and start[:15].lower().startswith(("<!doctype html", "<html")):
        yield from read_html(text, _STDIN_NAME)
    else:
        yield from read_text(text, _STDIN_NAME)
