"""Duplicate articles: exact copies and syndicated near-copies.

An outlet that runs a wire story changes the headline, adds a dateline, trims
or rewrites the last sentence. Counting its casualties again would double the
toll, so such an article is marked a copy of the first one seen.

Two tests, in order:

1. **exact** — the same words in the same order (case and punctuation aside):
   a hash lookup.
2. **near** — MinHash over word 5-shingles (datasketch), candidates found with
   LSH banding (:mod:`deathtoll.ingest.lsh`) and then verified. The verified score is the higher of:

   - the estimated Jaccard similarity of the two shingle sets;
   - the mean of two containments: of the new article in the earlier one (the
     share of its shingles found there), and of its *lead* in the earlier
     lead (the share of the shingles of its first 50 words found in the
     earlier article's first 80). A wire story's casualty figures are in its
     lead and syndication keeps the lead: an added dateline and a rewritten
     last sentence cost a short story a third of its shingles in Jaccard terms,
     but not its lead. A copy cut short is contained whole. Containment is
     one-way on purpose: a round-up that quotes an earlier short report whole
     is not a copy of it.

   An article is a copy when the score reaches ``threshold`` and every number
   in its lead appears, between the same two words, in the earlier article: an
   update that raises the toll ("rose to 11") is news, not a copy, however much
   background it reuses.
   A leading wire dateline (``MOSUL, Iraq (Agency) —``) is left out of all of
   this. Two different stories on the same topic share few 5-word sequences,
   so nothing fires for them.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from typing import Iterable

import numpy as np

from deathtoll.ingest.lsh import BandIndex
from deathtoll.model import Article

__all__ = ["Deduplicator", "shingles"]

SHINGLE = 5
LEAD_WORDS = 50
"""Words of a new article's opening compared with the earlier article's lead."""
LEAD_WINDOW = 80
"""Words of a remembered article kept as its lead (longer, to allow a dateline)."""
_WORD = re.compile(r"\w+")
# Containment is only trusted on texts long enough for it to mean something.
_MIN_SHINGLES_FOR_CONTAINMENT = 12
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands dozen dozens score scores".split()
)


# A capitalised place ("BAGHDAD", "MOSUL, Iraq"), then optionally more
# capitalised words, a day number and an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"\s*([A-Z][A-Z'.-]{2,}(?:[ ,]+(?:[A-Z][\w.'-]*|\d{1,2}|\([^)\n]{1,40}\)))*)\s*(?:—|–|--|-)\s"
)


def _strip_dateline(text: str) -> str:
    """Drop a wire dateline (``BAGHDAD (Reuters) -``, ``MOSUL, Iraq —``) that a
    syndicating outlet adds or rewrites; it says nothing about the story."""
    m = _DATELINE.match(text)
    if m and len(m.group(1).split()) <= 10:
        return text[m.end():]
    return text


def _tokens(text: str) -> list[str]:
    return _WORD.findall(_strip_dateline(text).lower())


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of word ``size``-shingles of a text (lower-cased words only).

    A text shorter than ``size`` words is one shingle of all its words.
    """
    return _shingles_of(_tokens(text), size)


class Deduplicator:
    """Remembers articles and tells whether a new one copies an earlier one.

    Memory per remembered article is about 4 KiB (a 128-value signature, the
    lead's shingle hashes, the LSH buckets); no text is kept.

    Args:
        threshold: score at or above which an article is a copy (see the
            module docstring: Jaccard, or the mean of body and lead
            containment); ``Options.near_duplicate_threshold``.
        num_perm: MinHash permutations; more is more accurate and slower.

    Example:
        >>> dedup = Deduplicator()
        >>> for article in articles:
        ...     original = dedup.check(article)
        ...     if original:
        ...         article = dataclasses.replace(article, copy_of=original)
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        from datasketch import MinHash

        self.threshold = threshold
        self.num_perm = num_perm
        self._minhash = MinHash
        self._permutations = MinHash(num_perm=num_perm).permutations
        # Candidates are looked up well below the threshold: the containment
        # score can pass it while Jaccard does not.
        self._bands = BandIndex(max(0.2, threshold * 0.5), num_perm)
        self._row_of: dict[str, int] = {}
        self._ids: list[str] = []
        self._exact: dict[int, int] = {}
        self._signatures = np.zeros((64, num_perm), dtype=np.uint32)
        self._sizes: list[int] = []
        self._leads: list[_Lead] = []

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row_of

    def check(self, article: Article) -> str | None:
        """The id of the earlier article this one copies, else None.

        An article that is not a copy is remembered, so later copies of it are
        found. A copy is not remembered: its copies point at the original. An
        article whose id is already known is itself, not a copy: None.
        """
        if article.id in self._row_of:
            return None
        words = _tokens(article.text)
        if not words:  # nothing to compare: never a copy, never an original
            return None
        key = _exact_key(words)
        if key in self._exact:
            return self._ids[self._exact[key]]
        shingle_set = _shingles_of(words)
        signature = self._sketch(shingle_set)
        original = self._near(signature, len(shingle_set), _Lead.of(words, LEAD_WORDS))
        if original is not None:
            return original
        self._register(article.id, key, words, len(shingle_set), signature)
        return None

    def add(self, article_id: str, text: str) -> None:
        """Remember an article without checking it (to seed from a store).

        Costs one MinHash of the text (about a millisecond for a news story)
        and no copy of the text; an id already known is ignored.
        """
        words = _tokens(text)
        if article_id in self._row_of or not words:
            return
        shingle_set = _shingles_of(words)
        self._register(article_id, _exact_key(words), words, len(shingle_set), self._sketch(shingle_set))

    def similarity(self, new_text: str, old_text: str) -> dict[str, float]:
        """The estimates :meth:`check` uses, for explaining a decision.

        Returns:
            ``jaccard``, ``containment`` (of new in old), ``lead`` (lead
            containment), ``lead_numbers_agree`` (1.0 or 0.0) and ``score``
            (what is compared with the threshold; 0 when the numbers disagree).
        """
        wa, wb = _tokens(new_text), _tokens(old_text)
        if not wa or not wb:
            return {"jaccard": 0.0, "containment": 0.0, "lead": 0.0, "lead_numbers_agree": 0.0, "score": 0.0}
        sa, sb = _shingles_of(wa), _shingles_of(wb)
        j = float(np.mean(self._sketch(sa) == self._sketch(sb)))
        return _score(j, len(sa), len(sb), _Lead.of(wa, LEAD_WORDS), _Lead.of(wb, LEAD_WINDOW, numbers_from_all=True))

    def _sketch(self, shingle_set: set[bytes]) -> np.ndarray:
        m = self._minhash(num_perm=self.num_perm, permutations=self._permutations, scheme="affine32")
        m.update_batch(list(shingle_set))
        return np.asarray(m.hashvalues, dtype=np.uint32)

    def _near(self, signature: np.ndarray, size: int, lead: "_Lead") -> str | None:
        rows = sorted(self._bands.query(signature))
        if not rows:
            return None
        jaccards = np.mean(self._signatures[rows] == signature, axis=1)
        best: tuple[float, int] | None = None
        for row, j in zip(rows, jaccards):
            score = _score(float(j), size, self._sizes[row], lead, self._leads[row])["score"]
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, row)
        return self._ids[best[1]] if best else None

    def _register(self, article_id: str, key: int, words: list[str], size: int, signature: np.ndarray) -> None:
        row = len(self._ids)
        if row == len(self._signatures):
            grown = np.zeros((2 * row, self.num_perm), dtype=np.uint32)
            grown[:row] = self._signatures
            self._signatures = grown
        self._signatures[row] = signature
        self._ids.append(article_id)
        self._row_of[article_id] = row
        self._exact.setdefault(key, row)
        self._sizes.append(size)
        self._leads.append(_Lead.of(words, LEAD_WINDOW, numbers_from_all=True))
        self._bands.insert(row, signature)


class _Lead:
    """The opening of an article (shingle hashes) and the numbers it states.

    ``numbers`` holds each number word with its two neighbours ("killing six
    policemen"): for a new article those in its lead, for a remembered one
    those anywhere in its text. A new lead whose figure does not appear in the
    same words in the earlier article says something new. Both are sorted
    32-bit hashes in one small array each.
    """

    __slots__ = ("hashes", "numbers")

    def __init__(self, hashes: np.ndarray, numbers: np.ndarray) -> None:
        self.hashes = hashes
        self.numbers = numbers

    @classmethod
    def of(cls, words: list[str], n: int, *, numbers_from_all: bool = False) -> "_Lead":
        head = words[:n]
        scope = words if numbers_from_all else head
        contexts = [
            " ".join(scope[max(0, i - 1):i + 2]).encode("utf-8")
            for i, w in enumerate(scope)
            if w.isdigit() or w in _NUMBER_WORDS
        ]
        return cls(_hash_array(_shingles_of(head)), _hash_array(contexts))


def _hash_array(items: Iterable[bytes]) -> np.ndarray:
    return np.unique(np.array([zlib.crc32(x) for x in items], dtype=np.uint32))


def _score(j: float, size_new: int, size_old: int, lead_new: _Lead, lead_old: _Lead) -> dict[str, float]:
    containment = lead = 0.0
    if size_new >= _MIN_SHINGLES_FOR_CONTAINMENT:
        containment = _containment(j, size_new, size_old)
        if len(lead_new.hashes):
            shared = np.intersect1d(lead_new.hashes, lead_old.hashes, assume_unique=True)
            lead = len(shared) / len(lead_new.hashes)
    agree = bool(np.isin(lead_new.numbers, lead_old.numbers, assume_unique=True).all())
    score = max(j, (containment + lead) / 2) if agree else 0.0
    return {"jaccard": j, "containment": containment, "lead": lead,
            "lead_numbers_agree": float(agree), "score": score}


def _exact_key(words: list[str]) -> int:
    return int.from_bytes(hashlib.sha1(" ".join(words).encode("utf-8")).digest()[:8], "big")


def _shingles_of(words: list[str], size: int = SHINGLE) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _containment(jaccard: float, size_new: int, size_old: int) -> float:
    """Share of the new set inside the old one, from Jaccard and the set sizes.

    |A∩B| = J·|A∪B| and |A∪B| = (|A|+|B|)/(1+J), so |A∩B|/|A| follows.
    """
    if size_new == 0:
        return 0.0
    inter = jaccard * (size_new + size_old) / (1.0 + jaccard)
    return min(1.0, inter / size_new)
