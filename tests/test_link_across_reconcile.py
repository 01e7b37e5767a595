"""Reconciling what several articles say about one incident: low / best / high, sources, status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deathtoll.link.reconcile import build_incident, reconcile, source_units

from test_link_across_helpers import DAY, item, one, report

S = "A car bomb at the Bab al-Tob market in Mosul killed {n} people."
WORDING = {  # each outlet words it its own way
    "A": "A car bomb at the Bab al-Tob market in Mosul killed {n} people.",
    "B": "Police said {n} shoppers died when explosives packed in a car went off near the vegetable stalls.",
    "Other": "Medics counted {n} dead after the blast in eastern Mosul.",
}
LATER = DAY + timedelta(days=1)


def fig(aid: str, n: int, source: str, *, published: date = DAY, group: str = "civilian", **kw):
    return one(aid, WORDING[source].format(n=n), n, source=source, published=published, group=group,
               place="bab_al_tob", **kw)


@pytest.mark.parametrize("items, killed, sources, status", [
    # one article: one source
    ([fig("a", 7, "A")], (7, 7, 7), 1, "single-source"),
    # two outlets, same figure
    ([fig("a", 7, "A"), fig("b", 7, "B")], (7, 7, 7), 2, "corroborated"),
    # two outlets on one day, 7 and 9: ranges do not overlap
    ([fig("a", 7, "A"), fig("b", 9, "B")], (7, 9, 9), 2, "conflicting"),
    # 7 then, a day later, 9 from another outlet: a rise; best is the latest
    ([fig("a", 7, "A"), fig("b", 9, "B", published=LATER)], (7, 9, 9), 2, "corroborated"),
    # 9 then, a day later, 7: the later source gives less, a disagreement; best is still the latest
    ([fig("a", 9, "A"), fig("b", 7, "B", published=LATER)], (7, 7, 9), 2, "conflicting"),
    # a range 6-10 agrees with 8
    ([fig("a", 8, "A"), fig("b", 8, "B", low=6, high=10)], (6, 8, 10), 2, "corroborated"),
    # "at least 5" agrees with 12: it states no upper bound
    ([fig("a", 5, "A", high=None, text="at least 5"), fig("b", 12, "B")], (5, 12, 12), 2, "corroborated"),
    # two articles of one outlet are one source
    ([fig("a", 7, "A"), fig("b", 7, "A", published=LATER)], (7, 7, 7), 1, "single-source"),
])
def test_figures_sources_and_status(items, killed, sources, status):
    rec = reconcile(items)
    k = [v for v in rec.victims if v.outcome == "killed"]
    assert len(k) == 1
    assert (k[0].low, k[0].best, k[0].high) == killed
    assert (rec.sources, rec.status) == (sources, status)
    assert bool(rec.disagreements) == (status == "conflicting")


def test_an_update_supersedes_the_earlier_figures_of_its_outlet_only():
    items = [
        fig("a1", 5, "A"),
        fig("a2", 9, "A", published=LATER, rules=("count_update",)),
        fig("b", 4, "B"),  # another outlet's early figure still counts for low
    ]
    k = reconcile(items).victims[0]
    assert (k.low, k.best, k.high) == (4, 9, 9)


def test_copies_of_one_wire_story_are_one_source():
    wire = "A roadside bomb killed three policemen on the highway south of Kirkuk, a colonel said."
    kw = dict(place="kirkuk", group="security_forces", cause="ied", text="three")
    declared = [one("w", wire, 3, source="Wire", **kw), one("c", wire, 3, source="Paper", copy_of="w", **kw)]
    undeclared = [one("w", wire, 3, source="Wire", **kw), one("r", wire.replace("a colonel", "an officer"), 3,
                                                              source="Paper", **kw)]
    assert reconcile(declared).sources == 1
    assert reconcile(undeclared).sources == 1
    other_figure = [one("w", wire, 3, source="Wire", **kw), one("r", wire.replace("three", "four"), 4,
                                                                source="Paper", **{**kw, "text": "four"})]
    assert reconcile(other_figure).sources == 2  # same words, another figure: not a copy
    assert source_units(declared + [fig("x", 3, "Other")]) == [0, 0, 1]


def test_only_incident_scope_reports_count():
    reps = [
        report("a", 0, S.format(n=7), 7, place="bab_al_tob"),
        report("a", 1, "At least 40 people were killed across Nineveh this week.", 40, scope="aggregate"),
        report("a", 2, "More than 900 civilians have died in Mosul since the offensive began.", 900,
               scope="cumulative"),
    ]
    assert reconcile([item(reps, source="A")]).victims[0].best == 7


@pytest.mark.parametrize("certainty, expected", [
    ("reported", (7, 7, 7)),  # as stated
    ("alleged", (0, 7, 7)),  # adds to best and high only
    ("feared", (0, 0, 7)),  # adds to high only
])
def test_certainty_shapes_the_range(certainty, expected):
    v = reconcile([fig("a", 7, "A", certainty=certainty)]).victims[0]
    assert (v.low, v.best, v.high) == expected


def test_a_denied_report_gives_no_figure():
    assert reconcile([fig("a", 7, "A", certainty="denied")]).victims == ()


def test_people_are_the_one_group_others_name():
    items = [fig("a", 10, "A", group="unknown"), fig("b", 12, "B")]
    (v,) = reconcile(items).victims
    assert (v.group, v.low, v.best, v.high) == ("civilian", 10, 12, 12)


def test_people_are_what_several_named_groups_leave_over():
    civ = report("b", 0, "Ten civilians and two policemen died in the blast.", 10, text="Ten")
    pol = report("b", 1, "Ten civilians and two policemen died in the blast.", 2, text="two", group="security_forces")
    items = [fig("a", 15, "A", group="unknown"), item([civ, pol], source="B")]
    got = {v.group: (v.low, v.best, v.high) for v in reconcile(items).victims}
    assert got == {"civilian": (10, 10, 10), "security_forces": (2, 2, 2), "unknown": (3, 3, 3)}
    same = [fig("a", 12, "A", group="unknown"), item([civ, pol], source="B")]
    assert {v.group for v in reconcile(same).victims} == {"civilian", "security_forces"}  # 12 = 10 + 2


def test_build_incident_takes_the_most_precise_place_and_date():
    town = one("a", WORDING["A"].format(n=7), 7, source="A", place="mosul", day=date(2017, 3, 1), precision="week",
               end=date(2017, 3, 7))
    spot = one("b", WORDING["B"].format(n=7), 7, source="B", place="bab_al_tob")
    inc = build_incident("L-x", [town, spot])
    assert inc.place.name == "Bab al-Tob" and inc.date.precision == "day" and inc.date.start == DAY
    assert inc.reports == ("a#0", "b#0") and inc.cause == "vbied"
    assert inc.sources == 2 and inc.status == "corroborated"
