"""Explain any pair of article incidents on demand: the score and reasons a run would give.

A run keeps only the decisions ``LinkOptions.explain`` asks for (by default
the links it made). A reviewer asking "why are these two not one incident?"
gets the answer from :func:`explain_pair`, which scores the pair within the
same items as :func:`~deathtoll.link.across.link_incidents` would.
"""

from __future__ import annotations

from typing import Any, Sequence

from deathtoll.errors import ConfigError
from deathtoll.link.blocking import candidate_pairs, dates_compatible, place_relation
from deathtoll.link.decide import score_pair
from deathtoll.link.features import compared_texts, features_of, item_order
from deathtoll.link.items import LinkItem, LinkOptions, PairDecision
from deathtoll.link.similarity import NameIndex, make_similarity

__all__ = ["explain_pair"]


def explain_pair(items: Sequence[LinkItem], a: str, b: str, *, options: Any = None) -> PairDecision:
    """Why the article incidents ``a`` and ``b`` are, or are not, one event.

    Scores the pair as :func:`link_incidents` would within ``items`` (which
    must hold both; the similarity is fitted on all of them), whether or not
    blocking would have compared it. ``merged`` is always False: only a full
    run knows what the guard would do.

    Raises:
        ConfigError: bad options, or ``a`` or ``b`` not among the items.
    """
    opts = LinkOptions.from_options(options)
    ordered = sorted({it.incident.id: it for it in items}.values(), key=item_order)
    pos = {it.incident.id: n for n, it in enumerate(ordered)}
    for x in (a, b):
        if x not in pos:
            raise ConfigError(f"no article incident {x!r} among the items")
    feats = [features_of(n, it, opts) for n, it in enumerate(ordered)]
    texts = compared_texts(ordered, feats)
    i, j = sorted((pos[a], pos[b]))
    fa, fb = feats[i], feats[j]
    if fa.article == fb.article:
        return PairDecision(fa.item.id, fb.item.id, float("-inf"), False, ("not compared: same article",))
    relation = place_relation(fa, fb, opts)
    if relation is None:
        return PairDecision(fa.item.id, fb.item.id, float("-inf"), False, ("not compared: places incompatible",))
    if not dates_compatible(fa, fb, relation, opts):
        return PairDecision(fa.item.id, fb.item.id, float("-inf"), False, ("not compared: dates incompatible",))
    sim = make_similarity(opts.similarity).fit(texts)
    names = NameIndex().fit(texts)
    partners: dict[int, set[str]] = {i: set(), j: set()}
    for x, y, _ in candidate_pairs(feats, opts):
        for p, q in ((x, y), (y, x)):
            if p in partners:
                partners[p].add(feats[q].article)
    alone = len(partners[i]) == 1 and len(partners[j]) == 1
    score, reasons = score_pair(fa, fb, relation, sim.pair(i, j), opts, names.shared(i, j), alone=alone)
    return PairDecision(fa.item.id, fb.item.id, score, score >= opts.threshold, reasons)
