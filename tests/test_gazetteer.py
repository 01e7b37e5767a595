"""Gazetteer: name keys, lookups on the embedded data, user loads and the CLI."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from deathtoll.cli_gazetteer import app
from deathtoll.errors import InputError
from deathtoll.resolve import Gazetteer, add_csv, add_geonames
from deathtoll.resolve.normalize import fold, skeleton


@pytest.mark.parametrize(
    "a,b",
    [
        ("Qayara", "Al Qayyārah"),  # article prefix, doubled consonant, -ah ending
        ("Qayara", "Qaiyara"),  # ai = ay
        ("Shirqat", "Ash Sharqāt"),  # Ash- prefix, i/a
        ("Hawija", "Al Ḩawījah"),  # diacritics, -ah
        ("Hawija", "Huwayjah"),  # u/a, ay
        ("Tal Keif", "Tall Kayf"),  # doubled l, ei/ay
        ("Tel Kaif", "Tallkayf"),  # word break, tel/tall
        ("Khazer", "Khazir"),  # e/i
        ("Khazair", "Khazir"),  # ai/i
        ("Gogjiali", "Gogjali"),  # extra vowel
        ("Zanjili", "Zinjili"),  # a/i
        ("Zanjali", "Zanjili"),  # a/i in the second syllable
        ("Mosul", "Al Mawşil"),  # aw = o, diacritic
        ("Erbil", "Irbil"),  # initial vowel
        ("Qaim", "Al Qa'im"),  # apostrophe for the hamza
        ("Nineveh", "Nīnawá"),  # v/w, -eh
        ("St. Louis", "Saint Louis"),  # abbreviation
        ("The Bronx", "Bronx"),  # English article
    ],
)
def test_skeleton_folds_transliteration_variants(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Amil", "Mali"),  # same consonants, other order
        ("Mosul", "Basra"),  # different towns
        ("Raqqa", "Ramadi"),  # same initial only
    ],
)
def test_skeleton_keeps_different_names_apart(a, b):
    assert skeleton(a) != skeleton(b)


def test_fold_drops_case_diacritics_and_articles():
    assert fold("Ḩammām al-‘Alīl") == "hammam alil"


@pytest.mark.parametrize(
    "name,country,geonames_id",
    [
        ("Qayara", "IQ", 99003),  # seed spelling of Al Qayyarah
        ("Qayyarah", "IQ", 99003),  # the other seed spelling
        ("Shirqat", "IQ", 91057),  # Ash Sharqat
        ("Sharqat", "IQ", 91057),  # its alternate
        ("Hawija", "IQ", 390188),  # Al Hawijah
        ("Hawijah", "IQ", 390188),  # -ah spelling
        ("Tal Keif", "IQ", 90353),  # Tallkayf
        ("Tel Kaif", "IQ", 90353),  # another spelling
        ("Mosul", "IQ", 99072),  # the town, not the district named after it
        ("Baghdad", "IQ", 98182),  # the town, not the governorate
        ("Samarra", "IQ", 91597),  # diacritics in the stored name
        ("Qaim", "IQ", 92138),  # Al Qa'im
        ("Haditha", "IQ", 96309),  # Hadithah
        ("Erbil", "IQ", 95446),  # Kurdistan admin1
        ("Bartella", "IQ", 97890),  # Bartalah
        ("Tabqa", "IQ", 172374),  # in Syria even when the article is about Iraq
        ("Raqqa", None, 172955),  # Ar Raqqah
    ],
)
def test_resolve_name_finds_the_geonames_entry(gz, name, country, geonames_id):
    c = gz.resolve_name(name, country=country)
    assert c is not None and c.geonames_id == geonames_id


@pytest.mark.parametrize(
    "country,near,geonames_id",
    [
        ("LB", None, 266826),  # Tripoli, Lebanon when the article is about Lebanon
        ("LY", None, 2210247),  # Tripoli, Libya when it is about Libya
        (None, (34.0, 35.8), 266826),  # near Beirut, no country
    ],
)
def test_same_name_in_two_countries_is_decided_by_context(gz, country, near, geonames_id):
    c = gz.resolve_name("Tripoli", country=country, near=near)
    assert c is not None and c.geonames_id == geonames_id


def test_divisions_and_countries_have_their_precision(gz):
    anbar = gz.resolve_name("Anbar", country="IQ", division=True)
    assert (anbar.precision, anbar.country, anbar.admin1) == ("province", "IQ", "Anbar")
    iraq = gz.resolve_name("Iraq")
    assert (iraq.precision, iraq.country, iraq.geonames_id) == ("country", "IQ", 99237)
    assert gz.resolve_name("Mosul").admin1 == "Nineveh"
    assert gz.resolve_name("Aurora", country="US").admin1 in ("Colorado", "Illinois")


def test_unknown_name_resolves_to_nothing(gz):
    assert gz.resolve_name("Xqzvbnt") is None


def _geonames_line(gid, name, alternates, lat, lon, fclass, fcode, cc, admin1, pop=0, cols=19):
    row = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
           str(pop), "", "300", "Asia/Baghdad", "2020-01-01"]
    return "\t".join(row[:cols])


def test_add_geonames_loads_neighbourhoods_and_camps_and_reports_bad_lines(tmp_path):
    dump = tmp_path / "XX.txt"
    dump.write_text("\n".join([
        _geonames_line(9100001, "Hayy an Nurayn", "Nurayn,Nurain", 36.36, 43.15, "P", "PPLX", "IQ", "15"),
        _geonames_line(9100002, "Mukhayyam Zarqun", "Zarqun Camp", 36.30, 43.40, "S", "CMP", "IQ", "15"),
        _geonames_line(9100003, "Short Row", "", 36.0, 43.0, "P", "PPL", "IQ", "15", cols=18),
        _geonames_line(9100004, "Far Away", "", 136.0, 43.0, "P", "PPL", "IQ", "15"),
    ]) + "\n", encoding="utf-8")
    g = Gazetteer(tmp_path / "g.sqlite", build=False)
    result = add_geonames(g, dump)
    assert result.added == 2
    assert [(e.line, e.reason) for e in result.errors] == [
        (3, "expected 19 tab-separated columns, found 18"),
        (4, "latitude out of range: 136.0"),
    ]
    assert str(result.errors[0]) == f"{dump}:3: expected 19 tab-separated columns, found 18"
    hood = g.resolve_name("Nurain")
    assert (hood.geonames_id, hood.precision, hood.country) == (9100001, "neighbourhood", "IQ")
    camp = g.resolve_name("Zarqun Camp")
    assert (camp.geonames_id, camp.precision) == (9100002, "exact")


def test_add_csv_loads_user_places_that_survive_a_rebuild(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "name,alternate_names,lat,lon,country,admin1,parent,kind\n"
        "Hay Nurayn,Nurain;Al Nurayn,36.36,43.15,IQ,Nineveh,Mosul,neighbourhood\n"
        "Zarqun checkpoint,,36.2,43.3,IQ,Nineveh,,checkpoint\n"
        "Bad Row,,north,43.3,IQ,,,town\n"
        "Odd Kind,,36.2,43.3,IQ,,,spaceport\n",
        encoding="utf-8",
    )
    g = Gazetteer(tmp_path / "g.sqlite", build=False)
    result = add_csv(g, path)
    assert result.added == 2
    assert [e.line for e in result.errors] == [4, 5]
    assert "lat is not a number" in result.errors[0].reason
    assert "unknown kind 'spaceport'" in result.errors[1].reason
    g.build(countries=["AD"])  # a small rebuild of the embedded tables
    hood = g.resolve_name("Al Nurayn")
    assert (hood.name, hood.precision, hood.parent, hood.admin1) == ("Hay Nurayn", "neighbourhood", "Mosul", "Nineveh")
    assert g.stats()["user_places"] == 2 and g.stats()["places"] > 0


def test_add_csv_without_a_file_raises_input_error(tmp_path):
    g = Gazetteer(tmp_path / "g.sqlite", build=False)
    with pytest.raises(InputError, match="cannot read"):
        add_csv(g, tmp_path / "missing.csv")


def test_cli_add_csv_reports_rejected_lines_and_exit_code(tmp_path):
    db = tmp_path / "g.sqlite"
    path = tmp_path / "places.csv"
    path.write_text("Hay Nurayn,Nurain,36.36,43.15,IQ,Nineveh,Mosul,neighbourhood\nBroken,,x,1,IQ,,,town\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["add-csv", str(path), "--db", str(db)])
    assert result.exit_code == 1
    assert f"Error: {path}:2: lat is not a number: 'x'" in result.output
    assert "added 1 place(s) from 1 file(s); 1 line(s) rejected" in result.output
    assert Gazetteer(db, build=False).stats()["user_places"] == 1


def test_cli_lookup_prints_candidates(gz):
    result = CliRunner().invoke(app, ["lookup", "Qayara", "--country", "IQ", "--json", "--limit", "1", "--db", str(gz.path)])
    assert result.exit_code == 0, result.output
    assert '"geonames_id": 99003' in result.output
    missing = CliRunner().invoke(app, ["lookup", "Xqzvbnt", "--db", str(gz.path)])
    assert missing.exit_code == 1
