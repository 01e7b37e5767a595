"""Dates: every expression kind against a publication date, and without one."""

from __future__ import annotations

from datetime import date

import pytest

from deathtoll.resolve import resolve_dates
from deathtoll.resolve.dates import find_dates

try:
    from test_resolve_common import article, report_at
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import article, report_at

PUB = date(2017, 3, 24)  # a Friday


def _one(text: str, published=PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text,start,end,precision,rule",
    [
        ("Two men were shot on Friday.", "2017-03-24", "2017-03-24", "day", "weekday"),  # publication day counts
        ("A bomb went off on Tuesday.", "2017-03-21", "2017-03-21", "day", "weekday"),  # most recent Tuesday
        ("Gunmen struck last Friday.", "2017-03-17", "2017-03-17", "day", "weekday"),  # "last" excludes today
        ("Shelling resumed Sunday morning.", "2017-03-19", "2017-03-19", "day", "weekday"),  # weekday + part of day
        ("He died yesterday.", "2017-03-23", "2017-03-23", "day", "relative"),  # yesterday
        ("The blast happened last night.", "2017-03-23", "2017-03-24", "day", "relative"),  # the night before
        ("Fighting flared today.", "2017-03-24", "2017-03-24", "day", "relative"),  # today
        ("Aid agencies counted the dead last week.", "2017-03-13", "2017-03-19", "week", "relative"),  # previous Mon-Sun
        ("In the past week the toll rose.", "2017-03-17", "2017-03-24", "week", "relative"),  # last seven days
        ("It happened two days ago.", "2017-03-22", "2017-03-22", "day", "relative"),  # N days ago
        ("Raids began earlier this month.", "2017-03-01", "2017-03-24", "month", "relative"),  # month so far
        ("Raids began last month.", "2017-02-01", "2017-02-28", "month", "relative"),  # previous month
        ("Families fled since mid-February.", "2017-02-15", "2017-03-24", "month", "since"),  # cumulative start
        ("Strikes killed many since 2014.", "2014-01-01", "2017-03-24", "year", "since"),  # since a year
        ("The March 17 strike was investigated.", "2017-03-17", "2017-03-17", "day", "explicit"),  # month day
        ("On 17 March 2016 a car bomb exploded.", "2016-03-17", "2016-03-17", "day", "explicit"),  # day month year
        ("The raid on Dec. 30 was deadly.", "2016-12-30", "2016-12-30", "day", "explicit"),  # no year: the last Dec 30
        ("03/17/2017: a bomb hit a market.", "2017-03-17", "2017-03-17", "day", "explicit"),  # numeric lead
        ("Clashes in January 2017 left dozens dead.", "2017-01-01", "2017-01-31", "month", "explicit"),  # month year
        ("Strikes between November 2016 and March 2017 hit homes.", "2016-11-01", "2017-03-31", "month", "period"),  # span
        ("A man was shot on Christmas Day.", "2016-12-25", "2016-12-25", "day", "holiday"),  # the last one before
        ("The New Year's Eve party ended in gunfire.", "2016-12-31", "2016-12-31", "day", "holiday"),  # fixed day
        ("Two died in the Thanksgiving shooting.", "2016-11-24", "2016-11-24", "day", "holiday"),  # 4th Thursday
        ("An Easter Sunday attack hit a park.", "2016-03-27", "2016-03-27", "day", "holiday"),  # Easter of that year
        ("Two were hurt on Valentine's Day.", "2017-02-14", "2017-02-14", "day", "holiday"),  # this year's
    ],
)
def test_date_expressions(text, start, end, precision, rule):
    d = _one(text)
    assert (d.range.start.isoformat(), d.range.end.isoformat(), d.range.precision, d.rule) == (
        start, end, precision, f"date:{rule}")
    assert d.range.text == d.text and d.text in text


@pytest.mark.parametrize(
    "text,published,start,end",
    [
        ("Two were shot at a Halloween party.", date(2016, 10, 30), "2016-10-29", "2016-10-30"),  # the eve: this year's
        ("Two were shot at a Halloween party.", date(2016, 10, 31), "2016-10-31", "2016-10-31"),  # the day itself
        ("Two were shot at a Halloween party.", date(2016, 10, 20), "2015-10-31", "2015-10-31"),  # weeks before: last year's
        ("A gunman fired at a Christmas Eve vigil.", date(2016, 12, 22), "2016-12-21", "2016-12-22"),  # two days before
    ],
)
def test_a_holiday_just_after_publication_names_the_coming_one(text, published, start, end):
    d = _one(text, published)
    assert (d.range.start.isoformat(), d.range.end.isoformat(), d.range.precision) == (start, end, "day")


@pytest.mark.parametrize(
    "text,words",
    [
        ("Two men were shot on Friday.", "on Friday"),  # weekday needs a publication date
        ("Aid agencies counted the dead last week.", "last week"),  # so does last week
        ("The March 17 strike was investigated.", "March 17"),  # and a date without a year
    ],
)
def test_without_publication_date_relative_words_stay_unresolved(text, words):
    d = _one(text, published=None)
    assert (d.range.start, d.range.end, d.range.precision, d.range.text) == (None, None, "unknown", words)


def test_without_publication_date_a_year_still_resolves():
    d = _one("Strikes killed many since 2014.", published=None)
    assert (d.range.start, d.range.end, d.range.precision) == (date(2014, 1, 1), None, "year")


@pytest.mark.parametrize(
    "text",
    [
        "The number may be higher.",  # "may" is a verb
        "Protesters began to march on the palace.",  # "march" is a verb
        "He was shot 17 times.",  # a count, not a day
    ],
)
def test_words_that_are_not_dates(text):
    assert find_dates(text, PUB) == []


def test_report_takes_the_date_of_its_sentence_then_paragraph_then_publication():
    text = ("On Tuesday gunmen attacked a checkpoint. Four guards died.\n\n"
            "A mortar round wounded two children.\n\n"
            "Officials said nine people were hurt last week.")
    art = article(text, PUB)
    reps = [report_at(text, "Four", rid="a#0"), report_at(text, "two children", rid="a#1"),
            report_at(text, "nine", rid="a#2")]
    got = resolve_dates(art, reps)
    assert got[0].date.start == date(2017, 3, 21)
    assert got[0].evidence.rules[-2:] == ("date:weekday", "date:paragraph")
    assert (got[1].date.start, got[1].date.precision, got[1].evidence.rules[-1]) == (PUB, "day", "date:published")
    assert (got[2].date.start, got[2].date.end, got[2].date.text) == (date(2017, 3, 13), date(2017, 3, 19), "last week")


def test_report_without_any_date_and_no_publication_is_unknown():
    text = "A mortar round wounded two children."
    got = resolve_dates(article(text, None), [report_at(text, "two")])[0]
    assert (got.date.start, got.date.precision, got.evidence.rules[-1]) == (None, "unknown", "date:none")


def test_report_keeps_unresolved_words_and_says_so():
    text = "On Friday a bomb killed three shoppers."
    got = resolve_dates(article(text, None), [report_at(text, "three")])[0]
    assert (got.date.text, got.date.precision) == ("On Friday", "unknown")
    assert got.evidence.rules[-2:] == ("date:weekday", "date:unresolved")


@pytest.mark.parametrize(
    "text,role",
    [
        ("Two men were shot Tuesday, police said.", "event"),  # the verb after a comma is not the date's
        ("Police said Thursday that two men were shot.", "statement"),  # said + day: the statement's day
        ("Officials on Monday said a car bomb hit the market.", "statement"),  # the verb right after the day
        ("He entered a plea Wednesday to the charges.", "statement"),  # a step in court
        ("The boy remained in critical condition Sunday night.", "statement"),  # a state of health, later
        ("A man was arrested early Tuesday near the market.", "statement"),  # an arrest (see detained below)
        ("Posted: Monday, March 20, 2017 10:00 AM", "stamp"),  # the page's own date
        ("RIVERTON (March 20, 2017) - A boy was wounded.", "stamp"),  # a date alone in parentheses
        ("A mortar round hit the market on Tuesday.", "event"),  # must not change
        ("A teenager died Saturday at a hospital.", "death"),  # the day of a death
        ("The girl died at the hospital early Monday, police said.", "death"),  # place words between
        ("A boy died after a shooting Friday night.", "event"),  # the shooting's day: must not change
        ("A woman died at the scene Tuesday.", "event"),  # died on the spot: the incident's day
        ("Detectives charged a man with murder Thursday.", "statement"),  # an aftermath verb a few words back
        ("Bond was set Friday for the neighbour.", "statement"),  # a court step
        ("The family spoke to reporters at the station Tuesday morning.", "statement"),  # an interview
        ("Police said a man was shot Tuesday in the park.", "event"),  # the shot is nearer: must not change
        ("Officers arrested a man who shot two people Monday.", "event"),  # the shooting is nearer
        ("As of Sunday night, one man remained in hospital.", "statement"),  # a state at a time
    ],
)
def test_date_roles(text, role):
    assert _one(text).role == role


def test_a_death_word_before_an_earlier_date_is_that_dates():
    # "died Saturday" is the death; the wound "suffered on Friday" is the incident
    found = find_dates("A girl died Saturday of a wound she got on Friday.", PUB)
    assert [(d.text, d.role) for d in found] == [("Saturday", "death"), ("on Friday", "event")]


@pytest.mark.parametrize(
    "text,start,end,night",
    [
        ("Two men were shot early Sunday outside a bar.", "2017-03-18", "2017-03-19", -1),  # the night before
        ("A man was shot early Sunday morning.", "2017-03-18", "2017-03-19", -1),  # early … morning too
        ("Shots were fired at about 1:30 a.m. on March 19.", "2017-03-18", "2017-03-19", -1),  # a small-hours time
        ("The call came just after midnight Thursday.", "2017-03-22", "2017-03-23", -1),  # midnight before the day
        ("A man was shot Sunday at about 2:15 a.m.", "2017-03-18", "2017-03-19", -1),  # the time after the day
        ("Four were shot late Saturday night.", "2017-03-18", "2017-03-19", 1),  # may be filed under the next day
        ("Shelling resumed Sunday night.", "2017-03-19", "2017-03-20", 1),  # a night runs into the next day
        ("Two were shot Thursday night.", "2017-03-23", "2017-03-24", 1),  # the next day is publication: kept
        ("Two were shot Friday night.", "2017-03-24", "2017-03-24", 0),  # never past publication
        ("A woman was hurt late Wednesday.", "2017-03-22", "2017-03-23", 1),  # late in the day
        ("Shots rang out around 11:30 p.m. Wednesday.", "2017-03-22", "2017-03-23", 1),  # a late-evening time
        ("A man was shot Sunday afternoon.", "2017-03-19", "2017-03-19", 0),  # the afternoon: must not change
        ("A man was shot at 11 a.m. Sunday.", "2017-03-19", "2017-03-19", 0),  # a morning hour: must not change
    ],
)
def test_night_covers_both_days(text, start, end, night):
    d = _one(text)
    assert (d.range.start.isoformat(), d.range.end.isoformat(), d.night) == (start, end, night)


def test_a_report_of_a_night_says_so():
    text = "Two men were shot early Sunday outside a bar."
    got = resolve_dates(article(text, PUB), [report_at(text, "Two")])[0]
    assert (got.date.start, got.date.end) == (date(2017, 3, 18), date(2017, 3, 19))
    assert got.evidence.rules[-2:] == ("date:weekday", "date:night")


def test_a_death_day_is_no_report_date():
    text = "A teenager died Monday at the hospital, two days after he was shot on Saturday."
    got = resolve_dates(article(text, PUB), [report_at(text, "teenager")])[0]
    # the shooting's day, not the death's
    assert got.date.start == date(2017, 3, 18)


def test_a_statement_day_is_no_report_date():
    text = ("Police said Thursday that two men were shot near the bridge.\n\n"
            "A man was arrested on Tuesday, police said.")
    art = article(text, PUB)
    reps = [report_at(text, "two men", rid="a#0"),
            report_at(text, "A man", rid="a#1", outcome="detained"),
            report_at(text, "A man", rid="a#2", outcome="killed")]
    got = resolve_dates(art, reps)
    # the shooting has no day of its own: the publication day, as an upper bound
    assert (got[0].date.start, got[0].evidence.rules[-1]) == (PUB, "date:published")
    # a detention's day is the arrest's day
    assert (got[1].date.start, got[1].evidence.rules[-1]) == (date(2017, 3, 21), "date:weekday")
    assert got[2].evidence.rules[-1] == "date:published"
