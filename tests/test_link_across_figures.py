"""Figures as evidence of one event: the same count of many people at one place."""

from __future__ import annotations

import pytest

from deathtoll.link.decide import same_many, score_pair
from deathtoll.link.features import features_of
from deathtoll.link.items import LinkOptions

from test_link_across_helpers import item, report

FIRST = "Gunmen opened fire on a wedding party in the village, an official said."
SECOND = "The attack on the wedding guests was carried out by masked men, residents said."


def told(aid: str, sentence: str, killed: int | None, wounded: int | None = None, place: str = "mosul"):
    """An article incident with ``killed`` and ``wounded`` people (None: that outcome is not told)."""
    reps = [report(aid, n, sentence, k, outcome=outcome, cause="gunfire", place=place)
            for n, (outcome, k) in enumerate((("killed", killed), ("wounded", wounded))) if k is not None]
    return item(reps, source=aid)


@pytest.mark.parametrize("a, b, many", [
    ((4, None), (4, None), 4),  # four killed in both: rare enough
    ((1, 2), (1, 2), 3),  # one killed and two wounded in both: three people alike
    ((2, None), (2, None), 0),  # two killed: too common to witness
    ((4, None), (5, None), 0),  # four against five: not the same count
    ((4, 3), (4, 6), 4),  # the killed agree, the wounded do not: the four still count
    ((None, 5), (5, None), 0),  # five wounded against five killed: no outcome in common
])
def test_same_many(a, b, many):
    opts = LinkOptions()
    fa = features_of(0, told("a", FIRST, *a), opts)
    fb = features_of(1, told("b", SECOND, *b), opts)
    assert same_many(fa, fb) == many


@pytest.mark.parametrize("relation, bonus", [
    ("same", True),  # one town: the equal count is evidence
    ("inside", True),  # a neighbourhood inside the other's town: so it is
    ("near", False),  # another town nearby: an equal count there is another event's as easily
    ("mentioned", False),  # places that do not relate: the count alone must not join them
])
def test_an_equal_count_of_many_counts_only_at_one_place(relation, bonus):
    opts = LinkOptions()
    fa = features_of(0, told("a", FIRST, 4), opts)
    fb = features_of(1, told("b", SECOND, 4), opts)
    score, reasons = score_pair(fa, fb, relation, 0.0, opts)
    fc = features_of(1, told("b", SECOND, 9), opts)
    few, _ = score_pair(fa, fc, relation, 0.0, opts)
    assert ("same count of 4" in reasons) is bonus
    # four against nine is "figures far apart" (-0.15) where four against four agree (+0.10)
    assert score - few == pytest.approx(0.25 + (0.10 if bonus else 0.0))
