"""Which city a place belongs to: neighbourhoods and sections roll up to their city.

GeoNames lists many city sections as populated places of their own
("Rogers Park", "Hunting Park", "North Hollywood"); the embedded data does not
say which are sections. The rule used here is geometric: a town lies in a
city when it is within the city's radius, in the same country and first-level
division, and the city is at least three times larger and has 100,000+
people. The radius grows with the square root of the population (4 km at
100,000, 16 km at 1.6 million, at most 25 km). The largest such city is the
town's **parent** ("Mott Haven" → "New York City", "Rogers Park" → "Chicago");
a section large enough to contain others ("The Bronx") has the same parent.
The compiler stores each parent's GeoNames id in the ``parent`` column; user
rows name their parent town in the same column.

Example:
    >>> city = city_of(place, gazetteer)           # doctest: +SKIP
    >>> city.name                                  # doctest: +SKIP
    'Chicago'
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Sequence

from deathtoll.model import Place

if TYPE_CHECKING:
    from deathtoll.resolve.gazetteer import Candidate, Gazetteer

__all__ = ["city_radius_km", "section_parents", "city_chain", "city_of", "MIN_CITY_POPULATION"]

#: A town smaller than this is never the parent of another.
MIN_CITY_POPULATION = 100_000
_RATIO = 3
_MAX_RADIUS_KM = 25.0
_CELL_DEG = 0.5


def city_radius_km(population: int) -> float:
    """How far from its point a city of ``population`` people reaches."""
    return min(_MAX_RADIUS_KM, 4.0 * math.sqrt(max(population, 0) / 100_000))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from deathtoll.resolve.gazetteer import distance_km

    return distance_km(a, b)


def section_parents(towns: Sequence[tuple[int, float, float, str, str | None, int]]) -> dict[int, int]:
    """The parent city of every town that lies inside a larger one.

    Args:
        towns: ``(geonames_id, lat, lon, country, admin1_code, population)`` rows.

    Returns:
        ``{geonames_id: parent geonames_id}`` for towns that have a parent.
    """
    grid: dict[tuple[str, str | None, int, int], list[tuple]] = defaultdict(list)
    for t in towns:
        if t[5] >= MIN_CITY_POPULATION:
            grid[(t[3], t[4], int(t[1] // _CELL_DEG), int(t[2] // _CELL_DEG))].append(t)
    out: dict[int, int] = {}
    for gid, lat, lon, cc, a1, pop in towns:
        ci, cj = int(lat // _CELL_DEG), int(lon // _CELL_DEG)
        best: tuple | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for c in grid.get((cc, a1, ci + di, cj + dj), ()):
                    if c[0] == gid or c[5] < _RATIO * max(pop, 1):
                        continue
                    if _km((lat, lon), (c[1], c[2])) <= city_radius_km(c[5]) and (best is None or c[5] > best[5]):
                        best = c
        if best is not None:
            out[gid] = best[0]
    return out


def _parent(c: Candidate, gz: Gazetteer) -> Candidate | None:
    ref = (c.parent or "").strip()
    if not ref:
        return None
    if ref.isdigit():
        return gz.get(int(ref))
    for p in gz.lookup(ref, country=c.country, near=c.point, limit=5):
        if p.precision == "town" and (p.exact or p.similarity >= 0.85) and p.key != c.key:
            return p
    return None


def city_chain(c: Candidate, gz: Gazetteer, limit: int = 4) -> list[Candidate]:
    """The entry and the cities it lies in, innermost first ("Rogers Park", "Chicago")."""
    out = [c]
    seen = {c.key}
    while len(out) <= limit:
        p = _parent(out[-1], gz)
        if p is None or p.key in seen:
            break
        out.append(p)
        seen.add(p.key)
    return out


def city_of(place: Place, gz: Gazetteer) -> list[Candidate]:
    """The gazetteer entry of a resolved place and every city it rolls up to.

    Args:
        place: A resolved place (its ``geonames_id`` is used).
        gz: The gazetteer.

    Returns:
        The entry and its parent cities, innermost first; empty when the place
        has no entry.
    """
    if place.geonames_id is None:
        return []
    c = gz.get(place.geonames_id)
    return city_chain(c, gz) if c is not None else []
