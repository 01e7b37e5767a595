"""Toponym resolution: every place mention of an article, resolved with context.

Passes over one article:

1. find mentions (:mod:`deathtoll.resolve.mentions`) and look each up alone;
2. decide which are places (a cue, a kind word, a dateline, a qualifier, or a
   known country / province / multi-word name / a name the article already
   used as a place);
3. vote the article's country and province (dateline, qualifiers such as
   "Aurora, Colo.", countries and provinces written with a cue, the towns found);
4. resolve each again with that country and province, the places near it in
   the text (its "In X," lead, the city after a neighbourhood) and the
   article's unambiguous places; a neighbourhood the gazetteer lacks takes its
   city's point; street addresses are never looked up.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from deathtoll.model import Place
from deathtoll.resolve.bigcity import agency_city, established_city, far_namesake
from deathtoll.resolve.context import FINE, Context, article_context
from deathtoll.resolve.doubt import agrees, doubts, person_names
from deathtoll.resolve.gazetteer import Candidate, Gazetteer, distance_km
from deathtoll.resolve.mentions import Mention, PlaceWords, find_mentions
from deathtoll.resolve.normalize import fold
from deathtoll.resolve.region import article_region, mark_away
from deathtoll.resolve.scope import county_states, lookup, qualifier_filter, restrict, share_qualifiers
from deathtoll.resolve.states import state_votes
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.venue import named_after
from deathtoll.resolve.title import outlet_hints, source_hints, split_title

__all__ = ["Located", "locate", "main_place"]

_FINE = FINE
_NEIGHBOURHOOD_WORDS = re.compile(r"\b(?:the|that|this) (?:neighbou?rhood|district|quarter)\b", re.I)
_LOCAL_RADIUS_KM = 30.0
_ANCHOR_RADIUS_KM = 75.0
_BUILDING_RADIUS_KM = 100.0
_BIG_CITY = 1_000_000
_OTHER_STATE_KM = 150.0
#: cues that make a name a place only when the index knows it ("a Wilmington double shooting")
_WEAK_CUES = (None, "of", "to", "attributive", "event")
_OTHER_STATE_POPULATION = 50_000
#: a town abroad that nothing else in the article supports must be this large
_WORLD_CITY = 1_000_000
_DWARFED = 10


@dataclass(frozen=True)
class Located:
    """A mention that is a place, and the place it resolved to.

    ``how``: ``gazetteer`` (an entry matched), ``anchor`` (a neighbourhood
    placed at its city), ``unresolved`` (a named place the index lacks: no
    point). ``key`` identifies the entry (or the anchor's entry) for counting.
    """

    mention: Mention
    place: Place
    how: str
    key: str | None = None


def _accept_bare(m: Mention, cands: list[Candidate], established: set[str]) -> bool:
    if m.person or not cands:
        return False
    if fold(m.name) in established:
        return True
    exact = [c for c in cands if c.exact]
    if any(c.precision == "country" for c in exact):
        return True
    if any(c.precision == "province" for c in exact):
        return not m.sentence_initial or m.tokens > 1
    if any(c.precision == "town" and c.population >= _BIG_CITY for c in exact) and m.cue != "of":
        return True  # "Philadelphia shooting victims"
    # a known name of several words, as the index spells it ("South Grand" is no "Grand")
    return m.tokens >= 2 and any((c.population >= 1000 or c.is_user) and len(fold(c.matched or c.name).split()) >= 2
                                 for c in exact)


def _to_place(m: Mention, c: Candidate, precision: str | None = None) -> Place:
    return Place(name=m.written, geonames_id=c.geonames_id, lat=c.lat, lon=c.lon, admin1=c.admin1,
                 country=c.country, precision=precision or c.precision)


def _coarsen(p: str, m: Mention, via: str | None) -> str:
    if m.coarse and p in _FINE:
        return "district"
    if m.kind == "facility" and m.kind_in_name and via == m.name and p == "town":
        return "district"  # "Haditha Dam" found as Haditha: the dam is near the town
    return p


def locate(text: str, gz: Gazetteer, words: PlaceWords, index: TextIndex | None = None, *,
           title: str | None = None, source: str | None = None) -> list[Located]:
    """Resolve every place mention of an article text (and of its title).

    Args:
        text: The article text.
        gz: The gazetteer.
        words: Place word lists.
        index: The text's paragraph/sentence index (built when not given).
        title: The article's title: its headline is read like a paragraph before
            the text, its outlet ("| abc7chicago.com") only hints at the region.
        source: The article's outlet or web address ("boston.cbslocal.com"): a
            hint at the region like the title's outlet.

    Returns:
        The mentions that are places, in order, each with its Place. Offsets
        point into ``text``; a headline's mentions have negative offsets and
        ``extra["title"]``, the outlet's town (if any) comes first with
        ``cue="outlet"``.
    """
    headline, outlet = split_title(title)
    prefix = headline + "\n\n" if headline else ""
    full = prefix + text
    findex = TextIndex(full) if prefix else (index or TextIndex(text))
    ms = find_mentions(full, findex, words, body_start=len(prefix))
    ms = [replace(m, extra={**m.extra, "title": True}) if m.start < len(prefix) else m for m in ms]
    quals: dict[int, dict] = {}
    qualifier_of: dict[int, Candidate] = {}
    for i, m in enumerate(ms):
        target = m.extra.get("qualifies")
        q = qualifier_filter(gz, words, m.written, ms[target].name) if target is not None else None
        if q:
            quals[target] = q
            if q.get("candidate") is not None:
                qualifier_of[i] = q["candidate"]
        if m.cue == "dateline" and m.qualifier:
            q = qualifier_filter(gz, words, m.qualifier, m.name)
            if q:
                quals[i] = q
    share_qualifiers(ms, quals)
    # pass 1: each name alone
    first: dict[int, list[Candidate]] = {}
    accepted: set[int] = set()
    established: set[str] = set()
    for i, m in enumerate(ms):
        q = quals.get(i)
        first[i] = lookup(gz, m, words, q, country=q.get("country") if q else None)[0]
    persons = person_names(ms, first, words, full, set(quals))
    doubt = doubts(ms, full, len(prefix), persons, words, set(quals), first)
    for i, m in enumerate(ms):
        if m.tokens == 1 and fold(m.name) in persons:
            ms[i] = m = replace(m, person=True)
        weak = m.cue in _WEAK_CUES
        if m.person and weak:
            continue
        strong = not weak or m.kind is not None or i in quals or i in qualifier_of
        if strong or (weak and m.cue and any(c.exact for c in first[i])):
            accepted.add(i)
            if first[i] and m.kind not in ("building", "street"):
                established.add(fold(m.name))
    for i, m in enumerate(ms):
        if i not in accepted and _accept_bare(m, first[i], established):
            accepted.add(i)
    states = state_votes(full, gz, words)
    voters = accepted - set(doubt)
    ctx = article_context(ms, first, voters, qualifier_of, quals, states=states)
    for i, q in county_states(ms, first, accepted, findex).items():
        quals.setdefault(i, q)
    hints = (outlet_hints(outlet, gz, words, ctx.country) or outlet_hints(outlet, gz, words)) if outlet else []
    keys = {h.key for h in hints}
    hints += [h for h in (source_hints(source, gz, words, ctx.country) if source else ()) if h.key not in keys]
    if hints:
        ctx = article_context(ms, first, voters, qualifier_of, quals, hints, states)
    outlet_town = _outlet_town(ctx, len(prefix))
    # pass 2: with context, in text order; once more when the main and anchor towns are known
    out: list[Located] = []
    for _ in range(2):
        out = []
        for i in sorted(accepted):
            m = ms[i]
            if i in qualifier_of:
                c = qualifier_of[i]
                out.append(Located(m, _to_place(m, c), "gazetteer", c.key))
                continue
            loc = _resolve_one(i, m, ms, out, quals.get(i), ctx, full, findex, gz, words, first[i], doubt.get(i))
            if loc is not None:
                out.append(loc)
        ctx.main = main_place(out)
        ctx.towns = [loc for loc in out if loc.how == "gazetteer" and loc.place.lat is not None
                     and loc.place.precision in ("town", "district") and loc.mention.extra.get("qualifies") is None]
        ctx.anchor = _anchor_town(out) or outlet_town
        ctx.region = article_region(ctx, out, {ms[i].start: first[i] for i in accepted},
                                    {ms[i].start: q for i, q in quals.items()}, states)
    out = mark_away(out, ctx.region)
    if outlet_town is not None:
        out.insert(0, outlet_town)
    if not prefix:
        return out
    return [replace(loc, mention=replace(loc.mention, start=loc.mention.start - len(prefix),
                                         end=loc.mention.end - len(prefix))) for loc in out]


def _is_town(loc: Located | None) -> bool:
    return loc is not None and loc.how == "gazetteer" and loc.place.precision == "town"


def _anchor_town(located: list[Located]) -> Located | None:
    """The town an article's unplaced neighbourhoods and addresses belong to: its
    dateline's, else its headline's first town named with a cue."""
    dateline = next((loc for loc in located if loc.mention.cue == "dateline"), None)
    if _is_town(dateline):
        return dateline
    for loc in located:
        m = loc.mention
        if m.extra.get("title") and _is_town(loc) and m.cue not in (None, "attributive", "of", "to") \
                and m.extra.get("qualifies") is None:
            return loc
    return None


def _outlet_town(ctx: Context, offset: int) -> Located | None:
    """The outlet's town ("CBS Chicago") in the article's country, as a place of its own."""
    for h in ctx.hints:
        if h.precision == "town" and (not ctx.country or h.country == ctx.country):
            m = Mention(start=-offset - 1, end=-offset - 1, name=h.name, written=h.name, cue="outlet",
                        extra={"outlet": True})
            return Located(m, _to_place(m, h), "gazetteer", h.key)
    return None


def _anchor(m: Mention, done: list[Located], index: TextIndex, local: bool, ctx: Context) -> Located | None:
    """The town a name sits in: its sentence's or paragraph's "In X," lead, or (for
    neighbourhoods) the nearest town before it in the paragraph, else the article's
    anchor town (dateline, headline, outlet), else its main town."""
    sent = index.sentence_of(m.start)
    para = index.paragraph_of(m.start)
    towns = [d for d in done if d.how == "gazetteer" and d.place.precision in ("town", "district")
             and d.mention.start < m.start and d.mention.extra.get("role") != "origin"]
    for d in reversed(towns):
        if sent[0] <= d.mention.start and d.mention.lead:
            return d
    for d in reversed(towns):
        if para[0] <= d.mention.start and (d.mention.lead or local):
            return d
    if not local:
        return None
    for town in (ctx.anchor, ctx.main):
        if town is not None and town.how == "gazetteer" and town.place.precision in ("town", "district") \
                and town.mention is not m:
            return town
    return None


def _following_town(i, m, ms, index, gz, words, ctx) -> Located | None:
    """The town right after a neighbourhood in its sentence ("the X district in Mosul")."""
    sent = index.sentence_of(m.start)
    for j in range(i + 1, min(i + 3, len(ms))):
        n = ms[j]
        if n.start >= sent[1] or n.start - m.end > 40 or n.cue not in ("in", "of", "near", "outside"):
            continue
        if n.kind in ("local", "street") or (m.group is not None and n.group == m.group):
            continue
        cands, _ = lookup(gz, n, words, country=ctx.country, admin1=ctx.admin1, near=ctx.points)
        for c in cands:
            if c.precision == "town" and (c.exact or c.similarity >= 0.85) and (not ctx.country or c.country == ctx.country):
                return Located(n, _to_place(n, c), "gazetteer", c.key)
    return None


def _plausible(c: Candidate, m: Mention, ctx: Context, q: dict | None, exact_here: list[Candidate]) -> bool:
    """Whether a candidate can be meant here. Outside the article's country it must be
    named exactly and be large; a name several towns share must be in the article's
    province when a dateline gave one; a building's name must be near the article."""
    if c.is_user or c.precision == "country":
        return True
    if m.cue is None and not c.exact and m.kind not in ("province", "district"):
        return False  # a name without a cue is a place only as spelled in the index
    if m.kind == "building":
        if m.kind_in_name and c.exact and fold(c.matched or "") == fold(m.written) and c.precision in _FINE \
                and (not ctx.country or c.country == ctx.country):
            return True  # "Rogers Park", "Hunting Park": the whole name is a town's
        pts = ctx.points + [loc.place for loc in (ctx.main, ctx.anchor) if loc is not None]  # type: ignore[misc]
        pts = [p if isinstance(p, tuple) else (p.lat, p.lon) for p in pts
               if isinstance(p, tuple) or p.lat is not None]
        return bool(c.point and pts and min(distance_km(c.point, p) for p in pts) <= _BUILDING_RADIUS_KM)
    if not q and ctx.country and c.country != ctx.country:
        if c.feature in ("ADM1", "ADM2") or m.cue == "attributive":
            return False
        if c.country not in ctx.supported and (fold(c.matched or c.name) != fold(c.name)
                                                or c.population < _WORLD_CITY):
            # a country nothing else in the article points to: only a city the world knows
            # by that name ("at Wawa" is no spelling of Warsaw, "in Bordeaux" in a Nashville
            # story is no French city)
            return False
        if m.cue in (None, "of", "to", "event"):
            return c.exact and c.population >= 50_000
        if ctx.points and c.point and min(distance_km(c.point, p) for p in ctx.points) <= 150:
            return c.exact or c.similarity >= 0.85
        return c.exact and c.population >= 50_000
    if not q and ctx.admin1_strong and c.precision in _FINE and c.admin1 != ctx.admin1:
        # another state than the dateline's: a name of one town only, and near the article
        # or large ("Merrillville" in a Chicago story, not a hamlet "Beale" 1,000 km away)
        # (a namesake ten times smaller does not count: "Philadelphia" is the one in Pennsylvania)
        shared = [x for x in exact_here if x.country == c.country and x.precision in _FINE
                  and x.population * _DWARFED >= c.population]
        pts = [p for p in ctx.points + [(a.place.lat, a.place.lon) for a in (ctx.anchor,) if a and a.place.lat is not None]
               if p != c.point]
        near = bool(c.point and pts and min(distance_km(c.point, p) for p in pts) <= _OTHER_STATE_KM)
        return len(shared) <= 1 and (near or c.population >= _OTHER_STATE_POPULATION)
    return True


def _home_first(cands: list[Candidate], exact_here: list[Candidate], ctx: Context, q: dict | None) -> list[Candidate]:
    """A name that is a town of the article's country is that town: a namesake in a
    country nothing else in the article points to is dropped ("Taunton" in a
    Massachusetts story is not the English one)."""
    if q or not ctx.country or not any(c.country == ctx.country and c.precision in _FINE for c in exact_here):
        return cands
    return [c for c in cands if c.country == ctx.country or c.country in ctx.supported
            or c.precision == "country" or c.is_user]


def _resolve_one(i, m, ms, done, q, ctx: Context, text, index, gz, words, cands0,
                 doubtful: str | None = None) -> Located | None:
    para = index.paragraph_of(m.start)
    local = m.kind == "local" or (m.kind is None and not cands0 and bool(_NEIGHBOURHOOD_WORDS.search(text, m.end, para[1])))
    anchor = _anchor(m, done, index, local, ctx) if m.kind != "street" else None
    if local:
        anchor = _following_town(i, m, ms, index, gz, words, ctx) or anchor
    apoint = (anchor.place.lat, anchor.place.lon) if anchor and anchor.place.lat is not None else None
    country = (q or {}).get("country") or ctx.country
    cands, via = lookup(gz, m, words, q, country=country, admin1=(q or {}).get("admin1") or ctx.admin1,
                         near=[apoint] if apoint else ctx.points)
    cands = restrict(cands, q)
    exact_here = [c for c in cands if c.exact]
    cands = _home_first(cands, exact_here, ctx, q)
    cands = [c for c in cands if _plausible(c, m, ctx, q, exact_here)]
    # "Austin" in a Chicago story: a neighbourhood of the big city, not the far town
    # (the article's anchor town, else the big city whose police speak in it)
    home = None
    if not q and m.cue != "dateline" and cands:
        city = established_city(ctx.anchor, gz)
        if city is not None and city.admin1 == (ctx.admin1 or city.admin1) \
                and all(far_namesake(c, city) for c in cands):
            home = ctx.anchor
        elif m.extra.get("role") != "agency":
            home = agency_city(ctx.towns, cands, gz)
    if home is not None:
        place = replace(home.place, name=m.written, precision="neighbourhood")
        return Located(m, place, "anchor", home.key)
    if not q and m.cue != "dateline" and ctx.region:
        # "Howland" (Maine) in a Youngstown story: a small namesake far from the article's region
        cands = [c for c in cands if not ctx.region.far(c, m)]
        if not cands and m.kind is None and m.cue in _WEAK_CUES:
            return None
    if doubtful:
        cands = [c for c in cands if agrees(c, ctx, doubtful)]
        if not cands and m.kind is None:
            return None
    if apoint is not None and m.kind != "building":
        radius = _LOCAL_RADIUS_KM if local else _ANCHOR_RADIUS_KM
        nearby = [c for c in cands if c.point and distance_km(c.point, apoint) <= radius
                  and c.precision not in ("country", "province")]
        big = [c for c in cands if c.exact and (c.population >= 100_000 or c.precision in ("country", "province"))]
        if nearby:
            c = nearby[0]
            prec = c.precision
            if local and c.precision == "town" and c.population < _population(anchor, gz):
                prec = "neighbourhood"
            return Located(m, _to_place(m, c, _coarsen(prec, m, via)), "gazetteer", c.key)
        if not local and big:
            c = big[0]
            return Located(m, _to_place(m, c, _coarsen(c.precision, m, via)), "gazetteer", c.key)
        a = anchor.place
        return Located(m, Place(name=m.written, geonames_id=a.geonames_id, lat=a.lat, lon=a.lon, admin1=a.admin1,
                                country=a.country, precision="district" if m.coarse else "town"), "anchor", anchor.key)
    if cands:
        c = cands[0]
        return Located(m, _to_place(m, c, _coarsen(c.precision, m, via)), "gazetteer", c.key)
    if m.cue in _WEAK_CUES and m.kind is None:
        return None
    named = named_after(m, ctx.towns)
    if named is not None:
        a = named.place
        prec = "town" if a.precision == "town" else "district"
        return Located(m, replace(a, name=m.written, precision=prec), "anchor", named.key)
    return Located(m, Place(name=m.written, country=country, admin1=(q or {}).get("admin1"), precision="unknown"),
                   "unresolved", None)


def _population(anchor: Located, gz: Gazetteer) -> int:
    if anchor.place.geonames_id is None:
        return 0
    c = gz.get(anchor.place.geonames_id)
    return c.population if c else 0


def main_place(located: list[Located]) -> Located | None:
    """The article's most mentioned place (a dateline counts twice), preferring a
    town-level place; ties go to a town before a district, then to the earliest."""
    counts: Counter[str] = Counter()
    first: dict[str, Located] = {}
    for loc in located:
        if loc.key is None or loc.how == "anchor" or loc.mention.extra.get("qualifies") is not None \
                or loc.mention.extra.get("outlet"):
            continue
        counts[loc.key] += 2 if loc.mention.cue == "dateline" else 1
        first.setdefault(loc.key, loc)
    if not counts:
        return None
    order = {k: n for n, k in enumerate(first)}
    for fine in (("town", "neighbourhood", "exact", "district"), ("province",), ("country",)):
        keys = [k for k in counts if first[k].place.precision in fine]
        if keys:
            # at equal counts a town before the county it lies in ("Topeka", "Shawnee County")
            best = max(keys, key=lambda k: (counts[k], first[k].place.precision != "district", -order[k]))
            return first[best]
    return None
