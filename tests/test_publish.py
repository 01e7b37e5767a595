"""Exports (CSV, JSON Lines, GeoJSON) from a real store, directly and through the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from deathtoll.cli import app
from deathtoll.errors import DeathtollError
from deathtoll.publish import CSV_COLUMNS, export
from deathtoll.publish.tables import date_label, figure, place_label
from deathtoll.model import DateRange, Place
from deathtoll.store import open_store

from factories import article, synthetic_result

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "e.db"
    arts = [
        article("e1", "4 civilians were killed and 2 were wounded in Eastford by airstrike.", published=date(2017, 1, 10)),
        article("e2", "6 soldiers were killed in Westbury by shelling. 1 people were killed in Westbury.",
                published=date(2017, 2, 20)),
        article("e3", "5 fighters were killed in Nowhereville.", published=None, source="Far Post"),
    ]
    with open_store(path) as s:
        s.save_batch(None, [synthetic_result(a) for a in arts], [])
    return path


def _export(db, fmt):
    out = io.StringIO()
    with open_store(db) as s:
        stats = export(s, fmt, out)
    return stats, out.getvalue()


def test_csv_columns_and_values(db):
    stats, text = _export(db, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert stats.written == 4 and len(rows) == 4
    assert tuple(rows[0]) == CSV_COLUMNS
    e1 = next(r for r in rows if r["id"] == "e1/0")
    assert (e1["killed_low"], e1["killed_best"], e1["killed_high"]) == ("4", "4", "4")
    assert (e1["wounded_best"], e1["lat"], e1["lon"], e1["country"]) == ("2", "35.5", "44.25", "IQ")
    assert (e1["date_start"], e1["date_precision"], e1["cause"]) == ("2017-01-10", "day", "airstrike")
    assert e1["reports"] == "e1#0;e1#1" and e1["status"] == "single-source" and e1["sources"] == "1"
    e3 = next(r for r in rows if r["id"] == "e3/0")
    assert (e3["wounded_best"], e3["lat"], e3["date_start"]) == ("", "", "")  # unknown stays empty


def test_jsonl_records_carry_their_reports(db):
    stats, text = _export(db, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert stats.written == len(records) == 4
    e1 = next(r for r in records if r["id"] == "e1/0")
    assert set(e1) == {"id", "place", "date", "cause", "perpetrator", "victims", "reports", "sources", "status"}
    assert [r["id"] for r in e1["reports"]] == ["e1#0", "e1#1"]
    assert e1["reports"][0]["article"] == {"id": "e1", "title": "Report e1", "published": "2017-01-10",
                                           "source": "Example Wire", "url": None}
    assert e1["reports"][0]["evidence"]["sentence"].startswith("4 civilians were killed")


def test_geojson_points_only(db):
    stats, text = _export(db, "geojson")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert (stats.written, stats.left_out) == (3, 1)
    ids = [f["id"] for f in doc["features"]]
    assert ids == ["e1/0", "e2/0", "e2/1"]
    first = doc["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [44.25, 35.5]}  # [lon, lat]
    assert tuple(first["properties"]) == CSV_COLUMNS


def test_unknown_format(db):
    with open_store(db) as s, pytest.raises(DeathtollError, match="unknown export format 'xml'"):
        export(s, "xml", io.StringIO())


def test_cli_export_csv_to_stdout(db):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["e1/0", "e2/0", "e2/1", "e3/0"]
    assert result.stderr == ""


def test_cli_export_geojson_counts_what_it_leaves_out(db):
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "geojson"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["features"]) == 3
    assert result.stderr == "1 incident without coordinates left out of the GeoJSON\n"


def test_cli_export_to_file(db, tmp_path):
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "jsonl", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote 4 incidents to {target}\n"
    assert len(target.read_text().splitlines()) == 4
    assert list(tmp_path.glob("*.partial")) == []


def test_cli_export_to_missing_folder(db, tmp_path):
    target = tmp_path / "nope" / "out.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "csv", "-o", str(target)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {target}: folder {target.parent} does not exist\n")


def test_cli_export_bad_format(db):
    assert runner.invoke(app, ["export", "--db", str(db), "-f", "xml"]).exit_code == 2


@pytest.mark.parametrize("values, shown", [
    ((7, 7, 7), "7"),            # exact
    ((7, 9, 12), "7–9–12"),      # a range
    ((None, None, None), "?"),   # unknown
    ((3, None, None), "3–?–?"),  # partly known
])
def test_figure(values, shown):
    assert figure(*values) == shown


@pytest.mark.parametrize("place, shown", [
    (Place("Eastford", admin1="Northern", country="IQ"), "Eastford, Northern, IQ"),  # all parts
    (Place("Northern", admin1="Northern", country="IQ"), "Northern, IQ"),          # no repeats
    (Place(), ""),                                                                   # unknown
])
def test_place_label(place, shown):
    assert place_label(place) == shown


@pytest.mark.parametrize("dr, shown", [
    (DateRange(date(2017, 3, 4), date(2017, 3, 4), "day"), "2017-03-04"),                        # one day
    (DateRange(date(2017, 3, 1), date(2017, 3, 7), "week"), "2017-03-01..2017-03-07"),           # a range
    (DateRange(None, None, "unknown", "on Friday"), '"on Friday"'),                              # unresolved
])
def test_date_label(dr, shown):
    assert date_label(dr) == shown
