"""Follow-ups: a report dated only by its publication tells of an event on or before that day."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.blocking import followup_gap
from deathtoll.link.explain import explain_pair
from deathtoll.link.cues import in_court
from deathtoll.link.features import features_of, is_follow_up
from deathtoll.link.items import LinkOptions

from test_link_across_helpers import DAY, item, one, partition, report

BOMBING = "A car bomb exploded outside the Al-Shifaa clinic in Mosul, killing 9 civilians, Omar Hadidi said."
SENTENCED = "A court sentenced the man who planned the Al-Shifaa clinic car bomb that killed 9 civilians."
ARRESTED = "Police arrested a driver over the Al-Shifaa clinic car bomb that killed 9 civilians, Omar Hadidi said."
QUIET = "Shops reopened near the Al-Shifaa clinic where a car bomb killed 9 civilians, Omar Hadidi said."
PUBLISHED = ("date:published",)


def event(**fields):
    """The event, told on its day."""
    return one("ev", BOMBING, 9, source="Tigris Wire", place="mosul", **fields)


def later(sentence: str, days: int, *, place: str = "mosul", cause: str | None = "vbied", rules=PUBLISHED, n: int = 9,
          before: int = 0, **fields):
    """An article ``days`` after the event; its report is dated ``before`` days before publication,
    by the publication only unless ``rules`` say otherwise."""
    when = DAY + timedelta(days=days)
    return one("fu", sentence, n, source="Nineveh Post", place=place, cause=cause, day=when - timedelta(days=before),
               published=when, rules=rules, **fields)


@pytest.mark.parametrize("follow_up, linked", [
    (later(SENTENCED, 40), True),  # a sentencing 40 days on, at the same town: the same bombing
    (later(QUIET, 40), False),  # no follow-up words: a publication date only reaches a month back
    (later(QUIET, 5), True),  # no follow-up words, 5 days on: within the week
    (later(ARRESTED, 400), False),  # an arrest more than a year on: too far
    (later(SENTENCED, 400), True),  # a sentencing more than a year on: courts take that long
    (later(SENTENCED, 800), False),  # more than two years on: too far even for a court
    (later(SENTENCED, 40, place="kirkuk"), False),  # another town: never compared
    (later(SENTENCED, 40, cause="gunfire"), False),  # a shooting, not a car bomb: another event
    (later(SENTENCED, 40, rules=("date:weekday",), before=3), False),  # a day stated 37 days on: not a follow-up
    (later(SENTENCED, 40, rules=("date:weekday",)), True),  # the sentencing's own day: the event may lie before
])
def test_a_publication_dated_follow_up_links_to_the_earlier_event(follow_up, linked):
    result = link_incidents([event(), follow_up], options=LinkOptions(explain="all"))
    assert (partition(result) == {frozenset({"ev/0", "fu/0"})}) is linked
    if linked:
        (pair,) = [p for p in result.pairs if p.merged]
        assert any(r.startswith("follow-up") for r in pair.reasons)


@pytest.mark.parametrize("days, sentence, gap", [
    (3, QUIET, 3),  # a publication date reaches back a week
    (8, QUIET, 8),  # and a month: a story told weeks later in other words
    (32, QUIET, None),  # not further without follow-up words
    (8, ARRESTED, 8),  # follow-up words: up to a year
    (366, ARRESTED, None),  # but not more
    (366, SENTENCED, 366),  # the court stage: up to two years
    (731, SENTENCED, None),  # but not more
    (1, SENTENCED, None),  # a day later: the dates already meet (day precision ±1)
    (-3, SENTENCED, None),  # the "earlier" event is after the publication: no
])
def test_followup_gap_depends_on_the_follow_up_words(days, sentence, gap):
    opts = LinkOptions()
    fe = features_of(0, event(), opts)
    fu = features_of(1, later(sentence, days), opts)
    assert fu.bounded and fu.follow_up is (sentence != QUIET) and fu.court is (sentence == SENTENCED)
    assert followup_gap(fu, fe, opts) == gap


def test_a_stated_date_is_preferred_to_the_publication_day():
    opts = LinkOptions()
    stated = report("a", 1, "The blast happened on Monday near the clinic.", 9, day=DAY - timedelta(days=2),
                    rules=("date:weekday",))
    pub = report("a", 0, BOMBING, 9, rules=PUBLISHED)
    f = features_of(0, item([pub, stated]), opts)  # the incident carries the publication day
    assert not f.bounded and f.start == (DAY - timedelta(days=2)).toordinal()
    g = features_of(1, item([report("b", 0, BOMBING, 9, rules=PUBLISHED)]), opts)
    assert g.bounded and g.start == DAY.toordinal()


@pytest.mark.parametrize("rules, days_before, bounded", [
    (("date:weekday",), 0, True),  # follow-up words, dated to its own news day: the event may lie before
    (("date:weekday",), 2, False),  # a stated day before publication is the event's
    (PUBLISHED, 0, True),  # the publication day itself
])
def test_a_follow_up_dated_to_its_news_day_is_an_upper_bound(rules, days_before, bounded):
    when = DAY + timedelta(days=30)
    it = one("fu", SENTENCED, 9, place="mosul", day=when - timedelta(days=days_before), published=when, rules=rules)
    assert features_of(0, it, LinkOptions()).bounded is bounded


@pytest.mark.parametrize("crowd, joined", [
    (2, True),  # two incidents at Mosul in the year before: few enough to compare them all
    (1, False),  # one more than the crowd allows: the place cannot pick the event, none is compared
])
def test_a_crowded_place_does_not_pick_a_follow_ups_event(crowd, joined):
    other = one("ot", "A roadside bomb hit a bus in Mosul, killing 4 workers.", 4, source="Rafidain TV", place="mosul",
                day=DAY + timedelta(days=3), published=DAY + timedelta(days=3))
    result = link_incidents([event(), other, later(SENTENCED, 40)],
                            options=LinkOptions(followup_crowd=crowd, explain="all"))
    assert (frozenset({"ev/0", "fu/0"}) in partition(result)) is joined
    assert any("fu/0" in (p.a, p.b) for p in result.pairs) is joined


def test_follow_ups_chain_through_the_event_but_not_across_events():
    arrest = later("Police arrested a suspect in the Al-Shifaa clinic car bomb that killed 9 civilians.", 10)
    arrest = one("ar", arrest.reports[0].evidence.sentence, 9, source="Mosul Eye", place="mosul",
                 day=DAY + timedelta(days=10), published=DAY + timedelta(days=10), rules=PUBLISHED)
    sniper = one("sn", "A sniper shot dead 2 soldiers at a checkpoint in Mosul.", 2, source="Rafidain TV",
                 place="mosul", group="security_forces", cause="sniper", day=DAY + timedelta(days=20),
                 published=DAY + timedelta(days=20))
    result = link_incidents([event(), arrest, later(SENTENCED, 40), sniper])
    assert partition(result) == {frozenset({"ev/0", "ar/0", "fu/0"}), frozenset({"sn/0"})}


def test_a_follow_up_pair_is_explained_on_demand():
    items = [event(), later(SENTENCED, 40)]
    why = explain_pair(items, "ev/0", "fu/0")
    assert why.accepted and "follow-up 40 days later" in why.reasons
    apart = explain_pair([event(), later(QUIET, 40)], "ev/0", "fu/0")
    assert apart.reasons == ("not compared: dates incompatible",)


def test_follow_ups_link_the_same_in_any_order_and_incrementally():
    arrest = one("ar", "Police arrested a suspect in the Al-Shifaa clinic car bomb that killed 9 civilians.", 9,
                 source="Mosul Eye", place="mosul", day=DAY + timedelta(days=10), published=DAY + timedelta(days=10),
                 rules=PUBLISHED)
    batch1, batch2 = [event(), arrest], [later(SENTENCED, 40)]
    full = link_incidents(batch1 + batch2)
    assert partition(full) == {frozenset({"ev/0", "ar/0", "fu/0"})}
    assert link_incidents(batch2 + batch1[::-1]).incidents == full.incidents  # input order does not matter
    first = link_incidents(batch1)
    stored = [replace(it, linked=first.assignments[it.id]) for it in batch1]
    second = link_incidents(batch2, existing=stored)
    assert partition(second) == partition(full)
    assert {inc.id for inc in second.incidents} == {inc.id for inc in first.incidents}  # the stored id is kept


@pytest.mark.parametrize("text, follow_up", [
    ("Two men were charged with murder on Friday.", True),  # the legal process
    ("The court heard that the bomb was hidden in a cart.", True),  # a court
    ("Mourners buried the 9 victims in the old cemetery.", True),  # burial ("buri-")
    ("A wounded shopkeeper died of his injuries in hospital.", True),  # a later death
    ("Police ID'd the victim as a local teacher.", True),  # "ID'd", capitalised only
    ("Gunmen opened fire in the courtyard of a mosque.", False),  # "courtyard" is not "court"
    ("A car bomb killed 9 people near the market.", False),  # the event itself
    ("A teenager was found wounded on Gunbow Court.", False),  # a street named "Court" is no court
    ("Shots were fired near Memorial Drive.", False),  # nor a "Memorial" street a memorial
    ("Police found the car on Court Street.", False),  # "Court" before a name: a street
    ("The county court set bail for the driver.", True),  # a court in lower case still counts
    ("He appeared in Circuit Court on Monday.", True),  # a court named as one
    ("Man Appears In Court Over Market Bombing", True),  # a title-case headline's court
])
def test_follow_up_words(text, follow_up):
    assert is_follow_up(text) is follow_up


@pytest.mark.parametrize("text, court", [
    ("The jury found the driver guilty of 9 murders.", True),  # a verdict
    ("He was sentenced to life for the clinic bombing.", True),  # a sentence
    ("The man pleaded not guilty at his arraignment.", True),  # a plea
    ("Two men were charged with murder on Friday.", False),  # a charge comes days after: not the court stage
    ("Court documents show the gun was stolen.", False),  # papers of a court, not its stage
    ("A shot was fired into a house on Trial Street.", False),  # a street
])
def test_court_stage_words(text, court):
    assert in_court(text) is court


TOLD_APART = "Explosives packed in a parked sedan went off beside the gate of a hospital, leaving civilians dead."
BOTH_TOLD = "A court sentenced the man who planned the car bomb at the Al-Shifaa clinic, packed in a parked sedan beside its gate."
OTHER = "Gunmen shot dead a shopkeeper in his store in Mosul, police said."


@pytest.mark.parametrize("days_apart, joined", [
    (0, True),  # one day, one town: two tellings of one bombing the texts kept apart; the follow-up joins both
    (5, False),  # five days apart: two bombings; the follow-up joins its best only, the guard refuses the other
])
def test_a_follow_up_joins_every_cluster_of_its_event(days_apart, joined):
    told_apart = one("b", TOLD_APART, 8, source="Nineveh Post", day=DAY + timedelta(days=days_apart),
                     published=DAY + timedelta(days=days_apart))
    shooting = one("c", OTHER, 1, source="Rudaw", cause="gunfire")  # another event that day: no "only candidates"
    sentence = later(BOTH_TOLD, 40, n=None)
    result = link_incidents([event(), told_apart, shooting, sentence], options=LinkOptions(explain="all"))
    groups = partition(result)
    assert frozenset({"c/0"}) in groups
    assert (frozenset({"ev/0", "fu/0", "b/0"}) in groups) is joined
    if not joined:
        assert frozenset({"ev/0", "fu/0"}) in groups
        assert any("refused: dates too far apart" in p.reasons for p in result.pairs if p.b == "fu/0")
