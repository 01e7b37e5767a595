"""The follow-up pass: each follow-up joins the earlier incident it tells of.

Run after every other link (:func:`~deathtoll.link.across.link_incidents`),
in publication order, so that an event and its earlier follow-ups are one
cluster by the time a later follow-up is weighed.
"""

from __future__ import annotations

import itertools
from typing import Any, Sequence

from deathtoll.link.blocking import PlaceIndex
from deathtoll.link.clusters import Clusters, join
from deathtoll.link.decide import score_pair
from deathtoll.link.features import Features
from deathtoll.link.items import LinkItem, LinkOptions, PairDecision
from deathtoll.link.similarity import NameIndex

__all__ = ["link_followups"]


def link_followups(all_items: Sequence[LinkItem], feats: Sequence[Features], fixed: Sequence[bool],
                   frozen: Sequence[bool], sim: Any, names: NameIndex, clusters: Clusters, opts: LinkOptions,
                   index: PlaceIndex, named: Sequence[tuple[int, int]] = ()) -> list[PairDecision]:
    """Join each follow-up (an incident dated only by its publication) to the earlier incident it tells of.

    Follow-ups are taken in publication order, after every other link, so
    that an event and its earlier follow-ups are one cluster by then. A
    follow-up whose earlier candidates all lie in one cluster gets the
    "only candidates" bonus; it joins, best first, every candidate scoring
    at least the threshold that the guard lets through. Two clusters it
    joins so were one event told apart (their texts differ too much); two
    events of other days or places stay apart, as the guard refuses the
    second join.
    """
    by_later: dict[int, dict[int, str]] = {}
    by_name = ((i, j, "mentioned") for i, j in named)
    for i, j, rel in itertools.chain(index.followups(fixed), by_name):
        if not (frozen[i] or frozen[j]):
            by_later.setdefault(i, {}).setdefault(j, rel)  # by place first, else by name
    floor = {"all": float("-inf"), "near": opts.threshold - 0.3, "linked": opts.threshold}[opts.explain]
    pairs: list[PairDecision] = []
    later = sorted(by_later)
    candidates = [sorted(by_later[i].items()) for i in later]
    # the texts of every follow-up and its candidates compared at once (one call per follow-up cost more)
    texts = sim.pairs([i for i, cands in zip(later, candidates) for _ in cands],
                      [j for cands in candidates for j, _ in cands]).tolist() if later else []
    at = 0
    for i, cands in zip(later, candidates):
        alike = texts[at:at + len(cands)]
        at += len(cands)
        own = clusters.find(i)
        roots = {clusters.find(j) for j, _ in cands}
        if own in roots:
            continue  # already linked to one of them
        alone = len(roots) == 1  # (scored only for a follow-up within a week: see score_pair)
        scored = sorted(((score_pair(feats[i], feats[j], rel, t, opts, names.shared(i, j), alone=alone,
                                     explain=False)[0], j, rel, t) for (j, rel), t in zip(cands, alike)),
                        key=lambda s: (-s[0], all_items[s[1]].incident.id))
        for score, j, rel, t in scored:
            if score < floor:
                break
            accepted = score >= opts.threshold
            why = join(clusters, feats, j, i, rel) if accepted else None
            _, reasons = score_pair(feats[i], feats[j], rel, t, opts, names.shared(i, j), alone=alone)
            if why:
                reasons = reasons + (f"refused: {why}",)
            merged = accepted and why is None
            pairs.append(PairDecision(all_items[j].incident.id, all_items[i].incident.id, score, accepted,
                                      reasons, merged))
    return pairs
