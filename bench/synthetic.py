"""Synthetic link items for the speed benchmark (``bench/linking.py --synthetic N``).

Two generators, both of about ``N`` reports, one report per article incident
(so ``N`` reports are ``N`` items to link, the harder reading of "N reports"):

- :func:`plain_items` (``--generator plain``, the generator up to session 10):
  every report placed in a town with its GeoNames id and dated to a day, 15%
  undated; no titles, no follow-ups;
- :func:`mixed_items` (``--generator mixed``, the default): the mix of the
  GVA dev set as the pipeline reads it (``bench/out/gva_pipeline.jsonl``:
  1,586 article incidents), in a conflict's places: about half the items
  dated only by their publication (the resolver's ``date:published``: an
  upper bound, so they are followed back up to a month, or a year when
  they have a follow-up's words, as 45% do): a quarter of the items tell an
  event again days to months later (funerals, arrests, a risen toll, a few
  trials), and a quarter of the first tellings name the dead; 4% weeks and
  months, 2% years, 2% undated; places at several precisions (84% towns, 11% districts, 1%
  quarters, 1% provinces, under 1% the country, 2.5% none), a quarter of the
  town items placed from the headline (``place:title``: unsure, so compared
  across their province too); titles with the outlet's branding, and one
  text in ten naming another town.

Both spread events over 400 towns with Zipf weights (the busiest town gets
15% of them, as a capital city does in a national conflict) and over a span
of time that grows with the corpus (three years at 100,000 reports), as a
real database grows by adding days.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from deathtoll.link.items import LinkItem
from deathtoll.model import Count, DateRange, Evidence, Incident, Place, Report, Victims, VictimTally

__all__ = ["plain_items", "mixed_items", "GENERATORS"]

_WORDS = ("market checkpoint convoy mosque school bakery bridge hospital station village road farm camp "
          "district square tower gate office shop bus truck patrol crossing hill river").split()
_CAUSES = ("vbied", "ied", "gunfire", "airstrike", "shelling", "sniper", "clashes", "mortar")
_OUTLETS = [f"Outlet {i}" for i in range(60)]
_START = date(2016, 1, 1)


def _towns(rng: random.Random) -> list[Place]:
    return [Place(f"Town{i}", 10_000 + i, 30 + rng.random() * 8, 38 + rng.random() * 10, f"Prov{i % 18}", "IQ",
                  "town") for i in range(400)]


def _item(aid: str, sent: str, n: int, cause: str, place: Place, when: DateRange, source: str, published: date,
          rules: tuple[str, ...] = (), title: str | None = None, reports: int = 1) -> LinkItem:
    """One article incident of ``reports`` reports: the killed, then the wounded and restatements in turn."""
    reps = []
    for k in range(reports):
        outcome = "wounded" if k % 2 else "killed"  # the GVA mix: about as many reports of each
        start = k * (len(sent) + 1)
        reps.append(Report(f"{aid}#{k}", outcome, Count.exact(n if outcome == "killed" else n + 1), Victims("unknown"),
                           Evidence(sent, start, start + 2, start, start + len(sent), rules),
                           cause=cause, place=place, date=when, incident=f"{aid}/0"))
    tally = [VictimTally("unknown", "killed", n, n, n)] + ([VictimTally("unknown", "wounded", n + 1, n + 1, n + 1)]
                                                            if reports > 1 else [])
    inc = Incident(f"{aid}/0", place, when, cause, None, tuple(tally), tuple(r.id for r in reps))
    return LinkItem(inc, tuple(reps), source, published, title=title)


#: reports per article incident on the GVA dev set as the pipeline reads it (1,576 article incidents,
#: 6,749 reports: 4.3 each; 1 for 22%, 12 or more for 4%), as (reports, weight)
GVA_REPORTS = ((1, 353), (2, 244), (3, 249), (4, 196), (5, 137), (6, 135), (7, 71), (8, 44), (9, 30), (10, 29),
               (11, 24), (14, 64))


def _events(rng: random.Random, towns: list[Place],
            n_reports: int) -> Iterator[tuple[Place, date, str, int, list[str]]]:
    """Events without end: a town (Zipf over ``towns``), a day in a span that grows with the corpus
    (three years at 100,000 reports), a cause, a toll and four words of the scene."""
    weights = [1 / (k + 1) for k in range(len(towns))]
    span = max(1, round(3 * 365 * n_reports / 100_000))
    while True:
        town = rng.choices(towns, weights)[0]
        day = _START + timedelta(days=rng.randrange(span))
        yield town, day, rng.choice(_CAUSES), rng.randint(1, 30), rng.sample(_WORDS, 4)


def plain_items(n_reports: int, seed: int = 7) -> list[LinkItem]:
    """About ``n_reports`` reports of events told by 1-4 outlets each, all in towns, 85% dated to the day."""
    rng = random.Random(seed)
    towns = _towns(rng)
    events = _events(rng, towns, n_reports)
    items: list[LinkItem] = []
    ev = 0
    while len(items) < n_reports:
        ev += 1
        town, day, cause, n, words = next(events)
        for k in range(rng.choice((1, 1, 2, 2, 3, 4))):
            reported = max(1, n + rng.randint(-2, 2))
            sent = (f"{reported} people were killed by {cause} near the {words[0]} {words[1]} in {town.name}, "
                    f"said {rng.choice(_OUTLETS)} about the {words[2]} and {words[3]}.")
            when = DateRange(day, day, "day") if rng.random() < 0.85 else DateRange()
            items.append(_item(f"s{ev}-{k}", sent, reported, cause, town, when, rng.choice(_OUTLETS),
                               day + timedelta(days=rng.randint(0, 2))))
    return items


_FOLLOW = ("Mourners buried the {n} people killed in the {cause} attack on the {w0} in {town} last month, "
           "relatives said.",
           "Police arrested two men suspected of the {cause} attack near the {w0} {w1} in {town}.",
           "The death toll from the {cause} attack on the {w0} in {town} rose to {n}, hospital sources said.",
           "The victims of the {cause} attack near the {w0} in {town} were identified by their families.")
_COURT = "A court sentenced a man to death over the {cause} attack near the {w0} {w1} in {town} that killed {n}."
_TITLES = ("{n} killed in {cause} attack in {town}", "{cause} attack kills {n} near {town} {w0}",
           "{town}: {n} dead after {cause} strike on {w0}")


def _place(rng: random.Random, town: Place) -> tuple[Place, tuple[str, ...]]:
    """The place one outlet gives, and the resolver's place rule for it."""
    r = rng.random()
    if r < 0.11:
        return Place(f"{town.name} District", 20_000 + (town.geonames_id or 0), round(town.lat + 0.05, 3),  # type: ignore
                     round(town.lon + 0.05, 3), town.admin1, "IQ", "district"), ("place:clause",)  # type: ignore
    if r < 0.12:
        return Place(f"Quarter {rng.randrange(6)} of {town.name}", None, round(town.lat + 0.01, 3),  # type: ignore
                     round(town.lon - 0.01, 3), town.admin1, "IQ", "neighbourhood"), ("place:clause",)  # type: ignore
    if r < 0.13:
        return Place(town.admin1, None, None, None, town.admin1, "IQ", "province"), ("place:paragraph",)
    if r < 0.135:
        return Place("Iraq", None, None, None, None, "IQ", "country"), ("place:article",)
    if r < 0.16:
        return Place(), ("place:none",)
    return town, ("place:title",) if rng.random() < 0.25 else ("place:clause",)


def _when(rng: random.Random, day: date, published: date) -> tuple[DateRange, tuple[str, ...]]:
    """The date one outlet's words give (or the publication day), and the resolver's date rule."""
    r = rng.random()
    if r < 0.37:
        return DateRange(published, published, "day"), ("date:published",)
    if r < 0.385:
        monday = day - timedelta(days=day.weekday())
        return DateRange(monday, monday + timedelta(days=6), "week"), ("date:relative",)
    if r < 0.415:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return DateRange(first, last, "month"), ("date:relative",)
    if r < 0.435:
        return DateRange(date(day.year, 1, 1), date(day.year, 12, 31), "year"), ("date:relative",)
    if r < 0.455:
        return DateRange(), ()
    return DateRange(day, day, "day"), ("date:weekday",)


def mixed_items(n_reports: int, seed: int = 7, per_item: str = "one") -> list[LinkItem]:
    """About ``n_reports`` reports with the GVA dev set's mix of dates, places and follow-ups (see the module).

    ``per_item="one"``: each report is its own article incident (the harder reading: ``n_reports``
    items to link); ``"gva"``: article incidents hold 4.3 reports on average, as on the GVA dev set
    (:data:`GVA_REPORTS`), so ``n_reports`` reports are about ``n_reports / 4.3`` items.
    """
    rng = random.Random(seed)
    sizes, weights_r = zip(*GVA_REPORTS)
    told = 0
    towns = _towns(rng)
    events = _events(rng, towns, n_reports)
    items: list[LinkItem] = []
    ev = 0
    while told < n_reports:
        ev += 1
        town, day, cause, n, w = next(events)
        fill = {"cause": cause, "town": town.name, "w0": w[0], "w1": w[1]}
        tellings = rng.choice((1, 1, 2, 2, 3, 4))
        followups = rng.choice((0, 0, 0, 1, 1, 2))
        for k in range(tellings + followups):
            source = rng.choice(_OUTLETS)
            reported = max(1, n + rng.randint(-2, 2))
            place, place_rule = _place(rng, town)
            if k < tellings:
                published = day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
                when, date_rule = _when(rng, day, published)
                other = rng.choice(towns).name if rng.random() < 0.1 else None
                sent = (f"{reported} people were killed by {cause} near the {w[0]} {w[1]} in {town.name}"
                        + (f" on the road from {other}" if other else "")
                        + f", said {source} about the {w[2]} and {w[3]}."
                        + (" Relatives identified the dead." if rng.random() < 0.28 else ""))
            else:  # told again later: dated by its publication, with a follow-up's words
                court = rng.random() < 0.1
                published = day + timedelta(days=rng.randint(60, 500) if court else rng.randint(2, 60))
                when, date_rule = DateRange(published, published, "day"), ("date:published",)
                reported = n + rng.randint(0, 3)
                sent = (_COURT if court else rng.choice(_FOLLOW)).format(n=reported, **fill)
            title = rng.choice(_TITLES).format(n=reported, **fill)
            title = f"{title[0].upper()}{title[1:]} - {source}"
            reports = 1 if per_item == "one" else rng.choices(sizes, weights_r)[0]
            items.append(_item(f"m{ev}-{k}", sent, reported, cause, place, when, source, published,
                               place_rule + date_rule, title, reports))
            told += reports
            if told >= n_reports:
                break
    return items


GENERATORS = {"mixed": mixed_items, "plain": plain_items}
