"""The backend-neutral interface every store implements.

A store keeps runs, articles, reports, incidents and checks. The pipeline
writes through :meth:`Store.save_batch` (one transaction per batch); the CLI,
the exports and the web app read through the query methods. SQLite is the
default backend (:mod:`deathtoll.store.sqlite`); a PostgreSQL backend only has
to implement the same abstract methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, Iterator, Sequence

from deathtoll.model import Article, ArticleResult, Check, Incident, Report

__all__ = ["Store", "SourcedReport", "StoredCheck"]


@dataclass(frozen=True)
class SourcedReport:
    """A stored report with the article it came from (the article's text left out)."""

    report: Report
    article: Article


@dataclass(frozen=True)
class StoredCheck:
    """A stored check and the article it was made on (None for cross-article checks)."""

    id: int
    article_id: str | None
    check: Check


class Store(ABC):
    """A casualty database. Use as a context manager, or call :meth:`close`."""

    #: Where the store lives, for messages (a path or a URL without password).
    location: str = ""

    # -- runs -------------------------------------------------------------
    @abstractmethod
    def start_run(self, options: dict[str, Any]) -> int:
        """Record the start of a pipeline run and return its id."""

    @abstractmethod
    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        """Record the end of run ``run_id`` with its summary."""

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def stored_hash(self, article_id: str) -> str | None:
        """The content hash stored for ``article_id``, or None if it is not stored."""

    @abstractmethod
    def save_batch(self, run_id: int | None, results: Sequence[ArticleResult], copies: Sequence[Article]) -> None:
        """Store a batch of results and of copied articles in one transaction.

        An article stored with the same content hash is left alone; one stored
        with another hash has its reports, incidents and checks replaced.
        Copies are stored as articles with ``copy_of`` set and no reports.

        Raises:
            StoreError: the batch is inconsistent or cannot be written; nothing
                of it is stored.
        """

    # -- reading ----------------------------------------------------------
    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def iter_article_texts(self) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of every stored article that is not a copy."""

    @abstractmethod
    def incidents(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        place: str | None = None,
        group: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
        level: str = "auto",
    ) -> list[Incident]:
        """Stored incidents matching every filter given, earliest first (undated last).

        Args:
            since: incidents whose date range ends on or after this day.
            until: incidents whose date range starts on or before this day.
                With either bound, undated incidents are left out.
            place: case-insensitive substring of the place name or of the
                first-level admin name, or the exact ISO country code.
            group: incidents with a victim tally of this group.
            outcome: incidents with a victim tally of this outcome (with
                ``group``, both on the same tally).
            limit: at most this many.
        """

    @abstractmethod
    def incident(self, incident_id: str) -> Incident | None:
        """One incident, or None."""

    @abstractmethod
    def reports_for(self, incident_id: str) -> list[SourcedReport]:
        """The reports of an incident, each with its article, in article then text order."""

    @abstractmethod
    def article(self, article_id: str) -> ArticleResult | None:
        """One stored article (with its text) and everything read out of it, or None."""

    @abstractmethod
    def checks(self, *, article_id: str | None = None) -> list[StoredCheck]:
        """Stored checks, all or those of one article, in the order they were stored."""

    # -- linking across articles ---------------------------------------
    @abstractmethod
    def stored_reports(self) -> list[Report]:
        """Every stored report, in article then text order."""

    @abstractmethod
    def link_items(self, reports: Sequence[Report] | None = None) -> list[Any]:
        """Every article incident as a ``LinkItem`` with the linked incident it is in."""

    @abstractmethod
    def save_links(self, result: Any, checks: Sequence[Check]) -> None:
        """Replace every linked incident, membership and cross-store check in one transaction."""

    @abstractmethod
    def has_links(self) -> bool:
        """Whether linking has run on this store."""

    @abstractmethod
    def manual_decisions(self) -> list[Any]:
        """Every analyst merge and split, oldest first."""

    @abstractmethod
    def add_decision(self, decision: Any) -> None:
        """Keep an analyst's merge or split; every later linking re-applies it."""

    # -- lifetime ---------------------------------------------------------
    @abstractmethod
    def close(self) -> None:
        """Release the connection. The store cannot be used afterwards."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
