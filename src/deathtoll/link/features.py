"""What linking compares: the features of one article-level incident.

:func:`features_of` reads a :class:`LinkItem` once into a :class:`Features`
record (dates as day ordinals with their slack, the best place, figures per
victim group and outcome, cause family, perpetrator, evidence text), so that
blocking and pair scoring never walk the model objects again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Sequence

from unidecode import unidecode

from deathtoll.link.cues import DIRECTION, ages_in, fold_name, in_court, is_follow_up, name_grams, sides_of, victim_sexes
from deathtoll.link.figures import figures_of, is_update
from deathtoll.link.items import LinkItem, LinkOptions
from deathtoll.model import DateRange, Place, Report, perpetrator_of
from deathtoll.resolve.date_roles import date_words

__all__ = ["Features", "features_of", "PLACE_RANK", "CAUSE_FAMILY", "fold_name", "sides_of", "item_order",
           "compared_texts", "from_publication", "ages_in", "name_grams", "is_follow_up", "place_unsure"]

PLACE_RANK = {"exact": 0, "neighbourhood": 1, "town": 2, "district": 3, "province": 4, "country": 5, "unknown": 6}

#: Causes that one outlet may call by another's name ("car bomb" / "suicide attack").
CAUSE_FAMILY = {
    "vbied": "explosive", "ied": "explosive", "suicide_attack": "explosive", "bomb": "explosive",
    "bombing": "explosive", "explosion": "explosive", "blast": "explosive", "grenade": "explosive",
    "landmine": "explosive", "mine": "explosive", "car_bomb": "explosive", "roadside_bomb": "explosive",
    "gunfire": "firearm", "shooting": "firearm", "sniper": "firearm", "clashes": "firearm", "fighting": "firearm",
    "execution": "firearm", "stabbing": "blade",
    "airstrike": "air", "drone": "air", "drone_strike": "air", "air_strike": "air",
    "shelling": "artillery", "mortar": "artillery", "rocket": "artillery", "artillery": "artillery",
    "missile": "artillery",
    "chemical": "chemical",
}


@dataclass
class Features:
    """One item as linking sees it (mutable only while being built).

    Among its attributes: ``bounded`` says the date is only an upper bound
    (the publication day, or a follow-up's own news day): the event may lie
    before it; ``follow_up`` that the title or evidence has a follow-up's
    words (an arrest, a trial, a funeral, a victim named); ``ages`` the ages
    its compared text gives, ``told_ages`` those of its evidence and title;
    ``court`` that it tells of the court stage (a trial, a plea, a sentence);
    ``reach`` the days before its (bounded) date between which a year it
    states ("last year", "in 2016") lets the event lie;
    ``lone`` that it counts one victim killed or wounded, ``hurt_groups``
    the named victim groups killed or wounded, ``sexes`` the victims' sexes.
    """

    idx: int
    item: LinkItem
    article: str
    source: str
    published: int | None
    start: int | None
    end: int | None
    slack: int
    date_known: bool
    place: Place
    place_name: str
    rank: int
    figures: dict[tuple[str, str], tuple[int, int, int, bool]]
    totals: dict[str, tuple[int, int, int, bool]]
    cause: str | None
    family: str | None
    perpetrator: str | None
    text: str
    update: bool
    bounded: bool = False
    follow_up: bool = False
    court: bool = False
    reach: tuple[int, int] = (0, 0)
    place_words: frozenset[str] = frozenset()
    killed_groups: frozenset[str] = frozenset()
    ages: frozenset[int] = frozenset()
    told_ages: frozenset[int] = frozenset()
    directed: bool = False
    place_doubtful: bool = False
    place_unsure: bool = False
    lone: bool = False
    hurt_groups: frozenset[str] = frozenset()
    sexes: frozenset[str] = frozenset()
    sides: dict[str, frozenset[str]] = field(default_factory=dict)

    def set_text(self, text: str) -> None:
        """Replace the compared text (evidence plus, for a lead incident, the title)."""
        if text == self.text:
            return  # what it reads from the text stays as it is
        self.ages = self.told_ages  # the title joined the evidence: so do its ages
        self.text = text
        self.directed = bool(DIRECTION.search(text))
        self.sides.clear()

    def sides_of(self, town: str | None) -> frozenset[str]:
        """Sides of ``town`` this item's text names, remembered per town."""
        if not town:
            return frozenset()
        if town not in self.sides:
            self.sides[town] = sides_of(town, self.text)
        return self.sides[town]

    @property
    def has_coords(self) -> bool:
        return self.place.lat is not None and self.place.lon is not None


@lru_cache(maxsize=65536)
def _place_words(*names: str | None) -> frozenset[str]:
    """The words of a place's own names (not evidence that two texts share a rare name)."""
    words: set[str] = set()
    for name in names:
        if name:
            folded = unidecode(name).lower()
            words.update(w for w in re.split(r"[^a-z]+", folded) if w)
            words.add(folded)
    return frozenset(words)


def _best_place(item: LinkItem) -> Place:
    if item.incident.place.name or item.incident.place.is_known:
        return item.incident.place
    places = [r.place for r in item.reports if r.place.name or r.place.is_known]
    if not places:
        return Place()
    counts = Counter(places)
    return min(places, key=lambda p: (PLACE_RANK.get(p.precision, 6), -counts[p], p.name or ""))


#: Place rules that do not find the place in the report's own words (see docs/places-and-dates.md).
_WEAK_PLACE_RULES = frozenset({"place:title", "place:article", "place:outlet", "place:previous",
                               "place:unresolved", "place:none"})


def place_unsure(place: Place, reports: Sequence[Report]) -> bool:
    """The resolver is unsure of ``place``: no GeoNames id, coarser than a town, or taken from elsewhere.

    "Elsewhere" means that every report carrying the place got it from a rule
    that does not read the report's own clause, sentence, paragraph or
    dateline (the headline, the article's most mentioned place, the outlet,
    the paragraph before), or that one of them could not find its name in
    the gazetteer (``place:unresolved``). Reports whose rules name no place
    rule (a caller placed them) are taken at their word.
    """
    if not (place.name or place.is_known):
        return False
    if place.geonames_id is None or PLACE_RANK.get(place.precision, 6) > PLACE_RANK["town"]:
        return True
    rules = {rule for r in reports if r.place == place for rule in r.evidence.rules if rule.startswith("place:")}
    return bool(rules) and (rules <= _WEAK_PLACE_RULES or "place:unresolved" in rules)


def from_publication(report: Report) -> bool:
    """The resolver found no date words for this report and gave it the publication day."""
    return "date:published" in report.evidence.rules


_PRECISE = ("day", "week", "month")
_ORDER = ("day", "week", "month", "year", "unknown")


def _best_date(item: LinkItem) -> tuple[DateRange, bool]:
    """The item's date, and whether it is only its publication day (an upper bound).

    A date the resolver took from the publication day says "on or before
    publication": a date its reports state in words (a day, week or month)
    is preferred to it. The day of a detention or a release (the resolver
    gives them the day of their own news, ``own_day_outcomes``) dates the
    item only when it has no other reports.
    """
    own_day = date_words()["own_day_outcomes"]
    reports = tuple(r for r in item.reports if r.outcome not in own_day) or item.reports
    stated = [r.date for r in reports if r.date.start is not None and not from_publication(r)]
    inc = item.incident.date
    inc_from_pub = inc.start is not None and not inc.text and any(
        from_publication(r) and r.date.start == inc.start for r in reports)
    # an arrest's or a release's own day ("was released Tuesday") is not the event's
    borrowed = len(reports) < len(item.reports) and not any(r.date == inc for r in reports)
    if inc.start is not None and not inc_from_pub and not borrowed:
        return inc, False
    precise = [d for d in stated if d.precision in _PRECISE]
    if precise:
        return min(precise, key=lambda d: (_ORDER.index(d.precision), d.start)), False
    if inc_from_pub:
        return inc, True
    dated = [r.date for r in reports if r.date.start is not None]
    if not dated:
        return DateRange(), False
    best = min(dated, key=lambda d: (_ORDER.index(d.precision) if d.precision in _ORDER else 4, d.start))
    return best, not stated


def _year_bound(dr: DateRange, published: date | None) -> tuple[DateRange, bool, tuple[int, int]]:
    """A year-precision date read as an upper bound: ``(date, bounded, reach)``.

    "Last year", "this year", "in 2016" in a report usually date the event
    of a later story (a trial, an anniversary): the event lies in that year,
    on or before publication. The publication day becomes the item's
    (bounded) date and ``reach`` the days back from it to the year's last
    and first days. A year more than one before the publication's is a past
    event the story recalls, not this one's date: the publication day alone
    bounds it then (``reach`` ``(0, 0)``).
    """
    if dr.precision != "year" or published is None:
        return dr, False, (0, 0)
    day = DateRange(published, published, "day")
    if dr.start is None or dr.start > published or dr.start.year < published.year - 1:
        return day, True, (0, 0)
    last = min(dr.end or dr.start, published)
    return day, True, ((published - last).days, (published - dr.start).days)


_title_ages = lru_cache(maxsize=65536)(ages_in)  # one title, many incidents
_titled_follow_up = lru_cache(maxsize=65536)(is_follow_up)
_titled_court = lru_cache(maxsize=65536)(in_court)


def _ordinal(d: date | None) -> int | None:
    return d.toordinal() if d is not None else None


def _hurt_total(figures: dict[tuple[str, str], tuple[int, int, int, bool]]) -> int:
    """People killed or wounded; victims counted with no group are among the named ones when fewer."""
    named = sum(fig[1] for (g, o), fig in figures.items() if o in ("killed", "wounded") and g != "unknown")
    unnamed = sum(fig[1] for (g, o), fig in figures.items() if o in ("killed", "wounded") and g == "unknown")
    return max(named, unnamed)


def features_of(idx: int, item: LinkItem, opts: LinkOptions) -> Features:
    """Read ``item`` into :class:`Features` (position ``idx`` in the batch)."""
    dr, bounded = _best_date(item)
    dr, by_year, reach = _year_bound(dr, item.published)
    bounded = bounded or by_year
    slack = {"day": opts.day_window, "week": opts.week_window, "month": opts.month_window}.get(dr.precision)
    known = dr.start is not None and slack is not None
    start = _ordinal(dr.start) if known else None
    end = _ordinal(dr.end or dr.start) if known else None
    if known and end is not None and start is not None and end < start:
        start, end = end, start
    place = _best_place(item)
    reports = item.reports
    figures = figures_of(reports)
    if not figures:
        figures = {(v.group, v.outcome): (v.low or 0, v.best or 0, max(v.high or 0, v.best or 0), False)
                   for v in item.incident.victims if v.best is not None}
    totals: dict[str, tuple[int, int, int, bool]] = {}
    for (_, outcome), (lo, be, hi, is_open) in figures.items():
        t = totals.get(outcome, (0, 0, 0, False))
        totals[outcome] = (t[0] + lo, t[1] + be, t[2] + hi, t[3] or is_open)
    cause = item.incident.cause or next((r.cause for r in reports if r.cause), None)
    actor = perpetrator_of(reports) if reports else item.incident.perpetrator
    perpetrator = actor.name if actor is not None and actor.name not in ("unknown", "unknown_armed_group") else None
    sentences: list[str] = []
    for rep in sorted(reports, key=lambda r: r.evidence.sentence_start):
        if rep.evidence.sentence and rep.evidence.sentence not in sentences:
            sentences.append(rep.evidence.sentence)
    text = " ".join(sentences)
    court = in_court(text) or _titled_court(item.title or "")
    follow_up = court or is_follow_up(text) or _titled_follow_up(item.title or "")
    ages = ages_in(text)
    if follow_up and known and not bounded and item.published is not None and dr.precision == "day":
        # a follow-up dated to a day of its own news (the arrest "on Tuesday", the death "on Monday",
        # in the week before publication): the event may lie before (a day before publication, or a
        # night ending on it, only when the headline tells the follow-up)
        pub = item.published.toordinal()
        titled = _titled_follow_up(item.title or "")
        bounded = (start == end == pub) or (titled and end - start <= 1  # type: ignore[operator]
                                            and 0 <= pub - end <= opts.undated_lag)  # type: ignore[operator]
    return Features(
        idx=idx,
        item=item,
        article=item.article_id,
        source=item.source or f"article:{item.copy_of or item.article_id}",
        published=_ordinal(item.published),
        start=start,
        end=end,
        slack=slack or 0,
        date_known=known,
        bounded=known and bounded,
        follow_up=follow_up,
        court=court,
        reach=reach if known else (0, 0),
        place=place,
        place_name=fold_name(place.name),
        rank=PLACE_RANK.get(place.precision, 6) if (place.name or place.is_known) else 6,
        figures=figures,
        totals=totals,
        cause=cause,
        family=CAUSE_FAMILY.get(cause, cause) if cause else None,
        perpetrator=perpetrator,
        text=text,
        update=any(is_update(r) for r in reports),
        place_words=_place_words(place.name, place.admin1),
        place_unsure=place_unsure(place, reports),
        killed_groups=frozenset(g for (g, o), fig in figures.items() if o == "killed" and g != "unknown" and fig[1] > 0),
        directed=bool(DIRECTION.search(text)),
        lone=_hurt_total(figures) == 1,
        hurt_groups=frozenset(g for (g, o), fig in figures.items()
                              if o in ("killed", "wounded") and g != "unknown" and fig[1] > 0),
        sexes=victim_sexes(reports),
        ages=ages,
        told_ages=ages | _title_ages(item.title or ""),
    )


def item_order(item: LinkItem) -> tuple:
    """Sort key of an item: publication date (else event date, else last), article id, incident id."""
    when = item.published or item.incident.date.start or date.max
    return (when.toordinal(), item.article_id, item.incident.id)


def _compared_text(f: Features, leads: bool) -> str:
    """The text compared: the evidence sentences, and the title for the
    incident the article tells first (the one its headline is about)."""
    title = f.item.title or ""
    if leads and title and title not in f.text:
        return f"{title}. {f.text}" if f.text else title
    return f.text or title


def compared_texts(items: Sequence[LinkItem], feats: Sequence[Features]) -> list[str]:
    """Give every item its compared text; the title goes to each article's first-told incident."""
    lead: dict[str, tuple[int, int]] = {}
    for n, it in enumerate(items):
        first = min((r.evidence.sentence_start for r in it.reports), default=1 << 30)
        if it.article_id not in lead or first < lead[it.article_id][0]:
            lead[it.article_id] = (first, n)
    texts = [_compared_text(f, lead[f.article][1] == f.idx) for f in feats]
    for f, text in zip(feats, texts):
        f.set_text(text)
    return texts
