"""Find the place names an article writes, without a parser.

A mention is a run of capitalised words ("Hammam al-Alil", "Tal Keif") with
what surrounds it: a location cue before it ("in", "near", "west of"), a
kind of place after it ("district", "province", "camp"), a qualifier
("Aurora, Colo."), or a dateline position. The word lists are data
(``data/place_words.yaml`` and ``data/stoplist.txt``). Whether a run is
really a place is decided later by the resolver with the gazetteer: runs
with no cue must be known names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from deathtoll.resolve.dateline import find_dateline
from deathtoll.resolve.mention import Mention
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.words import PlaceWords, load_words

__all__ = ["Mention", "PlaceWords", "find_mentions", "load_words"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:St|Ste|Mt|Ft|Pt)\.(?= [A-Z])|[^\W\d_](?:[\w'’\-]*[^\W_])?")
_CONNECTORS = frozenset({"al", "el", "ash", "az", "adh", "ath", "de", "del", "della", "la", "le", "du", "des",
                         "di", "dos", "das", "von", "van", "der", "bin", "ibn", "bint", "abu", "umm", "bani",
                         "beni"})
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar|at|az|an|ath|adh)[-‐](?=[A-Z\u00C0-\u024F'’‘])")


def _strip_possessive(tok: str) -> str:
    for suf in ("'s", "’s"):
        if tok.endswith(suf):
            return tok[: -len(suf)]
    return tok.rstrip("'’")


_ADJECTIVAL = re.compile(r"[-‐][a-z]")
_STATE_AFTER = re.compile(r",[ \t]+((?:[A-Z][a-z]{0,3}\.)+|[A-Z]{2}\b)")
_ORDINAL_AND = re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?:and|&)\s+$")
#: "Dana Reyes, 31, of Easton": an age between commas, then "of" and the home town
_AGE_OF = re.compile(r", \d{1,3}, of $")
#: "both of Easton", "all of Easton": where the people just named are from
_GROUP_OF = frozenset({"both", "all", "each"})


def _is_cap(tok: str) -> bool:
    if _ARTICLE_PREFIX.match(tok):
        return True
    # "ISIS-held", "U.S.-led", "Mosul-based" describe, they do not name a place
    return tok[0].isupper() and not _ADJECTIVAL.search(tok)


def find_mentions(text: str, index: TextIndex | None = None, words: PlaceWords | None = None,
                  body_start: int = 0) -> list[Mention]:
    """Every candidate place mention in ``text``, in order.

    Args:
        text: The article text.
        index: Its paragraph/sentence index (built when not given).
        words: Word lists (the packaged ones when not given).
        body_start: Where the article body starts (a headline may stand before
            it); the dateline is looked for from there.

    Returns:
        Mentions; whether each is a place is for the resolver to decide.
    """
    index = index or TextIndex(text)
    words = words or load_words()
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    runs = _runs(text, toks, words)
    out: list[Mention] = []
    for ti, tj in runs:
        m = _describe(text, toks, ti, tj, index, words)
        if m is not None:
            out.append(m)
    out = _link(text, out, words)
    dl = find_dateline(text, index, words, body_start)
    if dl is not None:
        d, d_end = dl
        out = [m for m in out if not d.start <= m.start < d_end]
        out.append(d)
    out.sort(key=lambda m: m.start)
    # a qualifier points at the mention right before it; the dateline may have moved them
    for i, m in enumerate(out):
        if m.extra.get("qualifies") is not None:
            ok = i > 0 and text[out[i - 1].end:m.start] in (", ", ",")
            extra = {k: v for k, v in m.extra.items() if k != "qualifies"}
            out[i] = replace(m, extra={**extra, "qualifies": i - 1} if ok else extra)
    return out


def _runs(text: str, toks: list[tuple[int, int, str]], words: PlaceWords) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i][2]
        if not _is_cap(tok) or words.is_stop(_strip_possessive(tok)):
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = text[toks[j - 1][1]:toks[j][0]]
            if gap != " " or _strip_possessive(toks[j - 1][2]) != toks[j - 1][2]:
                break
            if j - 1 > i and words.has("district_types", toks[j - 1][2]):
                break  # "Bristol County District Attorney": the county ends the name
            nxt = toks[j][2]
            if _is_cap(nxt) and not words.is_stop(_strip_possessive(nxt)):
                j += 1
                continue
            if nxt.lower() in _CONNECTORS and j + 1 < n and text[toks[j][1]:toks[j + 1][0]] == " " \
                    and _is_cap(toks[j + 1][2]) and not words.is_stop(toks[j + 1][2]):
                j += 2
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _preceding(text: str, toks: list, ti: int, sent_start: int, limit: int = 6) -> list[str]:
    """Up to ``limit`` words right before token ``ti`` in its sentence, with no
    punctuation between them (hyphens aside)."""
    out: list[str] = []
    k = ti - 1
    while k >= 0 and len(out) < limit and toks[k][0] >= sent_start:
        if text[toks[k][1]:toks[k + 1][0]].strip(" -"):
            break
        out.insert(0, toks[k][2])
        k -= 1
    return out


def _find_cue(before: list[str], words: PlaceWords) -> tuple[str | None, bool, str | None]:
    """(cue, coarse, modifier) from the words right before a name."""
    low = [w.lower() for w in before]
    for phrase in words.phrases:
        k = len(phrase)
        if tuple(low[-k:]) == phrase:
            return " ".join(phrase), True, None
        # "north of the", "outskirts of the"
        if len(low) > k and low[-1] in ("the", "a") and tuple(low[-k - 1:-1]) == phrase:
            return " ".join(phrase), True, None
    mods = []
    while low and low[-1] in words.lists.get("between", ()):
        mods.insert(0, low.pop())
    if not low:
        return None, False, None
    last = low[-1]
    modifier = " ".join(mods) or None
    if last == "of":
        if len(low) == 1:
            return "of", False, modifier  # ", of Ashdown," / "18, of the Bronx": where someone is from
        if low[-2] in words.lists.get("of_heads", ()) and before[len(low) - 2][0].islower():
            return "of", low[-2] in ("outskirts", "vicinity", "edge", "countryside", "environs"), modifier
        return None, False, None
    if last == "to":
        if len(low) >= 2 and low[-2] in words.lists.get("not_to", ()):
            return None, False, None
        return "to", False, modifier
    if last in words.lists.get("cues", ()):
        return last, last in words.lists.get("coarse_cues", ()), modifier
    return None, False, None


def _venue_after_possessive(text: str, toks: list, tj: int, names: list[str], words: PlaceWords) -> bool:
    """A possessive name, then a capitalised building word that ends the venue's name."""
    if tj >= len(toks) or names[-1] == toks[tj - 1][2] or text[toks[tj - 1][1]:toks[tj][0]] != " ":
        return False
    w = toks[tj][2]
    if not w[:1].isupper() or words.kind_of(w) not in ("building", "facility"):
        return False
    nxt = toks[tj + 1][2] if tj + 1 < len(toks) and text[toks[tj][1]:toks[tj + 1][0]] == " " else ""
    return not nxt[:1].isupper()


def _state_follows(text: str, end: int, words: PlaceWords) -> bool:
    """", Va." or ", VA" right after a name: it is a place whatever its last word
    ("Newport News, Va.")."""
    m = _STATE_AFTER.match(text, end)
    if m is None:
        return False
    abbrev = m.group(1)
    return words.state_code(abbrev) is not None or abbrev in words.us_states.values()


def _describe(text: str, toks: list, ti: int, tj: int, index: TextIndex, words: PlaceWords) -> Mention | None:
    start, end = toks[ti][0], toks[tj - 1][1]
    names = [t[2] for t in toks[ti:tj]]
    names[-1] = _strip_possessive(names[-1])
    end = start + len(text[start:end]) - (len(toks[tj - 1][2]) - len(names[-1]))
    written = text[start:end]
    low = written.lower()
    if low in words.stop_names or low.rstrip(".") in words.stop_names \
            or any(low.startswith(n + " ") for n in words.stop_names):
        return None
    if words.has("org_suffixes", names[-1]) and len(names) > 1 and not _state_follows(text, end, words):
        return None
    if len(names) == 1 and words.kind_of(names[0]) in ("settlement", "district", "province", "local"):
        return None  # "City", "County" alone name no place
    if len(names) == 1 and words.has("direction_prefixes", names[0].rstrip(".")):
        return None  # "East 13th Street", "in Southeast": a side of a town, no place of its own
    if tj < len(toks) and text[end:toks[tj][0]] == " " and words.has("org_suffixes", toks[tj][2]) \
            and toks[tj][2][0].isupper():
        return None
    sent = index.sentence_of(start)
    before = _preceding(text, toks, ti, sent[0])
    cue, coarse, _mod = _find_cue(before, words)
    kind, kind_in_name, name = None, False, written
    extra_kind: dict = {}
    if len(names) > 1 and words.kind_of(names[-1]) and tj < len(toks) and text[end:toks[tj][0]] == " " \
            and toks[tj][2][0].islower() and words.kind_of(toks[tj][2]) == "local":
        # "the Little Village neighborhood": the whole run names the neighbourhood
        kind, written = "local", text[start:toks[tj][1]]
    elif len(names) > 1 and words.kind_of(names[-1]):
        kind, kind_in_name = words.kind_of(names[-1]), True
        name = text[start:toks[tj - 2][1]]
    elif _venue_after_possessive(text, toks, tj, names, words):
        # "near Brandan’s Park", "to Region’s Hospital": a venue named after a person or a firm
        kind, written = "building", text[start:toks[tj][1]]
    elif tj < len(toks) and names[-1] == toks[tj - 1][2]:
        # a kind word after the name, maybe behind one or two lowercase words ("Taji cattle market")
        for k in range(tj, min(tj + 3, len(toks))):
            if text[toks[k - 1][1]:toks[k][0]] != " ":
                break
            w = toks[k][2]
            if k > tj and not w[0].islower():
                break
            found = words.kind_of(w)
            if found and (k == tj or found in ("facility", "building", "street")):
                # a lowercase building word makes the name the town's ("a Queens hotel",
                # "a San Bernardino liquor store"), not the building's own
                kind = "facility" if found == "building" and w[0].islower() else found
                if kind != found:
                    extra_kind = {"building": True}
                if k == tj:
                    written = text[start:toks[k][1]]
                break
            if not w[0].islower():
                break
    if kind == "coarse":
        coarse = True
    low_before = [w.lower() for w in before[-3:]]
    if kind is None and (len(low_before) >= 2 and low_before[-1] == "of"
                         and low_before[-2] in words.lists.get("street_heads", ())
                         or _ORDINAL_AND.search(text, max(0, start - 24), start)):
        kind = "street"  # "the 2800 block of North Grand", "near 99th and Oklahoma"
    nxt_tok = toks[tj][2] if tj < len(toks) and text[end:toks[tj][0]] == " " else ""
    extra = {**_role(text, toks, start, start + len(written), before, words), **extra_kind}
    if kind is None and names[-1] != toks[tj - 1][2] and tj < len(toks) \
            and text[toks[tj - 1][1]:toks[tj][0]] == " " and toks[tj][2][:1].isupper():
        extra["possessive_of_name"] = True  # "King's Daughter Medical Center"
    if cue is None and kind is None and (nxt_tok[:1].islower() or extra.get("role") == "agency") \
            and words.has("attributive", nxt_tok):
        cue = "attributive"
    elif cue is None and kind is None and extra.get("role") == "event":
        cue = "event"
    if names[-1].lower() in words.lists.get("care_types", ()) or (kind == "building" or extra_kind) and \
            (written.split()[-1].lower() in words.lists.get("care_types", ())
             or nxt_tok.lower() in words.lists.get("care_types", ())
             or written.split()[-1] == "Medical" and nxt_tok in ("Center", "Centre")):
        extra["care"] = True
    prev_word = before[-1].lower().rstrip(".") if before else ""
    next_word = toks[tj][2].lower() if tj < len(toks) and text[end:toks[tj][0]].strip() == "" else ""
    person = (prev_word in words.lists.get("person_titles", ()) or next_word in words.lists.get("person_verbs", ())) \
        and extra.get("role") != "agency"  # "shot by Burbank police"
    initial = index.is_sentence_start(start)
    lead = False
    if cue and cue not in ("of", "to"):
        s0 = sent[0]
        head = text[s0:start]
        after = text[end:end + 40]
        lead = len(head.split()) <= 5 and bool(re.match(r"^(?:\s+(?:and|or)\s+[^,]{1,40})?,|^ [a-z]+(?: [a-z]+)?,", after)) \
            and head.strip()[:1].isupper()
    return Mention(start=start, end=end, name=name.strip(), written=written.strip(), cue=cue, coarse=coarse,
                   kind=kind, kind_in_name=kind_in_name, lead=lead, sentence_initial=initial and not cue,
                   person=person, tokens=len(names), extra=extra)


def _role(text: str, toks: list, start: int, after: int, before: list[str], words: PlaceWords) -> dict:
    """What the words around a name say it is: ``role`` ``agency`` ("Burbank police",
    "Kaufman County sheriff's deputies": a jurisdiction) or ``origin`` ("a Bronx man":
    where someone is from); ``care`` for a town right after "a hospital in"."""
    out: dict = {}
    if len(before) >= 2 and before[-1] == "of" and before[-2][:1].isupper():
        out["role"] = "origin"  # "Stephen Smith II of Allen, Texas": where he is from
    elif before and before[-1] == "of" and (len(before) >= 2 and before[-2].lower() in _GROUP_OF
                                            or len(before) == 1 and _AGE_OF.search(text, max(0, start - 12), start)):
        out["role"] = "origin"  # "Dana Reyes, 31, of Easton", "both of Easton": where they are from
    low = [w.lower() for w in before[-2:]]
    if len(low) == 2 and low[1] in ("in", "at", "near") and low[0] in words.lists.get("care_types", ()):
        out["care"] = True
    # "a Wilmington double shooting", and in a title-case headline "Taunton Shooting"
    ev = re.match(r" ([a-z][\w'’-]*)(?: ([a-z][\w'’-]*))?| ([A-Z][\w'’-]*)(?: ([A-Z][\w'’-]*))?", text[after:after + 60])
    w1, w2 = (None, None) if ev is None else (ev.group(1), ev.group(2)) if ev.group(1) else (ev.group(3), ev.group(4))
    if w1 and (words.has("event_nouns", w1) or words.has("event_adjectives", w1)
               and w2 and words.has("event_nouns", w2)):
        out["role"] = "event"
        return out
    m = re.match(r" ([A-Za-z][\w'’]*)", text[after:after + 40])
    if m and "role" not in out:
        w = m.group(1).lower().replace("’", "'")
        if w in words.lists.get("agency", ()):
            out["role"] = "agency"
        elif w[:1] == m.group(1)[:1] and w in words.lists.get("attributive", ()):
            out["role"] = "origin"
    return out


def _link(text: str, ms: list[Mention], words: PlaceWords) -> list[Mention]:
    """Coordination ("in Jawsaq and Tayaran") and qualifiers ("Aurora, Colo.")."""
    out = list(ms)
    group = 0
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        gap = text[a.end:b.start]
        listed = gap == ", " and i + 1 < len(out) and re.fullmatch(r",? (?:and|or) ", text[b.end:out[i + 1].start])
        if a.cue and not b.cue and (re.fullmatch(r",? (?:and|or|&) ", gap) or listed):
            gid = a.group if a.group is not None else (group := group + 1)
            out[i - 1] = replace(a, group=gid)
            out[i] = replace(b, cue=a.cue, coarse=a.coarse, group=gid, sentence_initial=False, person=False)
        elif gap in (", ", ",") and (words.state_code(b.name) is not None or b.tokens <= 3):
            out[i] = replace(b, extra={**b.extra, "qualifies": i - 1})
    # a plural kind word after the last of a group applies to all ("Tahrir and Zahara districts")
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(out):
        if m.group is not None:
            groups.setdefault(m.group, []).append(i)
    for idx in groups.values():
        last = out[idx[-1]]
        if last.kind:
            for i in idx[:-1]:
                if not out[i].kind:
                    out[i] = replace(out[i], kind=last.kind, coarse=out[i].coarse or last.coarse)
        lead = any(out[i].lead for i in idx)
        for i in idx:
            out[i] = replace(out[i], lead=lead)
    return out
