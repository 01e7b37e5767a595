"""Toponym resolution: every place mention of an article, resolved with context.

Passes over one article:

1. find mentions (:mod:`deathtoll.resolve.mentions`) and look each up alone;
2. decide which are places (a cue, a kind word, a dateline, a qualifier, or a
   known country / province / multi-word name / a name the article already
   used as a place);
3. vote the article's country (dateline, countries written with a cue,
   countries of the towns found);
4. resolve each again with that country, the places near it in the text
   (its "In X," lead, the city after a neighbourhood) and the article's main
   places; a neighbourhood the gazetteer lacks takes its city's point.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from deathtoll.model import Place
from deathtoll.resolve.gazetteer import Candidate, Gazetteer, distance_km
from deathtoll.resolve.mentions import Mention, PlaceWords, find_mentions
from deathtoll.resolve.normalize import fold
from deathtoll.resolve.text import TextIndex

__all__ = ["Located", "locate", "main_place"]

_FINE = ("town", "neighbourhood", "exact")
_NEIGHBOURHOOD_WORDS = re.compile(r"\b(?:the|that|this) (?:neighbou?rhood|district|quarter)\b", re.I)
_LOCAL_RADIUS_KM = 30.0
_ANCHOR_RADIUS_KM = 75.0


@dataclass(frozen=True)
class Located:
    """A mention that is a place, and the place it resolved to.

    ``how``: ``gazetteer`` (an entry matched), ``anchor`` (a neighbourhood
    placed at its city), ``unresolved`` (a named place the index lacks).
    ``key`` identifies the entry (or the anchor's entry) for counting.
    """

    mention: Mention
    place: Place
    how: str
    key: str | None = None


def _variants(m: Mention, words: PlaceWords) -> list[str]:
    out = []
    if m.kind_in_name:
        out.append(m.written)
    out.append(m.name)
    first, _, rest = m.name.partition(" ")
    if rest and words.has("direction_prefixes", first):
        out.append(rest)
    return out


def _lookup(gz: Gazetteer, m: Mention, words: PlaceWords, **kw) -> tuple[list[Candidate], str | None]:
    division = m.kind in ("province", "district")
    fallback: tuple[list[Candidate], str | None] = ([], None)
    for name in _variants(m, words):
        cands = [c for c in gz.lookup(name, division=division, **kw) if c.exact or c.similarity >= 0.75]
        if any(c.exact for c in cands):
            return cands, name
        if cands and not fallback[0]:
            fallback = (cands, name)
    return fallback


def _qualifier_filter(gz: Gazetteer, words: PlaceWords, qual: str | None) -> dict | None:
    """What "…, Iraq" or "…, Colo." restricts a name to: {"country": …} or
    {"country", "admin1"}, with the "candidate" entry of the qualifier itself."""
    if not qual:
        return None
    abbrev = words.us_states.get(qual.lower().rstrip("."))
    if abbrev is None and len(qual) == 2 and qual.isupper():
        abbrev = qual if qual.lower() in {v.lower() for v in words.us_states.values()} or gz.admin1_name("US", qual) else None
    if abbrev:
        name = gz.admin1_name("US", abbrev.upper())
        if not name:
            return None
        cands = [c for c in gz.lookup(name, division=True, country="US", limit=5) if c.feature == "ADM1"]
        return {"country": "US", "admin1": name, "candidate": cands[0] if cands else None}
    for c in gz.lookup(qual, division=True, limit=5):
        if c.exact and c.precision == "country":
            return {"country": c.country or "", "candidate": c}
        if c.exact and c.precision == "province":
            return {"country": c.country or "", "admin1": c.admin1 or "", "candidate": c}
    return None


def _accept_bare(m: Mention, cands: list[Candidate], established: set[str]) -> bool:
    if m.person or not cands:
        return False
    if fold(m.name) in established:
        return True
    exact = [c for c in cands if c.exact]
    if any(c.precision in ("country", "province") for c in exact):
        return not m.sentence_initial or m.tokens > 1 or any(c.precision == "country" for c in exact)
    return m.tokens >= 2 and any(c.population >= 1000 or c.is_user for c in exact)


def _to_place(m: Mention, c: Candidate, precision: str | None = None) -> Place:
    return Place(name=m.written, geonames_id=c.geonames_id, lat=c.lat, lon=c.lon, admin1=c.admin1,
                 country=c.country, precision=precision or c.precision)


def _coarsen(p: str, m: Mention, via: str | None) -> str:
    if m.coarse and p in _FINE:
        return "district"
    if m.kind == "facility" and m.kind_in_name and via == m.name and p == "town":
        return "district"  # "Haditha Dam" found as Haditha: the dam is near the town
    return p


def locate(text: str, gz: Gazetteer, words: PlaceWords, index: TextIndex | None = None) -> list[Located]:
    """Resolve every place mention of an article text.

    Args:
        text: The article text.
        gz: The gazetteer.
        words: Place word lists.
        index: The text's paragraph/sentence index (built when not given).

    Returns:
        The mentions that are places, in text order, each with its Place.
    """
    index = index or TextIndex(text)
    ms = find_mentions(text, index, words)
    quals: dict[int, dict[str, str]] = {}
    qualifier_of: dict[int, Candidate] = {}
    for i, m in enumerate(ms):
        target = m.extra.get("qualifies")
        if target is not None:
            q = _qualifier_filter(gz, words, m.name)
            if q:
                quals[target] = q
                c = q.get("candidate")
                if c is not None:
                    qualifier_of[i] = c
        if m.cue == "dateline" and m.qualifier:
            q = _qualifier_filter(gz, words, m.qualifier)
            if q:
                quals[i] = q
    # pass 1: alone
    first: dict[int, tuple[list[Candidate], str | None]] = {}
    accepted: set[int] = set()
    established: set[str] = set()
    for i, m in enumerate(ms):
        q = quals.get(i)
        cands, via = _lookup(gz, m, words, country=q.get("country") if q else None)
        if q:
            cands = [c for c in cands if c.country == q["country"] and (not q.get("admin1") or c.admin1 == q["admin1"])]
        first[i] = (cands, via)
        strong = m.cue not in (None, "of", "to") or m.kind is not None or i in quals or i in qualifier_of
        if m.person and m.cue in (None, "of", "to"):
            continue
        if strong or (m.cue in ("of", "to") and cands):
            accepted.add(i)
            if cands:
                established.add(fold(m.name))
    for i, m in enumerate(ms):
        if i not in accepted and _accept_bare(m, first[i][0], established):
            accepted.add(i)
    country = _article_country(ms, first, accepted, qualifier_of, quals)
    context = [c.point for i in accepted for c in first[i][0][:1]
               if c.point and c.precision in _FINE and c.exact and (not country or c.country == country)]
    # pass 2: with context, in text order; once more when the main town is known
    main: Located | None = None
    for _ in range(2):
        out: list[Located] = []
        for i in sorted(accepted):
            m = ms[i]
            if i in qualifier_of:
                c = qualifier_of[i]
                out.append(Located(m, _to_place(m, c), "gazetteer", c.key))
                continue
            loc = _resolve_one(i, m, ms, out, quals.get(i), country, context, text, index, gz, words, first[i][0], main)
            if loc is not None:
                out.append(loc)
        main = main_place(out)
    return out


def _article_country(ms, first, accepted, qualifier_of, quals) -> str | None:
    votes: Counter[str] = Counter()
    for i in accepted:
        m, cands = ms[i], first[i][0]
        q = quals.get(i)
        if m.cue == "dateline":
            if q:
                votes[q["country"]] += 3
            elif cands and cands[0].exact:
                votes[cands[0].country or ""] += 2
            continue
        if q:
            votes[q["country"]] += 1
        if not cands or not cands[0].country:
            continue
        top = cands[0]
        if top.precision == "country" and (m.cue or i in qualifier_of):
            votes[top.country] += 1
        elif top.exact and top.precision in ("town", "province", "neighbourhood", "exact"):
            others = [c for c in cands[1:] if c.exact and c.country != top.country]
            votes[top.country] += 1 if not others else 0.5
    votes.pop("", None)
    return votes.most_common(1)[0][0] if votes else None


def _anchor(i: int, m: Mention, ms: list[Mention], done: list[Located], index: TextIndex,
            local: bool, main: Located | None) -> Located | None:
    """The town a name sits in: the town right after it in the sentence ("X district in
    Mosul"), its sentence's or paragraph's "In X," lead, or (for neighbourhoods) the
    nearest town before it in the paragraph, else the article's main town."""
    sent = index.sentence_of(m.start)
    para = index.paragraph_of(m.start)
    towns = [d for d in done if d.how != "unresolved" and d.place.precision in ("town", "district")
             and d.mention.start < m.start and d.mention is not m]
    for d in reversed(towns):
        if sent[0] <= d.mention.start and d.mention.lead:
            return d
    for d in reversed(towns):
        if para[0] <= d.mention.start and (d.mention.lead or local):
            return d
    if local and main is not None and main.place.precision in ("town", "district"):
        return main
    return None


def _resolve_one(i, m, ms, done, q, country, context, text, index, gz, words, cands0, main) -> Located | None:
    para = index.paragraph_of(m.start)
    local = m.kind == "local" or (m.kind is None and not cands0 and bool(_NEIGHBOURHOOD_WORDS.search(text, m.end, para[1])))
    anchor = _anchor(i, m, ms, done, index, local, main)
    if local:
        # the town right after it decides first ("the X district in Mosul")
        anchor = _following_town(i, m, ms, index, gz, words, country, context) or anchor
    apoint = (anchor.place.lat, anchor.place.lon) if anchor and anchor.place.lat is not None else None
    cands, via = _lookup(gz, m, words, country=(q or {}).get("country") or country, near=[apoint] if apoint else context)
    if q:
        cands = [c for c in cands if c.country == q["country"] and (not q.get("admin1") or c.admin1 == q["admin1"])]
    if apoint is not None:
        radius = _LOCAL_RADIUS_KM if local else _ANCHOR_RADIUS_KM
        nearby = [c for c in cands if c.point and distance_km(c.point, apoint) <= radius
                  and c.precision not in ("country", "province")]
        big = [c for c in cands if c.exact and (c.population >= 100_000 or c.precision in ("country", "province"))]
        if nearby:
            c = nearby[0]
            prec = "neighbourhood" if local and c.precision == "town" and c.population < (anchor_pop(anchor, gz)) else c.precision
            return Located(m, _to_place(m, c, _coarsen(prec, m, via)), "gazetteer", c.key)
        if not local and big:
            c = big[0]
            return Located(m, _to_place(m, c, _coarsen(c.precision, m, via)), "gazetteer", c.key)
        a = anchor.place
        prec = "district" if m.coarse else "town"
        return Located(m, Place(name=m.written, geonames_id=a.geonames_id, lat=a.lat, lon=a.lon, admin1=a.admin1,
                                country=a.country, precision=prec), "anchor", anchor.key)
    cands = [c for c in cands if _plausible(c, country, context, q)]
    if cands:
        c = cands[0]
        return Located(m, _to_place(m, c, _coarsen(c.precision, m, via)), "gazetteer", c.key)
    if m.cue in (None, "of", "to") and m.kind is None:
        return None
    return Located(m, Place(name=m.written, country=(q or {}).get("country") or country, precision="unknown"),
                   "unresolved", None)


def _plausible(c: Candidate, country: str | None, context: list, q: dict | None) -> bool:
    """A place outside the article's country must be named exactly and be large
    (or a country / province), unless a qualifier ("…, Syria") put it there."""
    if q or not country or c.country == country or c.precision == "country":
        return True
    if c.feature in ("ADM1", "ADM2"):
        return False
    if c.is_user:
        return True
    if context and c.point and min(distance_km(c.point, p) for p in context) <= 150:
        return c.exact or c.similarity >= 0.85
    return c.exact and c.population >= 50_000


def anchor_pop(anchor: Located, gz: Gazetteer) -> int:
    """Population of an anchor's gazetteer entry (0 when unknown)."""
    if anchor.place.geonames_id is None:
        return 0
    c = gz.get(anchor.place.geonames_id)
    return c.population if c else 0


def _following_town(i, m, ms, index, gz, words, country, context) -> Located | None:
    sent = index.sentence_of(m.start)
    for j in range(i + 1, min(i + 3, len(ms))):
        n = ms[j]
        if n.start >= sent[1] or n.start - m.end > 40 or n.cue not in ("in", "of", "near", "outside"):
            continue
        if n.kind == "local" or (m.group is not None and n.group == m.group):
            continue
        cands, _ = _lookup(gz, n, words, country=country, near=context)
        for c in cands:
            if c.precision == "town" and (c.exact or c.similarity >= 0.85) and (not country or c.country == country):
                return Located(n, _to_place(n, c), "gazetteer", c.key)
    return None


def main_place(located: list[Located]) -> Located | None:
    """The article's most mentioned place (a dateline counts twice), preferring a
    town-level place; ties go to the earliest."""
    counts: Counter[str] = Counter()
    first: dict[str, Located] = {}
    for loc in located:
        if loc.key is None or loc.how == "anchor":
            continue
        counts[loc.key] += 2 if loc.mention.cue == "dateline" else 1
        first.setdefault(loc.key, loc)
    if not counts:
        return None
    order = {k: n for n, k in enumerate(first)}
    for fine in (("town", "neighbourhood", "exact", "district"), ("province",), ("country",)):
        keys = [k for k in counts if first[k].place.precision in fine]
        if keys:
            best = max(keys, key=lambda k: (counts[k], -order[k]))
            return first[best]
    return None
