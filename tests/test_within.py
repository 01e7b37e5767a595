"""Within one article: incidents, totals and checks (``summarise_article``).

Two layers: whole synthetic articles run through the real extractor (what a
user sees), and hand-built reports that pin down the counting rules without
spaCy (feared adds to high only, alleged to best and high, aggregate and
cumulative never enter totals, restatements count once, updates replace).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from deathtoll.link.within import summarise_article
from deathtoll.model import (Actor, Article, ArticleResult, Count, DateRange, Evidence, Place, Report, Victims,
                             perpetrator_of)


def run(extractor, text: str, id: str = "w") -> ArticleResult:
    art = Article(id=id, text=text, title=text.splitlines()[0])
    return summarise_article(art, extractor.extract(art))


def totals(res: ArticleResult) -> dict[str, tuple[int, int, int]]:
    return {o: (t["low"], t["best"], t["high"]) for o, t in res.totals.items()}


def checks(res: ArticleResult) -> dict[str, tuple[str, int, int]]:
    """outcome -> (status, stated best, itemised best) of the aggregate checks."""
    out = {}
    for c in res.checks:
        assert c.kind == "aggregate"
        (o, stated), = c.stated.items()
        out[o] = (c.status, stated["best"], c.itemised[o]["best"])
    return out


def assert_consistent(res: ArticleResult) -> None:
    """Invariants of every result: totals are the sum of incident tallies; only incident
    reports join incidents; every incident lists reports that exist."""
    ids = {r.id for r in res.reports}
    for o in ("killed", "wounded"):
        summed = [sum(inc.tally(o)[i] for inc in res.incidents) for i in range(3)]
        assert summed == [res.totals[o]["low"], res.totals[o]["best"], res.totals[o]["high"]]
    for r in res.reports:
        joins = r.scope == "incident" and "scope:past-reference" not in r.evidence.rules
        assert (r.incident is None) == (not joins), r.id
    for inc in res.incidents:
        assert set(inc.reports) <= ids
        assert all(v.low <= v.best <= v.high for v in inc.victims)


# -- whole articles ----------------------------------------------------------------------

ROUNDUP = """Weekend violence across the north

At least 15 people were killed and {wounded} were wounded in the latest violence:

In Baghdad, a bomb killed four people and wounded four near a bakery.

Gunmen killed three policemen and wounded two at a checkpoint in Mosul.

Eight militants were killed in an airstrike near Tikrit.
"""


def test_roundup_that_adds_up_gives_match(extractor):
    res = run(extractor, ROUNDUP.format(wounded="six"))
    assert_consistent(res)
    assert checks(res) == {"killed": ("match", 15, 15), "wounded": ("match", 6, 6)}
    assert totals(res) == {"killed": (15, 15, 15), "wounded": (6, 6, 6)}
    assert len(res.incidents) == 3
    heading = [r for r in res.reports if r.scope == "aggregate"]
    assert {(r.outcome, r.count.best) for r in heading} == {("killed", 15), ("wounded", 6)}
    assert all(c.reports[0] in {r.id for r in heading} for c in res.checks)


def test_roundup_that_does_not_add_up_gives_mismatch_with_both_figures(extractor):
    res = run(extractor, ROUNDUP.format(wounded="nine").replace("At least 15", "At least 20"))
    assert_consistent(res)
    assert checks(res) == {"killed": ("mismatch", 20, 15), "wounded": ("mismatch", 9, 6)}
    killed = next(c for c in res.checks if "killed" in c.stated)
    assert "20" in killed.message and "15" in killed.message and "does not match" in killed.message
    # the stated figures never enter the totals: they are the itemised sum
    assert totals(res) == {"killed": (15, 15, 15), "wounded": (6, 6, 6)}


def test_roundup_item_equal_to_the_stated_total_stays_an_incident(extractor):
    text = ROUNDUP.format(wounded="six").replace("wounded four near", "wounded six near").replace(
        "killed three policemen and wounded two", "killed three policemen")
    res = run(extractor, text)
    assert totals(res)["wounded"] == (6, 6, 6)
    assert checks(res)["wounded"] == ("match", 6, 6)


def test_headline_restating_the_stated_total_is_not_an_incident(extractor):
    res = run(extractor, "Bombings leave 15 dead\n\n" + ROUNDUP.format(wounded="six").split("\n", 2)[2])
    assert_consistent(res)
    title = res.reports[0]
    assert (title.outcome, title.count.best, title.scope) == ("killed", 15, "aggregate")
    assert totals(res)["killed"] == (15, 15, 15)


def test_single_event_restated_counts_once(extractor):
    text = ("Man shot dead on Elm Street\n\n"
            "A man was shot dead on Elm Street on Saturday night, police said.\n\n"
            "The victim, 34, died at the scene. Police said he was shot several times in the chest.")
    res = run(extractor, text)
    assert_consistent(res)
    assert len([r for r in res.reports if r.outcome == "killed"]) >= 2  # said more than once
    assert totals(res) == {"killed": (1, 1, 1), "wounded": (0, 0, 0)}
    assert len(res.incidents) == 1


def test_shot_one_fatally(extractor):
    res = run(extractor, "Two shot outside bar\n\nTwo men were shot, one fatally, outside a bar early Sunday.")
    assert_consistent(res)
    assert totals(res) == {"killed": (1, 1, 1), "wounded": (1, 1, 1)}


def test_feared_count_adds_to_high_only(extractor):
    text = "Village raid\n\nMilitants stormed the village on Monday. There are fears that the militants executed 40 villagers."
    res = run(extractor, text)
    assert_consistent(res)
    assert [(r.certainty, r.count.best) for r in res.reports] == [("feared", 40)]
    assert totals(res)["killed"] == (0, 0, 40)


def test_alleged_count_adds_to_best_and_high(extractor):
    text = "Strike claims\n\nThe coalition is investigating claims that an airstrike killed 12 civilians in the village."
    res = run(extractor, text)
    assert totals(res)["killed"] == (0, 12, 12)


@pytest.mark.parametrize(
    "text,killed",
    [
        # a cumulative figure beside a new incident: only the incident counts
        ("Offensive toll\n\nSince the start of the offensive, at least 900 civilians have been killed. "
         "On Tuesday, a mortar attack killed three civilians in the old city.", 3),
        # a weekly aggregate beside a new incident
        ("Week of violence\n\nMore than 120 people were killed in the past week across the province. "
         "On Friday, a car bomb killed eight people at a bus station.", 8),
        # a running total alone gives no total at all
        ("Year so far\n\nMore than 350 civilians have been killed so far this year, the monitor said.", 0),
    ],
)
def test_aggregate_and_cumulative_never_enter_totals(extractor, text, killed):
    res = run(extractor, text)
    assert_consistent(res)
    assert any(r.scope in ("aggregate", "cumulative") for r in res.reports)
    assert totals(res)["killed"] == (killed, killed, killed)


@pytest.mark.parametrize(
    "text,outcome,n",
    [
        # a pronoun and a death noun beside the verb of one sentence are the same death
        ("Driver dies\n\nThe coroner said he died from one bullet to the chest and called the case "
         "a homicide.", "killed", 1),
        # a named victim "killed along with" another "in a double homicide": two, not three
        ("Two men killed\n\nMario Lenz, 29, was killed along with Tom Ruiz, 20, in a double homicide "
         "on Elm Street.", "killed", 2),
        # a headline repeated inside one scraped sentence counts once
        ("Grandfather dies after robbery\n\nGrandfather dies after robbery | City Desk Home Grandfather "
         "dies after robbery | City Desk Home A video plays here.", "killed", 1),
        # an earlier event named to compare ("the deadliest since 2009, when …") is not this one
        ("Weekend shooting\n\nA man was shot dead on Friday. It was the deadliest weekend in the city "
         "since 2009, when 12 people were killed.", "killed", 1),
        # a running total counted "since" a dated event is cumulative
        ("Boy killed\n\nA boy was shot dead on Friday. Since the March 2012 rampage, at least 300 children "
         "have been killed by guns in the state.", "killed", 1),
        # "they" takes the count of the people named before it, also past the first sentence
        ("Brothers shot\n\nThe attack came before dawn on Sunday. Both brothers were rushed to a "
         "hospital, where they died hours later.", "killed", 2),
        # two different people killed in one sentence still add
        ("Two killed\n\nA man and a woman were killed in the shooting.", "killed", 2),
        # two people shot in one sentence, then "Both" in the next: two, not four
        ("Cyclists shot\n\nA cyclist was shot in the arm and his 31-year-old friend was shot in the knee. "
         "Both remain in serious condition.", "wounded", 2),
        # a stated two, then each of them named with a different group: still two
        ("Two hurt\n\nTwo neighbours were hurt on Tuesday night. The mother was shot in the arm and a "
         "lodger was shot in the foot. Both were rushed to the hospital.", "wounded", 2),
        # a headline naming one, a body naming both, a later sentence naming one again: two
        ("Woman, girl shot on the bridge\n\nOfficers said a 35-year-old woman and a 12-year-old girl were "
         "shot. The girl was shot in the hip and driven to the hospital.", "wounded", 2),
        # "A second victim" is one more; "The second victim" is one already counted
        ("Shooting\n\nInvestigators said one teenager was shot and badly wounded. A second victim was "
         "found near the river with a bullet wound in the hand.", "wounded", 2),
        # "That person" points back to the victim just found, in one scraped sentence
        ("Shooting\n\nDeputies located one victim with a bullet wound.That person was rushed to a "
         "hospital downtown.", "wounded", 1),
        # a clock time is not a count of people
        ("Shooting\n\nDeputies answered a call about a person shot around 2 a.m. on Sunday.", "wounded", 1),
    ],
)
def test_victims_told_again_count_once(extractor, text, outcome, n):
    res = run(extractor, text)
    assert_consistent(res)
    assert totals(res)[outcome][1] == n


def test_separate_attacks_add_up(extractor):
    text = ("Two attacks\n\nA roadside bomb killed two soldiers near Tikrit. "
            "In a separate attack, another soldier was killed by a sniper in Samarra.")
    res = run(extractor, text)
    assert_consistent(res)
    assert totals(res)["killed"] == (3, 3, 3)
    assert len(res.incidents) == 2


def test_explicit_zero(extractor):
    res = run(extractor, "School blast\n\nA bomb exploded near a school on Monday. No one was injured.")
    assert_consistent(res)
    assert [(r.outcome, r.count.best, r.certainty) for r in res.reports] == [("wounded", 0, "none")]
    assert totals(res) == {"killed": (0, 0, 0), "wounded": (0, 0, 0)}


def test_update_in_the_same_sentence_replaces(extractor):
    text = ("Market blast\n\nSeven people were killed in the blast on Monday. "
            "Two more died in hospital, raising the death toll to nine.")
    assert totals(run(extractor, text))["killed"] == (9, 9, 9)


def test_update_in_a_later_sentence_replaces(extractor):
    text = ("Toll rises\n\nThree people were killed when a bus hit a mine on Monday. "
            "The death toll later rose to five.")
    assert totals(run(extractor, text))["killed"] == (5, 5, 5)


# -- hand-built reports: the counting rules alone ------------------------------------------

SENT = 100  # characters per hand-built sentence


def rep(n: int, outcome: str, best: int, *, low: int | None = None, high: int | None = None, group: str = "civilian",
        scope: str = "incident", certainty: str = "reported", rules: tuple[str, ...] = (), text: str | None = None,
        sentence: str = "synthetic sentence", place: str | None = None, cause: str | None = None) -> Report:
    """A report in sentence ``n`` of a synthetic article (each sentence is SENT characters)."""
    s = n * SENT
    return Report(
        id=f"h#{n}{outcome[0]}", outcome=outcome,
        count=Count(best if low is None else low, best, best if high is None else high, text or str(best)),
        victims=Victims(group, None),
        evidence=Evidence(sentence, s + 10, s + 12, s, s + SENT - 1, ("test",) + rules),
        scope=scope, certainty=certainty, cause=cause, place=Place(name=place),
    )


ART = Article(id="h", text="x" * 2000)


@pytest.mark.parametrize(
    "certainty,expected",
    [
        ("reported", (5, 6, 8)),  # a reported count adds low, best and high
        ("alleged", (0, 6, 8)),  # an alleged count adds to best and high only
        ("feared", (0, 0, 8)),  # a feared count adds to high only
        ("denied", (0, 0, 0)),  # a denied count adds nothing
        ("none", (0, 0, 0)),  # an explicit zero adds nothing
    ],
)
def test_certainty_contributions(certainty, expected):
    res = summarise_article(ART, [rep(1, "killed", 6, low=5, high=8, certainty=certainty)])
    assert totals(res)["killed"] == expected


@pytest.mark.parametrize("scope", ["aggregate", "cumulative"])
def test_non_incident_scope_is_left_out(scope):
    res = summarise_article(ART, [rep(1, "killed", 40, scope=scope), rep(2, "killed", 3, place="Tikrit")])
    assert totals(res)["killed"] == (3, 3, 3)
    assert [r.incident for r in res.reports] == [None, "h/0"]
    assert res.checks == ()  # not a list heading: nothing to check against


def test_restatements_count_once_and_take_the_larger_figure():
    # the same victims said three times (headline, lead, body): max, not sum
    res = summarise_article(ART, [rep(0, "killed", 3), rep(2, "killed", 4), rep(5, "killed", 4)])
    assert totals(res)["killed"] == (4, 4, 4)
    assert len(res.incidents) == 1


def test_additive_words_add():
    # "another"/"one more" mark a figure as new
    res = summarise_article(ART, [rep(0, "killed", 3), rep(1, "killed", 1, text="another")])
    assert totals(res)["killed"] == (4, 4, 4)


def test_update_rule_replaces_the_earlier_figure():
    res = summarise_article(ART, [rep(0, "killed", 3), rep(1, "killed", 5, rules=("count:update",))])
    assert totals(res)["killed"] == (5, 5, 5)


def _placed(r: Report, name: str, lat: float, lon: float, rule: str = "place:clause") -> Report:
    return r.with_(place=Place(name=name, lat=lat, lon=lon, country="IQ", precision="town"),
                   evidence=replace(r.evidence, rules=r.evidence.rules + (rule,)))


def test_different_places_are_different_incidents():
    # each statement names its own town, 50 km apart: two events
    res = summarise_article(ART, [_placed(rep(0, "killed", 3), "Tikrit", 34.6, 43.68),
                                  _placed(rep(1, "killed", 4), "Samarra", 34.2, 43.87)])
    assert totals(res)["killed"] == (7, 7, 7)
    assert len(res.incidents) == 2


def test_a_borrowed_place_does_not_split_a_story():
    # the second statement only takes the paragraph's place: a restatement, counted once
    res = summarise_article(ART, [_placed(rep(0, "killed", 3), "Tikrit", 34.6, 43.68),
                                  _placed(rep(1, "killed", 3), "Samarra", 34.2, 43.87, rule="place:paragraph")])
    assert totals(res)["killed"] == (3, 3, 3)


@pytest.mark.parametrize("rules, killed", [
    # a street the gazetteer could not map, which fell back to the headline's far town: one story
    (("place:clause", "place:unresolved", "place:title"), 3),
    # the same fallback to the outlet's town or the article's main place
    (("place:clause", "place:unresolved", "place:outlet"), 3),
    (("place:clause", "place:unresolved", "place:article"), 3),
    # an unmapped name whose fallback is another place named in its own clause: its own place
    (("place:clause", "place:unresolved", "place:clause"), 6),
])
def test_a_place_fallen_back_to_does_not_split_a_story(rules, killed):
    second = rep(1, "killed", 3).with_(place=Place(name="Elm Street", lat=34.2, lon=43.87, country="IQ",
                                                   precision="town"))
    second = second.with_(evidence=replace(second.evidence, rules=second.evidence.rules + rules))
    res = summarise_article(ART, [_placed(rep(0, "killed", 3), "Tikrit", 34.6, 43.68), second])
    assert totals(res)["killed"][1] == killed


@pytest.mark.parametrize("sentence, killed", [
    # "pronounced dead at Temple University Hospital": the town found is the hospital's
    ("He was pronounced dead at Temple University Hospital.", 1),
    # "taken into custody in Temple": the town is the arrest's
    ("The man accused of killing him was taken into custody in Temple.", 1),
    # a sentence that names its own far place and nothing else is another event
    ("A second man was killed in Temple.", 2),
])
def test_a_hospital_or_arrest_place_does_not_split_a_story(sentence, killed):
    far = rep(1, "killed", 1, sentence=sentence)
    res = summarise_article(ART, [_placed(rep(0, "killed", 1), "Tikrit", 34.6, 43.68),
                                  _placed(far, "Temple", 31.1, -97.3)])
    assert totals(res)["killed"][1] == killed


def _dated(r: Report, day: date, rule: str) -> Report:
    return r.with_(date=DateRange(day, day, "day", None),
                   evidence=replace(r.evidence, rules=r.evidence.rules + (rule,)))


@pytest.mark.parametrize(
    "second,rule,killed",
    [
        # a report dated only by the publication day may tell of the Saturday before it
        (date(2016, 1, 5), "date:published", 1),
        # two days said in words that differ are two events
        (date(2016, 1, 5), "date:weekday", 2),
        # a publication day before the other's day cannot be the same event's
        (date(2016, 1, 1), "date:published", 2),
    ],
)
def test_a_publication_date_is_an_upper_bound(second, rule, killed):
    first = _dated(rep(0, "killed", 1), date(2016, 1, 2), "date:weekday")
    res = summarise_article(ART, [first, _dated(rep(1, "killed", 1), second, rule)])
    assert totals(res)["killed"][1] == killed


@pytest.mark.parametrize("beside, arrested, incidents", [
    (True, date(2016, 3, 2), 1),  # arrested in March for the January killing, told in one sentence: one story
    (False, date(2016, 3, 2), 2),  # an arrest told alone in March: its own event, the killing another
    (True, date(2015, 12, 20), 2),  # an arrest before the killing cannot be for it
])
def test_an_arrests_later_day_does_not_split_the_story(beside, arrested, incidents):
    killing = _dated(rep(0, "killed", 1), date(2016, 1, 9), "date:explicit")
    arrest = _dated(rep(1, "detained", 1), arrested, "date:weekday")
    told = [arrest, _dated(rep(1, "killed", 1), date(2016, 3, 3), "date:published")] if beside else [arrest]
    res = summarise_article(ART, [killing, *told])
    assert len(res.incidents) == incidents
    if incidents == 1:
        assert totals(res)["killed"][1] == 1  # the killing told twice is one death


def test_a_neighbourhood_and_its_city_can_be_one_event():
    # a district 3 km from the city centre is within the same-place distance
    res = summarise_article(ART, [_placed(rep(0, "killed", 3), "Mosul", 36.34, 43.13),
                                  _placed(rep(1, "killed", 3), "Zanjili", 36.35, 43.10)])
    assert totals(res)["killed"] == (3, 3, 3)


def test_incompatible_causes_are_different_incidents():
    res = summarise_article(ART, [rep(0, "killed", 2, cause="airstrike"), rep(1, "killed", 2, cause="ied")])
    assert totals(res)["killed"] == (4, 4, 4)


def test_same_sentence_reports_add():
    # "three soldiers were killed and seven civilians were killed" in one sentence
    a = rep(1, "killed", 3, group="security_forces")
    b = rep(1, "killed", 7)
    b = b.with_(id="h#1k2", evidence=Evidence("s", 150, 151, 100, 199, ("test",)))
    res = summarise_article(ART, [a, b])
    assert totals(res)["killed"] == (10, 10, 10)
    assert len(res.incidents) == 1
    assert {(v.group, v.best) for v in res.incidents[0].victims} == {("security_forces", 3), ("civilian", 7)}


def test_soft_hit_counts_as_wounded_unless_killed():
    # "Three men were shot" + "one of them died": 1 killed, the other 2 hit are wounded
    shot = rep(0, "wounded", 3, rules=("outcome:hit-unspecified",))
    died = rep(1, "killed", 1)
    res = summarise_article(ART, [shot, died])
    assert totals(res) == {"killed": (1, 1, 1), "wounded": (2, 2, 2)}


def test_heading_check_uses_the_itemised_range():
    # a stated 10 inside the itemised range 8..12 is a match
    head = rep(0, "killed", 10, scope="aggregate", rules=("scope:list-heading",))
    items = [rep(1, "killed", 4, place="A"), rep(2, "killed", 4, high=8, place="B", cause="airstrike")]
    res = summarise_article(ART, [head] + items)
    assert checks(res) == {"killed": ("match", 10, 8)}
    (c,) = res.checks
    assert c.itemised["killed"] == {"low": 8, "best": 8, "high": 12}
    assert c.reports == ("h#0k", "h/0", "h/1")


def test_empty_article():
    res = summarise_article(ART, [])
    assert res.incidents == () and res.checks == ()
    assert totals(res) == {"killed": (0, 0, 0), "wounded": (0, 0, 0)}


def test_result_round_trips_through_json():
    res = summarise_article(ART, [rep(0, "killed", 3, place="Tikrit"), rep(1, "wounded", 2, place="Tikrit")])
    back = ArticleResult.from_dict(res.to_dict(), text=ART.text)
    assert back.to_dict() == res.to_dict()


def test_an_incident_takes_a_stated_day_over_the_publication_day():
    # the headline has only the publication day; the body says Saturday: the incident is Saturday's
    first = _dated(rep(0, "killed", 1), date(2016, 1, 5), "date:published")
    second = _dated(rep(1, "killed", 1), date(2016, 1, 2), "date:weekday")
    res = summarise_article(ART, [first, second])
    assert [inc.date.start for inc in res.incidents] == [date(2016, 1, 2)]


def test_an_incident_takes_a_casualty_day_over_an_arrest_day():
    # "a man was arrested Tuesday" names the arrest's day; the shooting's own day dates the incident
    killing = _dated(rep(1, "killed", 1), date(2016, 1, 2), "date:weekday")
    arrest = _dated(rep(1, "detained", 1), date(2016, 1, 5), "date:weekday")  # told in the same sentence
    res = summarise_article(ART, [arrest, killing])
    assert [inc.date.start for inc in res.incidents] == [date(2016, 1, 2)]


def _acted(outcome: str, actor: str | None, seq: int = 0) -> Report:
    """A report of ``outcome`` whose actor is ``actor`` (None: no actor named)."""
    sentence = "A made-up sentence for the actor table."
    return Report(id=f"p#{seq}", outcome=outcome, count=Count(1, 1, 1, "1"), victims=Victims("civilian"),
                  evidence=Evidence(sentence, 0, 1, 0, len(sentence), ("test",)),
                  perpetrator=Actor(actor, actor) if actor else None, incident="p/0")


@pytest.mark.parametrize("reports, actor", [
    ((("killed", None), ("detained", "police")), None),  # police arrested the suspect: not who killed
    ((("detained", "police"), ("killed", "gunmen (unnamed)")), "gunmen (unnamed)"),  # the killer, though told second
    ((("detained", "iraqi_security_forces"),), "iraqi_security_forces"),  # a detention alone: its own actor
    ((("kidnapped", "islamic_state"), ("freed", "iraqi_army")), "islamic_state"),  # the abductors, not the rescuers
    ((("wounded", None), ("freed", None)), None),  # nobody named at all
])
def test_the_perpetrator_is_the_actor_of_a_harm(reports, actor):
    found = perpetrator_of([_acted(o, a, n) for n, (o, a) in enumerate(reports)])
    assert (found.name if found else None) == actor
