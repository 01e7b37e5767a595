"""Storage: ``open_store(url_or_path)`` gives a :class:`Store` (SQLite by default).

>>> with open_store("deaths.db") as store:          # doctest: +SKIP
...     store.counts()["incidents"]
"""

from __future__ import annotations

from pathlib import Path

from deathtoll.errors import StoreError
from deathtoll.store.base import SourcedReport, Store, StoredCheck

__all__ = ["open_store", "Store", "SourcedReport", "StoredCheck"]

_SQLITE_PREFIX = "sqlite:///"
_POSTGRES_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def open_store(url_or_path: str | Path) -> Store:
    """Open (and create or migrate) the store at a path or URL.

    Args:
        url_or_path: a file path or ``sqlite:///path`` (``sqlite:////abs/path``
            for an absolute one) for SQLite, ``:memory:`` for a throw-away
            database, or ``postgresql://…``.

    Returns:
        The open store; use it as a context manager or call ``close()``.

    Raises:
        StoreError: the location cannot be opened, or its backend is not available.
    """
    target = str(url_or_path)
    if target.startswith(_POSTGRES_PREFIXES):
        raise StoreError("PostgreSQL backend is not built yet")
    if target.startswith(_SQLITE_PREFIX):
        target = target[len(_SQLITE_PREFIX):]
    elif "://" in target:
        raise StoreError(f"unsupported database URL: {target.split('://', 1)[0]}://… (use a path, sqlite:/// or postgresql://)")
    if not target:
        raise StoreError("empty database path")
    from deathtoll.store.sqlite import SQLiteStore

    return SQLiteStore(target)
