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


def _dates_close(a: Features, b: Features, opts: LinkOptions) -> bool:
    if a.date_known and b.date_known:
        gap = max(0, max(a.start, b.start) - min(a.end, b.end))  # type: ignore[type-var,operator]
        return gap <= max(a.slack, b.slack)
    if a.published is None or b.published is None:
        return False
    if a.date_known or b.date_known:
        dated, undated = (a, b) if a.date_known else (b, a)
        lo, hi = undated.published - opts.undated_lag, undated.published + opts.day_window  # type: ignore[operator]
        return dated.start <= hi and dated.end >= lo  # type: ignore[operator]
    return abs(a.published - b.published) <= opts.published_window


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
        for i, j in zip(bi[keep].tolist(), nj[keep].tolist()):
            a, b = (feats[i], feats[j]) if i < j else (feats[j], feats[i])
            if a.idx == b.idx or a.article == b.article or (fixed and fixed[a.idx] and fixed[b.idx]):
                continue
            if a.place.country and b.place.country and a.place.country != b.place.country and \
                    a.place.is_known and b.place.is_known:
                continue
            if place_relation(a, b, opts) is not None or not _dates_close(a, b, opts):
                continue
            wa = words.setdefault(a.idx, text_words(a.text))
            wb = words.setdefault(b.idx, text_words(b.text))
            if names_each_other(a, b, wa, wb):
                yield a.idx, b.idx, "mentioned"
        start = week_end
