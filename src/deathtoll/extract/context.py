"""What surrounds a casualty statement: scope, certainty, cause, perpetrator, attribution.

Each reader looks first in the clause of the outcome word, then in the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from deathtoll.extract.lexicon import Lexicon
from deathtoll.model import Actor

_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "parataxis", "appos", "xcomp", "csubj"}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_PERIOD_RE = re.compile(
    rf"\b(?:between|from)\s+(?:late |early |mid-?)?(?:{_MONTHS}|\d{{4}})\b.{{0,30}}?\b(?:and|to|until|through)\b"
    rf"|\b(?:during|throughout)\s+(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\b|\blast year\b|\bthis year\b",
    re.I,
)
SAY_VERBS = {"say", "report", "tell", "confirm", "announce", "state", "add", "claim", "estimate", "according"}
_SAYER_DEPS = ("nsubj",)


def clause_tokens(trigger: Token, include_conj: bool = True) -> list[Token]:
    """Tokens of the clause that holds ``trigger``: its verb's subtree without other
    subordinate clauses (a relative clause, an apposition, a reported-speech frame)."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head != head:
        head = head.head
    skip: set[int] = set()
    deps = _CLAUSE_DEPS if include_conj else _CLAUSE_DEPS | {"conj"}
    for c in head.subtree:
        if c == head or c.i in skip:
            continue
        if c.dep_ == "conj" and (c.pos_ not in ("VERB", "AUX") or c.head != head):
            continue
        if c.dep_ in deps and trigger not in c.subtree:
            skip.update(t.i for t in c.subtree)
    toks = [t for t in head.subtree if t.i not in skip]
    # adjuncts of the verb this clause is coordinated with ("killed and wounded in the latest violence")
    if head.dep_ == "conj":
        for c in head.head.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.i < head.i:
                toks.extend(c.subtree)
    return sorted(set(toks), key=lambda t: t.i)


def _has_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if _phrase_re(p).search(text):
            return p
    return None


@lru_cache(maxsize=4096)
def _phrase_re(p: str) -> re.Pattern:
    tail = r"" if p.endswith(("-", " 20", " 19")) or p.endswith(tuple("0123456789")) else r"\b"
    # "last month's murders of eight people": a time in the possessive dates one event
    return re.compile(r"\b" + re.escape(p) + tail + r"(?!\s?['’]s\b)", re.I)


def _text(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens).replace("\u2019", "'")


def _since_clause(trigger: Token) -> bool:
    """"…have been killed since the conflict began": a running total."""
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for v in (head, head.head if head.dep_ == "conj" else None):
        if v is None:
            continue
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                return True
            # "Since the rampage of 2012, at least 500 children have been killed": a perfect tense
            # with a "since" phrase counts from that point on
            if c.dep_ == "prep" and c.lower_ == "since" and _perfect(v) and _names_time(c):
                return True
    if trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod"):
        # a verbless figure, "more than 400,000 displaced from the west since February": the
        # "since" phrase may hang off the participle or off the verb the figure belongs to
        for v in (trigger, trigger.head.head):
            if any(c.dep_ == "prep" and c.lower_ == "since" and _names_time(c) for c in v.children):
                return True
    return False


def _names_time(since: Token) -> bool:
    """"since Monday", "since the December 2012 rampage" (not "since the attack": that event's own toll)."""
    objs = [g for g in since.children if g.dep_ == "pobj"]
    return any(o.ent_type_ in ("DATE", "TIME") or any(_is_year(t) for t in o.subtree) for o in objs)


def _is_year(t: Token) -> bool:
    return t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20")


def _perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def _past_reference(trigger: Token, sent: Span) -> bool:
    """"the deadliest since December 2012, when 26 were killed": an earlier event named to compare.

    A "when"/"where" clause hanging off a date with a year, in a sentence that ranks
    (a superlative: deadliest, most, worst).
    """
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for v in (head, *head.ancestors):
        if v.dep_ in ("relcl", "advcl") and any(c.lower_ in ("when", "where") for c in v.children):
            anchor = v.head
            year = anchor.ent_type_ == "DATE" and any(_is_year(t) for t in anchor.subtree if t.i < v.i)
            return year and any(t.tag_ in ("JJS", "RBS") for t in sent)
    return False


def scope_of(trigger: Token, sent: Span, lex: Lexicon) -> tuple[str, str | None]:
    """incident | aggregate | cumulative, and the rule that decided it."""
    # a marker inside a name is no marker: "taken to Nationwide Children's Hospital"
    clause = _text([t for t in clause_tokens(trigger) if t.ent_type_ not in ("ORG", "FAC")])
    if _has_phrase(clause, lex.markers_of("cumulative")) or _since_clause(trigger):
        return "cumulative", "scope:cumulative-marker"
    if _past_reference(trigger, sent):
        return "incident", "scope:past-reference"
    heading = sent.text.rstrip().endswith(":") or _has_phrase(sent.text, lex.markers_of("heading"))
    if _has_phrase(clause, lex.markers_of("aggregate")) or _PERIOD_RE.search(clause):
        return "aggregate", "scope:list-heading" if heading else "scope:aggregate-marker"
    if sent.text.rstrip().endswith(":") or _has_phrase(clause, lex.markers_of("heading")):
        return "aggregate", "scope:list-heading"  # not "issued a nationwide alert after a man killed …"
    return "incident", None


def certainty_of(trigger: Token, sent: Span, lex: Lexicon) -> tuple[str, str | None]:
    """reported | alleged | feared | denied, from markers in the sentence."""
    # the clause itself, and the words that govern it: "There are fears that militants executed…"
    toks = clause_tokens(trigger, include_conj=False)
    for anc in trigger.ancestors:
        toks.append(anc)
        toks.extend(c for c in anc.children if c.dep_ in ("aux", "auxpass", "advmod", "neg", "expl", "attr", "nsubj", "nsubjpass", "acomp") and c.i < anc.i)
    text = _text(sorted(set(toks), key=lambda t: t.i))
    for kind in ("denied", "feared", "alleged"):
        p = _has_phrase(text, lex.markers_of(kind))
        if p:
            return kind, f"certainty:{kind}"
    return "reported", None


def find_cause(trigger: Token, sent: Span, lex: Lexicon, exclude: set[int] = frozenset()) -> tuple[str | None, str | None]:
    """The cause word nearest to the outcome word in its clause, else in the sentence
    (never a word of the victim phrase: "suicide bombers" killed are not the cause)."""
    verb_cause = lex.causes.get(trigger.lemma_.lower()) or lex.causes.get(trigger.lower_)
    best: tuple[int, str] | None = None
    for pool, rule in ((clause_tokens(trigger), "cause:clause"), (list(sent), "cause:sentence")):
        pool = [t for t in pool if t.i not in exclude]
        words = [t.lower_ for t in pool]
        for n in (3, 2, 1):
            for i in range(len(pool) - n + 1):
                phrase = " ".join(words[i : i + n])
                if phrase in lex.causes:
                    if n == 1 and pool[i].i == trigger.i:
                        continue
                    dist = abs(pool[i].i - trigger.i) - 10 * n
                    if best is None or dist < best[0]:
                        best = (dist, lex.causes[phrase])
            if best:
                break
        if best:
            return best[1], rule
    if verb_cause:
        return verb_cause, "cause:verb"
    return None, None


@lru_cache(maxsize=8)
def _actor_re(lex: Lexicon) -> re.Pattern:
    alts = sorted(lex.actors, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])", re.I)


def _actor_in(tokens: list[Token], lex: Lexicon) -> Actor | None:
    """The first actor alias in the tokens' text ("U.S.-led strikes" -> US-led coalition)."""
    if not tokens:
        return None
    doc = tokens[0].doc
    span = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    text = span.text.replace("\u2019", "'")
    for m in _actor_re(lex).finditer(text):
        raw = m.group(1)
        key = raw.lower()
        if len(key) <= 4 and key.replace(".", "").isalpha() and not raw.isupper():
            continue  # "is" the verb is not "IS" the group
        return Actor(lex.actors[key], raw)
    return None


def _core(tok: Token) -> list[Token]:
    """A noun phrase without its relative clauses and prepositional tails."""
    drop: set[int] = set()
    for t in tok.subtree:
        if t != tok and t.dep_ in ("relcl", "acl", "prep", "appos") and t.head in tok.subtree:
            drop.update(x.i for x in t.subtree)
    return [t for t in tok.subtree if t.i not in drop]


# verbs whose subject did what their object names: "gunmen carried out the killing"
_DOING = {"carry", "commit", "conduct", "launch", "perpetrate", "cause", "stage", "mount", "claim", "order",
          "inflict", "kill", "shoot", "wound", "injure"}


def find_perpetrator(trigger: Token, lex: Lexicon) -> tuple[Actor | None, str | None]:
    """Who did it: the agent of a passive ("killed by militiamen"), the subject of an
    active verb ("Militants executed…"), or of the verb it is coordinated with."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    candidates: list[tuple[list[Token], str]] = []
    for c in verb.children:
        if c.dep_ == "agent":
            candidates.append((list(c.subtree), "actor:agent"))
    for v in (verb, verb.head if verb.dep_ in ("conj", "xcomp", "advcl") else None):
        if v is None or trigger.pos_ != "VERB" and v.lemma_.lower() not in _DOING:
            continue  # "police are investigating the killing": who looks into a death did not cause it
        if v.i != verb.i and v.lemma_.lower() in SAY_VERBS:
            continue  # "police confirmed two boys … were shot": who says so did not shoot
        for c in v.children:
            if c.dep_ == "nsubj":
                candidates.append((_core(c), "actor:subject"))
                candidates.append((list(c.subtree), "actor:subject"))
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in verb.children) \
            and any(t.lower_ == "them" and t.head.lower_ == "of" for t in verb.subtree):
        # "launched an airstrike on the militants who killed 70 of them": the militants did not
        # kill themselves; the one who struck them did (the subject of the verb above)
        above = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if above is not None:
            candidates += [(list(c.subtree), "actor:subject-above") for c in above.children if c.dep_ == "nsubj"]
    for toks, rule in candidates:
        actor = _actor_in(toks, lex)
        if actor:
            return actor, rule
    return None, None


def find_attribution(sent: Span, lex: Lexicon) -> str | None:
    """Who says so: "according to the U.N.", "police said", "Al Jazeera's sources say"."""
    toks = list(sent)
    for i, t in enumerate(toks[:-2]):
        if t.lower_ == "according" and toks[i + 1].lower_ == "to":
            pobj = next((c for c in toks[i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _span_clean(pobj)
    for t in toks:
        if t.lemma_.lower() in SAY_VERBS and t.pos_ == "VERB":
            subj = next((c for c in t.children if c.dep_ in _SAYER_DEPS), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in ("it", "this", "that"):
                return _span_clean(subj)
    return None


def _span_clean(tok: Token) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("punct",) and not (t.dep_ in ("relcl", "acl") or any(a.dep_ in ("relcl", "acl") for a in t.ancestors if a in tok.subtree and a != tok))]
    doc = tok.doc
    i, j = min(t.i for t in toks), max(t.i for t in toks)
    return doc[i : j + 1].text.strip(" ,")
