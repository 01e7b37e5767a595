"""Namesakes decided by the article's other places, own names before other names, and
hospitals named by their town ("a Tulsa hospital"), on sentences written for these tests."""

from __future__ import annotations

import pytest

from deathtoll.resolve.context import neighbour_states

try:
    from test_resolve_common import place_of
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import place_of

MANSFIELD_GB, MANSFIELD_OH, YORK_PA, MUSKOGEE, TULSA, MOSUL = 2643097, 5161723, 4562407, 4543338, 4553433, 99072



_place = place_of


@pytest.mark.parametrize(
    "text,needle,geonames_id",
    [
        # a county of one of the namesakes' states lies next to it: Mansfield, Ohio, not Texas
        ("MANSFIELD — Two teenagers were wounded at a motel overnight, a spokesman for the Richland County "
         "Sheriff's Office said.", "wounded", MANSFIELD_OH),
        # must not change: with nothing else named, the largest namesake stays (England's)
        ("MANSFIELD — Two teenagers were wounded at a motel overnight, a police spokesman said.", "wounded",
         MANSFIELD_GB),
        # must not change: a Mosul report keeps Mosul with Baghdad named beside it
        ("A car bomb killed six people in Mosul on Monday, officials in Baghdad said.", "killed", MOSUL),
    ],
)
def test_neighbouring_names_pick_the_state(gz, text, needle, geonames_id):
    place, _ = _place(gz, text, needle)
    assert place.geonames_id == geonames_id


def _entries(gz, name):
    return [c for c in gz.lookup(name, country="US", limit=30) if c.exact and c.point and c.admin1]


@pytest.mark.parametrize(
    "names,expected",
    [
        # a town and a county of comparable namesakes that lie together in one state
        (("Mansfield", "Richland County"), {"mansfield": {("US", "Ohio")}, "richland county": {("US", "Ohio")}}),
        # a name of one state only picks nothing for itself
        (("Muskogee", "Tulsa"), {}),
    ],
)
def test_neighbour_states(gz, names, expected):
    table = {n.lower(): [c for c in _entries(gz, n) if c.matched and c.matched.lower() == c.name.lower()]
             for n in names}
    got = neighbour_states(table)
    assert {k: v for k, v in got.items()} == expected


@pytest.mark.parametrize(
    "name,country,expected",
    [
        # a town that is called so comes before a larger one that was once called so
        ("York", "US", "York"),
        # a city named so keeps the name (its state's name is a division's)
        ("New York", "US", "New York City"),
        # an Iraq town found by its transliteration is unchanged
        ("Mosul", "IQ", "Mosul"),
    ],
)
def test_own_name_before_another_name(gz, name, country, expected):
    assert gz.lookup(name, country=country)[0].name == expected


@pytest.mark.parametrize(
    "text,needle,geonames_id",
    [
        # "a Tulsa hospital" is where she was flown, not where she was hurt
        ("MUSKOGEE — A girl was flown to a Tulsa hospital after a rifle went off at a campsite on Sunday.",
         "flown", MUSKOGEE),
        # must not change: a Tulsa restaurant is where the shots were fired
        ("MUSKOGEE — Two men were wounded outside a Tulsa restaurant on Sunday, police said.", "wounded", TULSA),
    ],
)
def test_a_hospital_named_by_its_town(gz, text, needle, geonames_id):
    place, _ = _place(gz, text, needle)
    assert place.geonames_id == geonames_id


def test_a_york_story_stays_in_york(gz):
    # the name York, with a county of that name, is the Pennsylvania city, not a Georgia city
    text = "A woman was wounded in York on Monday, and York County caseworkers are helping her son."
    place, _ = _place(gz, text, "wounded")
    assert (place.geonames_id, place.admin1) == (YORK_PA, "Pennsylvania")
