"""Names that may not be places at all, and what they must agree with to be one.

A location cue makes a capitalised word a place mention ("shot at Davis’ home",
"struck Avila’s daughter", "in Possession of a Firearm"), but some words are
doubtful as places:

- ``person``: the word is part of a person's name the article gives in full
  ("Sidney Davis, 44, … at Davis’ home");
- ``common``: the article also writes the word in lowercase ("Felon in
  Possession …", "suspect at large"): an ordinary word capitalised;
- ``acronym``: two to four capitals ("SUV", "FBI", "PACE");
- ``headline``: a name in a title-case headline ("Slipped In Mud, Fell …"),
  where every word is capitalised;
- ``possessive``: a single word with "'s" before a capitalised word
  ("King's Daughter Medical Center"), unless it is a city of 100,000+ people
  ("Baltimore's Brooklyn neighborhood").

A doubtful name stays a place only when the gazetteer has it exactly, in the
article's country, and in the article's state or province (or near the
article's other places) when the article has one; otherwise it is dropped, not
kept as an unresolved place. A person's name is never a place ("Davis" is in
Oklahoma too). A dateline and a name with a kind word
("Davis County") or a qualifier ("Davis, Calif.") are never doubtful.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deathtoll.resolve.gazetteer import distance_km
from deathtoll.resolve.normalize import fold

if TYPE_CHECKING:
    from deathtoll.resolve.context import Context
    from deathtoll.resolve.gazetteer import Candidate
    from deathtoll.resolve.mentions import Mention
    from deathtoll.resolve.words import PlaceWords

__all__ = ["doubts", "agrees", "is_title_case", "person_names"]

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]")
_ACRONYM = re.compile(r"[A-Z]{2,4}")
_HEAD_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NEAR_KM = 150.0
_TITLE_SHARE = 0.8
_CITY = 100_000


def is_title_case(headline: str, words: PlaceWords) -> bool:
    """Whether a headline capitalises (nearly) every word of four letters or more."""
    long = [w for w in _HEAD_WORD.findall(headline) if len(w) >= 4 and not w.isupper()]
    if len(long) < 3:
        return False
    caps = [w for w in long if w[0].isupper()]
    return len(caps) >= _TITLE_SHARE * len(long)


def doubts(ms: list[Mention], text: str, headline_end: int, persons: set[str], words: PlaceWords,
           qualified: set[int], first: dict[int, list[Candidate]]) -> dict[int, str]:
    """Which mentions are doubtful as places, and why (see module docstring).

    Args:
        ms: The mentions of headline and text.
        text: Headline and text as the mentions' offsets see them.
        headline_end: Where the headline ends (0 without one).
        persons: Folded words of the people's names the article gives in full.
        words: Place word lists.
        qualified: Mentions that have a qualifier ("Davis, Calif.").
        first: Each mention's candidates looked up alone (a possessive of a city of
            100,000+ people, "Baltimore's Brooklyn neighborhood", is no doubt).

    Returns:
        ``{mention index: reason}``.
    """
    lower = set(_LOWER_WORD.findall(text[headline_end:]))
    title_case = headline_end > 0 and is_title_case(text[:headline_end], words)
    out: dict[int, str] = {}
    for i, m in enumerate(ms):
        if m.cue == "dateline" or m.kind is not None or i in qualified or m.extra.get("qualifies") is not None:
            continue
        one = m.tokens == 1
        if one and fold(m.name) in persons:
            out[i] = "person"
        elif one and _ACRONYM.fullmatch(m.name):
            out[i] = "acronym"
        elif one and m.name.lower() in lower:
            out[i] = "common"
        elif m.start < headline_end and title_case:
            out[i] = "headline"
        elif one and m.extra.get("possessive_of_name") \
                and not any(c.exact and c.precision == "town" and c.population >= _CITY for c in first.get(i, ())):
            out[i] = "possessive"
    return out


def agrees(c: Candidate, ctx: Context, reason: str) -> bool:
    """A doubtful name's entry: exact, in the article's country, and in its first-level
    division (or near its places) when the article has one. Only a headline's name
    may be a country or a province ("Shooting In Texas"); "America's Best Value
    Inn" and "Georgia's brother" are not; a person's name is no place at all."""
    if reason == "person" or not c.exact or (ctx.country and c.country != ctx.country):
        return False
    if c.precision in ("country", "province"):
        return reason == "headline"
    if not ctx.admin1 or c.admin1 == ctx.admin1:
        return True
    pts = list(ctx.points)
    for loc in (ctx.anchor, ctx.main):
        if loc is not None and loc.place.lat is not None:
            pts.append((loc.place.lat, loc.place.lon))
    return bool(c.point and pts and min(distance_km(c.point, p) for p in pts) <= _NEAR_KM)


def _place_word(word: str, words: PlaceWords) -> bool:
    """"City", "County", "Township": a word of a place's or an office's name, not a person's."""
    return any(words.has(kind, word) for kind in ("settlement_types", "district_types", "province_types",
                                                   "local_types", "org_suffixes"))


def person_names(ms: list[Mention], first: dict[int, list[Candidate]], words: PlaceWords,
                 text: str = "", qualified: set[int] | frozenset[int] = frozenset()) -> set[str]:
    """Words of names of several words that are no place ("Carroll Oliver"): said
    alone later, they name that person, not a town. A headline's runs ("Detroit Boy
    Charged") and the same runs repeated in the text (a page that opens with its
    headline), runs in any title-case line of ``text`` (a related story's headline),
    and runs with an acronym or a word such as
    "police" or "City" ("Dayton PD", "Roanoke City Commonwealth") are no people's
    names. A word the article writes as a place with a qualifier or as its dateline
    ("Ashby, Va", "ASHBY —") names no person ("the Ashby CrimeLine")."""
    placed = {fold(ms[i].name) for i in qualified if i < len(ms)}
    placed |= {fold(m.name) for m in ms if m.cue == "dateline"}
    titled: dict[int, bool] = {}
    headline_runs = {m.name for m in ms if m.extra.get("title")}
    out: set[str] = set()
    for i, m in enumerate(ms):
        parts = m.name.split()
        if not 2 <= len(parts) <= 4 or m.cue or m.kind or m.extra.get("title") or any(c.exact for c in first[i]):
            continue
        if m.name in headline_runs:
            continue
        if any(p.isupper() or words.has("attributive", p) or words.has("agency", p) or _place_word(p, words)
               for p in parts):
            continue
        if text and _in_title_case_line(text, m.start, words, titled):
            continue
        out.update(w for w in (fold(p) for p in parts) if w not in placed)
    return out


def _in_title_case_line(text: str, pos: int, words: PlaceWords, seen: dict[int, bool]) -> bool:
    """Whether the line holding ``pos`` capitalises nearly every long word (a headline)."""
    start = text.rfind("\n", 0, max(pos, 0)) + 1
    if start not in seen:
        end = text.find("\n", pos)
        seen[start] = is_title_case(text[start:end if end >= 0 else len(text)], words)
    return seen[start]
