"""The nouns of deathtoll: Article, Report, Incident, Check, and their JSON form.

Every class is a frozen dataclass (hashable, so the linker can put them in
sets) with ``to_dict`` / ``from_dict`` that produce and read exactly the shape
of the ``deathtoll extract --json`` contract in DESIGN.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Iterable

OUTCOMES = ("killed", "wounded", "kidnapped", "missing", "detained", "freed", "displaced", "trapped")
#: outcomes someone inflicts on the victims: their actor is the incident's perpetrator
HARM_OUTCOMES = ("killed", "wounded", "kidnapped", "missing")
GROUPS = ("civilian", "security_forces", "militants", "unknown")
SCOPES = ("incident", "aggregate", "cumulative")
CERTAINTIES = ("reported", "alleged", "feared", "denied", "none")
PLACE_PRECISIONS = ("exact", "neighbourhood", "town", "district", "province", "country", "unknown")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
INCIDENT_STATUSES = ("single-source", "corroborated", "conflicting")

__all__ = [
    "Article",
    "Count",
    "Victims",
    "Actor",
    "Place",
    "DateRange",
    "Evidence",
    "Report",
    "VictimTally",
    "Incident",
    "Check",
    "Totals",
    "ArticleResult",
    "article_id_for",
    "perpetrator_of",
]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | date | None) -> date | None:
    if s is None or s == "":
        return None
    if isinstance(s, date):
        return s
    return date.fromisoformat(str(s)[:10])


def article_id_for(source: str | None, url: str | None, text: str) -> str:
    """A stable id for an article that came without one: a hash of source, url and text."""
    h = hashlib.sha1()
    for part in (source or "", url or "", text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news item. ``origin`` names where it was read from (``file.jsonl:3``)."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    author: str | None = None
    origin: str | None = None
    copy_of: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of what extraction depends on: a changed article has a changed hash."""
        h = hashlib.sha1()
        for part in (self.title or "", self.text, _iso(self.published) or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": _iso(self.published),
            "source": self.source,
            "url": self.url,
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, for storage and JSONL round trips."""
        return {**self.to_dict(), "text": self.text, "language": self.language,
                "author": self.author, "origin": self.origin, "copy_of": self.copy_of}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            id=str(d["id"]),
            text=d.get("text") or "",
            title=d.get("title"),
            published=_date(d.get("published")),
            source=d.get("source"),
            url=d.get("url"),
            language=d.get("language") or "en",
            author=d.get("author"),
            origin=d.get("origin"),
            copy_of=d.get("copy_of"),
        )


@dataclass(frozen=True)
class Count:
    """A figure as UCDP states it: low / best / high, plus the words as written."""

    low: int | None
    best: int | None
    high: int | None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Count":
        return cls(d.get("low"), d.get("best"), d.get("high"), d.get("text"))

    @classmethod
    def exact(cls, n: int, text: str | None = None) -> "Count":
        return cls(n, n, n, text)


@dataclass(frozen=True)
class Victims:
    group: str = "unknown"
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "detail": self.detail}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Victims":
        return cls(d.get("group") or "unknown", d.get("detail"))


@dataclass(frozen=True)
class Actor:
    """A normalised actor (``islamic_state``) and the words the article used (``Daesh``)."""

    name: str
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Actor | None":
        if not d:
            return None
        return cls(d["name"], d.get("text"))


@dataclass(frozen=True)
class Place:
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonames_id": self.geonames_id,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "country": self.country,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Place":
        d = d or {}
        return cls(
            d.get("name"),
            d.get("geonames_id"),
            d.get("lat"),
            d.get("lon"),
            d.get("admin1"),
            d.get("country"),
            d.get("precision") or "unknown",
        )

    @property
    def is_known(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class DateRange:
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": _iso(self.start), "end": _iso(self.end), "precision": self.precision, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "DateRange":
        d = d or {}
        return cls(_date(d.get("start")), _date(d.get("end")), d.get("precision") or "unknown", d.get("text"))


@dataclass(frozen=True)
class Evidence:
    """Where a report comes from: the sentence, the offsets of the count and of the
    sentence in the article text, and the names of the rules that fired."""

    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "rules": list(self.rules),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        return cls(d["sentence"], d["start"], d["end"], d["sentence_start"], d["sentence_end"], tuple(d.get("rules") or ()))


@dataclass(frozen=True)
class Report:
    """One casualty statement in one article: the atom of evidence."""

    id: str
    outcome: str
    count: Count
    victims: Victims
    evidence: Evidence
    scope: str = "incident"
    certainty: str = "reported"
    cause: str | None = None
    perpetrator: Actor | None = None
    attribution: str | None = None
    place: Place = field(default_factory=Place)
    date: DateRange = field(default_factory=DateRange)
    incident: str | None = None

    @property
    def article_id(self) -> str:
        return self.id.rsplit("#", 1)[0]

    def with_(self, **changes: Any) -> "Report":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outcome": self.outcome,
            "count": self.count.to_dict(),
            "victims": self.victims.to_dict(),
            "scope": self.scope,
            "certainty": self.certainty,
            "cause": self.cause,
            "perpetrator": self.perpetrator.to_dict() if self.perpetrator else None,
            "attribution": self.attribution,
            "place": self.place.to_dict(),
            "date": self.date.to_dict(),
            "evidence": self.evidence.to_dict(),
            "incident": self.incident,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        return cls(
            id=d["id"],
            outcome=d["outcome"],
            count=Count.from_dict(d["count"]),
            victims=Victims.from_dict(d["victims"]),
            evidence=Evidence.from_dict(d["evidence"]),
            scope=d.get("scope") or "incident",
            certainty=d.get("certainty") or "reported",
            cause=d.get("cause"),
            perpetrator=Actor.from_dict(d.get("perpetrator")),
            attribution=d.get("attribution"),
            place=Place.from_dict(d.get("place")),
            date=DateRange.from_dict(d.get("date")),
            incident=d.get("incident"),
        )


@dataclass(frozen=True)
class VictimTally:
    """Reconciled figure for one victim group and outcome within an incident."""

    group: str
    outcome: str
    low: int | None
    best: int | None
    high: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "outcome": self.outcome, "low": self.low, "best": self.best, "high": self.high}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "VictimTally":
        return cls(d["group"], d["outcome"], d.get("low"), d.get("best"), d.get("high"))


@dataclass(frozen=True)
class Incident:
    """One real-world event made of one or more reports.

    ``sources`` and ``status`` are filled by cross-article linking; the
    per-article JSON contract (``to_dict``) leaves them out, ``to_record`` has them.
    """

    id: str
    place: Place = field(default_factory=Place)
    date: DateRange = field(default_factory=DateRange)
    cause: str | None = None
    perpetrator: Actor | None = None
    victims: tuple[VictimTally, ...] = ()
    reports: tuple[str, ...] = ()
    sources: int = 1
    status: str = "single-source"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "place": self.place.to_dict() if self.place.name or self.place.is_known else {},
            "date": self.date.to_dict() if (self.date.start or self.date.text) else {},
            "cause": self.cause,
            "perpetrator": self.perpetrator.to_dict() if self.perpetrator else None,
            "victims": [v.to_dict() for v in self.victims],
            "reports": list(self.reports),
        }

    def to_record(self) -> dict[str, Any]:
        return {**self.to_dict(), "sources": self.sources, "status": self.status}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Incident":
        return cls(
            id=d["id"],
            place=Place.from_dict(d.get("place")),
            date=DateRange.from_dict(d.get("date")),
            cause=d.get("cause"),
            perpetrator=Actor.from_dict(d.get("perpetrator")),
            victims=tuple(VictimTally.from_dict(v) for v in d.get("victims") or ()),
            reports=tuple(d.get("reports") or ()),
            sources=d.get("sources", 1),
            status=d.get("status", "single-source"),
        )

    def tally(self, outcome: str) -> tuple[int, int, int]:
        """Sum of low/best/high over victim groups for one outcome."""
        lo = sum(v.low or 0 for v in self.victims if v.outcome == outcome)
        be = sum(v.best or 0 for v in self.victims if v.outcome == outcome)
        hi = sum(v.high or 0 for v in self.victims if v.outcome == outcome)
        return lo, be, hi


@dataclass(frozen=True)
class Check:
    """A finding about consistency.

    ``kind``: aggregate (a stated total against the itemised incidents), conflict
    (sources disagree), unplaced, undated. ``status``: match | mismatch | info.
    ``stated`` and ``itemised`` map an outcome to its {"low", "best", "high"} figures.
    """

    kind: str
    status: str
    message: str
    reports: tuple[str, ...] = ()
    stated: dict[str, Any] | None = None
    itemised: dict[str, Any] | None = None

    def __hash__(self) -> int:  # dict fields are not hashable
        return hash((self.kind, self.status, self.message, self.reports))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "message": self.message,
            "reports": list(self.reports),
            "stated": self.stated,
            "itemised": self.itemised,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Check":
        return cls(d["kind"], d["status"], d.get("message") or "", tuple(d.get("reports") or ()), d.get("stated"), d.get("itemised"))


Totals = dict[str, dict[str, int]]


def empty_totals() -> Totals:
    return {o: {"low": 0, "best": 0, "high": 0} for o in ("killed", "wounded")}


@dataclass(frozen=True)
class ArticleResult:
    """Everything read out of one article: the object ``deathtoll extract --json`` prints."""

    article: Article
    reports: tuple[Report, ...] = ()
    incidents: tuple[Incident, ...] = ()
    totals: Totals = field(default_factory=empty_totals)
    checks: tuple[Check, ...] = ()

    def __hash__(self) -> int:
        return hash((self.article.id, self.reports))

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "reports": [r.to_dict() for r in self.reports],
            "incidents": [i.to_dict() for i in self.incidents],
            "totals": {k: dict(v) for k, v in self.totals.items()},
            "checks": [c.to_dict() for c in self.checks],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str = "") -> "ArticleResult":
        art = Article.from_dict({**d["article"], "text": text})
        return cls(
            article=art,
            reports=tuple(Report.from_dict(r) for r in d.get("reports") or ()),
            incidents=tuple(Incident.from_dict(i) for i in d.get("incidents") or ()),
            totals=d.get("totals") or empty_totals(),
            checks=tuple(Check.from_dict(c) for c in d.get("checks") or ()),
        )


def sum_counts(counts: Iterable[Count]) -> dict[str, int]:
    """Add counts, treating None as 0."""
    lo = be = hi = 0
    for c in counts:
        lo += c.low or 0
        be += c.best or 0
        hi += c.high or 0
    return {"low": lo, "best": be, "high": hi}


def perpetrator_of(reports: Iterable[Report]) -> Actor | None:
    """Who did what ``reports`` tell: the first actor of a harm (killed, wounded, kidnapped, missing).

    The actor of an arrest or a release ("police arrested the suspect") is
    not the perpetrator of the shooting the same story tells; it stands for
    the incident only when none of the reports tells a harm.
    """
    reports = list(reports)
    harms = [r for r in reports if r.outcome in HARM_OUTCOMES]
    return next((r.perpetrator for r in (harms or reports) if r.perpetrator), None)
