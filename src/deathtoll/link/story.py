"""One story or two: whether two statements of one article may tell one event.

Used by :mod:`deathtoll.link.within` to merge restatements. Two statements are
kept apart only when their own words say so: places each names in its own
clause far apart, weapons of different kinds, days that cannot meet (a
publication day only bounds an event from above; an arrest told beside a
casualty comes on or after the event's day).
"""

from __future__ import annotations

from deathtoll.geo import distance_km
from deathtoll.link.features import from_publication
from deathtoll.model import Report

__all__ = ["SAME_PLACE_KM", "compatible_place", "compatible_cause", "compatible_date", "describes_state", "step_after"]

SAME_PLACE_KM = 30.0  # two places this close can be one event's
_CAUSE_FAMILY = {
    "ied": "explosion", "vbied": "explosion", "suicide_attack": "explosion", "bombing": "explosion",
    "landmine": "explosion", "gunfire": "gunfire", "sniper": "gunfire", "attack": None, "clashes": None,
}


def describes_state(r: Report) -> bool:
    """The report tells the victims' state (a wound, a condition, a trip to hospital), not a new hurt."""
    return any(x in r.evidence.rules for x in ("victim:wound-holder", "victim:condition")) or \
        any(x.startswith("trigger:hospital") for x in r.evidence.rules)


def compatible_place(a: Report, b: Report) -> bool:
    """Two statements can be about one event unless each names its own place, in its own
    clause or sentence, and the two lie far apart (a hospital, a home town or a street
    named in passing does not split a story)."""
    pa, pb = a.place, b.place
    if not (_own_place(a) and _own_place(b)):
        return True
    if describes_state(a) or describes_state(b) or _named_elsewhere(a) or _named_elsewhere(b):
        return True  # "taken to Temple University Hospital": where the victim went, not where it happened
    if pa.geonames_id and pa.geonames_id == pb.geonames_id:
        return True
    if pa.is_known and pb.is_known:
        return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= SAME_PLACE_KM
    # a place the gazetteer cannot put on the map ("the town of Effingham") is not shown to be far
    return True


def _own_place(r: Report) -> bool:
    """The place that decided is the report's own clause's or sentence's: not one a name the
    gazetteer could not map fell back to (the headline's, the article's, the outlet's)."""
    deciding = [x for x in r.evidence.rules if x.startswith("place:") and x not in ("place:unresolved", "place:refined")]
    return bool(deciding) and deciding[-1] in ("place:clause", "place:sentence")


_ELSEWHERE = ("hospital", "medical center", "trauma center", "custody", "arrested in", "jail", "extradit",
              "surrendered", "apprehended in")


def _named_elsewhere(r: Report) -> bool:
    """"pronounced dead at Temple University Hospital", "taken into custody in Maryland": the place
    named may be the hospital's or the arrest's, not the event's."""
    return any(w in r.evidence.sentence.lower() for w in _ELSEWHERE)


def compatible_cause(a: str | None, b: str | None) -> bool:
    """Two causes can be one event's: either unknown, the same, or of one family (a sniper's shot is gunfire)."""
    if a is None or b is None or a == b:
        return True
    fa, fb = _CAUSE_FAMILY.get(a, a), _CAUSE_FAMILY.get(b, b)
    return fa is None or fb is None or fa == fb


def step_after(step: Report, other: Report, steps: set[str]) -> bool:
    """``step`` is an arrest or release told beside a casualty, on or after ``other``'s day."""
    return step.id in steps and step.date.start is not None and other.date.start is not None \
        and step.date.start >= other.date.start


def compatible_date(a: Report, b: Report) -> bool:
    """The two reports' days can meet (a publication day says "on or before it")."""
    da, db = a.date, b.date
    if not (da.start and db.start and da.end and db.end):
        return True
    # a date taken from the publication day only says "on or before it"
    if from_publication(a):
        return db.start <= da.end
    if from_publication(b):
        return da.start <= db.end
    return da.start <= db.end and db.start <= da.end
