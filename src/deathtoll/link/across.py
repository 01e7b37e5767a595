"""Cross-article linking: many outlets' reports of one event become one incident.

:func:`link_incidents` takes article-level incidents (:class:`LinkItem`),
compares only the pairs that blocking lets through (:mod:`.blocking`), scores
each on the similarity of the evidence and on what the two state
(:mod:`.decide`), and joins accepted pairs best-first with a union-find that
refuses a join that would put two clearly different events together (two
incidents of one article, different weapons, places too far apart, …).
Follow-ups (incidents dated only by their publication, up to a year after
the event they tell of) are joined last, in publication order, each to its
best earlier candidate.
Copies of an article join their original. Manual decisions are re-applied
last (:mod:`.manual`). Each resulting incident is reconciled
(:mod:`.reconcile`) and named ``"L-" + sha1(earliest article incident id)[:12]``.

Incremental runs pass the already stored article incidents as ``existing``
items, each with the id of the linked incident it belongs to: they are
candidates for the new items, never compared among themselves again, and
their linked incident keeps its id.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
from array import array
from dataclasses import replace
from typing import Any, Callable, Iterable, Sequence, TypeVar

from deathtoll.link.blocking import PlaceIndex
from deathtoll.link.cues import unbranded
from deathtoll.link.clusters import Clusters, join
from deathtoll.link.decide import score_pair
from deathtoll.link.followups import link_followups
from deathtoll.link.features import Features, compared_texts, features_of, item_order
from deathtoll.link.items import LinkItem, LinkOptions, LinkResult, PairDecision
from deathtoll.link.manual import ManualDecision, ManualDecisions, apply_decisions
from deathtoll.link.reconcile import build_incident
from deathtoll.link.mentions import mention_pairs
from deathtoll.link.similarity import LexicalSimilarity, NameIndex, make_similarity

__all__ = ["link_incidents", "linked_id"]

_RELATIONS = ("same", "inside", "near", "unplaced", "mentioned", "region")


def linked_id(seed: str) -> str:
    """The stable id of a linked incident whose earliest article incident is ``seed``."""
    return "L-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


_F = TypeVar("_F", bound=Callable[..., Any])


def _collector_paused(func: _F) -> _F:
    """Run ``func`` with Python's cyclic garbage collector paused (as it was, after).

    Linking builds hundreds of thousands of small objects that live to the
    end of the run and form no cycles; the collector would walk all of them
    again each time the heap grows by a quarter (a tenth of the time of a
    large batch) and would free nothing. Reference counting still frees
    everything as usual.
    """
    @functools.wraps(func)
    def paused(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused  # type: ignore[return-value]


def _trimmed(item: LinkItem, taken: set[str]) -> LinkItem:
    """``item`` without the reports a manual split takes out (for comparing only)."""
    if not taken or not any(r.id in taken for r in item.reports):
        return item
    keep = tuple(r for r in item.reports if r.id not in taken)
    return replace(item, reports=keep, incident=replace(item.incident, reports=tuple(r.id for r in keep)))


def _units(item: LinkItem) -> list[str]:
    return [r.id for r in item.reports] or [f"item:{item.incident.id}"]


@_collector_paused
def link_incidents(
    items: Iterable[LinkItem],
    existing: Iterable[LinkItem] = (),
    *,
    manual: ManualDecisions | Iterable[ManualDecision] | None = None,
    options: Any = None,
) -> LinkResult:
    """Link article incidents that tell one real event into cross-article incidents.

    Args:
        items: the new article incidents (from :func:`items_from_result`).
        existing: article incidents stored by earlier runs, each with
            ``linked`` set to its linked incident's id; pass every member of
            each linked incident named. They are candidates for the new items
            and are not compared among themselves again (one without
            ``linked`` is linked as a new one). An item in both ``items`` and
            ``existing`` (an article read again) counts as new.
        manual: the stored manual decisions, re-applied after linking.
        options: :class:`LinkOptions`, a mapping of its fields, or the run's
            :class:`~deathtoll.options.Options` (``extra["link"]``).

    Returns:
        The linked incidents over new and existing items, with the pair
        decisions behind them.

    Raises:
        ConfigError: bad options, or embedding similarity without its extra.
    """
    opts = LinkOptions.from_options(options)
    decisions = manual if isinstance(manual, ManualDecisions) else ManualDecisions(manual or ())
    fresh = {it.incident.id: it for it in items}
    stored = {e.incident.id: e for e in existing if e.incident.id not in fresh}
    for key, it in list(stored.items()):
        if not it.linked:  # stored but never linked: as good as new
            fresh[key] = stored.pop(key)
    new = sorted(fresh.values(), key=item_order)
    old = sorted(stored.values(), key=item_order)
    all_items: list[LinkItem] = old + new
    fixed = [True] * len(old) + [False] * len(new)
    taken = decisions.split_reports()
    views = [_trimmed(it, taken) for it in all_items]
    frozen = [bool(it.reports) and not v.reports for it, v in zip(all_items, views)]
    feats = [features_of(i, v, opts) for i, v in enumerate(views)]
    texts = compared_texts(all_items, feats)
    lexical = LexicalSimilarity().fit(texts)
    sim = make_similarity(opts.similarity, lexical)
    if sim is not lexical:
        sim.fit(texts)
    titled = [f"{it.title or ''}. {t}" for it, t in zip(all_items, texts)]  # texts are the features' now
    names = NameIndex().fit([unbranded(it.title, t, it.lead) for it, t in zip(all_items, texts)])
    merged_by_hand = {r for d in decisions if d.kind == "merge" for r in d.report_ids}
    vouched = [any(r.id in merged_by_hand for r in it.reports) for it in all_items]
    clusters = Clusters(feats, opts, vouched)

    for i, j in _stored_links(all_items, fixed):
        clusters.union(i, j, guarded=False)
    pairs = _link_copies(all_items, fixed, frozen, sim, clusters, opts)
    index = PlaceIndex(feats, opts)
    same_time, later = index.named(titled, fixed)
    pairs += _link_candidates(all_items, feats, fixed, frozen, sim, lexical, names, clusters, opts, index, same_time)
    pairs += link_followups(all_items, feats, fixed, frozen, sim, names, clusters, opts, index, later)
    unit_sets, unit_item = _unit_sets(all_items, clusters)
    final, shaped = apply_decisions(unit_sets, decisions)
    return _result(final, shaped, unit_item, all_items, fixed, opts, pairs)


def _stored_links(all_items: Sequence[LinkItem], fixed: Sequence[bool]) -> list[tuple[int, int]]:
    """Pairs that join stored items of one linked incident (they stay together)."""
    first_of: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for i, it in enumerate(all_items):
        if fixed[i] and it.linked:
            if it.linked in first_of:
                out.append((first_of[it.linked], i))
            else:
                first_of[it.linked] = i
    return out


def _link_copies(all_items: Sequence[LinkItem], fixed: Sequence[bool], frozen: Sequence[bool], sim: Any,
                 clusters: Clusters, opts: LinkOptions) -> list[PairDecision]:
    """Join each new copy's incident to the most similar incident of its original article."""
    by_article: dict[str, list[int]] = {}
    for i, it in enumerate(all_items):
        by_article.setdefault(it.article_id, []).append(i)
    pairs: list[PairDecision] = []
    for i, it in enumerate(all_items):
        if fixed[i] or not it.copy_of or frozen[i]:
            continue
        originals = [j for j in by_article.get(it.copy_of, []) if not frozen[j]]
        if not originals:
            continue
        j = max(originals, key=lambda k: (sim.pair(i, k), -k))
        s = sim.pair(i, j)
        if s >= opts.copy_similarity or len(originals) == 1:
            why = clusters.union(i, j)
            pairs.append(PairDecision(all_items[j].incident.id, it.incident.id, 1.0, True,
                                      (f"copy of {it.copy_of}", f"text {s:.2f}"), why is None))
    return pairs


def _link_candidates(all_items: Sequence[LinkItem], feats: Sequence[Features], fixed: Sequence[bool],
                     frozen: Sequence[bool], sim: Any, lexical: LexicalSimilarity, names: NameIndex,
                     clusters: Clusters, opts: LinkOptions, index: PlaceIndex,
                     named: Sequence[tuple[int, int]] = ()) -> list[PairDecision]:
    """Block, score every candidate pair, and join the accepted ones best first."""
    # Blocking first, into compact arrays, to know each item's partners ("alone").
    left, right, rels = array("i"), array("i"), bytearray()
    partner: list[int] = [-1] * len(all_items)  # -1 none yet, -2 several articles, else one article's item
    by_place = index.pairs(fixed)
    by_text = list(mention_pairs(feats, lexical.matrix, opts, fixed=fixed))
    seen = {(i, j) for i, j, _ in by_text}
    by_name = [(i, j, "mentioned") for i, j in named if (i, j) not in seen]
    seen.update(named)
    by_region = ((i, j, "region") for i, j in index.regional(fixed) if (i, j) not in seen)
    for i, j, rel in itertools.chain(by_place, by_text, by_name, by_region):
        if frozen[i] or frozen[j]:
            continue
        left.append(i)
        right.append(j)
        rels.append(_RELATIONS.index(rel))
        if rel == "region":
            continue  # a looser way in: it does not make a pair's places crowded
        for x, y in ((i, j), (j, i)):
            if partner[x] == -1:
                partner[x] = y
            elif partner[x] >= 0 and feats[partner[x]].article != feats[y].article:
                partner[x] = -2
    floor = {"all": float("-inf"), "near": opts.threshold - 0.3, "linked": opts.threshold}[opts.explain]
    texts_alike = sim.pairs(left, right).tolist() if left else []
    kept: list[tuple[float, int, int, str, bool, float]] = []
    for i, j, code, t in zip(left, right, rels, texts_alike):
        alone = partner[i] >= 0 and partner[j] >= 0
        relation = _RELATIONS[code]
        score, _ = score_pair(feats[i], feats[j], relation, t, opts, names.shared(i, j), alone=alone, explain=False)
        if score >= floor:
            kept.append((score, i, j, relation, alone, t))
    del left, right, rels, texts_alike
    kept.sort(key=lambda s: (-s[0], all_items[s[1]].incident.id, all_items[s[2]].incident.id))
    pairs: list[PairDecision] = []
    for score, i, j, relation, alone, t in kept:
        accepted = score >= opts.threshold
        why = None
        if accepted:
            why = join(clusters, feats, i, j, relation)
        _, reasons = score_pair(feats[i], feats[j], relation, t, opts, names.shared(i, j), alone=alone)
        if why:
            reasons = reasons + (f"refused: {why}",)
        pairs.append(PairDecision(all_items[i].incident.id, all_items[j].incident.id, score, accepted,
                                  reasons, accepted and why is None))
    return pairs


def _unit_sets(all_items: Sequence[LinkItem], clusters: Clusters) -> tuple[list[set[str]], dict[str, int]]:
    """The clusters as sets of report ids (manual decisions act on reports), and report -> item."""
    groups: dict[int, list[int]] = {}
    for i in range(len(all_items)):
        groups.setdefault(clusters.find(i), []).append(i)
    unit_item: dict[str, int] = {}
    unit_sets: list[set[str]] = []
    for members in sorted(groups.values(), key=lambda m: min(m)):
        units: set[str] = set()
        for i in members:
            for u in _units(all_items[i]):
                unit_item[u] = i
                units.add(u)
        unit_sets.append(units)
    return unit_sets, unit_item


def _result(final: list[set[str]], shaped: set[int], unit_item: dict[str, int], all_items: list[LinkItem],
            fixed: list[bool], opts: LinkOptions, pairs: list[PairDecision]) -> LinkResult:
    """Name, reconcile and describe the final clusters."""
    order_key = [item_order(it) for it in all_items]
    cluster_items: list[list[tuple[int, set[str]]]] = []
    for units in final:
        per_item: dict[int, set[str]] = {}
        for u in units:
            per_item.setdefault(unit_item[u], set()).add(u)
        cluster_items.append(sorted(per_item.items(), key=lambda kv: order_key[kv[0]]))
    # Stored linked ids stay with the cluster holding most of their units.
    claims: list[tuple[int, str, int]] = []
    totals: dict[str, int] = {}
    for n, members in enumerate(cluster_items):
        counts: dict[str, int] = {}
        for i, units in members:
            lid = all_items[i].linked
            if fixed[i] and lid:
                counts[lid] = counts.get(lid, 0) + len(units)
        for lid, c in counts.items():
            claims.append((-c, lid, n))
            totals[lid] = totals.get(lid, 0) + c
    ids: list[str | None] = [None] * len(final)
    holder: dict[str, int] = {}
    for neg, lid, n in sorted(claims):
        if lid not in holder:
            holder[lid] = n
            if ids[n] is None:
                ids[n] = lid
    used = {i for i in ids if i}
    for n, members in enumerate(cluster_items):
        if ids[n] is None:
            first_item, first_units = members[0]
            lid = linked_id(all_items[first_item].incident.id)
            if lid in used:
                lid = linked_id(all_items[first_item].incident.id + "|" + min(first_units))
            ids[n] = lid
            used.add(lid)
    replaced = {lid: ids[n] for lid, n in holder.items() if ids[n] != lid}

    incidents = []
    members_out: dict[str, tuple[str, ...]] = {}
    origin: dict[str, str] = {}
    best_share: dict[str, tuple[int, str]] = {}
    for n, members in enumerate(cluster_items):
        lid = ids[n]
        assert lid is not None
        parts: list[LinkItem] = []
        for i, units in members:
            it = all_items[i]
            if it.reports and len(units) < len(it.reports):
                keep = tuple(r for r in it.reports if r.id in units)
                it = replace(it, reports=keep, incident=replace(it.incident, reports=tuple(r.id for r in keep)))
            parts.append(it)
            share = (len(units), lid)
            if share[0] > best_share.get(it.incident.id, (0, ""))[0]:
                best_share[it.incident.id] = share
        incidents.append(build_incident(lid, parts, wire_similarity=opts.wire_similarity))
        members_out[lid] = tuple(dict.fromkeys(p.incident.id for p in parts))
        origin[lid] = "manual" if n in shaped else "linked"
    incidents.sort(key=lambda inc: inc.id)
    assignments = {iid: lid for iid, (_, lid) in sorted(best_share.items())}
    pairs.sort(key=lambda p: (p.a, p.b))
    return LinkResult(tuple(incidents), dict(sorted(members_out.items())), assignments,
                      dict(sorted(origin.items())), replaced, tuple(pairs))

