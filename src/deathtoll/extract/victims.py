"""From a victim phrase in the parse to a count and a victim group.

A victim phrase is the token the outcome word points at (the passive subject of
"were killed", the object of "killed", the subject of "died") and its modifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from deathtoll.extract.lexicon import Lexicon
from deathtoll.extract.numbers import parse_count, word_value
from deathtoll.model import Count

_AGE = re.compile(r"^(\d{1,3}|[a-z]+(?:-[a-z]+)?)-(year|month|week|day)s?-(olds?)$", re.I)
PRONOUN_ONE = {"he", "she", "him", "her", "himself", "herself", "self"}  # "officer shoots self" (headlines)
PRONOUN_MANY = {"they", "them", "themselves", "those", "who", "which", "that"}
NEGATIVE = {"no", "none", "nobody", "noone", "no-one"}
_VAGUE_HEADS = {"dozens", "scores", "hundreds", "thousands", "tens", "handful", "dozen", "couple", "number", "millions"}
_QUALIFIER_WORDS = {"at", "least", "more", "than", "nearly", "almost", "about", "around", "some", "over", "roughly",
                    "approximately", "up", "to", "as", "many", "fewer", "less", "under", "just", "close", "no",
                    "estimated", "an", "a", "additional", "further", "another", "upwards", "of", "excess", "in",
                    "minimum", "most", "between", "and", "or", "only", "exactly", "precisely", "nearly", "almost"}
_COUNT_MODS = {"advmod", "quantmod", "nummod", "det", "amod", "predet", "compound", "cc", "conj", "prep", "pobj", "npadvmod", "nmod"}
# words that look like counts but are not people (vehicles, places, money, time)
NOT_PEOPLE = {
    "year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes",
    "percent", "%", "km", "kilometres", "kilometers", "miles", "mile", "metres", "meters", "dollars", "dinars",
    "vehicle", "vehicles", "car", "cars", "truck", "trucks", "house", "houses", "building", "buildings",
    "district", "districts", "village", "villages", "area", "areas", "road", "roads", "bridge", "bridges",
    "tank", "tanks", "weapon", "weapons", "round", "rounds", "shot", "shots", "time", "times", "point",
    "homes", "home", "neighbourhoods", "neighborhoods", "report", "reports", "case", "cases", "incident",
    "incidents", "attack", "attacks", "bomb", "bombs", "strike", "strikes", "airstrike", "airstrikes",
}


@dataclass
class Victim:
    """What a victim phrase says: a count (or None when unstated), group and detail."""

    count: Count | None
    group: str
    detail: str | None
    start: int  # character offsets of the count words (or of the phrase), within the doc
    end: int
    negative: bool = False
    elliptic: bool = False  # "seven were wounded": a bare number that borrows its noun
    rules: tuple[str, ...] = ()


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    i, j = min(t.i for t in tokens), max(t.i for t in tokens)
    return doc[i : j + 1].text


def _num_phrase(num: Token) -> list[Token]:
    """The number and its qualifiers: "at least" + "seven", "between 10 and 15"."""
    toks = [num]
    for c in num.children:
        if c.dep_ == "amod" and c.i > num.i:
            continue  # "eight more", "four wounded"
        if c.dep_ in ("advmod", "quantmod") and not all(_qualifier_or_number(t) for t in c.subtree):
            continue  # "Possibly 15", "So far 75": an adverb of the clause, not part of the count
        if c.dep_ in ("advmod", "quantmod", "cc", "conj", "nummod", "compound", "det", "amod") and c.i < num.i + 4:
            toks.extend(c.subtree)
        elif c.dep_ == "prep" and c.i == num.i + 1 and c.lower_ in ("to",):
            toks.extend(c.subtree)
    # "at least" is sometimes attached to the noun instead of the number
    head = num.head
    if num.dep_ == "nummod":
        for c in head.children:
            if c.dep_ in ("advmod", "quantmod") and c.i < num.i and all(_qualifier_or_number(t) for t in c.subtree):
                toks.extend(c.subtree)
    i = min(t.i for t in toks)
    # pull in qualifier words directly before the phrase ("some", "an estimated", "nearly")
    doc = num.doc
    while i > 0 and doc[i - 1].lower_ in ("least", "at", "than", "more", "nearly", "almost", "about", "around",
                                           "some", "over", "roughly", "approximately", "estimated", "an",
                                           "up", "to", "as", "many", "fewer", "less", "under", "between",
                                           "no", "close", "just", "upwards", "of", "further", "additional",
                                           "another") and doc[i - 1].pos_ != "VERB":
        if doc[i - 1].lower_ in ("of",) and not (i > 1 and doc[i - 2].lower_ in ("upwards", "excess")):
            break
        if doc[i - 1].lower_ in ("to", "as", "many", "more") and not _qualifier_context(doc, i - 1):
            break
        if doc[i - 1].lower_ == "at" and doc[i].lower_ not in ("least", "most"):
            break  # "stands at 88": a preposition, not "at least"
        i -= 1
    end = max(t.i for t in toks) + 1
    while i < num.i and not any(ch.isalnum() for ch in doc[i].text):
        i += 1  # "× Two teens": a scraped page's close button is no part of the count
    return [t for t in doc[i:end]]


def _qualifier_or_number(tok: Token) -> bool:
    return tok.lower_ in _QUALIFIER_WORDS or tok.pos_ == "NUM" or tok.text in ("-", "–") or word_value(tok.text) is not None


def _qualifier_context(doc, i: int) -> bool:
    """Is doc[i] part of a multi-word qualifier like "up to", "as many as", "more than"?"""
    w = doc[i].lower_
    prev = doc[i - 1].lower_ if i > 0 else ""
    if w == "to":
        return prev == "up"
    if w in ("as", "many"):
        return prev in ("as", "many") or (w == "as" and i + 1 < len(doc) and doc[i + 1].lower_ == "many")
    if w == "more":
        return False
    return True


def victim_lookup(head: Token, lex: Lexicon) -> tuple[str, str] | None:
    """Group and detail of a victim noun, trying compounds first ("special forces soldiers")."""
    words = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i] + [head.lower_]
    for k in range(len(words)):
        key = " ".join(words[k:])
        if key in lex.victims:
            return lex.victims[key]
    lemma = head.lemma_.lower()
    if lemma in lex.victims:
        return lex.victims[lemma]
    return None


def _group_from_modifiers(head: Token, lex: Lexicon, found: tuple[str, str] | None) -> tuple[str, str] | None:
    """Adjectives that decide the group: "civilian casualties", "Iraqi soldiers", "ISIS fighters"."""
    for c in head.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in ("civilian", "innocent"):
            return ("civilian", found[1] if found else "civilians")
        if c.dep_ in ("amod", "compound") and c.lower_ in ("isis", "isil", "daesh", "jihadist", "extremist", "militant", "insurgent", "terrorist", "suicide"):
            if found and found[0] in ("unknown", "militants"):
                return ("militants", found[1])
    return found


def read_victim(head: Token, lex: Lexicon) -> Victim | None:
    """Read the count and group of the phrase headed by ``head``.

    Returns None when the phrase is not about people (a year, a vehicle, a place).
    """
    doc = head.doc
    lower = head.lower_
    rules: list[str] = []
    if not any(ch.isalnum() for ch in head.text):
        return None  # "Hawkins Sr." split as "Sr" + ".": the period is no second person
    if lower in NOT_PEOPLE or head.lemma_.lower() in NOT_PEOPLE:
        return None
    if (age := age_of(head.text)) is not None:
        return _age_noun(head, age, lex)
    if lower in ("total", "tally") and (inner := _of_object(head)) is not None:
        found = read_victim(inner, lex)  # "a total of 90 soldiers": the soldiers
        return found if found is None else Victim(found.count, found.group, found.detail, found.start, found.end,
                                                  found.negative, found.elliptic, found.rules + ("count:a-total-of",))
    if lower in ("second", "third", "fourth", "fifth") and any(c.lower_ in ("a", "another") for c in head.children):
        return Victim(Count(1, 1, 1, f"a {lower}"), "unknown", None, head.idx, head.idx + len(head.text),
                      elliptic=True, rules=("count:an-ordinal",))  # "a second was injured"

    if head.pos_ == "PROPN" and any(age_of(c.text) is not None for c in head.children if c.i < head.i):
        # "38-year-old April Ransom": a name with an age is a person, whatever the entity tagger says
        return Victim(Count(1, 1, 1, head.text), "unknown", "person", head.idx, head.idx + len(head.text),
                      rules=("count:named-person",))
    if head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "GPE", "LOC", "FAC", "ORG") \
            and head.pos_ != "NUM" and not victim_lookup(head, lex):
        return None

    # negatives: "no one", "nobody", "no civilians"
    det_no = any(c.dep_ == "det" and c.lower_ in NEGATIVE and not _comparative_after(c) for c in head.children)
    if (lower in NEGATIVE and not _comparative_after(head)) or det_no or (lower == "one" and head.i > 0 and doc[head.i - 1].lower_ == "no"):
        found = victim_lookup(head, lex) or ("unknown", None)
        return Victim(Count(0, 0, 0, _span_text([head])), found[0], found[1], head.idx, head.idx + len(head.text),
                      negative=True, rules=("count:negative",))

    if head.pos_ == "NUM" and (_is_apposed_age_or_year(head) or _is_clock(head) or _is_dialled(head)
                               or _is_age(head, lex)):
        return None
    # a bare number or vague quantity as the head: "seven were wounded", "dozens of civilians", "50 of their own"
    noun = head
    num_tokens: list[Token] | None = None
    if (head.pos_ == "NUM" or word_value(head.text) is not None and head.pos_ in ("NUM", "PRON", "DET", "NOUN", "ADJ")) \
            and not (lower in _VAGUE_HEADS and head.pos_ != "NUM"):  # "Hundreds of thousands": the vague path
        num_tokens = _num_phrase(head)
        noun = None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    noun = pobj
        rules.append("count:number-head")
    elif lower in _VAGUE_HEADS:
        num_tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ != "punct"]
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in _VAGUE_HEADS:  # "tens of thousands (of people)"
                    num_tokens = [t for t in doc[min(t.i for t in num_tokens) : pobj.i + 1]]
                    inner = next((g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "of"), None)
                    pobj = next((g for g in inner.children if g.dep_ == "pobj"), None) if inner is not None else None
                    noun = pobj if pobj is not None else head
                elif pobj is not None:
                    noun = pobj
        if noun == head:
            noun = None
        rules.append("count:vague")
    else:
        nums = [c for c in head.children if c.dep_ == "nummod" or (c.pos_ == "NUM" and c.dep_ in ("compound", "amod", "quantmod"))
                or (c.dep_ == "amod" and c.i < head.i and c.lower_ not in ("one",) and word_value(c.text) is not None)]
        nums = [c for c in nums if not _is_age(c, lex) and any(ch.isalnum() for ch in c.text)]  # not "× Two teens"
        if nums:
            num_tokens = _num_phrase(nums[0])
            rules.append("count:nummod")
        else:
            mods = [c for c in head.children if c.dep_ in ("amod", "det", "advmod", "quantmod") and c.i < head.i]
            phrase = [t for c in mods for t in c.subtree]
            text = " ".join(t.lower_ for t in sorted(phrase, key=lambda t: t.i))
            vague_key = next((k for k in sorted(lex.vague, key=len, reverse=True) if k == text or text.endswith(k) and k in text), None)
            if vague_key:
                num_tokens = sorted(phrase, key=lambda t: t.i)
                rules.append("count:vague")

    if noun is not None and noun.lower_ in NOT_PEOPLE:
        return None

    # group
    found: tuple[str, str] | None = None
    elliptic = False
    if noun is not None:
        if noun.lower_ == "own":
            found = ("militants", "own members")  # "X of their own": resolved by the caller to the actor's group
            rules.append("victim:own-members")
        elif noun.lower_ == "them" and noun != head and (earlier := _antecedent_group(noun, lex)):
            found = earlier  # "at least 70 of them": the people named before in the sentence
            rules.append("victim:of-them")
        elif noun.lower_ in PRONOUN_MANY | {"them", "others", "other", "more"}:
            elliptic = True
        else:
            found = victim_lookup(noun, lex)
            found = _group_from_modifiers(noun, lex, found)
    else:
        elliptic = True

    count: Count | None = None
    if num_tokens:
        count = parse_count(_span_text(num_tokens), lex.vague)
        if count is None and head.pos_ == "NUM":
            return None

    if count is None and noun is not None and not num_tokens:
        # singular: "a policeman", "one more", "the victim", "John Smith", "he"
        if noun.lower_ in PRONOUN_ONE:
            count, found, elliptic = Count(1, 1, 1, noun.text), found or ("unknown", "person"), True
            rules.append("count:pronoun")
        elif noun.ent_type_ == "PERSON" or (noun.pos_ == "PROPN" and not found and noun.ent_type_ == ""
                                             and any(c.dep_ == "appos" and victim_lookup(c, lex) for c in noun.children)):
            count, found = Count(1, 1, 1, noun.text), found or ("unknown", "person")
            rules.append("count:named-person")
        elif noun.tag_ in ("NN", "NNP") and found:
            # a singular victim noun is one person: "a policeman", "the victim", "Officer"
            det = next((c for c in noun.children if c.dep_ == "det" and c.i < noun.i), None)
            count = Count(1, 1, 1, det.text if det is not None else noun.text)
            rules.append("count:singular")
        if found is None and count is not None and noun.pos_ == "NOUN" and not victim_lookup(noun, lex):
            return None
    if noun is not None and found is None and not elliptic:
        # a noun we do not know as a person: refuse unless it is a plain number phrase
        if noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ != "PERSON":
            return None
    if count is None and found is None and not elliptic:
        return None
    if num_tokens:
        start = min(t.idx for t in num_tokens)
        end = max(t.idx + len(t.text) for t in num_tokens)
    else:
        ref = noun if noun is not None else head
        det = next((c for c in ref.children if c.dep_ == "det" and c.i < ref.i), None)
        first = det if det is not None else ref
        start, end = first.idx, ref.idx + len(ref.text)
    group, detail = found if found else ("unknown", None)
    return Victim(count, group, detail, start, end, elliptic=elliptic, rules=tuple(rules))


def age_of(text: str) -> int | None:
    """The age in years an age word gives ("17-year-old" 17, "six-month-old" 0), else None.

    >>> age_of("17-year-old"), age_of("twenty-one-year-olds"), age_of("five-month-old"), age_of("all-year-old")
    (17, 21, 0, None)
    """
    m = _AGE.match(text)
    if m is None:
        return None
    n = word_value(m.group(1))
    if n is None:
        return None
    return n if m.group(2).lower() == "year" else 0


def _age_noun(head: Token, age: int, lex: Lexicon) -> Victim | None:
    """"a 17-year-old was wounded", "two 15-year-olds": an age standing for a person.

    The tokenizer keeps such words whole (``keep_ages_whole``); a child is a
    civilian, as "boy" and "girl" are in ``victims.tsv``.
    """
    group = ("civilian", "children") if age < 18 else ("unknown", "people")
    if head.lower_.endswith("s"):
        nums = [c for c in head.children if c.dep_ == "nummod" or (c.pos_ == "NUM" and c.i < head.i)]
        if not nums:
            return Victim(None, *group, head.idx, head.idx + len(head.text), elliptic=False, rules=("victim:age",))
        toks = _num_phrase(nums[0])
        count = parse_count(_span_text(toks), lex.vague)
        if count is None:
            return None
        return Victim(count, *group, min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks),
                      rules=("victim:age", "count:nummod"))
    det = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
    if det is not None and det.lower_ in NEGATIVE:
        return None
    first = det if det is not None else head
    return Victim(Count(1, 1, 1, first.text), *group, first.idx, head.idx + len(head.text),
                  rules=("victim:age", "count:singular"))


def _of_object(head: Token) -> Token | None:
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None


def _is_age(tok: Token, lex: Lexicon) -> bool:
    """"a 60-year-old woman", "aged 25", "ages 20-27", "boys as young as 9": the number is an age."""
    if age_of(tok.text) is not None:
        return True
    doc = tok.doc
    nxt = doc[tok.i + 1 : tok.i + 4].text.lower()
    if nxt.startswith(("-year", "year-old", "-month", "years old", "-years", "year old")):
        return True
    prev = doc[max(0, tok.i - 2) : tok.i].text.lower()
    if prev.endswith(("aged", "age", "ages", "as young as", "as old as")):
        return True
    # "kills man, 18 Jose Estrada …" (a scraped headline run into its subhead): a number after one
    # person (a singular victim noun) and a comma is that person's age, whatever the parser hung it on
    if tok.i < 2 or doc[tok.i - 1].text != "," or tok.head.i <= tok.i:
        return False
    person = doc[tok.i - 2]
    return person.tag_ == "NN" and victim_lookup(person, lex) is not None


def _is_apposed_age_or_year(num: Token) -> bool:
    """"Boy, 9, dies" (an age between commas) or "the first homicide of 2016" (a year)."""
    doc = num.doc
    prev = doc[num.i - 1] if num.i > 0 else None
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if prev is not None and prev.text == "," and num.i > 1 and doc[num.i - 2].pos_ in ("NOUN", "PROPN", "INTJ", "X") \
            and (nxt is None or nxt.text in (",", ")")):
        return True
    t = num.text
    if len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100:
        has_noun = any(c.dep_ == "prep" and c.lower_ == "of" for c in num.children)
        return not has_noun
    return False


_CALLING = frozenset({"dial", "call", "phone", "text", "ring"})  # verbs whose number is a phone's


def _is_clock(num: Token) -> bool:
    """"shot around 1 a.m.": a time of day."""
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    return nxt is not None and nxt.lower_.rstrip(".") in ("a.m", "p.m", "am", "pm", "o'clock")


def _is_dialled(num: Token) -> bool:
    """"already dialing 911", "called 911": a number called."""
    return num.i > 0 and num.doc[num.i - 1].lemma_.lower() in _CALLING


def _comparative_after(tok: Token) -> bool:
    """"No fewer than 12": "no" is part of a qualifier, not a negation."""
    nxt = tok.doc[tok.i + 1 : tok.i + 3].text.lower()
    return nxt.startswith(("fewer than", "less than", "more than"))


def _antecedent_group(pronoun: Token, lex: Lexicon) -> tuple[str, str] | None:
    """The nearest plural victim noun before ``pronoun`` in its sentence."""
    for tok in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if tok.tag_ in ("NNS", "NNPS"):
            found = victim_lookup(tok, lex)
            if found:
                return found
    return None
