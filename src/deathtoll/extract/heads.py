"""Which tokens head the victim phrase of an outcome word: the subject of a passive ("two
men were shot"), the object of an active verb ("killed three soldiers"), the subject of an
intransitive one ("he died"), the noun an adjective describes ("the dead man"), and the slips
of headlines and parser splits (a bare participle, a number hung elsewhere)."""

from __future__ import annotations

from spacy.tokens import Token

from deathtoll.extract.acts import children_of, is_passive, noun_compound
from deathtoll.extract.context import SAY_VERBS
from deathtoll.extract.nouns import conj_heads

__all__ = ["victim_heads", "subject_of"]

_SAY_THAT = SAY_VERBS | {"believe"}  # "police confirmed two boys … were shot"
_STATE_VERBS = {"find", "discover", "leave", "report", "declare", "pronounce", "confirm", "list"}
_KILLED_MODS = {"dead", "death", "fatally", "killed"}


def subject_of(verb: Token) -> list[Token]:
    subs = children_of(verb, "nsubjpass", "nsubj")
    if subs:
        return subs
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [verb.head]
    return []


def _left_quantity(verb: Token) -> list[Token]:
    """Fallback when the parser lost the subject: "Several more were wounded"."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].dep_ in ("auxpass", "aux", "neg", "advmod") and doc[i].lower_ not in ("more", "others"):
        i -= 1
    if i >= 0 and (doc[i].lower_ in ("more", "others") or doc[i].pos_ == "NUM"):
        return [doc[i]]
    return []


def victim_heads(trigger: Token, outcome: str, kind: str) -> tuple[list[Token], str]:
    """The tokens that head the victim phrases of ``trigger``, and the rule used."""
    if kind in ("active", "passive", "shot"):
        if noun_compound(trigger):
            return [], ""
        head = trigger.head
        if trigger.tag_ == "VBN" and head.lemma_ in _STATE_VERBS and (trigger.dep_ in ("xcomp", "oprd") or trigger.dep_ in (
                "advcl", "ccomp") and any(c.i < trigger.i for c in children_of(head, "dobj"))):
            # "a woman was found shot dead", "police found a man stabbed", "left one man critically
            # injured": the state of the person found or left
            found = children_of(head, "nsubjpass") or children_of(head, "dobj")
            if found:
                return [h for s in found for h in conj_heads(s)], "victim:found-state"
        if is_passive(trigger) or kind == "passive":
            if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
                    and not children_of(trigger, "nsubjpass"):  # "reports that 30 protesters had been killed"
                return conj_heads(trigger.head), "victim:reduced-relative"
            subs = children_of(trigger, "nsubjpass") or _being_subject(trigger) or (
                [] if children_of(trigger, "dobj") else subject_of(trigger))
            if trigger.dep_ == "relcl" and subs and subs[0].lower_ in ("who", "that", "which"):
                subs = [trigger.head]
            if trigger.dep_ == "conj" and not children_of(trigger, "nsubjpass", "nsubj", "dobj"):
                subs = subject_of(trigger.head) if trigger.head.pos_ in ("VERB",) and is_passive(trigger.head) else subs
                said = [o for o in children_of(trigger.head, "dobj") if o.i < trigger.i]
                if children_of(trigger, "auxpass") and said and trigger.head.lemma_ in _SAY_THAT:
                    subs = said[:1]  # "police confirmed two boys, 15 and 16, were shot": a clause the parser split
            if subs:
                return [h for s in subs for h in conj_heads(s)], "victim:passive-subject"
            if not children_of(trigger, "dobj"):
                left = _left_quantity(trigger)
                if left:
                    return left, "victim:left-quantity"
        objs = children_of(trigger, "dobj")
        if objs:
            return [h for o in objs for h in conj_heads(o)], "victim:object"
        if (num := _trailing_number(trigger)) is not None:
            return [num], "victim:trailing-number"
        for c in trigger.children:  # "shot and killed a neighbour": the object is shared
            if c.dep_ == "conj" and c.pos_ == "VERB" and children_of(c, "dobj") and not children_of(c, "nsubj"):
                return [h for o in children_of(c, "dobj") for h in conj_heads(o)], "victim:shared-object"
        # headline passive without "was": "Woman shot, killed in …", "the victim shot dead"
        subj = children_of(trigger, "nsubj")
        if subj and trigger.tag_ in ("VBD", "VBN") and not children_of(trigger, "prep", "agent") or \
                subj and trigger.tag_ in ("VBD", "VBN") and all(c.lower_ != "by" for c in trigger.children):
            if subj[0].pos_ in ("NOUN", "PROPN", "NUM") and not children_of(trigger, "ccomp", "xcomp"):
                return [h for sb in subj for h in conj_heads(sb)], "victim:headline-passive"
        return [], ""
    if kind == "intrans":
        subs = children_of(trigger, "nsubj", "nsubjpass")
        if trigger.dep_ == "relcl" and subs and subs[0].lower_ in ("who", "that", "which"):
            subs = [trigger.head]
        if not subs and trigger.dep_ in ("relcl", "acl"):
            subs = [trigger.head]
        if not subs and trigger.dep_ == "conj":
            subs = subject_of(trigger.head)
        if not subs and trigger.dep_ == "xcomp" and trigger.head.pos_ in ("VERB", "AUX"):
            subs = subject_of(trigger.head)  # "twenty are believed to have died": raised to the verb above
        if not subs:
            subs = _left_quantity(trigger)
        return [h for s in subs for h in conj_heads(s)], "victim:subject"
    if kind == "adj":
        head = trigger.head
        if children_of(trigger, "dobj"):  # "a sniper shot dead a soldier", parsed with "dead" as the verb
            return [h for o in children_of(trigger, "dobj") for h in conj_heads(o)], "victim:adjective-object"
        if trigger.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj") and head.lemma_ in ("leave", "be", "remain", "find", "declare", "pronounce", "report", "lie", "list"):
            subs = (children_of(trigger, "nsubj") or [c for c in children_of(trigger, "nummod") if c.i < trigger.i]
                    or children_of(head, "dobj") or subject_of(head))
            return [h for s in subs for h in conj_heads(s)], "victim:left-adjective"
        if trigger.dep_ in ("amod", "acl") and head.pos_ in ("NOUN", "NUM", "PROPN", "PRON"):
            return [head], "victim:modified"
        if trigger.dep_ == "conj" and head.lower_ in _KILLED_MODS | {"wounded", "injured"}:
            return [], ""
        subs = [c for c in children_of(trigger, "nsubj", "nsubjpass", "nummod", "npadvmod") if c.i < trigger.i]
        if subs and trigger.dep_ in ("ROOT", "conj"):
            return subs[-1:], "victim:headline"
        return [], ""
    return [], ""


def _being_subject(verb: Token) -> list[Token]:
    """"resulted in his wife being shot": the noun right before "being", which the parser
    left outside the passive clause."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].lower_ != "being" or doc[verb.i - 1].head.i != verb.i:
        return []
    noun = doc[verb.i - 2]
    return [noun] if noun.pos_ in ("NOUN", "PROPN", "PRON") and noun.dep_ != "nsubjpass" else []


def _trailing_number(verb: Token) -> Token | None:
    """"a shooting that injured 7": a bare number right after an active verb with no object,
    which the parser hung elsewhere; not one that counts a noun after it ("killed 2 years ago")."""
    if is_passive(verb) or verb.i + 1 >= len(verb.doc):
        return None
    num = verb.doc[verb.i + 1]
    if num.tag_ != "CD" or num.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or num.head.i > num.i:
        return None
    after = verb.doc[num.i + 1] if num.i + 1 < len(verb.doc) else None
    return num if after is None or after.is_punct or after.pos_ in ("ADP", "CCONJ", "SCONJ", "ADV") else None
