"""Counts in verbless headlines: "4 shot in northwest", "One Dead, Four Wounded in Drive-By
Shooting", "7 Hurt in Galt". The parser reads such a number as a modifier of a noun ("shot"
as a noun) or of a title-case name ("Dead"), so the outcome words give no victim phrase.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from deathtoll.extract.lexicon import Lexicon
from deathtoll.extract.numbers import parse_count, word_value
from deathtoll.extract.victims import Victim, age_of
from deathtoll.model import Count

__all__ = ["headline_counts"]

# outcome word -> (outcome, soft): "shot" says a hit, not whether the person died
_WORDS = {"shot": ("wounded", True), "stabbed": ("wounded", True), "dead": ("killed", False),
          "killed": ("killed", False), "slain": ("killed", False), "wounded": ("wounded", False),
          "injured": ("wounded", False), "hurt": ("wounded", False), "hospitalized": ("wounded", False)}


def headline_counts(sent: Span, lex: Lexicon, taken: set[int]) -> list[tuple[Victim, Token, str, bool]]:
    """``(victim, outcome word, outcome, soft)`` for each "<number> <outcome word>" the
    parse left unread: the number stands right before the word and governs it or is
    governed by it, and neither is the trigger or victim of a statement already found
    (``taken``: token indices)."""
    out: list[tuple[Victim, Token, str, bool]] = []
    for t in sent:
        word = _WORDS.get(t.lower_)
        if word is None or t.i == sent.start or t.i in taken:
            continue
        num = t.doc[t.i - 1]
        age = age_of(num.text)
        if num.i in taken or num.i < sent.start or (age is None and word_value(num.text) is None) \
                or num.lower_ in ("a", "an", "another") or t.dep_ in ("dobj", "pobj", "attr"):
            continue  # "fired one shot", "a shot was fired", "many wounded": not a headline count
        if not (num.head == t or t.head == num or num.head == t.head and num.dep_ in ("compound", "nummod")):
            continue
        if any(c.dep_ == "dobj" for v in (t, *(c for c in t.children if c.dep_ == "conj")) for c in v.children):
            continue  # "a 15-year-old shot and killed a man": the number is the shooter
        before = t.doc[num.i - 1] if num.i > sent.start else None
        if before is not None and (before.like_num or before.lower_ in ("the", "of", "at", "by", "since", "to")):
            continue  # "1 of 4 shot", "at 4 dead-end streets": not a headline count
        count = Count(1, 1, 1, num.text) if age is not None else parse_count(num.text, lex.vague)
        if count is None or not count.best:
            continue  # an age word is one person: "16-year-old shot outside club"
        outcome, soft = word
        after = t.doc[t.i + 1 : t.i + 3].text.lower()
        if soft and after.startswith(("dead", "to death", "and killed")):
            outcome, soft = "killed", False  # "2 shot dead"
        group = ("civilian", "children") if age is not None and age < 18 else ("unknown", None)
        out.append((Victim(Count(count.low, count.best, count.high, num.text), *group, num.idx,
                           num.idx + len(num.text), rules=("count:headline-number",)), t, outcome, soft))
    return out
