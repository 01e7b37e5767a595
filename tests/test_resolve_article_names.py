"""Names that keep two reports of one event apart: counties beside their towns,
qualifiers that spell a foreign town, runs read as people's names, a repeated
name against the outlet's country, and countries a journey names, on sentences
written for these tests."""

from __future__ import annotations

import pytest

try:
    from test_resolve_common import place_of
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import place_of

GOLDSBORO_NC, NORFOLK_VA, JOLIET_IL, OSHKOSH_WI, AMARILLO = 4468261, 4776222, 4898015, 5265838, 5516233


@pytest.mark.parametrize(
    "text,needle,title,source,admin1",
    [
        # a county of many states and a town lie together in one: Wayne County is Goldsboro's,
        # although Michigan's is thirty times larger, and a Chicago station does not move it
        ("The Wayne County Sheriff's Office said a woman was wounded in Goldsboro late Friday.", "wounded",
         None, "abc7chicago.com", "North Carolina"),
        # must not change: a town alone is its largest reading (no county to pair it with)
        ("A woman was wounded in Goldsboro late Friday, deputies said.", "wounded", None, None,
         "North Carolina"),
    ],
)
def test_a_county_is_never_dwarfed_beside_its_town(gz, text, needle, title, source, admin1):
    place, rules = place_of(gz, text, needle, title, source)
    assert place.admin1 == admin1, (place, rules)


@pytest.mark.parametrize(
    "text,needle,title,geonames_id",
    [
        # a qualifier that spells a foreign town ("Va") votes as the state it is, and a word
        # the article qualifies as a place is no person's name ("the Norfolk CrimeLine")
        ("Norfolk, Va,-Two men were wounded outside a home at 1800 Thurgood Street, police said. "
         "Anyone with information can call Norfolk CrimeLine.", "wounded", None, NORFOLK_VA),
        # a page that opens with its headline: the headline's runs are no people's names there either
        ("Running Joliet Teen Fell in Mud, Shot Friend The friend thought a rival had fired. "
         "A Joliet teen was wounded in the back early Saturday after he fell in the mud, police said.",
         "wounded", "Running Joliet Teen Fell in Mud, Shot Friend", JOLIET_IL),
        # a run in a title-case line of the text (a related story) is no person's name
        ("Related: Fond Joliet Memories Shared At Vigil\n\nA Joliet teen was wounded late Saturday, "
         "police said.", "wounded", None, JOLIET_IL),
    ],
)
def test_names_that_are_places_not_people_or_foreign_towns(gz, text, needle, title, geonames_id):
    place, rules = place_of(gz, text, needle, title)
    assert place.geonames_id == geonames_id, (place, rules)


@pytest.mark.parametrize(
    "text,needle,title,source,country",
    [
        # a name used in several ways (its police, its people, in it) keeps its country against an
        # outlet whose web address reads as a province abroad
        ("The Oshkosh Police Department said an Oshkosh girl was wounded in Oshkosh on Saturday.",
         "wounded", None, "thenorthwestern.com", "US"),
        # must not change: one phrase written twice is one use, and yields to the outlet's country
        ("He was wounded and charged with Felon in Possession of a Firearm. He was held for Felon in "
         "Possession of a Firearm.", "wounded", "Man arrested - KFDA NewsChannel 10 / Amarillo News", None, "US"),
    ],
)
def test_a_repeated_name_against_the_outlet_country(gz, text, needle, title, source, country):
    place, rules = place_of(gz, text, needle, title, source)
    assert place.country == country, (place, rules)


@pytest.mark.parametrize(
    "text,needle,country",
    [
        # a country a journey names is not where a story firmly at home happened
        ("ALBUQUERQUE, N.M. (KXYZ) — A man accused of killing his wife was extradited from Mexico on "
         "Monday, the sheriff said.", "killing", "US"),
        # ... nor one someone fled to
        ("AMARILLO, Texas — A man who killed his neighbour fled to Mexico, police said.", "killed", "US"),
        # must not change: with no firm region, the country is what the sentence names
        ("A man accused of killing his wife was extradited from Mexico on Monday.", "killing", "MX"),
        # must not change: an Iraq story's own town after "from" is kept
        ("MOSUL, Iraq — Shelling from Tal Afar killed four civilians on Monday.", "killed", "IQ"),
    ],
)
def test_a_journey_abroad_is_no_place_of_the_event(gz, text, needle, country):
    place, rules = place_of(gz, text, needle)
    assert place.country == country, (place, rules)


@pytest.mark.parametrize(
    "text,needle,country",
    [
        # a direction before a small foreign town's name is no known name of several words:
        # "South Grand" (a street) gives no vote to the countries that have a "Grand"
        ("A boy was wounded in a St. Louis apartment on Tuesday night. Officers closed South Grand for "
         "an hour.", "wounded", "US"),
        # must not change: a name of several words the index spells so is still a place without a cue
        ("A boy was wounded on Tuesday night as Grand Rapids celebrated the new year.",
         "wounded", "US"),
    ],
)
def test_a_direction_and_a_word_is_no_name_of_several_words(gz, text, needle, country):
    place, rules = place_of(gz, text, needle)
    assert place.country == country and place.lat is not None, (place, rules)


@pytest.mark.parametrize(
    "title,text,needle,admin1",
    [
        # people named by their town in the plural are from it, as one is ("a Kokomo teen"): with a
        # headline-only page, that town is all the article says of its place
        ("2 Kokomo teens charged in killing", "Subscribe now for complete access to local news.", "Subscribe",
         "Indiana"),
        # ... and so for men, women, brothers
        ("Three Kokomo men wounded at party", "Subscribe now for complete access to local news.", "Subscribe",
         "Indiana"),
    ],
)
def test_people_in_the_plural_are_from_their_town(gz, title, text, needle, admin1):
    place, rules = place_of(gz, text, needle, title)
    assert place.admin1 == admin1, (place, rules)


CHICAGO = 4887398


@pytest.mark.parametrize(
    "title,text,needle,expect_chicago",
    [
        # a neighbourhood named like a far town, under a headline that names it alone: the city whose
        # police speak in the story is where it lies
        ("Four wounded in Austin shooting", "Four people were wounded Thursday night in Austin, according to "
         "Chicago Police.", "wounded", True),
        # ... and so for a name the index holds only as a far neighbourhood
        ("Teen wounded in Washington Heights", "A teen was wounded Friday in Washington Heights, according to "
         "Chicago Police.", "wounded", True),
        # must not change: a namesake near the city's own size is that city ("Houston" is no Chicago street)
        ("Man wounded in Houston", "A man was wounded Friday in Houston, a Chicago Police spokesman said.",
         "wounded", False),
        # must not change: when two big cities' police speak, neither decides
        ("Four wounded in Austin shooting", "Four people were wounded Thursday in Austin, Chicago Police and "
         "Detroit Police said.", "wounded", False),
    ],
)
def test_a_neighbourhood_of_the_city_whose_police_speak(gz, title, text, needle, expect_chicago):
    place, rules = place_of(gz, text, needle, title)
    assert (place.geonames_id == CHICAGO) == expect_chicago, (place, rules)


@pytest.mark.parametrize(
    "text,needle,title,country",
    [
        # a country the index only spells near the name is no reading of a town spelled so exactly
        ("Four people were wounded at a veterans' hall in Columbia early Saturday, police said.", "wounded",
         None, "US"),
        # a bare direction in an outlet's name is no province abroad ("South" of Lebanon)
        ("A man was wounded outside a home on Baker Street on Saturday, police said.", "wounded",
         "Man wounded - WXYZ.com, South Alabama News, Weather, Sports", "US"),
        # must not change: a country written as itself is the country
        ("Four people were wounded in Colombia on Saturday, police said.", "wounded", None, "CO"),
    ],
)
def test_no_country_by_a_near_spelling_or_a_direction(gz, text, needle, title, country):
    place, rules = place_of(gz, text, needle, title)
    assert place.country == country, (place, rules)
