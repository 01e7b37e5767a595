"""Venues the index lacks at the article's town, the headline's town before the body's,
home towns after an age or "both of", and agency towns that may not widen the region,
on sentences written for these tests."""

from __future__ import annotations

import pytest

from deathtoll.model import Article
from deathtoll.resolve import locate_places

try:
    from test_resolve_common import place_of
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import place_of



_place = place_of


@pytest.mark.parametrize(
    "text,needle,title,name,town",
    [
        # a venue named after a town the article names lies in that town
        ("Five people were hurt at Tulsa Soundstage on Friday.\n\nTulsa police are looking for a gunman.",
         "hurt", None, "Tulsa Soundstage", "Tulsa"),
        # a venue named after the article's county lies at the county's point
        ("Three men were hurt at a party near Saginaw Valley Tech on Friday.\n\n"
         "Saginaw County deputies are looking for a gunman.", "hurt", None, "Saginaw Valley Tech", "Saginaw County"),
        # an unknown venue after "at" takes the article's main town
        ("A teen was shot at Quillbury Deli late Saturday, a witness said.\n\n"
         "Fresno police are still looking for the gunman.", "shot", None, "Quillbury Deli", "Fresno"),
        # so does an unknown neighbourhood of two words after "in"
        ("Two men were shot in Quillbury Gateway late Saturday, a witness said.\n\n"
         "Fresno police are still looking for the gunman.", "shot", None, "Quillbury Gateway", "Fresno"),
    ],
)
def test_unknown_venues_take_the_article_town(gz, text, needle, title, name, town):
    place, rules = _place(gz, text, needle, title)
    want = _place(gz, f"It happened in {town}.", "happened")[0]
    assert (place.name, place.lat, place.lon) == (name, want.lat, want.lon), (place, rules)


@pytest.mark.parametrize(
    "text,needle,title",
    [
        # must not change: a lone unknown word after "in" may be a town far from the article's
        ("A teen was shot in Quillbury late Saturday, a witness said.\n\n"
         "Fresno police are still looking for the gunman.", "shot", None),
        # must not change: a camp the index lacks is a site of its own, not in the main town
        ("Ten people were killed at Quillbury camp, officials said.\n\nIn Mosul, the army advanced.",
         "killed", None),
    ],
)
def test_unknown_names_that_keep_no_point(gz, text, needle, title):
    place, rules = _place(gz, text, needle, title)
    assert place.lat is None and "place:unresolved" in rules, (place, rules)


@pytest.mark.parametrize(
    "text,needle,title,name",
    [
        # the headline's town written with a cue comes before the paragraph's town
        ("Deputies in Orangeburg spoke on Sunday. A boy was wounded by gunfire late Saturday.", "wounded",
         "Boy, 15, wounded at Bamberg party", "Bamberg"),
        # and before the article's most named town
        ("A boy was wounded by gunfire late Saturday, deputies said.\n\nTwo men were held in Orangeburg, "
         "and an Orangeburg judge set bond.", "wounded", "Boy wounded in Bamberg", "Bamberg"),
        # must not change: the report's own sentence names its town
        ("ORANGEBURG, S.C. — A boy was wounded in Denmark late Saturday, deputies said.", "wounded",
         "Boy, 15, wounded at Bamberg party", "Denmark"),
        # must not change: a headline town of another state than the body's places is a namesake
        ("The teen lives in White Plains, Ky. The teen was hurt by a gun late Friday, troopers said.",
         "hurt", "Teen hurt in Hopkins", "White Plains"),
    ],
)
def test_headline_town_first(gz, text, needle, title, name):
    place, rules = _place(gz, text, needle, title)
    assert place.name == name, (place, rules)


@pytest.mark.parametrize(
    "text,written,origin",
    [
        # an age between commas, then "of": the home town
        ("Dana Reyes, 31, of Denton, was held on Friday.", "Denton", True),
        # "both of" after the people named
        ("Two men, both of Denton, Texas, were held on Friday.", "Denton", True),
        # must not change: "the city of" names a place, not a home
        ("The shooting happened in the city of Denton on Friday.", "Denton", False),
    ],
)
def test_home_towns_after_an_age(gz, text, written, origin):
    locs = locate_places(Article(id="o", text=text), gazetteer=gz)
    loc = next(x for x in locs if x.mention.written == written)
    assert (loc.mention.extra.get("role") == "origin") == origin, loc


@pytest.mark.parametrize(
    "text,needle,not_admin1",
    [
        # an agency's town of one far reading does not widen a region a county already fixes
        ("Trumbull County deputies said a man was wounded in Howland on Friday.\n\n"
         "Howland police are helping, a chief said.", "wounded", "Maine"),
    ],
)
def test_agency_towns_do_not_widen_a_firm_region(gz, text, needle, not_admin1):
    place, rules = _place(gz, text, needle)
    assert place.admin1 != not_admin1, (place, rules)
