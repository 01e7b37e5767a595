"""Places in local news: datelines, headlines, outlets, agencies, hospitals and
the home towns of people, on sentences written for these tests."""

from __future__ import annotations

import pytest

from deathtoll.model import Article
from deathtoll.resolve import resolve_places

try:
    from test_resolve_common import report_at
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import report_at

CHICAGO, MILWAUKEE, DETROIT, CLEVELAND, QUEENS = 4887398, 5263045, 4990729, 5150529, 5133273
LOS_ANGELES, LA_COUNTY = 5368361, 5368381



def _place(gz, text, needle, title=None):
    got = resolve_places(Article(id="n", text=text, title=title), [report_at(text, needle)], gazetteer=gz)[0]
    return got.place, got.evidence.rules


@pytest.mark.parametrize(
    "text,needle,title,geonames_id,rule",
    [
        # where a man is from yields to where it happened
        ("A Crown Point man killed his former wife at a Schererville shop on Saturday.", "killed", None,
         4926170, "place:clause"),
        # a hospital the victim was taken to is no place of the incident: the dateline is
        ("CHICAGO — A man was shot in the leg on Sunday and taken to Mercy Hospital, police said.", "shot", None,
         CHICAGO, "place:clause"),
        # a state written as a home ("a Maryland woman") is neither a town nor the place
        ("A Maryland woman was shot in Queens on Friday night.", "shot", None, QUEENS, "place:clause"),
        # an unknown neighbourhood under a dateline takes the dateline town
        ("MILWAUKEE — A man was shot in the Harbor Gate neighborhood on Friday.", "shot", None,
         MILWAUKEE, "place:anchor"),
        # ... and under the outlet's city when there is no dateline
        ("A man was shot Sunday in the Marlowe Heights neighborhood, police said.", "shot",
         "Man wounded on the Southwest Side « CBS Chicago", CHICAGO, "place:anchor"),
        # "the 2800 block of North Grand" is an address in the dateline town
        ("DETROIT — A man was shot in the 2800 block of North Grand on Tuesday.", "shot", None,
         DETROIT, "place:unresolved"),
        # a text without a place takes the headline's
        ("Police said two men were shot on Sunday evening.", "shot", "Two men wounded in Cleveland shooting",
         CLEVELAND, "place:title"),
        # an unknown name in a county's sentence takes the outlet's town inside that county
        ("A man died on Sunday, a day after he was shot in Florence, the Los Angeles County coroner's office said.",
         "shot", "Man killed in Florence - Los Angeles Times", LOS_ANGELES, "place:refined"),
        # ... and the county's point without such a town, never a Florence of another state
        ("A man died on Sunday, a day after he was shot in Florence, the Los Angeles County coroner's office said.",
         "shot", None, LA_COUNTY, "place:unresolved"),
        # an address "near 99th and Oklahoma" in the outlet's town, not the state of Oklahoma
        ("A 30-year-old man was shot near 99th and Oklahoma on Sunday.", "shot",
         "Man shot on the southwest side | TMJ4 Milwaukee", MILWAUKEE, "place:outlet"),
    ],
)
def test_local_news_place(gz, text, needle, title, geonames_id, rule):
    place, rules = _place(gz, text, needle, title)
    assert place.geonames_id == geonames_id, (place, rules)
    assert rule in rules


@pytest.mark.parametrize(
    "text,needle,title,name,admin1",
    [
        # a county agency's jurisdiction gives way to the town named after it inside the county
        ("Kaufman County sheriff's deputies are investigating how a boy shot himself. The boy was at a "
         "paintball range in Forney, east of Dallas.", "shot", None, "Forney", "Texas"),
        # "PUEBLO —" alone could be Puebla, Mexico: the headline's state decides
        ("PUEBLO — A boy who was shot in the head in Trinidad has died.", "shot",
         "Boy shot in southern Colorado dies", "Trinidad", "Colorado"),
        # "Chester, Delaware County": the Chester near a county of that name
        ("Police in Chester, Delaware County are investigating a shooting that left one man dead.", "dead", None,
         "Chester", "Pennsylvania"),
        # a state in the report's clause gives way to a town of that state named after it
        ("A woman was shot at a home in Indiana on Friday. The shooting happened in La Porte.", "shot", None,
         "La Porte", "Indiana"),
        # "a Wilmington double shooting": a name before an incident word is its place
        ("Gunfire erupted on Sunday night and one man was wounded.", "wounded",
         "Police investigate Wilmington double shooting", "Wilmington", None),
    ],
)
def test_local_news_town_and_state(gz, text, needle, title, name, admin1):
    place, rules = _place(gz, text, needle, title)
    assert place.name == name and place.precision == "town", (place, rules)
    if admin1:
        assert place.admin1 == admin1


def test_headline_state_comes_after_the_articles_own_town(gz):
    text = "A man from the Bronx was shot on Friday, police said.\n\nDetectives in the Bronx arrested him later."
    place, rules = _place(gz, text, "shot", "Man shot in Bronx arrested in Maryland")
    assert place.admin1 == "New York" and place.precision == "town", (place, rules)


def test_a_headline_report_takes_the_headline_place(gz, extractor):
    # a headline the text lacks is read at negative offsets; its report takes the headline's town,
    # not a town the (boilerplate) text happens to name
    art = Article(id="h", title="Man dead after shooting in Dayton | WXYZ News",
                  text="Sign in to your account.\n\nMore news from Toledo is on our site.")
    got = resolve_places(art, extractor.extract(art), gazetteer=gz)
    assert [(r.outcome, r.place.name, r.place.admin1) for r in got] == [("killed", "Dayton", "Ohio")]
    assert "sentence:headline" in got[0].evidence.rules and "place:clause" in got[0].evidence.rules


@pytest.mark.parametrize("text", [
    "Deputies said one man died in a Christmas Day shooting at a farm.",  # a holiday is a day
    "ORLANDO — Two were hurt in an Easter shooting.",  # not Easter, a town in the dateline's state
    "Police said the Thanksgiving shooting left one dead.",  # nor Thanksgiving
])
def test_holidays_are_no_places(gz, text):
    from deathtoll.resolve import locate_places

    names = {loc.place.name.lower() for loc in locate_places(Article(id="h", text=text), gazetteer=gz)}
    assert not names & {"christmas", "christmas day", "easter", "thanksgiving"}
