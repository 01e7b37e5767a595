"""The mention pass's array filters say what its one-pair tests say.

``mention_pairs`` tests the dates (and countries, and stored items) of many
pairs at once with arrays (``_DateArrays``) before the per-pair place test;
these tests hold the arrays to the one-pair definition (``_dates_close``
here), and the whole pass to a brute-force scan of every pair.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest

from deathtoll.link.blocking import place_relation
from deathtoll.link.features import compared_texts, features_of
from deathtoll.link.items import LinkOptions
from deathtoll.link.mentions import _DateArrays, mention_pairs, names_each_other, text_words
from deathtoll.link.similarity import LexicalSimilarity
from test_link_across_helpers import DAY, PLACES, one

OPTS = LinkOptions()
D = timedelta(days=1)


def _dates_close(a, b, opts) -> bool:
    """The one-pair definition the arrays must follow (written plainly, as the pass once tested it)."""
    if a.date_known and b.date_known:
        return max(0, max(a.start, b.start) - min(a.end, b.end)) <= max(a.slack, b.slack)
    if a.published is None or b.published is None:
        return False
    if a.date_known or b.date_known:
        dated, undated = (a, b) if a.date_known else (b, a)
        lo, hi = undated.published - opts.undated_lag, undated.published + opts.day_window
        return dated.start <= hi and dated.end >= lo
    return abs(a.published - b.published) <= opts.published_window


def _feats(items):
    feats = [features_of(i, it, OPTS) for i, it in enumerate(items)]
    compared_texts(items, feats)
    return feats


@pytest.mark.parametrize("a, b, expected", [
    # both to the day: a day apart meets, two days apart does not
    ({"day": DAY}, {"day": DAY + D}, True),
    ({"day": DAY}, {"day": DAY + 2 * D}, False),
    # a week's slack reaches seven days; a month's 31
    ({"day": DAY, "precision": "week", "end": DAY + 6 * D}, {"day": DAY + 13 * D}, True),
    ({"day": DAY, "precision": "week", "end": DAY + 6 * D}, {"day": DAY + 14 * D}, False),
    ({"day": DAY, "precision": "month", "end": DAY + 30 * D}, {"day": DAY + 61 * D}, True),
    # one undated: the dated one within the week before its publication, or the day after
    ({"day": None, "published": DAY}, {"day": DAY - 7 * D}, True),
    ({"day": None, "published": DAY}, {"day": DAY - 8 * D}, False),
    ({"day": DAY - 9 * D, "precision": "week", "end": DAY - 3 * D}, {"day": None, "published": DAY}, True),
    ({"day": None, "published": DAY}, {"day": DAY + D}, True),
    ({"day": None, "published": DAY}, {"day": DAY + 2 * D}, False),
    # one undated without a publication date: never; a dated one without one: its date decides
    ({"day": None, "published": None}, {"day": DAY}, False),
    ({"day": DAY, "published": None}, {"day": DAY}, True),
    ({"day": DAY, "published": None}, {"day": None, "published": DAY}, False),
    # both undated: published within three days
    ({"day": None, "published": DAY}, {"day": None, "published": DAY + 3 * D}, True),
    ({"day": None, "published": DAY}, {"day": None, "published": DAY + 4 * D}, False),
    ({"day": None, "published": None}, {"day": None, "published": DAY}, False),
])
def test_date_arrays_agree_with_one_pair(a, b, expected):
    items = [one(f"a{k}", "Five people were killed in a blast in Mosul.", 5, **{"published": DAY, **spec})
             for k, spec in enumerate((a, b))]
    fa, fb = _feats(items)
    assert _dates_close(fa, fb, OPTS) is expected
    arrays = _DateArrays([fa, fb])
    assert arrays.close([0, 1], [1, 0], OPTS).tolist() == [expected, expected]


_TOWNS = ("mosul", "tal_afar", "hamdaniya", "gogjali", "kirkuk", "tikrit", "baghdad", "bayaa", "aleppo", "nowhere",
          "nineveh", "iraq")


def _random_items(seed: int, n: int = 90):
    """Items at assorted places and days, whose texts are alike and name other items' towns."""
    rng = random.Random(seed)
    items = []
    for k in range(n):
        place = rng.choice(_TOWNS)
        named = PLACES[rng.choice(_TOWNS)].name or "the city"
        day = DAY + rng.randrange(12) * D if rng.random() < 0.8 else None
        published = (day or DAY + rng.randrange(12) * D) + rng.randrange(2) * D if rng.random() < 0.95 else None
        sentence = f"A car bomb killed {rng.randint(3, 9)} people at the market near {named} on the road."
        items.append(one(f"a{k // 2 if rng.random() < 0.2 else k}-{seed}", sentence, 5, place=place, day=day,
                         published=published, cause="vbied", source=f"Outlet {k % 7}"))
    return items


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mention_pairs_equal_a_scan_of_every_pair(seed):
    items = _random_items(seed)
    feats = _feats(items)
    lexical = LexicalSimilarity().fit([f.text for f in feats])
    fixed = [k % 5 == 0 for k in range(len(feats))]
    cos = (lexical.matrix @ lexical.matrix.T).toarray()
    expected = set()
    for a, b in itertools.combinations(feats, 2):
        if cos[a.idx, b.idx] < OPTS.mention_similarity or a.article == b.article or (fixed[a.idx] and fixed[b.idx]):
            continue
        if a.place.geonames_id is not None and a.place.geonames_id == b.place.geonames_id:
            continue
        if a.place.country and b.place.country and a.place.country != b.place.country and \
                a.place.is_known and b.place.is_known:
            continue
        if place_relation(a, b, OPTS) is None and _dates_close(a, b, OPTS) and \
                names_each_other(a, b, text_words(a.text), text_words(b.text)):
            expected.add((a.idx, b.idx, "mentioned"))
    found = list(mention_pairs(feats, lexical.matrix, OPTS, fixed=fixed))
    assert len(found) == len(set(found))
    assert set(found) == expected
    assert expected  # the items are built so that some pairs come through
