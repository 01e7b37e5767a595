"""The default store: one SQLite file (stdlib ``sqlite3``), WAL mode, foreign keys on.

Every batch is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a process
killed mid-run leaves a database holding exactly the batches it committed.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

from deathtoll.errors import StoreError
from deathtoll.model import Article, ArticleResult, Incident, empty_totals
from deathtoll.store import rows
from deathtoll.store.base import SourcedReport, Store, StoredCheck
from deathtoll.store.linking import LinkingMixin
from deathtoll.store.migrations import MIGRATIONS, MIGRATIONS_TABLE

__all__ = ["SQLiteStore"]

TABLES = ("runs", "articles", "reports", "incidents", "incident_victims", "report_incident", "checks",
          "incident_members", "manual_decisions")

# Variables per IN (...) list, well under SQLite's limit.
_CHUNK = 500

# The within-article incident of each report, as a column of a reports query.
_OWN_INCIDENT = """(SELECT ri.incident_id FROM report_incident ri
    JOIN incidents i ON i.id = ri.incident_id
    WHERE ri.report_id = r.id AND i.article_id = r.article_id LIMIT 1) AS own_incident"""

_ARTICLE_META = "id, title, published, source, url, author, language, origin, copy_of"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _statements(sql: str) -> Iterator[str]:
    """Split a script into complete statements."""
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                yield buf
            buf = ""


def _insert(table: str, row: dict[str, Any], *, upsert: bool = False) -> tuple[str, tuple[Any, ...]]:
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    if upsert:
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c != "id")
        sql += f" ON CONFLICT(id) DO UPDATE SET {sets}"
    return sql, tuple(row.values())


class SQLiteStore(LinkingMixin, Store):
    """A store in one SQLite file (or ``:memory:``).

    Args:
        path: the database file; created, with its schema, if missing.

    Raises:
        StoreError: the file is not a SQLite database, its folder is missing,
            or it was written by a newer deathtoll.
    """

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        if self.location != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"{path}: folder {Path(path).parent} does not exist")
        try:
            self._conn = sqlite3.connect(self.location, isolation_level=None, timeout=30)
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot open database: {e}") from e
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise StoreError(f"{path}: not a deathtoll database: {e}") from e
        except StoreError:
            self._conn.close()
            raise

    # -- schema -----------------------------------------------------------
    def _migrate(self) -> None:
        self._conn.execute(MIGRATIONS_TABLE)
        known = [name for name, _ in MIGRATIONS]
        with self._transaction():
            applied = {r[0] for r in self._conn.execute("SELECT name FROM migrations")}
            unknown = sorted(applied - set(known))
            if unknown:
                raise StoreError(f"{self.location}: written by a newer deathtoll (migrations {', '.join(unknown)})")
            for name, sql in MIGRATIONS:
                if name in applied:
                    continue
                for stmt in _statements(sql):
                    self._conn.execute(stmt)
                self._conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))

    def migrations(self) -> list[tuple[str, str]]:
        """``(name, applied_at)`` of every applied migration, in order."""
        return [(r[0], r[1]) for r in self._conn.execute("SELECT name, applied_at FROM migrations ORDER BY name")]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- runs -------------------------------------------------------------
    def start_run(self, options: dict[str, Any]) -> int:
        cur = self._conn.execute("INSERT INTO runs (started, options) VALUES (?, ?)",
                                 (_now(), rows.dumps(options) or "{}"))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self._conn.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                           (_now(), rows.dumps(summary), run_id))

    # -- writing ----------------------------------------------------------
    def stored_hash(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def save_batch(self, run_id: int | None, results: Sequence[ArticleResult], copies: Sequence[Article]) -> None:
        try:
            with self._transaction():
                for result in results:
                    self._save_result(run_id, result)
                for article in copies:
                    self._save_article(run_id, article, totals=None)
        except sqlite3.Error as e:
            raise StoreError(f"{self.location}: cannot store batch: {e}") from e

    def _save_article(self, run_id: int | None, article: Article, totals: dict[str, Any] | None) -> bool:
        """Upsert the article row; False when it is stored unchanged already."""
        old = self.stored_hash(article.id)
        if old == article.content_hash:
            return False
        if old is not None:
            for table in ("reports", "incidents", "checks"):
                self._conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
        sql, params = _insert("articles", rows.article_row(article, totals=totals, run_id=run_id), upsert=True)
        self._conn.execute(sql, params)
        return True

    def _save_result(self, run_id: int | None, result: ArticleResult) -> None:
        article = result.article
        _check_consistent(result)
        if not self._save_article(run_id, article, totals=result.totals):
            return
        self._insert_many("reports", [rows.report_row(r, article.id, i) for i, r in enumerate(result.reports)])
        self._insert_many("incidents", [rows.incident_row(inc, article_id=article.id, seq=i, origin="article")
                                        for i, inc in enumerate(result.incidents)])
        self._insert_many("incident_victims", [v for inc in result.incidents for v in rows.victim_rows(inc)])
        links: dict[tuple[str, str], int] = {}
        for inc in result.incidents:
            for pos, rid in enumerate(inc.reports):
                links.setdefault((rid, inc.id), pos)
        for r in result.reports:
            if r.incident is not None:
                links.setdefault((r.id, r.incident), len(links))
        self._insert_many("report_incident", [{"report_id": rid, "incident_id": iid, "position": pos}
                                              for (rid, iid), pos in links.items()])
        self._insert_many("checks", [rows.check_row(c, article.id) for c in result.checks])

    def _insert_many(self, table: str, items: list[dict[str, Any]]) -> None:
        if not items:
            return
        sql, _ = _insert(table, items[0])
        self._conn.executemany(sql, [tuple(item.values()) for item in items])

    # -- reading ----------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self._conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}

    def iter_article_texts(self) -> Iterator[tuple[str, str]]:
        cur = self._conn.execute("SELECT id, text FROM articles WHERE copy_of IS NULL ORDER BY rowid")
        while batch := cur.fetchmany(500):
            for row in batch:
                yield row[0], row[1]

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
        where: list[str] = []
        params: list[Any] = []
        if level == "auto":
            level = "linked" if self.has_links() else "article"
        where.append("i.origin = 'article'" if level == "article" else "i.origin IN ('linked', 'manual')")
        if since is not None or until is not None:
            where.append("i.date_start IS NOT NULL")
        if since is not None:
            where.append("COALESCE(i.date_end, i.date_start) >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("i.date_start <= ?")
            params.append(until.isoformat())
        if place:
            pattern = "%" + place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(i.place_name LIKE ? ESCAPE '\\' OR i.place_admin1 LIKE ? ESCAPE '\\'"
                         " OR UPPER(i.place_country) = UPPER(?))")
            params += [pattern, pattern, place]
        if group or outcome:
            cond = ["v.incident_id = i.id"]
            if group:
                cond.append("v.victim_group = ?")
                params.append(group)
            if outcome:
                cond.append("v.outcome = ?")
                params.append(outcome)
            where.append(f"EXISTS (SELECT 1 FROM incident_victims v WHERE {' AND '.join(cond)})")
        sql = "SELECT i.* FROM incidents i"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY i.date_start IS NULL, i.date_start, i.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        found = self._conn.execute(sql, params).fetchall()
        links = self._report_ids([r["id"] for r in found])
        return [rows.incident_from_row(r, links.get(r["id"], ())) for r in found]

    def _report_ids(self, incident_ids: list[str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for i in range(0, len(incident_ids), _CHUNK):
            chunk = incident_ids[i:i + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self._conn.execute(
                f"SELECT incident_id, report_id FROM report_incident WHERE incident_id IN ({marks})"
                " ORDER BY incident_id, position, report_id", chunk):
                out.setdefault(row[0], []).append(row[1])
        return {k: tuple(v) for k, v in out.items()}

    def incident(self, incident_id: str) -> Incident | None:
        row = self._conn.execute("SELECT * FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            return None
        return rows.incident_from_row(row, self._report_ids([incident_id]).get(incident_id, ()))

    def reports_for(self, incident_id: str) -> list[SourcedReport]:
        found = self._conn.execute(
            f"SELECT r.*, {_OWN_INCIDENT} FROM report_incident l JOIN reports r ON r.id = l.report_id"
            " WHERE l.incident_id = ? ORDER BY l.position, r.article_id, r.seq", (incident_id,)).fetchall()
        articles: dict[str, Article] = {}
        out = []
        for row in found:
            aid = row["article_id"]
            if aid not in articles:
                meta = self._conn.execute(f"SELECT {_ARTICLE_META} FROM articles WHERE id = ?", (aid,)).fetchone()
                articles[aid] = rows.article_from_row(meta)
            out.append(SourcedReport(rows.report_from_row(row, row["own_incident"]), articles[aid]))
        return out

    def article(self, article_id: str) -> ArticleResult | None:
        row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        reports = tuple(rows.report_from_row(r, r["own_incident"]) for r in self._conn.execute(
            f"SELECT r.*, {_OWN_INCIDENT} FROM reports r WHERE r.article_id = ? ORDER BY r.seq", (article_id,)))
        inc_rows = self._conn.execute("SELECT * FROM incidents WHERE article_id = ? ORDER BY seq",
                                      (article_id,)).fetchall()
        links = self._report_ids([r["id"] for r in inc_rows])
        incidents = tuple(rows.incident_from_row(r, links.get(r["id"], ())) for r in inc_rows)
        checks = tuple(c.check for c in self.checks(article_id=article_id))
        totals = rows.json_loads(row["totals"]) or empty_totals()
        return ArticleResult(rows.article_from_row(row), reports, incidents, totals, checks)

    def checks(self, *, article_id: str | None = None) -> list[StoredCheck]:
        sql, params = "SELECT * FROM checks", ()
        if article_id is not None:
            sql, params = sql + " WHERE article_id = ?", (article_id,)
        return [StoredCheck(r["id"], r["article_id"], rows.check_from_row(r))
                for r in self._conn.execute(sql + " ORDER BY id", params)]

    # -- lifetime ---------------------------------------------------------
    def close(self) -> None:
        self._conn.close()


def _check_consistent(result: ArticleResult) -> None:
    """Refuse a result whose incidents point at reports it does not hold."""
    aid = result.article.id
    report_ids = [r.id for r in result.reports]
    incident_ids = [i.id for i in result.incidents]
    for kind, ids in (("report", report_ids), ("incident", incident_ids)):
        if len(set(ids)) != len(ids):
            dup = next(x for x in ids if ids.count(x) > 1)
            raise StoreError(f"article {aid}: {kind} id {dup} is used twice")
    known_reports, known_incidents = set(report_ids), set(incident_ids)
    for inc in result.incidents:
        for rid in inc.reports:
            if rid not in known_reports:
                raise StoreError(f"article {aid}: incident {inc.id} lists unknown report {rid}")
    for r in result.reports:
        if r.incident is not None and r.incident not in known_incidents:
            raise StoreError(f"article {aid}: report {r.id} names unknown incident {r.incident}")
