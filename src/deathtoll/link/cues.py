"""Text cues linking reads from evidence and titles: names, ages, sides, follow-up words, victims' sex.

Plain functions over strings (and reports), so that features, blocking
and scoring share one reading of a text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from unidecode import unidecode

from deathtoll.model import Report

__all__ = ["fold_name", "is_follow_up", "in_court", "ages_in", "name_grams", "sides_of", "DIRECTION", "victim_sexes", "headline", "unbranded"]

_FOLD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold_name(name: str | None) -> str:
    """A place name folded for equality: ASCII, lowercase, no spaces or article."""
    if not name:
        return ""
    s = unidecode(name).lower().strip()
    for prefix in ("the ", "near ", "al-", "al ", "el-", "el "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return _FOLD.sub("", s)


#: Words of a story told after the event: the legal process, the victims named or buried, a later death
#: (stems, then whole words, then phrases; matched on the lowercased text).
_FOLLOW_UP = re.compile(
    r"\b(?:(?:arrest|indict|arraign|plead|convict|sentenc|testif|prosecut|extradit|identif|funeral|mourn|"
    r"buri|remember|succumb|autops)"
    r"|(?:charge|charges|charged|charging|pled|plea|guilty|trials?|jury|jurors|courts?|hearings?|testimony|"
    r"lawsuit|vigils?|sued|custody|warrants?|named|memorial|tribute|dies|unsolved|anniversary)\b"
    r"|(?:died (?:of|from)|later died|laid to rest|toll (?:rose|rises|climbed)|"
    r"(?:days?|weeks?|months?|years?) (?:after|since|ago))\b)")
_ID = re.compile(r"\bID(?:s|'s|'d)?\b")
#: Words of the court stage, which comes months, often more than a year, after the event.
_COURT = re.compile(
    r"\b(?:(?:convict|sentenc|testif|acquit)"
    r"|(?:pled|pleads?|pleaded|plea|guilty|trials?|jury|jurors|verdict|testimony)\b)")


#: A street or place named with a follow-up's word ("Gunbow Court", "Memorial Drive", "Court Street").
_NAMED = re.compile(r"\b([A-Z][\w'’-]*) (?:Court|Memorial)\b|\b(?:Court|Memorial|Trial|Jury) (?:Street|St|Road|Rd|"
                    r"Avenue|Ave|Drive|Dr|Boulevard|Blvd|Lane|Ln|Way|Place|Park|Square|Hospital)\b")
#: … but these before "Court" name a court ("County Court", "Circuit Court")
_COURTS = frozenset({"supreme", "county", "district", "circuit", "superior", "federal", "municipal", "juvenile",
                     "family", "criminal", "appeals", "city", "magistrate", "magistrates", "state", "high", "crown",
                     "in", "to", "the", "a", "of", "at", "before"})


@lru_cache(maxsize=256)  # is_follow_up and in_court read one text in turn
def _unnamed(text: str) -> str:
    """``text`` lowercased, without the names that hold a follow-up's word."""
    return _NAMED.sub(lambda m: m.group(0) if (m.group(1) or "").lower() in _COURTS else " ", text).lower()


def is_follow_up(text: str) -> bool:
    """The text tells a story after the event: an arrest, a trial, a victim named or buried, a later death."""
    return bool(_FOLLOW_UP.search(_unnamed(text)) or _ID.search(text))


def in_court(text: str) -> bool:
    """The text tells of the court stage: a trial, a plea, a verdict, a sentence."""
    return bool(_COURT.search(_unnamed(text)))


_AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|\b(?:boy|girl|man|woman|teen|teenager|toddler|child|"
                  r"son|daughter|infant|baby),? (?:aged? )?(\d{1,2})\b")


def ages_in(text: str) -> frozenset[int]:
    """The ages a text gives its people ("a 15-year-old", "boy, 8")."""
    return frozenset(int(a or b) for a, b in _AGE.findall(text.lower())) if text else frozenset()


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\.?(?: (?:[a-z]{1,3}-)?[A-Z][\w'’-]*\.?)*")


def name_grams(text: str) -> set[str]:
    """Runs of one to four capitalised words in ``text``, folded like place names."""
    out: set[str] = set()
    for run in _CAPITALISED.findall(text):
        words = run.split()
        for n in range(len(words)):
            for m in range(n + 1, min(len(words), n + 4) + 1):
                folded = fold_name(" ".join(words[n:m]))
                if len(folded) >= 4:
                    out.add(folded)
    return out


DIRECTION = re.compile(r"\b(?:east|west|north|south)", re.I)
_SIDE = {"east": "east", "eastern": "east", "west": "west", "western": "west", "north": "north",
         "northern": "north", "south": "south", "southern": "south"}


def sides_of(place_name: str | None, text: str) -> frozenset[str]:
    """Sides of its own town a text names ("western Mosul", "south of Kirkuk")."""
    if not place_name or not text or place_name not in text:
        return frozenset()
    pattern = (r"\b(east|eastern|west|western|north|northern|south|southern)\s+(?:of\s+|part of\s+)?"
               + re.escape(place_name) + r"\b")
    return frozenset(_SIDE[m.group(1).lower()] for m in re.finditer(pattern, text, re.I))


_MALE = frozenset({"man", "men", "boy", "boys", "he", "him", "himself", "his", "father", "fathers", "son", "sons",
                   "husband", "brother", "grandfather", "uncle", "male", "males", "gentleman"})
_FEMALE = frozenset({"woman", "women", "girl", "girls", "she", "her", "herself", "mother", "mothers", "daughter",
                     "daughters", "wife", "sister", "grandmother", "aunt", "female", "females", "lady"})
_HURT = ("killed", "wounded")


def victim_sexes(reports: Iterable[Report]) -> frozenset[str]:
    """The sexes the reports of people killed or wounded give their victims ("a woman", "herself", "boys").

    Read from the victim noun and the words of the count only, not the
    sentence (which names suspects and witnesses too).
    """
    out: set[str] = set()
    for rep in reports:
        if rep.outcome not in _HURT or rep.scope != "incident":
            continue
        for words in (rep.victims.detail, rep.count.text):
            w = (words or "").lower().strip()
            if w in _MALE:
                out.add("male")
            elif w in _FEMALE:
                out.add("female")
    return frozenset(out)



_BRANDING = re.compile(r"\s+[-|–—]\s+")


def headline(title: str | None) -> str:
    """A title without the site's branding after a dash or bar ("… shooting - WXYZ News 5 - Town, ST").

    Outlets append their name to every title, so two stories from one site
    would share it as a rare name. The tail is cut at the first separator
    when what precedes it has three words or more.
    """
    if not title:
        return ""
    parts = _BRANDING.split(title, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= 3:
        return parts[0].strip()
    return title.strip()


def unbranded(title: str | None, text: str, lead: str | None = None) -> str:
    """Title, evidence and lead as rare names are read: without the site's name (every story of
    the site has it)."""
    if lead:
        text = f"{text} {lead}"
    if not title:
        return text
    cut = headline(title)
    return f"{cut}. {text.replace(title, cut)}"


LEAD_CHARS = 600


def lead_of(text: str | None) -> str | None:
    """The opening of an article's story: its paragraphs of more than 60 characters (not a
    dateline, a photo credit or a sign-in box's button), up to :data:`LEAD_CHARS`. A victim or
    a suspect named there names the event, whichever sentence tells the casualties."""
    if not text:
        return None
    paras = [p.strip() for p in text[: LEAD_CHARS * 8].split("\n") if len(p.strip()) > 60]
    return " ".join(paras)[:LEAD_CHARS] or None
