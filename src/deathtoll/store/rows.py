"""Flat table rows from the model and back, shared by the SQL backends.

Rows are plain dicts keyed by column name; dates are ISO strings and nested
lists or dicts are JSON text, so any SQL backend can bind them as they are.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Mapping

from deathtoll.model import (
    Actor,
    Article,
    Check,
    Count,
    DateRange,
    Evidence,
    Incident,
    Place,
    Report,
    Victims,
    VictimTally,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "REPORT_COLUMNS",
    "INCIDENT_COLUMNS",
    "CHECK_COLUMNS",
    "article_row",
    "article_from_row",
    "report_row",
    "report_from_row",
    "incident_row",
    "incident_from_row",
    "victim_rows",
    "check_row",
    "check_from_row",
    "dumps",
    "json_loads",
]

PLACE_COLUMNS = ("place_name", "place_geonames_id", "place_lat", "place_lon",
                 "place_admin1", "place_country", "place_precision")
DATE_COLUMNS = ("date_start", "date_end", "date_precision", "date_text")

ARTICLE_COLUMNS = ("id", "content_hash", "title", "published", "source", "url", "author",
                   "language", "origin", "text", "copy_of", "totals", "run_id")
REPORT_COLUMNS = ("id", "article_id", "seq", "outcome", "count_low", "count_best", "count_high",
                  "count_text", "victim_group", "victim_detail", "scope", "certainty", "cause",
                  "perpetrator", "perpetrator_text", "attribution", *PLACE_COLUMNS, *DATE_COLUMNS,
                  "sentence", "start", "end", "sentence_start", "sentence_end", "rules")
INCIDENT_COLUMNS = ("id", "article_id", "seq", *PLACE_COLUMNS, *DATE_COLUMNS, "cause",
                    "perpetrator", "perpetrator_text", "victims", "sources", "status", "origin")
CHECK_COLUMNS = ("article_id", "kind", "status", "message", "reports", "stated", "itemised")


def dumps(value: Any) -> str | None:
    """Compact JSON text, None kept as SQL NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def json_loads(text: str | None, default: Any = None) -> Any:
    """Parse JSON text; NULL or empty gives ``default``."""
    return json.loads(text) if text else default


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _place_cols(p: Place) -> dict[str, Any]:
    return {"place_name": p.name, "place_geonames_id": p.geonames_id, "place_lat": p.lat,
            "place_lon": p.lon, "place_admin1": p.admin1, "place_country": p.country,
            "place_precision": p.precision}


def _place(row: Mapping[str, Any]) -> Place:
    return Place(row["place_name"], row["place_geonames_id"], row["place_lat"], row["place_lon"],
                 row["place_admin1"], row["place_country"], row["place_precision"] or "unknown")


def _date_cols(d: DateRange) -> dict[str, Any]:
    return {"date_start": _iso(d.start), "date_end": _iso(d.end),
            "date_precision": d.precision, "date_text": d.text}


def _daterange(row: Mapping[str, Any]) -> DateRange:
    return DateRange(_date(row["date_start"]), _date(row["date_end"]),
                     row["date_precision"] or "unknown", row["date_text"])


def _actor(row: Mapping[str, Any]) -> Actor | None:
    return Actor(row["perpetrator"], row["perpetrator_text"]) if row["perpetrator"] else None


def article_row(article: Article, *, totals: Mapping[str, Any] | None, run_id: int | None) -> dict[str, Any]:
    """The ``articles`` row of an article; ``totals`` is None for a copy."""
    return {"id": article.id, "content_hash": article.content_hash, "title": article.title,
            "published": _iso(article.published), "source": article.source, "url": article.url,
            "author": article.author, "language": article.language, "origin": article.origin,
            "text": article.text, "copy_of": article.copy_of, "totals": dumps(totals),
            "run_id": run_id}


def article_from_row(row: Mapping[str, Any]) -> Article:
    """An Article from an ``articles`` row; a row selected without ``text`` gives ``text=""``."""
    keys = row.keys()
    return Article(id=row["id"], text=row["text"] if "text" in keys else "", title=row["title"],
                   published=_date(row["published"]), source=row["source"], url=row["url"],
                   language=row["language"] if "language" in keys else "en",
                   author=row["author"] if "author" in keys else None,
                   origin=row["origin"] if "origin" in keys else None,
                   copy_of=row["copy_of"] if "copy_of" in keys else None)


def report_row(report: Report, article_id: str, seq: int) -> dict[str, Any]:
    """The ``reports`` row of a report, ``seq`` its position within the article."""
    ev = report.evidence
    perp = report.perpetrator
    return {"id": report.id, "article_id": article_id, "seq": seq, "outcome": report.outcome,
            "count_low": report.count.low, "count_best": report.count.best,
            "count_high": report.count.high, "count_text": report.count.text,
            "victim_group": report.victims.group, "victim_detail": report.victims.detail,
            "scope": report.scope, "certainty": report.certainty, "cause": report.cause,
            "perpetrator": perp.name if perp else None, "perpetrator_text": perp.text if perp else None,
            "attribution": report.attribution, **_place_cols(report.place), **_date_cols(report.date),
            "sentence": ev.sentence, "start": ev.start, "end": ev.end,
            "sentence_start": ev.sentence_start, "sentence_end": ev.sentence_end,
            "rules": dumps(list(ev.rules))}


def report_from_row(row: Mapping[str, Any], incident: str | None = None) -> Report:
    """A Report from a ``reports`` row; ``incident`` is the within-article incident id."""
    evidence = Evidence(row["sentence"], row["start"], row["end"], row["sentence_start"],
                        row["sentence_end"], tuple(json_loads(row["rules"], [])))
    return Report(id=row["id"], outcome=row["outcome"],
                  count=Count(row["count_low"], row["count_best"], row["count_high"], row["count_text"]),
                  victims=Victims(row["victim_group"] or "unknown", row["victim_detail"]),
                  evidence=evidence, scope=row["scope"], certainty=row["certainty"],
                  cause=row["cause"], perpetrator=_actor(row), attribution=row["attribution"],
                  place=_place(row), date=_daterange(row), incident=incident)


def incident_row(incident: Incident, *, article_id: str | None, seq: int, origin: str) -> dict[str, Any]:
    """The ``incidents`` row of an incident (its report links go to ``report_incident``)."""
    perp = incident.perpetrator
    return {"id": incident.id, "article_id": article_id, "seq": seq, **_place_cols(incident.place),
            **_date_cols(incident.date), "cause": incident.cause,
            "perpetrator": perp.name if perp else None, "perpetrator_text": perp.text if perp else None,
            "victims": dumps([v.to_dict() for v in incident.victims]), "sources": incident.sources,
            "status": incident.status, "origin": origin}


def victim_rows(incident: Incident) -> list[dict[str, Any]]:
    """The ``incident_victims`` rows (one per victim tally) used to filter incidents."""
    return [{"incident_id": incident.id, "victim_group": v.group, "outcome": v.outcome,
             "low": v.low, "best": v.best, "high": v.high} for v in incident.victims]


def incident_from_row(row: Mapping[str, Any], reports: tuple[str, ...]) -> Incident:
    """An Incident from an ``incidents`` row and the ids of its reports."""
    victims = tuple(VictimTally.from_dict(v) for v in json_loads(row["victims"], []))
    return Incident(id=row["id"], place=_place(row), date=_daterange(row), cause=row["cause"],
                    perpetrator=_actor(row), victims=victims, reports=reports,
                    sources=row["sources"], status=row["status"])


def check_row(check: Check, article_id: str | None) -> dict[str, Any]:
    """The ``checks`` row of a check."""
    return {"article_id": article_id, "kind": check.kind, "status": check.status,
            "message": check.message, "reports": dumps(list(check.reports)),
            "stated": dumps(check.stated), "itemised": dumps(check.itemised)}


def check_from_row(row: Mapping[str, Any]) -> Check:
    """A Check from a ``checks`` row."""
    return Check(row["kind"], row["status"], row["message"], tuple(json_loads(row["reports"], [])),
                 json_loads(row["stated"]), json_loads(row["itemised"]))
