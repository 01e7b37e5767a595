"""What a place name can stand for: its spelling variants, the qualifier that
restricts it ("Aurora, Colo.", "Chester, Delaware County"), the county that
holds its sentence to one state, and a first-level division before a small town
of the same name ("Florida", "Indiana")."""

from __future__ import annotations

from deathtoll.resolve.context import FINE
from deathtoll.resolve.gazetteer import Candidate, Gazetteer, distance_km
from deathtoll.resolve.mentions import Mention
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.words import PlaceWords

__all__ = ["lookup", "qualifier_filter", "restrict", "county_states"]

_DIVISION_OVER_TOWN = 100_000
_COUNTY_RADIUS_KM = 60.0


def _variants(m: Mention, words: PlaceWords) -> list[str]:
    out = []
    if m.kind_in_name or (m.kind in ("district", "province") and m.written != m.name):
        out.append(m.written)
    out.append(m.name)
    first, _, rest = m.name.partition(" ")
    if rest and words.has("direction_prefixes", first.rstrip(".")):
        out.append(rest)  # "Southwest Philadelphia", "N. Portland"
    head, _, last = m.name.rpartition(" ")
    if head and last.lower() == "city":
        out.append(head)  # "York City" when the index has only "York"
    return out


def lookup(gz: Gazetteer, m: Mention, words: PlaceWords, q: dict | None = None,
            **kw) -> tuple[list[Candidate], str | None]:
    """Candidates of the first spelling variant that has an exact match (within the
    qualifier's country or state ``q``), with the variant that matched."""
    if m.kind == "street":
        return [], None
    division = m.kind in ("province", "district")
    fallback: tuple[list[Candidate], str | None] = ([], None)
    for name in _variants(m, words):
        cands = restrict([c for c in gz.lookup(name, division=division, **kw) if c.exact or c.similarity >= 0.75], q)
        if any(c.exact for c in cands):
            return _prefer_division(cands, m, kw.get("country")), name
        if cands and not fallback[0]:
            fallback = (cands, name)
    return fallback


def _prefer_division(cands: list[Candidate], m: Mention, country: str | None) -> list[Candidate]:
    """A name that is exactly a first-level division ("Florida", "Indiana") is the
    division, not a small town of that name, unless written as a settlement; a town
    of 100,000+ people keeps the name ("New York", "Baghdad")."""
    if m.kind is not None:
        return cands
    prov = next((c for c in cands if c.exact and c.feature == "ADM1" and (not country or c.country == country)), None)
    if prov is None:
        return cands
    if any(c.exact and c.precision in FINE and c.population >= _DIVISION_OVER_TOWN for c in cands):
        return cands
    return [prov] + [c for c in cands if c is not prov]


def qualifier_filter(gz: Gazetteer, words: PlaceWords, qual: str | None) -> dict | None:
    """What "…, Iraq" or "…, Colo." restricts a name to: {"country": …} or
    {"country", "admin1"}, with the "candidate" entry of the qualifier itself."""
    if not qual:
        return None
    last = qual.split()[-1]
    if " " in qual and len(last) == 2 and last.isupper() and gz.admin1_name("US", last):
        qual = last  # "YORK, COUNTY PA-"
    abbrev = words.us_states.get(qual.lower().rstrip("."))
    if abbrev is None and len(qual) == 2 and qual.isupper() and gz.admin1_name("US", qual):
        abbrev = qual
    if abbrev:
        name = gz.admin1_name("US", abbrev.upper())
        if not name:
            return None
        cands = [c for c in gz.lookup(name, division=True, country="US", limit=5) if c.feature == "ADM1"]
        return {"country": "US", "admin1": name, "candidate": cands[0] if cands else None}
    parts = qual.split()
    if len(parts) > 1 and words.has("district_types", parts[-1].rstrip(".")):
        # "Chester, Delaware County": near one of the counties of that name
        counties = [c for c in gz.lookup(qual, division=True, limit=20) if c.exact and c.feature == "ADM2" and c.point]
        if len({c.country for c in counties}) != 1:
            return None
        q = {"country": counties[0].country or "", "near": [c.point for c in counties],
             "candidate": counties[0] if len(counties) == 1 else None}
        if len({c.admin1 for c in counties}) == 1:
            q["admin1"] = counties[0].admin1 or ""
        return q
    for c in gz.lookup(qual, division=True, limit=5):
        if c.exact and c.precision == "country":
            return {"country": c.country or "", "candidate": c}
        if c.exact and c.precision == "province":
            return {"country": c.country or "", "admin1": c.admin1 or "", "candidate": c}
    return None


def restrict(cands: list[Candidate], q: dict | None) -> list[Candidate]:
    if not q:
        return cands
    out = [c for c in cands if c.country == q["country"] and (not q.get("admin1") or c.admin1 == q["admin1"])]
    if q.get("near"):
        out = [c for c in out if c.point and min(distance_km(c.point, p) for p in q["near"]) <= _COUNTY_RADIUS_KM]
    return out


def county_states(ms: list[Mention], first: dict[int, list[Candidate]], accepted: set[int],
                   index: TextIndex) -> dict[int, dict]:
    """A county written in a sentence ("in Florence, according to Los Angeles County
    coroner's records") holds the sentence's other places to its state, when every
    county of that name is in one state."""
    out: dict[int, dict] = {}
    for j in accepted:
        m = ms[j]
        if m.kind != "district" or not m.kind_in_name:
            continue
        counties = [c for c in first[j] if c.exact and c.feature == "ADM2"]
        if not counties or len({(c.country, c.admin1) for c in counties}) != 1 or not counties[0].admin1:
            continue
        s, e = index.sentence_of(m.start)
        for i in accepted:
            if i != j and s <= ms[i].start < e and ms[i].kind not in ("province", "district"):
                out[i] = {"country": counties[0].country or "", "admin1": counties[0].admin1}
    return out
