"""Date expressions of an article, resolved against its publication date.

Every rule is explicit (no clock is read, ever):

- explicit dates: "March 17", "17 March 2017", "Jan. 27", "03/17/2017",
  "2017-03-17", "March 2017", "in 2014" — a date without a year takes the
  most recent one on or before publication;
- weekdays: "on Friday", "Tuesday night" — the most recent such day on or
  before publication (the publication day itself counts); "last Friday" is
  strictly before it;
- relative words: today, tonight, this morning, yesterday, last night,
  N days ago, this/last/past week, earlier this month, last month, this/last year;
- spans: "since mid-February", "since 2014" (start .. publication) and
  "between November 2016 and March 2017".

With no publication date, only expressions that carry a year resolve; the
others keep their words with precision ``unknown``.

Each expression also gets a ``role`` (:mod:`deathtoll.resolve.date_roles`):
``event`` by default; ``statement`` when it dates a statement or a later step
rather than what happened ("police said Thursday", "appeared in court Friday",
"was arrested early Tuesday"); ``death`` when it is the day a victim died ("died
Monday after being shot Saturday"); ``stamp`` when it is the page's own date
("Posted: Monday, January 26, 2015", a date alone in parentheses). A night told
by one day ("early Sunday", "late Saturday night", "12:50 a.m. on Jan. 3") covers
both days it may be filed under (``night``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter

from deathtoll.model import DateRange
from deathtoll.resolve.date_roles import date_role, date_words, night_shift

__all__ = ["DateMention", "find_dates", "resolve_expression", "date_role", "date_words"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1, "several": 3, "a few": 3, "few": 3})

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAYNAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]?"
_DATE_ONE = rf"(?:{_PART})?(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?|{_MON}(?:,?\s+{_YEAR})?|{_YEAR})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("period", re.compile(rf"\b(?:between|from)\s+(?P<a>{_DATE_ONE})\s+(?:and|to|until|till|through)\s+(?P<b>{_DATE_ONE})\b", re.I)),
    ("since", re.compile(rf"\b(?:since|from)\s+(?P<a>{_DATE_ONE})(?![\w-])", re.I)),
    ("explicit", re.compile(rf"\b(?:{_DAYNAME},?\s+)?(?P<a>{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?)(?!\d)", re.I)),
    ("explicit", re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b")),
    ("explicit", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("explicit", re.compile(rf"\b(?:in|during|of|by|until|through|early|late|mid)[- ](?P<a>(?:{_PART})?{_MON}(?:,?\s+{_YEAR})?)(?![\w-])", re.I)),
    ("explicit", re.compile(rf"\b(?P<a>{_MON}\s+{_YEAR})\b", re.I)),
    ("explicit", re.compile(rf"\b(?:in|during|of|until)\s+(?P<a>{_YEAR})\b", re.I)),
    ("holiday", re.compile(r"\b(?P<h>Christmas(?: Eve| Day)?|New Year's (?:Eve|Day)|Thanksgiving(?: Day)?|Halloween"
                           r"|Independence Day|Fourth of July|Valentine's Day|Easter(?: Sunday)?|Memorial Day"
                           r"|Labor Day|Mother's Day|Father's Day)(?![\w'])")),
    ("weekday", re.compile(rf"\b(?P<q>last|this|on|early|late)?\s*(?P<w>{_DAYNAME})(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    ("relative", re.compile(
        r"\b(?:(?:earlier|later)\s+)?(?:today|tonight|yesterday|this (?:morning|afternoon|evening)|last night|overnight"
        r"|(?:the )?day before yesterday"
        r"|(?:(?:over|in|during) )?(?:the )?(?:past|last|previous) (?:(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|few|several) )?(?P<unit>days?|weeks?|months?|years?)"
        r"|(?P<n2>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) (?P<unit2>days?|weeks?|months?|years?) ago"
        r"|(?:earlier |later )?this (?:week|month|year)|last (?:week|month|year)|(?:earlier )?this past (?:week|weekend)|last weekend)\b",
        re.I)),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: where, its words, its range and its rule."""

    start: int
    end: int
    text: str
    range: DateRange
    rule: str
    #: ``event``, ``statement`` (a statement or a later step), ``death`` (a victim's death)
    #: or ``stamp`` (the page's date)
    role: str = "event"
    #: -1 / 1 when the range was widened to the night before / after the day written, else 0
    night: int = 0


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _before(published: date, m: int, d: int | None) -> int:
    """Year of the most recent month (and day) on or before publication."""
    y = published.year
    if (m, d or 1) > (published.month, published.day):
        y -= 1
    return y


def _parse_one(s: str, published: date | None) -> DateRange | None:
    """One date expression ("mid-February", "March 17, 2017", "2014") as a range."""
    low = s.lower().strip().rstrip(".,")
    part = None
    pm = re.match(rf"({_PART})", low)
    if pm:
        part = pm.group(1).strip(" -")
        low = low[pm.end():].strip()
    ym = re.fullmatch(_YEAR, low)
    if ym:
        y = int(low)
        return DateRange(date(y, 1, 1), date(y, 12, 31), "year", s)
    m = re.fullmatch(rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?", low) or \
        re.fullmatch(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?", low)
    if m:
        mon, day = _MONTHS[m.group("mon").rstrip(".")], int(m.group("d"))
        y = int(m.group("y")) if m.group("y") else (_before(published, mon, day) if published else None)
        if y is None:
            return DateRange(None, None, "unknown", s)
        try:
            d = date(y, mon, day)
        except ValueError:
            return None
        return DateRange(d, d, "day", s)
    m = re.fullmatch(rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?", low)
    if m:
        mon = _MONTHS[m.group("mon").rstrip(".")]
        y = int(m.group("y")) if m.group("y") else (_before(published, mon, None) if published else None)
        if y is None:
            return DateRange(None, None, "unknown", s)
        start, end = date(y, mon, 1), _month_end(y, mon)
        if part in ("early", "the beginning of", "the start of"):
            end = date(y, mon, 10)
        elif part in ("mid", "the middle of"):
            start, end = date(y, mon, 11), date(y, mon, 20)
        elif part in ("late", "the end of"):
            start = date(y, mon, 21)
        return DateRange(start, end, "month", s)
    return None


def _weekday(q: str | None, name: str, published: date) -> date:
    back = (published.weekday() - _WEEKDAYS[name.lower()]) % 7
    if q and q.lower() == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _count(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBERS.get(w, 1)


_FIXED_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
                   "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
                   "independence day": (7, 4), "fourth of july": (7, 4), "valentine's day": (2, 14)}
# (month, weekday, n): the n-th such weekday of the month (n = -1: the last)
_MOVABLE_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
                     "labor day": (9, 0, 1), "mother's day": (5, 6, 2), "father's day": (6, 6, 3)}


def _holiday_in(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name.startswith("easter"):
        return easter(year)
    month, weekday, n = _MOVABLE_HOLIDAYS[name]
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


#: days before a holiday within which a story names what is held for it ("a Halloween party shooting"
#: published on the 30th): the coming holiday, not last year's
_HOLIDAY_EVE = 3


def _holiday(name: str, published: date) -> tuple[date, date]:
    """The days the holiday names: the last such holiday on or before ``published``
    ("a Christmas Day shooting"), or, when this year's is at most ``_HOLIDAY_EVE`` days
    after publication ("a Halloween party" told on the 30th: a party held for the
    coming holiday), the day before publication and its day, never before the eve's
    first day."""
    key = name.lower()
    d = _holiday_in(key, published.year)
    if d <= published:
        return d, d
    if (d - published).days <= _HOLIDAY_EVE:
        return max(d - timedelta(days=_HOLIDAY_EVE), published - timedelta(days=1)), published
    d = _holiday_in(key, published.year - 1)
    return d, d


def _relative(s: str, m: re.Match[str], p: date) -> DateRange | None:
    low = " ".join(s.lower().split())
    if "day before yesterday" in low:
        d = p - timedelta(days=2)
        return DateRange(d, d, "day", s)
    if "yesterday" in low:
        d = p - timedelta(days=1)
        return DateRange(d, d, "day", s)
    if "last night" in low or "overnight" in low:
        return DateRange(p - timedelta(days=1), p, "day", s)
    if re.search(r"today|tonight|this (?:morning|afternoon|evening)", low):
        return DateRange(p, p, "day", s)
    monday = p - timedelta(days=p.weekday())
    if "weekend" in low:
        sat = monday - timedelta(days=2) if "last" in low or p.weekday() < 5 else monday + timedelta(days=5)
        return DateRange(sat, min(sat + timedelta(days=1), p), "week", s)
    if re.search(r"\bthis (?:past )?week", low) and "past" not in low:
        return DateRange(monday, p, "week", s)
    if low.endswith("last week") and not re.search(r"(?:past|the) last week", low):
        start = monday - timedelta(days=7)
        return DateRange(start, start + timedelta(days=6), "week", s)
    if "this month" in low:
        return DateRange(p.replace(day=1), p, "month", s)
    if low.endswith("last month") and "the last month" not in low:
        prev = p.replace(day=1) - timedelta(days=1)
        return DateRange(prev.replace(day=1), prev, "month", s)
    if "this year" in low:
        return DateRange(date(p.year, 1, 1), p, "year", s)
    if low.endswith("last year") and "the last year" not in low:
        return DateRange(date(p.year - 1, 1, 1), date(p.year - 1, 12, 31), "year", s)
    unit = (m.group("unit") or m.group("unit2") or "").lower().rstrip("s")
    if not unit:
        return None
    n = _count(m.group("n") or m.group("n2"))
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
    precision = "day" if unit == "day" and n <= 2 else ("week" if days <= 14 else "month" if days <= 92 else "year")
    if low.endswith("ago"):
        d = p - timedelta(days=days)
        return DateRange(d, d, "day" if unit == "day" else precision, s)
    return DateRange(p - timedelta(days=days), p, precision, s)


def resolve_expression(kind: str, m: re.Match[str], published: date | None) -> DateRange | None:
    """The range of one matched expression (see module docstring), or None to skip it."""
    s = m.group(0).strip()
    if kind == "period":
        a, b = _parse_one(m.group("a"), published), _parse_one(m.group("b"), published)
        if not a or not b:
            return None
        if a.start is None or b.end is None:
            return DateRange(None, None, "unknown", s)
        prec = "day" if a.precision == b.precision == "day" else ("month" if "year" not in (a.precision, b.precision) else "year")
        return DateRange(a.start, b.end, prec, s)
    if kind == "since":
        a = _parse_one(m.group("a"), published)
        if not a:
            return None
        if a.start is None:
            return DateRange(None, None, "unknown", s)
        start = a.start
        if a.precision == "month" and re.search(r"\bmid|middle", m.group("a"), re.I):
            start = start.replace(day=15)
        return DateRange(start, published, a.precision, s)
    if kind == "explicit":
        if "y" in m.groupdict() and m.group("y") and "m" in m.groupdict():
            y = int(m.group("y"))
            y += 2000 if y < 100 else 0
            try:
                d = date(y, int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None
            return DateRange(d, d, "day", s)
        r = _parse_one(m.group("a"), published)
        return r and DateRange(r.start, r.end, r.precision, s)
    if published is None:
        return DateRange(None, None, "unknown", s)
    if kind == "weekday":
        d = _weekday(m.group("q"), m.group("w"), published)
        return DateRange(d, d, "day", s)
    if kind == "holiday":
        lo, hi = _holiday(m.group("h"), published)
        return DateRange(lo, hi, "day", s)
    return _relative(s, m, published)


_MONTH_WORD = re.compile(_MON, re.I)


def _months_capitalised(s: str) -> bool:
    """Month names must be capitalised ("in March", not "may be" or "march on")."""
    return all(w.group(0)[0].isupper() for w in _MONTH_WORD.finditer(s) if re.fullmatch(_MON, w.group(0), re.I)
               and (w.start() == 0 or not s[w.start() - 1].isalpha()) and (w.end() == len(s) or not s[w.end()].isalpha()))


def find_dates(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, without overlaps, in order.

    Args:
        text: The article text.
        published: The publication date, or None.
        start: Where to begin looking.
        end: Where to stop looking (the text's end by default).
    """
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text, start, end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "weekday" and not m.group("w")[0].isupper():
                continue
            if kind in ("period", "since", "explicit") and not _months_capitalised(m.group(0)):
                continue
            rng = resolve_expression(kind, m, published)
            if rng is None:
                continue
            taken.append((s, e))
            out.append(DateMention(s, e, text[s:e], rng, f"date:{kind}"))
    out.sort(key=lambda d: d.start)
    done = []
    for k, d in enumerate(out):
        role = date_role(text, d.start, d.end, out[k - 1].end if k else 0)
        night, rng = _night(text, d, published)
        done.append(replace(d, role=role, night=night, range=rng))
    return done


def _night(text: str, d: DateMention, published: date | None) -> tuple[int, DateRange]:
    """A one-day range widened to the night across two days (see
    :func:`deathtoll.resolve.date_roles.night_shift`); never past publication."""
    r = d.range
    if r.start is None or r.start != r.end or d.rule in ("date:period", "date:since"):
        return 0, r
    shift = night_shift(text, d.start, d.end)
    if shift < 0:
        return shift, DateRange(r.start - timedelta(days=1), r.end, r.precision, r.text)
    if shift > 0 and (published is None or r.end < published):
        return shift, DateRange(r.start, r.end + timedelta(days=1), r.precision, r.text)
    return 0, r
