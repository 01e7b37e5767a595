"""What the clause of an outcome word says about the act: done or only intended, aimed at
a target or a hit, fatal, a trip to hospital for a check, people held somewhere, a stock of
the displaced. Predicates on the parse used by :mod:`deathtoll.extract.rules`."""

from __future__ import annotations

from spacy.tokens import Token

from deathtoll.extract.lexicon import Lexicon
from deathtoll.extract.victims import victim_lookup

__all__ = ["children_of", "is_passive", "noun_compound", "struck_by_fire", "is_time", "at_a_place", "is_fatal", "intended",
           "for_a_check", "caught_in", "to_hospital", "displaced_stock", "HOSPITAL_NOUNS"]


HOSPITAL_NOUNS = {"hospital", "hospitals", "clinic", "infirmary"}


# verbs and nouns whose "to …" is an intention, a threat or a request, not an act
_INTENT = {"threaten", "try", "attempt", "want", "plan", "vow", "intend", "plot", "seek", "hope", "prepare",
           "refuse", "threat", "order", "urge", "ask", "tell", "yell", "beg", "dare", "promise", "decide",
           "conspire", "hire", "offer", "agree", "wish", "need", "mean", "aim", "scheme", "effort"}


def children_of(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` with one of the dependency labels ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """A passive verb, or a bare past participle that reads as one ("Woman shot in park")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "conj", "advcl", "ROOT", "ccomp") and not children_of(verb, "dobj")
        and not children_of(verb, "aux"))  # "deputy struck by bullet, sheriff says"; not "has shot"


_COMPOUND_HEADS = {"suspect", "suspects", "victim", "victims", "survivor", "survivors", "spree", "scene", "suspect's"}


def noun_compound(trigger: Token) -> bool:
    """"shooting suspect Jon Hardy", "stabbing victims": a gerund the parser took for a verb
    with an object is the first half of a noun compound (no subject, no auxiliary, no article)."""
    if trigger.tag_ != "VBG" or trigger.i + 1 >= len(trigger.doc):
        return False
    nxt = trigger.doc[trigger.i + 1]
    return nxt.lower_ in _COMPOUND_HEADS and nxt.head.i == trigger.i and not children_of(trigger, "nsubj", "aux")


_PROJECTILES = {"bullet", "bullets", "round", "rounds", "gunfire", "gunshot", "gunshots", "shrapnel", "pellet",
                "pellets", "buckshot", "fire", "shot", "shots", "crossfire"}


_GUNS = {"gun", "handgun", "pistol", "rifle", "shotgun", "firearm", "weapon", "revolver", "blast"}


def struck_by_fire(verb: Token) -> bool:
    """"a boy was hit by a stray bullet", "struck by gunfire", "a round struck the girl": a hit
    whose agent or subject is a projectile is a gunshot (what "hit by a car" is not)."""
    if verb.lemma_.lower() not in ("hit", "strike") or verb.pos_ not in ("VERB", "AUX"):
        return False
    agents = [p for a in children_of(verb, "agent") for p in children_of(a, "pobj")]
    if agents:
        return any(p.lower_ in _PROJECTILES for p in agents)
    if is_passive(verb):
        return False
    subjects = children_of(verb, "nsubj")
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp"):  # "the gun went off, hitting him in the leg"
        subjects = children_of(verb.head, "nsubj")
    return any(s.lower_ in _PROJECTILES or s.lower_ in _GUNS for s in subjects)


def is_time(prep: Token) -> bool:
    """"at 9 p.m.", "at dawn": the preposition gives a time, not a target."""
    return any(t.ent_type_ in ("TIME", "DATE") or t.lower_ in ("dawn", "dusk", "night", "noon", "midnight")
               for t in prep.subtree)


_TARGETS = {"car", "cars", "vehicle", "vehicles", "truck", "house", "window", "windows", "door", "crowd", "him", "her",
            "them", "us", "me", "police", "officers", "deputies", "troopers", "agents"}


def at_a_place(prep: Token, verb: Token, lex: Lexicon) -> bool:
    """"A man was shot at a shopping center": where the passive hit happened, not what was fired at
    ("shot at the car", "shot at officers")."""
    if prep.lower_ != "at" or not is_passive(verb):
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lower_ in _TARGETS:
        return False
    return not victim_lookup(obj, lex)


def is_fatal(trigger: Token) -> bool:
    """"shot dead", "fatally shot", "shot and killed", "shot, killed", "shot to death"."""
    doc = trigger.doc
    after = doc[trigger.i + 1 : trigger.i + 3].text.lower()
    if after.startswith(("dead", "to death", "and killed", ", killed", "and kill")):
        return True
    if trigger.i > 0 and doc[trigger.i - 1].lower_ == "fatally":
        return True
    for c in trigger.children:
        if c.dep_ == "conj" and c.lemma_ in ("kill",) and not children_of(c, "nsubj", "nsubjpass"):
            return True  # "shot and killed", not "a man was shot, and a boy was killed"
        if c.lower_ in ("dead", "fatally") or (c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)):
            return True
    return False


def intended(verb: Token) -> bool:
    """A base-form act that did not happen (yet): an infinitive ("threatened to kill"), a modal
    ("would shoot") or a command ("go ahead and kill me"); not "did not kill" (a denial)."""
    if verb.tag_ != "VB":
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in aux):
        return True
    if any(c.lower_ == "to" for c in aux):  # "went on to kill three" happened; "threatened to kill" did not
        return verb.head.lemma_.lower() in _INTENT
    if verb.dep_ == "conj" and verb.head.tag_ == "VB":
        return intended(verb.head)
    return not aux and not children_of(verb, "nsubj", "nsubjpass") and verb.dep_ in ("ROOT", "ccomp", "xcomp")


_CHECKS = ("evaluation", "clearance", "precaution", "observation", "check", "checkup", "check-up", "checked",
           "examination", "assessment", "medical clearance")


def for_a_check(verb: Token) -> bool:
    """"taken to the hospital for a medical clearance", "… as a precaution", "to be checked out":
    a trip to hospital that names no injury."""
    words = {t.lower_ for c in verb.children if c.dep_ in ("prep", "advcl", "xcomp", "advmod") for t in c.subtree}
    return bool(words & set(_CHECKS))


def caught_in(verb: Token) -> bool:
    """"are caught in the old city" (held there), not "caught by police" nor "caught on camera"."""
    if not children_of(verb, "nsubjpass") or children_of(verb, "agent"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "inside") and
               not any(g.lower_ in ("act", "camera", "video", "crossfire", "middle", "traffic", "rain") for g in c.subtree)
               for c in verb.children)


def to_hospital(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "at", "in"):
            if any(g.lower_ in HOSPITAL_NOUNS or g.lemma_ in HOSPITAL_NOUNS for g in c.subtree):
                return True
    return False


def displaced_stock(trig: Token) -> str | None:
    """Displacement told as a stock, not an event: "the camp is home to 1,500 displaced persons"
    (the word describes people who are there) or a perfect tense without a day ("thousands have
    fled the city": a running count)."""
    if trig.dep_ in ("amod", "compound") or (trig.dep_ == "acl" and trig.tag_ == "VBN"
                                             and trig.head.dep_ not in ("nsubj", "nsubjpass")):
        return "scope:displaced-stock"
    aux = [c for c in trig.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lemma_ == "have" for c in aux) and not any(
            t.ent_type_ in ("DATE", "TIME") for c in trig.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree):
        return "scope:displaced-perfect"
    return None
