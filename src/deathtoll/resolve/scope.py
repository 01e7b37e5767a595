"""What a place name can stand for: its spelling variants, the qualifier that
restricts it ("Aurora, Colo.", "Chester, Delaware County") and every bare
mention of the same name, the county that holds its sentence to one state, and
a first-level division before a small town of the same name ("Florida",
"Indiana")."""

from __future__ import annotations

from deathtoll.resolve.context import FINE
from deathtoll.resolve.gazetteer import Candidate, Gazetteer, distance_km
from deathtoll.resolve.mentions import Mention
from deathtoll.resolve.normalize import fold
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.words import PlaceWords

__all__ = ["lookup", "qualifier_filter", "restrict", "county_states", "share_qualifiers"]

_DIVISION_OVER_TOWN = 100_000
_COUNTY_RADIUS_KM = 60.0
#: cues after which a name that ends in a street word may still be a town
_TOWN_CUES = ("in", "dateline", "near", "outside", "from", "attributive")


def _variants(m: Mention, words: PlaceWords) -> list[str]:
    out = []
    first, _, rest = m.name.partition(" ")
    direction = bool(rest) and words.has("direction_prefixes", first.rstrip("."))
    if m.kind_in_name or (m.kind in ("district", "province") and m.written != m.name):
        out.append(m.written)
        if direction:
            out.append(m.written.partition(" ")[2])  # "North Harris County" is in Harris County
    out.append(m.name)
    if direction:
        out.append(rest)  # "Southwest Philadelphia", "N. Portland"
    head, _, last = m.name.rpartition(" ")
    if head and last.lower() == "city":
        out.append(head)  # "York City" when the index has only "York"
    for name in list(out):
        alias = words.alias(name)
        if alias:
            out.insert(out.index(name) + 1, alias)  # "D.C." is looked up as "District of Columbia"
    return out


def lookup(gz: Gazetteer, m: Mention, words: PlaceWords, q: dict | None = None,
            **kw) -> tuple[list[Candidate], str | None]:
    """Candidates of the first spelling variant that has an exact match (within the
    qualifier's country or state ``q``), with the variant that matched."""
    if m.kind == "street":
        # "in Federal Way", "Federal Way police": a town whose name ends like a street's
        if m.kind_in_name and (m.cue in _TOWN_CUES or m.extra.get("role") in ("agency", "event")):
            towns = restrict([c for c in gz.lookup(m.written, **kw) if c.exact and c.precision == "town"], q)
            if towns:
                return towns, m.written
        return [], None
    division = m.kind in ("province", "district")
    fallback: tuple[list[Candidate], str | None] = ([], None)
    for name in _variants(m, words):
        cands = restrict([c for c in gz.lookup(name, division=division, **kw) if c.exact or c.similarity >= 0.75], q)
        if any(c.exact for c in cands):
            if any(c.exact and c.precision in FINE for c in cands):
                # a country spelled like a town is no reading of it ("in Columbia" is no Colombia)
                cands = [c for c in cands if c.exact or c.precision != "country"]
            return _prefer_division(cands, m, kw.get("country")), name
        if cands and not fallback[0]:
            fallback = (cands, name)
    return fallback


def _prefer_division(cands: list[Candidate], m: Mention, country: str | None) -> list[Candidate]:
    """A name that is exactly a first-level division ("Florida", "Indiana") is the
    division, not a small town of that name, unless written as a settlement; a town
    of 100,000+ people keeps the name ("New York", "Baghdad"), and so does a town
    larger than the division ("Forest" is no parish of 1,500 people)."""
    if m.kind is not None:
        return cands
    prov = next((c for c in cands if c.exact and c.feature == "ADM1" and (not country or c.country == country)), None)
    if prov is None:
        return cands
    keep = min(_DIVISION_OVER_TOWN, prov.population or _DIVISION_OVER_TOWN)
    if any(c.exact and c.precision in FINE and c.population >= keep for c in cands):
        return cands
    return [prov] + [c for c in cands if c is not prov]


def qualifier_filter(gz: Gazetteer, words: PlaceWords, qual: str | None, name: str | None = None) -> dict | None:
    """What "…, Iraq" or "…, Colo." restricts a name to: {"country": …} or
    {"country", "admin1"}, with the "candidate" entry of the qualifier itself.
    ``name`` is the qualified name, to choose between readings of a qualifier that
    is both a country and a province ("Georgia")."""
    if not qual:
        return None
    last = qual.split()[-1]
    if " " in qual and len(last) == 2 and last.isupper() and gz.admin1_name("US", last):
        qual = last  # "YORK, COUNTY PA-"
    abbrev = words.state_code(qual)
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
    found = []
    for c in gz.lookup(qual, division=True, limit=5):
        if c.exact and c.precision == "country":
            found.append({"country": c.country or "", "candidate": c})
        elif c.exact and c.precision == "province":
            found.append({"country": c.country or "", "admin1": c.admin1 or "", "candidate": c})
    if len(found) > 1 and name:
        # "Macon, Georgia" is the state, "Tbilisi, Georgia" the country: the reading in
        # which the qualified name is a town
        for q in found:
            if restrict([c for c in gz.lookup(name, country=q["country"], limit=10)
                         if c.exact and c.precision in FINE], q):
                return q
    return found[0] if found else None


def restrict(cands: list[Candidate], q: dict | None) -> list[Candidate]:
    if not q:
        return cands
    out = [c for c in cands if c.country == q["country"] and (not q.get("admin1") or c.admin1 == q["admin1"])]
    if q.get("near"):
        out = [c for c in out if c.point and min(distance_km(c.point, p) for p in q["near"]) <= _COUNTY_RADIUS_KM]
    return out


def county_states(ms: list[Mention], first: dict[int, list[Candidate]], accepted: set[int],
                   index: TextIndex) -> dict[int, dict]:
    """A county written in a sentence ("shot in Florence, the Los Angeles County
    coroner said") holds the sentence's other places to its state, when every
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


def share_qualifiers(ms: list[Mention], quals: dict[int, dict]) -> None:
    """One name, one place: "Elmo, Missouri" once makes every bare "Elmo" of the
    article the one in Missouri (when all its qualifiers agree)."""
    by_name: dict[str, list[dict]] = {}
    for i, q in quals.items():
        if ms[i].kind not in ("street", "building"):
            by_name.setdefault(fold(ms[i].name), []).append(q)
    for i, m in enumerate(ms):
        if i in quals or m.extra.get("qualifies") is not None or m.kind in ("street", "building"):
            continue
        qs = by_name.get(fold(m.name))
        if qs and all((q["country"], q.get("admin1")) == (qs[0]["country"], qs[0].get("admin1")) for q in qs):
            quals[i] = {**{k: v for k, v in qs[0].items() if k != "candidate"}, "inherited": True}
