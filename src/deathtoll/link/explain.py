"""Explain any pair of article incidents on demand: the score and reasons a run would give.

A run keeps only the decisions ``LinkOptions.explain`` asks for (by default
the links it made). A reviewer asking "why are these two not one incident?"
gets the answer from :func:`explain_pair`, which scores the pair within the
same items as :func:`~deathtoll.link.across.link_incidents` would.
"""

from __future__ import annotations

from typing import Any, Sequence

from deathtoll.errors import ConfigError
from deathtoll.link.blocking import (PlaceIndex, date_gap, dates_compatible, followup_days, in_one_region, nameable,
                                    place_relation)
from deathtoll.link.decide import score_pair
from deathtoll.link.cues import unbranded
from deathtoll.link.features import Features, compared_texts, features_of, item_order, name_grams
from deathtoll.link.items import LinkItem, LinkOptions, PairDecision
from deathtoll.link.mentions import names_each_other, text_words
from deathtoll.link.similarity import NameIndex, make_similarity

__all__ = ["explain_pair"]


def _names_other(texts: Sequence[str], fa: Features, fb: Features) -> bool:
    """One's title or evidence names the other's resolved town or finer place (see
    :func:`~deathtoll.link.blocking.named_pairs`)."""
    return any(f.place_name and nameable(f) and f.place_name in name_grams(texts[g.idx]) for f, g in ((fa, fb), (fb, fa)))


def _alike_and_named(fa: Features, fb: Features, text: float, opts: LinkOptions) -> bool:
    """The second pass of :mod:`~deathtoll.link.mentions`: alike texts, one naming the other's place."""
    return text >= opts.mention_similarity and names_each_other(fa, fb, text_words(fa.text), text_words(fb.text))


def explain_pair(items: Sequence[LinkItem], a: str, b: str, *, options: Any = None) -> PairDecision:
    """Why the article incidents ``a`` and ``b`` are, or are not, one event.

    Scores the pair as :func:`link_incidents` would within ``items`` (which
    must hold both; the similarity is fitted on all of them), whether or not
    blocking would have compared it. ``merged`` is always False: only a full
    run knows what the guard would do. For a follow-up, "only candidates"
    is judged on the items as given (a run judges it on the clusters built
    so far, so an event told by several articles counts once there).

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
    sim = make_similarity(opts.similarity).fit(texts)
    text = sim.pair(i, j)
    named = [f"{it.title or ''}. {f.text}" for it, f in zip(ordered, feats)]
    relation = place_relation(fa, fb, opts)
    if relation is None and (_names_other(named, fa, fb) or _alike_and_named(fa, fb, text, opts)):
        relation = "mentioned"
    elif relation is None and in_one_region(fa, fb, opts):
        relation = "region"
    if relation is None:
        return PairDecision(fa.item.id, fb.item.id, float("-inf"), False, ("not compared: places incompatible",))
    follow = followup_days(fa, fb, opts)
    if relation in ("mentioned", "region"):
        meet = fa.date_known and fb.date_known and date_gap(fa, fb) <= max(fa.slack, fb.slack)
        compatible = meet or follow is not None
    else:
        compatible = dates_compatible(fa, fb, relation, opts)
    if not compatible:
        return PairDecision(fa.item.id, fb.item.id, float("-inf"), False, ("not compared: dates incompatible",))
    names = NameIndex().fit([unbranded(it.title, f.text, it.lead) for it, f in zip(ordered, feats)])
    alone = _alone(feats, opts, i, j, follow is not None)
    score, reasons = score_pair(fa, fb, relation, text, opts, names.shared(i, j), alone=alone)
    return PairDecision(fa.item.id, fb.item.id, score, score >= opts.threshold, reasons)


def _alone(feats: Sequence[Features], opts: LinkOptions, i: int, j: int, follow: bool) -> bool:
    """Each is the other's only candidate (a follow-up: its earlier candidates are of one article)."""
    index = PlaceIndex(feats, opts)
    if follow:
        later = i if feats[i].bounded and feats[i].end >= feats[j].end else j  # type: ignore[operator]
        return len({feats[e].article for x, e, _ in index.followups() if x == later}) == 1
    partners: dict[int, set[str]] = {i: set(), j: set()}
    for x, y, _ in index.pairs():
        for p, q in ((x, y), (y, x)):
            if p in partners:
                partners[p].add(feats[q].article)
    return len(partners[i]) == 1 and len(partners[j]) == 1
