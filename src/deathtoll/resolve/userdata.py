"""Load the user's places into the gazetteer: GeoNames dumps and CSV files.

Both go into the user tables of the index, which a rebuild of the embedded
data never drops. A bad line becomes an :class:`~deathtoll.errors.InputError`
naming the file and line; the other lines are still loaded.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from deathtoll.errors import InputError
from deathtoll.resolve.gazetteer import Gazetteer

__all__ = ["LoadResult", "add_geonames", "add_csv", "feature_precision", "KIND_PRECISION", "CSV_COLUMNS"]

#: Columns of a user CSV, in this order when the file has no header.
CSV_COLUMNS = ("name", "alternate_names", "lat", "lon", "country", "admin1", "parent", "kind")

#: ``kind`` values of a user CSV and the precision they give.
KIND_PRECISION = {
    "": "town", "town": "town", "city": "town", "village": "town", "settlement": "town",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "quarter": "neighbourhood",
    "suburb": "neighbourhood", "district": "district", "county": "district", "subdistrict": "district",
    "area": "district", "region": "district", "province": "province", "governorate": "province",
    "state": "province", "country": "country", "exact": "exact", "site": "exact", "camp": "exact",
    "dam": "exact", "building": "exact", "facility": "exact", "point": "exact", "mosque": "exact",
    "market": "exact", "checkpoint": "exact", "bridge": "exact", "base": "exact",
}


@dataclass
class LoadResult:
    """What a load did: rows added, and one error per rejected line."""

    added: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def feature_precision(feature_class: str, feature_code: str) -> str:
    """Precision of a GeoNames feature (``P``/``PPLX`` → neighbourhood, ``A``/``ADM1`` → province …)."""
    fc, code = feature_class.upper(), feature_code.upper()
    if fc == "P":
        return "neighbourhood" if code == "PPLX" else "town"
    if fc == "A":
        if code == "ADM1" or code == "ADM1H":
            return "province"
        if code.startswith("PCL"):
            return "country"
        return "district"
    if fc == "L" and code in ("AREA", "RGN", "RGNE", "RGNH", "LCTY"):
        return "district"
    return "exact"


def _float(value: str, what: str, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"{what} is not a number: {value!r}") from None
    if not lo <= x <= hi:
        raise ValueError(f"{what} out of range: {value}")
    return x


def _open_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text: {exc.reason}") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def add_geonames(gazetteer: Gazetteer, path: str | os.PathLike[str]) -> LoadResult:
    """Load a GeoNames dump (``IQ.txt``, ``allCountries.txt``: 19 tab-separated columns).

    Neighbourhoods (``PPLX``) become precision ``neighbourhood``, other
    populated places ``town``, ``ADM1`` ``province``, lower divisions
    ``district``, spots such as camps and dams ``exact``. A row with a
    GeoNames id that the embedded data also has replaces it in lookups.

    Args:
        gazetteer: The index to load into.
        path: The dump file.

    Returns:
        Rows added and one InputError per rejected line.

    Raises:
        InputError: The file cannot be read at all.
    """
    p = Path(path)
    result = LoadResult()
    rows = []
    for n, line in enumerate(_open_text(p).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            if len(cols) != 19:
                raise ValueError(f"expected 19 tab-separated columns, found {len(cols)}")
            gid = int(cols[0])
            name = cols[1].strip()
            if not name:
                raise ValueError("empty name")
            lat = _float(cols[4], "latitude", -90, 90)
            lon = _float(cols[5], "longitude", -180, 180)
            cc = cols[8].strip().upper()
            if len(cc) != 2 or not cc.isalpha():
                raise ValueError(f"bad country code: {cols[8]!r}")
            pop = int(cols[14] or 0)
        except ValueError as exc:
            result.errors.append(InputError(str(p), str(exc).replace("invalid literal for int() with base 10", "not an integer"), n))
            continue
        code = cols[10].strip()
        place = {"geonames_id": gid, "name": name, "lat": lat, "lon": lon, "country": cc,
                 "admin1": gazetteer.admin1_name(cc, code) if code else None, "admin1_code": code or None,
                 "feature": f"{cols[6]}.{cols[7]}".strip("."), "precision": feature_precision(cols[6], cols[7]),
                 "population": pop, "parent": None}
        alternates = [cols[2]] + [a for a in cols[3].split(",") if a]
        rows.append((place, alternates))
    result.added = gazetteer.insert_user_places(rows)
    return result


def add_csv(gazetteer: Gazetteer, path: str | os.PathLike[str]) -> LoadResult:
    """Load the user's own places from a CSV file.

    Columns: ``name, alternate_names, lat, lon, country, admin1, parent, kind``
    (a header row with these names may reorder them). ``alternate_names`` are
    separated by ``;`` (or ``,`` inside a quoted cell); ``country`` is ISO
    alpha-2; ``parent`` names the town a neighbourhood belongs to; ``kind`` is
    one of :data:`KIND_PRECISION` (empty means town).

    Args:
        gazetteer: The index to load into.
        path: The CSV file.

    Returns:
        Rows added and one InputError per rejected line.

    Raises:
        InputError: The file cannot be read at all.
    """
    p = Path(path)
    result = LoadResult()
    reader = csv.reader(io.StringIO(_open_text(p)))
    columns = list(CSV_COLUMNS)
    rows = []
    for n, cells in enumerate(reader, start=1):
        if not cells or not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if n == 1 and cells[0].strip().lower() == "name":
            head = [c.strip().lower() for c in cells]
            missing = [c for c in ("name", "lat", "lon") if c not in head]
            if missing:
                raise InputError(str(p), f"header lacks column(s): {', '.join(missing)}", 1)
            columns = head
            continue
        try:
            if len(cells) != len(columns):
                raise ValueError(f"expected {len(columns)} columns, found {len(cells)}")
            row = {k: v.strip() for k, v in zip(columns, cells)}
            if not row.get("name"):
                raise ValueError("empty name")
            lat = _float(row.get("lat", ""), "lat", -90, 90)
            lon = _float(row.get("lon", ""), "lon", -180, 180)
            cc = row.get("country", "").upper()
            if cc and (len(cc) != 2 or not cc.isalpha()):
                raise ValueError(f"country must be an ISO alpha-2 code: {row.get('country')!r}")
            kind = row.get("kind", "").lower()
            if kind not in KIND_PRECISION:
                raise ValueError(f"unknown kind {kind!r} (one of: {', '.join(sorted(k for k in KIND_PRECISION if k))})")
        except ValueError as exc:
            result.errors.append(InputError(str(p), str(exc), n))
            continue
        alt = row.get("alternate_names", "")
        alternates = [a.strip() for a in (alt.split(";") if ";" in alt else alt.split(",")) if a.strip()]
        place = {"geonames_id": None, "name": row["name"], "lat": lat, "lon": lon, "country": cc or None,
                 "admin1": row.get("admin1") or None, "admin1_code": None, "feature": f"user.{kind or 'town'}",
                 "precision": KIND_PRECISION[kind], "population": 0, "parent": row.get("parent") or None}
        rows.append((place, alternates))
    result.added = gazetteer.insert_user_places(rows)
    return result
