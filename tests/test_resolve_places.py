"""Places: which place each report takes, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from deathtoll.options import Options
from deathtoll.resolve import add_csv, locate_places, resolve, resolve_places

try:
    from test_resolve_common import article, report_at
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import article, report_at



def _place(gz, text, needle, after=0):
    rep = report_at(text, needle, after=after)
    got = resolve_places(article(text), [rep], gazetteer=gz)[0]
    return got.place, got.evidence.rules


@pytest.mark.parametrize(
    "text,needle,geonames_id,precision,rule",
    [
        # a spelling variant in the report's own clause
        ("Militants shelled Qayyarah on Monday, killing two farmers.", "two", 99003, "town", "place:clause"),
        # an area around a town is coarser than the town
        ("Rockets fell on villages west of Mosul and killed six herders.", "six", 99072, "district", "place:clause"),
        ("Jets pounded hideouts in the Samarra region, killing 30 fighters.", "30", 91597, "district", "place:clause"),
        # "near" is approximate too
        ("A roadside bomb near Hawija killed four policemen.", "four", 390188, "district", "place:clause"),
        # a province written as such
        ("Gunmen killed three shepherds in Anbar province.", "three", None, "province", "place:clause"),
        # a country
        ("At least 40 people were killed across Syria this week.", "40", 163843, "country", "place:clause"),
        # the paragraph's leading "In X," place for a later sentence
        ("In Kirkuk, gunmen raided a checkpoint. Three guards were killed.", "Three", 94787, "town", "place:paragraph"),
        # a clause without a place takes its sentence's lead
        ("In Baghdad, a bomb wounded five people in a market, and a sniper killed one man.", "one man", 98182,
         "town", "place:sentence"),
    ],
)
def test_report_place(gz, text, needle, geonames_id, precision, rule):
    place, rules = _place(gz, text, needle)
    assert place.precision == precision
    if geonames_id is not None:
        assert place.geonames_id == geonames_id
    assert rule in rules


def test_province_keeps_its_country_and_name(gz):
    place, _ = _place(gz, "Gunmen killed three shepherds in Anbar province.", "three")
    assert (place.name, place.country, place.admin1) == ("Anbar province", "IQ", "Anbar")


def test_neighbourhood_missing_from_gazetteer_takes_its_city(gz):
    text = "In Mosul, two civilians were killed by a sniper in the Qasr Nurayn district."
    place, rules = _place(gz, text, "two")
    assert (place.name, place.geonames_id, place.precision) == ("Qasr Nurayn district", 99072, "town")
    assert {"place:clause", "place:anchor"} <= set(rules)


def test_neighbourhood_after_its_city_in_the_sentence(gz):
    text = "Snipers killed nine people in the Bab Nurayn neighbourhood of eastern Mosul."
    place, _ = _place(gz, text, "nine")
    assert (place.name, place.geonames_id) == ("Bab Nurayn neighbourhood", 99072)


def test_user_neighbourhood_is_found_under_its_city(gz, tmp_path):
    csv = tmp_path / "hoods.csv"
    csv.write_text("Hayy Zuhurayn,Zuhurayn,36.37,43.16,IQ,Nineveh,Mosul,neighbourhood\n", encoding="utf-8")
    assert add_csv(gz, csv).added == 1
    text = "In Mosul, a car bomb killed eight people in the Zuhurayn neighbourhood."
    place, _ = _place(gz, text, "eight")
    assert (place.name, place.lat, place.precision) == ("Zuhurayn neighbourhood", 36.37, "neighbourhood")


@pytest.mark.parametrize(
    "text,needle,country",
    [
        # the same name in two countries: the article's other places decide
        ("Lebanese troops deployed in Beirut.\n\nIn Tripoli, clashes killed two men.", "two", "LB"),
        ("Libyan militias fought near Misrata.\n\nIn Tripoli, clashes killed two men.", "two", "LY"),
    ],
)
def test_same_name_decided_by_context(gz, text, needle, country):
    place, _ = _place(gz, text, needle)
    assert (place.name, place.country) == ("Tripoli", country)


@pytest.mark.parametrize(
    "text,admin1",
    [
        # a US dateline with an AP state abbreviation
        ("AURORA, Colo. (AP) — A man was shot and killed outside a bar early Sunday.", "Colorado"),
        # and with a postal code
        ("(Aurora, IL)-- Two teenagers were wounded in a shooting on Saturday.", "Illinois"),
    ],
)
def test_us_dateline_with_state(gz, text, admin1):
    pos = min(i for i in (text.find("shot"), text.find("wounded")) if i >= 0)
    needle = text[pos:pos + 4]
    place, rules = _place(gz, text, needle)
    assert (place.name.lower(), place.country, place.admin1) == ("aurora", "US", admin1)


def test_dateline_is_used_when_the_paragraph_names_no_place(gz):
    text = "BAGHDAD (Reuters) - Officials met on Monday.\n\nA bomb killed three people at a bus stop."
    place, rules = _place(gz, text, "three")
    assert (place.geonames_id, rules[-1]) == (98182, "place:dateline")


def test_article_main_place_is_the_last_resort(gz):
    text = ("Troops advanced in Mosul on Monday. Mosul residents fled west.\n\n"
            "Later, a mortar round killed a child. Her family was asleep.")
    place, rules = _place(gz, text, "a child")
    assert (place.geonames_id, rules[-1]) == (99072, "place:article")


@pytest.mark.parametrize(
    "text,needle",
    [
        ("Islamic State fighters killed three people, Iraqi officials said.", "three"),  # group and demonym
        ("Officials said on Friday that five people were wounded, according to Garner.", "five"),  # a person
        ("Jeff Davis said seven soldiers were killed.", "seven"),  # a person named like a town
        ("March was deadly: nine people were killed.", "nine"),  # a month
    ],
)
def test_capitalised_words_that_are_not_places(gz, text, needle):
    place, rules = _place(gz, text, needle)
    assert place.name is None and rules[-1] == "place:none"


def test_street_address_keeps_its_name_and_takes_the_dateline_town(gz):
    text = "DETROIT (WXYZ) - A man was shot in the 1200 block of Fairview Street on Tuesday."
    place, rules = _place(gz, text, "shot")
    assert place.country == "US" and place.admin1 == "Michigan"
    assert "place:unresolved" in rules


def test_resolve_fills_place_and_date_and_keeps_other_fields(gz, tmp_path):
    text = "In Qaim, an airstrike killed eleven fighters on Wednesday."
    art = article(text, date(2017, 3, 24))
    rep = report_at(text, "eleven")
    opts = Options(gazetteer=gz.path)
    got = resolve(art, [rep], opts)[0]
    assert got.place.geonames_id == 92138 and got.date.start == date(2017, 3, 22)
    assert got.evidence.rules[0] == "test" and {"place:clause", "date:weekday"} <= set(got.evidence.rules)
    assert (got.id, got.count, got.victims) == (rep.id, rep.count, rep.victims)
    assert resolve(art, [], opts) == []


def test_options_can_switch_places_off(gz):
    text = "In Qaim, an airstrike killed eleven fighters."
    got = resolve(article(text), [report_at(text, "eleven")],
                  Options(gazetteer=gz.path, resolve_places=False))[0]
    assert got.place.name is None and not any(r.startswith("place:") for r in got.evidence.rules)


def test_locate_places_lists_every_mention(gz):
    text = "Fighters moved from Raqqa toward Tabqa and then to Aleppo."
    names = [(loc.place.name, loc.place.country) for loc in locate_places(article(text), gazetteer=gz)]
    assert names == [("Raqqa", "SY"), ("Tabqa", "SY"), ("Aleppo", "SY")]
