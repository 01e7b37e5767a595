"""Hits, wounds and restatements: the rules that keep crime-style reports from
double counting (one person shot, taken to hospital and found with a wound is
one casualty), as sentence and whole-article tables. Original sentences only.
"""

from __future__ import annotations

from collections import Counter

import pytest

from deathtoll.link import summarise_article
from deathtoll.model import Article

U, C = "unknown", "civilian"


def _reports(extractor, text):
    return [(r.outcome, r.count.best, r.victims.group) for r in extractor.extract(Article(id="t", text=text))]


@pytest.mark.parametrize("text, want", [
    # a relative clause's "who" stands for its noun
    ("The gunman shot a clerk who died at the scene.", [("killed", 1, C)]),
    # "found dead" through a relative clause
    ("Investigators say a man who was found dead in a ditch had been shot.", [("killed", 1, U)]),
    # the object of a relative clause with "fatally shot"
    ("The family of the man whom police fatally shot wants answers.", [("killed", 1, U)]),
    # headline passive without "was"
    ("Woman shot, killed in parking lot", [("killed", 1, C)]),
    # "shot dead" as a reduced clause
    ("Officers found the driver shot dead inside a van.", [("killed", 1, U)]),
    # "shot and killed" shares its object
    ("A guard shot and killed a robber outside the bank.", [("killed", 1, U)]),
    # a gunshot wound names a person hit (outcome not said: wounded, soft)
    ("Deputies found a 19-year-old with a gunshot wound to the arm.", [("wounded", 1, U)]),
    # "taken to hospital with injuries" is one person, not two
    ("He was taken to a hospital with minor injuries.", [("wounded", 1, U)]),
    # "left X in critical condition"
    ("The attack left a teenager in critical condition.", [("wounded", 1, C)]),
    # "they" takes the count of the people just named
    ("Two brothers were shot near the mosque, and they died later.", [("wounded", 2, C), ("killed", 2, C)]),
    # "a second" is one more person
    ("One man died and a second was injured in the blast.", [("killed", 1, U), ("wounded", 1, U)]),
    # a body of a named person
    ("John Harper's body was found near the river.", [("killed", 1, U)]),
    # a single death said as a noun
    ("Police are investigating a shooting death in the north of the city.", [("killed", 1, U)]),
    # "attempted murder" is not a death
    ("He was charged with attempted murder after the fight.", []),
    # an age between commas is not a count
    ("The boy, 9, died after being shot by a relative.", [("killed", 1, C)]),
    # a year is not a count
    ("It was the first homicide of 2016 in the city.", [("killed", 1, U)]),
    # "shot at" misses; "shot at 9 p.m." hits
    ("Gunmen shot at the convoy but missed.", []),
    # a time after "at" does not make "shot" a miss
    ("Two men were shot at 9 p.m. near the market.", [("wounded", 2, U)]),
    # a passive "shot at" a place is where the hit happened
    ("Police said a man was shot at a shopping center.", [("wounded", 1, U)]),
    # but a passive "shot at by" someone is fired upon
    ("He was shot at by a gunman but was not hit.", []),
    # and fired at a vehicle is no hit either
    ("The car was shot at by two men.", []),
])
def test_hit_sentences(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


@pytest.mark.parametrize("text, killed, wounded", [
    # a hit who later dies is killed, not also wounded
    ("Man dies after shooting\nA man was shot on Elm Street on Friday. He died at the hospital.", 1, 0),
    # a hit described three ways is one wounded person
    ("Woman hurt in shooting\nA woman was shot on Elm Street. She reached the hospital with a bullet wound "
     "and her condition is stable.", 0, 1),
    # two people hit, one died
    ("Two shot\nTwo men were shot outside a bar on Friday. One of them died at the scene.", 1, 1),
    # a person named in a report of a person shot and the man found with a wound are one
    ("Shooting\nPolice responded to a report of a person shot and found a man with a gunshot wound.", 0, 1),
    # a man and a woman hit in one sentence are two people
    ("Couple shot\nThe woman was shot in the leg and the man was shot in the arm.", 0, 2),
])
def test_hit_totals(extractor, text, killed, wounded):
    title, body = text.split("\n", 1)
    art = Article(id="t", title=title, text=body)
    totals = summarise_article(art, extractor.extract(art)).totals
    assert (totals["killed"]["best"], totals["wounded"]["best"]) == (killed, wounded)


@pytest.mark.parametrize("text, want", [
    # "N of them" takes the people named before in the sentence
    ("Gunmen stopped a bus carrying pilgrims and killed 12 of them.", [("killed", 12, C)]),
    # with no plural person noun before it, "them" stays unknown
    ("After the raid they said they had killed 3 of them.", [("killed", 3, U)]),
])
def test_of_them(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)
