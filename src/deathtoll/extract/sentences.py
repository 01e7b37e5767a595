"""Cheap sentence splitting and the trigger pre-filter.

Only sentences that can hold a casualty statement reach the parser: the
pre-filter is one regular expression built from the outcome lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from deathtoll.extract.lexicon import Lexicon
from deathtoll.resolve.title import split_title

_ABBREV = ("u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "maj", "st", "no",
           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
           "i.e", "e.g", "vs", "inc", "co", "corp", "jr", "sr", "gov", "sen", "rep", "ft", "mt", "i.e.d", "approx")
_BOUNDARY = re.compile(r"""(?<=[.!?])(["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])|(?<=:)\s*\n|\n"""
                       r"""|(?<=[a-z]{2}\.)()(?=[A-Z][a-z]+\s)""")  # "a gunshot wound.That person was" (scraped)
_ABBREV_RE = re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(a) for a in _ABBREV) + r")\.$|(?:^|\s)[A-Z]\.$", re.I)


_LINE_BREAK = re.compile(r"\n\s*|\Z")
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.I)
_AFTER_CLOCK = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[ECMP][SD]?T\b|GMT|UTC|local|Eastern|Central|"
                          r"Pacific|Mountain|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _clock_ends(left: str, right: str) -> bool:
    """"… at 12:45 a.m. Police said …": a clock time ends the sentence unless a day, a date
    or a time zone follows it ("3 a.m. Sunday", "10 p.m. ET")."""
    return bool(_CLOCK.search(left.rstrip())) and not _AFTER_CLOCK.match(right)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the article text
    end: int
    paragraph: int


def split_sentences(text: str, title: str | None = None) -> list[Sentence]:
    """Split text into sentences with their character offsets and paragraph numbers.

    Lines are paragraphs. When the text starts with the title glued to the lead
    (scraped pages: "Man shot in park | WXYZ NewsA man was…"), the title ends a sentence.
    When the text does not repeat the title's headline, the headline comes first, as
    a paragraph before the text (the extractor keeps its statements only when the text
    itself tells no one killed or hurt): its offsets are negative, counted back from the start
    of the text as if the text were ``headline + "\n\n" + text`` (the place resolver
    reads headlines the same way).
    """
    out: list[Sentence] = []
    para = 0
    pos = 0
    title = (title or "").strip()
    if title and len(title) > 8 and text.startswith(title) and len(text) > len(title) and text[len(title)] not in "\n":
        _split_block(text[: len(title)], 0, 0, out)
        para, pos = 1, len(title)
    elif (headline := split_title(title)[0]) and len(headline) > 8 and not _holds(text, headline):
        # a headline the text does not repeat (a scraped page whose body is a sign-in box) is
        # read as a paragraph before the text, at negative offsets: ``headline + "\n\n" + text``
        _split_headline(headline, -len(headline) - 2, out)
        para = 1
    for m in _LINE_BREAK.finditer(text, pos):
        block = text[pos : m.start()]
        _split_block(block, pos, para, out)
        if block.strip():
            para += 1
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


def _split_headline(headline: str, offset: int, out: list[Sentence]) -> None:
    """A headline's clauses are often joined by a semicolon ("Girl shot at party dies; woman
    held"): each is read as a sentence of its own."""
    start = 0
    for m in re.finditer(r";\s+", headline):
        _split_block(headline[start : m.start()], offset + start, 0, out)
        start = m.end()
    _split_block(headline[start:], offset + start, 0, out)


def _holds(text: str, headline: str) -> bool:
    """Does the start of ``text`` repeat ``headline`` (case and spacing aside)?"""
    words = " ".join(headline.lower().split())
    return words in " ".join(text[: len(headline) + 600].lower().split())


def _split_block(block: str, offset: int, para: int, out: list[Sentence]) -> None:
    start = 0
    for m in _BOUNDARY.finditer(block):
        left = block[start : m.start()]
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _ABBREV_RE.search(left.rstrip()[-8:]) \
                and not _clock_ends(left, block[m.end():]):
            continue
        _emit(block, start, m.start() + len(m.group(1) or ""), offset, para, out)
        start = m.end()
    _emit(block, start, len(block), offset, para, out)


def _emit(block: str, s: int, e: int, offset: int, para: int, out: list[Sentence]) -> None:
    seg = block[s:e]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        out.append(Sentence(seg, offset + s + lead, offset + s + lead + len(seg), para))


@lru_cache(maxsize=8)
def trigger_pattern(lex: Lexicon) -> re.Pattern:
    """One regex that matches any word stem that can start a casualty statement."""
    stems = set()
    phrases = set()
    for word in lex.outcomes:
        parts = word.split()
        w = parts[0]
        stem = w[:-1] if len(w) > 4 and w.endswith("e") else w
        if len(parts) == 1:
            stems.add(stem)
        else:  # "gun down", "take hostage": the words together, not "gun" or "take" alone
            phrases.add(re.escape(stem) + r"\w*\s+(?:\w+\s+){0,2}" + re.escape(parts[-1]))
    stems |= {"shot", "hospital", "toll", "lives", "life", "dead", "died", "dies", "slain", "fled", "freed",
              "hurt", "bodies", "casualt", "fatal", "deadly", "kidnapp", "wounds", "injur", "gunned", "killing"}
    phrases.add(r"(?:critical|serious|stable|grave|fair|guarded)\s+condition")
    phrases.add(r"under\s+(?:[\w'-]+\s+){0,3}(?:control|siege)")  # "people still under ISIS control"
    phrases.add(r"number\s+of")  # "the number of people fleeing has reached 28,000"
    phrases.add(r"caught\s+in")  # "civilians are caught in the old city"
    # "hit by a stray bullet", "a stray round struck a girl", "the gun went off, hitting him"
    phrases.add(r"(?:hit|struck)\s+by|(?:rounds?|shots|bullets?)\s+(?:\w+\s+)?(?:hit|struck)|went\s+off")
    alt = "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True) + sorted(phrases))
    return re.compile(rf"\b(?:{alt})", re.I)


_NAV = re.compile(r"(?:^|\s)(?:Read|Watch|Related|Video|More|See also|Also read|Recommended|Trending)\s?:", re.I)


def is_navigation(text: str) -> bool:
    """"Read: Arrest made in … Watch: Fire tears through …": a scraped list of links to
    other stories, not a statement about this one (two or more such labels)."""
    return len(_NAV.findall(text)) >= 2


_TITLE_WORD = re.compile(r"(?<![\w'’-])([A-Z])([a-z][a-z'’]*)")


def parse_form(sent: Sentence) -> str:
    """The text the parser reads: a headline written in Title Case ("Teen Arraigned On Shooting
    Deaths Of Mother") in sentence case, which the parser was trained on; every other sentence
    as it is. Only letters change case, so offsets into either are the same."""
    if sent.start >= 0:
        return sent.text
    words = _TITLE_WORD.findall(sent.text)
    lower = re.findall(r"(?<![\w'’-])[a-z]{3,}", sent.text)
    if len(words) < 4 or len(lower) * 4 > len(words):
        return sent.text
    first = re.search(r"[A-Za-z]", sent.text)
    keep = first.start() if first else -1
    return _TITLE_WORD.sub(lambda m: m.group(0) if m.start() == keep else m.group(1).lower() + m.group(2), sent.text)


def candidates(sentences: list[Sentence], lex: Lexicon) -> list[Sentence]:
    """The sentences that can hold a casualty statement (not lists of links to other stories)."""
    pat = trigger_pattern(lex)
    return [s for s in sentences if pat.search(s.text) and not is_navigation(s.text)]
