"""Blocking's index finds what a scan of every pair finds.

The index reads, per key, only the items whose date windows meet the one
searched (``WindowLists``) and remembers place relations per pair of places
(``PlaceIndex.relation``); these tests hold both, and every pass built on
them, to brute-force scans of every pair of items built here.
"""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest

from deathtoll.link.blocking import (PlaceIndex, _keys, dates_compatible, followup_gap, in_one_region, nameable,
                                     place_relation)
from deathtoll.link.cues import name_grams
from deathtoll.link.features import compared_texts, features_of
from deathtoll.link.items import LinkOptions
from deathtoll.link.timing import FOLLOWED, date_gap
from deathtoll.link.windows import WindowLists
from test_link_across_helpers import DAY, PLACES, one

OPTS = LinkOptions()
D = timedelta(days=1)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_window_lists_find_every_window_that_meets(seed):
    rng = random.Random(seed)
    intervals = []
    for _ in range(300):
        lo = rng.randrange(400)
        intervals.append((lo, lo + rng.choice((0, 2, 3, 10, 20, 92, rng.randrange(200)))))
    index: dict[tuple, list[tuple[int, int]]] = {}
    for j, (lo, _) in enumerate(intervals):
        for key in rng.sample([("k", n) for n in range(5)], 2):
            index.setdefault(key, []).append((lo, j))
    lists = WindowLists(index, intervals)
    for _ in range(200):
        key = ("k", rng.randrange(6))  # ("k", 5) holds nothing
        lo = rng.randrange(-50, 450)
        hi = lo + rng.randrange(100)
        floor = rng.choice((None, lo - rng.randrange(120)))
        found = lists.meeting(key, lo, hi, floor)
        expected = {j for start, j in index.get(key, ()) if start <= hi and intervals[j][1] >= lo
                    and (floor is None or start >= floor)}
        assert len(found) == len(set(found))
        assert set(found) == expected


_PLACES = ("mosul", "bab_al_tob", "zanjili", "nineveh", "tal_afar", "hamdaniya", "gogjali", "baghdad", "karrada",
           "iraq", "aleppo", "nowhere")
_TITLES = ("Blast in Mosul", "Attack near Tal Afar", "Gunmen strike Gogjali market", "Funeral held in Karrada",
           "Suspect arrested over Hamdaniya attack", "Car bomb kills five")


def _items(seed: int, n: int = 150):
    """Items at places of every precision, dated to days, weeks, months, years or their publication only."""
    rng = random.Random(seed)
    items = []
    for k in range(n):
        day = DAY + rng.randrange(-40, 40) * D
        kind = rng.random()
        spec: dict = {"day": day, "published": day + rng.randrange(3) * D}
        if kind < 0.3:  # dated by its publication only: may follow up an earlier event
            spec.update(day=spec["published"], rules=("date:published", "place:title" if k % 3 else "place:clause"))
        elif kind < 0.4:
            spec.update(precision="week", end=day + 6 * D)
        elif kind < 0.5:
            spec.update(precision="month", day=day.replace(day=1), end=day.replace(day=1) + 27 * D)
        elif kind < 0.55:
            spec.update(precision="year", day=day.replace(month=1, day=1), end=day.replace(month=12, day=31))
        elif kind < 0.62:
            spec.update(day=None)
        title = rng.choice(_TITLES)
        items.append(one(f"a{k // 2 if rng.random() < 0.2 else k}", f"{title}: five people were killed.", 5,
                         place=rng.choice(_PLACES), title=title, source=f"Outlet {k % 5}", **spec))
    feats = [features_of(i, it, OPTS) for i, it in enumerate(items)]
    texts = compared_texts(items, feats)
    return feats, texts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_place_index_passes_equal_scans_of_every_pair(seed):
    feats, texts = _items(seed)
    fixed = [k % 7 == 0 for k in range(len(feats))]
    index = PlaceIndex(feats, OPTS)
    filed = [set(_keys(f)[0]) for f in feats]
    # a follow-up looks back under its own name, GeoNames id and map cells (not its province or country)
    own = [{k for k in _keys(f)[1] if k[0] in ("n", "g", "x")} for f in feats]
    pairs, follow, region = set(), set(), set()
    for a, b in itertools.combinations(feats, 2):
        assert index.relation(a, b) == place_relation(a, b, OPTS)
        assert index.relation(b, a) == place_relation(b, a, OPTS)
        if a.article == b.article or (fixed[a.idx] and fixed[b.idx]):
            continue
        rel = place_relation(a, b, OPTS)
        if rel is not None and (a.date_known or a.published is not None) and (b.date_known or b.published is not None):
            if (date_gap(a, b) <= max(a.slack, b.slack) if a.date_known and b.date_known
                    else dates_compatible(a, b, rel, OPTS)):
                pairs.add((a.idx, b.idx, rel))
        for later, earlier in ((a, b), (b, a)):
            if later.bounded and earlier.date_known and followup_gap(later, earlier, OPTS) is not None:
                back = place_relation(later, earlier, OPTS)
                if back in FOLLOWED and own[later.idx] & filed[earlier.idx]:
                    follow.add((later.idx, earlier.idx, back))
        if (a.place_unsure or b.place_unsure) and in_one_region(a, b, OPTS):
            region.add((a.idx, b.idx))
    found = list(index.pairs(fixed))
    assert len(found) == len(set(found)) and set(found) == pairs
    assert pairs and follow and region  # the items are built so that every pass finds pairs
    crowd_free = LinkOptions(followup_crowd=10_000)  # no place holds too many to follow one up
    assert set(PlaceIndex(feats, crowd_free).followups(fixed)) == follow
    assert set(index.regional(fixed)) == region


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_named_pairs_equal_a_scan_of_every_pair(seed):
    feats, texts = _items(seed)
    opts = LinkOptions(followup_crowd=10_000)  # the crowded-name cut is the index's, by count
    index = PlaceIndex(feats, opts)
    same_time, later = index.named(texts)
    grams = [name_grams(t) for t in texts]
    expected_same, expected_later = set(), set()
    for f, g in itertools.permutations(feats, 2):
        if not (f.date_known and g.date_known) or f.article == g.article or not nameable(g):
            continue
        if g.place_name not in grams[f.idx]:
            continue
        if g.place_name == f.place_name and not index._homonyms(("n", g.place_name)):
            continue
        if g.place.geonames_id is not None and g.place.geonames_id == f.place.geonames_id:
            continue
        if place_relation(f, g, opts) is not None:
            continue
        if date_gap(f, g) <= max(f.slack, g.slack):
            expected_same.add((min(f.idx, g.idx), max(f.idx, g.idx)))
        elif followup_gap(f, g, opts) is not None:
            expected_later.add((f.idx, g.idx))
    assert set(same_time) == expected_same
    assert set(later) == expected_later
    assert expected_same or expected_later
