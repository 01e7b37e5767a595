"""The store side of cross-article linking (SQLite).

Linked incidents live in ``incidents`` with ``origin`` 'linked' or 'manual'
and no ``article_id``; ``incident_members`` says which article incidents each
one holds; ``report_incident`` links their reports; ``manual_decisions`` keeps
every analyst merge and split, so a later run re-applies them. Cross-store
checks are the ``checks`` rows without an ``article_id``. Every relink
replaces all of this in one transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable, Sequence

from deathtoll.errors import StoreError
from deathtoll.link.cues import LEAD_CHARS, lead_of
from deathtoll.link.items import LinkItem, LinkResult
from deathtoll.link.manual import ManualDecision
from deathtoll.model import Check, Report
from deathtoll.store import rows

__all__ = ["LinkingMixin"]

_LINKED = "('linked', 'manual')"


class LinkingMixin:
    """Methods :class:`~deathtoll.store.sqlite.SQLiteStore` gets for linking."""

    _conn: sqlite3.Connection
    location: str

    def link_items(self, reports: Sequence[Report] | None = None) -> list[LinkItem]:
        """Every stored article incident as a :class:`LinkItem`, with the linked incident it is in.

        ``reports``: the stored reports when the caller has read them already.
        """
        articles, leads = {}, {}
        for r in self._conn.execute("SELECT id, title, published, source, url, author, language, origin, copy_of, "
                                    f"substr(text, 1, {LEAD_CHARS * 8}) AS opening FROM articles"):
            articles[r["id"]] = rows.article_from_row(r)
            leads[r["id"]] = lead_of(r["opening"])
        linked = dict(self._conn.execute("SELECT member_id, linked_id FROM incident_members").fetchall())
        incs = self._conn.execute("SELECT * FROM incidents WHERE origin = 'article' ORDER BY article_id, seq").fetchall()
        links = self._report_ids([r["id"] for r in incs])  # type: ignore[attr-defined]
        by_id = {r.id: r for r in (reports if reports is not None else self.stored_reports())}
        out = []
        for row in incs:
            inc = rows.incident_from_row(row, links.get(row["id"], ()))
            art = articles.get(row["article_id"])
            if art is None:
                continue
            mine = tuple(by_id[rid].with_(incident=inc.id) for rid in inc.reports if rid in by_id)
            out.append(LinkItem(inc, mine, art.source, art.published, art.copy_of, art.id,
                                linked=linked.get(inc.id), title=art.title, lead=leads.get(art.id)))
        return out

    def report(self, report_id: str) -> Report | None:
        """One stored report, or None."""
        row = self._conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        return rows.report_from_row(row) if row else None

    def stored_reports(self) -> list[Report]:
        """Every stored report (for the cross-store checks)."""
        return [rows.report_from_row(r) for r in self._conn.execute("SELECT * FROM reports ORDER BY article_id, seq")]

    def manual_decisions(self) -> list[ManualDecision]:
        """Every analyst decision, oldest first."""
        return [ManualDecision(r["kind"], tuple(rows.json_loads(r["incident_ids"], [])),
                               tuple(rows.json_loads(r["report_ids"], [])), r["created"])
                for r in self._conn.execute("SELECT * FROM manual_decisions ORDER BY created, id")]

    def add_decision(self, decision: ManualDecision) -> None:
        """Keep an analyst's merge or split (re-applied by every later run)."""
        self._conn.execute(
            "INSERT INTO manual_decisions (kind, incident_ids, report_ids, created) VALUES (?, ?, ?, ?)",
            (decision.kind, rows.dumps(list(decision.incident_ids)), rows.dumps(list(decision.report_ids)),
             decision.created))

    def save_links(self, result: LinkResult, checks: Sequence[Check]) -> None:
        """Replace every linked incident, membership and cross-store check, in one transaction."""
        try:
            with self._transaction():  # type: ignore[attr-defined]
                self._conn.execute(f"DELETE FROM incidents WHERE origin IN {_LINKED}")
                self._conn.execute("DELETE FROM checks WHERE article_id IS NULL")
                known = {r[0] for r in self._conn.execute("SELECT id FROM reports")}
                for n, inc in enumerate(result.incidents):
                    origin = result.origin.get(inc.id, "linked")
                    self._insert_many("incidents", [rows.incident_row(inc, article_id=None, seq=n, origin=origin)])  # type: ignore[attr-defined]
                    self._insert_many("incident_victims", rows.victim_rows(inc))  # type: ignore[attr-defined]
                    self._insert_many("report_incident", [  # type: ignore[attr-defined]
                        {"report_id": rid, "incident_id": inc.id, "position": pos}
                        for pos, rid in enumerate(dict.fromkeys(inc.reports)) if rid in known])
                    self._insert_many("incident_members", [  # type: ignore[attr-defined]
                        {"linked_id": inc.id, "member_id": m} for m in result.members.get(inc.id, ())])
                self._insert_many("checks", [rows.check_row(c, None) for c in checks])  # type: ignore[attr-defined]
        except sqlite3.Error as e:
            raise StoreError(f"{self.location}: cannot store linked incidents: {e}") from e

    def has_links(self) -> bool:
        return self._conn.execute(f"SELECT 1 FROM incidents WHERE origin IN {_LINKED} LIMIT 1").fetchone() is not None

    def members(self, linked_id: str) -> list[str]:
        """The article incidents a linked incident holds."""
        return [r[0] for r in self._conn.execute(
            "SELECT member_id FROM incident_members WHERE linked_id = ? ORDER BY member_id", (linked_id,))]

    def linked_of(self, incident_id: str) -> str | None:
        """The linked incident an article incident belongs to."""
        row = self._conn.execute("SELECT linked_id FROM incident_members WHERE member_id = ?", (incident_id,)).fetchone()
        return row[0] if row else None


def relink(store: Any, new_articles: Iterable[str] = (), options: Any = None) -> LinkResult:
    """Link the store's article incidents into cross-article incidents and store them.

    Articles in ``new_articles`` are linked as new; every other stored article
    incident keeps the linked incident it had (incremental: old articles are
    not compared among themselves again). Stored manual decisions are applied.
    """
    from deathtoll.link.across import link_incidents
    from deathtoll.link.checks_store import store_checks

    fresh = set(new_articles)
    reports = store.stored_reports()
    items = store.link_items(reports)
    new = [it for it in items if it.article_id in fresh or not it.linked]
    old = [it for it in items if not (it.article_id in fresh or not it.linked)]
    result = link_incidents(new, old, manual=store.manual_decisions(), options=options)
    store.save_links(result, store_checks(result.incidents, reports))
    return result
