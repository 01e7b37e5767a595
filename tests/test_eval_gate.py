"""Accuracy gate: per-article killed/wounded totals on the GVDB dev set.

The floors in ``tests/floors/extract.json`` are the measured exact-match rates
rounded down to two decimals. A change that drops below a floor fails; a change
that beats a floor by more than 0.02 also fails, asking for the floor to be
raised, so that accuracy can only move up unless someone lowers a floor on
purpose (and says why in the commit).

The data is read in place from ``../shared/data/gvdb_dev.jsonl``; the test
skips when it is absent.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from deathtoll.evaluate import Evaluation, evaluate
from deathtoll.link.within import summarise_article

FLOORS = Path(__file__).parent / "floors" / "extract.json"
SLACK = 0.02  # how far a measurement may run ahead of its floor before the floor must be raised
OUTCOMES = ("killed", "wounded")


def _floors() -> dict[str, dict[str, float]]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gvdb(shared, extractor) -> Evaluation:
    path = shared / "data" / "gvdb_dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return evaluate(path, killed_field="n_killed_derived", wounded_field="n_injured_derived", id_field="article_id",
                    process=lambda article: summarise_article(article, extractor.extract(article)))


def test_floor_file_is_well_formed():
    floors = _floors()
    assert set(floors["gvdb_dev"]) == {f"{o}_exact" for o in OUTCOMES}
    for value in floors["gvdb_dev"].values():
        assert 0 <= value <= 1 and round(value, 2) == value  # two decimals, rounded down from a measurement


def test_every_article_is_scored(gvdb):
    scores = gvdb.to_dict()
    assert scores["skipped"] == 0
    assert scores["killed"]["n"] == scores["wounded"]["n"] == 400


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_exact_match_at_least_floor(gvdb, outcome):
    floor = _floors()["gvdb_dev"][f"{outcome}_exact"]
    measured = gvdb.to_dict()[outcome]["exact"]
    assert measured >= floor, (f"gvdb_dev {outcome} exact match fell to {measured:.4f}, below the floor {floor:.2f} "
                               f"(write the errors with deathtoll.evaluate.write_errors to see which articles)")


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_floor_is_raised_when_beaten(gvdb, outcome):
    floor = _floors()["gvdb_dev"][f"{outcome}_exact"]
    measured = gvdb.to_dict()[outcome]["exact"]
    new = math.floor(measured * 100) / 100
    assert measured - floor <= SLACK, (
        f"gvdb_dev {outcome} exact match is {measured:.4f}, more than {SLACK} above its floor {floor:.2f}: "
        f"floors can only be raised, so set gvdb_dev.{outcome}_exact to {new:.2f} in {FLOORS.name}")
