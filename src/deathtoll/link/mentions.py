"""A second way in: pairs whose texts are alike and name each other's place.

Place resolution errs: "Woodlawn" put in the wrong state, a street taken for
a town. Two reports of one event whose resolved places do not relate would
never be compared. This pass finds pairs whose evidence texts are alike
(lexical cosine of at least ``LinkOptions.mention_similarity``) within the
date window, and lets them through when one text names the other's place
(or both places lie in one admin1, or the resolver found no place at all for
one of them). Such a pair is compared with the
relation ``mentioned``, which scores like "near".

Texts are compared a week of dates (at most 256 texts) at a time against
their neighbours in time, as sparse matrix products, so the pass stays
linear in the batch, in time and in memory.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from unidecode import unidecode

from deathtoll.link.blocking import place_relation
from deathtoll.link.features import Features, fold_name
from deathtoll.link.items import LinkOptions

__all__ = ["mention_pairs", "names_place", "names_each_other", "placeless", "text_words"]

_WORDS = re.compile(r"[a-z0-9]+")
_WEEK = 7
_BLOCK = 256  # rows per sparse product: bounds the memory of one product


def text_words(text: str) -> set[str]:
    """The words of a text, ASCII-folded and lowercased, as :func:`names_place` reads them."""
    return set(_WORDS.findall((text if text.isascii() else unidecode(text)).lower()))


def names_place(said: set[str], f: Features) -> bool:
    """The words of ``f``'s place name (of four letters or more) all occur in a text."""
    name = f.place.name
    if not name:
        return False
    words = _WORDS.findall((name if name.isascii() else unidecode(name)).lower())
    return bool(words) and sum(len(w) for w in words) >= 4 and all(w in said for w in words)


def placeless(f: Features) -> bool:
    """The resolver found nowhere for ``f``: no GeoNames place and no admin1 (a street of no
    known town, a town the gazetteer lacks, no place word at all)."""
    return f.place.geonames_id is None and not f.place.admin1


def names_each_other(a: Features, b: Features, wa: set[str], wb: set[str]) -> bool:
    """Both places lie in one admin1, one text (its words ``wa``, ``wb``) names the other's place,
    or one of them is :func:`placeless`, so that nothing but its text can place it."""
    same_admin = bool(a.place.admin1) and fold_name(a.place.admin1) == fold_name(b.place.admin1)
    return same_admin or placeless(a) or placeless(b) or names_place(wb, a) or names_place(wa, b)


def _anchor(f: Features) -> int | None:
    if f.date_known:
        return f.start
    return f.published


class _DateArrays:
    """The features' dates as arrays, to test many pairs at once.

    Two dated incidents meet within the larger slack of their precisions; a
    dated and an undated one when the dated range meets the week before the
    undated one's publication (or the day after it); two undated ones when
    they were published within ``published_window`` days of each other.
    """

    def __init__(self, feats: Sequence[Features]) -> None:
        import numpy as np

        self.known = np.array([f.date_known for f in feats], dtype=bool)
        self.start = np.array([f.start if f.date_known else 0 for f in feats], dtype=np.int64)
        self.end = np.array([f.end if f.date_known else 0 for f in feats], dtype=np.int64)
        self.slack = np.array([f.slack for f in feats], dtype=np.int64)
        self.has_pub = np.array([f.published is not None for f in feats], dtype=bool)
        self.pub = np.array([f.published if f.published is not None else 0 for f in feats], dtype=np.int64)

    def close(self, i: Any, j: Any, opts: LinkOptions) -> Any:
        """A boolean array: for each pair ``(i[k], j[k])``, whether their dates allow one event."""
        import numpy as np

        ki, kj = self.known[i], self.known[j]
        si, sj, ei, ej = self.start[i], self.start[j], self.end[i], self.end[j]
        both = ki & kj & (np.maximum(np.maximum(si, sj) - np.minimum(ei, ej), 0)
                          <= np.maximum(self.slack[i], self.slack[j]))
        pi, pj = self.pub[i], self.pub[j]
        published = self.has_pub[i] & self.has_pub[j]
        # one dated: the dated one's range meets the undated one's week before publication
        i_dated = ki & ~kj & (si <= pj + opts.day_window) & (ei >= pj - opts.undated_lag)
        j_dated = kj & ~ki & (sj <= pi + opts.day_window) & (ej >= pi - opts.undated_lag)
        neither = ~ki & ~kj & (np.abs(pi - pj) <= opts.published_window)
        return both | (published & (i_dated | j_dated | neither))


def mention_pairs(feats: Sequence[Features], matrix: Any, opts: LinkOptions, *,
                  fixed: Sequence[bool] = ()) -> Iterator[tuple[int, int, str]]:
    """Pairs ``(i, j, "mentioned")``, ``i < j``, that place blocking missed but text and dates allow.

    ``matrix`` holds one L2-normalised TF-IDF row per feature (the lexical
    similarity's matrix). Pairs within one article, of two ``fixed`` items,
    of two countries, or that place blocking already relates, are left out.
    """
    import numpy as np

    anchors = [(_anchor(f), f.idx) for f in feats]
    dated = sorted((a, i) for a, i in anchors if a is not None)
    if not dated:
        return
    keys = np.array([a for a, _ in dated], dtype=np.int64)
    order = np.array([i for _, i in dated], dtype=np.int64)
    slack = max((f.slack for f in feats if f.date_known), default=0)
    undated = opts.undated_lag + opts.published_window if any(not f.date_known for f in feats) else 0
    reach = max(slack, undated) + 1
    article_ids: dict[str, int] = {}
    article = np.array([article_ids.setdefault(f.article, len(article_ids)) for f in feats], dtype=np.int64)
    gid = np.array([f.place.geonames_id if f.place.geonames_id is not None else -1 - f.idx for f in feats],
                   dtype=np.int64)  # unknown ids never equal
    when = _DateArrays(feats)
    country_ids: dict[str, int] = {}
    country = np.array([country_ids.setdefault(f.place.country, len(country_ids)) if f.place.country and
                        f.place.is_known else -1 - f.idx for f in feats], dtype=np.int64)  # -1-i: no witness
    fixed_at = np.array([bool(x) for x in fixed], dtype=bool) if fixed else None
    words: dict[int, set[str]] = {}
    start = 0
    while start < len(order):
        week_end = min(int(np.searchsorted(keys, keys[start] + _WEEK, side="left")), start + _BLOCK)
        lo = int(np.searchsorted(keys, keys[start] - reach, side="left"))
        hi = int(np.searchsorted(keys, keys[week_end - 1] + reach, side="right"))
        block, near = order[start:week_end], order[lo:hi]
        product = (matrix[block] @ matrix[near].T).tocoo()
        # alike enough, and each pair once: from the block of the earlier of the two
        rows, cols = product.row, product.col
        keep = (product.data >= opts.mention_similarity) & (start + rows < lo + cols)
        rows, cols = rows[keep], cols[keep]
        bi, nj = block[rows], near[cols]
        # another article, and not one GeoNames place (those pairs are place blocking's)
        keep = (article[bi] != article[nj]) & (gid[bi] != gid[nj])
        # two countries the resolver is sure of; two stored items; dates apart
        keep &= (country[bi] == country[nj]) | (country[bi] < 0) | (country[nj] < 0)
        if fixed_at is not None:
            keep &= ~(fixed_at[bi] & fixed_at[nj])
        bi, nj = bi[keep], nj[keep]
        close = when.close(bi, nj, opts)
        for i, j in zip(bi[close].tolist(), nj[close].tolist()):
            a, b = (feats[i], feats[j]) if i < j else (feats[j], feats[i])
            if place_relation(a, b, opts) is not None:
                continue
            wa = words.get(a.idx)
            if wa is None:
                wa = words[a.idx] = text_words(a.text)
            wb = words.get(b.idx)
            if wb is None:
                wb = words[b.idx] = text_words(b.text)
            if names_each_other(a, b, wa, wb):
                yield a.idx, b.idx, "mentioned"
        start = week_end
