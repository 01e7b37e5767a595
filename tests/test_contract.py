"""The JSON contract of ``deathtoll extract --json`` (DESIGN.md) as a JSON Schema.

The schema in ``src/deathtoll/schema/extract.schema.json`` names the exact keys
of every contract object; these tests hold the schema, the model's ``to_dict``
and the command's output to each other.
"""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from deathtoll.cli import app
from deathtoll.model import Actor, Incident, Place

from factories import article, synthetic_result

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCHEMA = json.loads(resources.files("deathtoll").joinpath("schema/extract.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
# Objects whose keys are all optional: the outcomes a check states or itemises.
OPTIONAL_KEYS = {"figures"}


def _objects(node, where="$"):
    """Every object schema (one with ``properties``) and where it sits."""
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}[{i}]")


def full_result():
    """A result with every optional field filled, so every key is exercised."""
    res = synthetic_result(article("k1", "Dawn.\n\n4 civilians were killed and 2 were wounded in Eastford by gunfire. "
                                         "In all, 5 were killed.", url="https://example.org/k1"))
    inc = res.incidents[0]
    inc = Incident(inc.id, inc.place, inc.date, inc.cause, Actor("unknown_armed_group", "gunmen"), inc.victims, inc.reports)
    reports = tuple(r.with_(attribution="local officials") for r in res.reports)
    return res.__class__(res.article, reports, (inc,), res.totals, res.checks)


def test_schema_is_valid():
    Draft202012Validator.check_schema(SCHEMA)


def test_every_contract_object_is_closed_and_complete():
    found = list(_objects(SCHEMA))
    assert len(found) >= 14
    for where, node in found:
        assert node.get("additionalProperties") is False, where
        if not any(f"$defs.{name}" in where for name in OPTIONAL_KEYS):
            assert sorted(node["required"]) == sorted(node["properties"]), where


def test_schema_keys_are_the_model_keys():
    res = full_result()
    d = res.to_dict()
    defs = SCHEMA["$defs"]
    pairs = [
        ("article", d["article"]), ("report", d["reports"][0]), ("count", d["reports"][0]["count"]),
        ("victims", d["reports"][0]["victims"]), ("place", d["reports"][0]["place"]),
        ("date", d["reports"][0]["date"]), ("evidence", d["reports"][0]["evidence"]),
        ("actor", d["reports"][0]["perpetrator"]), ("incident", d["incidents"][0]),
        ("tally", d["incidents"][0]["victims"][0]), ("totals", d["totals"]), ("check", d["checks"][0]),
        ("figure", d["totals"]["killed"]),
    ]
    for name, obj in pairs:
        assert set(defs[name]["properties"]) == set(obj), name
    assert set(SCHEMA["properties"]) == set(d)


def test_a_full_result_validates():
    d = full_result().to_dict()
    assert d["reports"][0]["perpetrator"] is not None and d["checks"]
    VALIDATOR.validate(d)


def test_an_incident_without_place_or_date_validates():
    d = full_result().to_dict()
    d["incidents"][0] = Incident("k1/0", Place(), reports=("k1#0",)).to_dict()
    assert d["incidents"][0]["place"] == {} and d["incidents"][0]["date"] == {}
    VALIDATOR.validate(d)


@pytest.mark.parametrize("path", [
    (),                              # the top level
    ("article",),                    # the article
    ("reports", 0),                  # a report
    ("reports", 0, "count"),         # its count
    ("reports", 0, "victims"),       # its victims
    ("reports", 0, "place"),         # its place
    ("reports", 0, "date"),          # its date
    ("reports", 0, "evidence"),      # its evidence
    ("reports", 0, "perpetrator"),   # its perpetrator
    ("incidents", 0),                # an incident
    ("incidents", 0, "victims", 0),  # an incident's tally
    ("totals",),                     # the totals
    ("totals", "killed"),            # one total
    ("checks", 0),                   # a check
    ("checks", 0, "stated"),         # a check's stated figures
])
def test_an_extra_key_is_refused(path):
    d = copy.deepcopy(full_result().to_dict())
    node = d
    for step in path:
        node = node[step]
    node["surprise"] = 1
    assert not VALIDATOR.is_valid(d)


@pytest.mark.parametrize("path, value", [
    (("reports", 0, "outcome"), "hurt"),                  # not an outcome
    (("reports", 0, "victims", "group"), "bystanders"),   # not a victim group
    (("reports", 0, "scope"), "global"),                  # not a scope
    (("article", "published"), "4 March 2017"),           # not an ISO date
    (("reports", 0, "place", "country"), "Iraq"),         # not an ISO country code
    (("totals", "killed", "best"), None),                 # totals are numbers
])
def test_a_wrong_value_is_refused(path, value):
    d = copy.deepcopy(full_result().to_dict())
    node = d
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    assert not VALIDATOR.is_valid(d)


def test_design_example_validates():
    design = SHARED / "DESIGN.md"
    if not design.exists():
        pytest.skip("../shared/DESIGN.md is absent")
    block = re.search(r"```json\n(.*?)```", design.read_text("utf-8"), re.S)
    VALIDATOR.validate(json.loads(block.group(1)))


def test_extract_json_on_the_seeds_validates():
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent")
    result = CliRunner().invoke(app, ["extract", *map(str, seeds), "--json"])
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 5
    for obj in objects:
        errors = sorted(VALIDATOR.iter_errors(obj), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
