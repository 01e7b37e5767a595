"""How linking dates an article incident: years, own-day steps, nights, holidays and far-apart clusters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.blocking import followup_gap
from deathtoll.link.clusters import Clusters, join
from deathtoll.link.features import features_of
from deathtoll.link.items import LinkOptions

from test_link_across_helpers import DAY, item, one, partition, report

BLAST = "A car bomb tore through the Nabi Younis market in Mosul, killing 6 civilians, Salem Ahmed said."
TRIAL = "The trial opened of the man who set off the Nabi Younis market car bomb that killed 6 civilians."
RECALLED = "Relatives remembered the 6 civilians killed by a car bomb at the Nabi Younis market."
PLAIN = "The 6 civilians lost their lives when a car bomb went off at the Nabi Younis market."


def event(day: date = DAY, **fields):
    """The market bombing, told on its day."""
    return one("ev", BLAST, 6, source="Tigris Wire", day=day, published=day, **fields)


def year_told(sentence: str, year: int, published: date, *, place: str = "mosul"):
    """An article published on ``published`` whose only date is the year ``year`` ("last year", "in 2015")."""
    return one("yr", sentence, 6, source="Nineveh Post", place=place, day=date(year, 1, 1), end=date(year, 12, 31),
               precision="year", published=published, rules=("date:explicit",))


@pytest.mark.parametrize("year, published, reach", [
    (2017, date(2017, 11, 20), (0, 323)),  # "this year": from publication back to its first day
    (2016, date(2017, 5, 2), (122, 487)),  # "last year": from its last day back to its first
    (2012, date(2017, 5, 2), (0, 0)),  # a year long past: a story recalled, the publication alone bounds the event
])
def test_a_year_is_an_upper_bound_reaching_back_to_its_first_day(year, published, reach):
    f = features_of(0, year_told(RECALLED, year, published), LinkOptions())
    assert f.date_known and f.bounded
    assert f.start == f.end == published.toordinal()
    assert f.reach == reach


@pytest.mark.parametrize("sentence, year, published, gap", [
    (PLAIN, 2017, date(2017, 11, 20), 261),  # "this year" at the same place: 261 days back lie in the year
    (PLAIN, 2016, date(2017, 11, 20), None),  # a year before the event's: it cannot be this one
    (PLAIN, 2017, date(2018, 12, 20), 656),  # "last year", more than a year back: still in that year
    (TRIAL, 2012, date(2018, 11, 20), 626),  # a past year recalled: the trial's own reach (two years) decides
    (PLAIN, 2012, date(2017, 4, 1), 28),  # … and the month a bare publication date reaches
    (PLAIN, 2012, date(2017, 4, 20), None),  # not further
])
def test_year_dated_follow_ups_meet_the_event_within_their_reach(sentence, year, published, gap):
    opts = LinkOptions()
    fe = features_of(0, event(), opts)
    fy = features_of(1, year_told(sentence, year, published), opts)
    assert followup_gap(fy, fe, opts) == gap


def test_a_trial_a_year_later_dated_only_by_last_year_links_to_the_event():
    trial = year_told(TRIAL, 2017, date(2018, 2, 12))
    assert partition(link_incidents([event(), trial])) == {frozenset({"ev/0", "yr/0"})}
    kirkuk = year_told(TRIAL.replace("Mosul", "Kirkuk"), 2017, date(2018, 2, 12), place="kirkuk")
    assert len(partition(link_incidents([event(), kirkuk]))) == 2  # another town: never compared


ARREST = "Police detained 2 brothers over the Nabi Younis market car bomb on Tuesday."
TOLD = "The car bomb at the Nabi Younis market killed 6 civilians."


@pytest.mark.parametrize("outcomes, bounded, days_back", [
    (("detained", "killed"), True, 0),  # the arrest's day is its own: the deaths carry only the publication day
    (("freed", "killed"), True, 0),  # so is a release's
    (("detained",), False, 2),  # an arrest alone: its day is all the item has
    (("killed", "killed"), False, 2),  # a day the deaths' sentence states is the event's
])
def test_an_arrests_own_day_does_not_date_the_event(outcomes, bounded, days_back):
    when = DAY + timedelta(days=20)
    first = report("ar", 0, ARREST, 2, outcome=outcomes[0], day=when - timedelta(days=2), rules=("date:weekday",))
    rest = [report("ar", n, TOLD, 6, outcome=o, day=when, rules=("date:published",))
            for n, o in enumerate(outcomes[1:], start=1)]
    f = features_of(0, item([first, *rest], published=when), LinkOptions())
    assert f.bounded is bounded
    assert f.end == (when - timedelta(days=days_back)).toordinal()


SHOT = "A gunman shot 3 shepherds at the Hassan Dagher farm outside Mosul."
CHARGED = "A farmer was charged with shooting 3 shepherds at the Hassan Dagher farm."


@pytest.mark.parametrize("place, days, linked", [
    ("gogjali", 20, True),  # the charge names a village 8.5 km away: near, a follow-up there
    ("bab_al_tob", 20, True),  # a quarter of the town: inside
    ("tal_afar", 20, False),  # 60 km away: another place
])
def test_a_follow_up_at_a_nearby_place_is_compared(place, days, linked):
    ev = one("ev", SHOT, 3, source="Tigris Wire", cause="gunfire")
    when = DAY + timedelta(days=days)
    fu = one("fu", CHARGED, 3, source="Nineveh Post", cause="gunfire", place=place, day=when, published=when,
             rules=("date:published",))
    assert (partition(link_incidents([ev, fu])) == {frozenset({"ev/0", "fu/0"})}) is linked


@pytest.mark.parametrize("title, start, end, bounded", [
    ("Arrest made in Mosul farm shooting", -1, 0, True),  # a night ending on the publication day, headline's words
    ("Arrest made in Mosul farm shooting", -2, -1, True),  # the night before, headline's words
    ("Shepherds shot at Mosul farm", -1, 0, False),  # no headline words: the night is the event's
    ("Arrest made in Mosul farm shooting", -9, -8, False),  # more than a week before publication: the event's
])
def test_a_night_dated_follow_up_is_an_upper_bound_when_its_headline_tells_it(title, start, end, bounded):
    when = DAY + timedelta(days=30)
    rep = report("fu", 0, "Police charged a man on Thursday night with shooting 3 shepherds.", 3, cause="gunfire",
                 day=when + timedelta(days=start), end=when + timedelta(days=end), rules=("date:weekday", "date:night"))
    f = features_of(0, item([rep], published=when, title=title), LinkOptions())
    assert f.bounded is bounded


def test_a_cluster_that_spans_two_towns_takes_a_member_of_either():
    opts = LinkOptions()
    far = [one("a", SHOT, 3, place="mosul"), one("b", SHOT, 3, place="tal_afar"),
           one("c", SHOT, 3, place="mosul"), one("d", SHOT, 3, place="tal_afar")]
    feats = [features_of(i, it, opts) for i, it in enumerate(far)]
    clusters = Clusters(feats, opts)
    assert clusters.union(0, 1) == "places too far apart"  # Mosul and Tal Afar, 60 km apart: refused
    assert clusters.union(0, 1, guarded=False) is None  # joined anyway (a text naming both, say)
    assert clusters.union(0, 2) is None  # Mosul into a cluster already holding Mosul beside Tal Afar
    assert clusters.union(3, 0) is None  # Tal Afar likewise


def test_a_junk_place_joined_by_its_text_does_not_chain_two_sure_towns():
    # "c" carries an unsure place (no GeoNames id) that its text overruled twice: joined to
    # Mosul, then to Tal Afar, 60 km away; the sure places still witness against each other
    opts = LinkOptions()
    its = [one("a", SHOT, 3, place="mosul"), one("b", SHOT, 3, place="tal_afar"), one("c", SHOT, 3, place="hamdaniya")]
    feats = [features_of(i, it, opts) for i, it in enumerate(its)]
    assert [f.place_unsure for f in feats] == [False, False, True]
    clusters = Clusters(feats, opts)
    assert join(clusters, feats, 2, 0, "mentioned") is None
    assert (feats[0].place_doubtful, feats[2].place_doubtful) == (False, True)
    assert join(clusters, feats, 2, 1, "mentioned") == "places too far apart"
    # two sure places joined by text are both overruled, as before
    feats = [features_of(i, it, opts) for i, it in enumerate(its)]
    clusters = Clusters(feats, opts)
    assert join(clusters, feats, 0, 1, "mentioned") is None
    assert feats[0].place_doubtful and feats[1].place_doubtful
