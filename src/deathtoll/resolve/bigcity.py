"""Names of a big city's neighbourhoods that other states' towns also bear.

A story from a big city names its neighbourhoods bare ("a party in Austin",
"shot in Roseland", "on Capitol Hill" in a Chicago or Seattle story); the index
often holds only the far towns of those names. When the article's established
town (its dateline, headline or outlet town) is a big city in the state the
article points to, a smaller namesake in another state, far away and written
without a state, is read as a part of that city rather than as the far town.
The city whose police speak in the story ("according to Chicago Police") is
such a city too, for namesakes less than half its size: a headline's "Five
wounded in Austin shooting" over a Chicago Police statement is Chicago's
Austin, while "Houston" (nearly Chicago's size) stays the Texas city.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deathtoll.resolve.gazetteer import Candidate, Gazetteer, distance_km

if TYPE_CHECKING:
    from deathtoll.resolve.places import Located

__all__ = ["established_city", "far_namesake", "agency_city"]

#: a city this large has named neighbourhoods that the index lacks
BIG_CITY = 300_000
#: farther than this from the city, a namesake is another place
FAR_KM = 150.0
#: a namesake at most this share of the size of the city whose police speak is its neighbourhood
_AGENCY_SHARE = 0.5


def established_city(anchor: Located | None, gz: Gazetteer) -> Candidate | None:
    """The index entry of the article's anchor town when it is a big city."""
    if anchor is None or anchor.how != "gazetteer" or anchor.place.precision != "town" \
            or anchor.place.geonames_id is None:
        return None
    c = gz.get(anchor.place.geonames_id)
    return c if c is not None and c.population >= BIG_CITY and c.point else None


def far_namesake(c: Candidate, city: Candidate) -> bool:
    """A town of the city's country, in another state, far away and smaller than the
    city: a namesake of one of the city's neighbourhoods ("Austin" in a Chicago story)."""
    return c.precision in ("town", "neighbourhood") and c.country == city.country and c.admin1 != city.admin1 \
        and c.point is not None and city.point is not None and c.population < city.population \
        and distance_km(c.point, city.point) > FAR_KM


def agency_city(towns: list[Located], cands: list[Candidate], gz: Gazetteer) -> Located | None:
    """The big city whose police (or other agency) speak in the article ("Chicago
    Police"), when every candidate of a name is a far namesake less than half its
    size: the name is that city's neighbourhood. A story that cites the agencies of
    two big cities has none.

    Args:
        towns: The towns the article's places resolved to.
        cands: The candidates of the name.
        gz: The gazetteer.

    Returns:
        The agency's town, or None.
    """
    agencies = {loc.key: loc for loc in towns if loc.mention.extra.get("role") == "agency"
                and established_city(loc, gz) is not None}
    if len(agencies) != 1 or not cands:
        return None
    loc = next(iter(agencies.values()))
    city = established_city(loc, gz)
    if city is None or not all(far_namesake(c, city) and c.population <= _AGENCY_SHARE * city.population
                               for c in cands):
        return None
    return loc
