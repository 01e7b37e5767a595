"""Exports of the stored incidents: flat CSV, JSON Lines with reports, GeoJSON, ACLED, UCDP."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import Any, Callable, TextIO

from deathtoll.errors import DeathtollError
from deathtoll.model import Incident

__all__ = ["export", "ExportStats", "FORMATS", "CSV_COLUMNS", "flat_incident"]

CSV_COLUMNS = (
    "id", "date_start", "date_end", "date_precision", "place_name", "geonames_id", "lat", "lon",
    "admin1", "country", "place_precision", "cause", "perpetrator", "killed_low", "killed_best",
    "killed_high", "wounded_low", "wounded_best", "wounded_high", "sources", "status", "reports",
)


@dataclass(frozen=True)
class ExportStats:
    """What an export wrote: ``written`` incidents, ``left_out`` (GeoJSON: no coordinates)."""

    written: int
    left_out: int = 0


def _tally(incident: Incident, outcome: str) -> tuple[int | None, int | None, int | None]:
    """Sum of an outcome over victim groups; None when the incident has no tally for it."""
    if not any(v.outcome == outcome for v in incident.victims):
        return None, None, None
    return incident.tally(outcome)


def flat_incident(incident: Incident) -> dict[str, Any]:
    """One incident as the flat record of :data:`CSV_COLUMNS` (report ids joined by ``;``)."""
    p, d = incident.place, incident.date
    kl, kb, kh = _tally(incident, "killed")
    wl, wb, wh = _tally(incident, "wounded")
    return {
        "id": incident.id,
        "date_start": d.start.isoformat() if d.start else None,
        "date_end": d.end.isoformat() if d.end else None,
        "date_precision": d.precision,
        "place_name": p.name, "geonames_id": p.geonames_id, "lat": p.lat, "lon": p.lon,
        "admin1": p.admin1, "country": p.country, "place_precision": p.precision,
        "cause": incident.cause,
        "perpetrator": incident.perpetrator.name if incident.perpetrator else None,
        "killed_low": kl, "killed_best": kb, "killed_high": kh,
        "wounded_low": wl, "wounded_best": wb, "wounded_high": wh,
        "sources": incident.sources, "status": incident.status,
        "reports": ";".join(incident.reports),
    }


def _csv(store: Any, out: TextIO) -> ExportStats:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for incident in store.incidents():
        writer.writerow({k: "" if v is None else v for k, v in flat_incident(incident).items()})
        n += 1
    return ExportStats(n)


def _jsonl(store: Any, out: TextIO) -> ExportStats:
    n = 0
    for incident in store.incidents():
        record = incident.to_record()
        record["reports"] = [{**s.report.to_dict(), "article": s.article.to_dict()}
                             for s in store.reports_for(incident.id)]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return ExportStats(n)


def _geojson(store: Any, out: TextIO) -> ExportStats:
    features, left_out = [], 0
    for incident in store.incidents():
        if not incident.place.is_known:
            left_out += 1
            continue
        features.append({
            "type": "Feature",
            "id": incident.id,
            "geometry": {"type": "Point", "coordinates": [incident.place.lon, incident.place.lat]},
            "properties": flat_incident(incident),
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return ExportStats(len(features), left_out)


def _coded(columns: tuple[str, ...], row: Callable[..., dict[str, Any]]) -> Callable[[Any, TextIO], ExportStats]:
    """A CSV writer in a dataset's own columns and codes (ACLED, UCDP GED)."""

    def write(store: Any, out: TextIO) -> ExportStats:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        n = 0
        for incident in store.incidents():
            sourced = store.reports_for(incident.id)
            articles = {s.article.id: s.article for s in sourced}
            record = row(incident, [s.report for s in sourced], articles=articles)
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
            n += 1
        return ExportStats(n)

    return write


def _acled(store: Any, out: TextIO) -> ExportStats:
    from deathtoll.link.export_codes import ACLED_COLUMNS, acled_row

    return _coded(ACLED_COLUMNS, acled_row)(store, out)


def _ucdp(store: Any, out: TextIO) -> ExportStats:
    from deathtoll.link.export_codes import UCDP_COLUMNS, ucdp_row

    return _coded(UCDP_COLUMNS, ucdp_row)(store, out)


FORMATS: dict[str, Callable[[Any, TextIO], ExportStats]] = {
    "csv": _csv, "jsonl": _jsonl, "geojson": _geojson, "acled": _acled, "ucdp": _ucdp,
}


def export(store: Any, fmt: str, out: TextIO) -> ExportStats:
    """Write every stored incident to ``out`` in format ``fmt``.

    - ``csv``: one row per incident, columns :data:`CSV_COLUMNS`; killed and
      wounded summed over victim groups (empty when the incident has none).
    - ``jsonl``: one incident record per line (``Incident.to_record``) whose
      ``reports`` are the full reports, each with its ``article``.
    - ``geojson``: a FeatureCollection of Point features ([lon, lat]) with the
      CSV columns as properties; incidents without coordinates are left out
      and counted in ``ExportStats.left_out``.
    - ``acled`` / ``ucdp``: CSV in ACLED's / UCDP GED's own column names and
      precision codes (``geo_precision``, ``time_precision``; ``where_prec``,
      ``date_prec``), conservative fatalities as ``low``.

    Args:
        store: an open :class:`~deathtoll.store.Store`.
        fmt: ``csv``, ``jsonl``, ``geojson``, ``acled`` or ``ucdp``.
        out: a text stream (open files with ``newline=""``).

    Raises:
        DeathtollError: unknown format.
    """
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise DeathtollError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return writer(store, out)
