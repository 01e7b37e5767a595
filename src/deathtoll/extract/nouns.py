"""Counts carried by nouns: "the deaths of 14 civilians", "12 deaths", "no fatalities",
"the death toll rose to 15", "a double homicide", "the victim of a deadly shooting"."""

from __future__ import annotations

from spacy.tokens import Token

from deathtoll.extract.lexicon import Lexicon
from deathtoll.extract.numbers import parse_count
from deathtoll.extract.victims import Victim, _num_phrase, read_victim
from deathtoll.model import Count

_ONE_DEATH = {"death", "homicide", "murder", "killing", "slaying"}
_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}  # "a double homicide"
_FATAL = {"deadly", "fatal", "lethal", "murderous"}
_EVENTS = {"shooting", "shootings", "attack", "attacks", "stabbing", "stabbings", "bombing", "bombings",
           "blast", "explosion", "ambush", "crash", "assault", "rampage", "strike", "airstrike", "raid"}


def conj_heads(tok: Token) -> list[Token]:
    """``tok`` and the nouns coordinated with it ("civilians and soldiers")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.extend(conj_heads(c))
    return out


def victims_of_fatal(t: Token) -> bool:
    """"the victim of a deadly shooting", "victims of the fatal attack": the victims died."""
    if t.lemma_.lower() != "victim":
        return False
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
            for ev in prep.children:
                if ev.dep_ == "pobj" and ev.lower_ in _EVENTS and any(c.lower_ in _FATAL for c in ev.children):
                    return True
    return False


def noun_trigger(t: Token, outcome: str, lex: Lexicon) -> list[tuple[Victim, Token, str]]:
    """ "the deaths of 14 civilians", "12 deaths", "no fatalities", "the death toll rose to 15"."""
    found: list[tuple[Victim, Token, str]] = []
    if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) or (t.i > 0 and t.doc[t.i - 1].lower_ == "no"):
        start = t.doc[t.i - 1].idx if t.i > 0 else t.idx
        outcomes = ("killed", "wounded") if outcome == "casualties" else (outcome,)
        for o in outcomes:
            found.append((Victim(Count(0, 0, 0, "no"), "unknown", None, start, t.idx + len(t.text), negative=True,
                                 rules=("count:negative",)), t, o))
        return found
    if outcome == "casualties":
        return found
    for prep in [c for c in t.children if c.dep_ == "prep"]:
        if prep.lower_ == "of":
            for pobj in [c for c in prep.children if c.dep_ == "pobj"]:
                for h in conj_heads(pobj):
                    v = read_victim(h, lex)
                    if v is not None and v.count is not None:
                        found.append((v, h, outcome))
    if found:
        return found
    if t.lower_ in ("body", "corpse") and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
        owner = next((c for c in t.children if c.dep_ == "poss" and (c.ent_type_ == "PERSON" or c.lower_ in ("his", "her")
                                                                    or c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON"))), None)
        if owner is not None:
            return [(Victim(Count(1, 1, 1, owner.text), "unknown", "person", owner.idx, owner.idx + len(owner.text),
                            rules=("count:body-of",)), owner, "killed")]
    if t.lower_ in ("toll",) or (t.lower_ == "death" and t.head.lower_ == "toll"):
        toll = t if t.lower_ == "toll" else t.head
        verb = toll.head
        for tok in verb.subtree:
            if tok.pos_ == "NUM" and tok.dep_ in ("pobj", "attr", "dobj", "appos", "npadvmod", "nummod") and tok.i > toll.i:
                v = read_victim(tok, lex)
                if v is not None and v.count is not None:
                    found.append((v, tok, "killed"))
                    break
        return found
    nums = [c for c in t.children if c.dep_ == "nummod" or (c.pos_ == "NUM" and c.i < t.i and c.dep_ in ("compound", "amod"))]
    det = next((c for c in t.children if c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this")), None)
    if not nums and det is not None and t.lower_ in _ONE_DEATH and t.dep_ != "compound" \
            and not any(c.lower_ in ("attempted", "attempt") for c in t.children):
        many = next((c for c in t.children if c.lower_ in _MULTIPLE), None)
        if many is not None:  # "a double homicide": two deaths
            n = _MULTIPLE[many.lower_]
            return [(Victim(Count(n, n, n, f"{det.text} {many.text} {t.text}"), "unknown", None, det.idx,
                            t.idx + len(t.text), rules=("count:multiple-death",)), t, "killed")]
        return [(Victim(Count(1, 1, 1, f"{det.text} {t.text}"), "unknown", None, det.idx, t.idx + len(t.text),
                        rules=("count:one-death",)), t, "killed")]
    if nums and t.lower_ in ("deaths", "fatalities", "bodies", "corpses", "injuries", "casualties", "hostages"):
        toks = _num_phrase(nums[0])
        text = t.doc[min(x.i for x in toks) : max(x.i for x in toks) + 1].text
        c = parse_count(text, lex.vague)
        if c is not None:
            found.append((Victim(c, "unknown", None, min(x.idx for x in toks), max(x.idx + len(x.text) for x in toks),
                                 rules=("count:noun-nummod",)), t, outcome))
    return found
