"""City sections roll up to their city; titles split into headline and outlet."""

from __future__ import annotations

import pytest

from deathtoll.model import Place
from deathtoll.resolve.cities import city_of, city_radius_km, section_parents
from deathtoll.resolve.mentions import load_words
from deathtoll.resolve.title import outlet_hints, split_title



def test_section_parents_on_made_up_towns():
    towns = [
        (1, 40.00, -75.00, "US", "PA", 1_500_000),  # a big city
        (2, 40.05, -75.02, "US", "PA", 20_000),  # 6 km from its centre: a section
        (3, 40.60, -75.00, "US", "PA", 20_000),  # 67 km away: a town of its own
        (4, 40.03, -75.01, "US", "NJ", 20_000),  # close, but another state
        (5, 40.02, -75.00, "US", "PA", 900_000),  # close, but not three times smaller
        (6, 40.01, -75.01, "US", "PA", 50_000),  # inside both 1 and 5: the larger is the parent
    ]
    assert section_parents(towns) == {2: 1, 6: 1}


@pytest.mark.parametrize("population,km", [(100_000, 4.0), (1_600_000, 16.0), (9_000_000, 25.0)])
def test_city_radius_grows_with_population(population, km):
    assert city_radius_km(population) == pytest.approx(km)


@pytest.mark.parametrize(
    "geonames_id,city",
    [
        (4908033, 4887398),  # Rogers Park rolls up to Chicago
        (5194584, 4560349),  # Hunting Park to Philadelphia
    ],
)
def test_embedded_sections_roll_up_to_their_city(gz, geonames_id, city):
    chain = city_of(Place(geonames_id=geonames_id), gz)
    assert chain[0].geonames_id == geonames_id and city in [c.geonames_id for c in chain[1:]]


def test_a_city_and_a_place_without_entry_have_no_parent(gz):
    assert [c.geonames_id for c in city_of(Place(geonames_id=4887398), gz)] == [4887398]
    assert city_of(Place(name="Nowhere"), gz) == []


@pytest.mark.parametrize(
    "title,headline,outlet",
    [
        ("Man shot in Frankford | 6abc.com", "Man shot in Frankford", "6abc.com"),  # a pipe
        ("Three Hurt In Roseland Shooting « CBS Chicago", "Three Hurt In Roseland Shooting", "CBS Chicago"),
        ("Two call takers suspended - Chicago Tribune", "Two call takers suspended", "Chicago Tribune"),
        ("Cop Sues Estate: Chicagoist", "Cop Sues Estate", "Chicagoist"),  # a colon before a name
        ("Boy shot at picnic dies; uncle held", "Boy shot at picnic dies; uncle held", ""),  # no outlet
        (None, "", ""),
    ],
)
def test_split_title(title, headline, outlet):
    assert split_title(title) == (headline, outlet)


@pytest.mark.parametrize(
    "outlet,country,name,admin1",
    [
        ("CBS Chicago", None, "Chicago", "Illinois"),  # a city written out
        ("abc7chicago.com", None, "Chicago", "Illinois"),  # inside a web address
        ("NBCMontana.com", "US", "Montana", "Montana"),  # a state inside an address, in the article's country
        ("Hometownstations.com-WLIO- Lima, OH News", None, "Lima", "Ohio"),  # "Lima, OH" is not Lima, Peru
    ],
)
def test_outlet_hints(gz, outlet, country, name, admin1):
    hints = outlet_hints(outlet, gz, load_words(), country)
    assert any(h.name == name and h.admin1 == admin1 for h in hints), [(h.name, h.admin1) for h in hints]


def test_outlet_without_a_place_gives_no_hint(gz):
    assert outlet_hints("News, Weather, Sports, Breaking News", gz, load_words()) == []
    # "Montana" is also a Bulgarian province: without the article's country it says nothing
    assert outlet_hints("NBCMontana.com", gz, load_words()) == []
