"""Counts carried by nouns: "the deaths of 14 civilians", "12 deaths", "no fatalities",
"the death toll rose to 15", "a double homicide", "the victim of a deadly shooting", "a deadly
shooting", "the number of people fleeing has reached 28,000", "this number has decreased to
4,000", "180,000 people still under ISIS control"."""

from __future__ import annotations

from spacy.tokens import Token

from deathtoll.extract.acts import children_of
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
        elif c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and _listed(c):
            out.extend(conj_heads(c))  # "Ann Lee, her husband and six children": a list, not an apposition
    return out


def _listed(appos: Token) -> bool:
    """An apposition that goes on with "and" + a counted noun is the second item of a list."""
    return any(c.dep_ == "cc" for c in appos.children) and any(
        c.dep_ == "conj" and any(g.dep_ == "nummod" for g in c.children) for c in appos.children)


def victims_of_fatal(t: Token) -> bool:
    """"the victim of a deadly shooting", "victims of the fatal attack", "a homicide victim": the victims died."""
    if t.lemma_.lower() != "victim":
        return False
    if any(c.dep_ == "compound" and c.lower_ in ("homicide", "murder", "slaying") for c in t.children):
        return True  # "the homicide victim": a victim of a killing died
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
    lead = det if det is not None else _headline_lead(t)
    if not nums and lead is not None and t.lower_ in _ONE_DEATH and t.dep_ != "compound" \
            and not any(c.lower_ in ("attempted", "attempt") for c in t.children):
        many = next((c for c in t.children if c.lower_ in _MULTIPLE), None)
        if many is not None:  # "a double homicide": two deaths
            n = _MULTIPLE[many.lower_]
            return [(Victim(Count(n, n, n, t.doc[lead.i : t.i + 1].text), "unknown", None, lead.idx,
                            t.idx + len(t.text), rules=("count:multiple-death",)), t, "killed")]
        return [(Victim(Count(1, 1, 1, t.doc[lead.i : t.i + 1].text), "unknown", None, lead.idx, t.idx + len(t.text),
                        rules=("count:one-death",)), t, "killed")]
    if nums and t.lower_ in ("deaths", "fatalities", "bodies", "corpses", "injuries", "casualties", "hostages"):
        toks = _num_phrase(nums[0])
        text = t.doc[min(x.i for x in toks) : max(x.i for x in toks) + 1].text
        c = parse_count(text, lex.vague)
        if c is not None:
            found.append((Victim(c, "unknown", None, min(x.idx for x in toks), max(x.idx + len(x.text) for x in toks),
                                 rules=("count:noun-nummod",)), t, outcome))
    return found


_NUMBER_VERBS = {"reach", "rise", "climb", "jump", "increase", "grow", "stand", "hit", "top", "swell", "exceed", "surpass"}
_CHANGE_VERBS = _NUMBER_VERBS | {"decrease", "drop", "fall", "decline", "shrink", "ease", "dip", "slow"}


def this_number(t: Token, lex: Lexicon) -> tuple[Victim, Token] | None:
    """"10,000 were fleeing every day last week, but this number has decreased to 4,000": the
    new figure of the one just given (its outcome, victims and scope come from that one)."""
    if t.lower_ not in ("number", "figure", "toll") or not any(c.dep_ == "det" and c.lower_ in ("this", "that")
                                                               for c in t.children):
        return None
    verb = t.head
    if t.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in _CHANGE_VERBS:
        return None
    num = next((x for x in verb.subtree if x.i > verb.i and x.pos_ == "NUM" and x.dep_ in ("dobj", "pobj", "attr")), None)
    v = read_victim(num, lex) if num is not None else None
    return (v, num) if v is not None and v.count is not None else None


def number_of(t: Token, lex: Lexicon) -> tuple[Victim, Token, str] | None:
    """"the number of dead rose to 17", "the number of people fleeing the city has reached
    28,000": a running figure named by "the number of" and the verb that sets it."""
    if t.lower_ != "number" or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children):
        return None
    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    what = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    verb = t.head
    if what is None or t.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in _NUMBER_VERBS:
        return None
    outcome = None
    entry = lex.outcomes.get(what.lower_) or lex.outcomes.get(what.lemma_.lower())
    if entry is not None:
        outcome = entry[0]  # "the number of dead", "the number of displaced"
    else:
        act = next((c for c in what.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.outcomes), None)
        if act is not None:
            outcome = lex.outcomes[act.lemma_.lower()][0]  # "the number of people fleeing"
    if outcome is None or outcome == "casualties":
        return None
    num = next((x for x in verb.subtree if x.i > verb.i and x.pos_ == "NUM" and x.dep_ in ("dobj", "pobj", "attr")), None)
    if num is None:
        return None
    v = read_victim(num, lex)
    if v is None or v.count is None:
        return None
    group = read_victim(what, lex) if what.pos_ == "NOUN" else None
    if group is not None and group.group != "unknown":
        v = Victim(v.count, group.group, group.detail, v.start, v.end, rules=v.rules)
    return v, num, outcome


def held_under(t: Token, lex: Lexicon) -> tuple[Victim, Token, str] | None:
    """"180,000 people still under ISIS control", "civilians under siege": people held where
    they are, i.e. trapped (only with a figure: "an area under government control" is none)."""
    if t.lower_ not in ("control", "siege") or t.dep_ != "pobj" or t.head.lower_ != "under":
        return None
    under = t.head
    people = under.head
    if people.lemma_ in ("remain", "be", "live", "stay"):  # "20,000 civilians remain under siege"
        people = next((c for c in people.children if c.dep_ in ("nsubj", "nsubjpass")), people)
    if people.pos_ not in ("NOUN", "NUM"):  # the parser hung "under" on the verb: the noun just before it
        j = under.i - 1
        while j > 0 and t.doc[j].dep_ == "advmod":
            j -= 1
        people = t.doc[j]
        if people.pos_ not in ("NOUN", "NUM"):
            return None
    v = read_victim(people, lex)
    if v is None or v.count is None or not v.count.best or v.negative:
        return None
    return v, people, "trapped"


def _headline_lead(t: Token) -> Token | None:
    """A death noun without an article, as headlines write it: "teens charged in killing", "trial
    for quadruple homicide" (the first word of the noun phrase); not a charge ("arrested for murder")."""
    if t.dep_ != "pobj" or t.head.lower_ not in ("in", "for", "after", "over"):
        return None
    if t.head.lower_ == "for" and not any(c.lower_ in _MULTIPLE for c in t.children):
        return None
    return t.doc[min([t.i] + [c.i for c in t.children if c.i < t.i])]


def bare_killing(t: Token) -> list[tuple[Victim, Token, str]]:
    """"two teens charged in killing", "arrested after slaying": a killing named as an event,
    parsed as a gerund with no subject and no object, is one death."""
    if t.tag_ != "VBG" or t.lemma_.lower() not in ("kill", "murder", "slay") or t.dep_ not in ("pcomp", "pobj") \
            or t.head.lower_ not in ("in", "for", "after", "over") or children_of(t, "dobj", "nsubj", "prep"):
        return []
    return [(Victim(Count(1, 1, 1, t.text), "unknown", None, t.idx, t.idx + len(t.text), rules=("count:one-death",)),
             t, "killed")]


_HURT_STATES = {"recovering", "critical", "hospitalized", "hospitalised"}
_HIT_VERBS = {"shoot", "stab", "wound", "injure", "hit", "strike"}


def hurt_after_event(t: Token, lex: Lexicon) -> list[tuple[Victim, Token, str]]:
    """"woman recovering after accidental shooting", "boy, 10, critical after shooting": a person
    in a state of harm after a shooting or an attack was hurt in it."""
    if t.lower_ not in _HURT_STATES and not (t.lemma_.lower() == "recover" and t.pos_ == "VERB"):
        return []
    preps = [p for p in [*t.children, *(t.head.children if t.dep_ == "acomp" else ())] if p.dep_ == "prep"]
    if not any(p.lower_ == "after" and any(e.dep_ == "pobj" and e.lower_ in _EVENTS or e.dep_ == "pcomp"
                                           and e.lemma_.lower() in _HIT_VERBS for e in p.children) for p in preps):
        return []
    if t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
        heads = [t.head]
    elif t.dep_ == "acomp":
        heads = children_of(t.head, "nsubj")
    elif t.pos_ == "VERB":  # "she is recovering after …", "a woman is expected to recover after …"
        heads = children_of(t, "nsubj") or (children_of(t.head, "nsubj", "nsubjpass") if t.dep_ == "xcomp" else [])
    else:
        return []
    return [(v, h, "wounded") for h in heads if (v := read_victim(h, lex)) is not None and v.count is not None]


def fatal_event(t: Token, lex: Lexicon) -> list[tuple[Victim, Token, str]]:
    """"a deadly shooting" (one death at least), "the fatal shooting of a teen" (the teen),
    "a double fatal shooting" (two): an event named deadly counts its dead."""
    if t.lower_ not in _EVENTS or not any(c.lower_ in _FATAL for c in t.children):
        return []
    if t.head.lemma_.lower() == "victim" or (t.head.dep_ == "prep" and t.head.head.lemma_.lower() == "victim"):
        return []  # "the victim of a deadly shooting" is read from "victim"
    if t.head.lower_ in ("since", "before", "until"):
        return []  # "since the deadly rampage of 2012": a point in time, not this story's dead
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found = [(v, h, "killed") for p in prep.children if p.dep_ == "pobj" for h in conj_heads(p)
                     if (v := read_victim(h, lex)) is not None and v.count is not None]
            if found:
                return found
    det = next((c for c in t.children if c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this", "that")), None)
    many = next((c for c in t.children if c.lower_ in _MULTIPLE), None)
    first = det or many or next(c for c in t.children if c.lower_ in _FATAL)
    if many is not None:  # "a double fatal shooting": the whole of its dead
        n = _MULTIPLE[many.lower_]
        return [(Victim(Count(n, n, n, many.text), "unknown", None, many.idx, many.idx + len(many.text),
                        rules=("count:multiple-death",)), t, "killed")]
    if t.lower_.endswith("s"):
        return []  # "deadly attacks": how many is not said
    return [(Victim(Count(1, 1, 1, t.doc[first.i : t.i + 1].text), "unknown", None, first.idx, t.idx + len(t.text),
                    rules=("count:one-death",)), t, "killed")]
