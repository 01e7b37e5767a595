"""The region an article is about, and the namesakes that lie outside it.

A local news story names its region in a few firm places: the dateline
("FRANKLIN, Ind. —"), the headline's town ("Man shot in Rocky Mount"), the
outlet ("CBS Chicago", "Youngstown-Warren Ohio"), a qualifier ("Felton,
Minn."), the US states its text names ("Ohio State Highway Patrol"), and the
names of the article that only one town bears. A bare name elsewhere in the
story whose every reading lies in another state, far from all of these, is a
namesake the story does not mean: "Howland" (Maine) in a Youngstown story,
"Nash" (Texas) in a Rocky Mount one, "St. Mary" (Georgia) in a West Palm Beach
one, or a common word the index holds as a far hamlet ("Large", "Hustle").
Such a reading is dropped; a city of 100,000 people or more keeps its name
("Houston" in a Chicago story is Houston), and so does a name the headline
writes with a cue ("shot in Troy"): it is where the story is. The outlet is no
part of the region (a station's site carries stories of other states). Without
any region nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from deathtoll.resolve.gazetteer import Candidate, distance_km

if TYPE_CHECKING:
    from deathtoll.resolve.context import Context
    from deathtoll.resolve.mentions import Mention
    from deathtoll.resolve.places import Located
    from deathtoll.resolve.states import StateVotes

__all__ = ["Region", "article_region", "mark_away", "REGION_KM", "KNOWN_CITY"]

#: a town this close to a firm place of the article is inside its region, whatever its state
REGION_KM = 150.0
#: a town this large may be named from anywhere in its country ("Houston" in a Chicago story)
KNOWN_CITY = 100_000
_TOWN_LEVELS = ("town", "neighbourhood", "exact")
#: a state the text names at least this much (one full mention) is part of the region
_STATE_VOTE = 1.0
#: a dateline or headline town is firm when its namesakes in other states are this many times smaller
_DWARFED = 5
#: cues of a journey: a place of another country after them is where someone went or came from
_JOURNEY_CUES = ("from", "to")


@dataclass(frozen=True)
class Region:
    """First-level divisions and points that an article is firmly about, in one country."""

    country: str | None = None
    states: frozenset[tuple[str, str]] = frozenset()
    points: tuple[tuple[float, float], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.country and (self.states or self.points))

    def holds(self, c: Candidate) -> bool:
        """Whether an entry lies in one of the region's states or near one of its points."""
        return self.contains(c.country, c.admin1, c.point)

    def contains(self, country: str | None, admin1: str | None, point: tuple[float, float] | None) -> bool:
        """Whether a place of this state and point lies in one of the region's states or near one of its points."""
        if (country or "", admin1 or "") in self.states:
            return True
        return bool(point and any(distance_km(point, p) <= REGION_KM for p in self.points))

    def far(self, c: Candidate, m: Mention | None = None) -> bool:
        """A town of the region's country, outside the region and smaller than a known city:
        a namesake the article does not mean. A headline's name written with a cue
        (``m``) is never far."""
        if m is not None and m.extra.get("title") and m.cue not in (None, "attributive", "of", "to"):
            return False
        return bool(self) and c.country == self.country and c.precision in _TOWN_LEVELS and not c.is_user \
            and c.population < KNOWN_CITY and not self.holds(c)


def _one_reading(loc: Located, cands: list[Candidate]) -> bool:
    """The name has one reading in its country: its namesakes of the same level in other
    states are far smaller ("Youngstown", "Oakland County"; not "Bloomfield", not "Franklin")."""
    p = loc.place
    own = next((c for c in cands if c.geonames_id == p.geonames_id), None)
    if own is None:
        return False
    level = _TOWN_LEVELS if own.precision in _TOWN_LEVELS else (own.precision,)
    others = [c for c in cands if c.exact and c.country == p.country and c.admin1 != p.admin1
              and c.precision in level]
    return all(c.population * _DWARFED < own.population for c in others) if own.population \
        else not others


def _firm(loc: Located, cands: list[Candidate], qualified: bool) -> bool:
    """A located name that says where the article is, qualified ("FELTON, Minn.") or of
    one reading: its dateline, a headline town written with a cue ("shot in Arnold"),
    an agency's town or county ("Howland police", "Oakland County Sheriff"), a county
    written as one ("in Trumbull County"). A person's home town says nothing."""
    m = loc.mention
    if loc.how != "gazetteer" or m.extra.get("role") == "origin" or m.extra.get("qualifies") is not None:
        return False
    p = loc.place.precision
    if m.kind == "district" and p != "district":
        return False  # "Spring Township" found as a town "Spring" elsewhere
    if m.cue == "dateline" or m.extra.get("role") == "agency":
        ok = p in _TOWN_LEVELS or p == "district"
    elif m.kind == "district":
        ok = p == "district"
    else:
        ok = bool(m.extra.get("title")) and m.cue not in (None, "attributive", "of", "to") and p in _TOWN_LEVELS
    return ok and (qualified or _one_reading(loc, cands))


def article_region(ctx: Context, located: Iterable[Located], candidates: dict[int, list[Candidate]],
                   quals: dict[int, dict], states: StateVotes | None = None) -> Region:
    """The article's region from its firm places (see module docstring).

    Args:
        ctx: The article's context (country, firm state).
        located: The article's places as first resolved.
        candidates: Each mention's candidates looked up alone, by the mention's start.
        quals: What each qualified name is restricted to (``{"country", "admin1"}``), by
            the mention's start.
        states: The US states the text names anywhere.

    Returns:
        The region; empty (false) when the article has no firm place in its country.
    """
    country = ctx.country
    if not country:
        return Region()
    regions: set[tuple[str, str]] = set()
    points: list[tuple[float, float]] = []
    if ctx.admin1 and ctx.admin1_strong:
        regions.add((country, ctx.admin1))
    for q in quals.values():
        if q.get("country") == country and q.get("admin1") and not q.get("inherited"):
            regions.add((country, q["admin1"]))
    firm = [loc for loc in located if loc.place.country == country
            and _firm(loc, candidates.get(loc.mention.start, []), loc.mention.start in quals)]
    # a town read from an agency or the headline ("Ashby police") is one reading of a bare
    # name: it joins only a region the dateline, counties and qualifiers leave open or agree
    # with (a town of another state 1,000 km from the article's county is a namesake); the
    # states the text names join last, they do not judge towns (a street can name a state)
    sure = [loc for loc in firm if not _bare_town(loc, loc.mention.start in quals)]
    for loc in sure:
        _add(loc, country, regions, points)
    base = Region(country, frozenset(regions), tuple(points))
    for loc in firm:
        if loc not in sure and (not base or _held(base, loc)):
            _add(loc, country, regions, points)
    if states is not None and country == "US":
        regions.update(("US", name) for name, w in states.states.items() if w >= _STATE_VOTE)
    return Region(country, frozenset(regions), tuple(points))


def _bare_town(loc: Located, qualified: bool) -> bool:
    """A firm town that only its agency or headline use vouches for (not a dateline, a
    county or a qualified name)."""
    return not qualified and loc.mention.cue != "dateline" and loc.place.precision in _TOWN_LEVELS


def _held(region: Region, loc: Located) -> bool:
    p = loc.place
    return region.contains(p.country, p.admin1, (p.lat, p.lon) if p.lat is not None and p.lon is not None else None)


def _add(loc: Located, country: str, regions: set[tuple[str, str]], points: list[tuple[float, float]]) -> None:
    p = loc.place
    if p.admin1:
        regions.add((country, p.admin1))
    if p.lat is not None and p.lon is not None:
        points.append((p.lat, p.lon))


def mark_away(located: list[Located], region: Region) -> list[Located]:
    """Mark the places of another country than the region's that a journey names
    ("extradited from Ruritania", "fled to Ruritania" in a story firmly about a town
    at home) with the role ``away``: where someone went or came from, tried for a
    report only after the article's own places, like a person's home town.

    Args:
        located: The article's places.
        region: Its firm region (nothing is marked without one).

    Returns:
        The places, those marked with ``extra["role"] = "away"``.
    """
    if not region:
        return located
    out = []
    for loc in located:
        m = loc.mention
        if m.cue in _JOURNEY_CUES and m.extra.get("role") is None and loc.place.country \
                and loc.place.country != region.country:
            loc = replace(loc, mention=replace(m, extra={**m.extra, "role": "away"}))
        out.append(loc)
    return out
