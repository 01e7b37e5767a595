"""Evidence beyond the resolved place: a text naming the other's town, a homonym, the victims' ages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.blocking import named_pairs, place_relation
from deathtoll.link.explain import explain_pair
from deathtoll.link.features import ages_in, compared_texts, features_of, name_grams
from deathtoll.link.items import LinkItem, LinkOptions
from deathtoll.model import Place

from test_link_across_helpers import DAY, one, partition

CLINIC = "A car bomb exploded outside a clinic in Mosul, killing 9 civilians, police said."
CLINIC_ELSEWHERE = "Nine people died when explosives went off near a Mosul clinic on the main road, a doctor said."
KIRKUK_ELSEWHERE = "Nine people died when explosives went off near a Kirkuk clinic on the main road, a doctor said."

HOME = Place("Hamdaniya", 9100001, 36.27, 43.38, "Nineveh", "IQ", "town")
ABROAD = Place("Hamdaniya", 9200002, 35.13, 36.75, "Hama", "SY", "town")  # a homonym the resolver may pick


def placed(it: LinkItem, place: Place) -> LinkItem:
    """``it`` with its incident and reports put at ``place`` (as a resolver would have)."""
    reps = tuple(r.with_(place=place) for r in it.reports)
    return replace(it, incident=replace(it.incident, place=place), reports=reps)


@pytest.mark.parametrize("text, names", [
    ("Gunmen attacked a checkpoint near Tall Afar on Monday.", {"gunmen", "tallafar", "tall", "afar", "monday"}),
    ("Two died in Bab al-Tob.", {"babaltob"}),  # "al-" joins a run; names under four letters are left out
    ("no capitals here", set()),  # nothing capitalised, nothing named
])
def test_name_grams_are_runs_of_capitalised_words_folded(text, names):
    assert name_grams(text) == names


@pytest.mark.parametrize("b_text, b_place, linked", [
    # the resolver put B in Tikrit; its text names Mosul, A's town: compared, and linked
    (CLINIC_ELSEWHERE, "tikrit", True),
    # the same words about Kirkuk: A's town is not named, and the places are apart: never compared
    (KIRKUK_ELSEWHERE, "tikrit", False),
])
def test_a_text_naming_the_other_incidents_town_is_compared(b_text, b_place, linked):
    a = one("a", CLINIC, 9, source="A", place="mosul")
    b = one("b", b_text, 9, source="B", place=b_place)
    result = link_incidents([a, b], options=LinkOptions(explain="all"))
    assert (len(result.incidents) == 1) is linked
    assert bool(result.pairs) is linked
    if linked:
        assert "places differ, one named in the other text" in result.pairs[0].reasons


@pytest.mark.parametrize("b_sentence, b_cause, b_group, linked", [
    # one town's name resolved into two countries, the same bombing: compared by name, and linked
    ("Nine civilians died when a car bomb went off at the Hamdaniya clinic, a doctor said.", "vbied", "civilian", True),
    # the same name, but a sniper killing a soldier: compared, and kept apart
    ("A sniper shot dead 1 soldier at a checkpoint in Hamdaniya.", "sniper", "security_forces", False),
])
def test_a_homonym_is_compared_by_name_and_decided_by_the_evidence(b_sentence, b_cause, b_group, linked):
    a = placed(one("a", "A car bomb outside a clinic in Hamdaniya killed 9 civilians.", 9, source="A"), HOME)
    b = placed(one("b", b_sentence, 9 if linked else 1, source="B", cause=b_cause, group=b_group), ABROAD)
    opts = LinkOptions(explain="all")
    fa, fb = features_of(0, a, opts), features_of(1, b, opts)
    assert place_relation(fa, fb, opts) is None  # resolved in two countries: place blocking keeps them apart
    result = link_incidents([a, b], options=opts)
    assert len(result.pairs) == 1  # but the name brings them together
    assert (len(result.incidents) == 1) is linked


def test_named_pairs_split_same_time_pairs_from_follow_ups():
    opts = LinkOptions()
    items = [one("a", CLINIC, 9, place="mosul"), one("b", CLINIC_ELSEWHERE, 9, place="tikrit")]
    feats = [features_of(n, it, opts) for n, it in enumerate(items)]
    texts = compared_texts(items, feats)
    assert named_pairs(feats, texts, opts) == ([(0, 1)], [])


@pytest.mark.parametrize("text, ages", [
    ("A 14-year-old boy was shot.", {14}),  # "N-year-old"
    ("The victims, a boy, 9, and a man aged 40", {9, 40}),  # "boy, 9" and "man aged 40"
    ("The man, 40, and his son, 12, died.", {40, 12}),  # several
    ("Killed 14 years after the war", set()),  # a number of years is not an age
])
def test_ages_in(text, ages):
    assert ages_in(text) == ages


@pytest.mark.parametrize("b_sentence, reason, linked", [
    ("Doctors treated a boy, 14, wounded by gunfire near the Faisaliya market.", "same age 14", True),  # one boy
    ("Doctors treated a man, 35, wounded by gunfire near the Faisaliya market.", "ages differ", False),  # another
])
def test_the_victims_ages_are_evidence(b_sentence, reason, linked):
    a = one("a", "A 14-year-old was hit by a stray bullet in the old city of Mosul.", 1, outcome="wounded",
            cause="gunfire", source="A", place="mosul")
    b = one("b", b_sentence, 1, outcome="wounded", cause="gunfire", source="B", place="mosul",
            day=DAY + timedelta(days=1), published=DAY + timedelta(days=1))
    c = one("c", "A mortar round struck a house in Mosul, wounding 3 women.", 3, outcome="wounded", cause="mortar",
            source="C", place="mosul")  # a third incident there: neither is the other's only candidate
    why = explain_pair([a, b, c], "a/0", "b/0")
    assert reason in why.reasons and why.accepted is linked
    assert (frozenset({"a/0", "b/0"}) in partition(link_incidents([a, b, c]))) is linked
