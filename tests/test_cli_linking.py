"""Linking through the CLI on a real SQLite file: several outlets of one event become
one incident, an analyst's merge and split survive later runs, checks and the ACLED and
UCDP exports. The articles are written here (synthetic, in the genre of the seeds)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from deathtoll.cli import app
from deathtoll.store import open_store

runner = CliRunner()

OUTLETS = [
    {"id": "wire-1", "source": "Wire One", "published": "2017-02-06",
     "title": "Car bomb kills 20 in Baghdad market",
     "text": "BAGHDAD — A car bomb exploded in a crowded market in Baghdad's Sadr City on Monday, killing 20 "
             "people and wounding 45 others, police said."},
    {"id": "paper-2", "source": "Daily Two", "published": "2017-02-06",
     "title": "Market blast in Sadr City",
     "text": "At least 22 people were killed and dozens wounded when a parked car packed with explosives blew up "
             "in a Sadr City market in Baghdad on Monday, hospital officials said."},
    {"id": "radio-3", "source": "Radio Three", "published": "2017-02-07",
     "title": "Toll rises after Baghdad car bombing",
     "text": "The death toll from Monday's car bombing at a market in Sadr City, Baghdad, rose to 24 on Tuesday, "
             "medical sources said."},
]
OTHER = {"id": "wire-9", "source": "Wire One", "published": "2017-02-06",
         "title": "Sniper kills soldier in Ramadi",
         "text": "RAMADI — A sniper shot dead a soldier at a checkpoint in Ramadi on Monday, an army officer said."}


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _linked(db):
    with open_store(db) as store:
        return store.incidents()


def test_three_outlets_are_one_incident_and_merges_survive(tmp_path):
    db = tmp_path / "d.db"
    first = runner.invoke(app, ["run", str(_write(tmp_path / "a.jsonl", OUTLETS + [OTHER])), "--db", str(db)])
    assert first.exit_code == 0, first.output
    incidents = _linked(db)
    bomb = [i for i in incidents if i.tally("killed")[1] >= 20]
    assert len(bomb) == 1 and bomb[0].sources == 3
    assert bomb[0].tally("killed")[0] == 20 and bomb[0].tally("killed")[1] == 24  # low = lowest, best = latest
    sniper = [i for i in incidents if i.id != bomb[0].id and i.tally("killed")[1] == 1]
    assert len(sniper) == 1

    # an analyst merges the two (wrongly, but it is their call) and a later run with new input keeps it
    merged = runner.invoke(app, ["incidents", "merge", bomb[0].id, sniper[0].id, "--db", str(db)])
    assert merged.exit_code == 0, merged.output
    later = {"id": "late-4", "source": "Weekly Four", "published": "2017-03-20", "title": "Clashes near Tikrit",
             "text": "TIKRIT — Clashes with militants near Tikrit on Saturday killed three policemen, officials said."}
    again = runner.invoke(app, ["run", str(_write(tmp_path / "b.jsonl", [later])), "--db", str(db)])
    assert again.exit_code == 0, again.output
    after = _linked(db)
    together = [i for i in after if set(bomb[0].reports) | set(sniper[0].reports) <= set(i.reports)]
    assert len(together) == 1
    assert any(i.tally("killed")[1] == 3 for i in after)

    # the split takes the sniper's reports out again, and that too survives a re-run
    split = runner.invoke(app, ["incidents", "split", together[0].id, *sniper[0].reports, "--db", str(db)])
    assert split.exit_code == 0, split.output
    runner.invoke(app, ["run", str(tmp_path / "a.jsonl"), "--db", str(db)])
    final = _linked(db)
    assert any(set(i.reports) == set(sniper[0].reports) for i in final)


def test_checks_and_coded_exports(tmp_path):
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["run", str(_write(tmp_path / "a.jsonl", OUTLETS + [OTHER])), "--db", str(db)]).exit_code == 0
    checks = runner.invoke(app, ["checks", "--db", str(db)])
    assert checks.exit_code == 0 and "conflict" in checks.stdout  # 20 against 24 killed
    acled = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--db", str(db), "--format", "acled"]).stdout)))
    assert {"event_id_cnty", "event_date", "geo_precision", "time_precision", "fatalities"} <= set(acled[0])
    assert any(r["country"] == "Iraq" and r["fatalities"] == "20" for r in acled)
    ucdp = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--db", str(db), "--format", "ucdp"]).stdout)))
    assert {"where_prec", "date_prec", "best", "low", "high", "number_of_sources"} <= set(ucdp[0])
    assert any(r["number_of_sources"] == "3" for r in ucdp)


def test_merge_of_an_unknown_incident_is_an_error(tmp_path):
    db = tmp_path / "d.db"
    runner.invoke(app, ["run", str(_write(tmp_path / "a.jsonl", [OTHER])), "--db", str(db)])
    result = runner.invoke(app, ["incidents", "merge", "L-nope", "L-nada", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no incident 'L-nope' in {db}"


def test_relinking_everything_gives_the_same_incidents(tmp_path):
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["run", str(_write(tmp_path / "a.jsonl", OUTLETS + [OTHER])), "--db", str(db)]).exit_code == 0
    before = sorted((i.id, i.reports) for i in _linked(db))
    result = runner.invoke(app, ["link", "--db", str(db), "--all"])
    assert result.exit_code == 0, result.output
    assert "1 told by more than one source" in result.stderr
    assert sorted((i.id, i.reports) for i in _linked(db)) == before
