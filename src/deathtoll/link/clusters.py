"""The union-find that joins linked pairs, refusing joins whose clusters conflict.

Each cluster keeps its members, so that joining A~B and B~C does not
chain A to C when A and C are clearly different events
(:func:`~deathtoll.link.decide.guard_conflict`).
"""

from __future__ import annotations

from typing import Sequence

from deathtoll.geo import distance_km
from deathtoll.link.decide import FAR, guard_conflict
from deathtoll.link.features import Features
from deathtoll.link.items import LinkOptions

__all__ = ["Clusters", "join", "PLACES_DIFFER"]

PLACES_DIFFER = ("mentioned", "region")  # pairs whose places do not relate: the places witness nothing
_FULL_GUARD = 2500  # cluster size product up to which every cross pair is checked


class Clusters:
    """Union-find over items that keeps each cluster's members for the guard."""

    def __init__(self, feats: Sequence[Features], opts: LinkOptions, vouched: Sequence[bool] = ()) -> None:
        self.feats = feats
        self.opts = opts
        self.vouched = vouched
        self.parent = list(range(len(feats)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(feats))}
        self.articles: dict[int, set[str]] = {i: {f.article} for i, f in enumerate(feats)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, i: int, j: int) -> str | None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        if self.articles[ri] & self.articles[rj]:
            return "same article"
        mi, mj = self.members[ri], self.members[rj]
        if len(mi) * len(mj) > _FULL_GUARD:
            mi, mj = mi[:50], mj[:50]
        if self.vouched:
            # members a reviewer merged in are there on purpose: they witness nothing
            mi = [x for x in mi if not self.vouched[x]]
            mj = [y for y in mj if not self.vouched[y]]
        for x in mi:
            for y in mj:
                why = guard_conflict(self.feats[x], self.feats[y], self.opts)
                if why == FAR and (self._spans(x, mj) or self._spans(y, mi)):
                    continue  # the other cluster already holds x's place beside y's: it spans both
                if why:
                    return why
        return None

    def _spans(self, x: int, others: Sequence[int]) -> bool:
        """Some item of ``others`` lies at ``x``'s place (within ``far_km``)."""
        fx = self.feats[x]
        return any(self.feats[z].has_coords and self.feats[z].rank <= 2 and distance_km(
            fx.place.lat, fx.place.lon, self.feats[z].place.lat, self.feats[z].place.lon) <= self.opts.far_km  # type: ignore
            for z in others)

    def union(self, i: int, j: int, *, guarded: bool = True) -> str | None:
        """Join the clusters of ``i`` and ``j``; the reason it was refused, or None."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        if guarded:
            why = self.conflict(ri, rj)
            if why:
                return why
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))
        self.articles[keep] |= self.articles.pop(gone)
        return None


def join(clusters: Clusters, feats: Sequence[Features], i: int, j: int, relation: str) -> str | None:
    """Join ``i`` and ``j`` (the reason it was refused, or None).

    A pair whose places do not relate was let in by its text or its unsure
    place: that place (both, when neither or both are unsure) is no witness
    against later joins (``place_doubtful``).
    """
    doubtful = feats[i].place_doubtful, feats[j].place_doubtful
    if relation in PLACES_DIFFER:
        # the unsure place of the two is the one the text overruled; a sure one stays a witness
        # (a junk name put in another state must not let every story it met chain together)
        unsure_i, unsure_j = feats[i].place_unsure, feats[j].place_unsure
        if unsure_i == unsure_j:
            feats[i].place_doubtful = feats[j].place_doubtful = True
        else:
            feats[i if unsure_i else j].place_doubtful = True
    why = clusters.union(i, j)
    if why:
        feats[i].place_doubtful, feats[j].place_doubtful = doubtful
    return why
