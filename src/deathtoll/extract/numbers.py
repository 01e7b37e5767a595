"""Read a count as written ("at least seven", "10 to 15", "dozens") into low/best/high.

Number words go through ``text2num``; vague quantities come from ``vague.tsv``;
the qualifiers below follow the conservative conventions of ACLED and UCDP.
"""

from __future__ import annotations

import math
import re

from text_to_num import text2num

from deathtoll.model import Count

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_SCALE = {"thousand": 1000, "million": 1_000_000}
_SMALL = {"a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "another": 1, "dozen": 12, "a dozen": 12,
          "both": 2, "couple": 2, "pair": 2, "no": 0, "zero": 0, "none": 0,
          "a second": 1, "a third": 1, "a fourth": 1}

# qualifier -> how it shapes (low, best, high) around n
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("at least", "atleast"),
    ("no fewer than", "atleast"),
    ("no less than", "atleast"),
    ("a minimum of", "atleast"),
    ("minimum", "atleast"),
    ("more than", "morethan"),
    ("over", "morethan"),
    ("upwards of", "morethan"),
    ("in excess of", "morethan"),
    ("above", "morethan"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("just under", "nearly"),
    ("less than", "lessthan"),
    ("fewer than", "lessthan"),
    ("under", "lessthan"),
    ("up to", "upto"),
    ("as many as", "upto"),
    ("at most", "upto"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("nearly all", "about"),
    ("an additional", "exact"),
    ("a further", "exact"),
    ("another", "exact"),
    ("additional", "exact"),
    ("further", "exact"),
    ("the", "exact"),
    ("all", "exact"),
    ("all the", "exact"),
    ("those", "exact"),
)
_QUAL_RE = re.compile(r"^(" + "|".join(re.escape(q) for q, _ in sorted(QUALIFIERS, key=lambda x: -len(x[0]))) + r")\s+")
_QUAL = dict(QUALIFIERS)
_RANGE_RE = re.compile(r"^(?:between\s+)?(?P<a>[\w,.-]+?)\s*(?:to|and|or|-|–|—)\s*(?P<b>[\w,.-]+)$")


def word_value(word: str) -> int | None:
    """The value of one number token: digits with separators or a number word.

    >>> word_value("1,500"), word_value("twenty-three"), word_value("Fourteen")
    (1500, 23, 14)
    """
    w = word.strip().lower().rstrip(".")
    if not w:
        return None
    if _DIGITS.match(w):
        return int(w.replace(",", ""))
    if w in _SMALL:
        return _SMALL[w]
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(thousand|million)$", w)
    if m:
        return int(float(m.group(1)) * _SCALE[m.group(2)])
    w = re.sub(r"^(a|an)\s+(hundred|thousand|million)", r"one \2", w)
    m = re.match(r"^(.+?)\s+dozen$", w)
    if m:
        inner = word_value(m.group(1))
        return inner * 12 if inner is not None else None
    try:
        return text2num(w, "en")
    except (ValueError, TypeError):
        return None


def _shape(kind: str, n: int) -> tuple[int, int, int]:
    if kind == "morethan":
        return n + 1, n + 1, n + 1
    if kind == "nearly":
        return (n - (n + 9) // 10 if n >= 10 else max(0, n - 1)), n, n
    if kind == "lessthan":
        return (n - (n + 9) // 10 if n >= 10 else max(0, n - 1)), max(0, n - 1), max(0, n - 1)
    if kind == "upto":
        return (1 if n > 0 else 0), n, n
    if kind == "about":
        if n >= 10:
            return n - (n + 9) // 10, n, n + (n + 9) // 10  # ±10%, rounded outwards, in integers
        return max(0, n - 1), n, n + 1
    return n, n, n  # exact, atleast


def parse_count(text: str, vague: dict[str, tuple[int, int, int]] | None = None) -> Count | None:
    """Parse the words of a count into a :class:`Count`, or None if they are not one.

    >>> parse_count("at least seven")
    Count(low=7, best=7, high=7, text='at least seven')
    >>> parse_count("between 10 and 15")
    Count(low=10, best=10, high=15, text='between 10 and 15')
    """
    raw = " ".join(text.split())
    t = raw.lower().replace("\u2019", "'")
    t = re.sub(r"\s+of$", "", t)
    kind = "exact"
    m = _QUAL_RE.match(t)
    while m:
        q = _QUAL[m.group(1)]
        if q != "exact" or kind == "exact":
            kind = q if q != "exact" else kind
        t = t[m.end():]
        m = _QUAL_RE.match(t)
    vague = vague or {}
    key = t if t in vague else f"{t} of" if f"{t} of" in vague else None
    if key is not None:
        lo, be, hi = vague[key]
        if kind == "morethan":  # "more than a dozen" is 13; "more than dozens" at least the dozens' best
            lo = be = max(lo, be) + (1 if lo == hi else 0)
            hi = max(hi, be)
        return Count(lo, be, hi, raw)
    n = word_value(t)
    if n is not None:
        lo, be, hi = _shape(kind, n)
        return Count(lo, be, hi, raw)
    m = _RANGE_RE.match(t)
    if m:
        a, b = word_value(m.group("a")), word_value(m.group("b"))
        if a is not None and b is not None and a < b:
            return Count(a, a, b, raw)
    return None
