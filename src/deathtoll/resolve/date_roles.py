"""What a date expression dates, read from the words around it.

A date in a news story is not always the day of what happened:

- ``statement``: the day of a statement or of a later step ("police said
  Thursday", "was arrested early Tuesday", "Bond was set Friday", "spoke to the
  media Tuesday morning");
- ``death``: the day a victim died of an earlier shooting ("died Monday after
  being shot Saturday" dates the death; the incident is the shooting's day);
- ``stamp``: the page's own date ("Posted: Monday, January 26, 2015", a date
  alone in parentheses);
- ``event``: anything else.

The words are data (``data/date_words.yaml``). A night told by the day around
it is widened to both days (:func:`night_shift`): "early Sunday", "just after
midnight Thursday" may be the night before; "late Saturday night" may be filed
under the next day.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["date_words", "date_role", "night_shift"]

_WORD = re.compile(r"[A-Za-z]+")
#: how many words before a date an aftermath or death word may stand ("charged a man with murder Thursday")
_WINDOW = 8
#: where a look-back stops: a sentence end, a line break, a semicolon or a dash
_STOP = re.compile(r"(?:[.!?][\"'’”]?\s+(?=[A-Z\"“])|\n|;|\s[—–]\s)")
#: a time in the small hours right before the day ("about 12:50 a.m. on", "just after midnight")
_SMALL_BEFORE = re.compile(r"(?:\bmidnight|\b(?:12|1|2|3|4)(?::\d\d)?\s*a\.?\s?m\.?)\s*(?:on\s+|,\s*)?$", re.I)
#: … or right after it ("Sunday at about 2:15 a.m.", "Sunday, around 1 a.m.")
_SMALL_AFTER = re.compile(r"(?:\s+morning)?,?\s+(?:at\s+|around\s+|about\s+|shortly\s+|just\s+)*(?:after\s+|before\s+)?"
                          r"(?:midnight|(?:12|1|2|3|4)(?::\d\d)?\s*a\.?\s?m\b)", re.I)

#: a late-evening time next to the day ("around 11:30 p.m. Friday", "Friday at 10 p.m.")
_LATE_BEFORE = re.compile(r"\b(?:9|10|11)(?::\d\d)?\s*p\.?\s?m\.?\s*(?:on\s+|,\s*)?$", re.I)
_LATE_AFTER = re.compile(r",?\s+(?:at\s+|around\s+|about\s+|shortly\s+|just\s+)*(?:after\s+|before\s+)?"
                         r"(?:9|10|11)(?::\d\d)?\s*p\.?\s?m\b", re.I)


@lru_cache(maxsize=1)
def date_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/date_words.yaml``."""
    raw = yaml.safe_load(resources.files("deathtoll.resolve").joinpath("data/date_words.yaml").read_text("utf-8"))
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


def _words_before(text: str, start: int, since: int) -> list[str]:
    """The words of ``text[since:start]`` after the last sentence or clause stop, lower case."""
    lo = max(since, start - 120)
    gap = text[lo:start]
    stops = list(_STOP.finditer(gap))
    if stops:
        gap = gap[stops[-1].end():]
    return [x.lower() for x in _WORD.findall(gap)]


def date_role(text: str, start: int, end: int, since: int = 0) -> str:
    """What a date expression at ``text[start:end]`` dates: ``stamp``, ``statement``,
    ``death`` or ``event``.

    A statement word right before it ("police said Thursday", "said on Friday", "the
    plea Wednesday") or right after it ("officials on Monday said"), or an aftermath
    word a few words before it with no word of the incident between ("was arrested
    early Tuesday", "charged a man with murder Thursday"), makes it a ``statement``;
    a death word so placed ("died Saturday", "died at the hospital early Monday") a
    ``death``; "Posted:" / "Updated:" before it, or parentheses around it alone, a
    ``stamp``.

    Args:
        text: The article text.
        start: Where the expression starts.
        end: Where it ends.
        since: Where the look-back stops (the end of the date expression before it:
            a death word before an earlier date is that date's).
    """
    w = date_words()
    if start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")":
        return "stamp"
    before = _words_before(text, start, since)
    # "on" before the date belongs to it ("on Thursday"); other fillers may stand between
    while before and before[-1] in w["filler"]:
        before.pop()
    if before and before[-1] in w["stamp_before"]:
        return "stamp"
    if before and (before[-1] in w["statement_before"] or before[-2:] == ["as", "of"]):
        return "statement"  # "police said Thursday", "as of Sunday night"
    after = re.match(r"\s+(?:(?:morning|afternoon|evening|night)\s+)?([a-z]+)", text[end:end + 30])
    if after and after.group(1) in w["statement_after"]:
        return "statement"
    for word in reversed(before[-_WINDOW:]):
        if word in w["death_before"]:
            return "death"
        if word in w["aftermath_before"]:
            return "statement"
        if word in w["incident_words"]:
            break
    return "event"


def night_shift(text: str, start: int, end: int) -> int:
    """Whether a one-day expression may name a night across two days: ``-1`` when the
    night before may be meant ("early Sunday", "12:50 a.m. on Jan. 3", "just after
    midnight Thursday", "Sunday at about 2 a.m."), ``1`` when the next day may be
    ("Saturday night", "late Friday", "11:30 p.m. Friday"), else ``0``."""
    s = text[start:end].lower()
    head = text[max(0, start - 40):start]
    if s.startswith("early ") or re.search(r"\bearly\s+$", head, re.I) or _SMALL_BEFORE.search(head) \
            or _SMALL_AFTER.match(text, end, min(len(text), end + 40)):
        return -1
    if s.endswith(" night") or s.startswith("late ") or re.match(r"\s+night\b", text[end:end + 8]) \
            or _LATE_BEFORE.search(head) or _LATE_AFTER.match(text, end, min(len(text), end + 40)):
        return 1
    return 0
