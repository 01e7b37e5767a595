"""Find casualty statements in a parsed sentence.

``find_in_sentence`` walks the outcome words of one sentence (``outcomes.tsv``),
follows the parse to the victim phrase each one governs, and reads the count,
the group and the context. Every decision leaves a rule name in the finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from deathtoll.extract import context
from deathtoll.extract.acts import (at_a_place, caught_in, children_of, displaced_stock, for_a_check, intended, is_fatal,
                                    is_passive, is_time, struck_by_fire, to_hospital)
from deathtoll.extract.headlines import headline_counts
from deathtoll.extract.heads import subject_of, victim_heads
from deathtoll.extract.lexicon import Lexicon
from deathtoll.extract.nouns import (bare_killing, fatal_event, held_under, hurt_after_event, noun_trigger, number_of,
                                     this_number, victims_of_fatal)
from deathtoll.extract.victims import Victim, age_of, read_victim
from deathtoll.model import Actor, Count

SUBSET_WORDS = {"including", "among", "includes", "include", "included"}
_HOSPITAL = {"take", "transport", "rush", "airlift", "fly", "bring", "hospitalize", "hospitalise", "admit", "carry"}
_WOUND_NOUNS = {"wound", "wounds", "injury", "injuries"}
_SUFFER = {"suffer", "sustain", "receive", "have", "treat", "hospitalize", "recover", "nurse"}
_RELATIVE = {"who", "whom", "that", "which"}
_CONSTRUCTION_RULES = {"fatal-event": "victim:fatal-event", "held-under": "victim:held-under",
                       "number-of": "count:number-of", "hurt-after": "victim:hurt-after"}
_CONDITIONS = {"critical", "serious", "stable", "grave", "fair", "guarded", "life-threatening", "non-life-threatening"}


@dataclass
class Finding:
    """One casualty statement found in a sentence (offsets relative to the doc)."""

    outcome: str
    victim: Victim
    trigger: int  # token index of the outcome word
    victim_head: int
    rules: list[str] = field(default_factory=list)
    scope: str = "incident"
    certainty: str = "reported"
    cause: str | None = None
    perpetrator: Actor | None = None
    attribution: str | None = None
    soft: bool = False  # "was shot" / "taken to hospital": hit, outcome not said
    update: bool = False


def _antecedent(tok: Token) -> Token:
    """"a man who was found dead": the relative pronoun stands for "a man"."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        head = tok.head.head
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and before.dep_ == "pobj" and head in before.ancestors:
            return before  # "the family of a man who police shot": the man, the noun next to "who"
        return head
    return tok


def _wound_holders(wound: Token) -> list[Token]:
    """Who has the wound: "a 15-year-old with a gunshot wound", "he suffered injuries",
    "was taken to hospital with injuries" (not "died of his wounds": the death is read)."""
    head = wound.head
    if wound.dep_ == "pobj" and head.lower_ == "with":
        holder = head.head
        if holder.dep_ == "pobj" and holder.head.dep_ == "prep":  # "taken to a hospital with injuries"
            holder = holder.head.head
        if holder.pos_ in ("VERB", "AUX"):
            if holder.lemma_ in ("die", "succumb"):
                return []
            # "police found a 15-year-old with a gunshot wound": the one found, not the finders
            return children_of(holder, "dobj") or subject_of(holder)
        return [holder]
    verb = head.head if wound.dep_ == "pobj" else head
    if verb.pos_ == "VERB" and verb.lemma_ in _SUFFER | {"treat"}:
        return subject_of(verb)
    if verb.lower_ == "suffering" and verb.pos_ == "NOUN":  # "a juvenile male suffering from a wound", mis-tagged
        return [c for c in verb.children if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("NOUN", "PROPN")]
    return []


def _one_person(tok: Token) -> Victim | None:
    """A singular holder the lexicon does not know ("a 15-year-old", a surname): one person."""
    if tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ not in ("PERSON",) and not tok.text[:1].isupper():
        return None
    person_like = tok.pos_ == "PROPN" or age_of(tok.text) is not None
    if person_like and tok.ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "MONEY", "ORG"):
        return Victim(Count(1, 1, 1, tok.text), "unknown", "person", tok.idx, tok.idx + len(tok.text),
                      rules=("count:one-holder",))
    return None


def _condition_victims(cond: Token) -> list[Token]:
    """"left a man in critical condition", "she is in serious condition", "listed in stable condition"."""
    prep = cond.head
    verb = prep.head if prep.dep_ == "prep" else prep
    if verb.lemma_ == "leave":
        return children_of(verb, "dobj")
    if verb.pos_ in ("VERB", "AUX"):
        subs = children_of(verb, "nsubj", "nsubjpass")
        if not subs and (verb.lemma_ == "be" or is_passive(verb)):
            subs = subject_of(verb)  # "was struck once and is in critical condition": the shared subject
        return subs
    return []


def _subset(head: Token, trigger: Token) -> bool:
    """"including an officer", "among them two children": part of a count already given.

    Only the words between the victim phrase and its outcome word count; when the outcome
    word hangs off the phrase ("more than 434,000 displaced"), a verb above it ("this
    includes …") says what a total holds, not that the phrase repeats an earlier count.
    """
    above = trigger in head.ancestors
    for anc in head.ancestors:
        if anc.lower_ in SUBSET_WORDS and (above or anc.pos_ not in ("VERB", "AUX")):
            return True
        if anc == trigger or not above and anc.pos_ in ("VERB", "AUX"):
            break
    return False


def triggers(sent: Span, lex: Lexicon) -> list[tuple[Token, str, str]]:
    """The outcome words of a sentence: (token, outcome, kind).

    For the noun constructions read whole in :mod:`deathtoll.extract.nouns` ("a deadly
    shooting", "the number of … has reached N", "N people under ISIS control") the victims
    are read with the trigger (``_triggers``) and not read a second time.
    """
    return [(t, o, k) for t, o, k, _ in _triggers(sent, lex)]


def _triggers(sent: Span, lex: Lexicon) -> list[tuple[Token, str, str, list | None]]:
    """:func:`triggers` with the victims of the noun constructions already read (else None)."""
    out: list[tuple[Token, str, str, list | None]] = []
    for t in sent:
        low, lemma = t.lower_, t.lemma_.lower()
        if (found := bare_killing(t)):  # "teens charged in killing"
            out.append((t, "killed", "fatal-event", found))
            continue
        if (found := hurt_after_event(t, lex)):  # "woman recovering after shooting"
            out.append((t, "wounded", "hurt-after", found))
            continue
        if t.pos_ in ("NOUN", "VERB", "PROPN") and (found := fatal_event(t, lex)):  # "a deadly shooting"
            out.append((t, "killed", "fatal-event", found))
            continue
        if t.tag_ == "VBN" and t.dep_ in ("acomp", "oprd") and low in lex.outcomes and lex.outcomes[low][1] == "adj":
            out.append((t, *lex.outcomes[low], None))  # "remain trapped", "left wounded": a state, not an act
            continue
        if t.pos_ in ("VERB", "AUX") or (t.tag_ in ("VBN", "VBD", "VBG") and t.pos_ != "ADJ"):
            if lemma in lex.outcomes and lex.outcomes[lemma][1] in ("active", "passive", "intrans", "shot"):
                out.append((t, *lex.outcomes[lemma], None))
                continue
            if lemma == "lose" and any(c.lower_ in ("life", "lives") for c in t.children):
                out.append((t, "killed", "intrans", None))
                continue
            if struck_by_fire(t):
                out.append((t, "wounded", "shot", None))  # "hit by a stray bullet": a gunshot
                continue
            if lemma == "catch" and t.tag_ == "VBN" and caught_in(t):
                out.append((t, "trapped", "passive", None))  # "9,000 families are caught in the old quarter"
                continue
            if lemma in _HOSPITAL and to_hospital(t) and not for_a_check(t):
                out.append((t, "wounded", "hospital", None))
                continue
        if low in _WOUND_NOUNS and t.pos_ == "NOUN" and not any(c.lower_ in ("no", "non") for c in t.children):
            out.append((t, "wounded", "wound", None))
            continue
        if low == "condition" and any(c.lower_ in _CONDITIONS for c in t.children):
            out.append((t, "wounded", "condition", None))
            continue
        if low in lex.outcomes and lex.outcomes[low][1] == "adj" and t.pos_ in ("ADJ", "VERB", "NOUN"):
            out.append((t, *lex.outcomes[low], None))
            continue
        if t.pos_ == "NOUN" and victims_of_fatal(t):
            out.append((t, "killed", "victim-of", None))
            continue
        if low == "number" and t.pos_ == "NOUN" and (one := number_of(t, lex)) is not None:
            out.append((t, one[2], "number-of", [one]))
            continue
        if low in ("control", "siege") and (one := held_under(t, lex)) is not None:
            out.append((t, "trapped", "held-under", [one]))
            continue
        if t.pos_ == "NOUN" and (low in lex.outcomes or lemma in lex.outcomes):
            o, kind = lex.outcomes.get(low) or lex.outcomes[lemma]
            if kind == "noun":
                out.append((t, o, "noun", None))
    return out


def find_in_sentence(sent: Span, lex: Lexicon) -> list[Finding]:
    """Every casualty statement in one parsed sentence, in reading order."""
    findings: list[Finding] = []
    for trig, outcome, kind, constructed in _triggers(sent, lex):
        rules = [f"trigger:{kind}:{trig.lemma_.lower()}"]
        pairs: list[tuple[Victim, Token, str]] = []
        soft = False
        if kind == "noun":
            pairs = noun_trigger(trig, outcome, lex)
        elif kind == "wound":
            soft = True
            holders = _wound_holders(trig)
            pairs = []
            for h in holders:
                v = read_victim(h, lex) or _one_person(h)
                if v is not None:
                    pairs.append((v, h, outcome))
            rules.append("victim:wound-holder")
        elif constructed is not None:  # "a deadly shooting", "the number of … reached", "under ISIS control"
            pairs = constructed
            rules.append(_CONSTRUCTION_RULES[kind])
        elif kind == "victim-of":
            pairs = [(v, trig, outcome) for v in [read_victim(trig, lex)] if v is not None]
            rules.append("victim:victim-of-fatal")
        elif kind == "condition":
            soft = True
            pairs = [(v, h, outcome) for h in _condition_victims(trig) if (v := read_victim(h, lex)) is not None]
            rules.append("victim:condition")
        else:
            k = kind
            if kind in ("active", "shot", "intrans") and intended(trig):
                continue  # "threatening to kill him", "go ahead and kill me", "would shoot": no one was hit
            if kind in ("shot", "hospital"):
                if kind == "shot" and any(c.dep_ == "prep" and c.lower_ in ("at", "into") and not is_time(c)
                                          and not at_a_place(c, trig, lex) for c in trig.children):
                    continue  # "fired at", "shot at the car": not a hit
                if kind == "shot" and is_fatal(trig):
                    outcome, kind = "killed", "active"  # "fatally shot", "shot dead", "shot to death"
                    rules.append("outcome:fatal-shot")
                else:
                    soft = True
                if kind == "hospital" or (kind == "shot" and is_passive(trig)):
                    k = "passive"
                elif kind == "shot":
                    k = "active"
                else:
                    k = kind
            heads, vrule = victim_heads(trig, outcome, k)
            if vrule:
                rules.append(vrule)
            heads = [_antecedent(h) for h in heads]
            if not heads and trig.dep_ == "relcl" and k == "active" and trig.head.pos_ in ("NOUN", "PROPN"):
                heads = [trig.head]  # "the man who police fatally shot"
                rules.append("victim:relative-object")
            for h in heads:
                if _subset(h, trig):
                    continue
                v = read_victim(h, lex)
                if v is not None:
                    pairs.append((v, h, outcome))
        if kind != "noun" and any(c.lower_ == "fatally" for c in trig.children) and outcome == "wounded":
            pairs = [(v, h, "killed") for v, h, _ in pairs]
            soft = False
            rules.append("outcome:fatally")
        negated = any(c.dep_ == "neg" for c in trig.children)
        for v, h, o in pairs:
            if negated:
                v = Victim(Count(0, 0, 0, v.count.text if v.count else "not"), v.group, v.detail, v.start, v.end,
                           negative=True, rules=v.rules + ("count:negated",))
            f = Finding(o, v, trig.i, h.i, rules + list(v.rules), soft=soft)
            _add_context(f, trig, sent, lex)
            if kind == "number-of":
                _running_number(f)
            elif kind == "held-under" and f.scope == "incident":
                f.scope = "cumulative"  # "180,000 people still under ISIS control": a standing figure, no event
                f.rules.append("scope:held-under")
            elif o == "displaced" and f.scope == "incident" and (stock := displaced_stock(trig)):
                f.scope = "cumulative"
                f.rules.append(stock)
            findings.append(f)
    for t in sent:  # "…, but this number has decreased to 4,000": the figure just given, changed
        found = this_number(t, lex) if findings and t.lower_ in ("number", "figure", "toll") else None
        prev = next((f for f in reversed(findings) if f.trigger < t.i and f.victim.count is not None), None)
        if found is not None and prev is not None:
            v, num = found
            v = Victim(v.count, prev.victim.group, prev.victim.detail, v.start, v.end, rules=v.rules)
            f = Finding(prev.outcome, v, t.i, num.i, [f"trigger:this-number:{t.lower_}", *v.rules, "count:update"],
                        scope=prev.scope, certainty=prev.certainty, cause=prev.cause, update=True)
            findings.append(f)
    taken = {f.trigger for f in findings} | {f.victim_head for f in findings}
    for v, trig, outcome, soft in headline_counts(sent, lex, taken):
        f = Finding(outcome, v, trig.i, trig.i - 1, [f"trigger:headline:{trig.lower_}", *v.rules], soft=soft)
        _add_context(f, trig, sent, lex)
        if "actor:subject" in f.rules:  # "16-year-old shot …, police say": the sayer is no perpetrator
            f.perpetrator = None
            f.rules.remove("actor:subject")
        findings.append(f)
    return _tidy(findings, sent, lex)


def _running_number(f: Finding) -> None:
    """"The number of dead rose to 17" updates a toll; "the number of people fleeing has
    reached 28,000" is a running total of the displaced over the whole operation."""
    if f.outcome in ("displaced", "trapped") and f.scope == "incident":
        f.scope = "cumulative"
        f.rules.append("scope:running-number")
    elif not f.update:
        f.update = True
        f.rules.append("count:update")


def _add_context(f: Finding, trig: Token, sent: Span, lex: Lexicon) -> None:
    f.scope, rule = context.scope_of(trig, sent, lex)
    if rule:
        f.rules.append(rule)
    if f.victim.negative:
        f.certainty = "none"
        f.rules.append("certainty:none")
    else:
        f.certainty, rule = context.certainty_of(trig, sent, lex)
        if rule:
            f.rules.append(rule)
    f.cause, rule = context.find_cause(trig, sent, lex, exclude=set(t.i for t in sent.doc[f.victim_head].subtree))
    if rule:
        f.rules.append(rule)
    f.perpetrator, rule = context.find_perpetrator(trig, lex)
    if rule:
        f.rules.append(rule)
    f.attribution = context.find_attribution(sent, lex)
    text = sent.doc.text.lower()
    for p in lex.markers_of("update"):
        for m in context._phrase_re(p).finditer(text, sent.start_char, sent.end_char):
            if 0 <= f.victim.start - m.end() <= 25 or trig.lower_ == "toll":
                f.update = True
    if f.update:
        f.rules.append("count:update")


def _tidy(findings: list[Finding], sent: Span, lex: Lexicon) -> list[Finding]:
    """Borrow the noun of an elliptic count from the report before it; drop a soft
    "was shot" when the same victim is also killed; drop duplicates."""
    out: list[Finding] = []
    for f in findings:
        if f.victim.elliptic and f.victim.group == "unknown" and f.victim.detail is None:
            prev = next((p for p in reversed(out) if not p.victim.elliptic or p.victim.detail), None)
            if prev is not None:
                f.victim.group, f.victim.detail = prev.victim.group, prev.victim.detail
                f.rules.append("victim:ellipsis")
        out.append(f)
    killed_heads = {f.victim_head for f in out if f.outcome == "killed"}
    out = [f for f in out if not (f.soft and f.victim_head in killed_heads)]
    seen: set[tuple] = set()
    uniq = []
    for f in out:
        said = sent.doc.text[f.victim.start : f.victim.end].lower()
        keys = {(f.outcome, f.victim.start, f.victim.end), (f.outcome, "head", f.victim_head),
                (f.outcome, "said", said, f.victim.detail, f.victim.count.best if f.victim.count else None)}
        if keys & seen:
            continue  # the same victims again: "was shot and killed", a headline repeated in one line
        seen |= keys
        uniq.append(f)
    return uniq
