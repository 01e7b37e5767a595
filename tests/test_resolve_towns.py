"""A county gives way to the article's town inside it, and a big city's neighbourhoods
named like far towns stay in the city, on sentences written for these tests."""

from __future__ import annotations

import pytest

from deathtoll.model import Article
from deathtoll.resolve import resolve_places

try:
    from test_resolve_common import report_at
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import report_at



def _place(gz, text, needle):
    got = resolve_places(Article(id="t", text=text), [report_at(text, needle)], gazetteer=gz)[0]
    return got.place, got.evidence.rules


_COUNTY = "Two men were wounded in Cuyahoga County on Sunday. Cuyahoga County deputies are investigating.\n\n"


@pytest.mark.parametrize(
    "text,name,admin1,refined",
    [
        # the town the article names later, inside the county, is where it happened
        (_COUNTY + "The shooting happened outside a bar in Parma, a deputy said.", "Parma", "Ohio", True),
        # must not change: a town named as someone's home is no place of the incident
        (_COUNTY + "A Parma man was arrested.", "Cuyahoga County", "Ohio", False),
        # must not change: a town far from the county is not inside it
        (_COUNTY + "The suspect was later arrested in Columbus.", "Cuyahoga County", "Ohio", False),
    ],
)
def test_a_county_gives_way_to_the_articles_town_in_it(gz, text, name, admin1, refined):
    place, rules = _place(gz, text, "Two men")
    assert (place.name, place.admin1, "place:refined" in rules) == (name, admin1, refined)


@pytest.mark.parametrize(
    "text,admin1,anchored",
    [
        # a bare name of far, smaller towns in a big city's story: one of the city's neighbourhoods
        ("CHICAGO — Two men were shot at a party in Austin late Friday, police said.", "Illinois", True),
        # must not change: the far town with its state written
        ("CHICAGO — Two men were shot at a party in Austin, Texas, late Friday, police said.", "Texas", False),
        # must not change: a story from the far town's own state
        ("DALLAS — Two men were shot at a party in Austin late Friday, police said.", "Texas", False),
        # must not change: a smaller dateline town is no big city with named neighbourhoods
        ("PEORIA, Ill. — Two men were shot at a party in Austin late Friday, police said.", "Texas", False),
    ],
)
def test_a_big_citys_neighbourhood_named_like_a_far_town(gz, text, admin1, anchored):
    place, rules = _place(gz, text, "Two men")
    assert (place.name, place.admin1, "place:anchor" in rules) == ("Austin", admin1, anchored)
