"""One victim each, but not the same person; site names in titles; follow-ups dated by their own news day."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.cues import headline, victim_sexes
from deathtoll.link.features import features_of
from deathtoll.link.items import LinkOptions
from deathtoll.model import Victims

from test_link_across_helpers import DAY, item, one, partition, report

SHOT = "A resident was shot near the Al-Nour bakery in Mosul on Saturday evening, police said."
TOLD = "Police said a resident was shot near the Al-Nour bakery in Mosul on Saturday evening."


def lone(aid: str, sentence: str, *, detail: str | None = None, group: str = "civilian", words: str = "A resident",
         source: str = "Wire", outcome: str = "wounded"):
    """An article incident of one person wounded, with the victim noun ``detail`` and count words ``words``."""
    rep = report(aid, 0, sentence, 1, outcome=outcome, group=group, cause="gunfire", text=words)
    return item([replace(rep, victims=Victims(group, detail))], source=source)


@pytest.mark.parametrize("detail, words, outcome, sexes", [
    ("woman", "A", "wounded", {"female"}),  # the victim noun
    ("person", "herself", "wounded", {"female"}),  # the count's own word ("shot herself")
    ("men", "one", "killed", {"male"}),  # a plural noun still says the sex
    ("civilians", "A resident", "wounded", set()),  # nothing about sex
    ("man", "A", "detained", set()),  # a man arrested is no victim
])
def test_victim_sexes_read_the_victim_noun_and_count_words(detail, words, outcome, sexes):
    rep = replace(report("a", 0, SHOT, 1, outcome=outcome, text=words), victims=Victims("civilian", detail))
    assert victim_sexes([rep]) == sexes


@pytest.mark.parametrize("title, expected", [
    ("Man shot outside bakery in Mosul - Tigris Wire 5 - Mosul, Nineveh", "Man shot outside bakery in Mosul"),  # site cut
    ("Two hurt in market shooting | Nineveh Post", "Two hurt in market shooting"),  # a bar too
    ("Mosul - two hurt", "Mosul - two hurt"),  # too short a head: kept whole
    ("Man shot outside bakery", "Man shot outside bakery"),  # no separator
    (None, ""),  # no title
])
def test_headline_cuts_the_site_name(title, expected):
    assert headline(title) == expected


@pytest.mark.parametrize("a, b, linked", [
    (dict(detail="man"), dict(detail="man"), True),  # one man each: the same victim
    (dict(detail="woman"), dict(detail="man"), False),  # a woman and a man: two people
    (dict(words="herself"), dict(detail="boys"), False),  # "shot herself" and a boy: two people
    (dict(detail="children"), dict(detail="police", group="security_forces"), False),  # a child, an officer
    (dict(detail="woman"), dict(detail="person"), True),  # one states no sex: no conflict
])
def test_one_victim_each_of_another_sex_or_group_is_two_events(a, b, linked):
    items = [lone("p", SHOT, source="Tigris Wire", **a), lone("q", TOLD, source="Nineveh Post", **b)]
    result = link_incidents(items, options=LinkOptions(explain="all"))
    assert (partition(result) == {frozenset({"p/0", "q/0"})}) is linked


def test_two_victims_each_are_not_read_for_sex():
    # two people wounded in each: "men" and "women" may be the same pair told loosely, so the rule stays out
    a = item([replace(report("p", 0, SHOT, 2, outcome="wounded", cause="gunfire", text="2"),
                      victims=Victims("civilian", "men"))], source="Tigris Wire")
    b = item([replace(report("q", 0, TOLD, 2, outcome="wounded", cause="gunfire", text="2"),
                      victims=Victims("civilian", "women"))], source="Nineveh Post")
    fa, fb = features_of(0, a, LinkOptions()), features_of(1, b, LinkOptions())
    assert not fa.lone and not fb.lone
    assert partition(link_incidents([a, b])) == {frozenset({"p/0", "q/0"})}


BOMBING = "A car bomb exploded outside the Al-Shifaa clinic in Mosul, killing 9 civilians, Omar Hadidi said."
DIED = "A ninth victim of the Al-Shifaa clinic car bomb died in hospital, bringing the toll to 9, Omar Hadidi said."


def _news_day(title: str | None, days: int = 20, before: int = 2):
    """An article ``days`` after the bombing whose report is dated by a day it states, ``before`` days earlier."""
    when = DAY + timedelta(days=days)
    return one("fu", DIED, 9, source="Nineveh Post", place="mosul", cause="vbied", day=when - timedelta(days=before),
               published=when, rules=("date:weekday",), title=title)


@pytest.mark.parametrize("later, linked", [
    (_news_day("Ninth victim of clinic bombing dies in hospital"), True),  # a follow-up headline: its day is news
    (_news_day("Clinic bombing toll stands at nine"), False),  # no follow-up words in the headline: a day stated
    (_news_day("Ninth victim of clinic bombing dies in hospital", before=9), False),  # stated 9 days back: not news
])
def test_a_follow_up_dated_by_its_own_news_day_reaches_back(later, linked):
    event = one("ev", BOMBING, 9, source="Tigris Wire", place="mosul")
    result = link_incidents([event, later])
    assert (partition(result) == {frozenset({"ev/0", "fu/0"})}) is linked


@pytest.mark.parametrize("told, total", [
    # "he shot himself" (no group) then "the boy recovered" (civilian): one boy, not two
    ([(1, "unknown"), (1, "civilian")], 1),
    # three shot, two of them named as teenagers: still three
    ([(3, "unknown"), (2, "civilian")], 3),
    # a soldier and two people of no group, where the two exceed the one named: two in all
    ([(2, "unknown"), (1, "security_forces")], 2),
    # two named groups add up
    ([(1, "civilian"), (2, "security_forces")], 3),
])
def test_people_of_no_group_beside_named_people_are_the_same_people(told, total):
    reps = [report("a", k, f"Sentence {k} of the story.", n, outcome="wounded", group=g, cause="gunfire")
            for k, (n, g) in enumerate(told)]
    assert features_of(0, item(reps), LinkOptions()).totals["wounded"][1] == total


@pytest.mark.parametrize("text, lead", [
    # the paragraphs of the story, not a one-line dateline or credit
    ("MOSUL\n\nA bakery owner named Haidar Qasimi was shot outside his shop in the old city.\n\nPhoto: Wire",
     "A bakery owner named Haidar Qasimi was shot outside his shop in the old city."),
    # nothing but short lines: no lead
    ("Sign in\n\nSubscribe", None),
    ("", None),
])
def test_lead_of(text, lead):
    from deathtoll.link.cues import lead_of

    assert lead_of(text) == lead


def test_a_rare_name_in_both_leads_links_a_late_follow_up():
    # the event and a trial weeks later tell it in other words; both leads name the victim
    first = report("a", 0, "Gunmen shot a baker dead outside his shop in Mosul.", 1, cause="gunfire")
    later = report("b", 0, "The trial of two men accused in the killing opened in Mosul.", 1, cause="gunfire",
                   day=DAY + timedelta(days=40), rules=("date:published",))
    lead_a = "Haidar Qasimi, a baker, was shot dead outside his shop on Saturday, his family said."
    lead_b = "Two men went on trial on Monday, accused of killing the baker Haidar Qasimi in March."
    bare = [item([first]), item([later], published=DAY + timedelta(days=40), title="Trial opens")]
    assert len(link_incidents(bare).incidents) == 2
    led = [replace(bare[0], lead=lead_a), replace(bare[1], lead=lead_b)]
    assert len(link_incidents(led).incidents) == 1
    # another name in the second lead: no link
    other = [led[0], replace(bare[1], lead=lead_b.replace("Haidar Qasimi", "Salim Tawfiq"))]
    assert len(link_incidents(other).incidents) == 2
