"""Checks across the store: stated totals against incidents, conflicts, unplaced and undated reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.checks_store import aggregate_checks, conflict_checks, placement_checks, store_checks
from deathtoll.model import Count, DateRange, Place

from test_link_across_helpers import one, report

ROUNDUP = "Across Iraq, {text} people were killed on Saturday, according to a tally of local reports."


def day_incidents():
    items = [
        one("a", "A car bomb in the Bab al-Tob market killed 12 shoppers.", 12, source="A", place="bab_al_tob"),
        one("b", "Police in Kirkuk said gunmen shot dead 3 guards at an oil pumping station.", 3, source="B",
            place="kirkuk", cause="gunfire", group="security_forces"),
        one("c", "In Aleppo, shelling killed 5 people in the old city.", 5, source="C", place="aleppo",
            cause="shelling"),  # another country: not in Iraq's total
        one("d", "A day later, a mortar round killed 2 farmers near Tikrit.", 2, source="D", place="tikrit",
            cause="mortar", day=date(2017, 3, 5), published=date(2017, 3, 5)),  # another day
    ]
    return link_incidents(items).incidents


def roundup(text: str, low: int, best: int, high: int | None, **kw):
    fields = dict(scope="aggregate", place="iraq", group="unknown", cause=None, text=text, low=low, high=high)
    fields.update(kw)
    return report("r", 0, ROUNDUP.format(text=text), best, **fields)


@pytest.mark.parametrize("text, low, best, high, status", [
    ("15", 15, 15, 15, "match"),  # 12 + 3 in Iraq on the day
    ("at least 15", 15, 15, None, "match"),  # "at least" states no upper bound
    ("at least 14", 14, 14, None, "match"),  # 15 is at least 14
    ("20", 20, 20, 20, "mismatch"),  # five more stated than itemised
    ("at least 16", 16, 16, None, "mismatch"),  # more stated than the itemised 15
    ("12 to 16", 12, 14, 16, "match"),  # a range holding 15
])
def test_a_round_up_total_against_the_incidents_of_its_day_and_country(text, low, best, high, status):
    (check,) = aggregate_checks([roundup(text, low, best, high)], day_incidents())
    assert check.kind == "aggregate" and check.status == status
    assert check.stated == {"killed": best} and check.itemised == {"killed": 15}
    assert check.message == f"IQ 2017-03-04: stated {text} killed, itemised 15 in 2 incidents"
    assert check.reports[0] == "r#0" and {"a#0", "b#0"} <= set(check.reports) and "c#0" not in check.reports


def test_a_round_up_over_several_days_covers_them_all():
    agg = roundup("17", 17, 17, 17, day=date(2017, 3, 4), end=date(2017, 3, 5), precision="week")
    (check,) = aggregate_checks([agg], day_incidents())
    assert check.status == "match" and check.itemised == {"killed": 17}


@pytest.mark.parametrize("changes", [
    {"date": DateRange()},  # undated: cannot be checked against a day
    {"place": Place("somewhere")},  # no country
    {"scope": "incident"},  # not an aggregate
])
def test_aggregates_that_cannot_be_checked_are_left_to_other_checks(changes):
    assert aggregate_checks([replace(roundup("15", 15, 15, 15), **changes)], day_incidents()) == []


def test_conflicting_incidents_are_reported_with_each_articles_figure():
    items = [
        one("tw", "An air strike on a house in Tikrit's Qadisiya quarter killed four members of one family.", 4,
            text="four", source="Tigris Wire", place="tikrit", cause="airstrike"),
        one("ss", "Residents of the Qadisiya quarter said 15 civilians died when warplanes struck Tikrit.", 15,
            source="Samarra Sun", place="tikrit", cause="airstrike"),
    ]
    result = link_incidents(items)
    (inc,) = result.incidents
    assert inc.status == "conflicting"
    (check,) = conflict_checks(result.incidents, [r for it in items for r in it.reports])
    assert (check.kind, check.status) == ("conflict", "mismatch")
    assert check.message == f"{inc.id}: sources disagree (killed: ss 15, tw 4)"
    assert set(check.reports) == {"tw#0", "ss#0"}


def test_unplaced_and_undated_reports_are_listed():
    placed = report("a", 0, "Twelve died in the Bab al-Tob market blast.", 12, text="Twelve", place="bab_al_tob")
    named = replace(report("a", 1, "Two died in Qaraqosh.", 2, text="Two"), place=Place("Qaraqosh"))
    lost = report("a", 2, "Three died somewhere.", 3, text="Three", place="nowhere", day=None)
    checks = placement_checks([lost, placed, named])
    assert [(c.kind, c.reports) for c in checks] == [
        ("unplaced", ("a#1",)), ("unplaced", ("a#2",)), ("undated", ("a#2",))]
    assert checks[0].message == "a#1: place 'Qaraqosh' not found"
    assert checks[1].message == "a#2: no place" and checks[2].message == "a#2: no date"
    assert all(c.status == "info" for c in checks)


def test_store_checks_runs_them_all():
    incidents = day_incidents()
    reports = [roundup("20", 20, 20, 20), report("x", 0, "Two died.", 2, text="Two", place="nowhere")]
    kinds = [c.kind for c in store_checks(incidents, reports)]
    assert kinds == ["aggregate", "unplaced"]


def test_stated_counts_without_a_best_figure_use_what_there_is():
    agg = replace(roundup("dozens", 12, 12, None), count=Count(12, None, None, "dozens"))
    (check,) = aggregate_checks([agg], day_incidents())
    assert check.stated == {"killed": 12} and check.status == "match"  # "dozens": 12 or more
