"""The places EXPECTED.md names in the seed reports, through ``resolve()``.

The seed files are read in place from ../shared/seeds; each case is a short
count phrase of a report, its expected GeoNames entry (the city, for a
neighbourhood the embedded gazetteer lacks) and the name the report keeps.
Places that only a full GeoNames dump has (Taji, Nahrawan as a town, camps)
are checked after loading a small dump written by the test.
"""

from __future__ import annotations

import pytest

from deathtoll.resolve import add_geonames, locate_places, resolve
from deathtoll.model import Article

try:
    from test_resolve_common import SHARED, article, report_at, session_gazetteer
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import SHARED, article, report_at, session_gazetteer

SEEDS = SHARED / "seeds"
MOSUL, BAGHDAD = 99072, 98182


@pytest.fixture(scope="module")
def gz(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    return session_gazetteer(tmp_path_factory)


def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} is absent")
    return files[0].read_text("utf-8")


def _resolved(gz, prefix, needle, after_word=None):
    text = _seed(prefix)
    after = text.find(after_word) if after_word else 0
    assert after >= 0
    rep = report_at(text, needle, after=after)
    return resolve(article(text), [rep], gazetteer=gz)[0]


@pytest.mark.parametrize(
    "prefix,needle,after_word,geonames_id,name_has",
    [
        ("000", "three soldiers", None, MOSUL, "Kirkokli"),  # a neighbourhood: Mosul's point, its own name
        ("000", "Seven civilians", None, MOSUL, "Mosul"),  # the paragraph's "In Mosul,"
        ("000", "seven special", None, MOSUL, "Tahrir"),  # "the Tahrir and Zahara districts"
        ("000", "two soldiers", None, MOSUL, "Gogjiali"),  # a neighbourhood named by "the neighborhood" later
        ("000", "180 civilians", None, MOSUL, "Gogjiali"),  # same paragraph
        ("000", "four women", None, MOSUL, "Quds"),  # "In the Quds neighborhood,"
        ("000", "Twelve civilians", None, 390188, "Hawija"),  # "Near Hawija," → Al Hawijah
        ("000", "seven security", None, 91057, "Shirqat"),  # Shirqat = Ash Sharqat
        ("000", "two civilians", None, BAGHDAD, "Baghdad"),  # Baghdad the town
        ("000", "43 militants", None, MOSUL, "Mosul"),  # west of Mosul
        ("000", "four militants", None, 99003, "Qayara"),  # Qayara = Al Qayyarah
        ("002", "two militants", None, MOSUL, "Mamoun"),  # a Mosul neighbourhood
        ("002", "five suicide", None, MOSUL, "Shuhada Park"),  # a park in Mosul, name kept
        ("002", "Forty militants", None, MOSUL, "Mansour"),  # Mosul neighbourhood
        ("002", "16 militants", None, MOSUL, "Jawsaq"),  # "In Jawsaq and Tayaran,"
        ("002", "one person", None, BAGHDAD, "Nahrawan"),  # "In Baghdad, … in Nahrawan"
        ("002", "Two person", None, BAGHDAD, "Amil"),  # "in Amil", same paragraph
        ("002", "Forty militants", "Taji", 91597, "Samarra"),  # the Samarra region
        ("002", "17 militants", None, 92138, "Qaim"),  # Qaim = Al Qa'im
        ("002", "six militants", None, 96309, "Haditha"),  # the Haditha Dam, at Haditha
        ("001", "145 civilians", None, MOSUL, "Zanjili"),  # al-Zanjili neighbourhood in western Mosul
        ("001", "at least 70", None, 172374, "Tabqa"),  # its one-sentence paragraph carries on the one on Tabqa dam
    ],
)
def test_seed_report_places(gz, prefix, needle, after_word, geonames_id, name_has):
    got = _resolved(gz, prefix, needle, after_word)
    assert got.place.geonames_id == geonames_id, (got.place, got.evidence.rules)
    assert name_has in (got.place.name or "")


@pytest.mark.parametrize(
    "prefix,needle,precision",
    [
        ("000", "43 militants", "district"),  # "west of Mosul" is an area around it
        ("000", "Twelve civilians", "district"),  # "near Hawija"
        ("002", "Forty militants", "town"),  # Mansour: a neighbourhood at Mosul's point
        ("000", "four militants", "town"),  # Qayara itself
    ],
)
def test_seed_precisions(gz, prefix, needle, precision):
    assert _resolved(gz, prefix, needle).place.precision == precision


def test_seed_tabqa_report_is_placed_in_syria_by_the_paragraph_before(gz):
    got = _resolved(gz, "001", "at least 70")
    assert (got.place.country, got.evidence.rules[-2]) == ("SY", "place:previous"), got


def test_seed_camp_missing_from_gazetteer_is_named_not_placed(gz):
    got = _resolved(gz, "000", "50 of")
    assert (got.place.name, got.place.lat, got.place.country) == ("Ghazlani camp", None, "IQ")
    assert "place:unresolved" in got.evidence.rules


def test_seed_without_publication_date_keeps_relative_words(gz):
    got = _resolved(gz, "000", "180 civilians")
    assert (got.date.text, got.date.precision, got.date.start) == ("last week", "unknown", None)


@pytest.mark.parametrize(
    "prefix,name,geonames_id,country",
    [
        ("001", "Tabqa dam", 172374, "SY"),  # Tabqa resolves to Syria in an Iraq article
        ("001", "Raqqa", 172955, "SY"),  # Ar Raqqah
        ("003", "Zanjili neighbourhood", MOSUL, "IQ"),  # spelled Zanjili here
        ("004", "Zinjili neighbourhood", MOSUL, "IQ"),  # and Zinjili here
        ("004", "Erbil", 95446, "IQ"),  # "reporting from Erbil"
        ("000", "Tal Keif", 90353, "IQ"),  # Tal Keif = Tall Kayf
    ],
)
def test_seed_mentions(gz, prefix, name, geonames_id, country):
    text = _seed(prefix)
    found = [loc.place for loc in locate_places(article(text), gazetteer=gz) if loc.place.name == name]
    assert found and all((p.geonames_id, p.country) == (geonames_id, country) for p in found), found


def test_seed_places_from_a_loaded_geonames_dump(gz, tmp_path):
    # a small dump in GeoNames' format, written here: entries the embedded data lacks
    rows = [
        ("9200001", "At Taji", "Taji,Al Taji", "33.52", "44.27", "P", "PPL", "IQ", "07"),
        ("9200002", "Hammam al `Alil", "Hammam al-Alil,Hamam al Alil", "36.16", "43.26", "P", "PPL", "IQ", "15"),
    ]
    dump = tmp_path / "IQ-small.txt"
    dump.write_text("".join("\t".join([g, n, n, alt, lat, lon, fc, code, cc, "", a1, "", "", "", "0", "", "40",
                                       "Asia/Baghdad", "2020-01-01"]) + "\n"
                            for g, n, alt, lat, lon, fc, code, cc, a1 in rows), encoding="utf-8")
    assert add_geonames(gz, dump).added == 2
    taji = _resolved(gz, "002", "one person", "Amil")
    assert (taji.place.name, taji.place.geonames_id, taji.place.admin1) == ("Taji", 9200001, "Baghdad")
    text = _seed("000")
    alil = [loc.place for loc in locate_places(article(text), gazetteer=gz) if loc.place.name == "Hammam al-Alil"]
    assert alil and alil[0].geonames_id == 9200002


def test_seed_002_every_incident_has_coordinates_in_iraq(gz, extractor):
    # the whole round-up through extraction, resolution and grouping: each itemised incident is
    # placed in Iraq with a point (a town, a neighbourhood's city, or Iraq itself when the town
    # is only in a full GeoNames dump)
    from deathtoll.link import summarise_article

    text = _seed("002")
    title, body = text.split("\n", 1)
    art = Article(id="002", text=body, title=title)
    res = summarise_article(art, resolve(art, extractor.extract(art), gazetteer=gz))
    casualties = [inc for inc in res.incidents if inc.tally("killed")[1] or inc.tally("wounded")[1]]
    assert len(casualties) >= 9
    for inc in casualties:
        assert inc.place.country == "IQ" and inc.place.lat is not None and inc.place.lon is not None, inc
