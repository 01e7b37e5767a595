"""An unsure place is compared across its region; a day apart is no evidence against one event."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.decide import score_pair
from deathtoll.link.explain import explain_pair
from deathtoll.link.features import features_of, place_unsure
from deathtoll.link.items import LinkOptions

from test_link_across_helpers import DAY, PLACES, one, partition, report

SHEPHERD = "Gunmen killed the shepherd Yunis Hattab near his sheep pens, a relative said."
FATHER = "On Thursday Hattab, a father of four, died after attackers opened fire on him."
REGION = "places differ within one region, one unsure"


def told(place: str, rules: tuple[str, ...] = ("place:clause",), days: int = 0, **fields):
    """The second outlet's article, ``days`` after the first, its place found by ``rules``."""
    return one("b", FATHER, 1, source="Nineveh Post", place=place, cause="gunfire", rules=rules,
               day=DAY + timedelta(days=days), published=DAY + timedelta(days=days), **fields)


def first():
    return one("a", SHEPHERD, 1, source="Tigris Wire", place="mosul", cause="gunfire", rules=("place:clause",))


@pytest.mark.parametrize("other, linked, compared", [
    (told("hamdaniya"), True, True),  # a town the gazetteer lacks, same province and day: one event
    (told("tal_afar", ("place:title",)), True, True),  # a town taken only from the headline: unsure too
    (told("tal_afar"), False, False),  # two towns the resolver is sure of, 60 km apart: never compared
    (told("hamdaniya", days=4), False, False),  # unsure, but four days apart: the dates do not meet
    (told("kirkuk", ("place:title",)), False, False),  # unsure, but in another province
])
def test_an_unsure_place_is_compared_within_its_region(other, linked, compared):
    result = link_incidents([first(), other], options=LinkOptions(explain="all"))
    assert (partition(result) == {frozenset({"a/0", "b/0"})}) is linked
    assert bool(result.pairs) is compared
    if compared:
        assert REGION in result.pairs[0].reasons


def test_a_regional_pair_is_explained_on_demand():
    why = explain_pair([first(), told("hamdaniya")], "a/0", "b/0")
    assert why.accepted and REGION in why.reasons
    apart = explain_pair([first(), told("tal_afar")], "a/0", "b/0")
    assert apart.reasons == ("not compared: places incompatible",)


@pytest.mark.parametrize("place, rules, unsure", [
    ("mosul", ("place:clause",), False),  # found in the report's own clause, with a GeoNames id
    ("mosul", ("place:dateline",), False),  # the dateline is the article's own word for its place
    ("mosul", ("place:title",), True),  # only the headline's town
    ("mosul", ("place:article", "place:outlet"), True),  # the article's most mentioned place, the outlet's town
    ("mosul", ("place:clause", "place:unresolved"), True),  # a name the gazetteer lacks took this point
    ("hamdaniya", ("place:clause",), True),  # no GeoNames id
    ("nineveh", ("place:clause",), True),  # a province: any town in it may be meant
    ("mosul", ("test",), False),  # no place rule: the caller placed it, take it at its word
    ("nowhere", ("place:none",), False),  # no place at all: nothing to be unsure of
])
def test_place_unsure(place, rules, unsure):
    rep = report("a", 0, SHEPHERD, 1, place=place, rules=rules)
    assert place_unsure(PLACES[place], [rep]) is unsure


@pytest.mark.parametrize("days, precision, reason, delta", [
    (0, "day", "same day", 0.10),  # one day
    (1, "day", "a day apart", 0.05),  # the next day: within a day's slack ("last night", the night's end)
    (3, "week", "3 days apart", -0.05),  # days apart within a week's slack: a little against
])
def test_how_far_apart_the_days_are(days, precision, reason, delta):
    opts = LinkOptions()
    fa = features_of(0, first(), opts)
    fb = features_of(1, told("mosul", days=days, precision=precision), opts)
    score, reasons = score_pair(fa, fb, "same", 0.0, opts)
    base, _ = score_pair(fa, fb, "same", 0.0, opts, explain=False)
    assert reason in reasons and score == base
    others = [r for r in reasons if r != reason]
    assert score == pytest.approx(delta + _rest(others))


def _rest(reasons: list[str]) -> float:
    """What the other reasons of this test's pairs add (same town, same cause, figures agree)."""
    weights = {"same town": 0.05, "same cause": 0.05, "figures agree": 0.10, "text 0.00": 0.0}
    return sum(weights[r] for r in reasons)


MARKET = "A roadside bomb went off beside the vegetable stalls of the Bab al-Sijin market, killing 3 traders."
STALLS = "3 traders died when a roadside bomb went off beside the vegetable stalls of the Bab al-Sijin market."
CHECKPOINT = "Snipers shot 3 soldiers at an army checkpoint on the highway."


@pytest.mark.parametrize("place, sentence, linked", [
    ("nowhere", STALLS, True),  # no place found at all: its text alone can join it to the event it tells
    ("nowhere", CHECKPOINT, False),  # no place, and another story: not even compared
    ("kirkuk", STALLS, False),  # a town the resolver is sure of, in another province: the text does not overrule it
])
def test_a_placeless_incident_is_compared_by_its_text(place, sentence, linked):
    market = one("a", MARKET, 3, source="Tigris Wire", place="mosul", cause="ied", rules=("place:clause",))
    other = one("b", sentence, 3, source="Nineveh Post", place=place, cause="ied",
                rules=("place:none",) if place == "nowhere" else ("place:clause",))
    result = link_incidents([market, other], options=LinkOptions(explain="all"))
    assert (partition(result) == {frozenset({"a/0", "b/0"})}) is linked
    assert bool(result.pairs) is linked
