"""The whole article as context for its places: the US states it names, its
country, names that are doubtful as places, datelines, outlets and web
addresses, on sentences written for these tests."""

from __future__ import annotations

import pytest

from deathtoll.model import Article
from deathtoll.resolve.doubt import is_title_case
from deathtoll.resolve.mentions import load_words
from deathtoll.resolve.states import state_votes
from deathtoll.resolve.title import outlet_of, source_hints

try:
    from test_resolve_common import place_of
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import place_of

SELMA_AL, SHELBY_NC, TAUNTON_MA, TAUNTON_GB = 4089114, 4491180, 4952629, 2636177
WASHINGTON_DC, NEWPORT_NEWS, FOREST_MS, MACON_GA, TBILISI = 4140963, 4776024, 4426884, 4207400, 611717
FEDERAL_WAY, NASHVILLE, TULSA, AMARILLO, LITTLE_ROCK = 5794245, 4644585, 4553433, 5516233, 4119403
RIVER_FALLS, SPRINGFIELD_IL, TOPEKA, MOSUL, HADITHA, RAQQA = 5268986, 4250542, 4280539, 99072, 96309, 172955
BOSTON, MEMPHIS = 4930956, 4641239



_place = place_of


@pytest.mark.parametrize(
    "text,needle,title,source,geonames_id",
    [
        # a state named in passing decides between namesakes (Selma, California is larger)
        ("SELMA — A woman was wounded on Friday night. Alabama State Troopers are looking for the driver.",
         "wounded", None, None, SELMA_AL),
        # an AP abbreviation after a county does too (Shelby, Michigan is larger)
        ("Police said a teenager was wounded in Shelby late Sunday. The Cleveland County, N.C., sheriff is "
         "investigating.", "wounded", None, None, SHELBY_NC),
        # a state puts a town of two countries in the United States
        ("TAUNTON (CBS) — A man was wounded on Saturday night, and Massachusetts State Police are investigating.",
         "wounded", None, None, TAUNTON_MA),
        # ... and so does a county named inside an office's name
        ("TAUNTON — A man was wounded on Saturday, the Bristol County District Attorney's Office said.",
         "wounded", None, None, TAUNTON_MA),
        # ... and so does the outlet's web address
        ("TAUNTON (CBS) — A man was wounded on Saturday night, police said.", "wounded", None,
         "boston.cbslocal.com", TAUNTON_MA),
        # non-US: a dateline with its country keeps the English town
        ("TAUNTON, England — A man was wounded on Saturday night, police said.", "wounded", None, None, TAUNTON_GB),
        # non-US: an Iraq story is unchanged by the rules for US states
        ("A roadside bomb killed four soldiers in Mosul on Monday, officials in Baghdad said.", "killed", None,
         None, MOSUL),
        # "D.C." is the District of Columbia, also after a direction
        ("Five people were wounded in Southeast D.C. on Friday, police said.", "wounded", None, None,
         WASHINGTON_DC),
        ("D.C. police said a man was wounded on Friday near a school.", "wounded", None, None, WASHINGTON_DC),
        # a dateline whose name ends like a newspaper's, with its state
        ("NEWPORT NEWS, Va. (WAVY) — A boy was wounded on Tuesday, police said.", "wounded", None, None,
         NEWPORT_NEWS),
        # a dateline after captions and an update, in capitals with its state; Forest is the town,
        # not a parish of Guernsey
        ("Photo: a patrol car outside the house.\n\nUPDATE: the coroner named the woman.\n\n"
         "FOREST, Miss. (WJTV) – A woman was killed in a subdivision on Sunday night.", "killed", None, None,
         FOREST_MS),
        # "Georgia" after a town of the state is the state, after Tbilisi the country
        ("MACON, Georgia (WMGT) – A man was wounded on Friday, deputies said.", "wounded", None, None, MACON_GA),
        ("TBILISI, Georgia — A man was wounded on Friday, officials said.", "wounded", None, None, TBILISI),
        # a town whose name ends like a street's
        ("A man was wounded in Federal Way on Sunday, police said.", "wounded", None, None, FEDERAL_WAY),
        # the title's casualty words are cut off the town in a title-case headline
        ("A man was killed on Sunday, police said.", "killed", "One Dead, Three Hurt In Selma Shooting", None,
         None),
        # one name, one place: "Springfield, Ill." holds the later bare Springfield (Missouri's is larger)
        ("Police in Springfield, Ill., said a man was charged on Monday.\n\nThe victim was wounded in Springfield "
         "on Friday.", "wounded", None, None, SPRINGFIELD_IL),
    ],
)
def test_article_context_places(gz, text, needle, title, source, geonames_id):
    place, rules = _place(gz, text, needle, title, source)
    if geonames_id is None:  # the headline case: Selma, with no state, but never "Selma Shooting"
        assert place.name == "Selma" and "place:title" in rules, (place, rules)
    else:
        assert place.geonames_id == geonames_id, (place, rules)


@pytest.mark.parametrize(
    "text,needle,geonames_id",
    [
        # a person's surname ("Sidney Davis") is no town of California
        ("TULSA, Okla. — Deputies said Sidney Davis, 44, was charged on Friday. The boy was wounded at Davis' "
         "home.", "wounded", TULSA),
        # an acronym is no town of Fiji
        ("NASHVILLE, Tenn. — Three women were wounded inside an SUV on Friday night.", "wounded", NASHVILLE),
        # a capitalised common word the text also writes in lowercase is no town
        ("AMARILLO — The man who wounded the boy was charged as a Felon in Possession of a Firearm; police "
         "found the gun in his possession.", "wounded", AMARILLO),
        # "America's Best Value Inn" is a motel, not the country
        ("LITTLE ROCK, Ark. — Two men were wounded at America's Best Value Inn on Friday.", "wounded",
         LITTLE_ROCK),
        # a venue named after a person ("Brandan's Park") is no town of Florida
        ("RIVER FALLS, Wis. — A boy was wounded near Brandan's Park on Monday night.", "wounded", RIVER_FALLS),
        # a town abroad that nothing else supports is no place here: Bordeaux is a part of Nashville
        ("NASHVILLE, Tenn. — A teenager was found wounded in Bordeaux on Tuesday.", "wounded", NASHVILLE),
        # non-US: a town abroad that two names of its country support keeps its country
        ("In Mosul, troops advanced on Monday. An airstrike in Raqqa killed 12 militants who had fled Tabqa.",
         "killed", RAQQA),
    ],
)
def test_doubtful_names(gz, text, needle, geonames_id):
    place, rules = _place(gz, text, needle)
    assert place.geonames_id == geonames_id, (place, rules)


def test_a_state_the_text_names_holds_towns_to_it(gz):
    # Felton is a town of California only in the index: a Minnesota story's Felton is not it
    text = ("A baby was wounded at a Felton home on Friday, the sheriff said. The Minnesota Bureau of Criminal "
            "Apprehension is investigating.")
    place, rules = _place(gz, text, "wounded")
    assert place.admin1 != "California", (place, rules)


def test_a_town_beats_its_county_for_the_article_at_equal_counts(gz):
    text = ("Topeka police and Shawnee County deputies arrived on Saturday.\n\n"
            "Later, a second man was wounded, they said. He was treated at the scene.")
    place, rules = _place(gz, text, "wounded")
    assert (place.geonames_id, rules[-1]) == (TOPEKA, "place:article")


def test_a_one_sentence_paragraph_carries_on_the_one_before(gz):
    text = ("In Mosul, fighting went on for a third day. Troops in Mosul advanced. Mosul residents fled.\n\n"
            "Militants retreated toward Haditha, officials said.\n\n"
            "In response, an airstrike killed at least 30 fighters.")
    place, rules = _place(gz, text, "killed")
    assert (place.geonames_id, rules[-1]) == (HADITHA, "place:previous")


@pytest.mark.parametrize(
    "text,states,country",
    [
        ("Massachusetts State Police are investigating.", {"Massachusetts"}, 1.0),  # a full name
        ("HARTSVILLE, Ind. — A boy was hurt.", {"Indiana"}, 1.0),  # AP abbreviation in a dateline
        ("An Ind. 6-year-old was hurt.", {"Indiana"}, 1.0),  # AP abbreviation before a number
        ("Police said (Cincinnati, OH) -- a man was hurt.", {"Ohio"}, 1.0),  # postal code after a comma
        ("NBC Connecticut reported the shooting.", {"Connecticut"}, 1.0),  # an outlet named after its state
        ("A man was hurt in Central Florida.", {"Florida"}, 1.0),  # a direction before the state
        ("Washington state troopers closed the road.", {"Washington"}, 1.0),  # Washington only as a state
        ("Georgia deputies said the boy was hurt.", {"Georgia"}, 0.0),  # a state that is also a country
        ("A Maryland woman was hurt.", set(), 0.0),  # someone's home
        ("He was hurt in Kansas City on Friday.", set(), 0.0),  # the first word of a town's name
        ("He was hurt at Popeyes Louisiana Kitchen.", set(), 0.0),  # inside a firm's name
        ("The New York Times reported it.", set(), 0.0),  # a newspaper
        ("He was hurt on California Rd near the school.", set(), 0.0),  # a street
        ("George Washington was no state.", set(), 0.0),  # a person
        ("Miss. Jones was hurt.", set(), 0.0),  # a title, not Mississippi
    ],
)
def test_state_votes(gz, text, states, country):
    got = state_votes(text, gz, load_words())
    assert set(got.states) == states and got.country == country, got


@pytest.mark.parametrize(
    "headline,title_case",
    [
        ("Family Of Man Killed In Shooting Speaks Out", True),  # every long word capitalised
        ("One Dead, Three Hurt In Taunton Shooting", True),
        ("Man shot in Taunton on Saturday night", False),  # sentence case
        ("Taunton shooting", False),  # too short to tell
    ],
)
def test_title_case_headlines(headline, title_case):
    assert is_title_case(headline, load_words()) is title_case


def test_a_title_case_headline_of_casualty_words_names_no_place(gz):
    text = "The family of a man who was killed last week spoke to reporters on Monday."
    place, rules = _place(gz, text, "killed", title="Family Of Man Killed In Shooting Speaks Out")
    assert place.name is None and "place:none" in rules, (place, rules)


@pytest.mark.parametrize(
    "source,country,names",
    [
        ("boston.cbslocal.com", None, ["Boston"]),  # a label that is a city's whole name, any country
        ("boston.cbslocal.com", "GB", ["Boston"]),  # ... far larger in the US than in England
        ("localmemphis.com", None, ["Memphis"]),  # a large city inside a label
        ("sanangelolive.com", None, []),  # San Angelo is too small to count abroad; never San Ángel
        ("montgomeryadvertiser.com", "US", ["Montgomery"]),  # a smaller city inside the article's country
        ("wfla.com", "US", []),  # call letters
        ("CBS Boston", None, ["Boston"]),  # an outlet's name
        ("Reuters", None, []),
    ],
)
def test_source_hints(gz, source, country, names):
    assert [c.name for c in source_hints(source, gz, load_words(), country)] == names


@pytest.mark.parametrize(
    "source,url,expected",
    [
        ("wfla.com", None, "wfla.com"),  # the source as given
        (None, "http://web.archive.org/web/2016/http://www.wral.com/news/1.html", "www.wral.com"),  # archived host
        (None, None, None),
    ],
)
def test_outlet_of(source, url, expected):
    assert outlet_of(Article(id="o", text="", source=source, url=url)) == expected
