"""Which US states an article names anywhere in its text.

A US news story often names its state only in passing: "Massachusetts State
Police are investigating", "an Ind. 6-year-old", "(Cincinnati, OH)", "a
northwestern Ohio town". Each such name is a vote for that state (and, weakly,
for the United States) in :func:`deathtoll.resolve.context.article_context`,
which decides between same-named towns ("Selma", "Shelby", "Taunton").

Read as a state:

- a state's full name as written ("Louisiana", "NEW MEXICO"), except when it
  opens a longer place name ("Kansas City", "Virginia Beach", "Indiana County",
  "California Rd")
  or a newspaper's ("New York Times"), or stands inside a name ("Popeyes
  Louisiana Kitchen": capitalised words on both sides, the one before no
  direction), or names someone's home ("a Maryland woman"); "Washington" only as "Washington state"
  (else the capital or a person); "Georgia" votes for the state only, never
  for the country;
- an AP abbreviation ("Tenn.", "N.C.") after a comma ("Hartsville, Ind."),
  before a dash or bracket (a dateline), or before a lowercase word or a
  number ("Okla. twins");
- a postal code after a comma and a capitalised word ("Charleston, SC").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deathtoll.resolve.gazetteer import Gazetteer
    from deathtoll.resolve.words import PlaceWords

__all__ = ["StateVotes", "state_votes"]

_FIRST = 1.0
_MORE = 0.5
_CAP = 2.5
#: what the United States gets per state named, and at most
_COUNTRY_EACH = 1.0
_COUNTRY_CAP = 2.0
#: state names that are also a country's or a capital's: no vote for the United States
_NOT_FOR_COUNTRY = frozenset({"Georgia"})
_NEXT_CAPS = re.compile(r"(?:[ \t]+(?:[A-Z][\w'’.&-]*|of|and|&))*")
_PREV_WORD = re.compile(r"([A-Za-z][\w'’.-]*)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


@dataclass
class StateVotes:
    """Votes for US states (by first-level division name) and for the United States."""

    states: Counter[str] = field(default_factory=Counter)
    country: float = 0.0
    spans: list[tuple[int, int, str]] = field(default_factory=list)


@lru_cache(maxsize=4)
def _patterns(names: tuple[str, ...], abbrevs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    alts = sorted(names, key=len, reverse=True)
    full = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in alts) + "|"
                      + "|".join(re.escape(n.upper()) for n in alts) + r")(?![\w-])")
    ap = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True)) + r")\.")
    postal = re.compile(r"(?<=[a-z.]), ([A-Z]{2})(?![\w-])")
    return full, ap, postal


def _code_names(gz: Gazetteer) -> dict[str, str]:
    return gz.admin1_names("US")


def _opens_longer_name(text: str, end: int, name: str, gz: Gazetteer, words: PlaceWords) -> bool:
    """"Kansas City", "Virginia Beach", "Indiana County", "Idaho Street", "New York
    Times": the state's name is only the first part of another name."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or not nxt.group(1)[:1].isupper():
        return False
    word = nxt.group(1)
    if any(words.has(kind, word) for kind in ("settlement_types", "district_types", "street_types",
                                               "building_types", "facility_types", "care_types")):
        return True  # "Indiana County", "California Rd", "Texas Avenue"
    run = _NEXT_CAPS.match(text, end)
    last = (run.group(0).split() or [""])[-1] if run else ""
    if last and words.has("org_suffixes", last.strip(".,")):
        return True
    for c in gz.lookup(f"{name} {word}", country="US", limit=5):
        if c.exact and c.precision == "town":
            return True
    return False


def _inside_a_name(text: str, start: int, end: int, words: PlaceWords) -> bool:
    """"Popeyes Louisiana Kitchen": capitalised words stand on both sides, and the one
    before is neither a function word nor a direction ("Central Florida", "Upstate New
    York"); "NBC Connecticut reported" still names the state."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    nxt = _NEXT_WORD.match(text, end)
    if prev is None or nxt is None or not nxt.group(1)[:1].isupper():
        return False
    w = prev.group(1)
    if not w[:1].isupper() or words.is_stop(w):
        return False
    return not (words.has("direction_prefixes", w.rstrip(".")) or words.has("between", w))


def _home_of_someone(text: str, end: int, words: PlaceWords) -> bool:
    """"a Maryland woman", "Florida man": where someone is from, not where it happened."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    w = nxt.group(1).lower()
    return words.has("attributive", w) and not words.has("agency", w)


def state_votes(text: str, gz: Gazetteer, words: PlaceWords) -> StateVotes:
    """The US states an article's text names, with their votes.

    Args:
        text: Headline and body (not the outlet: that is a hint of its own).
        gz: The gazetteer (for the states' names and for longer names).
        words: Place word lists (AP abbreviations in ``us_states``, org suffixes,
            settlement and district words).

    Returns:
        Votes per state name (1 for the first mention, 0.5 for each further one,
        at most 2.5) and for the United States (1 per state, at most 2),
        with the spans read.
    """
    out = StateVotes()
    codes = _code_names(gz)
    if not codes or not text:
        return out
    abbrevs = tuple(k for k in words.us_states if k[:1].isalpha())
    full, ap, postal = _patterns(tuple(sorted(set(codes.values()))), tuple(sorted({_title(a) for a in abbrevs})))
    found: list[tuple[int, int, str]] = []
    for m in full.finditer(text):
        name = _canonical(m.group(1), codes)
        if name is None or _opens_longer_name(text, m.end(), name, gz, words):
            continue
        if name == "Washington" and not re.match(r"[ \t]+state\b", text[m.end():m.end() + 8], re.I):
            continue  # the capital, or a person
        if _inside_a_name(text, m.start(), m.end(), words) or _home_of_someone(text, m.end(), words):
            continue
        found.append((m.start(), m.end(), name))
    for m in ap.finditer(text):
        code = words.state_code(m.group(1))
        name = codes.get(code or "")
        if not name:
            continue
        before = text[max(0, m.start() - 2):m.start()]
        after = text[m.end():m.end() + 3]
        comma = before == ", " or before.endswith(",")
        dateline = bool(re.match(r"\s*(?:[—–(]|-{1,2}\s)", after))
        adjectival = bool(re.match(r" [a-z0-9]", after))
        if comma or dateline or adjectival:
            found.append((m.start(), m.end(), name))
    for m in postal.finditer(text):
        name = codes.get(m.group(1))
        if name:
            found.append((m.start(1), m.end(1), name))
    seen: Counter[str] = Counter()
    for s, e, name in sorted(found):
        seen[name] += 1
        out.spans.append((s, e, name))
    for name, n in seen.items():
        out.states[name] = min(_CAP, _FIRST + _MORE * (n - 1))
    out.country = min(_COUNTRY_CAP, _COUNTRY_EACH * len([n for n in seen if n not in _NOT_FOR_COUNTRY]))
    return out


def _title(abbrev: str) -> str:
    """"n.c" -> "N.C", "tenn" -> "Tenn", "w.va" -> "W.Va"."""
    return ".".join(p[:1].upper() + p[1:] for p in abbrev.split("."))


def _canonical(written: str, codes: dict[str, str]) -> str | None:
    for name in codes.values():
        if written == name or written == name.upper():
            return name
    return None
