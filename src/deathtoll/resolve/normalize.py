"""Name keys: how a place name written in a news report meets its gazetteer entry.

Two keys are computed for every gazetteer name and every query:

- :func:`fold` — case, diacritics and punctuation folded, Arabic article
  tokens (``al-``, ``Ash``, ``El`` …) dropped: ``Al-Qā'im`` → ``qaim``.
  Equal folds are an exact match.
- :func:`skeleton` — :func:`fold` further reduced to what survives the usual
  transliteration variants: every vowel run becomes ``a``, ``y``/``w`` count as
  vowels after a vowel, doubled letters collapse, ``q``/``g``/``c`` → ``k``,
  ``kh``/``gh`` → ``k``, ``dh`` → ``d``, ``th`` → ``t``, ``sh`` → ``s``,
  ``v`` → ``w``, a final ``-a``/``-ah``/``-eh`` is dropped and word breaks are
  removed. So ``Qayara`` and ``Al Qayyarah`` share ``kayar``, ``Tal Keif`` and
  ``Tall Kayf`` share ``talkaf``. A shared skeleton only makes two names
  candidates for each other; the resolver then ranks them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = ["fold", "skeleton", "name_keys", "is_latin", "similarity", "ARTICLES"]

#: Definite-article spellings (Arabic, and English "the"), dropped as whole tokens of a longer name.
ARTICLES = frozenset({"al", "el", "il", "ul", "as", "ash", "ad", "adh", "ar", "at", "ath", "az", "an", "l", "the"})

#: Tokens with a common written abbreviation: both sides fold to one spelling.
_TOKEN_ALIASES = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point",
    "tel": "tall", "tell": "tall", "tal": "tall",
}

_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "k"),
             ("zh", "z"), ("ph", "f"), ("ck", "k"))
_LETTER_MAP = str.maketrans({"q": "k", "g": "k", "c": "k", "v": "w", "e": "a", "i": "a", "o": "a", "u": "a"})
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = "aeiou"


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (with or without diacritics)."""
    if name.isascii():
        return any(ch.isalpha() for ch in name)
    seen = False
    for ch in name:
        if ch.isalpha():
            seen = True
            if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF:
                continue
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
    return seen


_APOSTROPHE_TABLE = {ord(c): None for c in "\u0027\u2018\u2019\u02bb\u02bc\u02bf\u02be\u0060\u00b4"}
_WORD = re.compile(r"[a-z0-9]+")


def _tokens(name: str) -> list[str]:
    text = name if name.isascii() else unidecode(name)
    return _WORD.findall(text.lower().translate(_APOSTROPHE_TABLE))


def _content_tokens(name: str) -> list[str]:
    toks = [_TOKEN_ALIASES.get(t, t) for t in _tokens(name)]
    kept = [t for t in toks if t not in ARTICLES]
    return kept or toks


def fold(name: str) -> str:
    """Fold case, diacritics, apostrophes, punctuation and Arabic article tokens.

    Args:
        name: A place name as written.

    Returns:
        Space-separated lowercase ASCII tokens, e.g. ``"hammam alil"``.
    """
    return " ".join(_content_tokens(name))


@lru_cache(maxsize=200_000)
def _token_skeleton(tok: str) -> str:
    if tok.isdigit():
        return tok
    for a, b in _DIGRAPHS:
        tok = tok.replace(a, b)
    tok = _DOUBLE.sub(r"\1", tok)
    # y and w are vowels after a vowel unless a vowel follows them.
    out: list[str] = []
    for i, ch in enumerate(tok):
        if ch in "yw" and i > 0 and tok[i - 1] in _VOWELS + "yw":
            nxt = tok[i + 1] if i + 1 < len(tok) else ""
            if nxt not in _VOWELS:
                out.append("a")
                continue
        out.append(ch)
    tok = "".join(out).translate(_LETTER_MAP)
    tok = re.sub(r"a+", "a", tok)
    # -a / -ah / -eh endings
    if len(tok) > 3 and tok.endswith("ah"):
        tok = tok[:-2]
    if len(tok) > 2 and tok.endswith("a"):
        tok = tok[:-1]
    return tok


def skeleton(name: str) -> str:
    """The transliteration-tolerant key of a name (see module docstring).

    Args:
        name: A place name as written or as stored in the gazetteer.

    Returns:
        A short ASCII key; ``""`` for a name without letters or digits.
    """
    return name_keys(name)[1]


@lru_cache(maxsize=100_000)
def name_keys(name: str) -> tuple[str, str]:
    """Both keys of a name at once: ``(fold(name), skeleton(name))``."""
    toks = _content_tokens(name)
    key = "".join(_token_skeleton(t) for t in toks)
    return " ".join(toks), _DOUBLE.sub(r"\1", key)


def similarity(a: str, b: str) -> float:
    """Similarity in 0..1 of two names after :func:`fold` (rapidfuzz ratio)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(a), fold(b)) / 100.0
