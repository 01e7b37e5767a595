"""The local place index: one SQLite file, no server.

Two pairs of tables live in the file. ``places``/``names`` hold the embedded
GeoNames data compiled from the packages on first use (see
:mod:`deathtoll.resolve.compile`) and are rebuilt by :meth:`Gazetteer.build`.
``user_places``/``user_names`` hold what the user loaded with
``add-geonames`` / ``add-csv`` and are never dropped by a rebuild. Both are
searched together by the skeleton key of :mod:`deathtoll.resolve.normalize`.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from deathtoll import geo
from deathtoll.errors import GazetteerError
from deathtoll.resolve.normalize import name_keys

__all__ = ["Candidate", "Gazetteer", "SCHEMA", "INDEXES", "default_path", "open_gazetteer", "distance_km", "BASE_VERSION"]

#: Bumped when the compiled layout or its sources change: an older index is rebuilt.
BASE_VERSION = "6"

_PLACE_COLUMNS = ("geonames_id", "name", "lat", "lon", "country", "admin1", "admin1_code",
                  "feature", "precision", "population", "parent")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS {p}places (
    id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, admin1_code TEXT, feature TEXT, precision TEXT,
    population INTEGER DEFAULT 0, parent TEXT);
CREATE TABLE IF NOT EXISTS {p}names (key TEXT NOT NULL, fold TEXT NOT NULL, place INTEGER NOT NULL, name TEXT);
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS {p}names_key ON {p}names (key);
CREATE INDEX IF NOT EXISTS {p}names_fold ON {p}names (fold);
CREATE INDEX IF NOT EXISTS {p}places_gid ON {p}places (geonames_id);
"""


#: subtracted from the rank of an entry that has a name only as another name, when an
#: entry has it as its own
_OTHER_NAME_PENALTY = 0.2
_DIVISIONS = ("province", "district", "country")


def default_path() -> Path:
    """Where the index lives unless ``Options.gazetteer`` says otherwise:
    ``$DEATHTOLL_HOME/gazetteer.sqlite``, else ``~/.cache/deathtoll/gazetteer.sqlite``."""
    home = os.environ.get("DEATHTOLL_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "deathtoll"
    return base / "gazetteer.sqlite"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    return geo.distance_km(a[0], a[1], b[0], b[1])


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name can stand for, with how well it matched.

    ``key`` is unique in the index (``b:<row>`` embedded, ``u:<row>`` user);
    ``matched`` is the stored spelling that met the query; ``similarity`` is
    the rapidfuzz ratio (0..1) of the folded query and that spelling;
    ``exact`` says the folds are equal; ``score`` is the ranking
    :meth:`Gazetteer.lookup` gave it.
    """

    key: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str
    feature: str | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1_code: str | None = None
    parent: str | None = None
    matched: str | None = None
    similarity: float = 0.0
    exact: bool = False
    score: float = 0.0

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None

    @property
    def is_user(self) -> bool:
        return self.key.startswith("u:")


def _rank(c: Candidate, country: str | None, near: Sequence[tuple[float, float]], division: bool,
          admin1: str | None = None) -> float:
    s = 1.0 if c.exact else 0.7 * c.similarity
    # a bare name is a town before it is the district or province named after it
    if not division and c.feature in ("ADM1", "ADM2"):
        s -= 0.15 if c.feature == "ADM1" else 0.45
    elif division and c.precision not in ("province", "district", "country"):
        s -= 0.3
    s += 0.5 * math.log10(max(c.population, 0) + 10) / 7.0
    if c.precision == "country":
        s += 0.4
    if country and c.country == country:
        s += 0.6
        if admin1 and c.admin1 == admin1:
            s += 0.4
    if near and c.point:
        d = min(distance_km(c.point, p) for p in near)
        s += 0.9 * math.exp(-d / 120.0)
    if c.is_user:
        s += 0.05
    return s


class Gazetteer:
    """A handle on the place index.

    Args:
        path: The SQLite file; created (and the embedded data compiled into it)
            on first use. ``None`` means :func:`default_path`.
        build: Compile the embedded data now if the file lacks it (default).
            With ``False``, only user tables are searched until :meth:`build`.

    Raises:
        GazetteerError: The file cannot be opened or compiled.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, build: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=300, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise GazetteerError(f"cannot open gazetteer {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        with self._lock, self._db:
            self._db.executescript(SCHEMA.format(p="") + SCHEMA.format(p="user_") + INDEXES.format(p="user_"))
        self._cache: dict[tuple[str, str], list[Candidate]] = {}
        if build and not self.is_built:
            self.build()

    # -- building -------------------------------------------------------
    @property
    def is_built(self) -> bool:
        """True when the embedded data of the current version is in the file."""
        row = self._db.execute("SELECT v FROM meta WHERE k='base_version'").fetchone()
        return bool(row and row[0] == BASE_VERSION)

    def build(self, *, countries: Iterable[str] | None = None) -> dict[str, int]:
        """(Re)compile the embedded GeoNames data; user tables are kept.

        Args:
            countries: Limit the embedded places to these ISO codes (smaller,
                faster index); ``None`` compiles the whole world.

        Returns:
            Counts of places and names written.
        """
        from deathtoll.resolve.compile import compile_base

        with self._lock:
            counts = compile_base(self._db, countries=countries)
            self._cache.clear()
        return counts

    def insert_user_places(self, rows: Iterable[tuple[dict, list[str]]]) -> int:
        """Add user places (``add-geonames``/``add-csv``): each a dict of place
        columns plus its alternate names. Returns the number added."""
        n = 0
        with self._lock, self._db:
            for place, alternates in rows:
                cur = self._db.execute(
                    f"INSERT INTO user_places ({','.join(_PLACE_COLUMNS)}) VALUES ({','.join('?' * len(_PLACE_COLUMNS))})",
                    [place.get(c) for c in _PLACE_COLUMNS],
                )
                write_names(self._db, "user_", cur.lastrowid, [place["name"], *alternates])
                n += 1
            self._cache.clear()
        return n

    def admin1_name(self, country: str, code: str) -> str | None:
        """The display name of a first-level division from its GeoNames code."""
        row = self._db.execute(
            "SELECT name FROM places WHERE feature='ADM1' AND country=? AND admin1_code=?", (country, code)
        ).fetchone()
        return row[0] if row else None

    def admin1_names(self, country: str) -> dict[str, str]:
        """``{GeoNames code: display name}`` of a country's first-level divisions."""
        key = ("admin1", country)
        cached = self._cache.get(key)
        if cached is None:
            rows = self._db.execute("SELECT admin1_code, name FROM places WHERE feature='ADM1' AND country=?",
                                    (country,)).fetchall()
            cached = self._cache[key] = {c: n for c, n in rows if c and n}  # type: ignore[assignment]
        return dict(cached)  # type: ignore[arg-type]

    def large_place_names(self, min_population: int) -> dict[str, tuple[int, ...]]:
        """Folded one-word spellings (6+ letters) of first-level divisions and of
        towns of ``min_population`` people or more, each with its GeoNames ids."""
        key = ("large", str(min_population))
        cached = self._cache.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        rows = self._db.execute(
            "SELECT n.fold, p.geonames_id FROM names n JOIN places p ON p.id = n.place "
            "WHERE p.feature = 'ADM1' OR (p.feature = 'P' AND p.population >= ?)", (min_population,)
        ).fetchall()
        out: dict[str, set[int]] = {}
        for f, gid in rows:
            k = f.replace(" ", "")
            if len(k) >= 6 and k.isalpha() and gid is not None:
                out.setdefault(k, set()).add(gid)
        result = {k: tuple(sorted(v)) for k, v in out.items()}
        self._cache[key] = result  # type: ignore[assignment]
        return result

    def stats(self) -> dict[str, int]:
        """Row counts of the embedded and user tables."""
        q = lambda t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {"places": q("places"), "names": q("names"), "user_places": q("user_places"), "user_names": q("user_names")}

    # -- searching ------------------------------------------------------
    def _fetch(self, name: str) -> list[Candidate]:
        f, key = name_keys(name)
        if not key:
            return []
        cached = self._cache.get((key, f))
        if cached is not None:
            return cached
        short = len(f.replace(" ", "")) <= 4
        cond, arg = ("n.fold = ?", f) if short else ("n.key = ?", key)
        best: dict[str, Candidate] = {}
        with self._lock:
            for prefix, tag in (("", "b"), ("user_", "u")):
                rows = self._db.execute(
                    f"SELECT p.id, n.fold, n.name, {', '.join('p.' + c for c in _PLACE_COLUMNS)} "
                    f"FROM {prefix}names n JOIN {prefix}places p ON p.id = n.place WHERE {cond}",
                    (arg,),
                ).fetchall()
                for row in rows:
                    pid, nfold, nname, *vals = row
                    exact = nfold == f
                    sim = 1.0 if exact else fuzz.ratio(f, nfold) / 100.0
                    if sim < 0.5:
                        continue
                    k = f"{tag}:{pid}"
                    old = best.get(k)
                    if old is None or sim > old.similarity:
                        d = dict(zip(_PLACE_COLUMNS, vals))
                        d["population"] = d["population"] or 0
                        best[k] = Candidate(key=k, matched=nname, similarity=sim, exact=exact, **d)
        # a user row loaded from a GeoNames dump supersedes the embedded row of the same id
        user_ids = {c.geonames_id for c in best.values() if c.is_user and c.geonames_id}
        out = [c for c in best.values() if c.is_user or c.geonames_id not in user_ids]
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[(key, f)] = out
        return out

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | Sequence[tuple[float, float]] | None = None,
        division: bool = False,
        admin1: str | None = None,
        limit: int = 20,
    ) -> list[Candidate]:
        """Every entry ``name`` can stand for, best first.

        Args:
            name: A place name as written ("Qayara", "Tal Keif").
            country: ISO alpha-2 code preferred by the ranking.
            near: A (lat, lon) point, or several, that nearer entries are preferred to.
            division: The name was written as a division ("Anbar province",
                "Cook County"): districts and provinces are not demoted.
            admin1: Name of a first-level division preferred within ``country``.
            limit: Most candidates returned.

        Returns:
            Candidates ranked by match quality, population, country and distance.
        """
        points: list[tuple[float, float]] = []
        if near:
            points = [near] if isinstance(near[0], (int, float)) else list(near)  # type: ignore[list-item]
        found = self._fetch(name)
        f = name_keys(name)[0]
        # a town that has the name as its own comes before one that has it only as another
        # or old name ("York" is York, not a city that was once called so)
        owned = any(c.exact and name_keys(c.name)[0] == f and c.precision not in _DIVISIONS for c in found)
        ranked = [replace(c, score=_rank(c, country, points, division, admin1)
                          - (_OTHER_NAME_PENALTY if owned and c.exact and name_keys(c.name)[0] != f else 0.0))
                  for c in found]
        ranked.sort(key=lambda c: (-c.score, c.key))
        return ranked[:limit]

    def resolve_name(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | Sequence[tuple[float, float]] | None = None,
        division: bool = False,
        precisions: Sequence[str] | None = None,
    ) -> Candidate | None:
        """The best entry for ``name``, or None when nothing matches well enough.

        Args:
            name: A place name as written.
            country: Preferred ISO alpha-2 country.
            near: Point(s) that nearer entries are preferred to.
            division: The name was written as a district or province.
            precisions: Accept only entries of these precisions.
        """
        for c in self.lookup(name, country=country, near=near, division=division, limit=50):
            if precisions and c.precision not in precisions:
                continue
            if c.exact or c.similarity >= 0.75:
                return c
        return None

    def get(self, geonames_id: int) -> Candidate | None:
        """The entry with this GeoNames id (user rows first), or None."""
        for prefix, tag in (("user_", "u"), ("", "b")):
            row = self._db.execute(
                f"SELECT id, {', '.join(_PLACE_COLUMNS)} FROM {prefix}places WHERE geonames_id=? LIMIT 1",
                (geonames_id,),
            ).fetchone()
            if row:
                d = dict(zip(_PLACE_COLUMNS, row[1:]))
                d["population"] = d["population"] or 0
                return Candidate(key=f"{tag}:{row[0]}", matched=d["name"], similarity=1.0, exact=True, **d)
        return None

    def names_of(self, candidate: Candidate) -> list[str]:
        """Every stored spelling of an entry."""
        tag, pid = candidate.key.split(":")
        prefix = "user_" if tag == "u" else ""
        return [r[0] for r in self._db.execute(f"SELECT name FROM {prefix}names WHERE place=?", (int(pid),))]

    def close(self) -> None:
        """Close the SQLite connection."""
        self._db.close()


def name_rows(place_id: int, names: Iterable[str]) -> list[tuple[str, str, int, str]]:
    """Rows ``(key, fold, place, name)`` of the distinct folded spellings of one place."""
    seen: set[str] = set()
    rows = []
    for n in names:
        n = (n or "").strip()
        if not n:
            continue
        f, key = name_keys(n)
        if not f or f in seen:
            continue
        seen.add(f)
        rows.append((key, f, place_id, n))
    return rows


def write_names(db: sqlite3.Connection, prefix: str, place_id: int, names: Iterable[str]) -> int:
    """Insert the distinct folded spellings of one place; returns how many."""
    rows = name_rows(place_id, names)
    db.executemany(f"INSERT INTO {prefix}names (key, fold, place, name) VALUES (?,?,?,?)", rows)
    return len(rows)


_OPEN: dict[Path, Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def open_gazetteer(path: str | os.PathLike[str] | None = None) -> Gazetteer:
    """A shared :class:`Gazetteer` per file, so a pipeline opens the index once."""
    p = Path(path) if path is not None else default_path()
    with _OPEN_LOCK:
        g = _OPEN.get(p)
        if g is None:
            g = _OPEN[p] = Gazetteer(p)
        return g
