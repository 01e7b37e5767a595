"""ACLED and UCDP GED rows: column names, precision codes, figures."""

from __future__ import annotations

from datetime import date

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.export_codes import (ACLED_COLUMNS, UCDP_COLUMNS, acled_geo_precision, acled_row,
                                         acled_time_precision, priogrid_gid, ucdp_date_prec, ucdp_row,
                                         ucdp_where_prec)
from deathtoll.model import Article, DateRange, Incident, Place

from test_link_across_helpers import DAY, item, one, report


@pytest.mark.parametrize("precision, name, acled, ucdp", [
    ("exact", "Abu Nuwas street", 1, 1),  # a street
    ("neighbourhood", "Karrada", 1, 1),  # a quarter of a town
    ("town", "Mosul", 1, 1),  # a town
    ("town", "near Hawija", 2, 2),  # "near" a town: within 25 km
    ("district", "Hawija district", 2, 3),  # second-order admin
    ("province", "Nineveh", 3, 4),  # first-order admin
    ("country", "Iraq", 3, 6),  # only the country
    ("unknown", None, 3, 7),  # nothing known
])
def test_place_precision_codes(precision, name, acled, ucdp):
    place = Place(name, None, None, None, None, "IQ", precision)
    assert (acled_geo_precision(place), ucdp_where_prec(place)) == (acled, ucdp)


@pytest.mark.parametrize("precision, start, end, acled, ucdp", [
    ("day", date(2017, 3, 4), date(2017, 3, 4), 1, 1),  # one day
    ("day", date(2017, 3, 4), date(2017, 3, 6), 1, 2),  # a 3-day range
    ("week", date(2017, 3, 6), date(2017, 3, 12), 2, 3),  # a week
    ("month", date(2017, 3, 1), date(2017, 3, 31), 3, 4),  # a month
    ("year", date(2017, 1, 1), date(2017, 12, 31), 3, 5),  # a year
    ("unknown", None, None, 3, 5),  # undated
])
def test_date_precision_codes(precision, start, end, acled, ucdp):
    inc = Incident("L-1", date=DateRange(start, end, precision))
    assert acled_time_precision(precision) == acled
    assert ucdp_date_prec(inc) == ucdp


def market_incident():
    items = [
        one("tw", "A car bomb in the Bab al-Tob market in Mosul killed 12 shoppers and wounded 30.", 12,
            source="Tigris Wire", place="bab_al_tob", low=10, high=14, text="12"),
        one("np", "Police said 12 people died when a car packed with explosives blew up among market stalls.", 12,
            source="Nineveh Post", place="bab_al_tob", group="unknown"),
    ]
    result = link_incidents(items)
    reports = [r for it in items for r in it.reports]
    articles = {it.article_id: Article(it.article_id, "", title=f"Headline {it.article_id}", published=DAY,
                                       source=it.source) for it in items}
    return result.incidents[0], reports, articles


def test_acled_row_has_acleds_columns_and_codes():
    inc, reports, articles = market_incident()
    row = acled_row(inc, reports, articles=articles)
    assert tuple(row) == ACLED_COLUMNS
    assert row["event_id_cnty"].startswith("IRQ") and row["event_id_cnty"][3:].isdigit()
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2017-03-04", 2017, 1)
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert (row["country"], row["iso"], row["admin1"], row["location"]) == ("Iraq", 368, "Nineveh", "Bab al-Tob")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (36.341, 43.133, 1)
    assert row["fatalities"] == 10  # ACLED's conservative figure: the low end
    assert row["actor1"] == "Unidentified Armed Group (Iraq)" and row["actor2"] == "Civilians (Iraq)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == (3, 7, 37)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source"] == "Nineveh Post; Tigris Wire"
    assert inc.id in row["notes"]


def test_ucdp_row_has_geds_columns_and_splits_deaths():
    inc, reports, articles = market_incident()
    row = ucdp_row(inc, reports, articles=articles)
    assert tuple(row) == UCDP_COLUMNS
    assert row["relid"] == inc.id and isinstance(row["id"], int)
    assert (row["type_of_violence"], row["side_b"]) == (3, "Civilians")  # one-sided violence
    assert (row["low"], row["best"], row["high"]) == (10, 12, 14)
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (0, 0, 12, 0)
    assert (row["where_prec"], row["date_prec"], row["event_clarity"]) == (1, 1, 1)
    assert (row["date_start"], row["date_end"], row["year"]) == ("2017-03-04", "2017-03-04", 2017)
    assert (row["country"], row["region"], row["adm_1"]) == ("Iraq", "Middle East", "Nineveh")
    assert row["geom_wkt"] == "POINT (43.133 36.341)"
    assert row["priogrid_gid"] == priogrid_gid(36.341, 43.133)
    assert row["number_of_sources"] == 2
    assert row["source_office"] == "Nineveh Post; Tigris Wire"
    assert row["source_headline"] == "Headline np; Headline tw"


def test_ucdp_state_based_violence_splits_sides():
    soldiers = report("a", 0, "Clashes west of Mosul killed 4 soldiers and 9 militants.", 4, group="security_forces",
                      cause="clashes", place="mosul")
    fighters = report("a", 1, "Clashes west of Mosul killed 4 soldiers and 9 militants.", 9, group="militants",
                      cause="clashes", place="mosul")
    (inc,) = link_incidents([item([soldiers, fighters])]).incidents
    row = ucdp_row(inc, [soldiers, fighters])
    assert (row["type_of_violence"], row["side_a"]) == (1, "Government of Iraq")
    assert (row["deaths_a"], row["deaths_b"], row["best"]) == (4, 9, 13)
    acled = acled_row(inc, [soldiers, fighters])
    assert (acled["event_type"], acled["sub_event_type"]) == ("Battles", "Armed clash")
    assert acled["source"] == ""  # no articles given


@pytest.mark.parametrize("lat, lon, gid", [
    (-89.9, -179.9, 1),  # the first cell, bottom left
    (-89.9, 179.9, 720),  # the end of the first row
    (89.9, 179.9, 259200),  # the last cell
    (None, 10.0, ""),  # no point, no cell
])
def test_priogrid_cells(lat, lon, gid):
    assert priogrid_gid(lat, lon) == gid


def test_rows_without_place_or_date_leave_fields_empty():
    bare = Incident("L-bare", Place(), DateRange(), None, None, (), ())
    acled, ucdp = acled_row(bare, []), ucdp_row(bare, [])
    assert acled["event_date"] == "" and acled["geo_precision"] == 3 and acled["country"] == ""
    assert ucdp["where_prec"] == 7 and ucdp["date_prec"] == 5 and ucdp["geom_wkt"] == ""
