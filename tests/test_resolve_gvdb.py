"""Accuracy gate: the main incident place of the GVDB dev articles (US shootings).

For each article with a gold city, one hand-made report on the first sentence
with a shooting word goes through ``resolve()``; a hit is the gold city (any
spelling of the resolved entry) in the gold state. The floor in
``tests/floors/places.json`` may only be raised: lower it on purpose, in review.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

try:
    from test_resolve_common import SHARED, session_gazetteer
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import SHARED, session_gazetteer

ROOT = Path(__file__).resolve().parents[1]
FLOOR = Path(__file__).resolve().parent / "floors" / "places.json"
DATA = SHARED / "data" / "gvdb_dev.jsonl"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_gazetteer", ROOT / "bench" / "gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_gvdb_place_accuracy_is_at_least_the_floor(tmp_path_factory):
    if not DATA.is_file():
        pytest.skip(f"{DATA} is absent")
    floor = json.loads(FLOOR.read_text("utf-8"))
    got = _bench().gvdb_accuracy(DATA, session_gazetteer(tmp_path_factory))
    assert got["articles"] >= 300
    assert got["accuracy"] >= floor["gvdb_city_state"], got
    assert got["accuracy_with_state"] >= floor["gvdb_city_state_with_gold_state"], got


@pytest.mark.parametrize(
    "city,state,gold",
    [
        # the last line of a multi-line annotation, and the state's code and name
        ("publication date: 1/2/2016\nDETROIT", "MI - Michigan", ("DETROIT", ("MI", "Michigan"))),
        ("Sparta.", None, ("Sparta", None)),  # a trailing period
        ("Two hurt in a robberyBELPRE", None, ("BELPRE", None)),  # text glued on the front
        ("2016Springfield", None, ("Springfield", None)),  # a year glued on the front
        ("McKeesport", None, ("McKeesport", None)),  # a name with a capital inside stays whole
        (None, "Unclear", (None, None)),
    ],
)
def test_gold_names_are_read_as_city_and_state(city, state, gold):
    assert _bench().gold_of({"city": city, "state": state}) == gold


def test_a_neighbourhood_counts_for_the_city_it_lies_in(tmp_path_factory):
    b = _bench()
    gz = session_gazetteer(tmp_path_factory)
    from deathtoll.model import Place

    rogers_park = Place(name="Rogers Park", geonames_id=4908033, lat=42.0, lon=-87.67, admin1="Illinois",
                        country="US", precision="neighbourhood")
    assert b.is_hit(rogers_park, "Chicago", ("IL", "Illinois"), gz)
    assert not b.is_hit(rogers_park, "Evanston", ("IL", "Illinois"), gz)
