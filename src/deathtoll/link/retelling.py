"""Which reports of an article tell the same people again, and which add new ones.

Two questions :mod:`deathtoll.link.within` asks of every report: does it only repeat
another report of its own sentence ("he died … his death was ruled a homicide"), and
does a later sentence add people ("another", "a second victim") or point back to the
people already told ("Both", "they")?
"""

from __future__ import annotations

from deathtoll.model import Report

__all__ = ["WHOLE", "restates_in_sentence", "is_additive"]

_ORDINALS = ("second", "third", "fourth", "fifth")
_BACK_REFERENCES = ("both", "all", "each", "the")
_ADDITIVE_WORDS = ("also", "another", "more", "additional", "further", "second", "third", "other")

_RESTATING_COUNTS = ("count:pronoun", "count:one-death")
WHOLE = "count:multiple-death"  # "a double homicide" names the whole of its sentence's dead


def _kind(r: Report) -> str:
    return "hit" if "outcome:hit-unspecified" in r.evidence.rules else r.outcome


def _local(r: Report, width: int = 40) -> str:
    ev = r.evidence
    at = ev.start - ev.sentence_start
    return ev.sentence[max(0, at - width) : ev.end - ev.sentence_start + width]


def _said_after(r: Report, width: int = 40) -> str | None:
    """The count and the ``width`` characters that follow it, or None near the sentence's end."""
    ev = r.evidence
    at, end = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    return ev.sentence[at : end + width] if end + width <= len(ev.sentence) else None


def restates_in_sentence(r: Report, reports: list[Report]) -> bool:
    """Whether ``r`` only repeats another report of its sentence.

    A "he" or "his death" beside a named victim of the same outcome in one sentence is
    that victim again ("An autopsy found he died … his death was ruled a homicide"); a
    scraped page that repeats its headline inside one sentence repeats its figures.
    """
    earlier = [x for x in reports if x.evidence.start < r.evidence.start and _kind(x) == _kind(r)]
    after = _said_after(r)
    if after is not None and any(x.count.best == r.count.best and _local(x, 0) == _local(r, 0)
                                 and _said_after(x) == after for x in earlier):
        return True  # the same count with the same words after it: a headline repeated
    demonstrative = (r.count.text or "").lower() in ("that", "this")  # "a victim … That person"
    if not (demonstrative or any(x in r.evidence.rules for x in _RESTATING_COUNTS)) or (r.count.best or 0) > 1:
        return False
    others = [x for x in reports if x is not r and _kind(x) == _kind(r)]
    if any(not any(y in x.evidence.rules for y in _RESTATING_COUNTS) for x in others):
        return True
    # two restating words only: "he died … the killing" is one death
    return any(x.evidence.start < r.evidence.start for x in others)


def is_additive(r: Report) -> bool:
    """Whether the sentence of ``r`` adds people to the incident it continues ("another",
    "also", "one more", "a second victim", a bare count borrowing the previous sentence's
    victims) rather than telling the same people again ("Both", "they", an update)."""
    if "count:update" in r.evidence.rules:
        return False
    text = (r.count.text or "").lower().split()
    if text and text[0] in _ADDITIVE_WORDS:
        return True
    phrase = _local(r, 0).lower().split()
    if phrase and phrase[0] in ("a", "an") and any(w in _ORDINALS for w in phrase[1:3]):
        return True  # "A second victim was found": one more
    if (text and text[0] in _BACK_REFERENCES) or "count:they-antecedent" in r.evidence.rules:
        return False  # "Both were taken to hospital", "they died": the people just named, again
    local = _local(r).lower()
    return " also " in f" {local} " or " one more " in f" {local} " or "ellipsis-previous" in " ".join(r.evidence.rules)
