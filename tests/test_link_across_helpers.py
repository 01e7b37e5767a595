"""Builders for the cross-article linking tests (no tests here).

Every sentence is written for these tests; places are real towns with
rounded coordinates.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from deathtoll.link.items import LinkItem
from deathtoll.model import Actor, Count, DateRange, Evidence, Incident, Place, Report, Victims, VictimTally

PLACES = {
    "mosul": Place("Mosul", 99072, 36.335, 43.119, "Nineveh", "IQ", "town"),
    "bab_al_tob": Place("Bab al-Tob", None, 36.341, 43.133, "Nineveh", "IQ", "neighbourhood"),
    "zanjili": Place("Zanjili", None, 36.352, 43.112, "Nineveh", "IQ", "neighbourhood"),
    "nineveh": Place("Nineveh", None, 36.2, 42.9, "Nineveh", "IQ", "province"),
    "baghdad": Place("Baghdad", 98182, 33.341, 44.401, "Baghdad", "IQ", "town"),
    "karrada": Place("Karrada", None, 33.305, 44.426, "Baghdad", "IQ", "neighbourhood"),
    "bayaa": Place("Bayaa", None, 33.287, 44.338, "Baghdad", "IQ", "neighbourhood"),
    "doura": Place("Doura", None, 33.253, 44.398, "Baghdad", "IQ", "neighbourhood"),
    "kirkuk": Place("Kirkuk", 94787, 35.468, 44.392, "Kirkuk", "IQ", "town"),
    "tal_afar": Place("Tal Afar", 95446, 36.377, 42.449, "Nineveh", "IQ", "town"),
    "hamdaniya": Place("Hamdaniya", None, 36.271, 43.374, "Nineveh", "IQ", "town"),  # no GeoNames id: unsure
    "gogjali": Place("Gogjali", None, 36.353, 43.211, "Nineveh", "IQ", "town"),  # 8.5 km east of Mosul: near
    "badush": Place("Badush", None, 36.403, 42.955, "Nineveh", "IQ", "town"),  # 16 km north-west of Mosul: near
    "tikrit": Place("Tikrit", None, 34.616, 43.679, "Salah ad Din", "IQ", "town"),
    "iraq": Place("Iraq", None, 33.0, 44.0, None, "IQ", "country"),
    "aleppo": Place("Aleppo", 170063, 36.202, 37.158, "Aleppo", "SY", "town"),
    "nowhere": Place(),
}

DAY = date(2017, 3, 4)


def when(day: date | None = DAY, precision: str = "day", end: date | None = None) -> DateRange:
    """A date range; ``day=None`` is undated."""
    if day is None:
        return DateRange()
    return DateRange(day, end or day, precision)


def report(aid: str, seq: int, sentence: str, n: int | None, *, outcome: str = "killed", group: str = "civilian",
           cause: str | None = "vbied", place: str = "mosul", day: date | None = DAY, precision: str = "day",
           end: date | None = None, rules: Iterable[str] = (), scope: str = "incident", certainty: str = "reported",
           low: int | None = None, high: int | None = None, text: str | None = None, incident: int = 0,
           perpetrator: str | None = None, attribution: str | None = None) -> Report:
    """One report of article ``aid``; ``n`` is the best figure (low/high default to it)."""
    count_text = text or (str(n) if n is not None else None)
    start = sentence.find(count_text) if count_text and count_text in sentence else 0
    return Report(
        id=f"{aid}#{seq}",
        outcome=outcome,
        count=Count(low if low is not None else n, n, high if high is not None else n, count_text),
        victims=Victims(group),
        evidence=Evidence(sentence, start, start + len(count_text or ""), 0, len(sentence), tuple(rules) or ("test",)),
        scope=scope,
        certainty=certainty,
        cause=cause,
        perpetrator=Actor(perpetrator, perpetrator) if perpetrator else None,
        attribution=attribution,
        place=PLACES[place],
        date=when(day, precision, end),
        incident=f"{aid}/{incident}",
    )


def item(reports: Iterable[Report], *, source: str | None = "Wire", published: date | None = DAY,
         copy_of: str | None = None, title: str | None = None, linked: str | None = None, n: int | None = None) -> LinkItem:
    """The article incident holding ``reports`` (all of one article)."""
    reps = tuple(reports)
    aid = reps[0].article_id
    number = n if n is not None else int(reps[0].incident.rsplit("/", 1)[1])
    figures: dict[tuple[str, str], int] = {}
    for r in reps:
        if r.scope == "incident" and r.count.best is not None:
            key = (r.victims.group, r.outcome)
            figures[key] = max(figures.get(key, 0), r.count.best)
    victims = tuple(VictimTally(g, o, v, v, v) for (g, o), v in sorted(figures.items()))
    first = reps[0]
    inc = Incident(f"{aid}/{number}", first.place, first.date, first.cause, first.perpetrator, victims,
                   tuple(r.id for r in reps))
    return LinkItem(inc, reps, source, published, copy_of, aid, linked=linked, title=title)


def one(aid: str, sentence: str, n: int | None, *, source: str = "Wire", published: date | None = DAY,
        copy_of: str | None = None, title: str | None = None, **fields) -> LinkItem:
    """A one-report article incident."""
    return item([report(aid, 0, sentence, n, **fields)], source=source, published=published, copy_of=copy_of,
                title=title)


def partition(result) -> set[frozenset[str]]:
    """The linked incidents as sets of article incident ids."""
    return {frozenset(m) for m in result.members.values()}
